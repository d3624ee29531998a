"""Vernam's cipher: the message tape XOR a key tape, bit by bit on the five-bit code.

Gilbert Vernam's US patent 1,310,719 (1919) combined each teleprinter character with a key
tape character, one line signal where their bits agree and the other where they differ:
XOR on the five bits (:func:`xor5`), its own inverse, so the receiver's identical tape
prints the message (the patent's A ⊕ B = G is 3 XOR 25 = 26 in ITA2 values).  A key tape
(:class:`KeyTape`, :func:`key_tape`) is punched from one-time pad pages, our model: their
key digits read two at a time, pairs 96-99 thrown away and the rest taken mod 32, so every
code is equally likely (:func:`codes_from_digits`).  The tape lives with the wire, not the
pads, because it is a tape of ITA2 codes and the pads sit below the wire.
docs/explanation/teleprinter.md explains both.

>>> import numpy as np
>>> xor5(np.array([3], np.uint8), np.array([25], np.uint8))  # A XOR B = G
array([26], dtype=uint8)
>>> codes_from_digits(np.array([0, 3, 9, 7, 3, 5], np.uint8))  # 03 -> 3, 97 out, 35 -> 3
array([3, 3], dtype=uint8)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cipherwire import core
from cipherwire.core.sizes import GROUP
from cipherwire.errors import WireError
from cipherwire.pad.book import PadBook
from cipherwire.pad.page import PadPage
from cipherwire.wire import ita2

#: Digit pairs from this value up are thrown away: 96 is the largest multiple of 32
#: not above 100, so ``pair mod 32`` of the rest is unbiased.
REJECT_FROM = 96
#: The share of digit pairs a key tape keeps.
_KEPT = REJECT_FROM / 100


def _kind(x: object) -> str:
    name = type(x).__name__
    return f"a numpy {name} scalar" if isinstance(x, np.generic) else name


def _check_code_array(name: str, x: object) -> NDArray[np.uint8]:
    if not isinstance(x, np.ndarray) or x.dtype != np.uint8:
        shown = x.dtype if isinstance(x, np.ndarray) else _kind(x)
        raise WireError(f"{name} must be a numpy array of dtype uint8, not {shown}")
    flat = x.reshape(-1)
    bad = flat > 31
    if bad.any():
        at = int(np.argmax(bad))
        raise WireError(f"{name} holds {int(flat[at])!r}, not a 5-bit code (0-31)", position=at)
    return x


def xor5(
    a: NDArray[np.uint8], b: NDArray[np.uint8], out: NDArray[np.uint8] | None = None
) -> NDArray[np.uint8]:
    """Combine two arrays of five-bit codes bit by bit (exclusive or), as Vernam did.

    The wire's checks and errors in front of the kernel :func:`cipherwire.core.xor5`.

    Parameters
    ----------
    a, b : ndarray of uint8, any shape (the same for both)
        Codes 0-31 (ITA2 values).
    out : ndarray of uint8, same shape, optional
        Where to write the result; it may be ``a`` or ``b`` itself.

    Returns
    -------
    ndarray of uint8, same shape
        ``a ^ b``, codes 0-31 again; ``xor5(xor5(a, b), b)`` is ``a``.  This is ``out``
        when given.

    Raises
    ------
    WireError
        If an argument is not a uint8 array, the shapes differ, or a value is above 31
        (naming it and its flat, 0-based position).
    """
    a_ = _check_code_array("a", a)
    b_ = _check_code_array("b", b)
    if a_.shape != b_.shape:
        raise WireError(f"shape mismatch: a has shape {a_.shape}, b has shape {b_.shape}")
    if out is not None and (
        not isinstance(out, np.ndarray) or out.dtype != np.uint8 or out.shape != a_.shape
    ):
        raise WireError(f"out must be a uint8 array of shape {a_.shape}")
    return core.xor5(a_, b_, out, check=False)  # the codes are checked above


def codes_from_digits(digits: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Turn decimal key digits into unbiased five-bit codes (vectorised, no loop).

    Parameters
    ----------
    digits : ndarray of uint8, shape (n,)
        Digits 0-9, read two at a time; an odd last digit is left unused.

    Returns
    -------
    ndarray of uint8, shape (m,), m <= n // 2
        ``pair mod 32`` for every pair below 96, in order.  Each code 0-31 is made by
        exactly 3 of the 96 kept pairs; taking all 100 pairs would make 0-3 more likely
        (4 pairs each against 3).

    Raises
    ------
    WireError
        If *digits* is not a one-dimensional uint8 array of digits.
    """
    if not isinstance(digits, np.ndarray) or digits.dtype != np.uint8 or digits.ndim != 1:
        raise WireError("digits must be a one-dimensional numpy array of dtype uint8")
    bad = digits > 9
    if bad.any():
        at = int(np.argmax(bad))
        raise WireError(f"{int(digits[at])!r} is not a digit", position=at)
    usable = digits[: digits.size - digits.size % 2]
    pairs = usable[0::2] * np.uint8(10) + usable[1::2]
    kept: NDArray[np.uint8] = pairs[pairs < REJECT_FROM]
    return np.bitwise_and(kept, np.uint8(31))


