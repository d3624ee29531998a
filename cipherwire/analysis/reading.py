"""Reading a depth with the codebook known: :func:`read` strips the additive from two
messages that share it and gives, for each, the most probable code group at each place
and how sure it is (:class:`Reading`, :class:`ReadSide`), from a code model's group
frequencies, the closing groups the system gives away and the cribs a user adds;
:class:`Tally` scores a reading against the true code.  docs/explanation/depths.md
("Reading a depth") explains the method and how much it can read.

Example (a traffic folder made by :func:`cipherwire.venona.traffic.generate`)::

    traffic = Traffic.load("t1")
    intercepts = traffic.intercepts()
    depth = by_indicator(intercepts)[0]
    reading = read(intercepts, depth, Codebook.default(), CodeModel.default(),
                   checks=check_groups(traffic.cables), cribs=[Crib.from_text("THE@9:5")])
    print(reading.to_text())
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.backwards import read_reverse
from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.forwards import Tables, read_forward
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Crib
from cipherwire.analysis.stretch import WEIGHTS, Stretch, estimate
from cipherwire.codebook.book import Codebook
from cipherwire.core.sizes import CODE, GROUP
from cipherwire.errors import AnalysisError

#: The posterior probability from which a group counts as recovered (shown, not ``[?]``).
THRESHOLD = 0.9
_UNREAD = re.compile(r"\[\?\](?:\s?\[\?\])*")


@dataclass(frozen=True)
class Tally:
    """Code groups wholly in depth, how many the reading got right, how many it claimed
    (probability at least the threshold) and how many of those were right."""

    groups: int = 0
    correct: int = 0
    claimed: int = 0
    claimed_correct: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.groups + other.groups,
            self.correct + other.correct,
            self.claimed + other.claimed,
            self.claimed_correct + other.claimed_correct,
        )

    @property
    def share(self) -> float:
        """The share of groups recovered correctly (1.0 when there are none)."""
        return self.correct / self.groups if self.groups else 1.0

    def to_json(self) -> dict[str, float | int]:
        """The tally as a JSON object."""
        return {
            "groups": self.groups,
            "correct": self.correct,
            "share": round(self.share, 4),
            "claimed": self.claimed,
            "claimed_correct": self.claimed_correct,
        }


@dataclass(frozen=True, eq=False)
class ReadSide:
    """One message of a reading.

    ``groups`` are the numbers (from 1) of the code groups that overlap the stretch,
    ``codes`` the code chosen for each (0-9999), ``confidence`` its posterior
    probability, ``whole`` whether all four figures lie in the stretch (arrays of shape
    ``(g,)``), ``words`` each code's plaintext in the book (figures in parentheses when
    it has none); ``at`` is the cable group (as sent) where the stretch begins and
    ``text`` the groups decoded, ``[?]`` where the probability is below ``threshold``.
    """

    message: int
    at: int
    groups: NDArray[np.int64]
    codes: NDArray[np.int64]
    confidence: NDArray[np.float64]
    whole: NDArray[np.bool_]
    words: tuple[str, ...]
    text: str
    threshold: float

    @property
    def recovered(self) -> int:
        """How many groups were read with a probability of at least the threshold."""
        return int((self.confidence >= self.threshold).sum())

    def score(self, code: NDArray[np.uint8]) -> Tally:
        """Compare the whole groups with the message's true code digits (``uint8``)."""
        truth = code.reshape(-1, CODE).astype(np.int64) @ WEIGHTS
        inside = self.whole & (self.groups <= truth.size)
        right = np.zeros(self.groups.size, dtype=bool)
        right[inside] = self.codes[inside] == truth[self.groups[inside] - 1]
        sure = inside & (self.confidence >= self.threshold)
        return Tally(
            int(inside.sum()), int(right.sum()), int(sure.sum()), int((sure & right).sum())
        )

    def to_json(self) -> dict[str, Any]:
        """This side as a JSON object."""
        return {
            "message": self.message,
            "at": self.at,
            "groups": self.groups.tolist(),
            "codes": [f"{c:04d}" for c in self.codes.tolist()],
            "words": list(self.words),
            "confidence": [round(c, 4) for c in self.confidence.tolist()],
            "whole": self.whole.tolist(),
            "recovered": self.recovered,
            "text": self.text,
        }

    def rows(self) -> list[str]:
        """One line a group: number, code, probability, word (lower case when unsure)."""
        return [
            f"{g:>4} {c:04d} {p:5.2f}  {w if p >= self.threshold else w.lower()}"
            for g, c, p, w in zip(
                self.groups.tolist(),
                self.codes.tolist(),
                self.confidence.tolist(),
                self.words,
                strict=True,
            )
        ]


