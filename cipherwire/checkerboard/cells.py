"""What a cell of a straddling checkerboard carries: a character of the text, or a mark.

A :data:`Symbol` is one printable character (upper case, never a digit, white space, ``<``
or ``>``) or one of the marks CODE, FIG, REQ and SPACE; :func:`check_symbol` refuses
anything else, and :func:`symbol_name` and :func:`text_of` give a symbol's name in a board
file and its text in a decoded message.  The board itself is
:class:`~cipherwire.checkerboard.board.Checkerboard`.
"""

from __future__ import annotations

import enum
import string

from cipherwire.errors import CheckerboardError


class Mark(enum.Enum):
    """The cells that stand for something other than a character of the text."""

    CODE = "CODE"  #: followed by a three-figure code group, written ``<CODE nnn>``
    FIGURES = "FIG"  #: opens and closes figure mode
    REQUEST = "REQ"  #: the REQUEST mark, written ``<REQ>``
    SPACE = "SPACE"  #: a space between words; also the filler


Symbol = str | Mark
"""What a cell carries: one character (a letter or a punctuation mark) or a :class:`Mark`."""


def symbol_name(symbol: Symbol) -> str:
    """The symbol as a board file writes it: the character, or the mark's name.

    >>> symbol_name("A"), symbol_name(Mark.FIGURES)
    ('A', 'FIG')
    """
    return symbol.value if isinstance(symbol, Mark) else symbol


def text_of(symbol: Symbol) -> str:
    """What a cell's symbol is in decoded text (not for CODE and FIG, read with digits)."""
    if symbol is Mark.SPACE:
        return " "
    return f"<{symbol.value}>" if isinstance(symbol, Mark) else symbol


def check_symbol(symbol: object, cell: str) -> None:
    """Raise :class:`~cipherwire.errors.CheckerboardError`, naming *cell*, unless *symbol*
    is a :class:`Mark` or a character a cell may carry."""
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


__all__ = ["Mark", "Symbol", "check_symbol", "symbol_name", "text_of"]
