"""Tests for the department model: exact (event, time) traces, priorities, shifts, pre-emption,
real enciphering that decodes, reproducibility, and Little's law on every run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import decipher
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.department import (
    DepartmentConfig,
    Exponential,
    Link,
    PadSupply,
    Report,
    Run,
    Shift,
    Simulation,
    SimulationError,
    Workload,
    WorkloadError,
    simulate,
)
from cipherwire.department.workload import DEFAULT_RATES, Rhythm
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Precedence, Telegram
from cipherwire.wire.line import Line

MSK = ZoneInfo("Europe/Moscow")
PEKING = ZoneInfo("Asia/Shanghai")
SEED_FILE = Path(__file__).parents[2] / "seeds" / "000_ee3f4792618692d7.txt"
ROUND_THE_CLOCK = dt.time(0)


def _telegram(
    number: int, hour: int, minute: int, words: int, priority: str | None = None
) -> Telegram:
    """A telegram of ``words`` times ARMISTICE (one code group each), received on 7/XII.1950."""
    return Telegram(
        number=str(number),
        received_time=ArchiveTime(hour, minute),
        received_date=ArchiveDate.of(dt.date(1950, 12, 7)),
        destination="BEIJING",
        priority=priority,
        body=" ".join(["ARMISTICE"] * words),
    )


def _clerks(n: int, **changes: object) -> DepartmentConfig:
    """n clerks round the clock, no registration time, no checking (unless changed)."""
    shift = Shift(name="all", start=ROUND_THE_CLOCK, end=ROUND_THE_CLOCK, clerks=n)
    options: dict[str, object] = {"shifts": (shift,), "registration": 0.0, "checking": False}
    return DepartmentConfig(**{**options, **changes})  # type: ignore[arg-type]


def _trace(run: Run) -> list[tuple[int, str, str]]:
    return [
        (r.serial, stage, when.strftime("%H:%M:%S.%f").rstrip("0").rstrip("."))
        for r in run.records
        for stage, when in r.events()
    ]


def _little_holds(run: Run) -> None:
    for law in Report.of(run).little:
        assert law.gap < 1e-6, law


def test_seed_alone_trace_is_the_calibration() -> None:
    """The seed alone: 10 min registration, 350 groups at 6/min, checked at 16/min: 20:40."""
    run = simulate(Workload.from_files([SEED_FILE]))
    (record,) = run.records
    line = Line()
    on_line = dt.timedelta(seconds=line.seconds(record.cable or ""))
    dispatched = dt.datetime(1950, 12, 7, 20, 40, 12, 500000, tzinfo=MSK)
    assert record.events() == (
        ("received", dt.datetime(1950, 12, 7, 19, 10, tzinfo=MSK)),
        ("registered", dt.datetime(1950, 12, 7, 19, 20, tzinfo=MSK)),
        ("enciphering_started", dt.datetime(1950, 12, 7, 19, 20, tzinfo=MSK)),
        ("enciphered", dt.datetime(1950, 12, 7, 20, 18, 20, tzinfo=MSK)),
        ("checking_started", dt.datetime(1950, 12, 7, 20, 18, 20, tzinfo=MSK)),
        ("checked", dispatched),
        ("dispatched", dispatched),
        ("sent", dispatched + on_line),
        ("arrived", (dispatched + on_line).astimezone(PEKING)),
        ("deciphering_started", (dispatched + on_line).astimezone(PEKING)),
        ("deciphered", (dispatched + on_line + dt.timedelta(minutes=350 / 8)).astimezone(PEKING)),
    )
    assert (record.code_groups, record.cable_groups, record.interruptions) == (350, 290, 0)
    assert record.arrived.utcoffset() == dt.timedelta(hours=8)
    # the day clerk works on past 20:00 to finish; a night clerk checks: a second clerk
    assert (record.clerk, record.checker, record.line) == ("day 1", "night 1", "BEIJING 1")
    _little_holds(run)


def test_seed_is_stamped_in_the_archive_style() -> None:
    """The output telegram keeps its layout and carries the simulated stamps."""
    run = simulate(Workload.from_files([SEED_FILE]), DepartmentConfig(registration=0.0))
    text = run.records[0].telegram or ""
    assert "Received 19 hours 10 minutes  \n7/XII.1950" in text
    assert "Dispatched 20 hours 30 minutes  \n7/XII.1950" in text
    assert text.replace("30 minutes", "40 minutes") == SEED_FILE.read_text("utf-8")


def test_priority_overtakes_in_the_clerks_queue_exact_trace() -> None:
    """One clerk: the TOP PRIORITY telegram received last is enciphered second."""
    workload = Workload.from_telegrams(
        [_telegram(1, 10, 0, 60), _telegram(2, 10, 1, 30), _telegram(3, 10, 2, 30, "TOP PRIORITY")]
    )
    run = simulate(workload, _clerks(1))
    clerk_stages = [t for t in _trace(run) if t[1] in ("enciphering_started", "enciphered")]
    assert clerk_stages == [
        (1, "enciphering_started", "10:00:00"),
        (1, "enciphered", "10:10:00"),
        (2, "enciphering_started", "10:15:00"),
        (2, "enciphered", "10:20:00"),
        (3, "enciphering_started", "10:10:00"),
        (3, "enciphered", "10:15:00"),
    ]
    one, two, top = run.records
    # the line too serves in order of readiness: 1, then the top, then 2, back to back
    assert top.dispatched == one.sent and two.dispatched == top.sent
    for record in run.records:
        assert record.sent - record.dispatched == dt.timedelta(
            seconds=Line().seconds(record.cable or "")
        )
        assert record.decoded is True
    _little_holds(run)


@pytest.mark.parametrize("preempt", [False, True], ids=["waits", "preempts"])
def test_top_priority_and_a_busy_line(preempt: bool) -> None:
    """Without pre-emption TOP waits for the cable on the line; with it, it interrupts it."""
    workload = Workload.from_telegrams(
        [_telegram(1, 10, 0, 60), _telegram(2, 10, 12, 6, "TOP PRIORITY")]
    )
    run = simulate(workload, _clerks(2, preempt=preempt))
    ordinary, top = run.records
    at = dt.datetime(1950, 12, 7, 10, 13, tzinfo=MSK)  # the TOP cable is ready
    long, short = (dt.timedelta(seconds=Line().seconds(r.cable or "")) for r in run.records)
    assert ordinary.dispatched == dt.datetime(1950, 12, 7, 10, 10, tzinfo=MSK)
    if not preempt:
        assert top.dispatched == ordinary.sent == ordinary.dispatched + long
        assert top.line_wait == ordinary.sent - at
        assert ordinary.interruptions == 0
    else:
        assert (top.dispatched, top.sent, top.line_wait) == (at, at + short, dt.timedelta(0))
        assert ordinary.interruptions == 1
        assert ordinary.sent == top.sent + long - (at - ordinary.dispatched)
        assert ordinary.line_wait == short
    assert all(r.decoded for r in run.records)
    _little_holds(run)


def test_shift_change_overtime_and_handover() -> None:
    """A clerk finishes his telegram after his shift; the next shift takes the queue."""
    config = _clerks(1).replace(
        shifts=(
            Shift(name="early", start=dt.time(8), end=dt.time(9), clerks=1),
            Shift(name="late", start=dt.time(9), end=dt.time(8), clerks=1),
        )
    )
    workload = Workload.from_telegrams(
        [_telegram(1, 8, 45, 60), _telegram(2, 8, 50, 60), _telegram(3, 8, 58, 60)]
    )
    simulation = Simulation(workload, config)
    run = simulation.run()
    got = [
        (r.serial, r.clerk, f"{r.enciphering_started:%H:%M}", f"{r.enciphered:%H:%M}")
        for r in run.records
    ]
    assert got == [
        (1, "early 1", "08:45", "08:55"),
        (2, "early 1", "08:55", "09:05"),  # ten minutes of overtime
        (3, "late 1", "09:00", "09:10"),
    ]
    assert simulation.clerks.duty["early 1"] == pytest.approx(20.0)  # 08:45 to 09:05
    assert simulation.clerks.busy["early 1"] == pytest.approx(20.0)
    _little_holds(run)


def test_checker_is_never_the_encipherer() -> None:
    """With checking on, a second clerk checks every telegram."""
    start = dt.datetime(1950, 12, 7, tzinfo=MSK)
    workload = Workload.synthetic(
        hours=48,
        rates={Precedence.ORDINARY: 6.0, Precedence.TOP: 1.0},
        start=start,
        seed=3,
        texts=False,
    )
    config = _clerks(2, checking=True, service=Exponential(enciphering=8.0, checking=3.0))
    run = simulate(workload, config, seed=3)
    assert len(run.records) == len(workload) > 200
    assert all(r.checker is not None and r.checker != r.clerk for r in run.records)
    _little_holds(run)


def test_every_cable_decodes_back_to_its_telegram(tmp_path: Path) -> None:
    """A day of synthetic traffic: each cable, deciphered with its pad volume, is its text."""
    start = dt.datetime(1950, 12, 7, tzinfo=MSK)
    workload = Workload.synthetic(hours=24, rates=DEFAULT_RATES, start=start, seed=11)
    with PadSupply.classroom(tmp_path, seed=11) as pads:
        run = simulate(workload, seed=11, pads=pads)
    book = Codebook.default()
    assert len(run.records) == len(workload) > 40
    for record, arrival in zip(run.records, workload.arrivals, strict=True):
        assert record.decoded is True
        assert arrival.telegram is not None and record.cable is not None
        with PadBook.open(tmp_path / (record.pad or "")) as pad:
            read = decipher(Cable.from_text(record.cable), book, pad)
        assert read.telegram.body == normalise(arrival.telegram.body_as_sent)
        stamped = Telegram.from_text(record.telegram or "")
        assert stamped.received is not None and stamped.dispatched is not None
        assert stamped.received == record.received.replace(second=0, microsecond=0)
        assert stamped.dispatched == record.dispatched.replace(second=0, microsecond=0)


def test_two_runs_with_one_seed_give_identical_records() -> None:
    """Same seed, same records (cables included); another seed, other records."""
    start = dt.datetime(1950, 12, 7, tzinfo=MSK)

    def day(seed: int) -> Run:
        workload = Workload.synthetic(hours=12, rates=DEFAULT_RATES, start=start, seed=seed)
        return simulate(workload, seed=seed)

    first, second, other = day(5), day(5), day(6)
    assert first.records == second.records
    assert [r.to_json() for r in first.records] == [r.to_json() for r in second.records]
    assert first.records != other.records


def test_new_pad_volume_when_one_is_used_up(tmp_path: Path) -> None:
    """A classroom pad series starts a new volume when the current one runs out."""
    workload = Workload.from_telegrams([_telegram(i, 10, i, 200) for i in range(1, 6)])
    with PadSupply.classroom(tmp_path, seed=1, volume_pages=7) as pads:
        run = simulate(workload, _clerks(2), pads=pads)
    assert [r.pad for r in run.records] == [
        "beijing-001.sqlite",
        "beijing-001.sqlite",
        "beijing-002.sqlite",
        "beijing-002.sqlite",
        "beijing-003.sqlite",
    ]
    assert all(r.decoded for r in run.records)


def test_destinations_have_their_own_lines_and_zones() -> None:
    """Each destination has its lines, its clerks and its clock; unknown places are refused."""
    telegrams = [
        _telegram(1, 10, 0, 40).replace(destination="PYONGYANG"),
        _telegram(2, 10, 0, 40),
        _telegram(3, 10, 1, 40).replace(destination="WASHINGTON"),
        _telegram(4, 10, 2, 40).replace(destination="Beijing"),  # the same lines as BEIJING
    ]
    config = _clerks(3).replace(
        links=(
            Link(destination="BEIJING", zone="Asia/Shanghai", lines=2),
            Link(destination="PYONGYANG", zone="Asia/Pyongyang", delay=dt.timedelta(minutes=30)),
        )
    )
    run = simulate(Workload.from_telegrams(telegrams), config)
    pyongyang, beijing, washington, also_beijing = run.records
    assert (pyongyang.line, beijing.line, washington.line) == (
        "PYONGYANG 1",
        "BEIJING 1",
        "WASHINGTON 1",
    )
    assert also_beijing.destination == "BEIJING" and also_beijing.line.startswith("BEIJING ")
    assert pyongyang.arrived - pyongyang.sent == dt.timedelta(minutes=30)
    assert str(washington.arrived.tzinfo) == "America/New_York"
    assert washington.arrived.utcoffset() == dt.timedelta(hours=-5)
    names = [r.name for r in run.resources]
    assert len(names) == len(set(names))
    assert {"line BEIJING 1", "line BEIJING 2", "line PYONGYANG 1", "clerks at WASHINGTON"} <= set(
        names
    )
    _little_holds(run)
    with pytest.raises(Exception, match="time zone is not known"):
        simulate(Workload.from_telegrams([_telegram(1, 10, 0, 5).replace(destination="ATLANTIS")]))


def test_queueing_mode_needs_no_texts_but_message_mode_does() -> None:
    """Without an Exponential service the telegrams' texts are needed."""
    start = dt.datetime(1950, 12, 7, tzinfo=MSK)
    bare = Workload.synthetic(
        hours=2, rates={Precedence.URGENT: 5}, start=start, seed=1, texts=False
    )
    with pytest.raises(WorkloadError, match="texts"):
        Simulation(bare)
    run = simulate(bare, _clerks(1, service=Exponential(enciphering=2.0)))
    assert all(r.cable is None and r.decoded is None for r in run.records)


