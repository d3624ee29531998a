"""The line: a telegraph or radio link that carries a cable, takes time and makes errors.

A :class:`Line` sends a :class:`~cipherwire.cable.form.Cable` by Morse (at so many words a
minute) or by teleprinter (at so many baud) and returns a :class:`Transmission`: the cable
as it arrived, its zone-aware times and the groups garbled.  The errors are our model:
each figure of the groups is garbled with probability ``error_rate``, in bursts of
``burst`` figures on average, from a generator seeded with ``seed``; a garbled figure
arrives as ``?`` (:attr:`Garble.MARK`: flagged, and repeated on request with
:meth:`Transmission.repeat_request` and :meth:`Line.resend`) or as another figure
(:attr:`Garble.SUBSTITUTE`, which nothing flags), and the preamble arrives without error.
docs/tutorial/wire.md shows a line at work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable.form import Cable, CablePart
from cipherwire.core.sizes import GROUP
from cipherwire.errors import WireError
from cipherwire.wire import ita2, morse


class Telegraphy(enum.Enum):
    """How the line sends: Morse by hand or radio, or a teleprinter's ITA2."""

    MORSE = "morse"
    TELEPRINTER = "teleprinter"


class Garble(enum.Enum):
    """What a garbled figure becomes at the receiver (our model)."""

    MARK = "mark"  # the operator writes "?": the group is flagged
    SUBSTITUTE = "substitute"  # another figure: nothing shows it


