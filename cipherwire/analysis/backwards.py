"""Reading a reverse depth: a pad page used forward by one stretch of cable and backwards
by the other (the "reverse" fault), so that group ``k`` of the first stretch shares its
key group with group ``length - 1 - k`` of the second.  The two code streams run against
each other, so each pair of five-figure groups is scored on its own (:func:`read_backwards`
under one layout, :func:`read_reverse` over all of them) from a
:class:`~cipherwire.analysis.model.CodeModel`'s window frequencies; docs/explanation/depths.md
("Reading a reverse depth") explains how.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.plaintext import Plain
from cipherwire.analysis.stretch import Contradiction, Picks, Side, Stretch
from cipherwire.core.sizes import CODE, GROUP

_WINDOWS = 10**GROUP
_POWERS = 10 ** np.arange(GROUP - 1, -1, -1, dtype=np.int64)
#: A layout weighing less than this does not unsettle the figures the likeliest one knows.
_WEIGHT = 1e-3


@cache
def _digits() -> NDArray[np.int8]:
    """``_digits()[j, x]``: figure ``j`` of the five-figure window ``x``."""
    values = np.arange(_WINDOWS, dtype=np.int64)
    return ((values[None, :] // _POWERS[:, None]) % 10).astype(np.int8)


@cache
def _minus() -> NDArray[np.int32]:
    """``_minus()[j, d, x]``: figure ``j`` of window ``x`` less ``d`` (mod 10), in place."""
    out = (_digits()[:, None, :] - np.arange(10, dtype=np.int8)[None, :, None]) % 10
    return (out.astype(np.int32) * _POWERS.astype(np.int32)[:, None, None]).astype(np.int32)


@cache
def _part(j: int, m: int) -> NDArray[np.int64]:
    """The value of figures ``j`` to ``j + m - 1`` of every window."""
    out: NDArray[np.int64] = (np.arange(_WINDOWS, dtype=np.int64) // 10 ** (GROUP - j - m)) % 10**m
    return out


def prior(
    fives: NDArray[np.float64], plain: Plain, known: NDArray[np.int8], at: int
) -> NDArray[np.float64]:
    """The prior of the five-figure plaintext window from text figure ``at`` (``float64``,
    shape ``(10**5,)``): the code figures from ``fives`` (a :class:`CodeModel`'s
    ``fives``, shape ``(4, 10**5)``) at the window's code phase, the figures past the code
    uniform where not known, and ``known`` (``int8``, 5 figures, -1 unknown) fixed."""
    code = int(np.clip(plain.code_digits - at, 0, GROUP))
    rest = 10 ** (GROUP - code)
    row: NDArray[np.float64] = fives[at % CODE]
    if code < GROUP:
        head = row.reshape(10**code, rest).sum(axis=1)
        unknown = int((known[code:] < 0).sum())  # figures past the code, not known: uniform
        row = np.repeat(head / 10**unknown, rest)
    digits = _digits()
    for j in np.flatnonzero(known >= 0).tolist():
        row = row * (digits[j] == known[j])
    return row


@dataclass(frozen=True, eq=False)
class Pieces:
    """What the windows say of one message's code groups: for each code group (number
    from 1) the parts of it seen, ``(first figure in the group, figures, posterior of
    their value (float64, shape (10**figures,)))``."""

    parts: dict[int, list[tuple[int, int, NDArray[np.float64]]]]

    def add(self, post: NDArray[np.float64], at: int, code_digits: int) -> None:
        """Fold the posterior of the window from text figure ``at`` into its code groups."""
        j = 0
        while j < GROUP and at + j < code_digits:
            first = (at + j) % CODE
            m = min(CODE - first, GROUP - j, code_digits - at - j)
            folded = np.bincount(_part(j, m), weights=post, minlength=10**m).astype(np.float64)
            self.parts.setdefault((at + j) // CODE + 1, []).append((first, m, folded))
            j += m


@dataclass(frozen=True, eq=False)
class Backwards:
    """The reading of a reverse depth under one layout of each message: for each message
    the code groups overlapping its stretch (numbers from 1, ``int64``, shape ``(g,)``),
    whether all four figures of each were seen, and the posterior of each group's code
    (``float64``, shape ``(g, 10**4)``); and the log evidence (to weigh layouts)."""

    groups: tuple[NDArray[np.int64], NDArray[np.int64]]
    whole: tuple[NDArray[np.bool_], NDArray[np.bool_]]
    scores: tuple[NDArray[np.float64], NDArray[np.float64]]
    evidence: float


def read_backwards(
    d: NDArray[np.int64],
    plains: tuple[Plain, Plain],
    sides: tuple[Side, Side],
    starts: tuple[int, int],
    fives: NDArray[np.float64],
    p: NDArray[np.float64],
) -> Backwards:
    """Read both messages of a reverse depth, pair of groups by pair of groups.

    ``d`` (``int64``, shape ``(5 L,)``) is ``C1 - C2`` with the second stretch's groups
    last first; ``sides`` each message over its stretch in its own order, from text
    figure ``starts``; ``p`` the code-group probabilities (shape ``(10**4,)``).  Raises
    :class:`Contradiction` when the known figures exclude every reading of a pair.
    """
    count = d.size // GROUP
    minus = _minus()
    pieces = (Pieces({}), Pieces({}))
    evidence = 0.0
    for k in range(count):
        back = count - 1 - k
        at = (starts[0] + GROUP * k, starts[1] + GROUP * back)
        one = prior(fives, plains[0], sides[0].known[GROUP * k : GROUP * k + GROUP], at[0])
        two = prior(fives, plains[1], sides[1].known[GROUP * back : GROUP * back + GROUP], at[1])
        figures = d[GROUP * k : GROUP * k + GROUP].tolist()
        other = minus[0, figures[0]] + minus[1, figures[1]]
        for j in range(2, GROUP):
            other += minus[j, figures[j]]
        score = one * two[other]
        total = float(score.sum())
        if not total > 0:
            raise Contradiction(k)
        evidence += float(np.log(total))
        post = score / total
        mapped = np.empty(_WINDOWS, dtype=np.float64)
        mapped[other] = post
        pieces[0].add(post, at[0], plains[0].code_digits)
        pieces[1].add(mapped, at[1], plains[1].code_digits)
    chosen = [_scores(pieces[i], p) for i in (0, 1)]
    return Backwards(
        (chosen[0][0], chosen[1][0]),
        (chosen[0][1], chosen[1][1]),
        (chosen[0][2], chosen[1][2]),
        evidence,
    )


def read_reverse(
    stretch: Stretch, fives: NDArray[np.float64], p: NDArray[np.float64], *, same: bool
) -> tuple[tuple[Side, Side], tuple[Picks, Picks]] | None:
    """Read a reverse depth over every layout of its messages (for a message in depth
    with itself, ``same``: one layout for both stretches).  The groups listed are those
    of the likeliest layouts, each message over its stretch there with the figures known
    only where every layout of weight agrees; each code and its probability come from
    the posterior averaged over the layouts (a group some layouts do not have counts
    against).  None when the known figures contradict each other under every layout."""
    layouts: Iterable[tuple[Plain, Plain]] = itertools.product(*stretch.options)
    if same:
        layouts = zip(*stretch.options, strict=True)
    found: list[tuple[tuple[Side, Side], Backwards]] = []
    for plain in layouts:
        sides = (stretch.side(0, plain[0]), stretch.side(1, plain[1]))
        try:
            found.append((sides, read_backwards(stretch.d, plain, sides, stretch.starts, fives, p)))
        except Contradiction:
            continue
    if not found:
        return None
    evidence = np.array([b.evidence for _, b in found])
    weights = np.exp(evidence - evidence.max())
    weights /= weights.sum()
    best = int(np.argmax(weights))
    out_sides, picks = [], []
    for i in (0, 1):
        groups = found[best][1].groups[i]
        mixed = np.zeros((groups.size, 10**CODE), dtype=np.float64)
        known = found[best][0][i].known.copy()
        for w, (sides, b) in zip(weights.tolist(), found, strict=True):
            here, there = np.intersect1d(groups, b.groups[i], return_indices=True)[1:]
            mixed[here] += w * b.scores[i][there]
            if w > _WEIGHT:
                known[sides[i].known != known] = -1
        codes = np.argmax(mixed, axis=1).astype(np.int64)
        confidence = mixed[np.arange(groups.size), codes]
        picks.append((groups, codes, confidence, found[best][1].whole[i]))
        out_sides.append(Side(known, found[best][0][i].ends))
    return (out_sides[0], out_sides[1]), (picks[0], picks[1])


def _scores(
    pieces: Pieces, p: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.float64]]:
    """The posterior of the code of every code group seen (numbers from 1): ``p(code)``
    times, for each part seen, its posterior over its prior under ``p``; and whether all
    four figures were seen."""
    codes = np.arange(10**CODE, dtype=np.int64)
    numbers = sorted(pieces.parts)
    scores = np.zeros((len(numbers), 10**CODE), dtype=np.float64)
    whole = np.zeros(len(numbers), dtype=bool)
    for i, number in enumerate(numbers):
        score = p.copy()
        seen = 0
        for first, m, post in pieces.parts[number]:
            part = (codes // 10 ** (CODE - first - m)) % 10**m
            base = np.bincount(part, weights=p, minlength=10**m)
            score *= post[part] / base[part]
            seen += m
        scores[i] = score / score.sum()
        whole[i] = seen == CODE
    return np.array(numbers, dtype=np.int64), whole, scores


__all__ = ["Backwards", "Pieces", "prior", "read_backwards", "read_reverse"]
