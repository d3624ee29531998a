"""Finding the "reverse" fault without indicators: a page read forward, then backwards
(DOMAIN.md §3).  :func:`candidates` lists the page stretches where a reversed page can be
(in our model, a full page stretch followed by another of the same message), and
:func:`reversed_pages` tests each such pair by the log likelihood ratio of its groups'
differences under a :class:`~cipherwire.analysis.model.CodeModel`, against an exact null
distribution; docs/explanation/depths.md ("The reverse fault") explains the test.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts, Use, shared
from cipherwire.analysis.model import CodeModel, pmf, quantise, tail_limit, tail_probability
from cipherwire.core.sizes import CODE, GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError

_KEY = GROUPS_PER_PAGE - 1  # 59 key groups
_WEIGHTS = 10 ** np.arange(GROUP - 1, -1, -1, dtype=np.int64)


def candidates(intercepts: Intercepts) -> NDArray[np.int64]:
    """The page stretches (as indices into :meth:`Intercepts.pages`) that are full and
    followed by another stretch of the same message: where a reversed page can be."""
    message, _, length = intercepts.pages()
    same = message[:-1] == message[1:]
    return np.flatnonzero(same & (length[:-1] == _KEY) & (length[1:] > 0))


def reversed_pages(
    intercepts: Intercepts, model: CodeModel, per_test: float
) -> list[tuple[Depth, float]]:
    """Test every :func:`candidates` pair; the reverse depths found, each with the chance
    that noise scores as high.  ``per_test`` is the chance a test may have to report noise
    (above 0; 1 or more reports every candidate)."""
    if not isinstance(model, CodeModel):
        raise AnalysisError(f"the model must be a CodeModel, not {type(model).__name__}")
    if not (
        isinstance(per_test, int | float)
        and not isinstance(per_test, bool)
        and math.isfinite(per_test)
        and per_test > 0
    ):
        raise AnalysisError(f"the chance a test may report noise is above 0, not {per_test!r}")
    first = candidates(intercepts)
    if first.size == 0:
        return []
    message, at, length = intercepts.pages()
    digits, offsets = intercepts.groups.digits, intercepts.groups.offsets
    span = np.arange(_KEY * GROUP)

    def key_groups(i: NDArray[np.int64]) -> NDArray[np.int64]:
        start = offsets[message[i]] + (at[i] + 1) * GROUP
        index = np.minimum(start[:, None] + span, digits.size - 1)
        out: NDArray[np.int64] = digits[index].astype(np.int64).reshape(i.size, _KEY, GROUP)
        return out

    forward = key_groups(first)[:, ::-1]  # key group 58 - j at position j
    backward = key_groups(first + 1)
    values = ((forward - backward) % 10) @ _WEIGHTS
    page = at[first] // GROUPS_PER_PAGE
    j = np.arange(_KEY)
    phase_f = (_KEY * GROUP * page[:, None] + GROUP * (_KEY - 1 - j)) % CODE
    phase_b = (_KEY * GROUP * (page[:, None] + 1) + GROUP * j) % CODE
    combo = phase_f * CODE + phase_b
    tables = np.stack([quantise(model.llr5(c // CODE, c % CODE)) for c in range(16)])
    inside = j[None, :] < length[first + 1][:, None]
    scores = np.where(inside, tables[combo, values], 0).sum(axis=1)
    limits = _limits(tables, per_test)
    pmfs = [pmf(tables[c]) for c in range(16)]
    out = []
    for t in np.flatnonzero(scores >= limits[page % CODE, length[first + 1]]).tolist():
        i = int(first[t])
        one = Use(int(message[i]), int(at[i]), _KEY)
        other = Use(int(message[i + 1]), int(at[i + 1]), int(length[i + 1]), backwards=True)
        depth = shared(one, other)
        if depth is not None:
            counts = np.bincount(combo[t, : int(length[i + 1])], minlength=16)
            windows = [(pmfs[c], int(counts[c])) for c in range(16)]
            out.append((depth, tail_probability(windows, int(scores[t]))))
    return out


def _limits(tables: NDArray[np.int8], per_test: float) -> NDArray[np.int64]:
    """The score a test must reach, by page index mod 4 and length of the second stretch."""
    pmfs = [pmf(tables[c]) for c in range(16)]
    out = np.empty((CODE, GROUPS_PER_PAGE), dtype=np.int64)
    j = np.arange(_KEY)
    for page in range(CODE):
        phase_f = (_KEY * GROUP * page + GROUP * (_KEY - 1 - j)) % CODE
        phase_b = (_KEY * GROUP * (page + 1) + GROUP * j) % CODE
        combo = phase_f * CODE + phase_b
        for n in range(GROUPS_PER_PAGE):
            counts = np.bincount(combo[:n], minlength=16)
            out[page, n] = tail_limit([(pmfs[c], int(counts[c])) for c in range(16)], per_test)
    return out


__all__ = ["candidates", "reversed_pages"]
