"""The Baudot–Murray teleprinter code, ITA2: five bits a character, two cases.

A character is a code from 0 to 31 (``numpy.uint8``): its value, bit 1 (the first sent)
counting 1.  Most codes mean one thing on the letters side and another on the figures
side, switched by LTRS (31) and FIGS (27).  :func:`encode` and :func:`decode` go between
text and codes, both starting in the letters case (a space does not return the machine to
letters); the figures of F, H and G, left to national use, are not carried unless
:func:`decode` is told what to print.  :class:`Order` writes the bits most significant
first (``VALUE``) or as sent and punched (``TRANSMISSION``), :func:`tape` draws punched
tape and :func:`duration` times a text.  docs/explanation/teleprinter.md explains the code.

>>> encode("RY 1950")
array([10, 21,  4, 27, 23, 24, 16, 22], dtype=uint8)
>>> decode(encode("Ry 1950"))
'RY 1950'
>>> bit_string(3, order=Order.VALUE), bit_string(3, order=Order.TRANSMISSION)
('00011', '11000')
"""

from __future__ import annotations

import enum
import math
import numbers
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cipherwire.errors import WireError

#: Any integer array of codes (uint8 as :func:`encode` gives, or wider).
Codes = NDArray[np.integer[Any]]

NUL, LF, SPACE, CR, FIGS, LTRS = 0, 2, 4, 8, 27, 31

#: The letters side, indexed by code (``None``: a shift, which prints nothing).
LETTERS: tuple[str | None, ...] = (*"\x00E\nA SIU\rDRJNFCKTZLWHYPQOBG", None, *"MXV", None)
#: The figures side, indexed by code (``None``: a shift, or a national-use position).
FIGURES: tuple[str | None, ...] = (
    *"\x003\n- '87\r\x054\x07,",
    None,  # 13, F: national use
    *":(5+)2",
    None,  # 20, H: national use
    *"6019?",
    None,  # 26, G: national use
    None,  # 27 FIGS
    *"./=",
    None,  # 31 LTRS
)
#: The figures-side positions ITA2 leaves to national use (under F, H and G).
NATIONAL = (13, 20, 26)

#: Common line speeds in baud: the "60 wpm" machines, the European standard, "100 wpm".
BAUD_45_45 = 45.45
BAUD_50 = 50.0
BAUD_75 = 75.0
#: Stop element length in units unless told otherwise (1 start + 5 data + 1.5 stop).
STOP_BITS = 1.5
#: Characters to a word, the space included, when speeds are given in words a minute.
CHARACTERS_PER_WORD = 6

_NAMES = {0: "NUL", 2: "LF", 4: "SP", 8: "CR", 27: "FIGS", 31: "LTRS"}
_FIGURE_NAMES = {9: "WRU", 11: "BELL"}
_NONE = 255  # "no code" in the encoder's tables
_ASCII = 128
_SILENT = 0xFFFF_FFFF  # "prints nothing" (a shift) in the decoder's table
_NATIONAL_MARK = 0xFFFF_FFFE


class Order(enum.Enum):
    """How the five bits of a code are written out.

    ``VALUE``: most significant bit first (A = ``00011``).  ``TRANSMISSION``: bit 1,
    the first sent, first (A = ``11000``), as in the tables of the period.
    """

    VALUE = "value"
    TRANSMISSION = "transmission"


def _tables() -> tuple[NDArray[np.uint8], NDArray[np.uint8], NDArray[np.uint32]]:
    code = np.full(_ASCII + 1, _NONE, dtype=np.uint8)  # the last entry: not ASCII
    side = np.full(_ASCII + 1, _NONE, dtype=np.uint8)  # 0 either, 1 letters, 2 figures
    for value, (letter, figure) in enumerate(zip(LETTERS, FIGURES, strict=True)):
        for ch, case in ((letter, 1), (figure, 2)):
            if ch is not None:
                code[ord(ch)] = value
                side[ord(ch)] = 0 if letter == figure else case
    for upper in range(ord("A"), ord("Z") + 1):
        code[upper + 32], side[upper + 32] = code[upper], side[upper]
    shown = np.full((2, 32), _SILENT, dtype=np.uint32)
    for case, table in enumerate((LETTERS, FIGURES)):
        for value, ch in enumerate(table):
            if ch is not None:
                shown[case, value] = ord(ch)
    shown[1, list(NATIONAL)] = _NATIONAL_MARK
    return code, side, shown