def test_a_simulation_runs_once_and_empty_workloads_finish() -> None:
    """Running twice is refused; a workload with no arrivals gives an empty run."""
    start = dt.datetime(1950, 12, 7, tzinfo=MSK)
    empty = Workload.synthetic(hours=1, rates={}, start=start, seed=1, texts=False)
    simulation = Simulation(empty, _clerks(1, service=Exponential(enciphering=1.0)))
    run = simulation.run()
    assert run.records == () and not run.interrupted and run.minutes == 0
    with pytest.raises(SimulationError):
        simulation.run()


@settings(max_examples=25, deadline=None)
@given(
    clerks=st.integers(min_value=2, max_value=4),
    lines=st.integers(min_value=1, max_value=2),
    preempt=st.booleans(),
    checking=st.booleans(),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    rates=st.tuples(*[st.floats(min_value=0.0, max_value=20.0)] * 3),
    registration=st.sampled_from([0.0, 10.0]),
)
def test_littles_law_holds_on_every_run(
    clerks: int,
    lines: int,
    preempt: bool,
    checking: bool,
    seed: int,
    rates: tuple[float, float, float],
    registration: float,
) -> None:
    """L = λW at every queue and for the whole system, sample path by sample path."""
    start = dt.datetime(1950, 12, 7, tzinfo=MSK)
    workload = Workload.synthetic(
        hours=6,
        rates=dict(zip(Precedence, rates, strict=True)),
        start=start,
        seed=seed,
        rhythm=Rhythm(amplitude=0.5),
        texts=False,
    )
    service = Exponential(enciphering=12.0, checking=4.0, transmission=9.0, deciphering=5.0)
    config = _clerks(
        clerks, checking=checking, preempt=preempt, service=service, registration=registration
    ).with_lines(lines)
    run = simulate(workload, config, seed=seed)
    assert len(run.records) == len(workload)
    report = Report.of(run)
    assert {law.name for law in report.little} >= (
        {"clerks", "department", "system"} if run.records else set()
    )
    _little_holds(run)
