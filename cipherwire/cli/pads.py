"""Commands on one-time pad books: ``pad new``, ``pad status`` and ``pad print``."""

from __future__ import annotations

import click

from cipherwire.cli.app import cli, emit_json, open_pad
from cipherwire.pad.book import PadBook, default_path


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
        return open_pad(path)
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
        fault = book.fault
    issued = [
        {"page": p.number, "indicator": p.indicator, "to": p.to, "at": p.at.isoformat()}
        for p in status.ledger
    ]
    if as_json:
        emit_json(
            {
                "total": status.total,
                "used": status.used,
                "left": status.left,
                "classroom_seed": seed,
                "fault": fault,
                "issued": issued,
            }
        )
        return
    label = f"  CLASSROOM PAD - NOT SECURE (seed {seed})" if seed is not None else ""
    click.echo(f"{padbook}: {status.used} of {status.total} pages used, {status.left} left{label}")
    if fault is not None:
        click.echo(f"  FAULTY PAD BOOK: {fault}")
    for p in status.ledger:
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


__all__ = ["pad"]
