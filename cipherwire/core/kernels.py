"""Kernels on arrays of digits, letters and five-bit codes.

Everything here works on ``numpy.uint8`` arrays: decimal digits 0-9, letters 0-25
(``A`` = 0) or teleprinter codes 0-31.  Only the text boundary (:func:`digits_from_text`,
:func:`digits_to_text`, :func:`letters_from_text`, :func:`letters_to_text`) sees a
``str``, and there are no classes.  The kernels take ``out=``, check their operands'
dtype, shape and (unless told ``check=False``) values, and raise
:class:`~cipherwire.errors.ArrayTypeError` or :class:`~cipherwire.errors.ArrayValueError`
(subclasses of ``TypeError`` and ``ValueError``) naming the operand and the position.

They run in cache-sized chunks, on every core for large arrays (``core._engine.chunks``):
``(a + b) % 10`` in NumPy costs a division and two temporary arrays, while
:func:`add_mod10` makes one pass over memory and does the rest in cache, without ``%``.
Where Numba is installed, the modular kernels and :func:`letter_pad` run instead as one
compiled loop each (:mod:`cipherwire.core._engine.fused`), with the same results.

Non-carrying ("false") addition is how the Soviet additive systems combined code digits
with pad digits: each column is added on its own and only the units are kept.

>>> p = digits_from_text("83527")
>>> k = digits_from_text("66666")
>>> c = add_mod10(p, k)
>>> digits_to_text(c)
'49183'
>>> digits_to_text(sub_mod10(c, k))
'83527'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.core._engine import chunks, fused
from cipherwire.core.sizes import GROUP, GROUPS_PER_LINE
from cipherwire.errors import ArrayTypeError, ArrayValueError

_ASCII_ZERO = 0x30
_ASCII_A = 0x41
_NOT_A_DIGIT = re.compile(r"[^0-9]")
_NOT_A_LETTER = re.compile(r"[^A-Z]")


class _OutOfRange(Exception):
    """Raised inside a chunk step; the caller finds the exact position afterwards."""


# -- argument checks -------------------------------------------------------------------------


def _check_array(name: str, x: object) -> NDArray[np.uint8]:
    if not isinstance(x, np.ndarray):
        raise ArrayTypeError(
            f"{name} must be a numpy.ndarray of dtype uint8, not {type(x).__name__}"
        )
    if x.dtype != np.uint8:
        raise ArrayTypeError(f"{name} must have dtype uint8, not {x.dtype}")
    return x


def _check_operands(
    a: object, b: object, out: object | None
) -> tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8] | None]:
    a_ = _check_array("a", a)
    b_ = _check_array("b", b)
    if a_.shape != b_.shape:
        raise ArrayValueError(f"shape mismatch: a has shape {a_.shape}, b has shape {b_.shape}")
    if out is None:
        return a_, b_, None
    out_ = _check_array("out", out)
    if out_.shape != a_.shape:
        raise ArrayValueError(f"shape mismatch: out has shape {out_.shape}, a has shape {a_.shape}")
    if not out_.flags.writeable:
        raise ArrayValueError("out is read-only")
    return a_, b_, out_


_WHAT = {9: "a digit (0-9)", 25: "a letter (0-25)", 31: "a five-bit code (0-31)"}


def check_range(name: str, x: NDArray[np.uint8], limit: int) -> None:
    """Raise :class:`ArrayValueError` naming the first element of *x* above *limit*."""
    flat = x.reshape(-1)
    if flat.size and int(flat.max()) > limit:
        at = int(np.argmax(flat > limit))
        what = _WHAT.get(limit, f"a value of 0-{limit}")
        raise ArrayValueError(f"{name} holds {int(flat[at])!r} at position {at}, not {what}")


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
            raise _OutOfRange
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
    a_, b_, out_ = _check_operands(a, b, out)
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
    except (_OutOfRange, fused.OutOfRange):
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


# -- the text boundary -----------------------------------------------------------------------


def _shown(s: str) -> str:
    return s if len(s) <= 40 else s[:37] + "..."


def _offset_step(delta: int, limit: int) -> Callable[..., None]:
    def step(x: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.subtract(x, delta, out=out)  # characters below the range wrap above limit
        if out.max() > limit:
            raise _OutOfRange

    return step


def _shift_step(delta: int) -> Callable[..., None]:
    def step(x: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.add(x, delta, out=out)

    return step


_FROM_ASCII_DIGITS = _offset_step(_ASCII_ZERO, 9)
_FROM_ASCII_LETTERS = _offset_step(_ASCII_A, 25)
_TO_ASCII_DIGITS = _shift_step(_ASCII_ZERO)
_TO_ASCII_LETTERS = _shift_step(_ASCII_A)


def _as_bytes_array(name: str, data: object) -> NDArray[np.uint8]:
    if isinstance(data, np.ndarray):
        return _check_array(name, data).reshape(-1)
    if isinstance(data, bytes | bytearray | memoryview):
        return np.frombuffer(data, dtype=np.uint8)
    raise ArrayTypeError(f"{name} must be bytes or a uint8 array, not {type(data).__name__}")


def _from_ascii(
    data: object, out: NDArray[np.uint8] | None, step: Callable[..., None], what: str
) -> NDArray[np.uint8]:
    raw = _as_bytes_array("data", data)
    result = np.empty(raw.size, dtype=np.uint8) if out is None else _check_array("out", out)
    if result.shape != raw.shape:
        raise ArrayValueError(f"shape mismatch: out has shape {result.shape}, data {raw.shape}")
    try:
        chunks.run(step, (raw,), result)
    except _OutOfRange:
        bad = _NOT_A_DIGIT if what == "digit" else _NOT_A_LETTER
        text = raw.tobytes().decode("latin-1")
        match = bad.search(text)
        at = match.start() if match else 0
        raise ArrayValueError(f"not an ASCII {what}: {text[at]!r} at position {at}") from None
    return result


def digits_from_ascii(data: object, out: NDArray[np.uint8] | None = None) -> NDArray[np.uint8]:
    """Turn ASCII digit bytes into digits 0-9 (the boundary for files and buffers).

    Parameters
    ----------
    data : bytes, bytearray, memoryview or ndarray of uint8
        Only the bytes ``0``-``9`` (a multi-dimensional array is read flat).
    out : ndarray of uint8, shape (len(data),), optional
        Where to write the digits.

    Returns
    -------
    ndarray of uint8, shape (len(data),)

    Raises
    ------
    ArrayValueError
        Naming the first byte that is not an ASCII digit and its position.

    >>> digits_from_ascii(b"0149")
    array([0, 1, 4, 9], dtype=uint8)
    """
    return _from_ascii(data, out, _FROM_ASCII_DIGITS, "digit")


def digits_to_ascii(
    d: NDArray[np.uint8], out: NDArray[np.uint8] | None = None, *, check: bool = True
) -> NDArray[np.uint8]:
    """Turn digits 0-9 into ASCII digit bytes; ``bytes(digits_to_ascii(d))`` is the text.

    Parameters
    ----------
    d : ndarray of uint8, any shape
        Digits, read flat in C order.
    out : ndarray of uint8, shape (d.size,), optional
    check : bool
        Check first that every value is a digit.

    Returns
    -------
    ndarray of uint8, shape (d.size,)

    >>> bytes(digits_to_ascii(digits_from_text("1950")))
    b'1950'
    """
    flat = np.ascontiguousarray(_check_array("d", d)).reshape(-1)
    if check:
        check_range("d", flat, 9)
    result = np.empty(flat.size, dtype=np.uint8) if out is None else _check_array("out", out)
    if result.shape != flat.shape:
        raise ArrayValueError(f"shape mismatch: out has shape {result.shape}, d {flat.shape}")
    chunks.run(_TO_ASCII_DIGITS, (flat,), result)
    return result


def digits_from_text(s: str) -> NDArray[np.uint8]:
    """Turn a string of ASCII digits into a digit array (the text-to-array boundary).

    Parameters
    ----------
    s : str
        Only the characters ``0``-``9``; no spaces.  The empty string is allowed.

    Returns
    -------
    ndarray of uint8, shape (len(s),)
        A new, writable array.

    Raises
    ------
    ArrayValueError
        Naming the first character that is not an ASCII digit and its (0-based)
        position.

    >>> digits_from_text("0149")
    array([0, 1, 4, 9], dtype=uint8)
    >>> digits_from_text("12 45")
    Traceback (most recent call last):
    ...
    cipherwire.errors.ArrayValueError: not an ASCII digit: ' ' at position 2 of '12 45'
    """
    if s.isascii():
        digits = np.frombuffer(s.encode("ascii"), dtype=np.uint8) - np.uint8(_ASCII_ZERO)
        if not digits.size or int(digits.max()) <= 9:  # characters below '0' wrap round
            return digits
    match = _NOT_A_DIGIT.search(s)
    if match is None:  # pragma: no cover - a bad character exists
        raise ArrayValueError(f"not an ASCII digit string: {s!r}")
    raise ArrayValueError(
        f"not an ASCII digit: {match.group()!r} at position {match.start()} of {_shown(s)!r}"
    )


def digits_to_text(d: NDArray[np.uint8]) -> str:
    """Turn a digit array back into a string of ASCII digits.

    Parameters
    ----------
    d : ndarray of uint8, any shape
        Digits 0-9; a grouped array is read in C (row) order.

    Returns
    -------
    str
        One character per element.

    Raises
    ------
    ArrayTypeError
        If *d* is not an ndarray of dtype uint8.
    ArrayValueError
        Naming the first element above 9 and its (flat, 0-based) position.

    >>> digits_to_text(group(digits_from_text("1234567890")))
    '1234567890'
    """
    flat = _check_array("d", d).reshape(-1)
    if flat.size and int(flat.max()) > 9:
        at = int(np.argmax(flat > 9))
        raise ArrayValueError(f"not a digit: {int(flat[at])!r} at position {at}")
    return ascii_text(digits_to_ascii(flat, check=False))


def letters_from_text(s: str) -> NDArray[np.uint8]:
    """Turn a string of capital letters ``A``-``Z`` into letters 0-25.

    Parameters
    ----------
    s : str
        Only ``A``-``Z``: no spaces, no lower case (:func:`str.upper` first if needed).

    Returns
    -------
    ndarray of uint8, shape (len(s),)

    Raises
    ------
    ArrayValueError
        Naming the first other character and its position.

    >>> letters_from_text("AZ").tolist()
    [0, 25]
    """
    if not isinstance(s, str):
        raise ArrayTypeError(f"s must be a str, not {type(s).__name__}")
    if s.isascii():
        try:
            return _from_ascii(s.encode("ascii"), None, _FROM_ASCII_LETTERS, "letter")
        except ArrayValueError:
            pass
    match = _NOT_A_LETTER.search(s)
    at = match.start() if match else 0
    raise ArrayValueError(f"not a capital letter A-Z: {s[at]!r} at position {at} of {_shown(s)!r}")


def letters_to_text(x: NDArray[np.uint8], *, check: bool = True) -> str:
    """Turn letters 0-25 back into a string of capital letters.

    Raises :class:`ArrayValueError` naming the first value above 25 (with *check*).

    >>> letters_to_text(letters_from_text("FILIPPOV"))
    'FILIPPOV'
    """
    flat = np.ascontiguousarray(_check_array("x", x)).reshape(-1)
    if check:
        check_range("x", flat, 25)
    result = np.empty(flat.size, dtype=np.uint8)
    chunks.run(_TO_ASCII_LETTERS, (flat,), result)
    return ascii_text(result)


def ascii_text(x: NDArray[np.uint8]) -> str:
    """The ``str`` of an array of ASCII bytes, decoded from the array's own memory (not
    copied to :class:`bytes` first, as ``x.tobytes().decode()`` does: a second copy of a
    large text, and about half the time).

    Raises :class:`ArrayTypeError` if *x* is not a ``uint8`` array, and
    :class:`ArrayValueError` naming the first byte above 127 and its position.

    >>> ascii_text(np.frombuffer(b"25221 40837", dtype=np.uint8))
    '25221 40837'
    """
    flat = np.ascontiguousarray(_check_array("x", x)).reshape(-1)
    try:
        return str(flat.data, "ascii")
    except UnicodeDecodeError as error:
        at = error.start
        raise ArrayValueError(f"not ASCII: {int(flat[at])!r} at position {at}") from None


def _pad_step(sign: int) -> Callable[..., None]:
    """One chunk of the letter pad on ASCII capitals: out = p (+ or -) k, wrapped in A-Z."""

    def step(p: NDArray[np.uint8], k: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.subtract(p, _ASCII_A, out=out)  # letters 0-25; anything else wraps above
        np.subtract(k, _ASCII_A, out=t)
        if out.max() > 25 or t.max() > 25:
            raise _OutOfRange
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
    except (UnicodeEncodeError, _OutOfRange, fused.OutOfRange):
        letters_from_text(text)  # raises, naming the character
        letters_from_text(key)
        raise  # pragma: no cover
    return buffer.decode("ascii")


# -- groups ------------------------------------------------------------------------------------


def group(d: NDArray[np.uint8], size: int = GROUP) -> NDArray[np.uint8]:
    """View a flat digit array as groups of *size* digits.

    Parameters
    ----------
    d : ndarray of uint8, shape (n,)
        Digits; *n* must be a multiple of *size*.
    size : int
        Digits per group, 1 or more (five-figure groups by default).

    Returns
    -------
    ndarray of uint8, shape (n // size, size)
        A view of *d* (no copy) where NumPy can make one.

    Raises
    ------
    ArrayTypeError
        If *d* is not an ndarray of dtype uint8.
    ArrayValueError
        If *d* is not one-dimensional, *size* is below 1 or *n* is not a multiple of it.

    >>> group(digits_from_text("1234567890")).shape
    (2, 5)
    """
    d_ = _check_array("d", d)
    if d_.ndim != 1:
        raise ArrayValueError(f"d must be one-dimensional, not of shape {d_.shape}")
    if size < 1:
        raise ArrayValueError(f"group size must be 1 or more, not {size!r}")
    if d_.size % size:
        raise ArrayValueError(
            f"{d_.size} digits do not make whole groups of {size} ({d_.size % size} left over)"
        )
    return d_.reshape(-1, size)


def groups_to_ascii(
    d: NDArray[np.uint8],
    *,
    size: int = GROUP,
    per_line: int = GROUPS_PER_LINE,
    out: NDArray[np.uint8] | None = None,
    check: bool = True,
) -> NDArray[np.uint8]:
    """Render digits as printed groups: ``size`` figures, a space, *per_line* to a line.

    Every line, the last included, ends with a newline, so the result for ``n`` digits
    is ``n // size * (size + 1)`` bytes and ``bytes(...)`` is the text.  This is how a
    cable's groups are printed (:meth:`cipherwire.cable.form.Cable.to_text`).

    Parameters
    ----------
    d : ndarray of uint8, shape (n,)
        Digits 0-9, ``n`` a multiple of *size*.
    size, per_line : int
        Figures in a group, groups on a line (1 or more each).
    out : ndarray of uint8, shape (n // size * (size + 1),), optional
    check : bool
        Check first that every value is a digit.

    Returns
    -------
    ndarray of uint8, shape (n // size * (size + 1),)

    Raises
    ------
    ArrayValueError
        If *n* is not a multiple of *size*, *per_line* is below 1, or a value is not a
        digit.

    >>> bytes(groups_to_ascii(digits_from_text("123456789012345"), per_line=2))
    b'12345 67890\\n12345\\n'
    """
    groups = group(d, size)
    if isinstance(per_line, bool) or not isinstance(per_line, int) or per_line < 1:
        raise ArrayValueError(f"per_line must be an int of 1 or more, not {per_line!r}")
    if check:
        check_range("d", groups, 9)
    count = groups.shape[0]
    if out is None:
        out = np.empty(count * (size + 1), dtype=np.uint8)
    else:
        _check_array("out", out)
        if out.shape != (count * (size + 1),):
            raise ArrayValueError(
                f"shape mismatch: out has shape {out.shape}, needs ({count * (size + 1)},)"
            )
    cells = out.reshape(count, size + 1)
    np.add(groups, _ASCII_ZERO, out=cells[:, :size])
    cells[:, size] = ord(" ")
    cells[per_line - 1 :: per_line, size] = ord("\n")
    if count:
        cells[-1, size] = ord("\n")
    return out


__all__ = [
    "KERNELS",
    "add_mod10",
    "add_mod26",
    "ascii_text",
    "check_range",
    "digits_from_ascii",
    "digits_from_text",
    "digits_to_ascii",
    "digits_to_text",
    "elementwise",
    "group",
    "groups_to_ascii",
    "letter_pad",
    "letters_from_text",
    "letters_to_text",
    "sub_mod10",
    "sub_mod26",
    "xor5",
]
