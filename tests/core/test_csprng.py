"""Tests for cipherwire.core.csprng: unbiased decimal key digits, seeded and unseeded."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
