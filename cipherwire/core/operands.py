"""What the core accepts: ``uint8`` arrays checked for dtype, shape and values, and offsets.

The kernels (:mod:`cipherwire.core.kernels`) and the text boundary
(:mod:`cipherwire.core.boundary`) check their operands here, and a message set
(:mod:`cipherwire.core.messages`) its offsets, so that a wrong array raises
:class:`~cipherwire.errors.ArrayTypeError` or :class:`~cipherwire.errors.ArrayValueError`
(subclasses of ``TypeError`` and ``ValueError``) naming the operand and the position.

>>> import numpy as np
>>> check_range("a", np.array([3, 12], np.uint8), 9)
Traceback (most recent call last):
...
cipherwire.errors.ArrayValueError: a holds 12 at position 1, not a digit (0-9)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from cipherwire.errors import ArrayTypeError, ArrayValueError

_WHAT = {9: "a digit (0-9)", 25: "a letter (0-25)", 31: "a five-bit code (0-31)"}


class OutOfRange(Exception):
    """Raised inside a chunk step; the caller finds the exact position afterwards."""


def check_array(name: str, x: object) -> NDArray[np.uint8]:
    """*x* itself if it is an ndarray of dtype uint8, else :class:`ArrayTypeError`."""
    if not isinstance(x, np.ndarray):
        raise ArrayTypeError(
            f"{name} must be a numpy.ndarray of dtype uint8, not {type(x).__name__}"
        )
    if x.dtype != np.uint8:
        raise ArrayTypeError(f"{name} must have dtype uint8, not {x.dtype}")
    return x


def check_operands(
    a: object, b: object, out: object | None
) -> tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8] | None]:
    """The two operands and *out* of a binary kernel: uint8, one shape, *out* writable."""
    a_ = check_array("a", a)
    b_ = check_array("b", b)
    if a_.shape != b_.shape:
        raise ArrayValueError(f"shape mismatch: a has shape {a_.shape}, b has shape {b_.shape}")
    if out is None:
        return a_, b_, None
    out_ = check_array("out", out)
    if out_.shape != a_.shape:
        raise ArrayValueError(f"shape mismatch: out has shape {out_.shape}, a has shape {a_.shape}")
    if not out_.flags.writeable:
        raise ArrayValueError("out is read-only")
    return a_, b_, out_


def check_range(name: str, x: NDArray[np.uint8], limit: int) -> None:
    """Raise :class:`ArrayValueError` naming the first element of *x* above *limit*."""
    flat = x.reshape(-1)
    if flat.size and int(flat.max()) > limit:
        at = int(np.argmax(flat > limit))
        what = _WHAT.get(limit, f"a value of 0-{limit}")
        raise ArrayValueError(f"{name} holds {int(flat[at])!r} at position {at}, not {what}")


def check_offsets(offsets: object) -> NDArray[np.int64]:
    """*offsets* as ``int64`` if it is a one-dimensional integer array of one entry or more."""
    if not isinstance(offsets, np.ndarray):
        raise ArrayTypeError(
            f"offsets must be a numpy.ndarray of integers, not {type(offsets).__name__}"
        )
    if offsets.dtype.kind not in "iu":
        raise ArrayTypeError(f"offsets must have an integer dtype, not {offsets.dtype}")
    if offsets.ndim != 1 or offsets.size == 0:
        raise ArrayValueError(
            f"offsets must be one-dimensional with one more entry than there are messages "
            f"(at least [0]), not of shape {offsets.shape}"
        )
    if offsets.dtype == np.uint64 and int(offsets.max()) > np.iinfo(np.int64).max:
        raise ArrayValueError("offsets are too large for int64")
    return offsets.astype(np.int64, copy=False)


def check_layout(digits: NDArray[np.uint8], offsets: NDArray[np.int64]) -> None:
    """Offsets that start at 0, never decrease and end at the number of *digits*."""
    if int(offsets[0]) != 0:
        raise ArrayValueError(f"offsets must start at 0, not {int(offsets[0])}")
    steps = np.diff(offsets)
    if steps.size and int(steps.min()) < 0:
        i = int(np.argmax(steps < 0)) + 1
        raise ArrayValueError(
            f"offsets must not decrease: offsets[{i}] = {int(offsets[i])} comes after "
            f"offsets[{i - 1}] = {int(offsets[i - 1])}"
        )
    if int(offsets[-1]) != digits.size:
        raise ArrayValueError(
            f"offsets end at {int(offsets[-1])} but there are {digits.size} digits: the "
            "offsets must cover the digit array exactly"
        )


__all__ = [
    "OutOfRange",
    "check_array",
    "check_layout",
    "check_offsets",
    "check_operands",
    "check_range",
]
