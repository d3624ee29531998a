"""The agents' straddling checkerboard: text to digits, about 1.5 digits a letter.

A straddling checkerboard gives the most frequent letters one digit and the others two.
The default board, :meth:`Checkerboard.ct37c`, is a CT-37c-style board (DOMAIN.md §4);
**the exact CT-37c layout is not confirmed, so the assignment below is our model**::

          0     1     2     3     4     5     6     7     8     9
          CODE  A     E     I     N     O     T
    7     B     C     D     F     G     H     J     K     L     M
    8     P     Q     R     S     U     V     W     X     Y     Z
    9     FIG   .     ,     :     ?     '     -     /     REQ   SPACE

A E I N O T (about half of English letters) take the cells 1-6; 7, 8 and 9 begin the
two-figure cells, so no one-figure cell is ever the start of a two-figure one and the
digits read back without separators.  The rules of our model:

* **Text** is read case-insensitively (:meth:`str.upper`); every run of white space
  becomes one space, leading and trailing space goes (:meth:`Checkerboard.normalise`).
  A character the board cannot carry (``é``, ``(``, ``ß``) raises
  :class:`~cipherwire.errors.CheckerboardError` quoting it and its position: nothing is
  ever dropped or transliterated.
* **Figures**: a run of ASCII digits is sent as FIG (90), each digit written three times,
  and FIG again: ``1950`` is ``90 111 999 555 000 90``.  A triple is always three equal
  digits and FIG is two different ones, so the reading is never in doubt.
* **CODE** (0) is followed by a three-figure group of the agent's phrase code, which is
  not part of the board; in text it is written ``<CODE 042>``.  **REQ** (98), the REQUEST
  mark, is written ``<REQ>``.
* **Filler**: :meth:`Checkerboard.encode` completes the last five-figure group with the
  SPACE cell's digits repeated (``9``, ``99``, ``999`` or ``9999``).  A normalised text
  never ends with a space, so :meth:`Checkerboard.decode` drops trailing spaces and a
  lone last ``9``.

>>> board = Checkerboard.ct37c()
>>> digits_to_text(board.encode("Attack at 0500"))
'166171779916999000055500000090'
>>> board.decode(board.encode("Attack at 0500"))
'ATTACK AT 0500'

The one-time-pad step and the five-figure group text are in
:mod:`cipherwire.checkerboard.pad`.
"""

from __future__ import annotations

import enum
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Self

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import digits_from_text, digits_to_text
from cipherwire.core.sizes import GROUP
from cipherwire.errors import CheckerboardError


class Mark(enum.Enum):
    """The cells that stand for something other than a character of the text."""

    CODE = "CODE"  #: followed by a three-figure code group, written ``<CODE nnn>``
    FIGURES = "FIG"  #: opens and closes figure mode
    REQUEST = "REQ"  #: the REQUEST mark, written ``<REQ>``
    SPACE = "SPACE"  #: a space between words; also the filler


Symbol = str | Mark
"""What a cell carries: one character (a letter or a punctuation mark) or a :class:`Mark`."""

#: The first line of a checkerboard file.
HEADER = "# cipherwire-checkerboard 1"
#: The six letters that take one-figure cells on the CT-37c-style board.
FREQUENT = "AEINOT"
#: Punctuation on the CT-37c-style board, cells 91-97 (our model).
CT37C_PUNCTUATION = ".,:?'-/"

_FIG_MARK, _REQ_MARK, _CODE_BASE = "\ue000", "\ue001", 0xE100  # stand-ins while encoding
_DIGIT_RUN = re.compile(r"[0-9]+")
_CODE_TOKEN = re.compile(r"<CODE ([0-9]{3})>")
_CELL = re.compile(r"[0-9]{1,2}")
_LINE = re.compile(r"([0-9]{1,2}) +(\S+)")
_TRIPLES = "|".join(str(d) * 3 for d in range(10))


class _Unreadable(Exception):
    """Raised inside decoding at the first token that is not a cell; never escapes."""


class _Reader(dict[str, str]):
    """Cell digits to text; figure runs and code groups are read on demand."""

    def __init__(self, cells: dict[str, str], *, fig: str, code: str | None) -> None:
        super().__init__(cells)
        self.fig, self.code = fig, code

    def __missing__(self, token: str) -> str:
        fig, code = self.fig, self.code
        if len(token) > 2 * len(fig) and token.startswith(fig):
            return token[len(fig) : -len(fig) : 3]  # the token matched FIG (ddd)+ FIG
        if code is not None and len(token) == len(code) + 3 and token.startswith(code):
            return f"<CODE {token[len(code) :]}>"
        raise _Unreadable


