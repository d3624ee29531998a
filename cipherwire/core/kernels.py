"""The elementwise kernels on ``uint8`` arrays: digits without carry, letters, five-bit codes.

:func:`add_mod10` and :func:`sub_mod10` add and subtract digits 0-9 column by column
without carry, as the clerk adds pad to code; :func:`add_mod26` and :func:`sub_mod26` do
the same for letters 0-25, :func:`xor5` combines teleprinter codes 0-31, and
:func:`letter_pad` enciphers strings of capitals.  :func:`elementwise` runs a kernel by
name.  They run in cache-sized chunks on every core, or as fused Numba loops
(:mod:`cipherwire.core._engine`), with the same results; docs/explanation/one-time-pads.md
explains adding without carry, docs/performance.md how the kernels run.

>>> from cipherwire.core import digits_from_text, digits_to_text
>>> digits_to_text(add_mod10(digits_from_text("83527"), digits_from_text("66666")))
'49183'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.core._engine import chunks, fused
from cipherwire.core.boundary import letters_from_text
from cipherwire.core.operands import OutOfRange, check_operands, check_range
from cipherwire.errors import ArrayTypeError, ArrayValueError

_ASCII_A = 0x41  # "A": the letter pad works on ASCII capitals


def _same_view(x: NDArray[Any], y: NDArray[Any]) -> bool:
    return bool(x.ctypes.data == y.ctypes.data and x.strides == y.strides and x.shape == y.shape)


def _flat(x: NDArray[np.uint8]) -> NDArray[np.uint8] | None:
    return x.reshape(-1) if x.flags.c_contiguous else None


# -- the elementwise kernels ---------------------------------------------------------------


def _add_step(modulus: int) -> Callable[..., None]:
    def step(a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.add(a, b, out=out)  # at most 2 * (modulus - 1): no wrap
        np.subtract(out, modulus, out=t)  # wraps to 256 - modulus or more below modulus
        np.minimum(out, t, out=out)

    return step


def _sub_step(modulus: int) -> Callable[..., None]:
    def step(a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.subtract(a, b, out=out)  # wraps to 257 - modulus or more when negative
        np.add(out, modulus, out=t)  # brings a wrapped value back, makes others larger
        np.minimum(out, t, out=out)

    return step


def _xor_step(a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
    np.bitwise_xor(a, b, out=out)


def _checked(step: Callable[..., None], limit: int) -> Callable[..., None]:
    def checked(a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        if a.max() > limit or b.max() > limit:  # before out (maybe a or b) is written
            raise OutOfRange
        step(a, b, out, t)

    return checked


_STEPS: dict[str, tuple[Callable[..., None], int]] = {
    "add_mod10": (_add_step(10), 9),
    "sub_mod10": (_sub_step(10), 9),
    "add_mod26": (_add_step(26), 25),
    "sub_mod26": (_sub_step(26), 25),
    "xor5": (_xor_step, 31),
}
#: The names of the elementwise kernels, for :func:`elementwise`.
KERNELS = tuple(_STEPS)
_CHECKED = {name: _checked(step, limit) for name, (step, limit) in _STEPS.items()}


def _binary(
    kind: str, a: object, b: object, out: object | None, check: bool, *, threaded: bool = True
) -> NDArray[np.uint8]:
    a_, b_, out_ = check_operands(a, b, out)
    step, limit = _STEPS[kind]
    if out_ is not None:  # an operand that partly overlaps out is read from a copy
        if np.may_share_memory(a_, out_) and not _same_view(a_, out_):
            a_ = a_.copy()
        if np.may_share_memory(b_, out_) and not _same_view(b_, out_):
            b_ = b_.copy()
    result = out_ if out_ is not None else np.empty(a_.shape, dtype=np.uint8)
    fa, fb, fr = _flat(a_), _flat(b_), _flat(result)
    if fa is None or fb is None:
        fa, fb = np.ascontiguousarray(a_).reshape(-1), np.ascontiguousarray(b_).reshape(-1)
    target = fr if fr is not None else np.empty(fa.size, dtype=np.uint8)
    try:
        try:
            done = kind in fused.KERNELS and fused.run(kind, fa, fb, target, threaded=threaded)
        except fused.OutOfRange:
            if check:
                raise
            done = False  # unchecked: the NumPy path's result, meaningless but no error
        if not done:
            chunks.run(_CHECKED[kind] if check else step, (fa, fb), target, threaded=threaded)
    except (OutOfRange, fused.OutOfRange):
        check_range("a", a_, limit)
        check_range("b", b_, limit)
        raise  # pragma: no cover - one of the two checks raises
    if fr is None:
        np.copyto(result, target.reshape(result.shape))
    return result


def elementwise(
    kernel: str,
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8] | None = None,
    *,
    check: bool = True,
    threaded: bool = True,
) -> NDArray[np.uint8]:
    """Run the elementwise kernel named *kernel* (one of :data:`KERNELS`).

    The same as calling the kernel itself, with one more choice: ``threaded=False``
    keeps the call in the calling thread, for callers that run many calls on threads of
    their own (:mod:`cipherwire.core.blockwise` inside Dask's workers).

    >>> import numpy as np
    >>> elementwise("add_mod10", np.array([8], np.uint8), np.array([6], np.uint8))
    array([4], dtype=uint8)
    """
    if kernel not in _STEPS:
        raise ArrayValueError(f"no kernel {kernel!r}; the kernels are {', '.join(KERNELS)}")
    return _binary(kernel, a, b, out, check, threaded=threaded)


_OPERANDS_DOC = """
    Parameters
    ----------
    a, b : ndarray of uint8, any shape (the same for both)
        {values}.
    out : ndarray of uint8, same shape, optional
        Where to write the result; it may be ``a`` or ``b`` itself.
    check : bool
        Check that every value is {short} (one extra in-cache pass).  With ``False``
        values out of range give meaningless results: use it only on arrays that are
        known good, as :class:`~cipherwire.core.messages.MessageSet` does.  (The fused
        kernels of :mod:`cipherwire.core._engine.fused` check in the same loop either way.)

    Returns
    -------
    ndarray of uint8, same shape
        {returns}  This is ``out`` when given.

    Raises
    ------
    ArrayTypeError
        If an argument is not an ndarray of dtype uint8.
    ArrayValueError
        If the shapes differ, ``out`` is read-only, or (with *check*) a value is out of
        range, naming the operand and the flat position.  ``out`` may then be partly
        written.
"""


_F = Callable[..., NDArray[np.uint8]]


def _operands_doc(values: str, short: str, returns: str) -> Callable[[_F], _F]:
    """Put the shared Parameters/Returns/Raises sections into a kernel's docstring."""

    def decorate(kernel: _F) -> _F:
        head, _, examples = (kernel.__doc__ or "").partition("\n\n")
        sections = _OPERANDS_DOC.format(values=values, short=short, returns=returns)
        kernel.__doc__ = f"{head}\n{sections}\n{examples}"
        return kernel

    return decorate


@_operands_doc("Digits 0-9", "0-9", "``(a + b) mod 10``, computed without ``%``.")
def add_mod10(
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8] | None = None,
    *,
    check: bool = True,
) -> NDArray[np.uint8]:
    """Add two digit arrays digit by digit without carry (``8 + 6 = 4``).

    >>> import numpy as np
    >>> add_mod10(np.array([8, 3, 0], np.uint8), np.array([6, 7, 9], np.uint8))
    array([4, 0, 9], dtype=uint8)
    """
    return _binary("add_mod10", a, b, out, check)


