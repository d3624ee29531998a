"""Pure NumPy kernels on arrays of decimal digits.

Everything here works on ``numpy.uint8`` arrays whose elements are the digits 0-9; no
function but the text boundary (:func:`digits_from_text`, :func:`digits_to_text`) sees a
``str``, and there are no classes.  The kernels are vectorised (no Python loop over
digits) and check their arguments' dtype and shape, raising the plain builtins
``TypeError`` and ``ValueError``: a wrong dtype or shape here is a programming error in
the layer above, not bad input from a user.

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

import hashlib
import os
import re

import numpy as np
from numpy.typing import NDArray

#: Bytes at or above this value are rejected so that ``byte % 10`` is unbiased:
#: 250 is the largest multiple of 10 not above 256.
_REJECT_FROM = 250

#: The decimal digit for each accepted byte value (a 256-entry lookup table, so the
#: sampler never computes ``%`` over an array; entries from 250 up are never used).
_DIGIT_OF_BYTE: NDArray[np.uint8] = (np.arange(256) % 10).astype(np.uint8)

#: Domain-separation prefix of the seeded (classroom) stream.  Changing it changes every
#: seeded pad ever printed, so it is part of the file format in all but name.
_SEED_PREFIX = b"cipherwire/classroom-pad/v1\x00"

_ASCII_ZERO = 0x30
_NOT_A_DIGIT = re.compile(r"[^0-9]")


def _check_digit_array(name: str, x: object) -> NDArray[np.uint8]:
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{name} must be a numpy.ndarray of dtype uint8, not {type(x).__name__}")
    if x.dtype != np.uint8:
        raise TypeError(f"{name} must have dtype uint8, not {x.dtype}")
    return x


def _check_operands(
    a: object, b: object, out: object | None
) -> tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint8] | None]:
    a_ = _check_digit_array("a", a)
    b_ = _check_digit_array("b", b)
    if a_.shape != b_.shape:
        raise ValueError(f"shape mismatch: a has shape {a_.shape}, b has shape {b_.shape}")
    if out is None:
        return a_, b_, None
    out_ = _check_digit_array("out", out)
    if out_.shape != a_.shape:
        raise ValueError(f"shape mismatch: out has shape {out_.shape}, a has shape {a_.shape}")
    return a_, b_, out_


def add_mod10(
    a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8] | None = None
) -> NDArray[np.uint8]:
    """Add two digit arrays digit by digit without carry (``8 + 6 = 4``).

    Parameters
    ----------
    a, b : ndarray of uint8, any shape (the same for both)
        Digits 0-9.  Values above 9 are not checked for and give meaningless results.
    out : ndarray of uint8, same shape, optional
        Where to write the result; it may be ``a`` or ``b`` itself.

    Returns
    -------
    ndarray of uint8, same shape
        ``(a + b) mod 10``, computed without ``%``: the sum (at most 18) minus 10 wraps
        round to 246 or more when the sum is below 10, so the smaller of the sum and the
        sum minus 10 is the answer.  This is ``out`` when given.

    Raises
    ------
    TypeError
        If an argument is not an ndarray of dtype uint8.
    ValueError
        If the shapes differ.

    >>> import numpy as np
    >>> add_mod10(np.array([8, 3, 0], np.uint8), np.array([6, 7, 9], np.uint8))
    array([4, 0, 9], dtype=uint8)
    """
    a_, b_, out_ = _check_operands(a, b, out)
    total = np.empty_like(a_) if out_ is None else out_
    np.add(a_, b_, out=total)
    np.minimum(total, np.subtract(total, 10, dtype=np.uint8), out=total)
    return total


def sub_mod10(
    a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8] | None = None
) -> NDArray[np.uint8]:
    """Subtract digit array *b* from *a* digit by digit without borrow (``3 - 7 = 6``).

    Parameters
    ----------
    a, b : ndarray of uint8, any shape (the same for both)
        Digits 0-9.  Values above 9 are not checked for and give meaningless results.
    out : ndarray of uint8, same shape, optional
        Where to write the result; it may be ``a`` or ``b`` itself.

    Returns
    -------
    ndarray of uint8, same shape
        ``(a - b) mod 10``, computed without ``%``: a negative difference wraps round to
        247 or more, and adding 10 (wrapping again) brings it to the answer, while a
        difference of 0-9 only grows, so the smaller of the two is taken.  This is
        ``out`` when given.

    Raises
    ------
    TypeError
        If an argument is not an ndarray of dtype uint8.
    ValueError
        If the shapes differ.

    >>> import numpy as np
    >>> sub_mod10(np.array([3, 4, 9], np.uint8), np.array([7, 8, 0], np.uint8))
    array([6, 6, 9], dtype=uint8)
    """
    a_, b_, out_ = _check_operands(a, b, out)
    diff = np.empty_like(a_) if out_ is None else out_
    np.subtract(a_, b_, out=diff)
    np.minimum(diff, np.add(diff, 10, dtype=np.uint8), out=diff)
    return diff


def _digits_from_bytes(stream: NDArray[np.uint8], n: int) -> tuple[NDArray[np.uint8], int]:
    """Return up to *n* digits from the accepted bytes of *stream*, and how many."""
    kept = stream[stream < _REJECT_FROM][:n]
    return _DIGIT_OF_BYTE[kept], kept.size


def _draw_size(missing: int) -> int:
    # 250 of 256 byte values are kept; ask for a little more than the expected need so
    # that one draw nearly always suffices.
    return missing + missing // 32 + 64


def random_digits(n: int, *, seed: int | None = None) -> NDArray[np.uint8]:
    """Return *n* independent, uniformly distributed decimal digits.

    Without *seed* the digits come from the operating system's cryptographically secure
    generator (:func:`os.urandom`): bytes are drawn, those of 250 or more are thrown away
    and each kept byte gives ``byte mod 10`` (through a lookup table).  Since 250 is a
    multiple of 10, every digit is exactly equally likely; taking every byte mod 10
    would make 0-5 more likely than 6-9 (26 bytes against 25).

    With *seed* the bytes come instead from SHAKE-256 of a fixed domain-separation
    prefix and the seed written in decimal, with the same rejection.  **This is not
    secure**: anyone who learns or guesses the seed has the whole pad.  It exists only
    so that a classroom can print the same pad twice.  The seeded stream is
    prefix-stable: ``random_digits(m, seed=s)`` begins with ``random_digits(n, seed=s)``
    for any ``m >= n``.

    Parameters
    ----------
    n : int
        How many digits, 0 or more.
    seed : int, optional
        Any integer (negative and very large ones too), for a reproducible classroom
        stream.

    Returns
    -------
    ndarray of uint8, shape (n,)
        Digits 0-9.

    Raises
    ------
    TypeError
        If *n* or *seed* is not an int.
    ValueError
        If *n* is negative.

    >>> random_digits(10, seed=1950).shape
    (10,)
    >>> bool((random_digits(10, seed=1950) == random_digits(10, seed=1950)).all())
    True
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n!r}")
    if seed is None:
        return _os_digits(n)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int or None, not {type(seed).__name__}")
    return _seeded_digits(n, seed)


