"""A board's lookup tables: its text to figures and back, and where digits fail to read.

:class:`Tables` is built once per board from its cells
(:class:`~cipherwire.checkerboard.board.Checkerboard` keeps it): :meth:`Tables.to_figures`
writes a normalised text as the board's figures (figure runs between FIG, each digit three
times; ``<CODE nnn>`` and ``<REQ>`` as their cells), :meth:`Tables.read` reads figures back,
and the errors they raise name the position of the first character or digit that does not
fit.  docs/explanation/checkerboard.md explains the rules.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from cipherwire.checkerboard.cells import Mark, Symbol, text_of
from cipherwire.errors import CheckerboardError

_FIG_MARK, _REQ_MARK, _CODE_BASE = "\ue000", "\ue001", 0xE100  # stand-ins while encoding
_DIGIT_RUN = re.compile(r"[0-9]+")
_CODE_TOKEN = re.compile(r"<CODE ([0-9]{3})>")
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


@dataclass(frozen=True)
class Tables:
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
    def of(cls, cells: Sequence[tuple[str, Symbol]]) -> Tables:
        """The tables of a board's ``(digits, symbol)`` cells (a board checked already)."""
        cell_of = {symbol: cell for cell, symbol in cells}
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
                cell: text_of(symbol)
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

    def to_figures(self, plain: str) -> str:
        """The figures of a normalised text *plain*, without filler."""
        if "<" in plain:
            plain = plain.replace("<REQ>", _REQ_MARK)
            plain = _CODE_TOKEN.sub(lambda m: chr(_CODE_BASE + int(m.group(1))), plain)
        plain = _DIGIT_RUN.sub(f"{_FIG_MARK}\\g<0>{_FIG_MARK}", plain)
        return plain.translate(self.translation)

    def read(self, figures: str) -> str:
        """The text *figures* carry, trailing spaces and a lone last figure of the SPACE
        cell (filler) dropped; raises :class:`~cipherwire.errors.CheckerboardError` at the
        first digit that does not read."""
        tokens = self.tokens.findall(figures)
        space = self.space
        if tokens and len(space) == 2 and tokens[-1] == space[0]:
            tokens.pop()  # a lone first figure of SPACE at the very end: filler
        try:
            text = "".join(map(self.reader.__getitem__, tokens))
        except _Unreadable:
            raise self._unreadable(figures, tokens) from None
        return text.rstrip(" ")

    def not_carried(self, text: str, at: int) -> CheckerboardError:
        """The error for the character at position *at* of *text*, which the board lacks."""
        char = text[at]
        hint = ""
        if char in "<>":
            marks = [f"<{m.value}>" for m in (Mark.REQUEST,) if m in self.cell_of]
            marks += ["<CODE nnn>"] if Mark.CODE in self.cell_of else []
            hint = f" (this board's marks are written {' and '.join(marks)})" if marks else ""
        elif char.isalpha():
            hint = " (the board has the letters A-Z only)"
        return CheckerboardError(f"{char!r} is not on the board{hint}", position=at)

    def _unreadable(self, figures: str, tokens: list[str]) -> CheckerboardError:
        at = 0
        for token in tokens:
            try:
                self.reader[token]
            except _Unreadable:
                break
            at += len(token)
        fig, code = self.fig, self.cell_of.get(Mark.CODE)
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
        if figures[at] in self.rows:
            if at + 1 == len(figures):
                return CheckerboardError(
                    f"{figures[at]!r} at the end begins a two-figure cell that is cut off",
                    position=at,
                )
            return CheckerboardError(
                f"cell {figures[at : at + 2]!r} is not on the board", position=at
            )
        return CheckerboardError(f"{figures[at]!r} is not a cell of the board", position=at)


__all__ = ["Tables"]
