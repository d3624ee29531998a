"""The text boundary: digits and letters between text and ``uint8`` arrays, and printed groups.

Only these functions see a ``str`` or ASCII bytes: :func:`digits_from_text`,
:func:`digits_to_text`, :func:`letters_from_text`, :func:`letters_to_text`,
:func:`digits_from_ascii`, :func:`digits_to_ascii` and :func:`ascii_text`; :func:`group`
views digits as five-figure groups and :func:`groups_to_ascii` prints them as a cable
does.  A character or value out of place raises
:class:`~cipherwire.errors.ArrayValueError` naming it and its position.

>>> digits_to_text(digits_from_text("49183"))
'49183'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.core._engine import chunks
from cipherwire.core.operands import OutOfRange, check_array, check_range
from cipherwire.core.sizes import GROUP, GROUPS_PER_LINE
from cipherwire.errors import ArrayTypeError, ArrayValueError

_ASCII_ZERO = 0x30
_ASCII_A = 0x41
_NOT_A_DIGIT = re.compile(r"[^0-9]")
_NOT_A_LETTER = re.compile(r"[^A-Z]")


def _shown(s: str) -> str:
    return s if len(s) <= 40 else s[:37] + "..."


def _offset_step(delta: int, limit: int) -> Callable[..., None]:
    def step(x: NDArray[np.uint8], out: NDArray[np.uint8], t: Any) -> None:
        np.subtract(x, delta, out=out)  # characters below the range wrap above limit
        if out.max() > limit:
            raise OutOfRange

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
        return check_array(name, data).reshape(-1)
    if isinstance(data, bytes | bytearray | memoryview):
        return np.frombuffer(data, dtype=np.uint8)
    raise ArrayTypeError(f"{name} must be bytes or a uint8 array, not {type(data).__name__}")


def _from_ascii(
    data: object, out: NDArray[np.uint8] | None, step: Callable[..., None], what: str
) -> NDArray[np.uint8]:
    raw = _as_bytes_array("data", data)
    result = np.empty(raw.size, dtype=np.uint8) if out is None else check_array("out", out)
    if result.shape != raw.shape:
        raise ArrayValueError(f"shape mismatch: out has shape {result.shape}, data {raw.shape}")
    try:
        chunks.run(step, (raw,), result)
    except OutOfRange:
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
    flat = np.ascontiguousarray(check_array("d", d)).reshape(-1)
    if check:
        check_range("d", flat, 9)
    result = np.empty(flat.size, dtype=np.uint8) if out is None else check_array("out", out)
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
    flat = check_array("d", d).reshape(-1)
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
    flat = np.ascontiguousarray(check_array("x", x)).reshape(-1)
    if check:
        check_range("x", flat, 25)
    result = np.empty(flat.size, dtype=np.uint8)
    chunks.run(_TO_ASCII_LETTERS, (flat,), result)
    return ascii_text(result)


def ascii_text(x: NDArray[np.uint8]) -> str:
    """The ``str`` of an array of ASCII bytes, decoded from the array's own memory (not
    copied to :class:`bytes` first, as ``x.tobytes().decode()`` does: a second copy of a
    large text).

    Raises :class:`ArrayTypeError` if *x* is not a ``uint8`` array, and
    :class:`ArrayValueError` naming the first byte above 127 and its position.

    >>> ascii_text(np.frombuffer(b"25221 40837", dtype=np.uint8))
    '25221 40837'
    """
    flat = np.ascontiguousarray(check_array("x", x)).reshape(-1)
    try:
        return str(flat.data, "ascii")
    except UnicodeDecodeError as error:
        at = error.start
        raise ArrayValueError(f"not ASCII: {int(flat[at])!r} at position {at}") from None


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
    d_ = check_array("d", d)
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
        check_array("out", out)
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
    "ascii_text",
    "digits_from_ascii",
    "digits_from_text",
    "digits_to_ascii",
    "digits_to_text",
    "group",
    "groups_to_ascii",
    "letters_from_text",
    "letters_to_text",
]
