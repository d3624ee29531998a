"""Commands on many telegrams at once and on large digit files: ``encode-batch``,
``decode-batch``, ``superencipher`` and ``bench``."""

from __future__ import annotations

import time
from pathlib import Path

import click

from cipherwire.cipher.batch import CableBatch, decipher_batch, encipher_batch
from cipherwire.cipher.files import read_batch, read_cables
from cipherwire.cli import bench as benchmarks
from cipherwire.cli.app import (
    CODEBOOK_OPTION,
    PAD_OPTION,
    ProgressBar,
    check_new_folder,
    cli,
    emit_json,
    load_codebook,
    note,
    open_pad,
)
from cipherwire.core.digitfile import superencipher as superencipher_file
from cipherwire.core.textfile import new_folder

#: Below this many telegrams or bytes, no progress bar (it would only flicker).
_BAR_FROM_TELEGRAMS = 2_000
_BAR_FROM_BYTES = 64 << 20


@cli.command("encode-batch")
@click.argument("source", metavar="INPUT")
@click.option("--out", "out", required=True, metavar="OUTDIR", help="New folder for the cables.")
@PAD_OPTION
@CODEBOOK_OPTION
@click.option("--one-part", is_flag=True, help="Use the shipped book in its one-part form.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def encode_batch(
    source: str, out: str, pad: str | None, codebook: str | None, one_part: bool, as_json: bool
) -> None:
    """Encipher many telegrams at once into cables, one file each, in OUTDIR.

    INPUT is a folder of archive telegrams (its *.txt files) or a JSON-lines file (one
    telegram a line: a JSON string, or an object with "text" and optional "number",
    "serial", "special_numbers", "office", "origin", "destination", "addressee",
    "classification", "priority").  Each cable is what `cipherwire encode` makes of the
    telegram, with the same pad pages; all the pages are issued in one transaction.
    Prints how many messages, groups and pages, and the seconds it took.
    """
    folder = check_new_folder(out)
    started = time.perf_counter()
    size = sum(1 for _ in Path(source).glob("*.txt")) if Path(source).is_dir() else 0
    with ProgressBar(size, "reading telegrams", show=size >= _BAR_FROM_TELEGRAMS) as bar:
        named = read_batch(source, progress=bar.to)
    book = load_codebook(codebook, one_part=one_part)
    with open_pad(pad) as padbook:
        if padbook.is_classroom:
            note(f"classroom pad (seed {padbook.seed}): reproducible, NOT SECURE")
        batch = encipher_batch([t for _, t in named], book, padbook)
    texts = batch.to_texts()
    with (
        ProgressBar(len(texts), "writing cables", show=len(texts) >= _BAR_FROM_TELEGRAMS) as bar,
        new_folder(folder) as scratch,
    ):
        for i, ((name, _), text) in enumerate(zip(named, texts, strict=True), start=1):
            (scratch / f"{name}.cable.txt").write_text(text, encoding="utf-8")
            if i % 512 == 0:
                bar.to(i)
        bar.to(len(texts))
    _summary(
        {"messages": len(batch), "groups": batch.group_count, "pages": batch.pages},
        "{messages:,} messages, {groups:,} groups, {pages:,} pages used",
        started,
        folder,
        as_json=as_json,
    )


@cli.command("decode-batch")
@click.argument("source", metavar="INPUT")
@click.option("--out", "out", required=True, metavar="OUTDIR", help="New folder for the telegrams.")
@PAD_OPTION
@CODEBOOK_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def decode_batch(
    source: str, out: str, pad: str | None, codebook: str | None, as_json: bool
) -> None:
    """Decipher and decode many cables at once into telegrams, one file each, in OUTDIR.

    INPUT is a folder of cables, one a file (as encode-batch writes them: NAME.cable.txt
    becomes NAME.txt), or one file of many cables (as cables.txt of `cipherwire venona
    generate`: they become 000001.txt, ...).  Each telegram is what `cipherwire decode`
    prints for its cable.  The folder appears whole or not at all: a cable that does not
    read stops the batch, naming it.  Code groups that arrived garbled are decoded as far
    as possible, listed on standard error, and the exit status is 1.
    """
    folder = check_new_folder(out)
    started = time.perf_counter()
    size = sum(1 for _ in Path(source).glob("*.txt")) if Path(source).is_dir() else 0
    with ProgressBar(size, "reading cables", show=size >= _BAR_FROM_TELEGRAMS) as bar:
        named = read_cables(source, progress=bar.to)
    batch = CableBatch.from_texts([text for _, text in named])
    books = {preamble.codebook for preamble in batch.preambles}
    if codebook is None and len(books) > 1:
        shown = ", ".join(sorted(repr(b) for b in books))
        raise click.BadParameter(
            f"the cables name different codebooks ({shown}); decode them separately",
            param_hint="INPUT",
        )
    book = load_codebook(codebook, named=next(iter(books)))
    with open_pad(pad) as padbook:
        results = decipher_batch(batch, book, padbook, names=[f"cable {n}" for n, _ in named])
    with new_folder(folder) as scratch:
        for (name, _), result in zip(named, results, strict=True):
            (scratch / f"{name}.txt").write_text(result.telegram.to_text(), encoding="utf-8")
    flagged = [
        (name, part, group, why)
        for (name, _), r in zip(named, results, strict=True)
        for part, group, why in r.flagged
    ]
    _summary(
        {"messages": len(results), "groups": batch.group_count, "flagged": len(flagged)},
        "{messages:,} messages, {groups:,} groups read, {flagged:,} code groups unreadable",
        started,
        folder,
        as_json=as_json,
    )
    for name, part, group, why in flagged:
        note(f"{name}: part {part}, code group {group}: {why}")
    if flagged:
        raise click.exceptions.Exit(1)


