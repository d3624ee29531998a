"""The agents' straddling checkerboard: text to digits, about 1.5 digits a letter.

A :class:`Checkerboard` gives the most frequent letters one-figure cells and the others
two-figure cells, no one-figure cell beginning a two-figure one, so its digits read back
without separators; :meth:`Checkerboard.encode` and :meth:`Checkerboard.decode` go between
text and ``uint8`` digits, figures written three times between FIG cells.  The default
board, :meth:`Checkerboard.ct37c`, is a CT-37c-style board (DOMAIN.md §4) whose exact
layout is not confirmed, so its order is our model; what a cell carries is
:mod:`cipherwire.checkerboard.cells`, the pad step :mod:`cipherwire.checkerboard.pad`.
docs/explanation/checkerboard.md explains the board and the rules of the text.

>>> board = Checkerboard.ct37c()
>>> digits_to_text(board.encode("Attack at 0500"))
'166171779916999000055500000090'
>>> board.decode(board.encode("Attack at 0500"))
'ATTACK AT 0500'
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Self

import numpy as np
from numpy.typing import NDArray

from cipherwire.checkerboard.cells import Mark, Symbol, check_symbol, symbol_name
from cipherwire.checkerboard.tables import Tables
from cipherwire.core import digits_from_text, digits_to_text
from cipherwire.core.sizes import GROUP
from cipherwire.errors import CheckerboardError

#: The first line of a checkerboard file.
HEADER = "# cipherwire-checkerboard 1"
#: The six letters that take one-figure cells on the CT-37c-style board.
FREQUENT = "AEINOT"
#: Punctuation on the CT-37c-style board, cells 91-97 (our model).
CT37C_PUNCTUATION = ".,:?'-/"

_CELL = re.compile(r"[0-9]{1,2}")
_LINE = re.compile(r"([0-9]{1,2}) +(\S+)")


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
            check_symbol(symbol, cell)
            if cell in by_digits:
                raise CheckerboardError(f"cell {cell!r} is on the board twice")
            if symbol in by_symbol:
                raise CheckerboardError(
                    f"{symbol_name(symbol)!r} is on the board twice, in cells "
                    f"{by_symbol[symbol]!r} and {cell!r}"
                )
            by_digits[cell], by_symbol[symbol] = symbol, cell
        for cell, symbol in by_digits.items():
            if len(cell) == 2 and cell[0] in by_digits:
                raise CheckerboardError(
                    f"cell {cell[0]!r} ({symbol_name(by_digits[cell[0]])}) begins cell "
                    f"{cell!r} ({symbol_name(symbol)}): a one-figure cell cannot begin a "
                    "two-figure cell, or the digits could not be read back"
                )
        needed: list[Symbol] = [*string.ascii_uppercase, Mark.FIGURES, Mark.SPACE]
        missing = [s for s in needed if s not in by_symbol]
        if missing:
            names = ", ".join(symbol_name(s) for s in missing)
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
        lines = [HEADER, *(f"{cell} {symbol_name(symbol)}" for cell, symbol in self.cells)]
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
        table = {cell: symbol_name(symbol) for cell, symbol in self.cells}
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
            raise self._tables.not_carried(text, end)
        return " ".join(upper.split())

    def encode(self, text: str, *, fill: bool = True) -> NDArray[np.uint8]:
        """The digits of *text* (``uint8``, shape ``(n,)``): each character's cell, and
        each run of figures between FIG cells, every figure written three times.

        With *fill* (the default) the last five-figure group is completed with filler,
        so ``n`` is a multiple of 5; without it the digits stop with the last symbol.
        Raises :class:`~cipherwire.errors.CheckerboardError` as :meth:`normalise` does.
        """
        tables = self._tables
        figures = tables.to_figures(self.normalise(text))
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
        return self._tables.read(digits_to_text(digits))

    @cached_property
    def _tables(self) -> Tables:
        return Tables.of(self.cells)


__all__ = ["CT37C_PUNCTUATION", "FREQUENT", "HEADER", "Checkerboard"]
