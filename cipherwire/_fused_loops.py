"""The loops of :mod:`cipherwire.fused`, compiled by Numba (imported only when used).

Eight bytes a 64-bit word: a byte sum of two digits is at most 18 (of two letters, 50),
so the bytes of a word add without carrying into each other, and the bytes of ``m`` or
more are marked by one addition and one mask (``s + 128 - m`` reaches 128 exactly when
``s >= m``).  A difference is taken as ``(x | 0x80..) - y``: 128 + x - y in every byte,
so no byte borrows from its neighbour either.

Each kernel works a block at a time: first the block's operands are checked (one
reduction over the block), then its results are written; a block with a value out of
range stops the kernel before it is written.  The check and the arithmetic are separate
compiled functions called on slices of the block: written as two inner loops of one
function, LLVM did not vectorise them (2 GB/s against 11 GB/s, measured).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit  # type: ignore[import-untyped, unused-ignore]

#: Words a block (4 KiB).
BLOCK_WORDS = 512
_ONES = 0x0101010101010101
_HIGH = 0x8080808080808080
_LOW7 = 0x7F7F7F7F7F7F7F7F
_ASCII_A = 0x41 * _ONES

_jit = njit(nogil=True, cache=True, boundscheck=False)


@_jit
def _flags(x: Any, y: Any, over: Any) -> Any:
    """The high bit of a byte is set where a byte of x or y is ``128 - over`` or more."""
    flags = np.uint64(0)
    for i in range(x.size):
        flags |= (x[i] + over) | x[i] | (y[i] + over) | y[i]
    return flags


@_jit
def _add_words(x: Any, y: Any, out: Any, over: Any, modulus: Any) -> None:
    high = np.uint64(_HIGH)
    for i in range(x.size):
        s = x[i] + y[i]
        out[i] = s - (((s + over) & high) >> np.uint64(7)) * modulus


@_jit
def _sub_words(x: Any, y: Any, out: Any, back: Any) -> None:
    high, ones, low7 = np.uint64(_HIGH), np.uint64(_ONES), np.uint64(_LOW7)
    for i in range(x.size):
        d = (x[i] | high) - y[i]
        below = ((d & high) >> np.uint64(7)) ^ ones  # 1 in the bytes where x < y
        out[i] = (d & low7) - below * back


@_jit
def _letter_flags(x: Any, y: Any) -> Any:
    """The high bit of a byte is set where a byte of x or y is not an ASCII capital."""
    high, low7, a = np.uint64(_HIGH), np.uint64(_LOW7), np.uint64(_ASCII_A)
    over = np.uint64((128 - 26) * _ONES)
    flags = np.uint64(0)
    for i in range(x.size):
        dx = (x[i] | high) - a  # 128 + x - 65: below 128 where x < "A"
        dy = (y[i] | high) - a
        flags |= x[i] | y[i] | ~dx | ~dy | ((dx & low7) + over) | ((dy & low7) + over)
    return flags


@_jit
def _pad_words(x: Any, y: Any, out: Any, sign: int) -> None:
    high, ones, low7, a = np.uint64(_HIGH), np.uint64(_ONES), np.uint64(_LOW7), np.uint64(_ASCII_A)
    over, back = np.uint64((128 - 26) * _ONES), np.uint64(128 - 26)
    for i in range(x.size):
        p = ((x[i] | high) - a) & low7  # letters 0-25
        k = ((y[i] | high) - a) & low7
        if sign > 0:
            s = p + k
            r = s - (((s + over) & high) >> np.uint64(7)) * np.uint64(26)
        else:
            d = (p | high) - k
            r = (d & low7) - (((d & high) >> np.uint64(7)) ^ ones) * back
        out[i] = r + a


@_jit
def add(x: Any, y: Any, out: Any, modulus: int) -> int:
    """``out = (x + y) mod modulus`` in every byte; -1, or the first word of the first
    block with a byte of ``modulus`` or more in ``x`` or ``y`` (it and what follows are
    not written)."""
    over = np.uint64((128 - modulus) * _ONES)
    m, high = np.uint64(modulus), np.uint64(_HIGH)
    n = x.size
    for lo in range(0, n, BLOCK_WORDS):
        hi = min(n, lo + BLOCK_WORDS)
        if _flags(x[lo:hi], y[lo:hi], over) & high:
            return lo
        _add_words(x[lo:hi], y[lo:hi], out[lo:hi], over, m)
    return -1


@_jit
def sub(x: Any, y: Any, out: Any, modulus: int) -> int:
    """``out = (x - y) mod modulus`` in every byte, as :func:`add`."""
    over = np.uint64((128 - modulus) * _ONES)
    back = np.uint64(128 - modulus)  # a scalar: times 0 or 1 in every byte
    high = np.uint64(_HIGH)
    n = x.size
    for lo in range(0, n, BLOCK_WORDS):
        hi = min(n, lo + BLOCK_WORDS)
        if _flags(x[lo:hi], y[lo:hi], over) & high:
            return lo
        _sub_words(x[lo:hi], y[lo:hi], out[lo:hi], back)
    return -1


@_jit
def pad(x: Any, y: Any, out: Any, sign: int) -> int:
    """ASCII capitals ``x`` and key ``y``: ``x + y`` (``x - y`` for a negative ``sign``)
    wrapped in A-Z, as ASCII capitals, as :func:`add`."""
    high = np.uint64(_HIGH)
    n = x.size
    for lo in range(0, n, BLOCK_WORDS):
        hi = min(n, lo + BLOCK_WORDS)
        if _letter_flags(x[lo:hi], y[lo:hi]) & high:
            return lo
        _pad_words(x[lo:hi], y[lo:hi], out[lo:hi], sign)
    return -1