@_operands_doc("Digits 0-9", "0-9", "``(a - b) mod 10``, computed without ``%``.")
def sub_mod10(
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8] | None = None,
    *,
    check: bool = True,
) -> NDArray[np.uint8]:
    """Subtract digit array *b* from *a* digit by digit without borrow (``3 - 7 = 6``).

    >>> import numpy as np
    >>> sub_mod10(np.array([3, 4, 9], np.uint8), np.array([7, 8, 0], np.uint8))
    array([6, 6, 9], dtype=uint8)
    """
    return _binary("sub_mod10", a, b, out, check)


@_operands_doc("Letters 0-25", "0-25", "``(a + b) mod 26``, computed without ``%``.")
def add_mod26(
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8] | None = None,
    *,
    check: bool = True,
) -> NDArray[np.uint8]:
    """Add two letter arrays modulo 26 (``A`` = 0): the letter one-time pad, Vigenère.

    >>> from cipherwire.core import letters_to_text
    >>> digits = add_mod26(letters_from_text("ATTACK"), letters_from_text("LEMONS"))
    >>> letters_to_text(digits)
    'LXFOPC'
    """
    return _binary("add_mod26", a, b, out, check)


@_operands_doc("Letters 0-25", "0-25", "``(a - b) mod 26``, computed without ``%``.")
def sub_mod26(
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8] | None = None,
    *,
    check: bool = True,
) -> NDArray[np.uint8]:
    """Subtract letter array *b* from *a* modulo 26 (``A`` = 0): deciphers :func:`add_mod26`.

    >>> from cipherwire.core import letters_to_text
    >>> letters_to_text(sub_mod26(letters_from_text("LXFOPC"), letters_from_text("LEMONS")))
    'ATTACK'
    """
    return _binary("sub_mod26", a, b, out, check)


