"""The kernels on ``dask.array``, block by block: the same digits on a cluster.

Needs Dask (``pip install "cipherwire[dask]"``).  Each function takes Dask arrays of
``uint8`` (the second rechunked to the first's chunks) and returns a lazy Dask array
whose every block is computed by the NumPy function of the same name in
:mod:`cipherwire.core.kernels` or :mod:`cipherwire.core.boundary`, in the worker's own
thread: the same digits as on one machine, whatever the chunks and the scheduler.  A
message set travels as its digits while its offsets stay local (:func:`from_messageset`);
docs/how-to/large-message-sets.md shows it on a cluster.

>>> import dask
>>> from cipherwire.core import MessageSet, digits_from_text
>>> plain = MessageSet.from_texts(["83527", "2522"])
>>> key = digits_from_text("666666666")
>>> sent = add_mod10(from_messageset(plain, chunks=4), from_array(key, chunks=3))
>>> with dask.config.set(scheduler="synchronous"):
...     digits = sent.compute()
>>> MessageSet.from_arrays(digits, plain.offsets).texts()
['49183', '8188']
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import boundary, kernels
from cipherwire.core.messages import MessageSet
from cipherwire.errors import ArrayTypeError, ArrayValueError

try:
    import dask.array as da
except ImportError as exc:  # pragma: no cover - the extra is not installed
    raise ImportError(
        'cipherwire.core.blockwise needs Dask: pip install "cipherwire[dask]"'
    ) from exc

_dask: Any = da  # dask.array's functions carry no annotations: call them through Any


def _check(name: str, x: object) -> da.Array:
    if not isinstance(x, da.Array):
        raise ArrayTypeError(f"{name} must be a dask.array.Array, not {type(x).__name__}")
    if x.dtype != np.uint8:
        raise ArrayTypeError(f"{name} must have dtype uint8, not {x.dtype}")
    return x


def _block(kernel: str, check: bool) -> Any:
    def run(a: NDArray[np.uint8], b: NDArray[np.uint8]) -> NDArray[np.uint8]:
        return kernels.elementwise(kernel, a, b, check=check, threaded=False)

    run.__name__ = kernel
    return run


def _binary(kernel: str, a: object, b: object, check: bool) -> da.Array:
    a_, b_ = _check("a", a), _check("b", b)
    if a_.shape != b_.shape:
        raise ArrayValueError(f"shape mismatch: a has shape {a_.shape}, b has shape {b_.shape}")
    if b_.chunks != a_.chunks:
        b_ = _dask.Array.rechunk(b_, a_.chunks)
    result: da.Array = _dask.map_blocks(_block(kernel, check), a_, b_, dtype=np.uint8)
    return result


def add_mod10(a: da.Array, b: da.Array, *, check: bool = True) -> da.Array:
    """:func:`cipherwire.core.kernels.add_mod10`, block by block."""
    return _binary("add_mod10", a, b, check)


def sub_mod10(a: da.Array, b: da.Array, *, check: bool = True) -> da.Array:
    """:func:`cipherwire.core.kernels.sub_mod10`, block by block."""
    return _binary("sub_mod10", a, b, check)


def add_mod26(a: da.Array, b: da.Array, *, check: bool = True) -> da.Array:
    """:func:`cipherwire.core.kernels.add_mod26`, block by block."""
    return _binary("add_mod26", a, b, check)


def sub_mod26(a: da.Array, b: da.Array, *, check: bool = True) -> da.Array:
    """:func:`cipherwire.core.kernels.sub_mod26`, block by block."""
    return _binary("sub_mod26", a, b, check)


def xor5(a: da.Array, b: da.Array, *, check: bool = True) -> da.Array:
    """:func:`cipherwire.core.kernels.xor5`, block by block."""
    return _binary("xor5", a, b, check)


def digits_from_ascii(data: da.Array) -> da.Array:
    """:func:`cipherwire.core.boundary.digits_from_ascii`, block by block (for digit files read
    with ``dask.array.from_array`` over a memory map)."""
    result: da.Array = _dask.map_blocks(
        boundary.digits_from_ascii, _check("data", data), dtype=np.uint8
    )
    return result


def from_array(digits: NDArray[np.uint8], *, chunks: int | str = "auto") -> da.Array:
    """A Dask array of *digits* (``uint8``), cut in *chunks* (digits per block)."""
    if not isinstance(digits, np.ndarray) or digits.dtype != np.uint8:
        raise ArrayTypeError("digits must be a numpy.ndarray of dtype uint8")
    result: da.Array = _dask.from_array(digits, chunks=chunks)
    return result


def from_messageset(messages: MessageSet, *, chunks: int | str = "auto") -> da.Array:
    """The digits of a message set as a Dask array; its offsets stay as they are."""
    return from_array(messages.digits, chunks=chunks)


__all__ = [
    "add_mod10",
    "add_mod26",
    "digits_from_ascii",
    "from_array",
    "from_messageset",
    "sub_mod10",
    "sub_mod26",
    "xor5",
]
