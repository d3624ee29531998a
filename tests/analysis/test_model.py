"""Tests for cipherwire.analysis.model: the code model, its log likelihood ratios, and the
exact tail of a sum of window scores."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from cipherwire.analysis.model import (
    P_FLOOR,
    SCALE,
    CodeModel,
    pmf,
    quantise,
    tail_limit,
    tail_probability,
)
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.errors import AnalysisError

INT16_MAX = int(np.iinfo(np.int16).max)
WEIGHTS = np.array([1000, 100, 10, 1], dtype=np.int64)


def _exact_limit(pmfs: list[tuple[NDArray[np.float64], int]], per_test: float) -> tuple[int, Any]:
    """The lowest total whose exact tail is at most ``per_test``, by repeated np.convolve;
    and every tail value (to keep away from ties)."""
    total = np.ones(1)
    windows = 0
    for p, n in pmfs:
        for _ in range(n):
            total = np.convolve(total, p)
            windows += 1
    tail = np.append(np.cumsum(total[::-1])[::-1], 0.0)  # tail[i]: i - 127 * windows or more
    first = int(np.flatnonzero(tail <= per_test)[0])
    return first - 127 * windows, tail


@st.composite
def small_pmfs(draw: st.DrawFn) -> NDArray[np.float64]:
    """A pmf of a few scores within -127..127 (index v + 127)."""
    weights = draw(st.lists(st.integers(0, 9), min_size=1, max_size=6))
    assume(sum(weights) > 0)
    start = draw(st.integers(0, 255 - len(weights)))
    out = np.zeros(255)
    out[start : start + len(weights)] = weights
    out /= out.sum()
    return out


@settings(max_examples=100, deadline=None)
@given(
    pmfs=st.lists(st.tuples(small_pmfs(), st.integers(0, 5)), min_size=1, max_size=3),
    exponent=st.floats(-9, 0),
)
def test_tail_limit_matches_brute_force(
    pmfs: list[tuple[NDArray[np.float64], int]], exponent: float
) -> None:
    """tail_limit gives the threshold that exact convolution gives."""
    assume(sum(n for _, n in pmfs) > 0)
    per_test = 10.0**exponent
    expected, tail = _exact_limit(pmfs, per_test)
    assume(np.all(np.abs(tail - per_test) > 1e-6 * per_test + 1e-13))  # no tie within rounding
    assert tail_limit(pmfs, per_test) == expected


@settings(max_examples=60, deadline=None)
@given(
    pmfs=st.lists(st.tuples(small_pmfs(), st.integers(0, 4)), min_size=1, max_size=3),
    data=st.data(),
)
def test_tail_probability_matches_brute_force(
    pmfs: list[tuple[NDArray[np.float64], int]], data: st.DataObject
) -> None:
    """tail_probability is the exact tail (floored at P_FLOOR); 1 at or below the least total."""
    windows = sum(n for _, n in pmfs)
    assume(windows > 0)
    _, tail = _exact_limit(pmfs, 0.5)
    low = -127 * windows
    total = data.draw(st.integers(low - 3, low + tail.size + 3))
    exact = 1.0 if total <= low else float(tail[min(total - low, tail.size - 1)])
    got = tail_probability(pmfs, total)
    assert got == pytest.approx(max(exact, P_FLOOR), rel=1e-6, abs=1e-13)


def test_tail_limit_edges() -> None:
    """No windows: the largest int16; a total noise never reaches; probability 1: the least."""
    coin = np.zeros(255)
    coin[[127, 128]] = 0.5  # scores 0 or 1
    assert tail_limit([], 0.01) == INT16_MAX
    assert tail_limit([(coin, 0)], 0.01) == INT16_MAX
    assert tail_limit([(coin, 3)], 0.2) == 3  # P(3) = 1/8 <= 0.2 < P(2 or more) = 1/2
    assert tail_limit([(coin, 3)], 0.1) == 4  # only an impossible total is that rare
    assert tail_limit([(coin, 3)], 0.9) == 1  # P(1 or more) = 7/8


@pytest.fixture(scope="module")
def model() -> CodeModel:
    """The shipped default model."""
    return CodeModel.default()


def test_from_code_rows_are_distributions() -> None:
    """Every row of both window tables is positive and sums to 1; THE and STOP lead."""
    texts = Prose.telegraphese().texts(np.random.default_rng(2), np.full(50, 100, dtype=np.int64))
    code = Codebook.default().encode_many(texts).digits
    made = CodeModel.from_code(code)
    assert made.windows.shape == (4, 10**4) and made.fives.shape == (4, 10**5)
    assert np.allclose(made.windows.sum(axis=1), 1) and np.allclose(made.fives.sum(axis=1), 1)
    assert (made.windows > 0).all() and (made.fives > 0).all()
    the, stop = Codebook.default().encode("THE.").reshape(2, 4).astype(np.int64) @ WEIGHTS
    assert set(np.argsort(made.windows[0])[-2:].tolist()) == {the, stop}


def test_from_code_counts_with_the_prior() -> None:
    """Four code groups 1234: row 0 holds 4 + prior counts at 1234, prior elsewhere."""
    code = np.tile(np.array([1, 2, 3, 4], dtype=np.uint8), 4)
    made = CodeModel.from_code(code, prior=1.0)
    assert made.windows[0, 1234] == pytest.approx(5 / (4 + 10**4))
    assert made.windows[0, 0] == pytest.approx(1 / (4 + 10**4))
    assert made.windows[1, 2341] == pytest.approx(4 / (3 + 10**4))  # three windows at shift 1


_FIVES = np.full((4, 10**5), 1e-5)
_WINDOWS = np.full((4, 10**4), 1e-4)
_ZEROS = np.zeros(16, dtype=np.uint8)
_TEN = np.r_[_ZEROS, 10].astype(np.uint8)  # a digit 10 at index 16

BAD_MODELS: list[tuple[str, Callable[[], object], str]] = [
    ("code-list", lambda: CodeModel.from_code([1, 2, 3, 4] * 4), "not list"),  # type: ignore[arg-type]
    ("code-int64", lambda: CodeModel.from_code(np.arange(16) % 10), "not int64"),  # type: ignore[arg-type]
    ("code-2d", lambda: CodeModel.from_code(_ZEROS.reshape(4, 4)), "not of shape (4, 4)"),
    ("code-short", lambda: CodeModel.from_code(np.zeros(15, dtype=np.uint8)), "not 15"),
    ("code-digit-10", lambda: CodeModel.from_code(_TEN), "code[16] is 10"),
    ("prior-0", lambda: CodeModel.from_code(_ZEROS, prior=0), "not 0"),
    ("prior-nan", lambda: CodeModel.from_code(_ZEROS, prior=math.nan), "not nan"),
    ("prior-text", lambda: CodeModel.from_code(_ZEROS, prior="1"), "not '1'"),  # type: ignore[arg-type]
    ("windows-shape", lambda: CodeModel(np.full((4, 10), 0.1), _FIVES), "not of shape (4, 10)"),
    ("windows-list", lambda: CodeModel([[1.0]], _FIVES), "not list"),  # type: ignore[arg-type]
    ("windows-zero", lambda: CodeModel(np.eye(4, 10**4), _FIVES), "windows[0, 1] is 0.0"),
    ("windows-sum", lambda: CodeModel(_WINDOWS * 2, _FIVES), "row 0 of windows sums to 2"),
    ("fives-nan", lambda: CodeModel(_WINDOWS, np.full((4, 10**5), np.nan)), "fives[0, 0] is nan"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "quoted"), [b[1:] for b in BAD_MODELS], ids=[b[0] for b in BAD_MODELS]
)
def test_bad_models(call: Callable[[], object], quoted: str) -> None:
    """Each bad code stream, prior or table raises AnalysisError quoting what is wrong."""
    with pytest.raises(AnalysisError) as caught:
        call()
    assert quoted in str(caught.value)


def test_llr_is_a_log_likelihood_ratio(model: CodeModel) -> None:
    """exp(llr) / 10**4 (exp(llr5) / 10**5) is a distribution; aligned 0000 beats noise."""
    for shift in range(4):
        llr = model.llr(shift)
        assert llr.shape == (10**4,) and llr.dtype == np.float64
        assert math.isclose(float(np.exp(llr).sum() * 1e-4), 1.0, rel_tol=1e-9)
    assert np.array_equal(model.llr(4), model.llr(0))
    assert model.llr(0)[0] > 0  # sum of p(x)**2 > 1e-4 for any uneven p
    for first, second in ((0, 0), (1, 3), (2, 0)):
        llr5 = model.llr5(first, second)
        assert math.isclose(float(np.exp(llr5).sum() * 1e-5), 1.0, rel_tol=1e-9)


def test_quantise_and_pmf() -> None:
    """Scores are round(16 llr) clipped to int8; pmf puts score v at index v + 127."""
    scores = quantise(np.array([0.0, 1 / SCALE, -0.4 / SCALE, 100.0, -100.0, 2.53]))
    assert scores.dtype == np.int8
    assert scores.tolist() == [0, 1, 0, 127, -127, round(2.53 * SCALE)]
    p = pmf(np.array([0, 0, 1, -127], dtype=np.int8))
    assert p.shape == (255,) and math.isclose(p.sum(), 1.0)
    assert (p[127], p[128], p[0]) == (0.5, 0.25, 0.25)


# -- properties of the model and the tails -----------------------------------------------------

FIGURES5 = (np.arange(10**5)[:, None] // 10 ** np.arange(4, -1, -1)) % 10


def _negate(size: int) -> NDArray[np.int64]:
    """The value of -v figure by figure (mod 10), for every value v of ``size`` figures."""
    figures = (np.arange(10**size)[:, None] // 10 ** np.arange(size - 1, -1, -1)) % 10
    out: NDArray[np.int64] = ((-figures) % 10) @ 10 ** np.arange(size - 1, -1, -1)
    return out


@pytest.mark.parametrize(("first", "second"), [(0, 0), (0, 1), (1, 3), (2, 2)])
def test_llr5_is_symmetric_in_the_pair_order(model: CodeModel, first: int, second: int) -> None:
    """The difference one way is the other's negated: llr5(a, b)[D] = llr5(b, a)[-D]."""
    np.testing.assert_allclose(
        model.llr5(first, second), model.llr5(second, first)[_negate(5)], atol=1e-9
    )