def _symbol_name(symbol: Symbol) -> str:
    return symbol.value if isinstance(symbol, Mark) else symbol


def _text_of(symbol: Symbol) -> str:
    """What a cell's symbol is in decoded text (not for CODE and FIG, read with digits)."""
    if symbol is Mark.SPACE:
        return " "
    return f"<{symbol.value}>" if isinstance(symbol, Mark) else symbol


def _check_symbol(symbol: object, cell: str) -> None:
    if isinstance(symbol, Mark):
        return
    if not isinstance(symbol, str) or len(symbol) != 1:
        raise CheckerboardError(
            f"cell {cell!r} carries {symbol!r}: a cell carries one character or a Mark "
            "(CODE, FIG, REQ, SPACE)"
        )
    if (
        not symbol.isprintable()
        or symbol.isspace()
        or symbol in string.digits
        or symbol in "<>"
        or symbol != symbol.upper()
    ):
        raise CheckerboardError(
            f"cell {cell!r} carries {symbol!r}: not a digit, white space, '<', '>' or a "
            "lower-case letter (text is upper-cased; space is the SPACE mark)"
        )


@dataclass(frozen=True)
class Checkerboard:
    """A straddling checkerboard: which one- or two-figure cell carries which symbol.

    ``cells`` is a tuple of ``(digits, symbol)`` pairs, kept sorted by digits.  Build one
    with :meth:`ct37c`, :meth:`keyed`, :meth:`from_cells` or :meth:`from_text`; building
    checks that every cell is one or two figures and every symbol is on the board once,
    that no one-figure cell begins a two-figure cell, that the 26 letters, FIG and SPACE
    are there, and that FIG is two different figures.  CODE, REQ and punctuation are
    optional.  Raises :class:`~cipherwire.errors.CheckerboardError` naming the cell.
    """

    cells: tuple[tuple[str, Symbol], ...]

    def __post_init__(self) -> None:
        if not isinstance(self.cells, tuple):
            raise CheckerboardError(f"cells must be a tuple of pairs, not {self.cells!r}")
        by_digits: dict[str, Symbol] = {}
        by_symbol: dict[Symbol, str] = {}
        for item in self.cells:
            if not isinstance(item, tuple) or len(item) != 2:
                raise CheckerboardError(f"a cell is a pair (digits, symbol), not {item!r}")
            cell, symbol = item
            if not isinstance(cell, str) or not _CELL.fullmatch(cell):
                raise CheckerboardError(f"a cell is one or two figures, not {cell!r}")
            _check_symbol(symbol, cell)
            if cell in by_digits:
                raise CheckerboardError(f"cell {cell!r} is on the board twice")
            if symbol in by_symbol:
                raise CheckerboardError(
                    f"{_symbol_name(symbol)!r} is on the board twice, in cells "
                    f"{by_symbol[symbol]!r} and {cell!r}"
                )
            by_digits[cell], by_symbol[symbol] = symbol, cell
        for cell, symbol in by_digits.items():
            if len(cell) == 2 and cell[0] in by_digits:
                raise CheckerboardError(
                    f"cell {cell[0]!r} ({_symbol_name(by_digits[cell[0]])}) begins cell "
                    f"{cell!r} ({_symbol_name(symbol)}): a one-figure cell cannot begin a "
                    "two-figure cell, or the digits could not be read back"
                )
        needed: list[Symbol] = [*string.ascii_uppercase, Mark.FIGURES, Mark.SPACE]
        missing = [s for s in needed if s not in by_symbol]
        if missing:
            names = ", ".join(_symbol_name(s) for s in missing)
            raise CheckerboardError(f"the board has no cell for {names}")
        fig = by_symbol[Mark.FIGURES]
        if len(fig) != 2 or fig[0] == fig[1]:
            raise CheckerboardError(
                f"FIG is in cell {fig!r}: it needs two different figures, so that no figure "
                "written three times begins with it"
            )
        object.__setattr__(self, "cells", tuple(sorted(by_digits.items())))

    # -- named constructors ---------------------------------------------------------------

    @classmethod
    def from_cells(cls, cells: Mapping[str, Symbol]) -> Self:
        """A board from a mapping of cell digits to symbols, e.g. ``{"1": "A", ...}``."""
        return cls(tuple(cells.items()))

    @classmethod
    def ct37c(cls) -> Self:
        """The CT-37c-style board (our model; the real layout is not confirmed).

        0 CODE; 1-6 A E I N O T; 70-89 the other twenty letters in alphabetical order;
        90 FIG; 91-97 ``. , : ? ' - /``; 98 REQ; 99 SPACE.
        """
        return cls.keyed("")

    @classmethod
    def keyed(cls, keyword: str) -> Self:
        """The CT-37c-style board with its letters mixed by *keyword*, as agents' boards were.

        The keyword's letters (case-insensitive, repeats dropped), then the rest of the
        alphabet, give the mixed order; A E I N O T fill cells 1-6 and the other letters
        cells 70-89, each in that order.  The other cells are as on :meth:`ct37c`.  The
        empty keyword gives :meth:`ct37c` itself.

        >>> Checkerboard.keyed("moscow").to_grid().splitlines()[1]
        '      CODE  O     A     E     I     N     T'
        """
        if not isinstance(keyword, str):
            raise TypeError(f"keyword must be a str, not {type(keyword).__name__}")
        upper = keyword.upper()
        for at, char in enumerate(upper):
            if char not in string.ascii_uppercase:
                raise CheckerboardError(f"a keyword is letters A-Z only, not {char!r}", position=at)
        mixed = list(dict.fromkeys(upper + string.ascii_uppercase))
        cells: dict[str, Symbol] = {"0": Mark.CODE}
        cells.update({str(1 + i): c for i, c in enumerate(x for x in mixed if x in FREQUENT)})
        cells.update({str(70 + i): c for i, c in enumerate(x for x in mixed if x not in FREQUENT)})
        cells["90"] = Mark.FIGURES
        cells.update({str(91 + i): c for i, c in enumerate(CT37C_PUNCTUATION)})
        cells["98"], cells["99"] = Mark.REQUEST, Mark.SPACE
        return cls.from_cells(cells)

    # -- the text form --------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str) -> Self:
        """Read a board file: the line ``# cipherwire-checkerboard 1``, then a cell a line.

        A cell line is the cell's figures, a space and its symbol: one character, or
        ``CODE``, ``FIG``, ``REQ`` or ``SPACE`` (``70 B``, ``91 .``, ``99 SPACE``).  Blank
        lines and lines starting with ``#`` are ignored.  Raises
        :class:`~cipherwire.errors.CheckerboardError` naming the line.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        lines = text.splitlines()
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != HEADER:
            shown = "nothing" if first is None else repr(lines[first])
            raise CheckerboardError(f"a checkerboard file begins with {HEADER!r}, not {shown}")
        cells: list[tuple[str, Symbol]] = []
        names = {mark.value: mark for mark in Mark}
        for number, line in enumerate(lines[first + 1 :], start=first + 2):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            match = _LINE.fullmatch(stripped)
            if match is None:
                raise CheckerboardError(
                    f"line {number}: expected a cell and its symbol, like '70 B', not {line!r}"
                )
            cell, name = match.groups()
            if len(name) != 1 and name not in names:
                raise CheckerboardError(
                    f"line {number}: {name!r} is neither one character nor CODE, FIG, REQ or SPACE"
                )
            cells.append((cell, names.get(name, name)))
        return cls(tuple(cells))

    def to_text(self) -> str:
        """The board file that :meth:`from_text` reads back, a cell a line, with a newline."""
        lines = [HEADER, *(f"{cell} {_symbol_name(symbol)}" for cell, symbol in self.cells)]
        return "\n".join(lines) + "\n"

    def to_grid(self) -> str:
        """The board as printed for an agent: a row of one-figure cells, then a row per
        first figure of the two-figure cells (no trailing newline).

        >>> print(Checkerboard.ct37c().to_grid())
              0     1     2     3     4     5     6     7     8     9
              CODE  A     E     I     N     O     T
        7     B     C     D     F     G     H     J     K     L     M
        8     P     Q     R     S     U     V     W     X     Y     Z
        9     FIG   .     ,     :     ?     '     -     /     REQ   SPACE
        """
        table = {cell: _symbol_name(symbol) for cell, symbol in self.cells}
        rows = sorted({cell[0] for cell in table if len(cell) == 2})
        lines = [["", *string.digits], ["", *(table.get(d, "") for d in string.digits)]]
        lines += [[row, *(table.get(row + d, "") for d in string.digits)] for row in rows]
        return "\n".join("".join(f"{word:<6}" for word in line).rstrip() for line in lines)

    def __repr__(self) -> str:
        if self == Checkerboard.ct37c():
            return "Checkerboard.ct37c()"
        return f"Checkerboard.from_text({self.to_text()!r})"

    # -- encoding and decoding -------------------------------------------------------------

    def normalise(self, text: str) -> str:
        """*text* as the board carries it: upper case, white space runs as one space,
        no leading or trailing space; ``decode(encode(text)) == normalise(text)``.

        Raises :class:`~cipherwire.errors.CheckerboardError` quoting the first character
        the board cannot carry and its (0-based) position in *text*.

        >>> Checkerboard.ct37c().normalise("  meet\\tat <req>, 7 sharp ")
        'MEET AT <REQ>, 7 SHARP'
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        upper = text.upper()
        ok = self._tables.carried.match(upper)
        end = ok.end() if ok else 0
        if len(upper) != len(text) or upper.lower() != text.lower():
            # a character that upper-cases to several, or to another letter's capital
            # (dotless i to I, long s to S), is refused, never transliterated
            odd = (
                i
                for i, c in enumerate(text)
                if len(c.upper()) != 1 or c.upper().lower() != c.lower()
            )
            end = min(end, next(odd, end))
        if end < len(text):
            raise self._not_carried(text, end)
        return " ".join(upper.split())

    def encode(self, text: str, *, fill: bool = True) -> NDArray[np.uint8]:
        """The digits of *text* (``uint8``, shape ``(n,)``), by the rules of the module.

        With *fill* (the default) the last five-figure group is completed with filler,
        so ``n`` is a multiple of 5; without it the digits stop with the last symbol.
        Raises :class:`~cipherwire.errors.CheckerboardError` as :meth:`normalise` does.
        """
        plain = self.normalise(text)
        tables = self._tables
        if "<" in plain:
            plain = plain.replace("<REQ>", _REQ_MARK)
            plain = _CODE_TOKEN.sub(lambda m: chr(_CODE_BASE + int(m.group(1))), plain)
        plain = _DIGIT_RUN.sub(f"{_FIG_MARK}\\g<0>{_FIG_MARK}", plain)
        figures = plain.translate(tables.translation)
        if fill:
            figures += (tables.space * GROUP)[: -len(figures) % GROUP]
        return digits_from_text(figures)

    def decode(self, digits: NDArray[np.uint8]) -> str:
        """The text that *digits* (``uint8``, any shape, read in C order) carry.

        Trailing spaces and a lone last figure of the SPACE cell are filler and dropped.
        Raises :class:`~cipherwire.errors.CheckerboardError` with the (0-based) position
        of the first digit that does not read: a cell not on the board, a figure not
        written three times, figure mode never closed, a code group or a cell cut off at
        the end; :class:`~cipherwire.errors.ArrayValueError` for a value above 9.

        >>> board = Checkerboard.ct37c()
        >>> board.decode(digits_from_text("16617177"))
        'ATTACK'
        >>> board.decode(digits_from_text("9011290"))
        Traceback (most recent call last):
        ...
        cipherwire.errors.CheckerboardError: position 2: '112' is not a figure written...
        """
        figures = digits_to_text(digits)
        tables = self._tables
        tokens = tables.tokens.findall(figures)
        space = tables.space
        if tokens and len(space) == 2 and tokens[-1] == space[0]:
            tokens.pop()  # a lone first figure of SPACE at the very end: filler
        try:
            text = "".join(map(tables.reader.__getitem__, tokens))
        except _Unreadable:
            raise self._unreadable(figures, tokens) from None
        return text.rstrip(" ")

    # -- helpers ----------------------------------------------------------------------------

    @cached_property
    def _tables(self) -> _Tables:
        return _Tables.of(self)

    def _not_carried(self, text: str, at: int) -> CheckerboardError:
        char = text[at]
        hint = ""
        if char in "<>":
            marks = [f"<{m.value}>" for m in (Mark.REQUEST,) if m in self._tables.cell_of]
            marks += ["<CODE nnn>"] if Mark.CODE in self._tables.cell_of else []
            hint = f" (this board's marks are written {' and '.join(marks)})" if marks else ""
        elif char.isalpha():
            hint = " (the board has the letters A-Z only)"
        return CheckerboardError(f"{char!r} is not on the board{hint}", position=at)

    def _unreadable(self, figures: str, tokens: list[str]) -> CheckerboardError:
        tables = self._tables
        at = 0
        for token in tokens:
            try:
                tables.reader[token]
            except _Unreadable:
                break
            at += len(token)
        fig, code = tables.fig, tables.cell_of.get(Mark.CODE)
        if figures.startswith(fig, at):
            start = at + len(fig)
            run = re.compile(f"(?:{_TRIPLES})*").match(figures, start)
            stop = run.end() if run else start
            if stop == start and figures.startswith(fig, stop):
                return CheckerboardError("figure mode closed with no figure in it", position=at)
            if stop >= len(figures):
                return CheckerboardError(
                    f"figure mode opened with FIG {fig!r} is never closed", position=at
                )
            return CheckerboardError(
                f"{figures[stop : stop + 3]!r} is not a figure written three times, nor FIG "
                f"{fig!r} closing figure mode",
                position=stop,
            )
        if code is not None and figures.startswith(code, at):
            return CheckerboardError(
                f"CODE {code!r} needs a three-figure code group after it; the digits end "
                f"with {figures[at:]!r}",
                position=at,
            )
        if figures[at] in tables.rows:
            if at + 1 == len(figures):
                return CheckerboardError(
                    f"{figures[at]!r} at the end begins a two-figure cell that is cut off",
                    position=at,
                )
            return CheckerboardError(
                f"cell {figures[at : at + 2]!r} is not on the board", position=at
            )
        return CheckerboardError(f"{figures[at]!r} is not a cell of the board", position=at)