_CODE_OF, _SIDE_OF, _CHAR_OF = _tables()


def _check_codes(codes: object, name: str = "codes") -> NDArray[np.uint8]:
    """Return *codes* (an integer ndarray, values 0-31) as uint8, or raise WireError."""
    if not isinstance(codes, np.ndarray):
        kind = type(codes).__name__
        kind = f"a numpy {kind} scalar" if isinstance(codes, np.generic) else kind
        raise WireError(f"{name} must be a numpy array of integers, not {kind}")
    if codes.dtype.kind not in "iu":
        raise WireError(f"{name} must have an integer dtype, not {codes.dtype}")
    flat = codes.reshape(-1)
    bad = (flat < 0) | (flat > 31)
    if bad.any():
        at = int(np.argmax(bad))
        raise WireError(f"{int(flat[at])!r} is not a 5-bit code (0-31)", position=at)
    return codes.astype(np.uint8, copy=False)


def _check_order(order: object) -> Order:
    if not isinstance(order, Order):
        raise WireError(f"order must be Order.VALUE or Order.TRANSMISSION, not {order!r}")
    return order


# -- text <-> codes ------------------------------------------------------------------------


def encode(text: str) -> NDArray[np.uint8]:
    """Turn *text* into ITA2 codes, inserting LTRS and FIGS only where the case changes.

    The machine starts in the letters case.  Lower-case ASCII letters are sent as
    capitals, ``"\\n"`` as CR LF and ``"\\r"`` as CR; NUL, LF, CR and space keep the
    case as it is.

    Returns
    -------
    ndarray of uint8, shape (n,)
        Codes 0-31, shifts included (so *n* may exceed ``len(text)``).

    Raises
    ------
    WireError
        Quoting the first character ITA2 cannot carry (a Cyrillic letter, ``%``, ...)
        and its 0-based position in *text*.  Nothing is ever dropped.

    >>> encode("A1 B").tolist()
    [3, 27, 23, 4, 31, 25]
    """
    if not isinstance(text, str):
        raise WireError(f"text must be a str, not {type(text).__name__}")
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    index = np.minimum(points, _ASCII)
    code, side = _CODE_OF[index], _SIDE_OF[index]
    bad = side == _NONE
    if bad.any():
        at = int(np.argmax(bad))
        raise WireError(f"ITA2 cannot carry {text[at]!r}", position=at)
    cased = np.flatnonzero(side)
    wanted = side[cased]
    before = np.concatenate([np.ones(1, np.uint8), wanted])[:-1]
    change = wanted != before
    rows = np.full((len(text), 3), _NONE, dtype=np.uint8)  # shift, code, LF after CR
    rows[cased[change], 0] = np.where(wanted[change] == 2, FIGS, LTRS)
    rows[:, 1] = code
    rows[points == ord("\n"), 1:] = (CR, LF)
    flat = rows.reshape(-1)
    sent: NDArray[np.uint8] = flat[flat != _NONE]
    return sent


def decode(codes: Codes, *, national: str | None = None) -> str:
    """Read ITA2 codes as a teleprinter prints them, following the LTRS/FIGS shifts.

    The machine starts in the letters case; shifts print nothing.  CR followed by LF
    reads as ``"\\n"``, a CR alone as ``"\\r"``, and a LF alone as ``"\\n"`` too.

    Parameters
    ----------
    codes : ndarray of any integer dtype, shape (n,)
        Values 0-31.
    national : str, optional
        One character to print for a figures-side national-use position (13, 20, 26).
        Without it such a code raises :class:`WireError`.

    Raises
    ------
    WireError
        For a code outside 0-31 (quoting it and its position), an array that is not of
        an integer dtype or not one-dimensional, or a national-use position.

    >>> decode(np.array([3, 27, 23, 4, 31, 25], dtype=np.uint8))
    'A1 B'
    """
    c = _check_codes(codes)
    if c.ndim != 1:
        raise WireError(f"codes must be one-dimensional, not of shape {c.shape}")
    if national is not None and (not isinstance(national, str) or len(national) != 1):
        raise WireError(f"national must be one character, not {national!r}")
    position = np.arange(c.size)
    last_shift = np.maximum.accumulate(np.where((c == FIGS) | (c == LTRS), position, -1))
    figures = (last_shift >= 0) & (c[np.maximum(last_shift, 0)] == FIGS)
    points = _CHAR_OF[figures.astype(np.intp), c]
    foreign = points == _NATIONAL_MARK
    if foreign.any():
        at = int(np.argmax(foreign))
        if national is None:
            raise WireError(
                f"code {int(c[at])} on the figures side is a national-use position this "
                f"table does not carry (pass national= to print a stand-in)",
                position=at,
            )
        points[foreign] = ord(national)
    crlf = np.zeros(c.size, dtype=bool)
    crlf[:-1] = (c[:-1] == CR) & (c[1:] == LF)
    kept = points[(points != _SILENT) & ~crlf]
    text: str = kept.astype("<u4").tobytes().decode("utf-32-le")
    return text


