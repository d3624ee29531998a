"""The VENONA lesson's commands: ``venona generate`` and ``venona find`` (``venona read``
is in :mod:`cipherwire.cli.reading`)."""

from __future__ import annotations

import time
from typing import Any

import click

from cipherwire.analysis.depth import Depth, by_indicator, score
from cipherwire.analysis.model import P_FLOOR, CodeModel
from cipherwire.analysis.statistics import FALSE_ALARMS, by_statistics
from cipherwire.cli.app import ProgressBar, cli, emit_json, note
from cipherwire.codebook.prose import Prose
from cipherwire.venona.folder import LINKS, Traffic
from cipherwire.venona.traffic import TrafficPlan, generate

ZIPF_OPTION = click.option(
    "--zipf",
    type=click.FloatRange(0, 3),
    default=1.0,
    show_default=True,
    help="Word-frequency exponent of the traffic's prose (1.0: English); the analyst's "
    "code-group frequencies are counted on such prose.",
)


@cli.group("venona")
def venona() -> None:
    """Why a one-time pad must never be used twice: simulated traffic with duplicated
    pad pages, finding the messages in depth, and reading them."""


def _range(text: str) -> tuple[int, int]:
    low, sep, high = text.partition("-")
    if not (sep and low.strip().isdigit() and high.strip().isdigit()):
        raise click.BadParameter(
            f"expected LOW-HIGH, e.g. 50-300, not {text!r}", param_hint="--groups"
        )
    return int(low), int(high)


@venona.command("generate")
@click.option("--messages", type=int, default=1000, show_default=True, help="How many cables.")
@click.option(
    "--links",
    type=click.IntRange(1, len(LINKS)),
    default=3,
    show_default=True,
    help=f"Links (residencies sending to Moscow), from {', '.join(n for n, _ in LINKS)}.",
)
@click.option(
    "--groups",
    "groups",
    default="50-300",
    show_default=True,
    metavar="LOW-HIGH",
    help="Text groups of a message.",
)
@click.option(
    "--duplicate-fraction",
    type=float,
    default=0.0,
    show_default=True,
    help="Share of the pad pages also printed in another link's book (the 1942 fault).",
)
@click.option(
    "--reverse-fraction",
    type=float,
    default=0.0,
    show_default=True,
    help="Share of messages whose clerk read the first page again, backwards.",
)
@click.option(
    "--seed", type=int, default=None, help="Make the traffic reproducible (classroom pads)."
)
@click.option("--out", "out", required=True, metavar="DIR", help="New folder for the traffic.")
@click.option(
    "--zipf",
    type=float,
    default=1.0,
    show_default=True,
    help="Word-frequency exponent of the prose: 1.0 is English; higher, more repetitive.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def generate_command(
    messages: int,
    links: int,
    groups: str,
    duplicate_fraction: float,
    reverse_fraction: float,
    seed: int | None,
    out: str,
    zipf: float,
    as_json: bool,
) -> None:
    """Write simulated traffic to DIR: cables.txt, the links' pad books, and truth.json
    (what only the generator knows: texts, duplicated pages, depths)."""
    plan = TrafficPlan(
        messages=messages,
        links=links,
        groups=_range(groups),
        duplicate_fraction=duplicate_fraction,
        reverse_fraction=reverse_fraction,
        seed=seed,
        text=Prose.telegraphese(zipf=zipf),
    )
    began = time.perf_counter()
    traffic = generate(plan, out)
    seconds = time.perf_counter() - began
    summary = traffic.summary(folder=out)
    if as_json:
        emit_json({**summary.to_json(), "seconds": round(seconds, 2)})
        return
    click.echo(summary.to_text(), nl=False)


@venona.command("find")
@click.argument("folder", metavar="DIR")
@click.option(
    "--by",
    "method",
    type=click.Choice(["indicator", "statistics"]),
    default="indicator",
    show_default=True,
    help="Match the indicators in clear, or test every pair of pages without them.",
)
@click.option(
    "--false-alarms",
    type=float,
    default=FALSE_ALARMS,
    show_default=True,
    help="With --by statistics: wrong findings the whole search may expect.",
)
@ZIPF_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def find_command(folder: str, method: str, false_alarms: float, zipf: float, as_json: bool) -> None:
    """Find the cables of DIR that are in depth, and where; score the finding against
    the truth when DIR has it."""
    traffic = Traffic.load(folder)
    intercepts = traffic.intercepts()
    began = time.perf_counter()
    p_values: tuple[float, ...] | None = None
    if method == "indicator":
        depths = tuple(by_indicator(intercepts))
        stretches = pairs = None
    else:
        with ProgressBar(1000, "testing pairs", show=len(intercepts) >= 2000) as bar:

            def progress(done: int, total: int) -> None:
                bar.to(done * 1000 // total)

            model = CodeModel.for_prose(zipf=zipf)
            search = by_statistics(
                intercepts, model=model, false_alarms=false_alarms, progress=progress
            )
        depths, p_values = search.depths, search.p_values
        stretches, pairs = search.stretches, search.pairs
    seconds = time.perf_counter() - began
    truth = score(depths, traffic.depths).to_json() if traffic.depths is not None else None
    if as_json:
        emit_json(
            {
                "method": method,
                "messages": len(intercepts),
                "page_stretches": stretches,
                "pairs_checked": pairs,
                "seconds": round(seconds, 2),
                "depths": [_depth_json(d, p_values, i) for i, d in enumerate(depths)],
                "truth": truth,
            }
        )
        return
    checked = f", {pairs:,} pairs of {stretches:,} page stretches checked" if pairs else ""
    click.echo(
        f"{len(depths)} stretches in depth among {len(intercepts)} cables "
        f"(by {method}{checked}, {seconds:.1f} s)"
    )
    for i, d in enumerate(depths):
        extra = "  read backwards" if d.reverse else ""
        if p_values is not None:
            extra += "  p < 1e-12" if p_values[i] <= P_FLOOR else f"  p {p_values[i]:.1e}"
        click.echo(
            f"  {d.first:>6} group {d.first_at:<4} ~ {d.second:>6} group {d.second_at:<4}"
            f" {d.length:>3} groups{extra}"
        )
    if truth is not None:
        click.echo(
            f"against the truth: {truth['correct']} of {truth['true']} depths found, "
            f"precision {truth['precision']:.3f}, recall {truth['recall']:.3f}"
        )
    else:
        note("no truth.json in the folder: precision and recall not scored")


def _depth_json(depth: Depth, p_values: tuple[float, ...] | None, i: int) -> dict[str, Any]:
    out: dict[str, Any] = dict(depth.to_json())
    if p_values is not None:
        out["p_value"] = float(f"{p_values[i]:.3e}")
    return out


__all__ = ["venona"]
