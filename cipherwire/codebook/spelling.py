"""The layer under the codebook: normalisation, word tokens, control groups and spelling.

Everything here is independent of any book's code numbers: a
:class:`~cipherwire.codebook.book.Codebook` maps the names defined here (``<SPELL>``,
``<COMMA>``, ``<SH>``, ...) to its own four-figure codes.  :func:`normalise` is the one rule
for what a codebook carries exactly, :func:`tokenise` cuts a text into the tokens entries
match, and :func:`default_space` is the spacing implied between two pieces;
docs/explanation/codebooks.md explains all three.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from cipherwire.errors import CodebookError

CLOSERS = frozenset(",.;:?!)]}”")
"""Characters that take no space before them (normalisation removes it)."""

OPENERS = frozenset("([{“")
"""Characters that take no space after them (normalisation removes it)."""

JOINERS = frozenset("'\u2019-/")
"""Characters that by default take no space on either side (normalisation keeps one)."""

SPELL = "<SPELL>"
END_SPELL = "<END SPELL>"
FIGURES = "<FIGURES>"
END_FIGURES = "<END FIGURES>"
CHAR = "<CHAR>"
SPACE = "<SPACE>"
JOIN = "<JOIN>"

CONTROL_GROUPS: tuple[str, ...] = (SPELL, END_SPELL, FIGURES, END_FIGURES, CHAR, SPACE, JOIN)
"""The control groups every book carries, by their fixed plaintext names."""

PUNCTUATION: dict[str, str] = {
    ".": "<STOP>",
    ",": "<COMMA>",
    ":": "<COLON>",
    ";": "<SEMICOLON>",
    "?": "<QUESTION>",
    "!": "<EXCLAMATION>",
    '"': "<QUOTE>",
    "“": "<OPEN QUOTE>",
    "”": "<CLOSE QUOTE>",
    "'": "<APOSTROPHE>",
    "\u2018": "<OPEN SINGLE QUOTE>",
    "\u2019": "<CLOSE SINGLE QUOTE>",
    "-": "<HYPHEN>",
    "\u2013": "<EN DASH>",
    "—": "<DASH>",
    "(": "<OPEN PAREN>",
    ")": "<CLOSE PAREN>",
    "[": "<OPEN BRACKET>",
    "]": "<CLOSE BRACKET>",
    "/": "<SLASH>",
    "%": "<PERCENT>",
    "№": "<NUMERO>",
}
"""Punctuation groups: character -> plaintext name in the book."""

SPELL_UNITS: tuple[str, ...] = (
    *"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "CH", "EV", "KH", "OV", "SH", "SHCH", "SKY", "TH", "TS", "YA", "YE", "YO", "YU", "ZH",
)  # fmt: skip
"""The spell table: the letters A-Z and some frequent clusters of transliterated Russian
(and English TH), used between ``<SPELL>`` and ``<END SPELL>``, longest first."""

RESERVED: frozenset[str] = frozenset(
    (*CONTROL_GROUPS, *PUNCTUATION.values(), *(f"<{unit}>" for unit in SPELL_UNITS))
)
"""Every plaintext name a book must carry besides its vocabulary."""

_MAX_UNIT = max(len(unit) for unit in SPELL_UNITS)
_UNITS = frozenset(SPELL_UNITS)
MAX_CODE_POINT = 0x10FFFF

LETTERS, DIGITS, SPACE_TOKEN, OTHER = 0, 1, 2, 3
_ASCII_KIND = {
    chr(c): (
        LETTERS
        if chr(c).isalpha()
        else DIGITS
        if chr(c).isdigit()
        else SPACE_TOKEN
        if chr(c).isspace()
        else OTHER
    )
    for c in range(128)
}


#: Where a pass joins two words: a space before a closing mark, or after an opening one.
_JOINS = re.compile(
    f" [{re.escape(''.join(sorted(CLOSERS)))}]|[{re.escape(''.join(sorted(OPENERS)))}] "
)


def _pass(text: str) -> str:
    upper = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())
    spaced = " ".join(upper.split())
    if _JOINS.search(spaced) is None:  # nothing to join (most texts): no loop over words
        return spaced
    chars = spaced.split(" ")
    out = [chars[0]]
    for word in chars[1:]:
        if word[0] in CLOSERS or out[-1][-1] in OPENERS:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def normalise(text: str) -> str:
    """Return ``text`` in the one form a codebook carries exactly.

    The rule: Unicode NFC, :meth:`str.upper`, NFC again; every run of white space becomes
    one space, and outer space goes; the space before a closing mark (:data:`CLOSERS`) and
    after an opening one (:data:`OPENERS`) goes; all of it again until nothing changes.

    >>> normalise("  Zhou  Enlai ,\\n “we agree” ( soon ) ")
    'ZHOU ENLAI, “WE AGREE” (SOON)'
    >>> normalise("Straße")
    'STRASSE'
    """
    current = text
    for _ in range(8):
        following = _pass(current)
        if following == current:
            break
        current = following
    return current


def kind_of(char: str) -> int:
    """Return the token kind of one character: LETTERS, DIGITS, SPACE_TOKEN or OTHER."""
    kind = _ASCII_KIND.get(char)
    if kind is not None:
        return kind
    if char.isspace():
        return SPACE_TOKEN
    return LETTERS if unicodedata.category(char)[0] in "LM" else OTHER


def tokenise(text: str) -> tuple[list[str], list[int]]:
    """Split a normalised text into tokens; return ``(tokens, kinds)`` of equal length.

    Letter runs and ASCII digit runs are one token each; every other character
    (a space included) is a token of its own.

    >>> tokenise("PEOPLE'S 1950")
    (['PEOPLE', "'", 'S', ' ', '1950'], [0, 3, 0, 2, 1])
    """
    tokens: list[str] = []
    kinds: list[int] = []
    for kind, run in itertools.groupby(text, kind_of):
        if kind in (LETTERS, DIGITS):
            tokens.append("".join(run))
            kinds.append(kind)
        else:
            for char in run:
                tokens.append(char)
                kinds.append(kind)
    return tokens, kinds


def default_space(left: str, right: str) -> bool:
    """Say whether two consecutive pieces ``left`` and ``right`` are apart by default."""
    return not (tight_after(left) or tight_before(right))


def tight_before(piece: str) -> bool:
    """Whether *piece* takes no space before it by default (it opens with a closer or a
    joiner), whatever comes before it."""
    return piece[0] in CLOSERS or piece[0] in JOINERS


def tight_after(piece: str) -> bool:
    """Whether *piece* takes no space after it by default (it ends with an opener or a
    joiner), whatever comes after it."""
    return piece[-1] in OPENERS or piece[-1] in JOINERS


def spell_units(word: str) -> list[str]:
    """Cut a letter run into spell-table units (greedy, longest first) and lone characters.

    A returned item in :data:`SPELL_UNITS` is sent as its spell group; any other item is
    a single character, sent by code point (``<CHAR>``).

    >>> spell_units("SHTYKOV")
    ['SH', 'T', 'Y', 'K', 'OV']
    >>> spell_units("JOSÉ")
    ['J', 'O', 'S', 'É']
    """
    units: list[str] = []
    start = 0
    while start < len(word):
        for size in range(min(_MAX_UNIT, len(word) - start), 0, -1):
            piece = word[start : start + size]
            if piece in _UNITS:
                break
        else:
            piece = word[start]
        units.append(piece)
        start += len(piece)
    return units


def pack_figures(digits: str) -> list[int]:
    """Pack a run of ASCII digits into figure groups (the values sent after ``<FIGURES>``).

    Each group is ``T D D D``: the digits go three to a group; ``T = 0`` means "three
    digits, more groups follow"; ``T = 1, 2 or 3`` marks the last group and says how many
    of its three places are digits, the rest being filler zeros.

    >>> [f"{g:04d}" for g in pack_figures("1950")]
    ['0195', '1000']
    >>> [f"{g:04d}" for g in pack_figures("25")]
    ['2250']
    """
    if not digits or not digits.isascii() or not digits.isdigit():
        raise CodebookError(f"not a run of ASCII digits: {digits!r}")
    chunks = [digits[k : k + 3] for k in range(0, len(digits), 3)]
    groups = [int(chunk) for chunk in chunks[:-1]]
    last = chunks[-1]
    groups.append(len(last) * 1000 + int(last.ljust(3, "0")))
    return groups


def unpack_figures(group: int) -> tuple[str, bool] | None:
    """Read one figure group: ``(digits, is_last)``, or None if it is malformed.

    >>> unpack_figures(195), unpack_figures(1000), unpack_figures(2250), unpack_figures(2251)
    (('195', False), ('0', True), ('25', True), None)
    """
    count, body = divmod(group, 1000)
    text = f"{body:03d}"
    if count == 0:
        return text, False
    if count <= 3 and text[count:] == "0" * (3 - count):
        return text[:count], True
    return None


def pack_code_point(char: str) -> tuple[int, int]:
    """Return the two groups after ``<CHAR>``: the code point as eight decimal figures.

    >>> pack_code_point("É")
    (0, 201)
    """
    return divmod(ord(char), 10_000)


def unpack_code_point(high: int, low: int) -> str | None:
    """Read the two groups after ``<CHAR>``; None if they name no Unicode code point."""
    value = high * 10_000 + low
    return chr(value) if value <= MAX_CODE_POINT else None


def is_reserved_form(text: str) -> bool:
    """Say whether ``text`` has the ``<...>`` form kept for control-group names."""
    return len(text) >= 2 and text[0] == "<" and text[-1] == ">"


def check_plaintext(text: str, *, line: int | None = None) -> None:
    """Raise :class:`CodebookError` (at ``line`` of a book file) unless ``text`` can be an
    entry's plaintext: normalised, not empty, and no ``<...>`` name but a reserved one."""
    if not text or normalise(text) != text:
        raise CodebookError(
            f"plaintext {text!r} is not normalised (expected {normalise(text)!r})", line=line
        )
    if is_reserved_form(text) and text not in RESERVED:
        raise CodebookError(f"unknown control group {text!r}", line=line)


__all__ = [
    "CHAR",
    "CLOSERS",
    "CONTROL_GROUPS",
    "DIGITS",
    "END_FIGURES",
    "END_SPELL",
    "FIGURES",
    "JOIN",
    "JOINERS",
    "LETTERS",
    "MAX_CODE_POINT",
    "OPENERS",
    "OTHER",
    "PUNCTUATION",
    "RESERVED",
    "SPACE",
    "SPACE_TOKEN",
    "SPELL",
    "SPELL_UNITS",
    "check_plaintext",
    "default_space",
    "is_reserved_form",
    "kind_of",
    "normalise",
    "pack_code_point",
    "pack_figures",
    "spell_units",
    "tight_after",
    "tight_before",
    "tokenise",
    "unpack_code_point",
    "unpack_figures",
]
