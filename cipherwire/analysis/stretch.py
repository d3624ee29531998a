"""The two messages of a depth over the stretch they share: ``D = C1 - C2`` there, each
message's known figures and code-group ends (:class:`Stretch`, :class:`Side`), and the
figures a reading of its code groups fixes (:func:`estimate`).  Forward depths are read in
:mod:`cipherwire.analysis.forwards`, reverse ones in :mod:`cipherwire.analysis.backwards`;
docs/explanation/depths.md explains both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.plaintext import Crib, Plain, plains, text_digit, with_cribs
from cipherwire.codebook.book import Codebook
from cipherwire.core.sizes import CODE, GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError

#: The place values of a code group's four figures.
WEIGHTS = np.array([1000, 100, 10, 1], dtype=np.int64)

#: One message's code groups as read: numbers (from 1), codes, probabilities, whole.
Picks = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.bool_]]


class Contradiction(Exception):
    """The known digits of the two messages cannot both hold (internal signal)."""


@dataclass(frozen=True)
class Side:
    """One message over the stretch: its known digits (``int8``, -1 unknown, shape
    ``(S,)``) and its group ends (``int8``, shape ``(S,)``): 4 where a whole code group
    ends, ``m`` in 1-3 where a group begun before the stretch ends (``m`` of its digits
    seen), ``-m`` at the last digit for a group that runs on past the stretch, 0 else."""

    known: NDArray[np.int8]
    ends: NDArray[np.int8]

    @classmethod
    def of(cls, plain: Plain, start: int, size: int) -> Side:
        """The stretch of ``size`` digits from plaintext digit ``start``."""
        index = start + np.arange(size)
        known = plain.known[index].copy()
        ends = np.zeros(size, dtype=np.int8)
        code = index < plain.code_digits
        phase = index % CODE
        last = code & (phase == CODE - 1)
        ends[last] = np.minimum(CODE, np.arange(size)[last] + 1)
        if size and code[-1] and phase[-1] != CODE - 1 and phase[-1] < size:
            ends[-1] = -(phase[-1] + 1)  # runs on past the stretch (seen from its start)
        return cls(known, ends)


@dataclass(frozen=True, eq=False)
class Stretch:
    """The two messages of a depth over the stretch they share: ``d = C1 - C2``
    (``int64``, shape ``(S,)``, ``S`` = 5 x the depth's length; for a reverse depth the
    second stretch's groups taken last first, so that group ``k`` of ``d`` is the
    difference of two groups that share a key group), each one's cipher digits there
    (in its own order), the text figure where the stretch begins in each, and the layouts
    each message's plaintext can have (:func:`plains`, with the cribs' figures known)."""

    d: NDArray[np.int64]
    ciphers: tuple[NDArray[np.int64], NDArray[np.int64]]
    starts: tuple[int, int]
    options: tuple[list[Plain], list[Plain]]

    @classmethod
    def of(
        cls,
        intercepts: Intercepts,
        depth: Depth,
        codebook: Codebook,
        *,
        checks: Sequence[str | None] | None,
        cribs: Sequence[Crib],
    ) -> Stretch:
        """Check the depth against the intercepts and gather what is known of it."""
        pair = (depth.first, depth.second)
        count = len(intercepts)
        if checks is not None and len(checks) != count:
            raise AnalysisError(f"{len(checks)} check groups for {count} intercepts")
        for crib in cribs:
            if not isinstance(crib, Crib):
                raise AnalysisError(f"cribs are Crib objects, not {crib!r}")
            if crib.message not in pair:
                raise AnalysisError(
                    f"crib {crib.to_text()!r}: message {crib.message} is not in this depth "
                    f"(messages {pair[0]} and {pair[1]})"
                )
        size = GROUP * depth.length
        options, starts, ciphers = [], [], []
        for m, at in ((depth.first, depth.first_at), (depth.second, depth.second_at)):
            if m >= count:
                raise AnalysisError(
                    f"message {m} is not among the {count} intercepts (0-{count - 1})"
                )
            sent = int(intercepts.group_counts[m])
            if (
                at % GROUPS_PER_PAGE == 0
                or at % GROUPS_PER_PAGE + depth.length > GROUPS_PER_PAGE
                or at + depth.length > sent
            ):
                raise AnalysisError(
                    f"message {m}: groups {at}-{at + depth.length - 1} are not key groups of "
                    f"one page of its {sent} groups"
                )
            found = plains(sent, None if checks is None else checks[m])
            if not found:
                raise AnalysisError(f"message {m}: {sent} groups fit no layout of the system")
            mine = [c for c in cribs if c.message == m]
            starts.append(text_digit(at))
            begin, span = starts[-1], size
            if depth.first == depth.second:  # a page forward then backwards: both stretches
                begin, span = text_digit(depth.first_at), text_digit(depth.second_at) + size
                span -= begin
            options.append(with_cribs(found, mine, codebook, begin, span))
            ciphers.append(intercepts.groups[m][GROUP * at : GROUP * at + size].astype(np.int64))
        other = ciphers[1]
        if depth.reverse:  # the second stretch's groups meet the first's last first
            other = other.reshape(-1, GROUP)[::-1].reshape(-1)
        d = (ciphers[0] - other) % 10
        return cls(d, (ciphers[0], ciphers[1]), (starts[0], starts[1]), (options[0], options[1]))

    @property
    def shift(self) -> int:
        """How many figures the second message's code groups begin after the first's."""
        return (self.starts[0] - self.starts[1]) % CODE

    def side(self, which: int, plain: Plain) -> Side:
        """Message ``which`` (0 or 1) over the stretch, laid out as ``plain``."""
        return Side.of(plain, self.starts[which], self.d.size)

    def whole_groups(self) -> int:
        """Code groups wholly in the stretch, both messages (first layouts)."""
        return sum(int((self.side(i, o[0]).ends == CODE).sum()) for i, o in enumerate(self.options))


def estimate(
    side: Side,
    start: int,
    groups: NDArray[np.int64],
    codes: NDArray[np.int64],
    confidence: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Each figure of the stretch as read from the chosen ``codes`` of code groups
    ``groups`` (from 1), and how sure (known figures: 1, none: 0)."""
    size = side.known.size
    digits = np.where(side.known >= 0, side.known, 0).astype(np.int64)
    sure = (side.known >= 0).astype(np.float64)
    if groups.size:
        index = (CODE * (groups - 1))[:, None] + np.arange(CODE) - start  # (g, 4)
        inside = (index >= 0) & (index < size)
        values = (codes[:, None] // WEIGHTS) % 10
        digits[index[inside]] = values[inside]
        sure[index[inside]] = np.broadcast_to(confidence[:, None], index.shape)[inside]
    return digits, sure


__all__ = ["WEIGHTS", "Contradiction", "Picks", "Side", "Stretch", "estimate"]