def _codes_of(pages: Sequence[PadPage]) -> NDArray[np.uint8]:
    return codes_from_digits(np.concatenate([page.key for page in pages]))


@dataclass(frozen=True, eq=False)
class KeyTape:
    """A key tape punched from one-time pad pages.

    ``codes`` (read-only ``uint8``, shape ``(n,)``, values 0-31) is the tape; ``pages``
    and ``indicators`` name the pad pages it was punched from, in order (the sender
    sends the indicators in clear); ``classroom_seed`` is the pad book's seed when it
    is a reproducible classroom book, else None.  Make one with :func:`key_tape`
    (sender) or :meth:`from_pages` (receiver).  Tapes compare equal when all four agree.
    """

    codes: NDArray[np.uint8]
    pages: tuple[int, ...]
    indicators: tuple[str, ...]
    classroom_seed: int | None = None

    def __post_init__(self) -> None:
        codes = _check_code_array("codes", self.codes).copy()
        if codes.ndim != 1:
            raise WireError(f"a key tape is one-dimensional, not of shape {codes.shape}")
        if not self.pages or len(self.pages) != len(self.indicators):
            raise WireError(
                f"a key tape names one or more pages and an indicator for each, not "
                f"pages {self.pages!r} and indicators {self.indicators!r}"
            )
        codes.setflags(write=False)
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "pages", tuple(self.pages))
        object.__setattr__(self, "indicators", tuple(self.indicators))

    @classmethod
    def from_pages(cls, padbook: PadBook, indicators: Sequence[str], length: int) -> KeyTape:
        """Punch the receiver's copy of a tape: *length* codes from the pages named.

        The pages are looked up by indicator with :meth:`PadBook.issued_page`, in the
        order given, and read exactly as :func:`key_tape` read them.

        Raises :class:`cipherwire.errors.PageNotIssuedError` for an indicator of no page
        or of a page never issued, and :class:`WireError` if an indicator is named twice
        or the pages give fewer than *length* codes.
        """
        _check_length(length)
        if isinstance(indicators, str) or not indicators:
            raise WireError(f"indicators must be a sequence of one or more, not {indicators!r}")
        named = tuple(indicators)
        for i, indicator in enumerate(named):
            if indicator in named[:i]:
                raise WireError(f"indicator {indicator!r} is named twice", position=i)
        pages = [padbook.issued_page(indicator) for indicator in named]
        codes = _codes_of(pages)
        if codes.size < length:
            raise WireError(
                f"pages {named!r} punch only {codes.size} characters of key tape, {length} wanted"
            )
        return cls(codes[:length], tuple(p.number for p in pages), named, padbook.seed)

    def __len__(self) -> int:
        return int(self.codes.size)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KeyTape):
            return NotImplemented
        return (
            self.pages == other.pages
            and self.indicators == other.indicators
            and self.classroom_seed == other.classroom_seed
            and np.array_equal(self.codes, other.codes)
        )

    def __hash__(self) -> int:
        return hash((self.pages, self.indicators, self.classroom_seed, self.codes.tobytes()))

    def __repr__(self) -> str:
        seed = "" if self.classroom_seed is None else f" classroom_seed={self.classroom_seed}"
        return (
            f"<KeyTape length={len(self)} pages={self.pages!r} "
            f"indicators={self.indicators!r}{seed}>"
        )