# -- bits ------------------------------------------------------------------------------------


def _weights(order: Order) -> NDArray[np.uint8]:
    shifts = np.arange(5, dtype=np.uint8)
    return shifts[::-1] if _check_order(order) is Order.VALUE else shifts


def to_bits(codes: Codes, *, order: Order) -> NDArray[np.uint8]:
    """Split codes into their five bits, one row a code.

    Parameters
    ----------
    codes : ndarray of any integer dtype, shape (n,)
        Values 0-31.
    order : Order
        ``Order.VALUE``: column 0 is the bit worth 16 (A = ``[0, 0, 0, 1, 1]``);
        ``Order.TRANSMISSION``: column 0 is bit 1, sent first (A = ``[1, 1, 0, 0, 0]``).

    Returns
    -------
    ndarray of uint8, shape (n, 5)
        Zeros and ones.

    >>> to_bits(encode("A"), order=Order.TRANSMISSION)
    array([[1, 1, 0, 0, 0]], dtype=uint8)
    """
    c = _check_codes(codes)
    if c.ndim != 1:
        raise WireError(f"codes must be one-dimensional, not of shape {c.shape}")
    return (c[:, np.newaxis] >> _weights(order)) & np.uint8(1)


def from_bits(bits: NDArray[np.integer[Any] | np.bool_], *, order: Order) -> NDArray[np.uint8]:
    """Join rows of five bits (written in *order*, as :func:`to_bits` gives) into codes.

    Takes an integer or boolean ndarray of shape (n, 5) holding only 0 and 1 and returns
    an ndarray of uint8, shape (n,).  Anything else raises :class:`WireError` (a bad bit
    with the position of its row).
    """
    if not isinstance(bits, np.ndarray) or bits.dtype.kind not in "iub":
        raise WireError(f"bits must be a numpy array of 0s and 1s, not {type(bits).__name__}")
    if bits.ndim != 2 or bits.shape[1] != 5:
        raise WireError(f"bits must have shape (n, 5), not {bits.shape}")
    bad = ((bits != 0) & (bits != 1)).any(axis=1)
    if bad.any():
        at = int(np.argmax(bad))
        raise WireError(f"{bits[at].tolist()!r} is not five bits", position=at)
    weights = np.left_shift(np.uint8(1), _weights(order))
    codes: NDArray[np.uint8] = (bits.astype(np.uint8) * weights).sum(axis=1, dtype=np.uint8)
    return codes


def bit_string(code: int, *, order: Order) -> str:
    """Write one code's five bits as text: ``bit_string(3, order=Order.VALUE) == '00011'``."""
    if isinstance(code, bool) or not isinstance(code, int | np.integer) or not 0 <= code <= 31:
        raise WireError(f"{code!r} is not a 5-bit code (0-31)")
    bits = to_bits(np.array([code], dtype=np.uint8), order=order)[0]
    return "".join("01"[b] for b in bits)


