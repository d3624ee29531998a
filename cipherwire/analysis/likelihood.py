"""The exact likelihood ratio of a depth: how much more probable a difference
``D = C1 - C2`` is between two code streams than between two stretches of noise, by a
forward pass over the figures (:func:`log_ratios`; :func:`depth_ratios` for the depths of
a traffic).  By the Neyman-Pearson lemma it bounds what any test of one pair at a time can
find; docs/explanation/depths.md ("The exact likelihood ratio") explains it.

>>> import numpy as np
>>> from cipherwire.analysis.forwards import Tables
>>> from cipherwire.analysis.model import CodeModel
>>> tables = Tables.of(CodeModel.default().windows[0])
>>> noise = np.random.default_rng(1).integers(0, 10, (3, 295))
>>> bool((log_ratios(noise, (0, 3), tables) < 0).all())
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.forwards import SPACE, Tables, shifted_rows
from cipherwire.analysis.plaintext import text_digit
from cipherwire.core.sizes import CODE, GROUP
from cipherwire.errors import AnalysisError

_STATES = SPACE // 10
_VALUES = np.arange(SPACE, dtype=np.int64)


def log_ratios(
    d: NDArray[np.integer], starts: tuple[int, int], tables: Tables
) -> NDArray[np.float64]:
    """``log(P(D | depth) / P(D | noise))`` for each row of ``d``.

    Parameters
    ----------
    d : ndarray of int, shape ``(K, S)``
        ``C1 - C2`` digit by digit (mod 10) over ``K`` pairs of stretches of ``S`` digits
        (``S >= 4``), all with the same code-group boundaries.
    starts : (int, int)
        Where each stretch begins in its own code stream, in figures (only the position
        within a four-figure group counts): the first message's, then the second's.
    tables : Tables
        The code-group probabilities.

    Raises :class:`~cipherwire.errors.AnalysisError` for digits out of 0-9, a stretch
    shorter than a code group or a shape that is not ``(K, S)``.
    """
    rows = np.asarray(d)
    if rows.ndim != 2 or not np.issubdtype(rows.dtype, np.integer):
        raise AnalysisError(f"d must be a (K, S) array of digits, not shape {rows.shape}")
    count, size = rows.shape
    if size < CODE:
        raise AnalysisError(f"a stretch of {size} digits is shorter than a code group")
    if rows.size and (int(rows.min()) < 0 or int(rows.max()) > 9):
        raise AnalysisError("d holds values outside the digits 0-9")
    rows = rows.astype(np.int64)
    first, second = (int(s) % CODE for s in starts)
    forward = np.ones((count, _STATES))  # the three figures before the stretch: free
    evidence = np.zeros(count)
    for t in range(size):
        g = np.repeat(forward, 10, axis=1)  # column v: P1's figures t-3..t are v
        for start, own in ((first, True), (second, False)):
            weights = _group_weights(tables, (start + t) % CODE, t, size)
            if weights is None:
                continue
            if own:
                g *= weights
            else:
                window = rows[:, np.maximum(np.arange(t - CODE + 1, t + 1), 0)]
                g *= weights[shifted_rows(window)]  # P2's figures there: v - D
        total = g.sum(axis=1)
        evidence += np.log(total)
        forward = g.reshape(count, 10, _STATES).sum(axis=1) / total[:, None]
    out: NDArray[np.float64] = evidence - np.log(_STATES) + size * np.log(10)
    return out


def depth_ratios(
    intercepts: Intercepts, depths: Sequence[Depth], tables: Tables
) -> NDArray[np.float64]:
    """:func:`log_ratios` of each depth's stretches in ``intercepts`` (NaN for a reverse
    depth, where the two code streams run against each other, and for a message in depth
    with itself).  Depths of the same length and code-group positions go in one call."""
    out = np.full(len(depths), np.nan)
    batches: dict[tuple[int, int, int], list[int]] = {}
    for k, depth in enumerate(depths):
        if not depth.reverse and depth.first != depth.second:
            starts = (text_digit(depth.first_at) % CODE, text_digit(depth.second_at) % CODE)
            batches.setdefault((*starts, depth.length), []).append(k)
    groups = intercepts.groups
    for (first, second, length), members in batches.items():
        d = np.empty((len(members), GROUP * length), dtype=np.int64)
        for row, k in enumerate(members):
            depth = depths[k]
            one, two = (
                groups[m][GROUP * at : GROUP * (at + length)].astype(np.int64)
                for m, at in ((depth.first, depth.first_at), (depth.second, depth.second_at))
            )
            d[row] = (one - two) % 10
        out[members] = log_ratios(d, (first, second), tables)
    return out


def _group_weights(tables: Tables, phase: int, t: int, size: int) -> NDArray[np.float64] | None:
    """The weight of each four-figure window ending at figure ``t`` for a stream at code
    phase ``phase`` there, or None where no group of it ends or is cut off."""
    if phase == CODE - 1:  # a group ends here: whole, or the last t + 1 figures of one
        seen = min(CODE, t + 1)
        if seen == CODE:
            return tables.p
        ends: NDArray[np.float64] = tables.marginals[seen][_VALUES % 10**seen]
        return ends
    if t == size - 1:  # the stretch ends inside a group: its first phase + 1 figures
        seen = phase + 1
        starts: NDArray[np.float64] = tables.marginals[-seen][_VALUES % 10**seen]
        return starts
    return None


__all__ = ["depth_ratios", "log_ratios"]
