"""Reading a forward depth: the exact posterior of both code streams given ``D = C1 - C2``,
by forward-backward over the figures of ``P1`` with its last three figures as state
(:func:`posterior`), the code most probably right for each group (:func:`choose`), and
:func:`read_forward`, which does both for the likeliest layouts of a :class:`Stretch`.  The
chain is explained in docs/explanation/depths.md ("Reading a forward depth").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.stretch import WEIGHTS, Contradiction, Picks, Side, Stretch
from cipherwire.core.sizes import CODE
from cipherwire.errors import AnalysisError

#: The four-figure values: 0-9999.
SPACE = 10**CODE
_STATES = SPACE // 10


@dataclass(frozen=True, eq=False)
class Tables:
    """The code-group probabilities ``p`` (``float64``, shape ``(10000,)``, all positive)
    and, for ``m`` = 1..3, the probability of a group's last ``m`` digits
    (``marginals[m]``) or first ``m`` digits (``marginals[-m]``)."""

    p: NDArray[np.float64]
    marginals: dict[int, NDArray[np.float64]]

    @classmethod
    def of(cls, probabilities: NDArray[np.float64]) -> Tables:
        """The tables of a code model's group probabilities (``float64``, shape
        ``(10000,)``, all positive, e.g. ``CodeModel.windows[0]``); raises
        :class:`~cipherwire.errors.AnalysisError` for anything else."""
        p = np.asarray(probabilities, dtype=np.float64)
        if p.shape != (SPACE,):
            raise AnalysisError(
                f"code-group probabilities are {SPACE:,} numbers, not of shape {p.shape}"
            )
        bad = np.flatnonzero(~(np.isfinite(p) & (p > 0)))
        if bad.size:
            i = int(bad[0])
            raise AnalysisError(f"code-group probabilities are positive: p[{i}] is {float(p[i])!r}")
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


def read_forward(
    stretch: Stretch, tables: Tables
) -> tuple[tuple[Side, Side], tuple[Picks, Picks]] | None:
    """Read a forward depth under the layouts of its two messages that fit best (the
    highest evidence), each code group chosen from the posterior there; None when the
    known figures contradict each other under every layout."""
    best = None
    for layouts in itertools.product(*stretch.options):
        sides = (stretch.side(0, layouts[0]), stretch.side(1, layouts[1]))
        try:
            post = posterior(stretch.d, sides[0], sides[1], tables)
        except Contradiction:
            continue
        if best is None or post.evidence > best[0].evidence:
            best = (post, sides)
    if best is None:
        return None
    post, sides = best
    picks = []
    for i, side in enumerate(sides):
        ends = np.flatnonzero(side.ends)
        choices = [
            choose(post, stretch.d, int(t), int(side.ends[t]), second=i == 1, tables=tables)
            for t in ends
        ]
        codes = np.array([c.code for c in choices], dtype=np.int64)
        confidence = np.array([c.confidence for c in choices], dtype=np.float64)
        groups = ((stretch.starts[i] + ends) // CODE + 1).astype(np.int64)
        picks.append((groups, codes, confidence, side.ends[ends] == CODE))
    return sides, (picks[0], picks[1])


__all__ = [
    "SPACE",
    "Choice",
    "Posterior",
    "Tables",
    "choose",
    "posterior",
    "read_forward",
    "shifted",
    "shifted_rows",
]
