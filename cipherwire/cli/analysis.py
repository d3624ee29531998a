"""Commands of cryptanalysis: ``frequency``."""

from __future__ import annotations

from pathlib import Path

import click

from cipherwire.analysis.frequency import MAX_GROUP, Frequencies
from cipherwire.analysis.source import Source
from cipherwire.cli.app import CODEBOOK_OPTION, check_output, cli, emit_json, load_codebook, note
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.core.textfile import read_text


@cli.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--group",
    type=click.IntRange(1, MAX_GROUP),
    help="Figures in a group counted [4 with --encode, else 5].",
)
@click.option("--encode", is_flag=True, help="FILE is a telegram or text: count its code stream.")
@CODEBOOK_OPTION
@click.option("--one-part", is_flag=True, help="With --encode: the shipped book's one-part form.")
@click.option(
    "--groups-per-page",
    type=click.IntRange(2),
    default=GROUPS_PER_PAGE,
    show_default=True,
    help="Groups on a pad page: where the indicators in clear stand in a cable.",
)
@click.option(
    "--top",
    type=click.IntRange(0),
    default=10,
    show_default=True,
    help="How many of the most frequent groups to list.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--plot", "plot", metavar="OUT.png", help="Also draw the frequencies as a PNG.")
def frequency(
    file: str,
    group: int | None,
    encode: bool,
    codebook: str | None,
    one_part: bool,
    groups_per_page: int,
    top: int,
    as_json: bool,
    plot: str | None,
) -> None:
    """Count the digits and groups in FILE ('-': standard input) and test them against
    uniform: index of coincidence, chi-square, p-value, the most frequent groups.

    FILE holds cables as `cipherwire encode` prints them (only the enciphered groups are
    counted: the indicators in clear and garbled groups are left out), or digits in any
    layout (white space is ignored).  With --encode, FILE is an archive telegram or plain
    text, and the code stream of its text as sent is counted.
    """
    if (codebook is not None or one_part) and not encode:
        raise click.UsageError("--codebook and --one-part go with --encode")
    if plot is not None:
        if plot == "-":
            raise click.BadParameter("a PNG needs a file name", param_hint="--plot")
        check_output(plot, option="--plot")
        from cipherwire.analysis.plot import require

        require()
    text = read_text(file)
    if encode:
        source = Source.encode(text, load_codebook(codebook, one_part=one_part))
    else:
        source = Source.read(text, groups_per_page=groups_per_page)
    size = group if group is not None else (4 if encode else 5)
    counted = Frequencies.of(source.messages, group=size)
    if as_json:
        emit_json({"source": source.to_json(), **counted.to_json(top=top)})
    else:
        click.echo(source.describe())
        click.echo(counted.to_text(top=top), nl=False)
    if plot is not None:
        from cipherwire.analysis.plot import plot_frequencies

        label = "code stream" if encode else ("stdin" if file == "-" else Path(file).name)
        plot_frequencies({label: counted}, plot, title=f"Frequencies: {label}")
        note(f"wrote {plot}")


__all__ = ["frequency"]
