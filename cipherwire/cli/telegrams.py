"""Commands on telegrams and cables: ``parse``, ``encode`` and ``decode``."""

from __future__ import annotations

from typing import Any

import click

from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import decipher, encipher
from cipherwire.cli.app import (
    CODEBOOK_OPTION,
    PAD_OPTION,
    check_output,
    cli,
    emit_json,
    load_codebook,
    note,
    open_pad,
    write_output,
)
from cipherwire.core.textfile import read_text
from cipherwire.telegram.document import Telegram

_FIELD_LABELS = (
    ("office", "Office"),
    ("number", "Number"),
    ("department", "Department"),
    ("received", "Received"),
    ("dispatched", "Dispatched"),
    ("special_numbers", "Special numbers"),
    ("kind", "Kind"),
    ("origin", "From"),
    ("destination", "Destination"),
    ("addressee", "Addressee"),
    ("classification", "Classification"),
    ("priority", "Priority"),
    ("precedence", "Precedence"),
    ("serial", "Serial"),
    ("signature", "Signature"),
    ("instruction", "Instruction"),
    ("official", "Official"),
    ("date", "Date"),
    ("copies", "Copies"),
)


def render_fields(data: dict[str, Any]) -> str:
    """A readable summary of a telegram's JSON form: one field a line, then the body."""
    width = max(len(label) for _, label in _FIELD_LABELS)
    out = []
    for key, label in _FIELD_LABELS:
        value = data.get(key)
        if value in (None, [], ""):
            continue
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        out.append(f"{label:<{width}}  {shown}")
    if data["unparsed_lines"]:
        out.append("")
        count = len(data["unparsed_lines"])
        out.append(f"Kept as printed ({count} line{'s' if count > 1 else ''} not recognised):")
        out.extend(f"  {line}" for line in data["unparsed_lines"])
    out.append("")
    out.append("Text as sent (editorial insertions removed):")
    out.append(data["body_as_sent"])
    return "\n".join(out)


@cli.command()
@click.argument("file", metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def parse(file: str, as_json: bool) -> None:
    """Read the archive telegram in FILE ('-' for standard input) and show its fields."""
    telegram = Telegram.from_text(read_text(file))
    data = telegram.to_json()
    if as_json:
        emit_json(data)
    else:
        click.echo(render_fields(data))


@cli.command()
@click.argument("file", metavar="FILE")
@PAD_OPTION
@CODEBOOK_OPTION
@click.option("--one-part", is_flag=True, help="Use the shipped book in its one-part form.")
@click.option("-o", "--out", metavar="OUT", help="Write the cable to OUT instead of printing it.")
def encode(
    file: str, pad: str | None, codebook: str | None, one_part: bool, out: str | None
) -> None:
    """Encipher the archive telegram in FILE ('-': standard input) into a cable.

    The text as sent is encoded with the codebook, re-cut into five-figure groups and
    enciphered with fresh pages of the one-time pad; the header goes in each part's
    preamble.  Every page used is recorded in the pad book and never issued again.
    """
    check_output(out, option="-o")
    telegram = Telegram.from_text(read_text(file))
    book = load_codebook(codebook, one_part=one_part)
    with open_pad(pad) as padbook:
        if padbook.is_classroom:
            note(f"classroom pad (seed {padbook.seed}): reproducible, NOT SECURE")
        cable = encipher(telegram, book, padbook)
    write_output(cable.to_text(), out)


@cli.command()
@click.argument("cable_file", metavar="CABLE")
@PAD_OPTION
@CODEBOOK_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the telegram as `parse --json` does.")
def decode(cable_file: str, pad: str | None, codebook: str | None, as_json: bool) -> None:
    """Decipher and decode the cable in CABLE ('-': standard input) back into a telegram.

    Groups that arrived garbled (a '?' for an unreadable figure) are decoded as far as
    possible; the code groups that could not be read are shown as [?] and listed on
    standard error, and the exit status is 1.
    """
    cable = Cable.from_text(read_text(cable_file))
    book = load_codebook(codebook, named=cable.preamble.codebook)
    with open_pad(pad) as padbook:
        result = decipher(cable, book, padbook)
    if as_json:
        emit_json(result.telegram.to_json())
    else:
        click.echo(result.telegram.to_text(), nl=False)
    for part, group, why in result.flagged:
        note(f"part {part}, code group {group}: {why}")
    if result.flagged:
        raise click.exceptions.Exit(1)


__all__ = ["decode", "encode", "parse", "render_fields"]
