"""Finding depths without indicators: :func:`by_statistics` tests every pair of page
stretches by the log likelihood ratio of their difference ``D = C1 - C2`` under a
:class:`~cipherwire.analysis.model.CodeModel`, against an exact null distribution, so that
the whole search expects at most ``false_alarms`` wrong findings; :class:`Search` holds what
it found.  The test is our model of what an analyst with frequency counts could do:
docs/explanation/depths.md ("Finding depths without indicators") explains it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.model import (
    P_FLOOR,
    CodeModel,
    pmf,
    quantise,
    tail_limit,
    tail_probability,
)
from cipherwire.analysis.reverse import candidates, reversed_pages
from cipherwire.core._engine.chunks import map_spans
from cipherwire.core.sizes import CODE, GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError

_SPACE = 10**CODE
_KEY_DIGITS = (GROUPS_PER_PAGE - 1) * GROUP  # 295
_WINDOWS = (_KEY_DIGITS - 3 - 3) // 4 + 1  # 73 windows of 4 at any of the 4 offsets
_BLOCK = 32  # rows scored at once: 32 x a few thousand int16 stay in the L2 cache
_STEP = 32  # blocks between progress reports
#: How many wrong findings a search expects by default: a class can trust what it finds.
FALSE_ALARMS = 0.1


@dataclass(frozen=True)
class Search:
    """What :func:`by_statistics` found: the depths (sorted) and for each the chance that
    noise would score as high on that pair (``p_values``), the pairs of page stretches
    checked, and the seconds the search took."""

    depths: tuple[Depth, ...]
    p_values: tuple[float, ...]
    stretches: int
    pairs: int
    seconds: float


def by_statistics(
    intercepts: Intercepts,
    *,
    model: CodeModel | None = None,
    false_alarms: float = FALSE_ALARMS,
    progress: Callable[[int, int], None] | None = None,
) -> Search:
    """Find depths by the difference test (docs/explanation/depths.md), over all pairs.

    ``false_alarms`` is how many wrong findings the whole search may expect.
    ``progress(done, total)`` is called, from the calling thread, as blocks of page
    stretches are finished.  Raises :class:`~cipherwire.errors.AnalysisError` for a
    ``false_alarms`` that is not a positive number.
    """
    if not isinstance(false_alarms, int | float) or isinstance(false_alarms, bool):
        raise AnalysisError(f"false_alarms must be a number, not {false_alarms!r}")
    if not 0 < false_alarms < 1e6:
        raise AnalysisError(f"false_alarms must be above 0, not {false_alarms!r}")
    began = time.perf_counter()
    tables = _Tables(model if model is not None else CodeModel.default())
    st = _Stretches.of(intercepts)
    n = st.size
    pairs = n * (n - 1) // 2
    tests = int(candidates(intercepts).size)
    per_pair = false_alarms / max(pairs + tests, 1)
    bounds = st.bounds
    work = [
        (a, b, lo)
        for a in range(CODE)
        for b in range(a, CODE)
        if bounds[b + 1] > bounds[b]
        for lo in range(bounds[a], bounds[a + 1], _BLOCK * _STEP)
    ]
    found: list[_Hit] = []
    for done, (a, b, lo) in enumerate(work, 1):
        sides = 1 if a == b else 2  # two sides share the false-alarm budget
        limits = {
            False: tables.thresholds((a - b) % CODE, per_pair / sides),
            True: tables.thresholds((b - a) % CODE, per_pair / sides),
        }
        hi = min(int(bounds[a + 1]), lo + _BLOCK * _STEP)

        def score(
            x: int, y: int, a: int = a, b: int = b, lo: int = lo, limits: _Limits = limits
        ) -> list[_Hit]:
            first, last = lo + x, lo + y
            hits: list[_Hit] = []
            for row in range(first, last, _BLOCK):
                rows = (row, min(last, row + _BLOCK))
                cols = (row if a == b else int(bounds[b]), int(bounds[b + 1]))
                hits.extend(_score_block(st, tables, rows, cols, a, b, limits))
            return hits

        for part in map_spans(score, hi - lo, align=_BLOCK, threaded_from=2 * _BLOCK):
            found.extend(part)
        if progress is not None:
            progress(done, len(work))
    reverse = reversed_pages(intercepts, tables.model, per_pair)
    depths, p_values = st.depths(found, reverse, tables)
    return Search(depths, p_values, n, pairs + tests, time.perf_counter() - began)


_Limits = dict[bool, NDArray[np.int16]]
_Hit = tuple[int, int, int, int]  # stretches i and j, the side that scored (1: j's), score


@dataclass(frozen=True, eq=False)
class _Stretches:
    """Every page stretch of every message, sorted by the offset of its first code-group
    boundary (classes ``bounds[o]:bounds[o + 1]``) and, within a class, longest first.

    ``rows[o]`` (``(n, 73)``, times 10000) and ``cols[o]`` (``(73, n)``) hold the window
    values at offset ``o``, ready to add into a table index (see :func:`_table`);
    ``windows[i, o]`` is how many windows at offset ``o`` stretch ``i`` has.
    """

    message: NDArray[np.int64]
    at: NDArray[np.int64]
    length: NDArray[np.int64]
    bounds: NDArray[np.int64]
    rows: tuple[NDArray[np.int64], ...]
    cols: tuple[NDArray[np.int64], ...]
    windows: NDArray[np.int64]

    @property
    def size(self) -> int:
        return int(self.message.size)

    @classmethod
    def of(cls, intercepts: Intercepts) -> _Stretches:
        message, at, length = intercepts.pages()
        live = length > 0
        message, at, length = message[live], at[live], length[live]
        offset = (-_KEY_DIGITS * (at // GROUPS_PER_PAGE)) % CODE
        order = np.lexsort((-length, offset))
        message, at, length, offset = message[order], at[order], length[order], offset[order]
        digits = intercepts.groups.digits
        start = intercepts.groups.offsets[message] + (at + 1) * 5
        index = np.minimum(start[:, None] + np.arange(_KEY_DIGITS), max(digits.size - 1, 0))
        key = digits[index].astype(np.int64)
        rows, cols = [], []
        for o in range(CODE):
            first = o + 4 * np.arange(_WINDOWS)
            values = sum(key[:, first + i] * 10 ** (3 - i) for i in range(CODE))
            rows.append(values * _SPACE)
            cols.append(np.ascontiguousarray(values.T))
        windows = np.stack([np.maximum(0, (5 * length - o) // CODE) for o in range(CODE)], 1)
        bounds = np.searchsorted(offset, np.arange(CODE + 1))
        return cls(message, at, length, bounds, tuple(rows), tuple(cols), windows)

    def depths(
        self, found: list[_Hit], reverse: list[tuple[Depth, float]], tables: _Tables
    ) -> tuple[tuple[Depth, ...], tuple[float, ...]]:
        """The hits as depths, sorted, each with the chance that noise scores as high."""
        out = list(reverse)
        for i, j, side, value in found:
            a, b = (i, j) if self.message[i] < self.message[j] else (j, i)
            length = int(min(self.length[i], self.length[j]))
            depth = Depth(
                int(self.message[a]),
                int(self.message[b]),
                int(self.at[a]) + 1,
                int(self.at[b]) + 1,
                length,
            )
            ci, cj = (int(np.searchsorted(self.bounds, k, side="right")) - 1 for k in (i, j))
            offset, shift = (cj, (cj - ci) % CODE) if side else (ci, (ci - cj) % CODE)
            one = pmf(tables.quantised(shift))
            chance = tail_probability([(one, _windows_in(length, offset))], value)
            if chance > P_FLOOR:  # two sides tested: either could have scored by chance
                chance = min(1.0, chance * (1 if ci == cj else 2))
            out.append((depth, chance))
        out.sort()
        return tuple(d for d, _ in out), tuple(v for _, v in out)


class _Tables:
    """The int8 score tables ``T[shift][x * 10000 + y] = q(x - y)`` (``q(y - x)`` for the
    reversed ones) and the thresholds, each made when first needed and kept."""

    def __init__(self, model: CodeModel) -> None:
        self.model = model
        self._scores: dict[int, NDArray[np.int8]] = {}
        self._made: dict[tuple[int, bool], NDArray[np.int8]] = {}
        self._limits: dict[tuple[int, float], NDArray[np.int16]] = {}
        self._lock = threading.RLock()

    def quantised(self, shift: int) -> NDArray[np.int8]:
        """One window's score for each difference, at ``shift`` (see :func:`quantise`)."""
        with self._lock:
            if shift not in self._scores:
                self._scores[shift] = quantise(self.model.llr(shift))
            return self._scores[shift]

    def table(self, shift: int, *, reverse: bool) -> NDArray[np.int8]:
        with self._lock:
            key = (shift, reverse)
            if key not in self._made:
                self._made[key] = _table(self.quantised(shift), reverse=reverse)
            return self._made[key]

    def thresholds(self, shift: int, per_pair: float) -> NDArray[np.int16]:
        """The score a side of ``shift`` must reach, for each overlap ``(length, offset)``
        (shape ``(60, 4)``), for noise to reach it with probability below ``per_pair``."""
        with self._lock:
            key = (shift, per_pair)
            if key not in self._limits:
                one = pmf(self.quantised(shift))
                by_windows = {w: tail_limit([(one, w)], per_pair) for w in range(_WINDOWS + 1)}
                out = np.empty((GROUPS_PER_PAGE, CODE), dtype=np.int16)
                for length in range(GROUPS_PER_PAGE):
                    for offset in range(CODE):
                        out[length, offset] = by_windows[_windows_in(length, offset)]
                self._limits[key] = out
            return self._limits[key]


