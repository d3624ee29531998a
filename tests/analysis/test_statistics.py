"""Tests for finding depths without indicators: the code model (cipherwire.analysis.model),
the exact tail of the null distribution, the reverse test (cipherwire.analysis.reverse)
and the search over all pairs (cipherwire.analysis.statistics)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts, by_indicator
from cipherwire.analysis.model import (
    P_FLOOR,
    SCALE,
    CodeModel,
    pmf,
    quantise,
    tail_limit,
    tail_probability,
)
from cipherwire.analysis.reverse import candidates, reversed_pages
from cipherwire.analysis.statistics import Search, by_statistics
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError
from cipherwire.venona.folder import Traffic
from cipherwire.venona.traffic import TrafficPlan, generate

INT16_MAX = int(np.iinfo(np.int16).max)
WEIGHTS = np.array([1000, 100, 10, 1], dtype=np.int64)


@dataclass(frozen=True)
class Found:
    """A traffic, what by_statistics found in it, and the progress calls it made."""

    traffic: Traffic
    search: Search
    progress: list[tuple[int, int]]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Found:
    """300 messages on three links, 5% of the pages duplicated (no reverse fault), searched."""
    plan = TrafficPlan(messages=300, links=3, duplicate_fraction=0.05, seed=1)
    traffic = generate(plan, tmp_path_factory.mktemp("stats") / "t")
    calls: list[tuple[int, int]] = []
    search = by_statistics(traffic.intercepts(), progress=lambda d, t: calls.append((d, t)))
    return Found(traffic, search, calls)


# -- tail_limit against a brute-force reference ---------------------------------------------


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


# -- the code model ------------------------------------------------------------------------


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


BAD_MODELS: list[tuple[str, Callable[[], object]]] = [
    ("code-list", lambda: CodeModel.from_code([1, 2, 3, 4] * 4)),  # type: ignore[arg-type]
    ("code-int64", lambda: CodeModel.from_code(np.arange(16) % 10)),  # type: ignore[arg-type]
    ("code-2d", lambda: CodeModel.from_code(np.zeros((4, 4), dtype=np.uint8))),
    ("code-short", lambda: CodeModel.from_code(np.zeros(15, dtype=np.uint8))),
    ("code-digit-10", lambda: CodeModel.from_code(np.full(16, 10, dtype=np.uint8))),
    ("windows-shape", lambda: CodeModel(np.full((4, 10), 0.1), np.full((4, 10**5), 1e-5))),
    ("windows-list", lambda: CodeModel([[1.0]], np.full((4, 10**5), 1e-5))),  # type: ignore[arg-type]
    ("windows-zero", lambda: CodeModel(np.eye(4, 10**4), np.full((4, 10**5), 1e-5))),
    ("windows-sum", lambda: CodeModel(np.full((4, 10**4), 2e-4), np.full((4, 10**5), 1e-5))),
    ("fives-nan", lambda: CodeModel(np.full((4, 10**4), 1e-4), np.full((4, 10**5), np.nan))),
]  # fmt: skip


@pytest.mark.parametrize("call", [b[1] for b in BAD_MODELS], ids=[b[0] for b in BAD_MODELS])
def test_bad_models(call: Callable[[], object]) -> None:
    """Each bad code stream or table raises AnalysisError."""
    with pytest.raises(AnalysisError):
        call()


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


# -- by_statistics -------------------------------------------------------------------------


def _aligned_full_page(depth: Depth) -> bool:
    """Both stretches a whole page, at page indices 0 mod 4 apart: code groups aligned."""
    pages_apart = (depth.first_at - 1) // GROUPS_PER_PAGE - (depth.second_at - 1) // GROUPS_PER_PAGE
    return depth.length == GROUPS_PER_PAGE - 1 and pages_apart % 4 == 0


def test_statistics_findings_are_real(found: Found) -> None:
    """At most one wrong finding (0.5 expected), and some right ones."""
    assert found.traffic.depths is not None
    truth = {d.key for d in found.traffic.depths}
    keys = {d.key for d in found.search.depths}
    assert len(keys - truth) <= 1
    assert len(keys & truth) >= 5


def test_statistics_finds_every_aligned_full_page(found: Found) -> None:
    """Every depth of a whole page with code groups aligned is found (the method's promise)."""
    assert found.traffic.depths is not None
    aligned = [d for d in found.traffic.depths if _aligned_full_page(d)]
    assert len(aligned) >= 3  # the fixture has some to find
    keys = {d.key for d in found.search.depths}
    assert [d for d in aligned if d.key not in keys] == []


def test_statistics_search_record(found: Found) -> None:
    """The search counts stretches and pairs; depths sorted, p-values within the budget."""
    intercepts = found.traffic.intercepts()
    n = int((-(-intercepts.group_counts // GROUPS_PER_PAGE)).sum())
    assert found.search.stretches == n
    assert found.search.pairs == n * (n - 1) // 2 + int(candidates(intercepts).size)
    assert list(found.search.depths) == sorted(found.search.depths)
    assert len(found.search.p_values) == len(found.search.depths)
    budget = 0.5 / found.search.pairs
    assert all(0 < p <= budget * (1 + 1e-9) for p in found.search.p_values)
    assert found.search.seconds > 0


def test_progress_is_reported(found: Found) -> None:
    """progress(done, total) counts up by one to the total, which never changes."""
    calls = found.progress
    assert calls
    totals = {total for _, total in calls}
    assert len(totals) == 1
    assert [done for done, _ in calls] == list(range(1, totals.pop() + 1))


def test_statistics_on_correct_traffic(tmp_path: Path) -> None:
    """Pads made and used correctly: at most one (false) finding."""
    # Messages of one or two pages: two of the four code-group offsets, so the search
    # builds three score tables, not seven (fast).
    plan = TrafficPlan(messages=200, links=3, groups=(20, 110), seed=6)
    traffic = generate(plan, tmp_path / "t")
    assert traffic.depths == ()
    assert len(by_statistics(traffic.intercepts()).depths) <= 1


@pytest.mark.parametrize(
    "value", [0, -1, 0.0, math.nan, math.inf, 1e6, "0.5", True, None], ids=repr
)
def test_bad_false_alarms(found: Found, value: Any) -> None:
    """A budget of false alarms that is not a positive number raises AnalysisError."""
    with pytest.raises(AnalysisError) as caught:
        by_statistics(found.traffic.intercepts(), false_alarms=value)
    assert repr(value) in str(caught.value)


# -- the reverse test ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def reversing(tmp_path_factory: pytest.TempPathFactory) -> Traffic:
    """200 messages, a third of the clerks reading their first page again backwards."""
    plan = TrafficPlan(messages=200, links=2, reverse_fraction=0.35, seed=8)
    return generate(plan, tmp_path_factory.mktemp("reverse") / "t")


def test_candidates_are_full_pages_followed_on(reversing: Traffic) -> None:
    """The candidates are the full stretches followed by another of the same message."""
    intercepts = reversing.intercepts()
    message, _, length = intercepts.pages()
    expected = [
        i
        for i in range(message.size - 1)
        if message[i] == message[i + 1] and length[i] == GROUPS_PER_PAGE - 1 and length[i + 1] > 0
    ]
    assert candidates(intercepts).tolist() == expected


def test_reversed_pages_are_real(reversing: Traffic, model: CodeModel) -> None:
    """The reverse test finds reversed pages within messages, at most one of them wrong."""
    intercepts = reversing.intercepts()
    assert reversing.depths is not None
    truth = {d.key for d in reversing.depths}
    tests = int(candidates(intercepts).size)
    hits = reversed_pages(intercepts, model, 0.5 / tests)
    keys = {d.key for d, _ in hits}
    assert all(0 < p <= 0.5 / tests for _, p in hits)
    assert all(d.reverse and d.first == d.second for d, _ in hits)
    assert len(keys - truth) <= 1 and len(keys & truth) >= 3
    assert set(by_indicator(intercepts)) == set(reversing.depths)


def test_intercepts_pages() -> None:
    """Page stretches of a 130-group message: indicators at 0, 60, 120; 59, 59, 9 key groups."""
    texts = [_cable(130), _cable(3)]
    message, at, length = Intercepts.from_texts(texts).pages()
    assert message.tolist() == [0, 0, 0, 1]
    assert at.tolist() == [0, 60, 120, 0]
    assert length.tolist() == [59, 59, 9, 2]


def _cable(groups: int) -> str:
    """A printed cable of ``groups`` groups (all 12345)."""
    lines = [" ".join(["12345"] * min(10, groups - i)) for i in range(0, groups, 10)]
    return "\n".join(
        ["CABLE 1 PART 1 OF 1", "FROM: NEW YORK", "TO: MOSCOW", f"GROUPS: {groups}", "", *lines]
    )
