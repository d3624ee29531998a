"""The department model against queueing theory: Erlang C (M/M/c), Cobham (non-pre-emptive
priorities in M/M/1) and Little's law, on long runs in the queueing mode.

The queueing mode (``service=Exponential(...)``) draws exponential service times instead of
enciphering real messages; everything else -- the telegram process, the clerks' priority
queue, the lines, the records -- is the code of every run.  Registration, checking,
transmission and deciphering take no time here, so the cipher clerks are the one queue.

**Confidence intervals: batch means.**  One long run from an empty department; the first
5% of the customers (in order of arrival, per class for Cobham) are dropped as warm-up;
the rest are cut into k = 20 consecutive batches; the batch means are taken as
independent and normal (each batch is thousands of customers, far longer than the
queue's relaxation time: about 130 service times for ρ = 0.7), and the 99% interval is
mean ± t(0.995, 19) · s / √20 with t = 2.861 (Student's t table).  The tests assert that
the theoretical value lies inside the interval, and that the interval is narrow enough
(half-width under 12% of the value) for that to mean something.

The seeds are fixed, so the runs are deterministic: with a 99% interval about one seed in
a hundred would miss (per quantity), and these seeds were not picked to flatter the
model -- they were the first ones tried.  ``CIPHERWIRE_LONG_TESTS=1`` runs ten times
longer runs (about 3 minutes), whose intervals are about a third as wide.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from cipherwire.department import DepartmentConfig, Exponential, Report, Run, Shift, Workload
from cipherwire.department import simulate as run_department
from cipherwire.department.records import minutes
from cipherwire.department.workload import Rhythm
from cipherwire.telegram.document import Precedence

LONG = os.environ.get("CIPHERWIRE_LONG_TESTS") == "1"
CUSTOMERS = 1_000_000 if LONG else 100_000
BATCHES = 20
T_995_19 = 2.861  # Student's t, 19 degrees of freedom, 99.5th percentile
WARM_UP = 0.05
UTC = ZoneInfo("UTC")
START = dt.datetime(1950, 1, 1, tzinfo=UTC)


def batch_means_ci(values: list[float]) -> tuple[float, float]:
    """(mean, half-width of the 99% interval) by 20 batch means after a 5% warm-up."""
    data = np.asarray(values[int(len(values) * WARM_UP) :], dtype=float)
    means = np.array([chunk.mean() for chunk in np.array_split(data, BATCHES)])
    return float(means.mean()), T_995_19 * float(means.std(ddof=1)) / math.sqrt(BATCHES)


def erlang_c_wait(c: int, arrival_rate: float, service_rate: float) -> float:
    """Mean wait in queue of M/M/c: Erlang's C formula over (cμ - λ)."""
    a = arrival_rate / service_rate
    rho = a / c
    top = a**c / math.factorial(c) / (1 - rho)
    p_wait = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    return p_wait / (c * service_rate - arrival_rate)


def cobham_waits(rates: list[float], service_rate: float) -> list[float]:
    """Mean waits of non-pre-emptive priority classes (highest first) in M/M/1 (Cobham 1954):
    W_k = W0 / ((1 - σ_{k-1})(1 - σ_k)), W0 = Σ λ_i E[S²]/2, σ_k = Σ_{i<=k} λ_i/μ."""
    w0 = sum(rate * 2 / service_rate**2 for rate in rates) / 2
    out, sigma = [], 0.0
    for rate in rates:
        before, sigma = sigma, sigma + rate / service_rate
        out.append(w0 / ((1 - before) * (1 - sigma)))
    return out


def _queue(clerks: int, rates: dict[Precedence, float], *, seed: int) -> Run:
    """A long run: Poisson arrivals (per minute), exponential enciphering of mean 1 minute."""
    total = sum(rates.values())
    workload = Workload.synthetic(
        hours=CUSTOMERS / total / 60,
        rates={p: r * 60 for p, r in rates.items()},
        start=START,
        seed=seed,
        rhythm=Rhythm(amplitude=0.0),
        texts=False,
    )
    config = DepartmentConfig(
        zone="UTC",
        shifts=(Shift(name="all", start=dt.time(0), end=dt.time(0), clerks=clerks),),
        registration=0.0,
        checking=False,
        service=Exponential(enciphering=1.0),
    )
    return run_department(workload, config, seed=seed)


