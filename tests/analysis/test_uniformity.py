"""Tests for cipherwire.analysis.uniformity: incomplete gamma, chi-square tails, Uniformity."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.analysis.uniformity import (
    PValueMethod,
    Uniformity,
    chi_square_sf,
    gamma_p,
    gamma_q,
)
from cipherwire.errors import AnalysisError, ArrayTypeError, ArrayValueError


@pytest.mark.parametrize(
    ("statistic", "df", "p"),
    [
        (3.841, 1, 0.05),
        (6.635, 1, 0.01),
        (16.919, 9, 0.05),
        (21.666, 9, 0.01),
        (27.877, 9, 0.001),
        (123.225, 99, 0.05),
        (0.0, 5, 1.0),
        (-3.0, 5, 1.0),
    ],
    ids=["df1-5%", "df1-1%", "df9-5%", "df9-1%", "df9-0.1%", "df99-5%", "zero", "negative"],
)
def test_chi_square_sf_table(statistic: float, df: int, p: float) -> None:
    """Printed critical values of the chi-square distribution give their tail chances."""
    assert chi_square_sf(statistic, df) == pytest.approx(p, abs=5e-5)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 200))
def test_closed_forms(x: float) -> None:
    """P(1, x) = 1 - e^-x, Q(1/2, x) = erfc(sqrt x), chi-square with 2 df: e^(-x/2)."""
    assert gamma_p(1, x) == pytest.approx(-math.expm1(-x), rel=1e-10, abs=1e-300)
    assert gamma_q(0.5, x) == pytest.approx(math.erfc(math.sqrt(x)), rel=1e-9, abs=1e-300)
    assert chi_square_sf(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-9, abs=1e-300)


@settings(max_examples=200, deadline=None)
@given(st.floats(0.01, 500), st.floats(0, 1000))
def test_p_and_q_complement(a: float, x: float) -> None:
    """P and Q lie in [0, 1] and add up to one."""
    p, q = gamma_p(a, x), gamma_q(a, x)
    assert 0.0 <= p <= 1.0 and 0.0 <= q <= 1.0
    assert p + q == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 60), st.floats(0.1, 60))
def test_gamma_p_is_poisson_tail(k: int, mean: float) -> None:
    """For whole a = k, P(k, m) is the chance that Poisson(m) is k or more."""
    below = sum(math.exp(-mean + i * math.log(mean) - math.lgamma(i + 1)) for i in range(k))
    assert gamma_p(k, mean) == pytest.approx(1.0 - below, abs=1e-10)


@pytest.mark.parametrize(
    ("a", "x", "quoted"),
    [
        (0, 1, "a > 0, not 0"),
        (-1.0, 1, "a > 0, not -1.0"),
        (math.nan, 1, "not nan"),
        (1, -0.5, "x >= 0, not -0.5"),
        (1, math.inf, "not inf"),
    ],
    ids=["a-zero", "a-negative", "a-nan", "x-negative", "x-inf"],
)
def test_gamma_refuses(a: float, x: float, quoted: str) -> None:
    """Arguments outside the domain are AnalysisErrors quoting the value, from P and Q alike."""
    for function in (gamma_p, gamma_q):
        with pytest.raises(AnalysisError, match=quoted):
            function(a, x)


@pytest.mark.parametrize("df", [0, -1, 2.0, True], ids=["zero", "negative", "float", "bool"])
def test_chi_square_sf_refuses_df(df: object) -> None:
    """Degrees of freedom must be an int of 1 or more, quoted when not."""
    with pytest.raises(AnalysisError, match=f"not {df!r}"):
        chi_square_sf(1.0, df)  # type: ignore[arg-type]


def test_uniform_counts() -> None:
    """Perfectly even counts: chi-square 0, p-value 1, IC x K close to 1."""
    result = Uniformity.of(np.full(10, 100, dtype=np.int64))
    assert (result.categories, result.total, result.df) == (10, 1000, 9)
    assert result.chi_square == pytest.approx(0.0, abs=1e-9)
    assert result.p_value == pytest.approx(1.0)
    assert result.method is PValueMethod.CHI_SQUARE
    assert result.coincidences == 10 * 100 * 99 // 2
    assert result.ic_normalised == pytest.approx(10 * 99 / 999)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 200), min_size=2, max_size=30).filter(lambda c: sum(c) >= 2))
def test_statistics_match_definitions(counts: list[int]) -> None:
    """Pairs, IC and Pearson's chi-square match their textbook definitions."""
    array = np.array(counts, dtype=np.int32)
    result = Uniformity.of(array)
    n, k = sum(counts), len(counts)
    assert result.coincidences == sum(c * (c - 1) // 2 for c in counts)
    assert result.ic == pytest.approx(sum(c * (c - 1) for c in counts) / (n * (n - 1)))
    expected = n / k
    pearson = sum((c - expected) ** 2 / expected for c in counts)
    assert result.chi_square == pytest.approx(pearson, rel=1e-9, abs=1e-9)
    assert 0.0 <= result.p_value <= 1.0
    assert result.method is (PValueMethod.CHI_SQUARE if n >= k else PValueMethod.COINCIDENCES)


def test_sparse_counts_use_coincidences() -> None:
    """Fewer items than categories: the p-value is the Poisson tail of the coinciding pairs."""
    counts = np.zeros(1000, dtype=np.int64)
    counts[:8] = [3, 1, 1, 1, 1, 1, 1, 1]  # 10 items, 3 coinciding pairs
    result = Uniformity.of(counts)
    assert result.method is PValueMethod.COINCIDENCES
    assert result.coincidences == 3
    mean = 10 * 9 / 2 / 1000
    below = sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(3))
    assert result.p_value == pytest.approx(1 - below, rel=1e-9)
    none = np.zeros(1000, dtype=np.int64)
    none[:5] = 1
    assert Uniformity.of(none).p_value == 1.0


