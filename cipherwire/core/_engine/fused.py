"""Fused kernels: the modular kernels and the letter pad, each one compiled pass over memory.

The loops (:mod:`cipherwire.core._engine.loops`) are compiled by Numba, which is optional
(``pip install "cipherwire[fast]"``).  Without it, with ``CIPHERWIRE_FUSED=0``, or on
arrays shorter than :data:`SMALLEST`, :func:`run` returns False and
:mod:`cipherwire.core.kernels` takes its NumPy path, with the same results.  A loop checks
each block before writing it, so a value out of range leaves its block unwritten and
raises :class:`OutOfRange` for the caller to find exactly; arrays of
:data:`THREADED_FROM` bytes or more run in one span per thread.  docs/performance.md
explains the loops and their sizes.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from cipherwire.core._engine import chunks

#: Arrays shorter than this take the NumPy path: as fast there, and a command that only
#: enciphers a telegram or two never imports Numba.
SMALLEST = 1 << 16
#: Arrays at least this long are split over the worker threads: below it a second thread
#: costs more than it brings.
THREADED_FROM = 4 << 20

Kernel = Callable[..., int]
_lock = threading.Lock()
_compiled: dict[str, Kernel] | None = None
_enabled: bool | None = None


def _wanted() -> bool:
    return os.environ.get("CIPHERWIRE_FUSED", "1").strip() not in {"0", "no", "false", "off"}


def available() -> bool:
    """Whether the fused kernels are in use: Numba imports and they are not turned off."""
    global _enabled
    if _enabled is None:
        _enabled = _wanted() and _kernels() is not None
    return _enabled


def set_enabled(on: bool | None) -> None:
    """Use the fused kernels (True, if Numba is there), the NumPy path (False), or go back
    to the default (None: on unless ``CIPHERWIRE_FUSED=0``)."""
    global _enabled
    _enabled = None if on is None else bool(on) and _kernels() is not None


#: The kernels compiled here (the names of :mod:`cipherwire.core.kernels`'s, and the letter pad).
KERNELS = ("add_mod10", "sub_mod10", "add_mod26", "sub_mod26", "letter_pad", "letter_unpad")


def _kernels() -> dict[str, Kernel] | None:
    """The compiled kernels, or None without Numba (imported, and each loop compiled, at
    first use: :mod:`cipherwire.core._engine.loops`)."""
    global _compiled
    with _lock:
        if _compiled is None:
            try:
                from cipherwire.core._engine import loops
            except ImportError:
                _compiled = {}
            else:
                _compiled = {
                    "add_mod10": functools.partial(loops.add, modulus=10),
                    "sub_mod10": functools.partial(loops.sub, modulus=10),
                    "add_mod26": functools.partial(loops.add, modulus=26),
                    "sub_mod26": functools.partial(loops.sub, modulus=26),
                    "letter_pad": functools.partial(loops.pad, sign=1),
                    "letter_unpad": functools.partial(loops.pad, sign=-1),
                }
        return _compiled or None


def run(
    name: str,
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8],
    *,
    threaded: bool = True,
    smallest: int = SMALLEST,
) -> bool:
    """Run fused kernel ``name`` on 1-D contiguous ``uint8`` arrays of one length.

    Returns False when it does not: the fused kernels are not in use (:func:`available`)
    or the arrays are shorter than ``smallest``: nothing is written then, and the caller
    takes the NumPy path.  Raises :class:`OutOfRange` when an operand holds a value out of
    range: every block with one, and every later block of its span, is left unwritten.
    ``threaded=False`` keeps the call in the calling thread.
    """
    kernels = _kernels()
    n = out.size
    if kernels is None or n < smallest or not available():
        return False
    kernel = kernels[name]
    # LLVM's vectorised loop falls back to one byte at a time when out overlaps an
    # operand, so in place each block goes through a scratch block in L1 first
    through = np.may_share_memory(out, a) or np.may_share_memory(out, b)
    if threaded and n >= THREADED_FROM:
        results = chunks.map_spans(
            lambda lo, hi: kernel(a[lo:hi], b[lo:hi], out[lo:hi], through=through),
            n,
            align=chunks.BLOCK,
            threaded_from=THREADED_FROM,
        )
        if any(r >= 0 for r in results):
            raise OutOfRange
    elif kernel(a, b, out, through=through) >= 0:
        raise OutOfRange
    return True


def compile_all() -> None:
    """Compile every kernel now (or read it from Numba's cache), so that no later call
    pays for it; nothing without Numba."""
    kernels = _kernels()
    for kernel in (kernels or {}).values():
        zeros = np.zeros(1, dtype=np.uint8)
        for through in (False, True):
            kernel(zeros, zeros, np.empty_like(zeros), through=through)


class OutOfRange(Exception):
    """An operand of a fused kernel holds a value out of range (found exactly afterwards
    by the caller)."""


__all__ = [
    "KERNELS",
    "SMALLEST",
    "THREADED_FROM",
    "OutOfRange",
    "available",
    "compile_all",
    "run",
    "set_enabled",
]