@_operands_doc("Five-bit codes 0-31", "0-31", "``a ^ b``, codes 0-31 again.")
def xor5(
    a: NDArray[np.uint8],
    b: NDArray[np.uint8],
    out: NDArray[np.uint8] | None = None,
    *,
    check: bool = True,
) -> NDArray[np.uint8]:
    """Combine two arrays of five-bit codes bit by bit (exclusive or), as Vernam did.

    ``xor5(xor5(a, b), b)`` is ``a``.  :func:`cipherwire.wire.vernam.xor5` is this
    kernel behind the wire's own checks and errors.

    >>> import numpy as np
    >>> xor5(np.array([3], np.uint8), np.array([25], np.uint8))  # A XOR B = G in ITA2
    array([26], dtype=uint8)
    """
    return _binary("xor5", a, b, out, check)


# -- the letter pad on strings ---------------------------------------------------------------


def _pad_step(sign: int) -> Callable[..., None]:
    """One chunk of the letter pad on ASCII capitals: out = p (+ or -) k, wrapped in A-Z."""

    def step(p: NDArray[np.uint8], k: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.subtract(p, _ASCII_A, out=out)  # letters 0-25; anything else wraps above
        np.subtract(k, _ASCII_A, out=t)
        if out.max() > 25 or t.max() > 25:
            raise OutOfRange
        if sign > 0:
            np.add(out, t, out=out)  # 0-50
            np.subtract(out, 26, out=t)  # wraps below 26
        else:
            np.subtract(out, t, out=out)  # wraps below 0
            np.add(out, 26, out=t)  # brings a wrapped value back
        np.minimum(out, t, out=out)
        np.add(out, _ASCII_A, out=out)

    return step


_PAD_STEPS = {1: _pad_step(1), -1: _pad_step(-1)}


def letter_pad(text: str, key: str, *, decipher: bool = False) -> str:
    """Encipher capital letters with a letter key of the same length (Vigenère's table,
    and with a random key used once, the letter one-time pad); or decipher.

    The same as ``letters_to_text(add_mod26(letters_from_text(text),
    letters_from_text(key)))`` (``sub_mod26`` to decipher), done in one pass over the
    ASCII bytes with no letter arrays in between.

    Parameters
    ----------
    text, key : str
        Capital letters ``A``-``Z`` only, as long as each other.
    decipher : bool
        Subtract the key instead of adding it.

    Returns
    -------
    str
        Capital letters, as long as *text*.

    Raises
    ------
    ArrayValueError
        If the lengths differ, or naming the first character of either that is not a
        capital letter, with its position.

    >>> letter_pad("ATTACKATDAWN", "LEMONLEMONLE")
    'LXFOPVEFRNHR'
    >>> letter_pad("LXFOPVEFRNHR", "LEMONLEMONLE", decipher=True)
    'ATTACKATDAWN'
    """
    if not isinstance(text, str) or not isinstance(key, str):
        raise ArrayTypeError("text and key must be str")
    if len(text) != len(key):
        raise ArrayValueError(f"the key has {len(key)} letters, the text {len(text)}")
    try:
        buffer = bytearray(text, "ascii")  # the one new buffer: enciphered in place
        p = np.frombuffer(buffer, dtype=np.uint8)
        k = np.frombuffer(key.encode("ascii"), dtype=np.uint8)
        name = "letter_unpad" if decipher else "letter_pad"
        if not fused.run(name, p, k, p):
            chunks.run(_PAD_STEPS[-1 if decipher else 1], (p, k), p)
    except (UnicodeEncodeError, OutOfRange, fused.OutOfRange):
        letters_from_text(text)  # raises, naming the character
        letters_from_text(key)
        raise  # pragma: no cover
    return buffer.decode("ascii")


__all__ = [
    "KERNELS",
    "add_mod10",
    "add_mod26",
    "elementwise",
    "letter_pad",
    "sub_mod10",
    "sub_mod26",
    "xor5",
]