def _windows_in(length: int, offset: int) -> int:
    """Code-group windows at ``offset`` inside a stretch of ``length`` key groups."""
    return max(0, (5 * length - offset) // CODE)


def _table(q: NDArray[np.int8], *, reverse: bool) -> NDArray[np.int8]:
    """The table of ``q[x - y]`` (digit by digit mod 10; ``y - x`` if ``reverse``) at
    ``x * 10000 + y``: a row of 10 kB for each ``x``, so the lookups of one row stay in
    the core's cache.  Made with the digits interleaved (four ``take`` calls), then put
    in row order in one copy."""
    diff = (np.arange(10)[:, None] - np.arange(10)[None, :]) % 10
    if reverse:
        diff = np.ascontiguousarray(diff.T)
    out = q.reshape(10, 10, 10, 10)[diff]  # x0 y0 d1 d2 d3
    for axis in (2, 4, 6):
        out = np.take(out, diff, axis=axis)  # ... x_i y_i ...
    return np.ascontiguousarray(out.transpose(0, 2, 4, 6, 1, 3, 5, 7)).ravel()


def _score_block(
    st: _Stretches,
    tables: _Tables,
    rows: tuple[int, int],
    cols: tuple[int, int],
    a: int,
    b: int,
    limits: _Limits,
) -> list[_Hit]:
    """Score stretches ``rows`` (of offset class ``a``) against ``cols`` (class ``b``),
    both position ranges; the hits, each with the higher of its two sides' scores."""
    r0, r1 = rows
    c0, c1 = cols
    size = (r1 - r0) * (c1 - c0)
    if size <= 0:
        return []
    index = np.empty(size, dtype=np.intp)
    values = np.empty(size, dtype=np.int8)
    margin = np.full((r1 - r0, c1 - c0), np.iinfo(np.int32).min, dtype=np.int32)
    score = np.zeros((r1 - r0, c1 - c0), dtype=np.int16)
    side = np.zeros((r1 - r0, c1 - c0), dtype=np.int8)
    overlap = np.minimum(st.length[r0:r1, None], st.length[None, c0:c1])
    sides = [(a, (a - b) % CODE, False)]
    if a != b:  # the second stretch's code-group windows tell more
        sides.append((b, (b - a) % CODE, True))
    for offset, shift, reverse in sides:
        table = tables.table(shift, reverse=reverse)
        acc = np.zeros((r1 - r0, c1 - c0), dtype=np.int16)
        x = st.rows[offset][r0:r1]
        y = st.cols[offset][:, c0:c1]
        # Stretches are sorted longest first: window w of the rows (and columns) that
        # have it is a prefix of each, so no window outside a stretch is looked up.
        n_rows = np.searchsorted(-st.windows[r0:r1, offset], -np.arange(_WINDOWS), side="left")
        n_cols = np.searchsorted(-st.windows[c0:c1, offset], -np.arange(_WINDOWS), side="left")
        for w in range(_WINDOWS):
            r, c = int(n_rows[w]), int(n_cols[w])
            if r == 0 or c == 0:
                break
            ix = index[: r * c].reshape(r, c)
            v = values[: r * c].reshape(r, c)
            np.add(x[:r, w, None], y[w, None, :c], out=ix)
            np.take(table, ix, out=v, mode="clip")
            part = acc[:r, :c]
            np.add(part, v, out=part, casting="unsafe")
        here = acc.astype(np.int32) - limits[reverse][overlap, offset]
        better = here > margin
        margin[better], score[better], side[better] = here[better], acc[better], int(reverse)
    hit = margin >= 0
    hit &= st.message[r0:r1, None] != st.message[None, c0:c1]
    if a == b:  # one class against itself: each pair once
        hit &= np.arange(r0, r1)[:, None] < np.arange(c0, c1)[None, :]
    i, j = np.nonzero(hit)
    return list(
        zip(
            (i + r0).tolist(),
            (j + c0).tolist(),
            side[i, j].tolist(),
            score[i, j].tolist(),
            strict=True,
        )
    )


__all__ = ["FALSE_ALARMS", "Search", "by_statistics"]
