"""The ``cipherwire`` command: a thin layer over functions that return values.

This is the only module that imports click.  Every error becomes one line on stderr and a
non-zero exit in one place, :func:`main`: usage errors exit 2 (as click does), errors
cipherwire raises on purpose exit 1.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import click

from cipherwire.cable import Cable
from cipherwire.cipher import UNNAMED_CODEBOOK, decipher, encipher
from cipherwire.codebook import Codebook
from cipherwire.core import digits_to_text
from cipherwire.errors import CipherwireError, CodebookError, InputFileError
from cipherwire.pad import PadBook, default_path, open_default
from cipherwire.spelling import normalise
from cipherwire.telegram import Telegram
from cipherwire.textfile import read_text

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


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cipherwire")
def cli() -> None:
    """cipherwire: run a Soviet-era ciphered telegram from archive to wire and back.

    Start with the seed telegram of 7 December 1950:

    \b
        cipherwire parse seeds/000_ee3f4792618692d7.txt
        cipherwire encode seeds/000_ee3f4792618692d7.txt | cipherwire decode -
    """


@cli.command()
@click.argument("file", metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def parse(file: str, as_json: bool) -> None:
    """Read the archive telegram in FILE ('-' for standard input) and show its fields."""
    telegram = Telegram.from_text(read_text(file))
    data = telegram.to_json()
    if as_json:
        _emit_json(data)
    else:
        click.echo(render_fields(data))


# --- shared options ----------------------------------------------------------------------


def _note(message: str) -> None:
    click.echo(f"cipherwire: {message}", err=True)


def _open_pad(path: str | None) -> PadBook:
    """The pad book named with --pad, or the default one (created on first use)."""
    if path is not None:
        if not Path(path).exists():
            raise click.BadParameter(f"{path!r}: no such pad book", param_hint="--pad")
        return PadBook.open(path)
    book, created = open_default()
    if created:
        _note(
            f"created a pad book of {book.page_count} pages from the operating system's "
            f"random generator at {book.path} (set CIPHERWIRE_HOME to keep it elsewhere)"
        )
    return book


def _load_codebook(
    path: str | None, *, one_part: bool = False, named: str | None = None
) -> Codebook:
    """The codebook from --codebook, else the shipped one (or the one a cable names)."""
    if path is not None:
        return Codebook.from_text(read_text(path))
    for candidate in (Codebook.default(), Codebook.default(one_part=True)):
        if named is not None and candidate.name == named:
            return candidate
    if named == UNNAMED_CODEBOOK:
        raise CodebookError(
            "the cable was encoded with a codebook that has no name; give it with --codebook FILE"
        )
    if named is not None:
        raise CodebookError(
            f"the cable was encoded with codebook {named!r}, which is not shipped with "
            "cipherwire; give it with --codebook FILE"
        )
    return Codebook.default(one_part=one_part)


def _check_output(out: str | None, *, option: str, overwrite: bool = True) -> None:
    """Refuse an output path that cannot be written, before any work (or pad page) is done."""
    if out is None or out == "-":
        return
    target = Path(out)
    if target.is_dir():
        raise click.BadParameter(f"{out!r} is a folder", param_hint=option)
    if not target.parent.is_dir():
        raise click.BadParameter(f"folder {str(target.parent)!r} does not exist", param_hint=option)
    if not overwrite and target.exists():
        raise click.BadParameter(f"{out!r} exists; choose another name", param_hint=option)


def _write_output(text: str, out: str | None) -> None:
    """Print ``text``, or write it to ``out`` atomically (never a half-written file).

    A path that exists and is not a regular file (``/dev/null``, a named pipe) is written
    in place, never replaced.
    """
    if out is None or out == "-":
        click.echo(text, nl=False)
        return
    target = Path(out)
    if target.exists() and not target.is_file():
        with target.open("w", encoding="utf-8") as fh:
            fh.write(text)
        return
    folder = target.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_PAD_OPTION = click.option(
    "--pad",
    "pad",
    metavar="PADBOOK",
    help="Pad book file (default: one in the user's data folder, or $CIPHERWIRE_HOME).",
)
_CODEBOOK_OPTION = click.option(
    "--codebook", "codebook", metavar="FILE", help="Codebook file (default: the shipped one)."
)


# --- encode / decode ---------------------------------------------------------------------


@cli.command()
@click.argument("file", metavar="FILE")
@_PAD_OPTION
@_CODEBOOK_OPTION
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
    _check_output(out, option="-o")
    telegram = Telegram.from_text(read_text(file))
    book = _load_codebook(codebook, one_part=one_part)
    with _open_pad(pad) as padbook:
        if padbook.is_classroom:
            _note(f"classroom pad (seed {padbook.seed}): reproducible, NOT SECURE")
        cable = encipher(telegram, book, padbook)
    _write_output(cable.to_text(), out)


@cli.command()
@click.argument("cable_file", metavar="CABLE")
@_PAD_OPTION
@_CODEBOOK_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the telegram as `parse --json` does.")
def decode(cable_file: str, pad: str | None, codebook: str | None, as_json: bool) -> None:
    """Decipher and decode the cable in CABLE ('-': standard input) back into a telegram.

    Groups that arrived garbled (a '?' for an unreadable figure) are decoded as far as
    possible; the code groups that could not be read are shown as [?] and listed on
    standard error, and the exit status is 1.
    """
    cable = Cable.from_text(read_text(cable_file))
    book = _load_codebook(codebook, named=cable.codebook)
    with _open_pad(pad) as padbook:
        result = decipher(cable, book, padbook)
    if as_json:
        _emit_json(result.telegram.to_json())
    else:
        click.echo(result.telegram.to_text(), nl=False)
    for part, group, why in result.flagged:
        _note(f"part {part}, code group {group}: {why}")
    if result.flagged:
        raise click.exceptions.Exit(1)


# --- pad books -----------------------------------------------------------------------------


@cli.group()
def pad() -> None:
    """Make, inspect and print one-time pad books."""


@pad.command("new")
@click.argument("padbook", metavar="PADBOOK")
@click.option("--pages", type=click.IntRange(1), required=True, help="Number of pages.")
@click.option(
    "--groups-per-page",
    type=click.IntRange(2),
    default=60,
    show_default=True,
    help="Five-figure groups on a page, the indicator included.",
)
@click.option(
    "--seed",
    type=int,
    default=None,
    help="Reproducible classroom pad (NOT SECURE; labelled as such everywhere).",
)
def pad_new(padbook: str, pages: int, groups_per_page: int, seed: int | None) -> None:
    """Create a new pad book PADBOOK (refuses to overwrite an existing file)."""
    with PadBook.create(padbook, pages=pages, groups_per_page=groups_per_page, seed=seed) as b:
        source = (
            f"classroom seed {seed}: reproducible, NOT SECURE"
            if seed is not None
            else "the operating system's cryptographic random generator"
        )
        click.echo(f"{b.path}: {b.page_count} pages of {b.groups_per_page} groups ({source})")


def _existing_pad(path: str | None) -> PadBook:
    """The pad book named, or the default one if it exists (inspecting never creates one)."""
    if path is not None:
        return _open_pad(path)
    default = default_path()
    if not default.exists():
        raise click.UsageError(
            f"no default pad book yet at {default} (the first encode makes one); name a PADBOOK"
        )
    return PadBook.open(default)


@pad.command("status")
@click.argument("padbook", metavar="[PADBOOK]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def pad_status(padbook: str | None, as_json: bool) -> None:
    """Show how many pages of PADBOOK (default: the default pad book) are used and left,
    and who used them."""
    with _existing_pad(padbook) as book:
        padbook = str(book.path)
        status = book.status()
        seed = book.seed
    issued = [
        {"page": p.number, "indicator": p.indicator, "to": p.to, "at": p.at.isoformat()}
        for p in status.issued
    ]
    if as_json:
        _emit_json(
            {
                "total": status.total,
                "used": status.used,
                "left": status.left,
                "classroom_seed": seed,
                "issued": issued,
            }
        )
        return
    label = f"  CLASSROOM PAD - NOT SECURE (seed {seed})" if seed is not None else ""
    click.echo(f"{padbook}: {status.used} of {status.total} pages used, {status.left} left{label}")
    for p in status.issued:
        click.echo(f"  page {p.number:>5}  {p.indicator}  {p.at:%Y-%m-%d %H:%M} UTC  {p.to}")


@pad.command("print")
@click.argument("padbook", metavar="[PADBOOK]", required=False)
@click.option("--pages", "pages", required=True, metavar="A-B", help="Pages to print, e.g. 1-3.")
def pad_print(padbook: str | None, pages: str) -> None:
    """Print pages of PADBOOK (default: the default pad book) as pad sheets, for handouts."""
    first, sep, last = pages.partition("-")
    if not first.isdigit() or (sep and not last.isdigit()):
        raise click.BadParameter(f"expected A-B or A, got {pages!r}", param_hint="--pages")
    with _existing_pad(padbook) as book:
        sheets = book.pages(int(first), int(last) if sep else int(first))
    click.echo("\n\n".join(sheet.to_text() for sheet in sheets))


# --- codebooks -----------------------------------------------------------------------------


@cli.group("codebook")
def codebook_group() -> None:
    """Make codebooks and look words up."""


@codebook_group.command("new")
@click.argument("out", metavar="OUT")
@click.option("--one-part", is_flag=True, help="Codes ascending with the words (weak, readable).")
@click.option("--seed", type=int, default=None, help="Reproducible code assignment.")
def codebook_new(out: str, one_part: bool, seed: int | None) -> None:
    """Write a new codebook with the shipped vocabulary to OUT."""
    _check_output(out, option="OUT", overwrite=False)
    shipped = Codebook.default()
    vocabulary = [text for text, _ in shipped.entries if not text.startswith("<")]
    name = " ".join(Path(out).stem.split()) if out != "-" else None
    book = Codebook.generate(vocabulary, two_part=not one_part, seed=seed, name=name or None)
    _write_output(book.to_text(), out)
    where = "standard output" if out == "-" else out
    named = f" {book.name!r}" if book.name else " (no name)"
    _note(f"{where}: codebook{named}, {len(book)} entries, {'one' if one_part else 'two'}-part")


@codebook_group.command("page")
@click.argument("number", metavar="N", type=click.IntRange(1))
@_CODEBOOK_OPTION
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
    book = _load_codebook(codebook, one_part=one_part)
    click.echo(
        book.page(number, order="decoding" if order == "decoding" else "encoding", rows=rows)
    )


@codebook_group.command("lookup")
@click.argument("words", metavar="WORD...", nargs=-1, required=True)
@_CODEBOOK_OPTION
@click.option("--one-part", is_flag=True, help="Look up in the one-part form of the shipped book.")
def codebook_lookup(words: tuple[str, ...], codebook: str | None, one_part: bool) -> None:
    """Show the code group of WORD (several words: a phrase), or how it is spelled."""
    book = _load_codebook(codebook, one_part=one_part)
    phrase = " ".join(words)
    code = book.lookup(phrase)
    if code is not None:
        click.echo(f"{code}  {normalise(phrase)}")
        return
    groups = digits_to_text(book.encode(phrase))
    shown = " ".join(groups[i : i + 4] for i in range(0, len(groups), 4))
    click.echo(f"{normalise(phrase)} is not in the book; it is sent as: {shown}")


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"cipherwire: error: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; turn every error into one line and an exit code."""
    try:
        code = cli.main(args=argv, prog_name="cipherwire", standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.exceptions.NoArgsIsHelpError as exc:  # bare `cipherwire`: show the help
        click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message(), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        message = exc.format_message().replace("\n", " ")
        if isinstance(exc, click.UsageError):
            message = message.rstrip(".") + " (see --help)"
        _fail(message, exc.exit_code)
    except InputFileError as exc:  # a wrong file named on the command line: a usage error
        _fail(str(exc).replace("\n", " "), 2)
    except CipherwireError as exc:
        _fail(str(exc).replace("\n", " "), 1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 1)
    if isinstance(code, int) and code:
        sys.exit(code)


__all__ = ["cli", "main"]