def _os_digits(n: int) -> NDArray[np.uint8]:
    result = np.empty(n, dtype=np.uint8)
    filled = 0
    while filled < n:
        missing = n - filled
        stream = np.frombuffer(os.urandom(_draw_size(missing)), dtype=np.uint8)
        digits, got = _digits_from_bytes(stream, missing)
        result[filled : filled + got] = digits
        filled += got
    return result


def _seeded_digits(n: int, seed: int) -> NDArray[np.uint8]:
    # SHAKE's output of length L is a prefix of its output of any greater length, so
    # asking again for a longer output continues the same stream deterministically.
    shake = hashlib.shake_256(_SEED_PREFIX + str(seed).encode("ascii"))
    length = _draw_size(n)
    while True:
        stream = np.frombuffer(shake.digest(length), dtype=np.uint8)
        digits, got = _digits_from_bytes(stream, n)
        if got == n:
            return digits
        length *= 2


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
    ValueError
        Naming the first character that is not an ASCII digit and its (0-based)
        position.

    >>> digits_from_text("0149")
    array([0, 1, 4, 9], dtype=uint8)
    >>> digits_from_text("12 45")
    Traceback (most recent call last):
    ...
    ValueError: not an ASCII digit: ' ' at position 2 of '12 45'
    """
    if s.isascii():
        digits = np.frombuffer(s.encode("ascii"), dtype=np.uint8) - np.uint8(_ASCII_ZERO)
        bad = digits > 9  # characters below '0' wrapped round to 208 or more
        if not bad.any():
            return digits
    match = _NOT_A_DIGIT.search(s)
    if match is None:  # pragma: no cover - isascii() was False, so a match exists
        raise ValueError(f"not an ASCII digit string: {s!r}")
    shown = s if len(s) <= 40 else s[:37] + "..."
    raise ValueError(
        f"not an ASCII digit: {match.group()!r} at position {match.start()} of {shown!r}"
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
    TypeError
        If *d* is not an ndarray of dtype uint8.
    ValueError
        Naming the first element above 9 and its (flat, 0-based) position.

    >>> digits_to_text(group(digits_from_text("1234567890")))
    '1234567890'
    """
    flat = _check_digit_array("d", d).reshape(-1)
    bad = flat > 9
    if bad.any():
        at = int(np.argmax(bad))
        raise ValueError(f"not a digit: {int(flat[at])!r} at position {at}")
    return np.add(flat, _ASCII_ZERO, dtype=np.uint8).tobytes().decode("ascii")


def group(d: NDArray[np.uint8], size: int = 5) -> NDArray[np.uint8]:
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
    TypeError
        If *d* is not an ndarray of dtype uint8.
    ValueError
        If *d* is not one-dimensional, *size* is below 1 or *n* is not a multiple of it.

    >>> group(digits_from_text("1234567890")).shape
    (2, 5)
    """
    d_ = _check_digit_array("d", d)
    if d_.ndim != 1:
        raise ValueError(f"d must be one-dimensional, not of shape {d_.shape}")
    if size < 1:
        raise ValueError(f"group size must be 1 or more, not {size!r}")
    if d_.size % size:
        raise ValueError(
            f"{d_.size} digits do not make whole groups of {size} ({d_.size % size} left over)"
        )
    return d_.reshape(-1, size)


__all__ = [
    "add_mod10",
    "digits_from_text",
    "digits_to_text",
    "group",
    "random_digits",
    "sub_mod10",
]