def _check_length(length: object) -> int:
    if isinstance(length, bool) or not isinstance(length, int) or length < 1:
        raise WireError(f"a key tape's length is an int of 1 or more, not {length!r}")
    return length


def key_tape(padbook: PadBook, length: int, *, to: str) -> KeyTape:
    """Punch a fresh key tape of *length* codes from unused pages of *padbook*.

    Enough pages for *length* codes on average, plus two standard deviations, are
    issued to message *to* in one call (one transaction, so no other caller can be
    given them); in the rare case that their pairs still fall short, one more page is
    issued, and so on.  Every issued page is used up by this tape, whatever part of it
    the tape needs: a page is never issued again.

    Raises :class:`WireError` for a *length* below 1, and what :meth:`PadBook.issue`
    raises (:class:`cipherwire.errors.PadExhaustedError` when the book runs out).
    """
    _check_length(length)
    key_digits = (padbook.groups_per_page - 1) * GROUP  # a page's digits, its indicator excluded
    pairs = (length + 2 * math.sqrt(length * _KEPT * (1 - _KEPT))) / _KEPT
    pages = list(padbook.issue(math.ceil(2 * pairs / key_digits), to=to))
    codes = _codes_of(pages)
    while codes.size < length:
        pages.extend(padbook.issue(1, to=to))
        codes = _codes_of(pages)
    return KeyTape(
        codes[:length],
        tuple(page.number for page in pages),
        tuple(page.indicator for page in pages),
        padbook.seed,
    )


def _check_tape(tape: object, needed: int) -> KeyTape:
    if not isinstance(tape, KeyTape):
        raise WireError(f"tape must be a KeyTape, not {type(tape).__name__}")
    if len(tape) < needed:
        raise WireError(
            f"the message needs {needed} characters of key tape (shifts included), "
            f"the tape has only {len(tape)}"
        )
    return tape


def encipher(text: str, tape: KeyTape) -> NDArray[np.uint8]:
    """Encode *text* in ITA2 (shifts included) and XOR it with the start of *tape*.

    Returns an ndarray of uint8, shape (n,), where *n* is ``len(ita2.encode(text))``.
    Any of the 32 codes can come out, LTRS and FIGS included: on the line an enciphered
    shift is just another character, and only the receiver's plain codes, after the
    XOR, are read for shifts.

    Raises :class:`WireError` for a character ITA2 cannot carry, or if the tape is
    shorter than the encoded message (saying how many characters it needs).
    """
    plain = ita2.encode(text)
    key = _check_tape(tape, plain.size)
    return xor5(plain, key.codes[: plain.size])


def decipher(codes: NDArray[np.uint8], tape: KeyTape, *, national: str | None = None) -> str:
    """XOR received *codes* (uint8, shape (n,)) with the start of *tape*, then decode.

    The XOR comes first and only then are the plain codes read for LTRS/FIGS shifts.
    *national* is passed to :func:`ita2.decode` (a wrong tape gives random codes, which
    may include the figures-side national-use positions).

    Raises :class:`WireError` for codes that are not uint8 values 0-31 or a tape
    shorter than the codes.
    """
    received = _check_code_array("codes", codes)
    if received.ndim != 1:
        raise WireError(f"codes must be one-dimensional, not of shape {received.shape}")
    key = _check_tape(tape, received.size)
    return ita2.decode(xor5(received, key.codes[: received.size]), national=national)


__all__ = [
    "REJECT_FROM",
    "KeyTape",
    "codes_from_digits",
    "decipher",
    "encipher",
    "key_tape",
    "xor5",
]