def test_llr_of_aligned_groups_is_symmetric(model: CodeModel) -> None:
    """Two aligned code streams: D and -D are equally likely; 0000 is the likeliest."""
    llr = model.llr(0)
    np.testing.assert_allclose(llr, llr[_negate(4)], atol=1e-9)
    assert int(np.argmax(llr)) == 0


def test_default_is_made_once_and_is_the_prose_model() -> None:
    """default() is kept; for_prose with the shipped codebook counts the same sample."""
    assert CodeModel.default() is CodeModel.default()
    assert CodeModel.for_prose() is CodeModel.default()
    made = CodeModel.for_prose(Codebook.default())
    np.testing.assert_array_equal(made.windows, CodeModel.default().windows)
    assert not np.array_equal(CodeModel.for_prose(zipf=1.4).windows, made.windows)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-20, 20), min_size=1, max_size=50))
def test_quantise_is_bounded_and_monotone(values: list[float]) -> None:
    """Quantised scores stay within -127..127 and keep the order of the ratios."""
    llr = np.sort(np.array(values))
    q = quantise(llr)
    assert q.min() >= -127 and q.max() <= 127
    assert (np.diff(q.astype(int)) >= 0).all()
    assert (np.abs(q - np.clip(llr * SCALE, -127, 127)) <= 0.5 + 1e-9).all()


