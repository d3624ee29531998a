"""International Morse code: encode, decode, timing, a keying timeline and a WAV file.

The table is ITU-R M.1677-1's, plus ``! & ; _ $`` as operators sent them.  Procedure signs
are written in angle brackets (``<SK>``) and sent as one character; those Morse cannot
tell from a character (``<AR>`` is ``+``) are read as the character (:data:`ALIASES`).
Timing counts units, a dot one and a dash three, gaps of one, three and seven; "PARIS "
is 50 units and CODEX 60, and every text is counted with the word space after its last
word.  Positions in errors count characters of the string from 0.
docs/explanation/morse.md explains the code and its timing.

>>> encode("SOS <AR>")
'... --- ... / .-.-.'
>>> decode("-.-. --.- / -.. .")
'CQ DE'
>>> units("PARIS"), duration("PARIS", wpm=20)
(50, 3.0)
"""

from __future__ import annotations

import contextlib
import math
import numbers
import os
import re
import tempfile
import wave
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from cipherwire.errors import WireError

_TABLE = """
A .-      B -...    C -.-.    D -..     E .       F ..-.    G --.     H ....    I ..
J .---    K -.-     L .-..    M --      N -.      O ---     P .--.    Q --.-    R .-.
S ...     T -       U ..-     V ...-    W .--     X -..-    Y -.--    Z --..
1 .----   2 ..---   3 ...--   4 ....-   5 .....   6 -....   7 --...   8 ---..   9 ----.
0 -----
. .-.-.-  , --..--  ? ..--..  ' .----.  / -..-.   ( -.--.   ) -.--.-  : ---...  = -...-
+ .-.-.   - -....-  " .-..-.  @ .--.-.
! -.-.--  & .-...   ; -.-.-.  _ ..--.-  $ ...-..-
<SK> ...-.-   <SOS> ...---...   <HH> ........   <CT> -.-.-   <VE> ...-.
"""
_words = iter(_TABLE.split())

#: Every character and procedure sign Morse carries here, with its code (dots and dashes).
#: No two entries share a code: this is the reading :func:`decode` gives.
CODES: Mapping[str, str] = MappingProxyType(dict(zip(_words, _words, strict=True)))

#: Other spellings :func:`encode` accepts, each with the entry of :data:`CODES` it sends as.
ALIASES: Mapping[str, str] = MappingProxyType(
    {"<AR>": "+", "<BT>": "=", "<AS>": "&", "<KN>": "(", "<KA>": "<CT>", "<SN>": "<VE>"}
)

#: Cut numbers: the short letters operators may send for figures (our variant; 4 and 6 are
#: sent in full).  An operators' convention, applied only to figures.
CUT_NUMBERS: Mapping[str, str] = MappingProxyType(
    dict(zip("1234567890", "AUV4E6BDNT", strict=True))
)

_ENCODE = {**CODES, **{alias: CODES[name] for alias, name in ALIASES.items()}}
_CUT_ENCODE = {**_ENCODE, **{fig: CODES[cut] for fig, cut in CUT_NUMBERS.items()}}
_DECODE = {code: name for name, code in CODES.items()}
_FIGURE_OF = {CODES[cut]: fig for fig, cut in CUT_NUMBERS.items()}
_FIGURE_OF.update({CODES[fig]: fig for fig in CUT_NUMBERS})
_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TOKEN = re.compile(r" +|<[^<> ]*>|.", re.DOTALL)
_SIGNS = tuple(name for name in _ENCODE if name.startswith("<"))
_NOT_MORSE = re.compile(r"[^.\- /]")
_SIGNAL = re.compile(r"[.\-]+|/")

#: Element lengths in units (dot 1, dash 3, 0 past the end) of every code, one row per
#: code, plus a zero column so that "the next element" always exists: shape (K, 10), int64.
_CODE_LIST = tuple(_DECODE)
_CODE_ROW = {code: row for row, code in enumerate(_CODE_LIST)}
_ELEMENTS = np.zeros((len(_CODE_LIST), 10), dtype=np.int64)
for _row, _code in enumerate(_CODE_LIST):
    _ELEMENTS[_row, : len(_code)] = [1 if e == "." else 3 for e in _code]
_ELEMENTS.flags.writeable = False
del _words, _row, _code

_STANDARDS = {"PARIS": 50, "CODEX": 60}  # units in the standard word, its word space included
_GAP_UNITS = 19  # of those, the gaps between characters and words: 4 x 3 + 7, in both words
_RAMP_SECONDS = 0.005