@dataclass(frozen=True, eq=False)
class Reading:
    """Two messages in depth, read: each side (:class:`ReadSide`), the additive over the
    stretch (``key``, ``uint8``, shape ``(5 * depth.length,)``, in the first stretch's
    order) and where the reading fixes it (``key_known``, ``bool``), and ``shift``: how
    many figures the second message's code groups begin after the first's (0: aligned;
    None for a reverse depth, whose groups meet in opposite orders)."""

    depth: Depth
    first: ReadSide
    second: ReadSide
    key: NDArray[np.uint8]
    key_known: NDArray[np.bool_]
    shift: int | None

    def score(self, first: NDArray[np.uint8], second: NDArray[np.uint8]) -> Tally:
        """Compare with both messages' true code digits (``uint8``, whole code groups)."""
        return self.first.score(first) + self.second.score(second)

    def key_text(self) -> str:
        """The additive in five-figure groups, ``?`` where it is not known."""
        key = "".join(str(k) if ok else "?" for k, ok in zip(self.key, self.key_known, strict=True))
        return " ".join(key[i : i + GROUP] for i in range(0, len(key), GROUP))

    def to_text(self) -> str:
        """A report for a class: the two messages' recovered text, the additive, and the
        code groups side by side (number, code, probability, word)."""
        d = self.depth
        if d.reverse:
            last = d.second_at + d.length - 1
            how = (
                f"page read backwards: group {d.first_at}+i meets group {last}-i "
                f"of message {d.second}"
            )
        else:
            how = "code groups " + (
                "aligned" if self.shift == 0 else f"shifted by {self.shift} figure(s)"
            )
        lines = [
            f"DEPTH: messages {d.first} and {d.second} share {d.length} groups of additive "
            f"(from groups {d.first_at} and {d.second_at} as sent); {how}"
        ]
        for side in (self.first, self.second):
            lines.append(
                f"MESSAGE {side.message}: code groups {side.groups[0]}-{side.groups[-1]}, "
                f"{side.recovered} of {side.groups.size} recovered "
                f"(probability >= {side.threshold:g})"
            )
            lines.append(f"  {side.text}")
        groups = self.key_text().split()
        order = f" in the order of message {d.first}'s groups" if d.reverse else ""
        lines.append(f"KEY (additive{order}; ? not known):")
        lines.extend("  " + " ".join(groups[i : i + 10]) for i in range(0, len(groups), 10))
        head = f"{'#':>4} {'code':>4} {'p':>5}  word"
        rows = self.second.rows()
        if d.reverse:
            lines.append(f"(message {d.second}'s code groups last first, as they meet)")
            rows = rows[::-1]
        lines.append(f"{head:<34}| {head}")
        for a, b in itertools.zip_longest(self.first.rows(), rows, fillvalue=""):
            lines.append(f"{a[:34]:<34}| {b[:34]}".rstrip())
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """The reading as a JSON object."""
        return {
            "depth": self.depth.to_json(),
            "shift": self.shift,
            "first": self.first.to_json(),
            "second": self.second.to_json(),
            "key": self.key_text(),
        }


class NotInDepthError(AnalysisError):
    """The known figures of a depth (closing groups, cribs) contradict each other: the
    stretch is not in depth, or a crib is wrong.  ``shift`` is how the two code streams
    sit (as :attr:`Reading.shift`) and ``groups`` how many code groups lie wholly in the
    stretch (an evaluation counts them as unread)."""

    def __init__(self, message: str, *, shift: int | None, groups: int) -> None:
        super().__init__(message)
        self.shift = shift
        self.groups = groups