@dataclass(frozen=True, kw_only=True)
class Line:
    """A telegraph or radio link between two stations."""

    via: Telegraphy = Telegraphy.MORSE
    wpm: float = 16.0
    baud: float = 50.0
    error_rate: float = 0.0
    burst: float = 1.0
    garble: Garble = Garble.MARK
    seed: int | None = None
    origin_zone: str = "Europe/Moscow"
    destination_zone: str = "Asia/Shanghai"
    delay: dt.timedelta = dt.timedelta(0)

    def __post_init__(self) -> None:
        for name in ("wpm", "baud"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise WireError(f"{name} must be a positive number, got {value!r}")
        if not (isinstance(self.error_rate, int | float) and 0 <= self.error_rate <= 1):
            raise WireError(f"the error rate must be in [0, 1], got {self.error_rate!r}")
        if not (
            isinstance(self.burst, int | float) and math.isfinite(self.burst) and self.burst >= 1
        ):
            raise WireError(f"the mean burst length must be at least 1, got {self.burst!r}")
        if self.delay < dt.timedelta(0):
            raise WireError(f"the delay cannot be negative, got {self.delay!r}")
        for name in ("origin_zone", "destination_zone"):
            try:
                ZoneInfo(getattr(self, name))
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise WireError(f"unknown time zone {getattr(self, name)!r}") from exc

    @property
    def speed(self) -> str:
        """The speed as an operator would say it: '16 wpm' or '50 baud'."""
        if self.via is Telegraphy.MORSE:
            return f"{self.wpm:g} wpm"
        return f"{self.baud:g} baud"

    def seconds(self, text: str) -> float:
        """How long sending ``text`` takes on this line."""
        if self.via is Telegraphy.MORSE:
            return morse.duration(_morse_text(text), wpm=self.wpm)
        return ita2.duration(text, baud=self.baud)

    def transmit(self, cable: Cable, *, start: dt.datetime | None = None) -> Transmission:
        """Send ``cable``; return what arrived and when.

        ``start`` (aware) defaults to the time the cable was filed; a cable without one
        needs a ``start``.
        """
        when = start if start is not None else cable.preamble.filed
        if when is None or when.tzinfo is None:
            raise WireError("give a zone-aware start time: the cable has no time filed")
        rng = np.random.default_rng(self.seed)
        received = _garble_cable(cable, self, rng)
        sending = dt.timedelta(seconds=self.seconds(cable.to_text()))
        begin = when.astimezone(ZoneInfo(self.origin_zone))
        return Transmission(
            line=self,
            sent=cable,
            received=received,
            start=begin,
            end=begin + sending,
            arrival=(begin + sending + self.delay).astimezone(ZoneInfo(self.destination_zone)),
        )

    def resend(self, transmission: Transmission, *, seed: int | None = None) -> Transmission:
        """Send again the groups the receiver flagged (after a service message).

        The repeated groups run through the line's error model again (with ``seed``, or
        the line's seed plus one), and replace the flagged groups of what arrived; the
        times are those of the repeat.
        """
        flagged = transmission.flagged
        if not flagged:
            return transmission
        line = dataclasses.replace(
            self,
            seed=seed if seed is not None else (self.seed + 1 if self.seed is not None else None),
        )
        rng = np.random.default_rng(line.seed)
        parts = []
        text_sent: list[str] = []
        for sent, got in zip(transmission.sent.parts, transmission.received.parts, strict=True):
            groups = list(got.groups)
            numbers = [g for part, g in flagged if part == sent.number]
            again = _garble_groups([sent.groups[g - 1] for g in numbers], line, rng)
            for g, group in zip(numbers, again, strict=True):
                groups[g - 1] = group
            text_sent.extend(sent.groups[g - 1] for g in numbers)
            parts.append(CablePart(got.number, tuple(groups)))
        received = dataclasses.replace(transmission.received, parts=tuple(parts))
        begin = transmission.arrival.astimezone(ZoneInfo(self.origin_zone))
        sending = dt.timedelta(seconds=line.seconds(" ".join(text_sent)))
        return Transmission(
            line=line,
            sent=transmission.sent,
            received=received,
            start=begin,
            end=begin + sending,
            arrival=(begin + sending + self.delay).astimezone(ZoneInfo(self.destination_zone)),
        )


@dataclass(frozen=True)
class Transmission:
    """A cable sent over a line: what went, what arrived, and when."""

    line: Line
    sent: Cable
    received: Cable
    start: dt.datetime
    end: dt.datetime
    arrival: dt.datetime

    @property
    def duration(self) -> dt.timedelta:
        """How long the sending took."""
        return self.end - self.start

    @property
    def garbled(self) -> tuple[tuple[str, int], ...]:
        """Every group whose figures changed on the way: (part number, group number)."""
        return tuple(
            (sent.number, i)
            for sent, got in zip(self.sent.parts, self.received.parts, strict=True)
            for i, (a, b) in enumerate(zip(sent.groups, got.groups, strict=True), start=1)
            if a != b
        )

    @property
    def flagged(self) -> tuple[tuple[str, int], ...]:
        """The groups the receiver can see are garbled (a '?' in them)."""
        return tuple(
            (part.number, i)
            for part in self.received.parts
            for i, group in enumerate(part.groups, start=1)
            if "?" in group
        )

    def repeat_request(self) -> str | None:
        """The receiving clerk's service message asking for the flagged groups again."""
        if not self.flagged:
            return None
        by_part: dict[str, list[int]] = {}
        for part, group in self.flagged:
            by_part.setdefault(part, []).append(group)
        asks = " ".join(
            f"{part} GR {' '.join(str(g) for g in groups)}" for part, groups in by_part.items()
        )
        return f"SVC RPT {asks}"

    def to_json(self) -> dict[str, Any]:
        """The transmission as a JSON object: how the line sends and its speed, the times (ISO
        8601, with their zones), the garbled and flagged groups as ``[part, group]``, the
        service message (None when nothing is flagged) and the cable as it arrived."""
        return {
            "via": self.line.via.value,
            "speed": self.line.speed,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "arrival": self.arrival.isoformat(),
            "seconds": self.duration.total_seconds(),
            "groups": self.sent.group_count,
            "garbled": [list(g) for g in self.garbled],
            "flagged": [list(g) for g in self.flagged],
            "service_message": self.repeat_request(),
            "received": self.received.to_text(),
        }

    def local(self, when: dt.datetime, zone: str) -> dt.datetime:
        """A time of this transmission in another zone (e.g. Beijing's)."""
        return when.astimezone(ZoneInfo(zone))


def _morse_text(text: str) -> str:
    """The cable as Morse sends it: line breaks are word spaces."""
    return " ".join(text.split())


def _garble_mask(n: int, line: Line, rng: np.random.Generator) -> NDArray[np.bool_]:
    """Which of ``n`` characters are garbled: bursts starting at rate error_rate / burst,
    each of geometric length (mean ``burst``)."""
    if n == 0 or line.error_rate == 0:
        return np.zeros(n, dtype=bool)
    starts = rng.random(n) < min(1.0, line.error_rate / line.burst)
    lengths = rng.geometric(1.0 / line.burst, size=n)
    covered = np.zeros(n + 1, dtype=np.int64)
    idx = np.flatnonzero(starts)
    np.add.at(covered, idx, 1)
    np.add.at(covered, np.minimum(idx + lengths[idx], n), -1)
    return np.cumsum(covered[:n]) > 0


def _garble_groups(groups: list[str], line: Line, rng: np.random.Generator) -> list[str]:
    text = "".join(groups)
    mask = _garble_mask(len(text), line, rng)
    if not mask.any():
        return list(groups)
    chars = np.array(list(text), dtype="<U1")
    if line.garble is Garble.MARK:
        chars[mask] = "?"
    else:
        digits = np.array([int(c) if c.isdigit() else 0 for c in text], dtype=np.int64)
        shifted = (digits + rng.integers(1, 10, size=len(text))) % 10
        chars[mask] = shifted[mask].astype(str)
    out = "".join(chars.tolist())
    return [out[i : i + GROUP] for i in range(0, len(out), GROUP)]


def _garble_cable(cable: Cable, line: Line, rng: np.random.Generator) -> Cable:
    parts = tuple(
        CablePart(part.number, tuple(_garble_groups(list(part.groups), line, rng)))
        for part in cable.parts
    )
    return dataclasses.replace(cable, parts=parts)


__all__ = ["Garble", "Line", "Telegraphy", "Transmission"]
