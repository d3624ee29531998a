"""The command group, the options and helpers the commands share, and :func:`main`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from cipherwire.cipher.clerk import UNNAMED_CODEBOOK
from cipherwire.codebook.book import Codebook
from cipherwire.core.textfile import read_text, write_text
from cipherwire.errors import CipherwireError, CodebookError, InputFileError
from cipherwire.pad.book import PadBook, open_default


def emit_json(value: Any) -> None:
    """Print one JSON object, readable."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cipherwire")
def cli() -> None:
    """cipherwire: run a Soviet-era ciphered telegram from archive to wire and back.

    Start with the seed telegram of 7 December 1950:

    \b
        cipherwire parse seeds/000_ee3f4792618692d7.txt
        cipherwire encode seeds/000_ee3f4792618692d7.txt | cipherwire decode -
    """


class ProgressBar:
    """A click progress bar on standard error, or nothing for small jobs."""

    def __init__(self, length: int, label: str, *, show: bool) -> None:
        self._bar: Any = (
            click.progressbar(length=length, label=label, file=sys.stderr) if show else None
        )
        self._done = 0

    def __enter__(self) -> ProgressBar:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def to(self, done: int) -> None:
        """Move the bar to *done*."""
        if self._bar is not None and done > self._done:
            self._bar.update(done - self._done)
            self._done = done


def note(message: str) -> None:
    click.echo(f"cipherwire: {message}", err=True)


def open_pad(path: str | None) -> PadBook:
    """The pad book named with --pad, or the default one (created on first use)."""
    if path is not None:
        if not Path(path).exists():
            raise click.BadParameter(f"{path!r}: no such pad book", param_hint="--pad")
        return PadBook.open(path)
    book, created = open_default()
    if created:
        note(
            f"created a pad book of {book.page_count} pages from the operating system's "
            f"random generator at {book.path} (set CIPHERWIRE_HOME to keep it elsewhere)"
        )
    return book


def load_codebook(
    path: str | None, *, one_part: bool = False, named: str | None = None
) -> Codebook:
    """The codebook from --codebook, else the shipped one (or the one a cable names)."""
    if path is not None:
        return Codebook.from_text(read_text(path))
    if named is None:
        return Codebook.default(one_part=one_part)
    try:
        return Codebook.named(named)
    except CodebookError:
        if named == UNNAMED_CODEBOOK:
            raise CodebookError(
                "the cable was encoded with a codebook that has no name; "
                "give it with --codebook FILE"
            ) from None
        raise CodebookError(
            f"the cable was encoded with codebook {named!r}, which is not shipped with "
            "cipherwire; give it with --codebook FILE"
        ) from None


def check_output(out: str | None, *, option: str, overwrite: bool = True) -> None:
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


def check_new_folder(out: str, *, option: str = "--out") -> Path:
    """A folder to write into: new, or existing and empty; refused before any work."""
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise click.BadParameter(
            f"{out!r} exists and is not an empty folder; choose a new one", param_hint=option
        )
    if not folder.parent.is_dir():
        raise click.BadParameter(f"folder {str(folder.parent)!r} does not exist", param_hint=option)
    return folder


def write_output(text: str, out: str | None) -> None:
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
    write_text(target, text)


PAD_OPTION = click.option(
    "--pad",
    "pad",
    metavar="PADBOOK",
    help="Pad book file (default: one in the user's data folder, or $CIPHERWIRE_HOME).",
)
CODEBOOK_OPTION = click.option(
    "--codebook", "codebook", metavar="FILE", help="Codebook file (default: the shipped one)."
)


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


__all__ = [
    "CODEBOOK_OPTION",
    "PAD_OPTION",
    "check_new_folder",
    "check_output",
    "cli",
    "emit_json",
    "load_codebook",
    "main",
    "note",
    "open_pad",
    "write_output",
]
