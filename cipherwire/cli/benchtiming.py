"""How ``cipherwire bench`` times a figure: beside its baseline, alternately, without the GC.

:func:`paired` runs a baseline and a candidate alternately (so that a machine getting
busier or quieter moves both) with the garbage collector off (:func:`no_gc`, as
:mod:`timeit` does) and returns the median of each; :func:`figure_from_times` makes a
:class:`~cipherwire.cli.benchreport.Figure` of the two, its ratio the baseline's time
over the candidate's.  The method is described in docs/performance.md.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cipherwire.cli.benchreport import Figure


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Time without Python's cyclic garbage collector, as :mod:`timeit` does: otherwise
    a collection over the run's long-lived objects lands in whichever side it happens to."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def paired(
    baseline: Callable[[], object], candidate: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median seconds of each, run alternately, after one untimed run of each."""
    baseline()
    candidate()
    tb: list[float] = []
    tc: list[float] = []
    for _ in range(repeats):
        with no_gc():
            start = time.perf_counter()
            baseline()
            tb.append(time.perf_counter() - start)
        with no_gc():
            start = time.perf_counter()
            candidate()
            tc.append(time.perf_counter() - start)
    return statistics.median(tb), statistics.median(tc)


def figure_from_times(
    name: str,
    unit: str,
    work: float,
    times: tuple[float, float],
    *,
    baseline: str,
    goal: float | None,
    repeats: int,
    note: str = "",
    scale: float = 1.0,
) -> Figure:
    """The figure of *work* (in units of *scale*) done in the baseline's and the candidate's
    median *times*: both throughputs, their ratio and whether it reaches *goal*."""
    tb, tc = times
    value, base = work / tc / scale, work / tb / scale
    ratio = value / base
    return Figure(
        name=name,
        unit=unit,
        value=round(value, 2),
        baseline=baseline,
        baseline_value=round(base, 2),
        ratio=round(ratio, 3),
        goal=goal,
        goal_text=f">= {goal:g}x" if goal is not None else "",
        met=None if goal is None else ratio >= goal,
        repeats=repeats,
        note=note,
    )


def time_runs(work: Callable[[], object], repeats: int) -> list[float]:
    """Seconds of each of *repeats* runs of *work*, after one untimed run."""
    work()
    times = []
    for _ in range(repeats):
        with no_gc():
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return times


@contextlib.contextmanager
def scratch_folder(parent: Path | None) -> Iterator[Path]:
    """A new folder in *parent* (None: the system's temporary folder), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="cipherwire-bench-", dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["figure_from_times", "no_gc", "paired", "scratch_folder", "time_runs"]
