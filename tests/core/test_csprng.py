"""Tests for cipherwire.core.csprng: unbiased decimal key digits, seeded and unseeded."""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.core import csprng, digits_to_text
from cipherwire.core._engine import chunks
from cipherwire.core.csprng import random_digits
from cipherwire.errors import ArrayTypeError, ArrayValueError, CipherwireError

#: The 0.999 quantile of the chi-square distribution with 9 degrees of freedom.
CHI2_9_999 = 27.877


def chi_square(digits: np.ndarray) -> float:
    """Pearson's chi-square statistic of *digits* against the uniform distribution on 0-9."""
    counts = np.bincount(digits, minlength=10).astype(float)
    expected = digits.size / 10
    return float(((counts - expected) ** 2 / expected).sum())


@pytest.mark.parametrize("seed", [None, 1950], ids=["os", "seeded"])
@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 1001])
def test_shape_and_dtype(n: int, seed: int | None) -> None:
    """n digits of dtype uint8, whatever n is mod 4, from either source."""
    digits = random_digits(n, seed=seed)
    assert digits.shape == (n,)
    assert digits.dtype == np.uint8


@pytest.mark.parametrize("seed", [None, 0, 1950, -7, 10**40], ids=["os", "0", "1950", "neg", "big"])
def test_never_above_nine(seed: int | None) -> None:
    """Rejection sampling only ever yields the digits 0-9, and every one of them."""
    digits = random_digits(50_000, seed=seed)
    assert int(digits.max()) <= 9
    assert set(np.unique(digits).tolist()) == set(range(10))


@pytest.mark.parametrize("seed", [0, 1950, -1, 2**70], ids=["0", "1950", "neg", "big"])
def test_seeded_stream_is_uniform(seed: int) -> None:
    """A seeded stream of 100,000 digits passes a chi-square test at the 0.1% level."""
    assert chi_square(random_digits(100_000, seed=seed)) < CHI2_9_999


def test_os_stream_is_uniform() -> None:
    """The OS stream passes a chi-square test at the 0.1% level (a 1-in-1000 false alarm)."""
    digits = random_digits(200_000)
    assert chi_square(digits) < CHI2_9_999


def test_seeded_pairs_are_uniform() -> None:
    """Successive seeded digits are independent: the 100 digit pairs are equally frequent."""
    digits = random_digits(200_000, seed=1950).astype(np.int64)
    pairs = digits[0::2] * 10 + digits[1::2]
    counts = np.bincount(pairs, minlength=100).astype(float)
    expected = pairs.size / 100
    # the 0.999 quantile of chi-square with 99 degrees of freedom is about 148.2
    assert float(((counts - expected) ** 2 / expected).sum()) < 148.2


def test_os_blocks_are_uniform() -> None:
    """The OS sampler's four-digit blocks have unbiased leading digits (no mod-10,000 skew)."""
    digits = random_digits(400_000)
    leading = digits[0::4]
    # 0000-5535 would be favoured by a plain mod; its leading digits 0-5 would then excess
    assert chi_square(leading) < CHI2_9_999


def test_seeded_reproducible() -> None:
    """The same seed gives the same digits, call after call."""
    assert np.array_equal(random_digits(2000, seed=42), random_digits(2000, seed=42))


def test_seed_known_answer() -> None:
    """The classroom stream is part of the pad format: the start of seed 1950 is pinned."""
    assert "".join(map(str, random_digits(20, seed=1950).tolist())) == "62674147683855260665"


def test_different_seeds_differ() -> None:
    """Neighbouring seeds, and a seed and its negation, give different streams."""
    streams = [random_digits(100, seed=s).tobytes() for s in (1, 2, -1, 10, 11)]
    assert len(set(streams)) == len(streams)


def test_unseeded_draws_differ() -> None:
    """Two unseeded draws are different (equal by chance with probability 10**-200)."""
    assert not np.array_equal(random_digits(200), random_digits(200))


@settings(max_examples=30, deadline=None)
@given(st.integers(), st.integers(0, 300), st.integers(0, 300))
def test_seeded_prefix_stable(seed: int, n: int, extra: int) -> None:
    """random_digits(m, seed=s) begins with random_digits(n, seed=s) for any m >= n."""
    short = random_digits(n, seed=seed)
    long = random_digits(n + extra, seed=seed)
    assert np.array_equal(long[:n], short)


@pytest.mark.parametrize(
    ("n", "seed", "error", "quoted"),
    [
        (-1, None, ArrayValueError, "-1"),
        (-5, 3, ArrayValueError, "-5"),
        (2.0, None, ArrayTypeError, "float"),
        ("10", None, ArrayTypeError, "str"),
        (True, None, ArrayTypeError, "bool"),
        (None, None, ArrayTypeError, "NoneType"),
        (10, 1.5, ArrayTypeError, "float"),
        (10, "1950", ArrayTypeError, "str"),
        (10, False, ArrayTypeError, "bool"),
    ],
    ids=[
        "neg",
        "neg-seeded",
        "float-n",
        "str-n",
        "bool-n",
        "none-n",
        "float-seed",
        "str-seed",
        "bool-seed",
    ],
)
def test_bad_arguments(n: object, seed: object, error: type[Exception], quoted: str) -> None:
    """Bad n or seed raises the typed error, a CipherwireError, naming the value or its type."""
    with pytest.raises(error, match=quoted) as info:
        random_digits(n, seed=seed)  # type: ignore[arg-type]
    assert isinstance(info.value, CipherwireError)


