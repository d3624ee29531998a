"""Pad digits: unbiased decimal digits from the operating system's CSPRNG.

:func:`random_digits` is the one source of key digits in cipherwire: pad books, digit
files and the VENONA pad factory draw from it.  Without a seed it reads :func:`os.urandom`
and turns the random bytes into digits by rejection sampling on 16-bit values, on every
core for a large draw; with a seed it reads SHAKE-256 instead, for reproducible (and
insecure) classroom pads.  docs/explanation/one-time-pads.md explains the sampling,
docs/performance.md why no faster generator is used.
"""

from __future__ import annotations

import hashlib
import os

import numpy as np
from numpy.typing import NDArray

from cipherwire.core._engine import chunks
from cipherwire.errors import ArrayTypeError, ArrayValueError

#: Bytes at or above this value are rejected by the seeded stream so that ``byte % 10``
#: is unbiased: 250 is the largest multiple of 10 not above 256.
_REJECT_FROM = 250
#: The decimal digit of each byte value (the seeded stream's lookup table).
_DIGIT_OF_BYTE: NDArray[np.uint8] = (np.arange(256) % 10).astype(np.uint8)

#: 16-bit values at or above this are rejected by the OS sampler: 60,000 is the largest
#: multiple of 10,000 not above 65,536, so ``value % 10_000`` is four unbiased digits.
_QUAD_REJECT_FROM = 60_000
#: The four digits of ``v % 10_000`` for each kept 16-bit value ``v``, packed in memory
#: order into one little-endian uint32 (a 240 KB table that stays in cache).
_QUAD_DIGITS: NDArray[np.uint32] = (
    np.stack([(np.arange(_QUAD_REJECT_FROM) // 10**p) % 10 for p in (3, 2, 1, 0)], axis=1)
    .astype(np.uint8)
    .view("<u4")
    .reshape(-1)
)

#: Draws of at least this many four-digit blocks (1 Mi digits) run on every core.
_THREADED_FROM = 1 << 18

#: Domain-separation prefix of the seeded (classroom) stream.  Changing it changes every
#: seeded pad ever printed, so it is part of the file format in all but name.
_SEED_PREFIX = b"cipherwire/classroom-pad/v1\x00"


def random_digits(n: int, *, seed: int | None = None) -> NDArray[np.uint8]:
    """Return *n* independent, uniformly distributed decimal digits.

    Without *seed* the digits come from the operating system's cryptographically secure
    generator (:func:`os.urandom`), two bytes at a time: a 16-bit value of 60,000 or
    more is thrown away, and each kept value ``v`` gives the four digits of
    ``v mod 10_000`` (through a lookup table).  Since 60,000 is a multiple of 10,000,
    every four-digit block, and so every digit, is exactly equally likely; taking every
    value mod 10,000 would make 0000-5535 more likely than the rest.  One draw of 65,536
    values gives about 240,000 digits, so the sampler turns each random byte into 1.83
    digits; large draws run on every core (``os.urandom`` releases the GIL).

    With *seed* the bytes come instead from SHAKE-256 of a fixed domain-separation
    prefix and the seed written in decimal; bytes of 250 or more are thrown away and
    each kept byte gives ``byte mod 10``.  **This is not secure**: anyone who learns or
    guesses the seed has the whole pad.  It exists only so that a classroom can print the
    same pad twice.  The seeded stream is prefix-stable: ``random_digits(m, seed=s)``
    begins with ``random_digits(n, seed=s)`` for any ``m >= n``.

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
        raise ArrayTypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ArrayValueError(f"n must be 0 or more, not {n!r}")
    if seed is None:
        return _os_digits(n)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ArrayTypeError(f"seed must be an int or None, not {type(seed).__name__}")
    return _seeded_digits(n, seed)


def _fill_quads(quads: NDArray[np.uint32]) -> None:
    """Fill *quads* (four digits each, packed) from the OS generator, chunk by chunk."""
    filled, total = 0, quads.size
    while filled < total:
        want = min(total - filled, chunks.CHUNK // 4)
        draw = want + want // 10 + 16  # 91.6 % of values are kept
        values = np.frombuffer(os.urandom(2 * draw), dtype="<u2")
        kept = values[values < _QUAD_REJECT_FROM][:want]
        np.take(_QUAD_DIGITS, kept, out=quads[filled : filled + kept.size], mode="clip")
        filled += kept.size


def _os_digits(n: int) -> NDArray[np.uint8]:
    whole = n // 4 * 4
    result = np.empty(whole + 4, dtype=np.uint8)  # room for the last, partial block
    quads = result.view("<u4")

    def fill(lo: int, hi: int) -> None:
        _fill_quads(quads[lo:hi])

    chunks.map_spans(fill, quads.size, align=chunks.CHUNK // 4, threaded_from=_THREADED_FROM)
    return result[:n]


def _digits_from_bytes(stream: NDArray[np.uint8], n: int) -> tuple[NDArray[np.uint8], int]:
    """Return up to *n* digits from the accepted bytes of *stream*, and how many."""
    kept = stream[stream < _REJECT_FROM][:n]
    return _DIGIT_OF_BYTE[kept], kept.size


def _seeded_digits(n: int, seed: int) -> NDArray[np.uint8]:
    # SHAKE's output of length L is a prefix of its output of any greater length, so
    # asking again for a longer output continues the same stream deterministically.
    shake = hashlib.shake_256(_SEED_PREFIX + str(seed).encode("ascii"))
    length = n + n // 32 + 64  # 250 of 256 byte values are kept
    while True:
        stream = np.frombuffer(shake.digest(length), dtype=np.uint8)
        digits, got = _digits_from_bytes(stream, n)
        if got == n:
            return digits
        length *= 2


__all__ = ["random_digits"]
