"""Benchmarks of the VENONA lesson: making traffic and finding depths (opt-in).

The issue's goal: depth finding without indicators on 10,000 messages of 50-300 groups
with 2 % of pages duplicated, all pairs checked, in under 2 minutes; report how the cost
grows with the number of messages, and precision and recall against the generator's
truth.  These benchmarks assert nothing about speed.

Run with::

    .venv/bin/python -m pytest benchmarks/test_bench_venona.py --benchmark-enable

or, for the report (traffic of 1,000 to 10,000 messages; a few minutes)::

    .venv/bin/python benchmarks/test_bench_venona.py 1000 2000 5000 10000

which prints, for each size, the seconds to make the traffic and to search it, the pairs
of page stretches checked, precision and recall overall and by kind of depth, and beside
them how many depths the most powerful test of one pair at a time could find
(:func:`ceiling`); then the reading goal (:func:`reading`): the share of the code groups
in depth read right with the codebook known.
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from pytest_benchmark.fixture import BenchmarkFixture

from cipherwire.analysis.depth import Depth, by_indicator, score
from cipherwire.analysis.evaluation import evaluate
from cipherwire.analysis.forwards import Tables
from cipherwire.analysis.likelihood import depth_ratios
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.reading import Tally
from cipherwire.analysis.statistics import FALSE_ALARMS, by_statistics
from cipherwire.codebook.book import Codebook
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.venona.folder import Traffic
from cipherwire.venona.traffic import TrafficPlan, generate


def traffic(messages: int, folder: Path, *, seed: int = 1944) -> Traffic:
    """The issue's traffic: 5 links, 50-300 groups, 2 % of pages duplicated."""
    plan = TrafficPlan(messages=messages, links=5, duplicate_fraction=0.02, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    return generate(plan, folder / f"traffic-{messages}")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Traffic:
    return traffic(1000, tmp_path_factory.mktemp("venona"))


def test_generate(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """Making 1,000 messages of traffic (texts, pads, cables, truth)."""
    runs = iter(range(1_000))
    benchmark.pedantic(lambda: traffic(1000, tmp_path / str(next(runs))), rounds=3, iterations=1)


def test_by_indicator(benchmark: BenchmarkFixture, small: Traffic) -> None:
    """Finding the depths of 1,000 messages by indicator."""
    intercepts = small.intercepts()
    found = benchmark(by_indicator, intercepts)
    assert small.depths is not None
    assert score(found, small.depths).recall == 1.0


def test_by_statistics(benchmark: BenchmarkFixture, small: Traffic) -> None:
    """Testing every pair of page stretches of 1,000 messages."""
    intercepts = small.intercepts()
    CodeModel.default()  # made once, as a run of the command makes it
    benchmark.pedantic(by_statistics, args=(intercepts,), rounds=3, iterations=1)


def kind(depth: Depth) -> str:
    """How a depth's code groups sit: aligned, shifted, or read backwards; and whole or not."""
    if depth.reverse:
        how = "reverse"
    else:
        shift = (
            ((depth.first_at - 1) // GROUPS_PER_PAGE - (depth.second_at - 1) // GROUPS_PER_PAGE)
            * 3
            % 4
        )
        how = "aligned" if shift == 0 else f"shifted {shift}"
    return f"{how}, {'full page' if depth.length == GROUPS_PER_PAGE - 1 else 'part page'}"


def ceiling(ratios: NDArray[np.float64], per_pair: float) -> tuple[int, int]:
    """How many of the depths of one kind (their exact log likelihood ratios) a test of
    one pair at a time could find, with at most ``per_pair`` chance of a false alarm on
    a pair: ``(sure, best)``.

    ``sure`` counts the ratios of at least ``log(1 / per_pair)``: a test on the ratio
    with that line is safe by Markov's inequality alone.  ``best`` estimates what the
    most powerful test (Neyman-Pearson: a line on the same ratio) finds: its line ``t``
    is where noise reaches ``t`` with probability ``per_pair``, and that probability is
    ``E[exp(-ratio); ratio >= t]`` over depths of the kind, estimated from these depths
    (importance sampling: an estimate, good to about a depth or two).
    """
    values = ratios[np.isfinite(ratios)]
    sure = int((values >= np.log(1 / per_pair)).sum())
    if values.size == 0:
        return sure, 0
    order = np.sort(values)[::-1]
    tail = np.cumsum(np.exp(-order)) / values.size  # noise's chance of the k-th ratio or more
    over = np.flatnonzero(tail > per_pair)
    return sure, int(over[0]) if over.size else int(values.size)


def main(sizes: list[int]) -> None:
    model = CodeModel.default()
    with tempfile.TemporaryDirectory() as scratch:
        for n in sizes:
            began = time.perf_counter()
            made = traffic(n, Path(scratch))
            made_s = time.perf_counter() - began
            search = by_statistics(made.intercepts())
            truth = made.depths or ()
            result = score(search.depths, truth)
            print(
                f"{n:>6} messages: traffic {made_s:6.1f} s; {search.stretches:,} page "
                f"stretches, {search.pairs:,} pairs checked in {search.seconds:6.1f} s; "
                f"{result.true} depths, precision {result.precision:.3f}, "
                f"recall {result.recall:.3f}"
            )
            found = {d.key for d in search.depths}
            ratios = depth_ratios(made.intercepts(), truth, Tables.of(model.windows[0]))
            per_pair = FALSE_ALARMS / search.pairs  # by_statistics's default
            kinds: dict[str, list[int]] = collections.defaultdict(list)
            for k, depth in enumerate(truth):
                kinds[kind(depth)].append(k)
            totals = [0, 0]
            for name in sorted(kinds):
                members = kinds[name]
                hit = sum(truth[k].key in found for k in members)
                sure, best = ceiling(ratios[members], per_pair)
                totals[0] += sure
                totals[1] += best
                print(
                    f"         {name:<28} {hit:>5} of {len(members):>5} found "
                    f"({hit / len(members):.0%}); the best test: {best:>5} "
                    f"(surely {sure})"
                )
            if truth:
                print(
                    f"         the best test of one pair at a time: about {totals[1]} "
                    f"({totals[1] / len(truth):.3f} of the depths), surely {totals[0]} "
                    "(reverse depths not counted)"
                )
            reading(made, search.depths, model)


def reading(made: Traffic, found: tuple[Depth, ...], model: CodeModel) -> None:
    """The reading goal: the share of code groups in depth recovered right, with the
    codebook known, for the depths the statistics found and for every depth (found by
    the indicators)."""
    book = Codebook.default()
    codes = book.encode_many([m.text for m in made.messages or ()])
    intercepts = made.intercepts()
    for name, depths in (
        ("depths found by statistics", found),
        ("every depth (by indicator)", tuple(by_indicator(intercepts))),
    ):
        began = time.perf_counter()
        result = evaluate(intercepts, depths, book, model, codes)
        seconds = time.perf_counter() - began
        aligned = result.by_shift().get(0, Tally())
        print(
            f"         reading {name:<27} {result.total.correct:>6} of "
            f"{result.total.groups:>6} code groups right ({result.share:.3f}; aligned "
            f"{aligned.share:.3f}) in {seconds:5.1f} s"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 2000, 5000, 10000])
