"""How a cipher department is set up: shifts of clerks, their speeds, and the lines out.

Everything here is a frozen value checked when it is made: a :class:`DepartmentConfig` of
its zone, :class:`Shift` plan, clerk speeds, checking and a :class:`Link` per destination
(or :class:`Exponential` times for the queueing checks).  The defaults are our model,
calibrated on the seed telegram (DOMAIN.md §1): registration takes 10 minutes, a clerk
enciphers 6 and checks 16 code groups a minute, so the seed's 350 groups leave an idle
department 90 min 12.5 s after receipt, at 20:40 as the archive stamp says; the lines are
Morse at 16 words a minute (DOMAIN.md §5), receiving clerks decipher 8 groups a minute, and
six clerks work by day, three by night.  docs/tutorial/department.md explains the choices.

>>> config = DepartmentConfig()
>>> [shift.to_text() for shift in config.shifts]
['08:00-20:00=6', '20:00-08:00=3']
>>> config.link("Beijing").zone, config.link("PYONGYANG").zone
('Asia/Shanghai', 'Asia/Pyongyang')
>>> Shift.from_text("8-20", clerks=4)
Shift(name='08:00', start=datetime.time(8, 0), end=datetime.time(20, 0), clerks=4)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cipherwire.errors import DepartmentConfigError
from cipherwire.telegram.dates import MOSCOW, zone_for
from cipherwire.wire.line import Line, Telegraphy

#: Minutes from receipt to the cipher room (our model, calibrated on the seed).
REGISTRATION_MINUTES = 10.0
#: Code groups a cipher clerk codes and enciphers in a minute (our model).
ENCIPHER_RATE = 6.0
#: Code groups a second clerk checks in a minute (our model).
CHECK_RATE = 16.0
#: Code groups a receiving clerk deciphers and decodes in a minute (our model).
DECIPHER_RATE = 8.0

_DAY = 24 * 60
_SHIFT = re.compile(
    r"(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s*-\s*(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?"
    r"(?:\s*=\s*(?P<clerks>\S+))?"
)


def _positive(value: object, what: str, *, zero: bool = False) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not zero):  # type: ignore[operator]
        bound = "zero or more" if zero else "more than zero"
        raise DepartmentConfigError(f"{what} must be a number {bound}, got {value!r}")


def _count(value: object, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise DepartmentConfigError(f"{what} must be a whole number of 1 or more, got {value!r}")


def _zone(name: str, what: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise DepartmentConfigError(f"{what}: unknown time zone {name!r}") from exc


@dataclass(frozen=True, kw_only=True)
class Shift:
    """A shift: so many clerks on duty from ``start`` to ``end`` every day (local time).

    A shift may run over midnight (20:00-08:00); ``end == start`` is round the clock.  A
    clerk whose shift ends finishes the telegram in hand first (our model).
    """

    name: str
    start: dt.time
    end: dt.time
    clerks: int

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip() or "\n" in self.name:
            raise DepartmentConfigError(f"a shift needs a one-line name, got {self.name!r}")
        for which in ("start", "end"):
            value = getattr(self, which)
            if not isinstance(value, dt.time) or value.tzinfo is not None:
                raise DepartmentConfigError(
                    f"shift {self.name!r}: {which} must be a datetime.time without a zone, "
                    f"got {value!r}"
                )
        _count(self.clerks, f"shift {self.name!r}: the number of clerks")

    @classmethod
    def from_text(cls, text: str, *, clerks: int | None = None, name: str | None = None) -> Shift:
        """Read ``"08:00-20:00=6"`` (hours, then clerks) or ``"8-20"`` with ``clerks``.

        ``24:00`` may end a shift; the name is the start time unless given.
        """
        m = _SHIFT.fullmatch(text.strip()) if isinstance(text, str) else None
        if m is None:
            raise DepartmentConfigError(
                f"shift hours {text!r} do not parse: write HH:MM-HH:MM or HH:MM-HH:MM=CLERKS, "
                "e.g. 08:00-20:00=6"
            )
        ends = []
        for h, mm in (("h1", "m1"), ("h2", "m2")):
            hour, minute = int(m.group(h)), int(m.group(mm) or 0)
            if not (0 <= hour <= 23 and minute <= 59) and (hour, minute, h) != (24, 0, "h2"):
                raise DepartmentConfigError(f"shift hours {text!r}: {hour}:{minute:02d} is no time")
            ends.append(dt.time(hour % 24, minute))
        if m.group("clerks") is not None:
            try:
                clerks = int(m.group("clerks"))
            except ValueError:
                raise DepartmentConfigError(
                    f"shift {text!r}: the number of clerks {m.group('clerks')!r} is not a "
                    "whole number"
                ) from None
        if clerks is None:
            raise DepartmentConfigError(f"shift {text!r} does not say how many clerks (=N)")
        return cls(name=name or f"{ends[0]:%H:%M}", start=ends[0], end=ends[1], clerks=clerks)

    def to_text(self) -> str:
        """``"08:00-20:00=6"`` (what :meth:`from_text` reads)."""
        end = "24:00" if self.end == dt.time(0) and self.start != self.end else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end}={self.clerks}"

    @property
    def minutes(self) -> int:
        """How long the shift lasts, in minutes (1440 for round the clock)."""
        begin = self.start.hour * 60 + self.start.minute
        finish = self.end.hour * 60 + self.end.minute
        return (finish - begin) % _DAY or _DAY

    def on_duty(self, minute_of_day: int) -> bool:
        """Whether the shift is on at ``minute_of_day`` (0-1439, local time)."""
        begin = self.start.hour * 60 + self.start.minute
        return (minute_of_day - begin) % _DAY < self.minutes


@dataclass(frozen=True, kw_only=True)
class Link:
    """The lines from the department to one destination, and the clerks at the far end.

    ``lines`` lines, each Morse at ``wpm`` or teleprinter at ``baud``; ``delay`` is the
    time between the last group going out and its arrival (relays; zero on a direct
    line).  ``clerks`` decipher there at ``decipher_rate`` code groups a minute.
    ``share`` is the destination's relative share of synthetic traffic.
    """

    destination: str
    zone: str
    lines: int = 1
    via: Telegraphy = Telegraphy.MORSE
    wpm: float = 16.0
    baud: float = 50.0
    delay: dt.timedelta = dt.timedelta(0)
    clerks: int = 2
    decipher_rate: float = DECIPHER_RATE
    share: float = 1.0

    def __post_init__(self) -> None:
        if not isinstance(self.destination, str) or not self.destination.strip():
            raise DepartmentConfigError(f"a destination needs a name, got {self.destination!r}")
        _zone(self.zone, f"destination {self.destination!r}")
        _count(self.lines, f"lines to {self.destination}")
        _count(self.clerks, f"clerks at {self.destination}")
        if not isinstance(self.via, Telegraphy):
            raise DepartmentConfigError(f"a line's via is a Telegraphy, got {self.via!r}")
        _positive(self.wpm, f"the Morse speed to {self.destination} (wpm)")
        _positive(self.baud, f"the teleprinter speed to {self.destination} (baud)")
        _positive(self.decipher_rate, f"the deciphering speed at {self.destination}")
        _positive(self.share, f"the share of traffic to {self.destination}", zero=True)
        if not isinstance(self.delay, dt.timedelta) or self.delay < dt.timedelta(0):
            raise DepartmentConfigError(f"the delay to {self.destination} must be >= 0")

    def line(self, origin_zone: str = MOSCOW) -> Line:
        """The wire model of each of these lines."""
        return Line(
            via=self.via,
            wpm=self.wpm,
            baud=self.baud,
            origin_zone=origin_zone,
            destination_zone=self.zone,
            delay=self.delay,
        )

    @property
    def speed(self) -> str:
        """'16 wpm Morse' or '50 baud teleprinter'."""
        if self.via is Telegraphy.MORSE:
            return f"{self.wpm:g} wpm Morse"
        return f"{self.baud:g} baud teleprinter"


@dataclass(frozen=True, kw_only=True)
class Exponential:
    """Service times drawn from exponential distributions with these means (minutes).

    The mode of the queueing-theory checks: arrivals and services are then those of an
    M/M/c queue.  No telegram is really enciphered; a mean of 0 makes a stage take no
    time.  The queues and processes are the same as in a run with real messages.
    """

    enciphering: float
    checking: float = 0.0
    transmission: float = 0.0
    deciphering: float = 0.0

    def __post_init__(self) -> None:
        _positive(self.enciphering, "the mean enciphering time")
        for name in ("checking", "transmission", "deciphering"):
            _positive(getattr(self, name), f"the mean {name} time", zero=True)


DEFAULT_SHIFTS = (
    Shift(name="day", start=dt.time(8), end=dt.time(20), clerks=6),
    Shift(name="night", start=dt.time(20), end=dt.time(8), clerks=3),
)
BEIJING = Link(destination="BEIJING", zone="Asia/Shanghai")


@dataclass(frozen=True, kw_only=True)
class DepartmentConfig:
    """The cipher department: its zone, shifts, clerk speeds, checking and lines.

    ``preempt``: a TOP PRIORITY cable interrupts a lower-precedence cable on the line,
    which resumes where it stopped once a line is free again (our model).  ``service``:
    :class:`Exponential` times for the queueing checks, or None for times from the
    messages themselves (really enciphered, sent and deciphered).
    """

    zone: str = MOSCOW
    shifts: tuple[Shift, ...] = DEFAULT_SHIFTS
    registration: float = REGISTRATION_MINUTES
    encipher_rate: float = ENCIPHER_RATE
    checking: bool = True
    check_rate: float = CHECK_RATE
    links: tuple[Link, ...] = (BEIJING,)
    preempt: bool = False
    service: Exponential | None = None

    def __post_init__(self) -> None:
        _zone(self.zone, "the department")
        object.__setattr__(self, "shifts", tuple(self.shifts))
        object.__setattr__(self, "links", tuple(self.links))
        if not self.shifts:
            raise DepartmentConfigError("a department needs at least one shift of clerks")
        if not self.links:
            raise DepartmentConfigError("a department needs lines to at least one destination")
        names = [s.name for s in self.shifts]
        if len(set(names)) != len(names):
            raise DepartmentConfigError(f"shift names must differ, got {names!r}")
        places = [_key(link.destination) for link in self.links]
        if len(set(places)) != len(places):
            raise DepartmentConfigError(f"destinations must differ, got {places!r}")
        _positive(self.registration, "the registration time", zero=True)
        _positive(self.encipher_rate, "the enciphering speed (code groups a minute)")
        _positive(self.check_rate, "the checking speed (code groups a minute)")
        if self.checking and self.most_on_duty < 2:
            raise DepartmentConfigError(
                "checking needs a second clerk, but no shift plan puts two clerks on duty "
                "at once; add clerks or turn checking off"
            )

    def replace(self, **changes: Any) -> DepartmentConfig:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def with_clerks(self, clerks: int) -> DepartmentConfig:
        """The same shifts with ``clerks`` clerks each."""
        _count(clerks, "the number of clerks")
        return self.replace(
            shifts=tuple(dataclasses.replace(s, clerks=clerks) for s in self.shifts)
        )

    def with_lines(self, lines: int, **line: Any) -> DepartmentConfig:
        """Every destination with ``lines`` lines (and ``via``/``wpm``/``baud``/... changes)."""
        _count(lines, "the number of lines")
        return self.replace(
            links=tuple(dataclasses.replace(k, lines=lines, **line) for k in self.links)
        )

    @property
    def most_on_duty(self) -> int:
        """The most clerks on duty at any minute of the day."""
        return max(
            sum(s.clerks for s in self.shifts if s.on_duty(minute)) for minute in range(_DAY)
        )

    def link(self, destination: str) -> Link:
        """The lines to ``destination``; an unconfigured place gets lines like the first
        destination's, in its own time zone (:func:`~cipherwire.telegram.dates.zone_for`).

        Raises :class:`DepartmentConfigError` for a place whose zone is not known.
        """
        wanted = _key(destination)
        for link in self.links:
            if _key(link.destination) == wanted:
                return link
        zone = zone_for(destination)
        if zone is None:
            raise DepartmentConfigError(
                f"no line to {destination!r} is set up and its time zone is not known"
            )
        return dataclasses.replace(self.links[0], destination=wanted, zone=zone)


def _key(place: str) -> str:
    return " ".join(place.strip(" .,:;").split()).upper()


__all__ = [
    "CHECK_RATE",
    "DECIPHER_RATE",
    "DEFAULT_SHIFTS",
    "ENCIPHER_RATE",
    "REGISTRATION_MINUTES",
    "DepartmentConfig",
    "Exponential",
    "Link",
    "Shift",
]
