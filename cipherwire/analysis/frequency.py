"""Frequency analysis: how far a digit stream is from uniform, and why the pad flattens it.
:meth:`Frequencies.of` counts the digits and the groups of a flat ``uint8`` array of digits
or of a :class:`~cipherwire.core.messages.MessageSet` and tests each against uniform
(:class:`~cipherwire.analysis.uniformity.Uniformity`: index of coincidence, chi-square and
an upper-tail p-value); :func:`compare` counts a stream before and after the pad.
docs/explanation/frequency.md explains the measures and which p-value fits when.

>>> import numpy as np
>>> f = Frequencies.of(np.array([1, 1, 2, 2, 1, 1, 2, 2], dtype=np.uint8), group=2)
>>> f.digit_counts[:3].tolist(), f.group_counts[[11, 22]].tolist(), f.leftover
([0, 4, 4], [2, 2], 0)
>>> round(f.digits.ic, 4), round(f.digits.ic_normalised, 3), f.digits.chi_square
(0.4286, 4.286, 32.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.uniformity import Uniformity
from cipherwire.core import check_range
from cipherwire.core.messages import MessageSet, ranges
from cipherwire.errors import AnalysisError, ArrayTypeError, ArrayValueError

#: The largest group size counted (``10 ** 6`` categories, 8 MB of counts).
MAX_GROUP = 6


def _digits_and_offsets(data: object) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    if isinstance(data, MessageSet):
        return data.digits, data.offsets
    if not isinstance(data, np.ndarray):
        raise ArrayTypeError(
            f"digits must be a numpy.ndarray of dtype uint8 or a MessageSet, not "
            f"{type(data).__name__}"
        )
    if data.dtype != np.uint8:
        raise ArrayTypeError(f"digits must have dtype uint8, not {data.dtype}")
    if data.ndim != 1:
        raise ArrayValueError(f"digits must be one-dimensional, not of shape {data.shape}")
    check_range("digits", data, 9)
    return data, np.array([0, data.size], dtype=np.int64)


@dataclass(frozen=True, eq=False, repr=False)
class Frequencies:
    """The digit and group counts of a stream, and how far each is from uniform.

    ``digit_counts`` (``int64``, shape ``(10,)``) counts every digit; ``group_counts``
    (``int64``, shape ``(10 ** group,)``) counts the whole groups of ``group`` digits,
    cut from the start of each message (index: the group's value, ``"0457"`` is 457);
    ``leftover`` digits at the end of messages make no whole group and are not in
    ``group_counts``.  ``digits`` and ``groups`` test each against uniform.  Build with
    :meth:`of`; the arrays are read-only.
    """

    group: int
    digit_counts: NDArray[np.int64]
    group_counts: NDArray[np.int64]
    leftover: int
    digits: Uniformity
    groups: Uniformity

    @classmethod
    def of(cls, data: NDArray[np.uint8] | MessageSet, *, group: int = 5) -> Frequencies:
        """Count a stream: *data* is digits (``uint8``, shape ``(n,)``, 0-9) or a set.

        Raises :class:`ArrayTypeError` or :class:`ArrayValueError` for an array that is
        not digits, and :class:`AnalysisError` for a *group* size that is not 1 to
        :data:`MAX_GROUP` or a stream of fewer than 2 digits or 2 whole groups.
        """
        if isinstance(group, bool) or not isinstance(group, int) or not 1 <= group <= MAX_GROUP:
            raise AnalysisError(f"group must be an int from 1 to {MAX_GROUP}, not {group!r}")
        digits, offsets = _digits_and_offsets(data)
        whole = np.diff(offsets) // group * group
        kept = digits if int(whole.sum()) == digits.size else digits[ranges(offsets[:-1], whole)]
        cut = kept.reshape(-1, group)
        values = cut[:, 0].astype(np.int64)
        for column in range(1, group):  # Horner's rule, one column at a time
            values *= 10
            values += cut[:, column]
        digit_counts = np.bincount(digits, minlength=10).astype(np.int64)
        group_counts = np.bincount(values, minlength=10**group).astype(np.int64)
        if digits.size < 2 or values.size < 2:
            raise AnalysisError(
                f"too little text: {digits.size} digit(s), {values.size} whole group(s) of "
                f"{group}; at least 2 of each are needed"
            )
        digit_counts.setflags(write=False)
        group_counts.setflags(write=False)
        return cls(
            group,
            digit_counts,
            group_counts,
            int(digits.size - kept.size),
            Uniformity.of(digit_counts),
            Uniformity.of(group_counts),
        )

    def __repr__(self) -> str:
        return (
            f"<Frequencies digits={self.digits.total} groups={self.groups.total} "
            f"group={self.group}>"
        )

    def most_common(self, n: int = 10) -> list[tuple[str, int]]:
        """The *n* most frequent groups and their counts; ties in order of the group."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise AnalysisError(f"n must be an int of 0 or more, not {n!r}")
        seen = np.flatnonzero(self.group_counts)
        order = seen[np.lexsort((seen, -self.group_counts[seen]))][:n]
        return [(f"{v:0{self.group}d}", int(self.group_counts[v])) for v in order.tolist()]

    def to_json(self, *, top: int = 10) -> dict[str, Any]:
        """A JSON-ready dict: the digit counts, both tests, the *top* groups (not all)."""
        return {
            "group": self.group,
            "digit_counts": self.digit_counts.tolist(),
            "leftover": self.leftover,
            "distinct_groups": int(np.count_nonzero(self.group_counts)),
            "digits": self.digits.to_json(),
            "groups": self.groups.to_json(),
            "most_common": [{"group": g, "count": c} for g, c in self.most_common(top)],
        }

    def to_text(self, *, top: int = 10) -> str:
        """A small table: the digit counts and shares, both tests, the *top* groups."""
        d, g = self.digits, self.groups
        left = f"{self.leftover} digit(s) left over" if self.leftover else "none left over"
        shares = self.digit_counts / d.total * 100
        lines = [
            f"{d.total:,} digits, {g.total:,} groups of {self.group} ({left})",
            "",
            "digit  " + "".join(f"{i:>7}" for i in range(10)),
            "count  " + "".join(f"{c:>7,}" for c in self.digit_counts.tolist()),
            "share  " + "".join(f"{s:>6.1f}%" for s in shares.tolist()),
            "",
            f"{'':<30}{'digits':>14}{f'groups of {self.group}':>16}",
        ]
        rows = [
            ("categories (K)", f"{d.categories:,}", f"{g.categories:,}"),
            ("index of coincidence (IC)", f"{d.ic:.4f}", f"{g.ic:.6f}"),
            ("IC x K (1.00 if uniform)", f"{d.ic_normalised:.2f}", f"{g.ic_normalised:.2f}"),
            ("chi-square", f"{d.chi_square:,.1f}", f"{g.chi_square:,.1f}"),
            ("degrees of freedom", f"{d.df:,}", f"{g.df:,}"),
            ("p-value", _p(d.p_value), _p(g.p_value)),
            ("p-value from", d.method.value, g.method.value),
        ]
        lines += [f"{name:<30}{a:>14}{b:>16}" for name, a, b in rows]
        common = self.most_common(top)
        if common and common[0][1] == 1:
            lines += ["", f"no group of {self.group} comes twice"]
        elif common:
            shown = ", ".join(f"{grp} ({c})" for grp, c in common)
            lines += ["", f"most frequent groups of {self.group}: {shown}"]
        return "\n".join(lines) + "\n"


def _p(p: float) -> str:
    return "< 1e-300" if p < 1e-300 else f"{p:.3g}"


@dataclass(frozen=True)
class Comparison:
    """The same text before and after the pad: ``ratio`` is each IC x K before over after."""

    plain: Frequencies
    enciphered: Frequencies

    @property
    def digit_ic_ratio(self) -> float:
        """How many times the plain digits' IC is the enciphered digits'."""
        return self.plain.digits.ic / self.enciphered.digits.ic

    @property
    def group_ic_ratio(self) -> float:
        """How many times the plain groups' IC is the enciphered groups' (inf if 0)."""
        after = self.enciphered.groups.ic
        return self.plain.groups.ic / after if after else math.inf


def compare(
    plain: NDArray[np.uint8] | MessageSet,
    enciphered: NDArray[np.uint8] | MessageSet,
    *,
    group: int = 5,
) -> Comparison:
    """Count a stream before and after enciphering, with groups of *group*."""
    return Comparison(Frequencies.of(plain, group=group), Frequencies.of(enciphered, group=group))


__all__ = ["MAX_GROUP", "Comparison", "Frequencies", "compare"]
