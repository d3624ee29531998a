"""Commands on the agents' straddling checkerboard: ``checkerboard encode``, ``decode``,
``show``."""

from __future__ import annotations

import click

from cipherwire.checkerboard.board import Checkerboard
from cipherwire.checkerboard.pad import decipher, encipher, format_groups, parse_groups
from cipherwire.cli.app import cli, note, open_pad
from cipherwire.core.textfile import read_text
from cipherwire.errors import CheckerboardError

#: What the pad book's ledger records as the message a page was issued to.
LEDGER_NAME = "checkerboard message"

BOARD_OPTION = click.option(
    "--board", "board", metavar="FILE", help="Checkerboard file (default: the CT-37c-style board)."
)
ENCIPHER_OPTION = click.option(
    "--pad",
    "pad",
    metavar="PADBOOK",
    help="Encipher with fresh pages of this pad book, each page's indicator in clear "
    "(default: print the checkerboard digits unenciphered).",
)
DECIPHER_OPTION = click.option(
    "--pad",
    "pad",
    metavar="PADBOOK",
    help="Decipher with this pad book first (default: the groups are the checkerboard "
    "digits, unenciphered).",
)


def _board(path: str | None) -> Checkerboard:
    """The board from --board, else the CT-37c-style board."""
    return Checkerboard.ct37c() if path is None else Checkerboard.from_text(read_text(path))


@cli.group("checkerboard")
def checkerboard_group() -> None:
    """The agents' straddling checkerboard: text to digits, about 1.5 a letter."""


@checkerboard_group.command("encode")
@click.argument("text", metavar="TEXT")
@BOARD_OPTION
@ENCIPHER_OPTION
def checkerboard_encode(text: str, board: str | None, pad: str | None) -> None:
    """Encode TEXT ('-': standard input) with the checkerboard into five-figure groups.

    Letters are read without regard to case, runs of white space as one space; figures
    go between FIG signs, each written three times; write <REQ> for the REQUEST mark and
    <CODE nnn> for a code group.  With --pad the digits are enciphered with fresh pages
    of the pad book, each page's indicator in clear before its groups.
    """
    chosen = _board(board)
    plain = read_text("-") if text == "-" else text
    digits = chosen.encode(plain)
    if not digits.size:
        raise click.BadParameter("there is nothing to encode", param_hint="TEXT")
    if pad is not None:
        with open_pad(pad) as book:
            if book.is_classroom:
                note(f"classroom pad (seed {book.seed}): reproducible, NOT SECURE")
            digits = encipher(digits, book, to=LEDGER_NAME)
    click.echo(format_groups(digits), nl=False)


@checkerboard_group.command("decode")
@click.argument("groups", metavar="GROUPS...", nargs=-1, required=True)
@BOARD_OPTION
@DECIPHER_OPTION
def checkerboard_decode(groups: tuple[str, ...], board: str | None, pad: str | None) -> None:
    """Decode five-figure GROUPS ('-': read them from standard input) back into text.

    With --pad the groups are first deciphered: each indicator names the pad page whose
    key is subtracted from the groups after it.
    """
    chosen = _board(board)
    text = read_text("-") if groups == ("-",) else " ".join(groups)
    digits = parse_groups(text)
    if pad is not None:
        with open_pad(pad) as book:
            digits = decipher(digits, book)
    decoded = chosen.decode(digits)
    if not decoded:
        raise CheckerboardError("the groups are all filler: there is no text in them")
    click.echo(decoded)


@checkerboard_group.command("show")
@BOARD_OPTION
@click.option(
    "--keyword", metavar="WORD", help="Mix the letters of the CT-37c-style board by WORD."
)
@click.option(
    "--file", "as_file", is_flag=True, help="Print the board file (for --board), not the grid."
)
def checkerboard_show(board: str | None, keyword: str | None, as_file: bool) -> None:
    """Print the checkerboard as a grid for a handout, or as a board file."""
    if board is not None and keyword is not None:
        raise click.UsageError("give --board or --keyword, not both")
    chosen = Checkerboard.keyed(keyword) if keyword is not None else _board(board)
    click.echo(chosen.to_text() if as_file else chosen.to_grid(), nl=not as_file)


__all__ = ["checkerboard_group"]
