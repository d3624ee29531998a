"""The arithmetic under reading a depth: what is known of each message's plaintext over
the shared stretch (its layout, the check group, cribs), and the exact posterior of both
code streams given ``D = C1 - C2``.

Over the stretch two cables share additive, ``D = C1 - C2 = P1 - P2`` digit by digit
(mod 10), so the plaintext of the first message fixes the second's: ``P2 = P1 - D``.
The reading is then a search over one digit stream ``P1`` whose probability is that of
the first message's code groups times that of the second's (``P1 - D`` cut at the
second message's group boundaries), each code group drawn from a :class:`~cipherwire.
analysis.model.CodeModel` (our model: groups independent of each other).

The boundaries are known, and so is some plaintext (:class:`Plain`): message text digit
``i`` is at code phase ``i mod 4``; after the code come filler zeros, the end group
``0000F`` and the check group ``SSSDD`` (:mod:`cipherwire.cipher.clerk`).  Two code streams
shifted by 1-3 digits overlap in a chain (a group of one message overlaps two of the
other), so the search runs digit by digit as a hidden Markov model whose state is the
last three digits of ``P1``: 1,000 states, 10,000 transitions a digit, all NumPy
(:func:`posterior`).  Forward-backward gives every group's posterior, so the reading
picks, group by group, the code most probably right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.cable.parts import check_group
from cipherwire.cipher.batch import CableBatch
from cipherwire.codebook.book import Codebook
from cipherwire.core.sizes import CLOSING, CODE, GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError

SPACE = 10**CODE
_CRIB = re.compile(r"^(?P<text>.+)@(?P<message>[0-9]+):(?P<group>[0-9]+)$", re.DOTALL)
WEIGHTS = np.array([1000, 100, 10, 1], dtype=np.int64)
_STATES = SPACE // 10


class Contradiction(Exception):
    """The known digits of the two messages cannot both hold (internal signal)."""


@dataclass(frozen=True, eq=False)
class Plain:
    """What the reader knows of one message's plaintext (code digits, filler, closing).

    ``code_digits`` is the length of the code (whole four-figure groups); ``known``
    (``int8``, shape ``(text_groups * 5 + 10,)``) holds each plaintext digit where it is
    known (filler zeros, the end group, the check group when given, cribs) and -1 where
    it is not.
    """

    text_groups: int
    code_digits: int
    known: NDArray[np.int8]


def plains(group_count: int, check: str | None) -> list[Plain]:
    """The plaintext layouts a part of ``group_count`` groups as sent can have.

    The text groups are ``group_count`` less the indicators and the two closing groups;
    the filler count ``F`` follows from ``5 n - F`` being whole code groups, but for
    ``n`` a multiple of 4, ``F`` may be 0 or 4: then there are two layouts.  Empty when
    the count fits no layout.
    """
    pages = -(-group_count // GROUPS_PER_PAGE)
    n = group_count - pages - CLOSING
    if n < 0 or group_count < 1 or -(-(n + CLOSING) // (GROUPS_PER_PAGE - 1)) != pages:
        return []
    out = []
    fillers = [n % CODE] + ([CODE] if n % CODE == 0 and n > 0 else [])
    for filler in fillers:
        known = np.full(GROUP * (n + CLOSING), -1, dtype=np.int8)
        code = GROUP * n - filler
        known[code : GROUP * n] = 0
        known[GROUP * n : GROUP * n + GROUP] = (0, 0, 0, 0, filler)
        if check is not None:
            known[GROUP * (n + 1) :] = [int(c) for c in check]
        out.append(Plain(n, code, known))
    return out


def text_digit(at: int) -> int:
    """The plaintext digit where cable group ``at`` (as sent, indicators counted) begins."""
    return GROUP * (at - at // GROUPS_PER_PAGE - 1)


@dataclass(frozen=True)
class Crib:
    """Known plaintext: ``text`` encoded with the codebook stands from code group ``group``
    (from 1, as :meth:`Reading.to_text` numbers them) of message ``message``."""

    text: str
    message: int
    group: int

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise AnalysisError(f"a crib needs some text, not {self.text!r}")
        for name in ("message", "group"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise AnalysisError(f"a crib's {name} is a whole number, not {value!r}")
        if self.group < 1:
            raise AnalysisError(f"code groups are numbered from 1, not {self.group!r}")

    @classmethod
    def from_text(cls, text: str) -> Crib:
        """Read ``TEXT@MESSAGE:GROUP``, e.g. ``THE FOLLOWING@12:40``."""
        match = _CRIB.match(text.strip())
        if match is None:
            raise AnalysisError(f"a crib is TEXT@MESSAGE:GROUP (e.g. THE@12:40), not {text!r}")
        return cls(match["text"].strip(), int(match["message"]), int(match["group"]))

    def to_text(self) -> str:
        """The form :meth:`from_text` reads."""
        return f"{self.text}@{self.message}:{self.group}"


def check_groups(texts: Sequence[str]) -> tuple[str, ...]:
    """The check group of every part of every cable (``SSSDD``: part number and day filed,
    from the preamble in clear), in the order of :meth:`Intercepts.from_texts`."""
    batch = CableBatch.from_texts(texts)
    out: list[str] = []
    for i, preamble in enumerate(batch.preambles):
        filed = preamble.filed
        day = filed.day if filed is not None else 0
        for p in range(int(batch.part_offsets[i]), int(batch.part_offsets[i + 1])):
            out.append(check_group(batch.numbers[p], day))
    return tuple(out)


def with_cribs(
    found: list[Plain], cribs: list[Crib], codebook: Codebook, start: int, size: int
) -> list[Plain]:
    """The layouts with the cribs' figures known (those the cribs fit); the stretch is
    ``size`` figures from text figure ``start``."""
    groups = max(p.code_digits for p in found) // CODE
    shown = f"{start // CODE + 1}-{min((start + size - 1) // CODE + 1, groups)}"
    spans = []
    for crib in cribs:
        digits = codebook.encode(crib.text).astype(np.int8)
        first = CODE * (crib.group - 1)
        last = first + digits.size
        if last > CODE * groups:
            raise AnalysisError(
                f"crib {crib.to_text()!r}: message {crib.message} has only {groups} code groups"
            )
        if last <= start or first >= min(start + size, CODE * groups):
            raise AnalysisError(
                f"crib {crib.to_text()!r} lies outside the depth (code groups {shown} of "
                f"message {crib.message})"
            )
        spans.append((crib, first, last, digits))
    out = []
    for plain in found:
        if any(last > plain.code_digits for _, _, last, _ in spans):
            continue  # this layout's code is too short for the cribs
        known = plain.known.copy()
        for crib, first, last, digits in spans:
            here = known[first:last]
            if ((here >= 0) & (here != digits)).any():
                raise AnalysisError(
                    f"crib {crib.to_text()!r} contradicts another crib of message {crib.message}"
                )
            known[first:last] = digits
        out.append(Plain(plain.text_groups, plain.code_digits, known))
    return out


@dataclass(frozen=True, eq=False)
class Tables:
    """The code-group probabilities ``p`` (``float64``, shape ``(10000,)``, all positive)
    and, for ``m`` = 1..3, the probability of a group's last ``m`` digits
    (``marginals[m]``) or first ``m`` digits (``marginals[-m]``)."""

    p: NDArray[np.float64]
    marginals: dict[int, NDArray[np.float64]]

    @classmethod
    def of(cls, probabilities: NDArray[np.float64]) -> Tables:
        """The tables of a code model's group probabilities."""
        p = np.asarray(probabilities, dtype=np.float64)
        marginals: dict[int, NDArray[np.float64]] = {}
        for m in (1, 2, 3):
            last = np.bincount(np.arange(SPACE) % 10**m, weights=p, minlength=10**m)
            marginals[m] = last.astype(np.float64)
            marginals[-m] = p.reshape(10**m, -1).sum(axis=1)
        return cls(p, marginals)


