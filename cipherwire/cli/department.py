"""The ``simulate`` command: a run of the cipher department (:mod:`cipherwire.department`)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from cipherwire.cli.app import (
    CODEBOOK_OPTION,
    check_new_folder,
    cli,
    emit_json,
    load_codebook,
    note,
)
from cipherwire.department import plot as plots
from cipherwire.department.config import DepartmentConfig, Shift
from cipherwire.department.model import DEFAULT_SEED, Simulation
from cipherwire.department.paperwork import PadSupply
from cipherwire.department.records import write_csv, write_json, write_jsonl
from cipherwire.department.report import Report
from cipherwire.department.run import Run
from cipherwire.department.workload import DEFAULT_RATES, Workload, parse_rate
from cipherwire.errors import DateFormatError, DepartmentConfigError, WorkloadError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import ArchiveDate
from cipherwire.telegram.document import Precedence
from cipherwire.wire.line import Telegraphy

#: Runs of at least this many telegrams show a progress bar (on standard error).
PROGRESS_FROM = 500
_START = dt.date(1950, 12, 7)


def _rates(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[Precedence, float]:
    rates: dict[Precedence, float] = {}
    for text in values:
        try:
            precedence, rate = parse_rate(text)
        except WorkloadError as exc:
            raise click.BadParameter(str(exc)) from None
        if precedence in rates:
            raise click.BadParameter(f"the {precedence.value} rate is given twice")
        rates[precedence] = rate
    return rates


def _shifts(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for text in values:  # read again once --clerks is known; here only the form is checked
        try:
            Shift.from_text(text, clerks=1)
        except DepartmentConfigError as exc:
            raise click.BadParameter(str(exc)) from None
    return values


def _at_least_one(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        what = "clerks" if param.name == "clerks" else "lines"
        raise click.BadParameter(f"{value} {what}: a department needs at least one")
    return value


def _positive(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not value > 0:
        raise click.BadParameter(f"{value:g} is not a positive number")
    return value


def _config(
    shifts: tuple[str, ...],
    clerks: int | None,
    lines: int | None,
    via: str | None,
    wpm: float | None,
    baud: float | None,
    preempt: bool,
    check: bool,
) -> DepartmentConfig:
    try:
        config = DepartmentConfig(preempt=preempt, checking=False)
        if shifts:
            config = config.replace(
                shifts=tuple(
                    Shift.from_text(text, clerks=clerks if clerks is not None else 1, name=None)
                    for text in shifts
                )
            )
        elif clerks is not None:
            config = config.with_clerks(clerks)
        line: dict[str, Any] = {}
        if via is not None:
            line["via"] = Telegraphy(via)
        if wpm is not None:
            line["wpm"] = wpm
        if baud is not None:
            line["baud"] = baud
        if lines is not None or line:
            config = config.with_lines(lines or config.links[0].lines, **line)
        return config.replace(checking=check)
    except DepartmentConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _run(simulation: Simulation, total: int) -> tuple[Run, bool]:
    """Run the simulation, with a progress bar if it is long; on Ctrl-C, what was done."""
    try:
        if total < PROGRESS_FROM:
            return simulation.run(), False
        bar: Any = click.progressbar(length=total, label="simulating", file=sys.stderr)
        with bar:
            return simulation.run(progress=bar.update), False
    except KeyboardInterrupt:
        return simulation.result(), True


def _write(run: Run, report: Report, folder: Path, *, plot: bool) -> list[str]:
    write_csv(run.records, folder / "records.csv")
    write_jsonl(run.records, folder / "records.jsonl")
    write_json(report.to_json(), folder / "summary.json")
    written = ["records.csv", "records.jsonl", "summary.json"]
    if plot:
        plots.plot_timeline(run, folder / "timeline.png")
        plots.plot_queues(run, folder / "queues.png")
        written += ["timeline.png", "queues.png"]
    return written


@cli.command()
@click.argument("more", nargs=-1, metavar="")
@click.option(
    "--telegrams",
    "telegrams",
    multiple=True,
    metavar="FILES...",
    help="Archive telegram files, arriving at their 'Received' stamps, in that order.",
)
@click.option("--hours", type=float, callback=_positive, help="Hours of synthetic traffic [24].")
@click.option(
    "--rate",
    "rates",
    multiple=True,
    metavar="CLASS=N/h",
    callback=_rates,
    help="Mean synthetic arrivals of a class (top, urgent, ordinary) an hour; repeat. "
    "Default: top=0.25/h urgent=0.75/h ordinary=2/h.",
)
@click.option("--start", metavar="DATE", help="First day of synthetic traffic [7/XII.1950].")
@click.option(
    "--clerks", type=int, callback=_at_least_one, help="Cipher clerks on each shift [6 and 3]."
)
@click.option(
    "--shift",
    "shifts",
    multiple=True,
    metavar="HH:MM-HH:MM[=N]",
    callback=_shifts,
    help="A shift and its clerks (N, else --clerks); repeat. [08:00-20:00=6, 20:00-08:00=3]",
)
@click.option("--lines", type=int, callback=_at_least_one, help="Lines to each destination [1].")
@click.option(
    "--via", type=click.Choice(["morse", "teleprinter"]), help="How the lines send [morse]."
)
@click.option("--wpm", type=float, callback=_positive, help="Morse speed [16].")
@click.option("--baud", type=float, callback=_positive, help="Teleprinter speed [50].")
@click.option(
    "--preempt", is_flag=True, help="TOP PRIORITY interrupts a cable being sent (it resumes)."
)
@click.option("--check/--no-check", default=True, show_default=True, help="A second clerk checks.")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Seed of the run.")
@click.option(
    "--pad",
    metavar="PADBOOK",
    help="Pad book for every destination (default: classroom books seeded from --seed).",
)
@CODEBOOK_OPTION
@click.option("--out", metavar="DIR", help="Write records, summary, pads (and plots) to DIR.")
@click.option("--plot", is_flag=True, help="Also draw timeline.png and queues.png in DIR.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def simulate(
    more: tuple[str, ...],
    telegrams: tuple[str, ...],
    hours: float | None,
    rates: dict[Precedence, float],
    start: str | None,
    clerks: int | None,
    shifts: tuple[str, ...],
    lines: int | None,
    via: str | None,
    wpm: float | None,
    baud: float | None,
    preempt: bool,
    check: bool,
    seed: int,
    pad: str | None,
    codebook: str | None,
    out: str | None,
    plot: bool,
    as_json: bool,
) -> None:
    """Run the cipher department over real telegrams or a day's (a year's) synthetic traffic.

    Every telegram is registered, waits for a cipher clerk (TOP PRIORITY first), is
    really enciphered and checked, waits for a line, is sent and deciphered at the far
    end.  Prints the waiting and time in the system by class, how busy clerks and lines
    were and how long the queues grew.

    \b
        cipherwire simulate --telegrams seeds/000_ee3f4792618692d7.txt
        cipherwire simulate --hours 24 --rate urgent=1/h --lines 2 --out day --plot
    """
    files = telegrams + more
    if more and not telegrams:
        raise click.UsageError(f"unexpected argument {more[0]!r}; files go after --telegrams")
    if files and (hours is not None or rates or start is not None):
        raise click.UsageError("give either --telegrams FILES or --hours/--rate, not both")
    if not files and hours is None and not rates:
        raise click.UsageError("give --telegrams FILES, or --hours H and --rate CLASS=N/h")
    if plot and out is None:
        raise click.BadParameter(
            "plots are written to a folder: add --out DIR", param_hint="--plot"
        )
    if shifts and clerks is None and any("=" not in s for s in shifts):
        raise click.BadParameter(
            "say how many clerks: HH:MM-HH:MM=N, or --clerks N", param_hint="--shift"
        )
    folder = check_new_folder(out) if out is not None else None
    if plot:
        plots.require()
    config = _config(shifts, clerks, lines, via, wpm, baud, preempt, check)

    if files:
        workload = Workload.from_files(files, zone=config.zone)
    else:
        try:
            day = ArchiveDate.from_text(start).to_date() if start is not None else _START
        except DateFormatError as exc:
            raise click.BadParameter(str(exc), param_hint="--start") from None
        workload = Workload.synthetic(
            hours=hours if hours is not None else 24.0,
            rates=rates or DEFAULT_RATES,
            start=dt.datetime.combine(day, dt.time(0), tzinfo=ZoneInfo(config.zone)),
            seed=seed,
            destinations=[(link.destination, link.share) for link in config.links],
        )
    book = load_codebook(codebook)
    pads: PadSupply | None = None
    if pad is not None:
        if not Path(pad).exists():
            raise click.BadParameter(f"{pad!r}: no such pad book", param_hint="--pad")
        pads = PadSupply.given(PadBook.open(pad))
    elif folder is not None:
        (folder / "pads").mkdir(parents=True)
        pads = PadSupply.classroom(folder / "pads", seed=seed)
    simulation = Simulation(workload, config, seed=seed, codebook=book, pads=pads)
    run, interrupted = _run(simulation, len(workload))
    report = Report.of(run)
    written = _write(run, report, folder, plot=plot and not interrupted) if folder else []
    if as_json:
        emit_json({"summary": report.to_json(), "telegrams": [r.to_json() for r in run.records]})
    else:
        click.echo(report.to_text(), nl=False)
    if written:
        note(f"wrote {', '.join(written)} and the pad books (pads/) to {folder}")
    if interrupted:
        where = f"their records are in {folder}" if folder else "nothing was saved (use --out DIR)"
        note(f"interrupted: {len(run.records)} of {run.expected} telegrams had been read; {where}")
        raise click.exceptions.Exit(130)
    bad = [r.serial for r in run.records if r.decoded is False]
    if bad:
        note(f"telegrams {bad} did not decipher to their text")
        raise click.exceptions.Exit(1)


__all__ = ["simulate"]