def read(
    intercepts: Intercepts,
    depth: Depth,
    codebook: Codebook,
    model: CodeModel,
    *,
    checks: Sequence[str | None] | None = None,
    cribs: Iterable[Crib] = (),
    threshold: float = THRESHOLD,
) -> Reading:
    """Read the two messages of ``depth``.

    ``checks`` holds every intercepted message's check group
    (:func:`~cipherwire.analysis.plaintext.check_groups`; None: not known), ``cribs``
    known plaintext, ``threshold`` the probability from which a group counts as
    recovered.  Raises :class:`~cipherwire.errors.AnalysisError` for a depth that does
    not fit the intercepts (messages missing, not key groups of one page) or a crib
    outside the depth or contradicting another, and :class:`NotInDepthError` when the
    known figures contradict each other.

    A forward depth is read by the chain of :mod:`cipherwire.analysis.forwards`, a
    reverse depth (a page read forward by one stretch and backwards by the other) pair
    of groups by pair of groups (:mod:`cipherwire.analysis.backwards`).
    """
    if not isinstance(model, CodeModel):
        raise AnalysisError(f"the model must be a CodeModel, not {type(model).__name__}")
    if not (isinstance(threshold, int | float) and 0 < threshold <= 1):
        raise AnalysisError(f"the threshold is a probability above 0, not {threshold!r}")
    tables = Tables.of(model.windows[0])
    stretch = Stretch.of(intercepts, depth, codebook, checks=checks, cribs=tuple(cribs))
    if depth.reverse:
        same = depth.first == depth.second
        found = read_reverse(stretch, model.fives, tables.p, same=same)
    else:
        found = read_forward(stretch, tables)
    if found is None:
        raise NotInDepthError(
            f"messages {depth.first} and {depth.second}: the known figures (closing groups, "
            "cribs) contradict each other: the stretch is not in depth, or a crib is wrong",
            shift=None if depth.reverse else stretch.shift,
            groups=stretch.whole_groups(),
        )
    sides, picks = found
    names = {code: text for text, code in codebook.entries}
    read_sides = []
    estimates = []
    for i, side in enumerate(sides):
        groups, codes, confidence, whole = picks[i]
        estimates.append(estimate(side, stretch.starts[i], groups, codes, confidence))
        unsure = [k + 1 for k in np.flatnonzero(confidence < threshold).tolist()]
        digits = ((codes[:, None] // WEIGHTS) % 10).astype(np.uint8).reshape(-1)
        read_sides.append(
            ReadSide(
                message=(depth.first, depth.second)[i],
                at=(depth.first_at, depth.second_at)[i],
                groups=groups.astype(np.int64),
                codes=codes,
                confidence=confidence,
                whole=whole,
                words=tuple(names.get(c, f"({c:04d})") for c in codes.tolist()),
                text=_gaps(codebook.decode_groups(digits, garbled=unsure).text),
                threshold=threshold,
            )
        )
    (p1, c1), (p2, c2) = estimates
    key1, key2 = (stretch.ciphers[0] - p1) % 10, (stretch.ciphers[1] - p2) % 10
    if depth.reverse:  # the second stretch's key groups in the first's order
        key2 = key2.reshape(-1, GROUP)[::-1].reshape(-1)
        c2 = c2.reshape(-1, GROUP)[::-1].reshape(-1)
    sure1, sure2 = c1 >= threshold, c2 >= threshold
    key = np.where(c1 >= c2, key1, key2).astype(np.uint8)
    known = (sure1 | sure2) & ~(sure1 & sure2 & (key1 != key2))
    shift = None if depth.reverse else stretch.shift
    return Reading(depth, read_sides[0], read_sides[1], key, known, shift)


def _gaps(text: str) -> str:
    """Runs of unread groups as the VENONA decrypts print them: ``[3 groups unrecovered]``."""

    def gap(match: re.Match[str]) -> str:
        n = match.group().count("[?]")
        return f"[{n} group{'s' if n > 1 else ''} unrecovered]"

    return _UNREAD.sub(gap, text)


__all__ = ["THRESHOLD", "NotInDepthError", "ReadSide", "Reading", "Tally", "read"]