@dataclass(frozen=True)
class _Tables:
    """A board's lookup tables and patterns, built once per board."""

    cell_of: dict[Symbol, str]
    fig: str
    space: str
    rows: frozenset[str]
    carried: re.Pattern[str]  # matches the longest carried prefix of upper-cased text
    translation: dict[int, str]  # for str.translate: a character to its cell's figures
    tokens: re.Pattern[str]  # splits figures into cells, figure runs, code groups, misfits
    reader: _Reader

    @classmethod
    def of(cls, board: Checkerboard) -> _Tables:
        cell_of = {symbol: cell for cell, symbol in board.cells}
        fig, space, code = cell_of[Mark.FIGURES], cell_of[Mark.SPACE], cell_of.get(Mark.CODE)
        chars = "".join(s for s in cell_of if isinstance(s, str))
        marks = (["<REQ>"] if Mark.REQUEST in cell_of else []) + (
            [r"<CODE\s+[0-9]{3}>"] if code is not None else []
        )
        carried = re.compile("(?:" + "|".join([*marks, f"[{re.escape(chars)}0-9]", r"\s"]) + ")*")
        translation = {ord(s): cell for s, cell in cell_of.items() if isinstance(s, str)}
        translation[ord(" ")] = space
        translation.update({ord(d): d * 3 for d in string.digits})
        translation[ord(_FIG_MARK)] = fig
        if Mark.REQUEST in cell_of:
            translation[ord(_REQ_MARK)] = cell_of[Mark.REQUEST]
        if code is not None:
            translation.update({_CODE_BASE + n: f"{code}{n:03d}" for n in range(1000)})
        singles = "".join(c for c in cell_of.values() if len(c) == 1 and c != code)
        rows = frozenset(c[0] for c in cell_of.values() if len(c) == 2)
        alternatives = [f"{fig}(?:{_TRIPLES})+{fig}"]
        alternatives += [f"{code}[0-9]{{3}}"] if code is not None else []
        alternatives += [f"[{singles}]"] if singles else []
        alternatives += [f"[{''.join(sorted(rows))}][0-9]", "."]
        reader = _Reader(
            {
                cell: _text_of(symbol)
                for symbol, cell in cell_of.items()
                if symbol not in (Mark.CODE, Mark.FIGURES)
            },
            fig=fig,
            code=code,
        )
        return cls(
            cell_of=cell_of,
            fig=fig,
            space=space,
            rows=rows,
            carried=carried,
            translation=translation,
            tokens=re.compile("|".join(alternatives), re.DOTALL),
            reader=reader,
        )


__all__ = ["CT37C_PUNCTUATION", "FREQUENT", "HEADER", "Checkerboard", "Mark", "Symbol"]