@settings(max_examples=60, deadline=None)
@given(
    pmfs=st.lists(st.tuples(small_pmfs(), st.integers(1, 4)), min_size=1, max_size=3),
    exponents=st.tuples(st.floats(-9, 0), st.floats(-9, 0)),
)
def test_tail_limit_is_monotone_and_agrees_with_tail_probability(
    pmfs: list[tuple[NDArray[np.float64], int]], exponents: tuple[float, float]
) -> None:
    """A smaller budget never lowers the limit; noise reaches the limit with probability
    within the budget, and one below it with more."""
    low, high = sorted(10.0**e for e in exponents)
    assert tail_limit(pmfs, low) >= tail_limit(pmfs, high)
    limit = tail_limit(pmfs, high)
    if limit < INT16_MAX:
        assert tail_probability(pmfs, limit) <= high * (1 + 1e-6) + P_FLOOR
        assert tail_probability(pmfs, limit - 1) > high * (1 - 1e-6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(small_pmfs(), st.integers(0, 4)), min_size=1, max_size=3), st.data())
def test_tail_probability_falls_with_the_total(
    pmfs: list[tuple[NDArray[np.float64], int]], data: st.DataObject
) -> None:
    """The chance of reaching a total is a probability, and no larger for a larger total."""
    a = data.draw(st.integers(-600, 600))
    b = data.draw(st.integers(a, 700))
    pa, pb = tail_probability(pmfs, a), tail_probability(pmfs, b)
    assert P_FLOOR <= pb <= pa <= 1.0
