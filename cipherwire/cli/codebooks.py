"""Commands on codebooks: ``codebook new``, ``codebook page`` and ``codebook lookup``."""

from __future__ import annotations

from pathlib import Path

import click

from cipherwire.cli.app import CODEBOOK_OPTION, check_output, cli, load_codebook, note, write_output
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.core import digits_to_text


@cli.group("codebook")
def codebook_group() -> None:
    """Make codebooks and look words up."""


@codebook_group.command("new")
@click.argument("out", metavar="OUT")
@click.option("--one-part", is_flag=True, help="Codes ascending with the words (weak, readable).")
@click.option("--seed", type=int, default=None, help="Reproducible code assignment.")
def codebook_new(out: str, one_part: bool, seed: int | None) -> None:
    """Write a new codebook with the shipped vocabulary to OUT."""
    check_output(out, option="OUT", overwrite=False)
    shipped = Codebook.default()
    vocabulary = [text for text, _ in shipped.entries if not text.startswith("<")]
    name = " ".join(Path(out).stem.split()) if out != "-" else None
    book = Codebook.generate(vocabulary, two_part=not one_part, seed=seed, name=name or None)
    write_output(book.to_text(), out)
    where = "standard output" if out == "-" else out
    named = f" {book.name!r}" if book.name else " (no name)"
    note(f"{where}: codebook{named}, {len(book)} entries, {'one' if one_part else 'two'}-part")


@codebook_group.command("page")
@click.argument("number", metavar="N", type=click.IntRange(1))
@CODEBOOK_OPTION
@click.option("--one-part", is_flag=True, help="The one-part form of the shipped book.")
@click.option(
    "--order",
    type=click.Choice(["encoding", "decoding"]),
    default="encoding",
    show_default=True,
    help="The encoding section (by word) or the decoding section (by code).",
)
@click.option("--rows", type=click.IntRange(1), default=50, show_default=True)
def codebook_page(number: int, codebook: str | None, one_part: bool, order: str, rows: int) -> None:
    """Print page N of the codebook, as a handout."""
    book = load_codebook(codebook, one_part=one_part)
    click.echo(
        book.page(number, order="decoding" if order == "decoding" else "encoding", rows=rows)
    )


@codebook_group.command("lookup")
@click.argument("words", metavar="WORD...", nargs=-1, required=True)
@CODEBOOK_OPTION
@click.option("--one-part", is_flag=True, help="Look up in the one-part form of the shipped book.")
def codebook_lookup(words: tuple[str, ...], codebook: str | None, one_part: bool) -> None:
    """Show the code group of WORD (several words: a phrase), or how it is spelled."""
    book = load_codebook(codebook, one_part=one_part)
    phrase = " ".join(words)
    code = book.lookup(phrase)
    if code is not None:
        click.echo(f"{code}  {normalise(phrase)}")
        return
    groups = digits_to_text(book.encode(phrase))
    shown = " ".join(groups[i : i + 4] for i in range(0, len(groups), 4))
    click.echo(f"{normalise(phrase)} is not in the book; it is sent as: {shown}")


__all__ = ["codebook_group"]