def tape(codes: Codes, *, order: Order = Order.TRANSMISSION, labels: bool = False) -> str:
    """Draw codes as punched paper tape, one row (one character) a line.

    Five-hole tape carries the small feed (sprocket) holes, drawn ``·``, off centre: two
    code holes on one side, three on the other.  With ``Order.TRANSMISSION`` a row reads
    bit 1 (sent first) to bit 5, left to right, and the feed hole falls between bits 2
    and 3 (``12·345``); ``Order.VALUE`` draws the same tape seen from the other side
    (``543·21``).  A hole is ``o``, no hole a space, and ``|`` marks the tape's edges.
    With *labels*, each row is followed by what it prints, following the shifts (``SP``,
    ``CR``, ``LF``, ``NUL``, ``FIGS``, ``LTRS``, ``WRU``, ``BELL``, ``national``).
    No trailing newline.

    >>> print(tape(encode("RY"), labels=True))
    | o· o |  R
    |o ·o o|  Y
    """
    bits = to_bits(codes, order=order)
    holes = np.where(bits == 1, "o", " ")
    feed = 2 if order is Order.TRANSMISSION else 3  # holes before the feed hole
    rows = ["|" + "".join(r[:feed]) + "·" + "".join(r[feed:]) + "|" for r in holes.tolist()]
    if labels:
        rows = [f"{row}  {label}" for row, label in zip(rows, _labels(codes), strict=True)]
    return "\n".join(rows)


def _labels(codes: Codes) -> list[str]:
    out, figures = [], False
    for value in _check_codes(codes).tolist():
        figures = value == FIGS or (figures and value != LTRS)
        name = _NAMES.get(value) or (_FIGURE_NAMES.get(value) if figures else None)
        ch = (FIGURES if figures else LETTERS)[value]
        out.append(name or ch or "national")
    return out


# -- timing ------------------------------------------------------------------------------


def _check_speed(baud: float, stop_bits: float) -> None:
    if not _is_real(baud) or not math.isfinite(baud) or baud <= 0:
        raise WireError(f"a line speed is a finite number of baud above 0, not {baud!r}")
    if not _is_real(stop_bits) or not math.isfinite(stop_bits) or stop_bits < 1:
        raise WireError(
            f"the stop element is a finite number of units, 1 or more, not {stop_bits!r}"
        )


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def character_seconds(baud: float, *, stop_bits: float = STOP_BITS) -> float:
    """Seconds one character takes on the line: 1 start + 5 data + *stop_bits* units.

    One unit lasts ``1 / baud`` seconds; at 50 baud with 1.5 stop units a character
    takes 7.5 / 50 = 0.15 s.  Raises :class:`WireError`, quoting the value, for a speed
    that is not a finite number above 0 or a stop element shorter than one unit.

    >>> character_seconds(50)
    0.15
    """
    _check_speed(baud, stop_bits)
    return (6 + stop_bits) / baud


def characters_per_minute(baud: float, *, stop_bits: float = STOP_BITS) -> float:
    """Characters a minute at full speed: 400 at 50 baud with 1.5 stop units."""
    _check_speed(baud, stop_bits)
    return 60 * baud / (6 + stop_bits)


def words_per_minute(baud: float, *, stop_bits: float = STOP_BITS) -> float:
    """Words a minute at full speed, six characters to a word (66.7 at 50 baud).

    >>> round(words_per_minute(BAUD_50), 1), round(words_per_minute(BAUD_45_45), 1)
    (66.7, 60.6)
    """
    return characters_per_minute(baud, stop_bits=stop_bits) / CHARACTERS_PER_WORD


def duration(text_or_codes: str | Codes, *, baud: float, stop_bits: float = STOP_BITS) -> float:
    """Seconds to send *text_or_codes* at *baud*: every character, shifts included.

    A ``str`` is first encoded with :func:`encode` (so its CR LF pairs and LTRS/FIGS
    shifts count); an array is taken as codes (any integer dtype, values 0-31).

    >>> duration("A1 B", baud=BAUD_50)  # A FIGS 1 SP LTRS B: six characters
    0.9
    """
    _check_speed(baud, stop_bits)
    codes = encode(text_or_codes) if isinstance(text_or_codes, str) else text_or_codes
    return _check_codes(codes).size * (6 + stop_bits) / baud


__all__ = [
    "BAUD_45_45",
    "BAUD_50",
    "BAUD_75",
    "CHARACTERS_PER_WORD",
    "CR",
    "FIGS",
    "FIGURES",
    "LETTERS",
    "LF",
    "LTRS",
    "NATIONAL",
    "NUL",
    "SPACE",
    "STOP_BITS",
    "Codes",
    "Order",
    "bit_string",
    "character_seconds",
    "characters_per_minute",
    "decode",
    "duration",
    "encode",
    "from_bits",
    "tape",
    "to_bits",
    "words_per_minute",
]