@pytest.fixture(scope="module")
def mmc() -> Run:
    """M/M/2 at ρ = 0.7: λ = 1.4 a minute, μ = 1 a minute."""
    return _queue(2, {Precedence.ORDINARY: 1.4}, seed=1)


@pytest.fixture(scope="module")
def priorities() -> Run:
    """M/M/1 at ρ = 0.7 with three classes: λ = 0.1, 0.2, 0.4 a minute, μ = 1."""
    rates = {Precedence.TOP: 0.1, Precedence.URGENT: 0.2, Precedence.ORDINARY: 0.4}
    return _queue(1, rates, seed=1)


def test_erlang_c_formula_known_values() -> None:
    """The reference formulas themselves: M/M/1 gives ρ/(μ-λ); c = 2, a = 1.4 by hand."""
    assert erlang_c_wait(1, 0.7, 1.0) == pytest.approx(0.7 / 0.3)
    assert erlang_c_wait(2, 1.4, 1.0) == pytest.approx((0.98 / 0.3) / (2.4 + 0.98 / 0.3) / 0.6)
    assert cobham_waits([0.7], 1.0) == pytest.approx([0.7 / 0.3])  # one class: M/M/1
    assert cobham_waits([0.1, 0.2, 0.4], 1.0) == pytest.approx([0.7 / 0.9, 0.7 / 0.63, 0.7 / 0.21])


def test_mmc_mean_wait_is_erlang_c(mmc: Run) -> None:
    """M/M/2, ρ = 0.7: the mean wait for a clerk is Erlang C's 0.9608 min, inside the 99% CI."""
    theory = erlang_c_wait(2, 1.4, 1.0)
    mean, half = batch_means_ci([minutes(r.clerk_wait) for r in mmc.records])
    assert abs(mean - theory) <= half, (mean, half, theory)
    assert half < 0.12 * theory


def test_mmc_utilisation_is_rho(mmc: Run) -> None:
    """The clerks are busy ρ = 0.7 of the time (within 4 standard errors of the count)."""
    (clerks,) = [r for r in mmc.resources if r.name == "cipher clerks"]
    assert clerks.utilisation == pytest.approx(
        0.7, abs=4 * 0.7 / math.sqrt(len(mmc.records)) + 0.01
    )


def test_priority_classes_follow_cobham(priorities: Run) -> None:
    """M/M/1, three non-pre-emptive classes: each class's mean wait is Cobham's, in its CI."""
    rates = [0.1, 0.2, 0.4]
    for precedence, theory in zip(Precedence, cobham_waits(rates, 1.0), strict=True):
        waits = [minutes(r.clerk_wait) for r in priorities.records if r.precedence is precedence]
        mean, half = batch_means_ci(waits)
        assert abs(mean - theory) <= half, (precedence, mean, half, theory)
        assert half < 0.12 * theory


@pytest.mark.parametrize("which", ["mmc", "priorities"])
def test_littles_law_on_the_long_runs(which: str, request: pytest.FixtureRequest) -> None:
    """L = λW: exactly over the run (observed λ), and with the nominal λ within the Poisson
    count's error (4 standard deviations of N/λT, i.e. 4/√(λT))."""
    run: Run = request.getfixturevalue(which)
    nominal = 1.4 if which == "mmc" else 0.7  # arrivals a minute
    report = Report.of(run)
    for law in report.little:
        assert law.gap < 1e-6, law
    clerks = next(law for law in report.little if law.name == "clerks")
    expected = nominal * run.minutes
    tolerance = 4 / math.sqrt(expected)
    assert math.isclose(clerks.L, nominal * clerks.W, rel_tol=tolerance)
    # and L itself against queueing theory's Lq = λ Wq, as the Erlang check allows
    if which == "mmc":
        assert math.isclose(clerks.L, 1.4 * erlang_c_wait(2, 1.4, 1.0), rel_tol=0.12)