def _summary(
    counts: dict[str, int], line: str, started: float, folder: Path, *, as_json: bool
) -> None:
    """A batch command's summary: the counts, the seconds since ``started`` and the
    output folder, as one JSON object or as ``line`` (the counts formatted) and the rest."""
    seconds = round(time.perf_counter() - started, 3)
    if as_json:
        emit_json({**counts, "seconds": seconds, "out": str(folder)})
    else:
        click.echo(f"{line.format(**counts)}, {seconds:.2f} s -> {folder}")


@cli.command()
@click.argument("source", metavar="INPUT")
@click.option("-o", "--out", "out", required=True, metavar="OUTPUT", help="The file to write.")
@click.option("--key", metavar="KEY", help="Digit file of the key (at least as long).")
@click.option("--new-key", metavar="KEY", help="Draw a fresh key from the OS and write it here.")
@click.option("--decipher", is_flag=True, help="Subtract the key instead of adding it.")
def superencipher(
    source: str, out: str, key: str | None, new_key: str | None, decipher: bool
) -> None:
    """Add a key to the digit file INPUT, digit by digit without carry, into OUTPUT.

    A digit file is ASCII digits in any layout (white space is ignored); OUTPUT is
    printed in five-figure groups, ten to a line.  Give --key (a digit file at least as
    long; to decipher) or --new-key (a fresh one-time key from the operating system is
    written there: keep it).  Files of any size are read a block at a time.
    """
    if (key is None) == (new_key is None):
        raise click.UsageError("give either --key or --new-key")
    if decipher and key is None:
        raise click.UsageError("--decipher needs the --key the file was enciphered with")
    total = Path(source).stat().st_size if Path(source).is_file() else 0
    with ProgressBar(total, "superenciphering", show=total >= _BAR_FROM_BYTES) as bar:
        report = superencipher_file(
            source, out, key=key, new_key=new_key, decipher=decipher, progress=bar.to
        )
    rate = report.bytes_read / report.seconds / 1e6 if report.seconds else 0.0
    note(f"{report.digits:,} digits in {report.seconds:.2f} s ({rate:.0f} MB/s)")


@cli.command()
@click.option("--quick", is_flag=True, help="Smaller sizes: well under a minute.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option(
    "--repeats",
    type=click.IntRange(1),
    help="Runs of each figure [5 quick, 9 full; 3 times as many for add_mod10].",
)
@click.option("--scratch", metavar="DIR", help="Folder for the scratch files [system temp].")
def bench(quick: bool, as_json: bool, repeats: int | None, scratch: str | None) -> None:
    """Measure the vectorised core beside its baselines, in one run, and print the ratios.

    Each figure is timed alternately with its baseline and reported as the median of the
    repeats: add_mod10 against np.add, pad digits against os.urandom, bulk enciphering
    against a bare re.findall pass, the letter pad against a Python loop, and the peak
    memory of streaming a 2 GiB digit file (128 MiB with --quick).  The full run takes
    a few minutes and about 6 GB of scratch disk.
    """
    folder = Path(scratch) if scratch else None
    if folder is not None and not folder.is_dir():
        raise click.BadParameter(f"{scratch!r} is not a folder", param_hint="--scratch")
    report = benchmarks.run(
        quick=quick,
        repeats=repeats,
        scratch=folder,
        progress=lambda step: note(f"measuring {step}"),
    )
    if as_json:
        emit_json(report.to_json())
        return
    click.echo(report.to_text())


__all__ = ["bench", "encode_batch", "superencipher"]