# --- text <-> codes ------------------------------------------------------------------------


def _codes(text: str, cut_numbers: bool) -> tuple[list[str], list[bool]]:
    """The code of each character sent and whether that character ends a word."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    table = _CUT_ENCODE if cut_numbers else _ENCODE
    codes: list[str] = []
    ends: list[bool] = []
    for match in _TOKEN.finditer(text):
        token = match.group().translate(_UPPER)
        if token[0] == " ":
            if ends:
                ends[-1] = True
        elif token in table:
            codes.append(table[token])
            ends.append(False)
        else:
            hint = f" (procedure signs: {', '.join(_SIGNS)})" if token[0] == "<" else ""
            raise WireError(f"Morse cannot carry {match.group()!r}{hint}", position=match.start())
    if ends:
        ends[-1] = True
    return codes, ends


def encode(text: str, *, cut_numbers: bool = False) -> str:
    """Text in Morse: dots and dashes, characters apart by one space, words by ``" / "``.

    With ``cut_numbers=True`` the figures go as the short letters of :data:`CUT_NUMBERS`.

    >>> encode("cq 73")
    '-.-. --.- / --... ...--'
    >>> encode("Nº 5")
    Traceback (most recent call last):
    ...
    cipherwire.errors.WireError: position 1: Morse cannot carry 'º'

    Raises:
        WireError: naming, with its position, a character (or ``<...>`` procedure sign)
            that Morse cannot carry; nothing is ever dropped.
    """
    codes, ends = _codes(text, cut_numbers)
    return "".join(
        c + (" / " if end else " ") for c, end in zip(codes, ends, strict=True)
    ).removesuffix(" / ")


def decode(code: str, *, cut_numbers: bool = False) -> str:
    """Morse back to text: the inverse of :func:`encode`.

    Characters are apart by one or more spaces, words by ``/``.  With ``cut_numbers=True``
    a word whose every character can stand for a figure (in full or cut) is read as
    figures: ``". .-"`` is ``"51"``, but ``"-.. .-."`` is ``"DR"``.

    >>> decode("..--- .-. -.. / -. .-.", cut_numbers=False)
    '2RD NR'
    >>> decode(".- -.. .- / -... -", cut_numbers=True)
    '181 70'

    Raises:
        WireError: naming, with its position, a character other than ``. - space /``, a
            sequence that is no character (``'.-.-.-.-.-'``), or a ``/`` without a word on
            both sides.
    """
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, not {type(code).__name__}")
    bad = _NOT_MORSE.search(code)
    if bad:
        raise WireError(
            f"{bad.group()!r} is not Morse: only '.', '-', ' ' and '/' may appear",
            position=bad.start(),
        )
    words: list[list[tuple[str, int]]] = [[]]
    for match in _SIGNAL.finditer(code):
        if match.group() != "/":
            words[-1].append((match.group(), match.start()))
        elif words[-1]:
            words.append([])
        else:
            raise WireError("'/' (a word space) with no word before it", position=match.start())
    if len(words) > 1 and not words[-1]:
        raise WireError("'/' (a word space) with no word after it", position=code.rindex("/"))
    text = []
    for word in words:
        if cut_numbers and all(seq in _FIGURE_OF for seq, _ in word):
            text.append("".join(_FIGURE_OF[seq] for seq, _ in word))
            continue
        for seq, at in word:
            if seq not in _DECODE:
                raise WireError(f"{seq!r} is no character of the Morse table", position=at)
        text.append("".join(_DECODE[seq] for seq, _ in word))
    return " ".join(text)


# --- timing --------------------------------------------------------------------------------


def _layout(text: str, cut_numbers: bool) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Element lengths (n, 10) int64 of the n characters sent, and (n,) bool: ends a word."""
    codes, ends = _codes(text, cut_numbers)
    rows = np.fromiter((_CODE_ROW[c] for c in codes), dtype=np.intp, count=len(codes))
    return _ELEMENTS[rows], np.array(ends, dtype=np.bool_)


def _marks(elements: NDArray[np.int64]) -> NDArray[np.int64]:
    """Units of each character without its following gap: elements and the gaps inside."""
    marks: NDArray[np.int64] = elements.sum(axis=1) + (elements > 0).sum(axis=1) - 1
    return marks