def test_uneven_counts_are_rejected() -> None:
    """A heavily uneven count has a tiny p-value."""
    counts = np.array([500, 100, 100, 100, 100, 100, 100, 100, 100, 100])
    assert Uniformity.of(counts).p_value < 1e-50


def test_to_json() -> None:
    """The JSON figures are the attributes, with the method by name."""
    result = Uniformity.of(np.array([3, 1, 2]))
    figures = result.to_json()
    assert figures["p_value_from"] == "chi-square"
    assert figures["ic"] == result.ic and figures["df"] == 2 and figures["total"] == 6


@pytest.mark.parametrize(
    ("counts", "error", "quoted"),
    [
        ([1, 2, 3], ArrayTypeError, "integers, not list"),
        (np.array([1.0, 2.0]), ArrayTypeError, "not of dtype float64"),
        (np.array([[1, 2], [3, 4]]), ArrayValueError, r"not of shape \(2, 2\)"),
        (np.array(7), ArrayValueError, r"not of shape \(\)"),
        (np.array([5]), ArrayValueError, "2 or more categories, not 1"),
        (np.array([], dtype=np.int64), ArrayValueError, "2 or more categories, not 0"),
        (np.array([3, 4, -1, 2]), ArrayValueError, r"counts\[2\] is -1"),
        (np.array([1, 0]), AnalysisError, "1 item"),
        (np.array([0, 0]), AnalysisError, "0 item"),
    ],
    ids=["list", "float", "2d", "0d", "one-category", "empty", "negative", "one-item", "no-items"],
)
def test_of_refuses(counts: object, error: type[Exception], quoted: str) -> None:
    """Counts that are not a 1-D integer array of 2+ categories and 2+ items are refused,
    and the message quotes what was wrong (the type, dtype, shape, size or the count)."""
    with pytest.raises(error, match=quoted):
        Uniformity.of(counts)  # type: ignore[arg-type]


def test_direct_construction_checked() -> None:
    """Building a Uniformity by hand with too few categories or items is refused."""
    with pytest.raises(AnalysisError, match="not 1 and 10"):
        Uniformity(1, 10, 0, 0.0, 0, 1.0, PValueMethod.CHI_SQUARE)
