"""Messages in depth, and how a finding is scored: :class:`Intercepts` is the analyst's
material (the groups of many cables as digits, with the page structure of the system),
:class:`Depth` one finding, :func:`by_indicator` finds depths by the pad page indicators
sent in clear, and :func:`score` compares findings with the truth a traffic generator kept.
:mod:`cipherwire.analysis.statistics` finds depths without indicators;
docs/explanation/depths.md explains both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.cipher.batch import CableBatch
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError

#: The place values of a five-figure group's figures.
_WEIGHTS = np.array([10_000, 1_000, 100, 10, 1], dtype=np.int64)


@dataclass(frozen=True, order=True)
class Depth:
    """Two stretches of cable enciphered with the same additive.

    ``first`` and ``second`` are message numbers (from 0); ``first_at`` and ``second_at``
    the group (from 0, in the cable's groups as sent, indicators counted) where the shared
    additive begins in each; ``length`` how many groups share it.  Group ``first_at + i``
    shares its key with group ``second_at + i``, or, for a ``reverse`` depth (a page used
    forward by one stretch and backwards by the other), with group
    ``second_at + length - 1 - i``.  ``(first, first_at)`` comes before ``(second,
    second_at)``; only a reverse depth may lie within one message.
    """

    first: int
    second: int
    first_at: int
    second_at: int
    length: int
    reverse: bool = False

    def __post_init__(self) -> None:
        values = (self.first, self.second, self.first_at, self.second_at, self.length)
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
            raise AnalysisError(f"a depth is five whole numbers 0 or more, not {values!r}")
        if not isinstance(self.reverse, bool):
            raise AnalysisError(f"reverse is True or False, not {self.reverse!r}")
        if (self.first, self.first_at) >= (self.second, self.second_at):
            raise AnalysisError(
                f"a depth names its stretches in order: {self.first} group {self.first_at} "
                f"then {self.second} group {self.second_at}"
            )
        if self.first == self.second and not self.reverse:
            raise AnalysisError(f"message {self.first} cannot be in depth with itself forward")
        if self.length < 1:
            raise AnalysisError(f"a depth shares at least one group, not {self.length!r}")

    @property
    def key(self) -> tuple[int, int, int, int, bool]:
        """What identifies a depth when findings are scored: messages, positions, sense."""
        return (self.first, self.second, self.first_at, self.second_at, self.reverse)

    def to_json(self) -> dict[str, int | bool]:
        """The depth as a JSON object."""
        return {
            "first": self.first,
            "second": self.second,
            "first_at": self.first_at,
            "second_at": self.second_at,
            "length": self.length,
            "reverse": self.reverse,
        }

    @classmethod
    def from_json(cls, value: Any) -> Depth:
        """Read what :meth:`to_json` wrote; raises :class:`AnalysisError` if malformed."""
        try:
            return cls(
                value["first"],
                value["second"],
                value["first_at"],
                value["second_at"],
                value["length"],
                value.get("reverse", False),
            )
        except (KeyError, TypeError, AttributeError):
            raise AnalysisError(f"not a depth: {value!r}") from None


@dataclass(frozen=True)
class Use:
    """One use of a pad page by a stretch of cable: the message, the group of the page's
    indicator, how many key groups the stretch used, and whether it read the page
    backwards (last key group first)."""

    message: int
    at: int
    length: int
    backwards: bool = False


def shared(one: Use, other: Use, *, key_groups: int = GROUPS_PER_PAGE - 1) -> Depth | None:
    """The depth between two uses of one page, or None if they share no key group."""
    a, b = sorted((one, other), key=lambda u: (u.message, u.at))
    if a.backwards == b.backwards:  # both read the same way: key i meets key i
        length = min(a.length, b.length)
        if length < 1:
            return None
        return Depth(a.message, b.message, a.at + 1, b.at + 1, length)
    # One forward, one backwards: group i of the forward one meets group 58 - i.
    forward, backward = (a, b) if not a.backwards else (b, a)
    low = max(0, key_groups - backward.length)
    length = forward.length - low
    if length < 1:
        return None
    f_at = forward.at + 1 + low
    b_at = backward.at + 1 + (key_groups - forward.length)
    if (forward.message, f_at) < (backward.message, b_at):
        return Depth(forward.message, backward.message, f_at, b_at, length, reverse=True)
    return Depth(backward.message, forward.message, b_at, f_at, length, reverse=True)


@dataclass(frozen=True, eq=False)
class Intercepts:
    """The groups of many cables as the analyst has them (``groups``: one message per
    cable part, digits of its groups as sent, indicators included)."""

    groups: MessageSet

    def __post_init__(self) -> None:
        if not isinstance(self.groups, MessageSet):
            raise AnalysisError(
                f"intercepts are a MessageSet of cable groups, not {type(self.groups).__name__}"
            )
        short = np.flatnonzero(self.groups.lengths % GROUP)
        if short.size:
            m, size = int(short[0]), int(self.groups.lengths[short[0]])
            raise AnalysisError(f"message {m} has {size} digits, not whole five-figure groups")

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Intercepts:
        """Read printed cables; every part of every cable is one message, in order."""
        return cls(CableBatch.from_texts(texts).groups)

    def __len__(self) -> int:
        return len(self.groups)

    @property
    def group_counts(self) -> NDArray[np.int64]:
        """Groups on each message (``int64``)."""
        return self.groups.lengths // GROUP

    def pages(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """Every page stretch of every message: ``(message, at, length)`` arrays.

        ``at`` is the group that holds the page's indicator; the page's key groups are
        ``at + 1`` to ``at + length``.
        """
        counts = self.group_counts
        per = -(-counts // GROUPS_PER_PAGE)
        message = np.repeat(np.arange(counts.size, dtype=np.int64), per)
        firsts = np.zeros(per.size + 1, dtype=np.int64)
        np.cumsum(per, out=firsts[1:])
        index = np.arange(message.size, dtype=np.int64) - firsts[message]
        at = index * GROUPS_PER_PAGE
        length = np.minimum(GROUPS_PER_PAGE - 1, counts[message] - at - 1)
        return message, at, length

    def group_values(self, message: NDArray[np.int64], at: NDArray[np.int64]) -> NDArray[np.int64]:
        """The five-figure groups at ``(message, at)`` as numbers 0-99999."""
        start = self.groups.offsets[message] + at * GROUP
        digits = self.groups.digits[start[:, None] + np.arange(GROUP)]
        values: NDArray[np.int64] = digits.astype(np.int64) @ _WEIGHTS
        return values


def among(uses: list[Use]) -> list[Depth]:
    """The depths between every two uses of one page."""
    found = []
    for i, one in enumerate(uses):
        for other in uses[i + 1 :]:
            depth = shared(one, other)
            if depth is not None:
                found.append(depth)
    return found


def by_indicator(intercepts: Intercepts) -> list[Depth]:
    """Find depths by their indicators: every two page stretches that show the same
    indicator in clear share that page's additive.  A message that shows an indicator a
    second time read that page backwards (the "reverse" fault; our model of how the
    clerk marked it).  Sorted."""
    message, at, length = intercepts.pages()
    live = length > 0
    message, at, length = message[live], at[live], length[live]
    values = intercepts.group_values(message, at)
    order = np.lexsort((at, message, values))
    values, message, at, length = values[order], message[order], at[order], length[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, values.size])
    found: list[Depth] = []
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        uses = []
        for i in range(start, start + size):
            again = i > start and message[i] == message[i - 1]
            uses.append(Use(int(message[i]), int(at[i]), int(length[i]), again))
        found.extend(among(uses))
    return sorted(found)


@dataclass(frozen=True)
class Score:
    """Findings against the truth: how many were right, missed and wrong."""

    found: int
    true: int
    correct: int

    @property
    def precision(self) -> float:
        """Of the depths found, the share that are real (1.0 when none were found)."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Of the real depths, the share found (1.0 when there are none)."""
        return self.correct / self.true if self.true else 1.0

    def to_json(self) -> dict[str, float | int]:
        """The score as a JSON object."""
        return {
            "found": self.found,
            "true": self.true,
            "correct": self.correct,
            "precision": self.precision,
            "recall": self.recall,
        }


def score(found: Iterable[Depth], truth: Iterable[Depth]) -> Score:
    """Compare findings with the truth by messages and positions (:attr:`Depth.key`)."""
    found_keys = {d.key for d in found}
    true_keys = {d.key for d in truth}
    return Score(len(found_keys), len(true_keys), len(found_keys & true_keys))


__all__ = [
    "Depth",
    "Intercepts",
    "Score",
    "Use",
    "among",
    "by_indicator",
    "score",
    "shared",
]
