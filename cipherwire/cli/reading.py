"""``venona read``: read two messages in depth, with the codebook known."""

from __future__ import annotations

import re
from typing import Any

import click

from cipherwire.analysis.depth import by_indicator
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Crib, check_groups
from cipherwire.analysis.reading import THRESHOLD, Reading, Tally, read
from cipherwire.cable.form import Cable
from cipherwire.cli.app import emit_json, load_codebook
from cipherwire.cli.venona import ZIPF_OPTION, venona
from cipherwire.codebook.book import Codebook
from cipherwire.errors import AnalysisError
from cipherwire.venona.folder import Traffic

_PAIR = re.compile(r"^\s*([0-9]+)\s*[,-]\s*([0-9]+)\s*$")


def _pair(text: str) -> tuple[int, int]:
    """Two message numbers, smaller first (one named twice: a message in depth with
    itself, its page read forward and then backwards)."""
    match = _PAIR.match(text)
    if match is None:
        raise click.BadParameter(
            f"{text!r} is not two message numbers like 12,345", param_hint="PAIR"
        )
    a, b = int(match[1]), int(match[2])
    return (a, b) if a <= b else (b, a)


def _crib(text: str) -> Crib:
    try:
        return Crib.from_text(text)
    except AnalysisError as exc:
        raise click.BadParameter(str(exc), param_hint="--crib") from None


@venona.command("read")
@click.argument("folder", metavar="DIR")
@click.argument("pair", metavar="PAIR")
@click.option(
    "--crib",
    "cribs",
    multiple=True,
    metavar="TEXT@MESSAGE:GROUP",
    help="Known plaintext: TEXT stands from code group GROUP of MESSAGE (repeatable).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=THRESHOLD,
    show_default=True,
    help="Probability from which a code group counts as recovered.",
)
@ZIPF_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def venona_read(
    folder: str, pair: str, cribs: tuple[str, ...], threshold: float, zipf: float, as_json: bool
) -> None:
    """Read the messages PAIR (numbers from 0 as in DIR/cables.txt, e.g. 12,345; 15,15
    for a message whose clerk read a page forward and then backwards) where they share
    additive, found by their indicators; with DIR's truth, also say how many code groups
    were read right."""
    first, second = _pair(pair)
    known = [_crib(c) for c in cribs]
    traffic = Traffic.load(folder)
    intercepts = traffic.intercepts()
    count = len(intercepts)
    for m in (first, second):
        if m >= count:
            raise AnalysisError(f"{folder}: no message {m} (its messages are 0-{count - 1})")
    depths = [d for d in by_indicator(intercepts) if (d.first, d.second) == (first, second)]
    if not depths and first == second:
        raise AnalysisError(
            f"message {first} is not in depth with itself (no page indicator shown twice); "
            "name two messages"
        )
    if not depths:
        raise AnalysisError(
            f"messages {first} and {second} are not in depth (no indicator in common)"
        )
    book = load_codebook(None, named=Cable.from_text(traffic.cables[first]).preamble.codebook)
    model = CodeModel.for_prose(None if book == Codebook.default() else book, zipf=zipf)
    checks = check_groups(traffic.cables)
    readings = [
        read(intercepts, d, book, model, checks=checks, cribs=known, threshold=threshold)
        for d in depths
    ]
    truth = _truth(traffic, book, readings, count)
    if as_json:
        out: dict[str, Any] = {"readings": [r.to_json() for r in readings]}
        if truth is not None:
            out["truth"] = truth.to_json()
        emit_json(out)
        return
    click.echo("\n".join(r.to_text() for r in readings), nl=False)
    if truth is not None:
        click.echo(
            f"TRUTH: {truth.correct} of {truth.groups} code groups in depth read right "
            f"({truth.share:.0%}); {truth.claimed_correct} of the {truth.claimed} "
            "recovered are right"
        )


def _truth(traffic: Traffic, book: Codebook, readings: list[Reading], count: int) -> Tally | None:
    """The readings scored against DIR/truth.json, when there is one (one part a cable)."""
    if traffic.messages is None or len(traffic.messages) != count:
        return None
    total = Tally()
    for r in readings:
        a, b = (book.encode(traffic.messages[m].text) for m in (r.depth.first, r.depth.second))
        total += r.score(a, b)
    return total


__all__ = ["venona_read"]
