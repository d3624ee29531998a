"""Tests for the department's set-up: shifts, lines, the defaults and the bad inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from cipherwire.department.clerks import ClerkPool
from cipherwire.department.config import (
    CHECK_RATE,
    ENCIPHER_RATE,
    REGISTRATION_MINUTES,
    DepartmentConfig,
    Exponential,
    Link,
    Shift,
)
from cipherwire.department.queues import QueueLength
from cipherwire.errors import DepartmentConfigError, SimulationError


def test_defaults_are_calibrated_on_the_seed() -> None:
    """10 min + 350 groups at 6/min + 350 at 16/min = 90 min 12.5 s: 19:10 -> 20:40."""
    seconds = (REGISTRATION_MINUTES + 350 / ENCIPHER_RATE + 350 / CHECK_RATE) * 60
    assert seconds == pytest.approx(90 * 60 + 12.5)


@pytest.mark.parametrize(
    ("text", "clerks", "expected"),
    [
        ("08:00-20:00=6", None, (dt.time(8), dt.time(20), 6, 720)),
        ("20:00-08:00=3", None, (dt.time(20), dt.time(8), 3, 720)),
        ("8-20", 4, (dt.time(8), dt.time(20), 4, 720)),
        ("00:00-24:00=2", None, (dt.time(0), dt.time(0), 2, 1440)),
        ("06:30 - 14:30 = 1", None, (dt.time(6, 30), dt.time(14, 30), 1, 480)),
    ],
)
def test_shift_from_text(
    text: str, clerks: int | None, expected: tuple[dt.time, dt.time, int, int]
) -> None:
    """Shift hours parse, over midnight and round the clock included."""
    shift = Shift.from_text(text, clerks=clerks)
    assert (shift.start, shift.end, shift.clerks, shift.minutes) == expected
    assert Shift.from_text(shift.to_text()) == shift


def test_shift_on_duty() -> None:
    """A night shift is on at 23:00 and 07:59, not at 08:00."""
    night = Shift.from_text("20:00-08:00=3")
    assert night.on_duty(23 * 60) and night.on_duty(7 * 60 + 59) and not night.on_duty(8 * 60)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Shift.from_text("25:00-08:00=3"), "25:00 is no time"),
        (lambda: Shift.from_text("8am-8pm=3"), "do not parse"),
        (lambda: Shift.from_text("08:00-20:00"), "does not say how many clerks"),
        (lambda: Shift.from_text("08:00-20:00=two"), "'two' is not a whole number"),
        (lambda: Shift.from_text("08:00-20:00=0"), "whole number of 1 or more, got 0"),
        (lambda: Shift.from_text("24:00-08:00=1"), "24:00 is no time"),
        (lambda: DepartmentConfig(shifts=()), "at least one shift"),
        (lambda: DepartmentConfig(links=()), "at least one destination"),
        (lambda: DepartmentConfig().with_clerks(0), "got 0"),
        (lambda: DepartmentConfig().with_lines(0), "got 0"),
        (lambda: DepartmentConfig().with_clerks(1), "checking needs a second clerk"),
        (lambda: DepartmentConfig(encipher_rate=0), "enciphering speed"),
        (lambda: DepartmentConfig(registration=-1), "registration time"),
        (lambda: DepartmentConfig(zone="Mars/Olympus"), "unknown time zone"),
        (lambda: Link(destination="X", zone="Asia/Shanghai", wpm=-16), "Morse speed"),
        (lambda: Link(destination="X", zone="Asia/Shanghai", lines=0), "lines to X"),
        (lambda: Exponential(enciphering=0), "mean enciphering time"),
        (lambda: DepartmentConfig().link("ATLANTIS"), "time zone is not known"),
        (
            lambda: DepartmentConfig(
                shifts=(Shift.from_text("8-9=1", name="a"), Shift.from_text("9-8=1", name="a")),
                checking=False,
            ),
            "shift names must differ",
        ),
    ],
)
def test_bad_configurations(make: object, message: str) -> None:
    """Zero clerks or lines, bad shift hours, speeds and zones: clear errors."""
    with pytest.raises(DepartmentConfigError, match=message):
        make()  # type: ignore[operator]


def test_checking_is_possible_with_one_clerk_a_shift_when_shifts_overlap() -> None:
    """Two one-clerk shifts that overlap put two clerks on duty: checking is allowed."""
    config = DepartmentConfig(
        shifts=(
            Shift.from_text("08:00-17:00=1", name="a"),
            Shift.from_text("16:00-08:00=1", name="b"),
        )
    )
    assert config.most_on_duty == 2


def test_clerk_pool_checker_is_not_the_encipherer() -> None:
    """The only free clerk is the encipherer: the checking request waits, others go on."""
    import simpy

    env = simpy.Environment()
    pool = ClerkPool(env, ["A", "B"])
    first = pool.request((0, 1))
    second = pool.request((2, 2))
    env.run()
    assert (first.value, second.value) == ("A", "B")
    check = pool.request((0, 1), not_by="A")
    pool.release("A")
    later = pool.request((2, 3))
    env.run()
    assert not check.triggered and later.value == "A"
    pool.release("B")
    env.run()
    assert check.value == "B"


def test_queue_length_area_and_mean() -> None:
    """The time-average of a step function."""
    queue = QueueLength("q", start=10.0)
    for now, change in ((10.0, 1), (12.0, 1), (12.0, -1), (14.0, -1)):
        queue.add(now, change)
    assert queue.area(20.0) == 4.0 and queue.mean(20.0) == 0.4
    with pytest.raises(SimulationError):
        queue.add(21.0, -1)