# -- more draws: pinned streams, bias, threads ---------------------------------------------


@pytest.mark.parametrize("seed", [None, 0, 1950, -7, 2**100])
@pytest.mark.parametrize("n", [0, 1, 5, 299, 10_000])
def test_random_digits_shape_and_range(n: int, seed: int | None) -> None:
    """n digits of dtype uint8, all 0-9, from the OS or any integer seed."""
    digits = random_digits(n, seed=seed)
    assert digits.shape == (n,) and digits.dtype == np.uint8
    assert n == 0 or int(digits.max()) <= 9


def test_seeded_digits_reproducible() -> None:
    """The same seed gives the same digits, and a longer draw extends a shorter one."""
    short = random_digits(300, seed=1950)
    np.testing.assert_array_equal(short, random_digits(300, seed=1950))
    np.testing.assert_array_equal(random_digits(5000, seed=1950)[:300], short)


def test_seeded_stream_is_pinned() -> None:
    """The classroom stream never changes silently: every printed classroom pad hangs on it."""
    assert digits_to_text(random_digits(20, seed=1950)) == "62674147683855260665"
    assert digits_to_text(random_digits(10, seed=0)) == "5037942175"


def test_many_seeds_differ() -> None:
    """Different seeds give different streams (and neither equals the OS stream)."""
    streams = {digits_to_text(random_digits(50, seed=s)) for s in (0, 1, 2, -1, 10**30)}
    assert len(streams) == 5
    assert digits_to_text(random_digits(50)) not in streams


def test_os_digits_differ_between_calls() -> None:
    """Two OS draws of 100 digits are not the same (chance 10**-100)."""
    assert not np.array_equal(random_digits(100), random_digits(100))


def test_os_digits_uniform() -> None:
    """100,000 OS digits: each count within 6 binomial sigma, chi-square (9 dof) below 50."""
    n = 100_000
    counts = np.bincount(random_digits(n), minlength=10)
    expected = n / 10
    sigma = math.sqrt(n * 0.1 * 0.9)  # about 95
    assert np.all(np.abs(counts - expected) < 6 * sigma), counts
    chi_square = float(((counts - expected) ** 2 / expected).sum())
    assert chi_square < 50, (chi_square, counts)  # P(chi2_9 > 50) is about 1e-7


def fake_urandom(byte_values: list[int]) -> Callable[[int], bytes]:
    """An os.urandom stand-in that cycles through byte_values, one stream across calls."""
    stream = itertools.cycle(byte_values)

    def urandom(size: int) -> bytes:
        return bytes(itertools.islice(stream, size))

    return urandom


def test_no_modulo_bias() -> None:
    """Each kept 16-bit value gives its four digits mod 10,000: every digit equally often."""
    table = csprng._QUAD_DIGITS.view(np.uint8).reshape(-1, 4)
    assert table.shape == (60_000, 4)
    assert np.bincount(table.reshape(-1), minlength=10).tolist() == [24_000] * 10
    assert table[1950].tolist() == [1, 9, 5, 0] and table[59_999].tolist() == [9, 9, 9, 9]
    naive = np.bincount(np.arange(65_536) % 10_000 // 1000, minlength=10)  # no rejection
    assert naive.tolist() == [7000] * 5 + [6536] + [6000] * 4


def test_rejected_values_never_become_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    """16-bit values of 60,000 or more are thrown away and more are drawn until n digits."""
    stream = np.array([65_535] * 500 + [1950, 60_000, 7], dtype="<u2").tobytes()
    monkeypatch.setattr(os, "urandom", fake_urandom(list(stream)))
    assert digits_to_text(random_digits(8)) == "19500007"
    assert digits_to_text(random_digits(3)) in {"195", "000"}


@pytest.mark.parametrize(
    ("n", "seed", "error"),
    [
        pytest.param(-1, None, ValueError, id="negative"),
        pytest.param(2.0, None, TypeError, id="float-n"),
        pytest.param(True, None, TypeError, id="bool-n"),
        pytest.param(3, "1950", TypeError, id="str-seed"),
        pytest.param(3, 1.5, TypeError, id="float-seed"),
    ],
)
def test_random_digits_bad_arguments(n: object, seed: object, error: type) -> None:
    """Bad n or seed raise TypeError or ValueError."""
    with pytest.raises(error):
        random_digits(n, seed=seed)  # type: ignore[arg-type]


def test_random_digits_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A draw split over threads is still n digits 0-9 (and not all the same)."""
    monkeypatch.setattr(csprng, "_THREADED_FROM", 16)
    chunks.set_threads(2)
    try:
        digits = random_digits(1_000_003)
    finally:
        chunks.set_threads(None)
    assert digits.shape == (1_000_003,) and int(digits.max()) <= 9
    assert np.bincount(digits, minlength=10).min() > 90_000
