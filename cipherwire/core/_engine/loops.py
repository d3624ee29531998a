"""The loops of :mod:`cipherwire.core._engine.fused`, compiled by Numba (imported only when used).

Each loop is written one byte at a time in a form LLVM turns into SIMD code: a sum ``s``
of two digits wraps at 10 as ``min(s, s - 10)`` in unsigned bytes (``s - 10`` wraps to 246
or more below 10), a difference ``d`` as ``min(d, d + 10)``: no ``%``, no branch.  Each
kernel works a block of :data:`~cipherwire.core._engine.chunks.BLOCK` bytes at a time,
checking the block's operands before writing its results, so a kernel run in place never
overwrites an operand it then refuses; the check and the arithmetic are separate compiled
functions, since LLVM does not vectorise them as two inner loops of one.  A block of 4 KiB
keeps its three slices in L1 between the two passes and never crosses a page, where the
hardware prefetcher stops; docs/performance.md explains the sizes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit  # type: ignore[import-untyped, unused-ignore]

from cipherwire.core._engine.chunks import BLOCK

_A = 65  # "A" in ASCII

_jit = njit(nogil=True, cache=True, boundscheck=False)


@_jit
def _largest(x: Any, y: Any, shift: Any) -> Any:
    """The largest byte of ``x - shift`` and ``y - shift`` (wrapping below 0)."""
    top = np.uint8(0)
    for i in range(x.size):
        top = max(top, max(np.uint8(x[i] - shift), np.uint8(y[i] - shift)))
    return top


@_jit
def _add(x: Any, y: Any, out: Any, modulus: Any) -> None:
    for i in range(x.size):
        s = np.uint8(x[i] + y[i])
        out[i] = min(s, np.uint8(s - modulus))


@_jit
def _sub(x: Any, y: Any, out: Any, modulus: Any) -> None:
    for i in range(x.size):
        d = np.uint8(x[i] - y[i])
        out[i] = min(d, np.uint8(d + modulus))


@_jit
def _pad(x: Any, y: Any, out: Any) -> None:
    a2, m = np.uint8(2 * _A), np.uint8(26)
    for i in range(x.size):
        s = np.uint8(x[i] + y[i] - a2)  # letters 0-25 each: 0-50
        out[i] = min(s, np.uint8(s - m)) + np.uint8(_A)


@_jit
def _unpad(x: Any, y: Any, out: Any) -> None:
    m = np.uint8(26)
    for i in range(x.size):
        d = np.uint8(x[i] - y[i])
        out[i] = min(d, np.uint8(d + m)) + np.uint8(_A)


@_jit
def _copy(x: Any, out: Any) -> None:
    for i in range(x.size):
        out[i] = x[i]


@_jit
def _run(x: Any, y: Any, out: Any, kind: int, modulus: Any, shift: Any, through: bool) -> int:
    """Block by block: check, then write (through a scratch block when ``through``)."""
    scratch = np.empty(BLOCK, dtype=np.uint8)
    n = x.size
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        xs, ys = x[lo:hi], y[lo:hi]
        if _largest(xs, ys, shift) >= modulus:
            return lo
        target = scratch[: hi - lo] if through else out[lo:hi]
        if kind == 0:
            _add(xs, ys, target, modulus)
        elif kind == 1:
            _sub(xs, ys, target, modulus)
        elif kind == 2:
            _pad(xs, ys, target)
        else:
            _unpad(xs, ys, target)
        if through:
            _copy(target, out[lo:hi])
    return -1


@_jit
def add(x: Any, y: Any, out: Any, modulus: int, through: bool) -> int:
    """``out = (x + y) mod modulus`` byte by byte (1-D ``uint8``, one length); -1, or the
    start of the first block with a byte of ``modulus`` or more in ``x`` or ``y`` (that
    block and what follows are not written).  ``through``: out overlaps x or y."""
    return _run(x, y, out, 0, np.uint8(modulus), np.uint8(0), through)


@_jit
def sub(x: Any, y: Any, out: Any, modulus: int, through: bool) -> int:
    """``out = (x - y) mod modulus`` byte by byte, as :func:`add`."""
    return _run(x, y, out, 1, np.uint8(modulus), np.uint8(0), through)


@_jit
def pad(x: Any, y: Any, out: Any, sign: int, through: bool) -> int:
    """ASCII capitals ``x`` and key ``y``: ``x + y`` (``x - y`` for a negative ``sign``)
    wrapped in A-Z, as ASCII capitals, as :func:`add` (a byte that is not a capital
    stops it: below "A" it wraps to 191 or more)."""
    return _run(x, y, out, 2 if sign > 0 else 3, np.uint8(26), np.uint8(_A), through)
