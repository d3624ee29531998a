"""Benchmarks of the department simulation (opt-in, never part of the default test run).

Telegrams simulated a second by the full model -- every telegram really encoded,
enciphered with fresh pad pages, timed on the wire model, deciphered and stamped -- beside
a bare SimPy model with the same queues (priority queues for the cipher clerks, a second
request for the checker, the lines and the clerks at the far end) and the same service
times, but no documents, no records and no bookkeeping.  They assert nothing about speed.

Run with::

    .venv/bin/python -m pytest benchmarks/test_bench_department.py --benchmark-enable

(with benchmarks disabled, as in the default test run, each runs once as a smoke test), or,
for the issue's year of a busy department (100,000 telegrams; about a minute a round)::

    .venv/bin/python -m benchmarks.test_bench_department 100000 3

which runs both models that many rounds, alternately, and prints each round's rates and
ratio and their medians.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import simpy
from pytest_benchmark.fixture import BenchmarkFixture

from cipherwire.department import DepartmentConfig, Link, PadSupply, Shift, Workload, simulate
from cipherwire.telegram.document import Precedence
from cipherwire.wire.line import Telegraphy

#: A busy department: 100,000 telegrams a year (11.4 an hour), on teleprinter lines.
RATES = {Precedence.TOP: 1.0, Precedence.URGENT: 3.0, Precedence.ORDINARY: 7.4}
CONFIG = DepartmentConfig(
    shifts=(Shift(name="all", start=dt.time(0), end=dt.time(0), clerks=12),),
    links=(
        Link(
            destination="BEIJING",
            zone="Asia/Shanghai",
            lines=2,
            via=Telegraphy.TELEPRINTER,
            clerks=6,
        ),
    ),
)
START = dt.datetime(1950, 1, 1, tzinfo=ZoneInfo("Europe/Moscow"))


def busy_workload(telegrams: int, *, seed: int = 1950) -> Workload:
    """About ``telegrams`` telegrams of a busy department's traffic, with their texts."""
    hours = telegrams / sum(RATES.values())
    return Workload.synthetic(hours=hours, rates=RATES, start=START, seed=seed)


def bare_model(workload: Workload, config: DepartmentConfig = CONFIG) -> int:
    """The same queues in plain SimPy, service times from the word counts; returns the
    number of telegrams read."""
    env = simpy.Environment()
    link = config.links[0]
    clerks = simpy.PriorityResource(env, capacity=config.shifts[0].clerks)
    lines = simpy.PriorityResource(env, capacity=link.lines)
    readers = simpy.PriorityResource(env, capacity=link.clerks)
    seconds_a_group = 6 * 7.5 / link.baud  # six characters a group at 7.5 elements each
    done = [0]

    def telegram(rank: int, groups: int) -> Generator[simpy.Event, Any, None]:
        yield env.timeout(config.registration)
        with clerks.request(priority=rank) as request:
            yield request
            yield env.timeout(groups / config.encipher_rate)
        with clerks.request(priority=rank) as request:
            yield request
            yield env.timeout(groups / config.check_rate)
        with lines.request(priority=rank) as request:
            yield request
            yield env.timeout(groups * 0.8 * seconds_a_group / 60)
        with readers.request(priority=rank) as request:
            yield request
            yield env.timeout(groups / link.decipher_rate)
        done[0] += 1

    def arrivals() -> Generator[simpy.Event, Any, None]:
        for arrival in workload.arrivals:
            at = (arrival.time - workload.start).total_seconds() / 60
            yield env.timeout(max(0.0, at - env.now))
            words = len(arrival.telegram.body.split()) if arrival.telegram else 100
            env.process(telegram(arrival.precedence.rank, words))

    env.process(arrivals())
    env.run()
    return done[0]


def full_model(workload: Workload, folder: Path) -> int:
    """The department model with real enciphering; returns the number of telegrams read."""
    with PadSupply.classroom(folder, seed=1950) as pads:
        return len(simulate(workload, CONFIG, pads=pads).records)


@pytest.fixture(scope="module")
def week() -> Workload:
    """A week of the busy department (about 1,900 telegrams)."""
    return busy_workload(1_900)


@pytest.mark.benchmark(group="department, a week (about 1,900 telegrams)")
def test_full_model_with_real_enciphering(
    benchmark: BenchmarkFixture, week: Workload, tmp_path: Path
) -> None:
    """The department model: every telegram enciphered, sent, deciphered."""
    folders = iter(range(100))

    def once() -> int:
        folder = tmp_path / str(next(folders))
        folder.mkdir()
        return full_model(week, folder)

    read = benchmark.pedantic(once, rounds=3, iterations=1)
    assert read == len(week)
    if benchmark.enabled:  # no statistics when benchmarks are disabled
        benchmark.extra_info["telegrams_per_second"] = read / benchmark.stats.stats.median


@pytest.mark.benchmark(group="department, a week (about 1,900 telegrams)")
def test_bare_simpy_model(benchmark: BenchmarkFixture, week: Workload) -> None:
    """The same queues in plain SimPy, no documents."""
    read = benchmark.pedantic(bare_model, args=(week,), rounds=5, iterations=1)
    assert read == len(week)
    if benchmark.enabled:
        benchmark.extra_info["telegrams_per_second"] = read / benchmark.stats.stats.median


def main(telegrams: int, rounds: int = 1) -> None:
    """Time both models on ``telegrams`` telegrams, ``rounds`` times alternately, and print
    the rates, their ratio and (over several rounds) the medians."""
    began = time.perf_counter()
    workload = busy_workload(telegrams)
    made = time.perf_counter() - began
    print(f"workload: {len(workload)} telegrams with texts, made in {made:.1f} s")
    bare_rates, full_rates, ratios = [], [], []
    for round_ in range(1, rounds + 1):
        began = time.perf_counter()
        bare = bare_model(workload)
        bare_rate = bare / (time.perf_counter() - began)
        with tempfile.TemporaryDirectory(prefix="cipherwire-bench-") as folder:
            began = time.perf_counter()
            full = full_model(workload, Path(folder))
            seconds = time.perf_counter() - began
        full_rate = full / seconds
        bare_rates.append(bare_rate)
        full_rates.append(full_rate)
        ratios.append(full_rate / bare_rate)
        print(f"round {round_}:")
        print(f"  bare SimPy model:        {bare_rate:9,.0f} telegrams/s")
        print(f"  full model (enciphered): {full_rate:9,.0f} telegrams/s ({seconds:.1f} s)")
        print(f"  ratio full / bare: {full_rate / bare_rate:.3f}x")
    if rounds > 1:
        print(f"median of {rounds} rounds:")
        print(f"  bare SimPy model:        {statistics.median(bare_rates):9,.0f} telegrams/s")
        print(f"  full model (enciphered): {statistics.median(full_rates):9,.0f} telegrams/s")
        print(f"  ratio full / bare: {statistics.median(ratios):.3f}x")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1,
    )
