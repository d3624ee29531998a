"""Is a count uniform?  Pearson's chi-square or the coinciding pairs, with exact p-values.

:class:`Uniformity` tests counts of items over equally likely categories: the index of
coincidence (Friedman's IC, ``sum n_i (n_i - 1) / (N (N - 1))``, and ``IC x K``, 1.0 for
uniform), Pearson's chi-square with ``K - 1`` degrees of freedom, and an upper-tail
p-value: from the chi-square distribution (:func:`chi_square_sf`, by the regularised
incomplete gamma function) when there are at least as many items as categories, else from
the number of coinciding pairs, nearly Poisson (:class:`PValueMethod`).  NumPy only: the
incomplete gamma function follows Numerical Recipes (3rd ed., section 6.2).

>>> round(chi_square_sf(16.919, 9), 4), round(chi_square_sf(21.666, 9), 4)
(0.05, 0.01)
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.errors import AnalysisError, ArrayTypeError, ArrayValueError

_EPS = 1e-15
_TINY = 1e-300


# -- the incomplete gamma function (Numerical Recipes, 3rd ed., section 6.2) ---------------


def _check_gamma_args(a: float, x: float) -> None:
    if not (math.isfinite(a) and a > 0):
        raise AnalysisError(f"the incomplete gamma function needs a > 0, not {a!r}")
    if not (math.isfinite(x) and x >= 0):
        raise AnalysisError(f"the incomplete gamma function needs x >= 0, not {x!r}")


def _max_steps(a: float) -> int:
    return 1000 + int(50 * math.sqrt(a))  # both expansions need O(sqrt(a)) steps near x = a


def _series(a: float, x: float) -> float:
    """P(a, x) by its power series (converges fast for x < a + 1)."""
    term = total = 1.0 / a
    ap = a
    for _ in range(_max_steps(a)):
        ap += 1.0
        term *= x / ap
        total += term
        if abs(term) < abs(total) * _EPS:
            return total * math.exp(a * math.log(x) - x - math.lgamma(a))
    raise AnalysisError(f"the gamma series did not converge for a={a!r}, x={x!r}")


def _fraction(a: float, x: float) -> float:
    """Q(a, x) by its continued fraction, modified Lentz (converges fast for x > a + 1)."""
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _max_steps(a)):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < _EPS:
            return h * math.exp(a * math.log(x) - x - math.lgamma(a))
    raise AnalysisError(f"the gamma fraction did not converge for a={a!r}, x={x!r}")


def gamma_p(a: float, x: float) -> float:
    """The regularised lower incomplete gamma function ``P(a, x) = γ(a, x) / Γ(a)``."""
    _check_gamma_args(a, x)
    if x == 0:
        return 0.0
    return _series(a, x) if x < a + 1 else 1.0 - _fraction(a, x)


def gamma_q(a: float, x: float) -> float:
    """The regularised upper incomplete gamma function ``Q(a, x) = 1 - P(a, x)``.

    >>> round(gamma_q(1, 2), 12) == round(math.exp(-2), 12)
    True
    """
    _check_gamma_args(a, x)
    if x == 0:
        return 1.0
    return 1.0 - _series(a, x) if x < a + 1 else _fraction(a, x)


def chi_square_sf(statistic: float, df: int) -> float:
    """The chance that chi-square with *df* degrees of freedom is at least *statistic*.

    >>> round(chi_square_sf(16.919, 9), 4), round(chi_square_sf(21.666, 9), 4)
    (0.05, 0.01)
    """
    if isinstance(df, bool) or not isinstance(df, int) or df < 1:
        raise AnalysisError(f"degrees of freedom must be an int of 1 or more, not {df!r}")
    return gamma_q(df / 2.0, max(float(statistic), 0.0) / 2.0)


# -- one set of counts against uniform ----------------------------------------------------


class PValueMethod(enum.Enum):
    """Where a p-value against uniform comes from."""

    CHI_SQUARE = "chi-square"  # N / K >= 1: X2 against chi-square with K - 1 df
    COINCIDENCES = "coincidences"  # N / K < 1: coinciding pairs against Poisson


@dataclass(frozen=True)
class Uniformity:
    """Counts of *total* items over *categories* equally likely categories, tested.

    ``coincidences`` is the number of pairs of equal items, ``sum n_i (n_i - 1) / 2``;
    ``chi_square`` and ``df`` are Pearson's statistic against uniform and ``K - 1``;
    ``p_value`` is an upper-tail p-value found by ``method``.  Build with :meth:`of`.
    """

    categories: int
    total: int
    coincidences: int
    chi_square: float
    df: int
    p_value: float
    method: PValueMethod

    def __post_init__(self) -> None:
        if self.categories < 2 or self.total < 2:
            raise AnalysisError(
                f"a test needs 2 or more categories and items, not {self.categories!r} "
                f"and {self.total!r}"
            )

    @classmethod
    def of(cls, counts: NDArray[Any]) -> Uniformity:
        """Test *counts* (integers, shape ``(K,)``, ``K >= 2``, summing to 2 or more)."""
        if not isinstance(counts, np.ndarray):
            raise ArrayTypeError(
                f"counts must be a numpy.ndarray of integers, not {type(counts).__name__}"
            )
        if counts.dtype.kind not in "iu":
            raise ArrayTypeError(f"counts must be integers, not of dtype {counts.dtype}")
        if counts.ndim != 1:
            raise ArrayValueError(f"counts must be one-dimensional, not of shape {counts.shape}")
        if counts.size < 2:
            raise ArrayValueError(f"counts must cover 2 or more categories, not {counts.size}")
        low = int(np.argmin(counts))
        if counts[low] < 0:
            raise ArrayValueError(
                f"counts must not be negative: counts[{low}] is {int(counts[low])!r}"
            )
        k, n = int(counts.size), int(counts.sum())
        if n < 2:
            raise AnalysisError(f"too little text: {n} item(s); at least 2 are needed")
        wide = counts.astype(np.int64)
        pairs = int(np.dot(wide, wide - 1)) // 2
        chi = k * (2 * pairs + n) / n - n  # sum (n_i - N/K)^2 / (N/K), expanded
        mean = n * (n - 1) / (2 * k)
        if n >= k:
            p, method = chi_square_sf(chi, k - 1), PValueMethod.CHI_SQUARE
        else:  # P(Poisson(mean) >= pairs)
            p, method = (gamma_p(pairs, mean) if pairs else 1.0), PValueMethod.COINCIDENCES
        return cls(k, n, pairs, chi, k - 1, p, method)

    @property
    def ic(self) -> float:
        """The index of coincidence, ``sum n_i (n_i - 1) / (N (N - 1))`` (uniform: 1 / K)."""
        return 2 * self.coincidences / (self.total * (self.total - 1))

    @property
    def ic_normalised(self) -> float:
        """``IC x K``: 1.0 for uniform counts, more for uneven ones."""
        return self.ic * self.categories

    def to_json(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict."""
        return {
            "categories": self.categories,
            "total": self.total,
            "coincidences": self.coincidences,
            "ic": self.ic,
            "ic_normalised": self.ic_normalised,
            "chi_square": self.chi_square,
            "df": self.df,
            "p_value": self.p_value,
            "p_value_from": self.method.value,
        }


__all__ = ["PValueMethod", "Uniformity", "chi_square_sf", "gamma_p", "gamma_q"]