@cache
def _subtract() -> NDArray[np.int64]:
    """``_subtract()[j, d, v]``: figure ``j`` of ``v`` minus ``d`` (mod 10), in place."""
    digits = (np.arange(SPACE)[None, :] // WEIGHTS[:, None]) % 10  # (4, 10000)
    out = (digits[:, None, :] - np.arange(10)[None, :, None]) % 10 * WEIGHTS[:, None, None]
    return out.astype(np.int64)


def shifted(window: NDArray[np.int64]) -> NDArray[np.int64]:
    """For every four-digit value ``v`` (0-9999), ``v - window`` digit by digit mod 10
    (``window``: four digits, ``int64``): the second message's group where the first's
    is ``v``."""
    out: NDArray[np.int64] = shifted_rows(window[None, :])[0]
    return out


def shifted_rows(windows: NDArray[np.int64]) -> NDArray[np.int64]:
    """:func:`shifted` for many windows at once (shape ``(K, 4)``): shape ``(K, 10000)``."""
    sub = _subtract()
    out: NDArray[np.int64] = sub[0][windows[:, 0]] + sub[1][windows[:, 1]]
    out += sub[2][windows[:, 2]]
    out += sub[3][windows[:, 3]]
    return out


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


@dataclass(frozen=True, eq=False)
class Posterior:
    """The result of :func:`posterior`: for every digit ``t`` where a group ends, the
    posterior of the last four digits of ``P1`` (``float64``, shape ``(10000,)``), and
    the log evidence (to compare layouts)."""

    at: dict[int, NDArray[np.float64]]
    evidence: float


def posterior(d: NDArray[np.int64], first: Side, second: Side, tables: Tables) -> Posterior:
    """Forward-backward over the digits of ``P1`` given ``D`` (``int64``, shape ``(S,)``).

    Raises :class:`Contradiction` when the known digits exclude every reading.
    """
    p, marginals = tables.p, tables.marginals
    size = d.size
    values = np.arange(SPACE, dtype=np.int64)
    emissions: list[NDArray[np.float64] | None] = []
    for t in range(size):
        e: NDArray[np.float64] | None = None
        for side, index in ((first, None), (second, t)):
            end = int(side.ends[t])
            if end == 0:
                continue
            if index is None:
                v = values
            else:
                window = d[np.maximum(np.arange(t - 3, t + 1), 0)]
                v = shifted(window)
            table = p if end == CODE else marginals[end]
            factor = table[v if end == CODE else v % 10 ** abs(end)]
            e = factor if e is None else e * factor
        mask = np.ones(10, dtype=bool)
        if first.known[t] >= 0:
            mask &= np.arange(10) == first.known[t]
        if second.known[t] >= 0:
            mask &= np.arange(10) == (second.known[t] + d[t]) % 10
        if not mask.all():
            full = np.tile(mask, _STATES).astype(np.float64)
            e = full if e is None else e * full
        emissions.append(e)
    forward = [np.ones(_STATES)]
    evidence = 0.0
    for t in range(size):
        g = np.repeat(forward[-1], 10)
        e = emissions[t]
        if e is not None:
            g *= e
        total = g.sum()
        if not total > 0:
            raise Contradiction(t)
        evidence += float(np.log(total))
        forward.append(g.reshape(10, _STATES).sum(axis=0) / total)
    backward = np.ones(_STATES)
    out: dict[int, NDArray[np.float64]] = {}
    for t in range(size - 1, -1, -1):
        e = emissions[t]
        h = np.tile(backward, 10)  # backward of the state each value leads to
        if e is not None:
            h *= e
        if first.ends[t] or second.ends[t]:
            post = np.repeat(forward[t], 10) * h
            out[t] = post / post.sum()
        backward = h.reshape(_STATES, 10).sum(axis=1)
        backward /= backward.max()
    return Posterior(out, evidence)


@dataclass(frozen=True)
class Choice:
    """The reading's choice for one code group: the code and its posterior probability."""

    code: int
    confidence: float


def choose(
    post: Posterior, d: NDArray[np.int64], t: int, end: int, *, second: bool, tables: Tables
) -> Choice:
    """The most probable code of the group of one message that ends at digit ``t``
    (``end`` as in :class:`Side`)."""
    p, marginals = tables.p, tables.marginals
    pv = post.at[t]
    if second:
        window = d[np.maximum(np.arange(t - 3, t + 1), 0)]
        mapped = np.empty(SPACE, dtype=np.float64)
        mapped[shifted(window)] = pv
        pv = mapped
    if end == CODE:
        best = int(np.argmax(pv))
        return Choice(best, float(pv[best]))
    m = abs(end)
    seen = np.bincount(np.arange(SPACE) % 10**m, weights=pv, minlength=10**m)
    values = np.arange(SPACE)
    part = values % 10**m if end > 0 else values // 10 ** (CODE - m)
    score = seen[part] * p / marginals[end][part]
    best = int(np.argmax(score))
    return Choice(best, float(score[best]))


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


__all__ = [
    "Choice",
    "Contradiction",
    "Crib",
    "Plain",
    "Posterior",
    "Side",
    "Stretch",
    "Tables",
    "check_groups",
    "choose",
    "estimate",
    "plains",
    "posterior",
    "shifted",
    "shifted_rows",
    "text_digit",
    "with_cribs",
]