def character_units(text: str, *, cut_numbers: bool = False) -> NDArray[np.int64]:
    """The units each character takes, with the gap that follows it.

    One entry per character sent, in order: spaces have none and a procedure sign has one.
    A character's entry is its elements, the one-unit gaps between them, and then the gap
    after it: 3 units when the next character is in the same word, 7 when it ends a word
    (the last word too, as PARIS is counted).  So ``character_units(t).sum() == units(t)``
    and ``np.cumsum`` gives the unit at which each character ends.

    >>> character_units("PARIS").tolist()
    [14, 8, 10, 6, 12]

    Returns:
        ndarray of int64, shape (n,), n the number of characters sent.
    """
    elements, ends = _layout(text, cut_numbers)
    total: NDArray[np.int64] = _marks(elements) + np.where(ends, 7, 3)
    return total


def units(text: str, *, cut_numbers: bool = False) -> int:
    """Length of the text in standard units, with the word space after its last word.

    >>> units("PARIS"), units("CODEX"), units("")
    (50, 60, 0)
    """
    return int(character_units(text, cut_numbers=cut_numbers).sum())


def _real(value: object) -> float | None:
    """The value as a finite float, or None if it is not a finite real number (or a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return float(value) if math.isfinite(value) else None


def _speed(name: str, value: object) -> Fraction:
    speed = _real(value)
    if speed is None or speed <= 0:
        raise WireError(f"{name} must be a positive number of words a minute, got {value!r}")
    return Fraction(value) if isinstance(value, numbers.Rational) else Fraction(speed)


def _clock(wpm: float, standard: str, farnsworth: float | None) -> tuple[Fraction, Fraction]:
    """Seconds of the element unit, and of the unit of the gaps between characters."""
    if standard not in _STANDARDS:
        raise WireError(f"standard must be 'PARIS' or 'CODEX', got {standard!r}")
    word = _STANDARDS[standard]
    speed = _speed("wpm", wpm)
    unit = Fraction(60) / (word * speed)
    if farnsworth is None:
        return unit, unit
    overall = _speed("farnsworth", farnsworth)
    if overall > speed:
        raise WireError(f"farnsworth={farnsworth!r} (overall speed) is above wpm={wpm!r}")
    return unit, (Fraction(60) / overall - (word - _GAP_UNITS) * unit) / _GAP_UNITS


def duration(
    text: str,
    *,
    wpm: float,
    standard: str = "PARIS",
    farnsworth: float | None = None,
    cut_numbers: bool = False,
) -> float:
    """Seconds to send the text at ``wpm`` words a minute, the last word space included.

    Computed in exact fractions, then rounded once to a float.  With ``farnsworth`` the
    characters go at ``wpm`` and the gaps between characters and words are stretched so
    that the standard word takes ``60 / farnsworth`` seconds.  This is the ARRL's formula
    (Jon Bloom, KE3Z, "A Standard for Morse Timing Using the Farnsworth Technique", QEX,
    April 1990): ``ta = (60c - 37.2s) / (sc)`` seconds of gaps in PARIS, at character
    speed ``c`` and overall speed ``s``, shared ``tc = 3ta/19`` between characters and
    ``tw = 7ta/19`` between words.  For CODEX, 41 units of marks stand for PARIS's 31.

    >>> duration("PARIS", wpm=20), duration("PARIS", wpm=18, farnsworth=5)
    (3.0, 12.0)

    Raises:
        WireError: quoting an impossible speed (zero, negative, NaN, infinite), a
            ``farnsworth`` above ``wpm``, an unknown standard, or text Morse cannot carry.
    """
    unit, gap_unit = _clock(wpm, standard, farnsworth)
    elements, ends = _layout(text, cut_numbers)
    marks = int(_marks(elements).sum())
    gaps = int(np.where(ends, 7, 3).sum())
    return float(marks * unit + gaps * gap_unit)


def _runs(
    text: str, wpm: float, standard: str, farnsworth: float | None, cut_numbers: bool
) -> tuple[NDArray[np.float64], Fraction]:
    """Lengths in element units of the alternating key-down, key-up runs (the first is
    down): shape (2m,), float64; and the element unit in seconds."""
    unit, gap_unit = _clock(wpm, standard, farnsworth)
    elements, ends = _layout(text, cut_numbers)
    down = elements[:, :-1]
    after = np.where(ends, 7.0, 3.0)[:, None] * float(gap_unit / unit)
    up = np.where(elements[:, 1:] > 0, 1.0, np.where(down > 0, after, 0.0))
    runs = np.stack([down.astype(np.float64), up], axis=2).ravel()
    return runs[runs > 0], unit


def keying(
    text: str,
    *,
    wpm: float,
    standard: str = "PARIS",
    farnsworth: float | None = None,
    cut_numbers: bool = False,
) -> tuple[NDArray[np.bool_], float]:
    """The key, unit by unit: True while it is down; and the unit's length in seconds.

    The timeline ends with the last word space.  Without Farnsworth it has exactly
    ``units(text)`` entries.  With Farnsworth the unit is the element unit (a dot) and the
    stretched gaps are not whole units: every edge of the key is put at the whole unit
    nearest to its exact time (ties to even), so no edge is more than half a unit off and
    the errors never add up; the elements keep their exact lengths.

    >>> key, unit = keying("EI", wpm=20)
    >>> key.astype(int).tolist(), unit
    ([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], 0.06)

    Returns:
        (ndarray of bool, shape (T,), float): the timeline and the unit in seconds.
    """
    runs, unit = _runs(text, wpm, standard, farnsworth, cut_numbers)
    edges = np.rint(np.cumsum(runs)).astype(np.int64)
    lengths = np.diff(edges, prepend=0)
    return np.repeat(np.arange(runs.size) % 2 == 0, lengths), float(unit)


def write_wav(
    path: str | os.PathLike[str],
    text: str,
    *,
    wpm: float,
    pitch: float = 700.0,
    sample_rate: int = 8000,
    standard: str = "PARIS",
    farnsworth: float | None = None,
    volume: float = 0.5,
    cut_numbers: bool = False,
) -> None:
    """Write the text as Morse to a mono, 16-bit WAV file: a sine tone of ``pitch`` Hz.

    Each element rises and falls with a raised-cosine ramp of 5 ms (or half the shortest
    element, if that is shorter) inside its own time, so the key does not click.  The
    file ends with the silence of the last word space and holds ``duration(...)
    * sample_rate`` frames, each edge of the key at the sample nearest its exact time.  It
    is written to a temporary file in the same folder and moved into place, so a failure
    leaves no partial file.

    Raises:
        WireError: quoting a bad speed, pitch (not between 0 and ``sample_rate / 2``),
            sample rate, volume (not in (0, 1]) or text, or a path that cannot be written.
    """
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, int) or sample_rate <= 0:
        raise WireError(f"sample_rate must be a positive whole number of Hz, got {sample_rate!r}")
    hz, gain = _real(pitch), _real(volume)
    if hz is None or not 0 < hz < sample_rate / 2:
        raise WireError(f"pitch must be in (0, {sample_rate / 2:g}) Hz, got {pitch!r}")
    if gain is None or not 0 < gain <= 1:
        raise WireError(f"volume must be in (0, 1], got {volume!r}")
    runs, unit = _runs(text, wpm, standard, farnsworth, cut_numbers)
    edges = np.rint(np.cumsum(runs) * float(unit) * sample_rate).astype(np.int64)
    lengths = np.diff(edges, prepend=0)
    if lengths.size and lengths.min() < 1:
        raise WireError(f"at {wpm!r} wpm a dot lasts less than one sample at {sample_rate} Hz")
    down = lengths[::2]
    starts = (edges - lengths)[::2]
    ramp = min(round(_RAMP_SECONDS * sample_rate), int(down.min()) // 2 if down.size else 0)
    envelope = np.repeat(np.arange(runs.size) % 2 == 0, lengths).astype(np.float64)
    if ramp > 0:
        rise = 0.5 - 0.5 * np.cos(np.pi * (np.arange(ramp) + 0.5) / ramp)
        envelope[starts[:, None] + np.arange(ramp)] = rise
        envelope[(starts + down - 1)[:, None] - np.arange(ramp)] = rise
    tone = np.arange(envelope.size, dtype=np.float64)
    tone *= 2 * np.pi * hz / sample_rate
    np.sin(tone, out=tone)
    tone *= envelope
    tone *= gain * 32767
    frames = np.rint(tone).astype("<i2").tobytes()

    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as exc:
        raise WireError(f"cannot write a WAV file at {str(target)!r}: {exc.strerror}") from exc
    try:
        with os.fdopen(handle, "wb") as file, wave.open(file, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(sample_rate)
            out.writeframes(frames)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise WireError(f"cannot write a WAV file at {str(target)!r}: {exc.strerror}") from exc
        raise


__all__ = [
    "ALIASES",
    "CODES",
    "CUT_NUMBERS",
    "character_units",
    "decode",
    "duration",
    "encode",
    "keying",
    "units",
    "write_wav",
]
