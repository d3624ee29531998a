"""The traffic a department handles: real telegrams, or a seeded synthetic stream.

A :class:`Workload` is a start time and the :class:`Arrival` of each telegram, in order:
archive telegrams arriving at their ``Received`` stamps, given in the order received
(:meth:`Workload.from_files`, :meth:`Workload.from_telegrams`), or seeded Poisson traffic
for each precedence class following a day/night :class:`Rhythm`, of lognormal
:class:`Lengths` in words drawn uniformly from the codebook's single words
(:meth:`Workload.synthetic`).  The rates, the rhythm and the lengths are our model, chosen
for teaching, not taken from a source; docs/tutorial/department.md describes them.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> start = dt.datetime(1950, 12, 7, tzinfo=ZoneInfo("Europe/Moscow"))
>>> day = Workload.synthetic(hours=24, rates={Precedence.TOP: 1}, start=start, seed=7)
>>> len(day.arrivals), day.arrivals[0].precedence, day.arrivals[0].telegram.priority
(26, <Precedence.TOP: 'top'>, 'TOP PRIORITY')
>>> parse_rate("urgent=3/h"), parse_rate("ORDINARY=48/d")
((<Precedence.URGENT: 'urgent'>, 3.0), (<Precedence.ORDINARY: 'ordinary'>, 2.0))
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from cipherwire.codebook.prose import Prose
from cipherwire.core.textfile import read_text
from cipherwire.errors import CipherwireError, InputFileError, WorkloadError
from cipherwire.telegram.dates import MOSCOW, ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Precedence, Telegram

#: Mean arrivals per hour of each class when none are given (our model: 72 a day).
DEFAULT_RATES = {Precedence.TOP: 0.25, Precedence.URGENT: 0.75, Precedence.ORDINARY: 2.0}
#: The printed marking of each class on a synthetic telegram.
MARKINGS = {Precedence.TOP: "TOP PRIORITY", Precedence.URGENT: "URGENT", Precedence.ORDINARY: None}

_RATE = re.compile(r"(?P<cls>[A-Za-z]+)\s*=\s*(?P<n>[^/\s]+)\s*(?:/\s*(?P<per>[hHdD]))?")
_STREAM_ARRIVALS, _STREAM_DETAILS = 1, 2


@dataclass(frozen=True, kw_only=True)
class Rhythm:
    """A day/night rhythm: the rate is ``mean * (1 + amplitude * cos(2 pi (h - peak) / 24))``
    at local hour ``h``, so it averages to the mean over a day.  ``amplitude`` 0 is flat."""

    amplitude: float = 0.5
    peak: float = 15.0

    def __post_init__(self) -> None:
        if not (isinstance(self.amplitude, int | float) and 0 <= self.amplitude <= 1):
            raise WorkloadError(f"the rhythm's amplitude must be 0 to 1, got {self.amplitude!r}")
        if not (isinstance(self.peak, int | float) and 0 <= self.peak < 24):
            raise WorkloadError(f"the rhythm's peak hour must be 0 to 24, got {self.peak!r}")

    def factor(self, hours: NDArray[np.float64]) -> NDArray[np.float64]:
        """Rate over mean rate at local hours ``hours`` (float array)."""
        return 1 + self.amplitude * np.cos(2 * np.pi * (hours - self.peak) / 24)


@dataclass(frozen=True, kw_only=True)
class Lengths:
    """Lognormal lengths in words: ``median * exp(sigma * Z)``, rounded, clipped."""

    median: float = 120.0
    sigma: float = 0.8
    minimum: int = 10
    maximum: int = 1500

    def __post_init__(self) -> None:
        if not (isinstance(self.median, int | float) and self.median > 0):
            raise WorkloadError(f"the median length must be positive, got {self.median!r}")
        if not (isinstance(self.sigma, int | float) and self.sigma >= 0):
            raise WorkloadError(f"sigma must be zero or more, got {self.sigma!r}")
        if not 1 <= self.minimum <= self.maximum:
            raise WorkloadError(f"lengths {self.minimum!r}-{self.maximum!r} are not a range")

    def draw(self, rng: np.random.Generator, n: int) -> NDArray[np.int64]:
        """``n`` lengths in words (int64)."""
        words = np.rint(self.median * np.exp(self.sigma * rng.standard_normal(n)))
        return np.clip(words, self.minimum, self.maximum).astype(np.int64)


@dataclass(frozen=True, kw_only=True)
class Arrival:
    """A telegram arriving at the department (``telegram`` is None in the queueing mode)."""

    time: dt.datetime
    precedence: Precedence
    destination: str
    telegram: Telegram | None = field(default=None, repr=False)
    source: str | None = None


@dataclass(frozen=True)
class Workload:
    """The arrivals of a run, in order, none before ``start`` (aware)."""

    start: dt.datetime
    arrivals: tuple[Arrival, ...]

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise WorkloadError(f"the start must be zone-aware, got {self.start!r}")
        object.__setattr__(self, "arrivals", tuple(self.arrivals))
        before = self.start
        for i, arrival in enumerate(self.arrivals, start=1):
            if arrival.time.tzinfo is None or arrival.time < before:
                raise WorkloadError(
                    f"arrival {i} at {arrival.time.isoformat()} is out of order (before "
                    f"{before.isoformat()})",
                    source=arrival.source,
                )
            before = arrival.time

    def __len__(self) -> int:
        return len(self.arrivals)

    def counts(self) -> dict[Precedence, int]:
        """How many telegrams of each class."""
        out = dict.fromkeys(Precedence, 0)
        for arrival in self.arrivals:
            out[arrival.precedence] += 1
        return out

    # --- real telegrams --------------------------------------------------------------

    @classmethod
    def from_telegrams(
        cls, telegrams: Iterable[Telegram], *, sources: Sequence[str] | None = None
    ) -> Workload:
        """Telegrams arriving at their ``received`` times (``sources`` name them in errors)."""
        items = list(telegrams)
        names = (
            list(sources)
            if sources is not None
            else [f"telegram {i + 1}" for i in range(len(items))]
        )
        if len(names) != len(items):
            raise WorkloadError(f"{len(names)} source names for {len(items)} telegrams")
        arrivals: list[Arrival] = []
        for telegram, name in zip(items, names, strict=True):
            received = telegram.received
            if received is None:
                raise WorkloadError(
                    "no time of receipt to arrive at: the telegram needs a 'Received' stamp "
                    "with a time and a date (with its year)",
                    source=name,
                )
            if telegram.destination is None:
                raise WorkloadError("no destination: whom is the telegram to?", source=name)
            if arrivals and received < arrivals[-1].time:
                raise WorkloadError(
                    f"received {received.isoformat()}, before {arrivals[-1].source} "
                    f"({arrivals[-1].time.isoformat()}): give the telegrams in the order "
                    "the department received them",
                    source=name,
                )
            arrivals.append(
                Arrival(
                    time=received,
                    precedence=telegram.precedence,
                    destination=telegram.destination,
                    telegram=telegram,
                    source=name,
                )
            )
        if not arrivals:
            raise WorkloadError("no telegrams to simulate")
        return cls(arrivals[0].time, tuple(arrivals))

    @classmethod
    def from_files(cls, paths: Iterable[str | os.PathLike[str]], *, zone: str = MOSCOW) -> Workload:
        """Archive telegram files, read with :meth:`Telegram.from_text`, in the order given."""
        names = [str(p) for p in paths]
        telegrams = []
        for name in names:
            try:
                telegrams.append(Telegram.from_text(read_text(name), zone=zone))
            except InputFileError:
                raise
            except CipherwireError as exc:  # a document that does not read: say which file
                raise WorkloadError(str(exc), source=name) from exc
        return cls.from_telegrams(telegrams, sources=names)

    # --- synthetic traffic -----------------------------------------------------------

    @classmethod
    def synthetic(
        cls,
        *,
        hours: float,
        rates: Mapping[Precedence, float],
        start: dt.datetime,
        seed: int,
        rhythm: Rhythm | None = None,
        lengths: Lengths | None = None,
        destinations: Sequence[tuple[str, float]] = (("BEIJING", 1.0),),
        texts: bool = True,
    ) -> Workload:
        """Seeded Poisson traffic for ``hours`` from ``start``: ``rates`` are mean arrivals
        per hour of each class, ``destinations`` (name, share) pairs.  ``texts=False``
        leaves out the telegrams (for the queueing mode, which needs no text).  Each class
        has its own random stream, so changing one rate leaves the others' arrivals as they
        were; all of it is reproducible from ``seed``."""
        if not (isinstance(hours, int | float) and math.isfinite(hours) and hours > 0):
            raise WorkloadError(f"the hours to simulate must be a positive number, got {hours!r}")
        if start.tzinfo is None:
            raise WorkloadError(f"the start must be zone-aware, got {start!r}")
        for precedence, rate in rates.items():
            if not isinstance(precedence, Precedence):
                raise WorkloadError(f"unknown precedence class {precedence!r}")
            if not (isinstance(rate, int | float) and math.isfinite(rate) and rate >= 0):
                raise WorkloadError(f"the {precedence.value} rate must be >= 0, got {rate!r}")
        places = [name for name, _ in destinations]
        shares = np.array([share for _, share in destinations], dtype=float)
        if not places or (shares < 0).any() or shares.sum() <= 0:
            raise WorkloadError(f"destinations need shares >= 0, not all zero: {destinations!r}")
        rhythm = rhythm if rhythm is not None else Rhythm()
        lengths = lengths if lengths is not None else Lengths()
        minutes = hours * 60.0
        times, ranks = [], []
        for precedence in Precedence:
            rng = np.random.default_rng([seed, _STREAM_ARRIVALS, precedence.rank])
            t = _thinned(rng, rates.get(precedence, 0.0) / 60.0, minutes, start, rhythm)
            times.append(t)
            ranks.append(np.full(len(t), precedence.rank))
        when, rank = np.concatenate(times), np.concatenate(ranks)
        order = np.lexsort((rank, when))
        when, rank = when[order], rank[order]
        details = np.random.default_rng([seed, _STREAM_DETAILS])
        where = details.choice(len(places), size=len(when), p=shares / shares.sum())
        words = lengths.draw(details, len(when))
        bodies = Prose.uniform().texts(details, words) if texts else None
        by_rank = {p.rank: p for p in Precedence}
        arrivals = []
        origin = start.astimezone(dt.UTC)
        for i in range(len(when)):
            moment = (origin + dt.timedelta(minutes=float(when[i]))).astimezone(start.tzinfo)
            precedence = by_rank[int(rank[i])]
            telegram = None
            if bodies is not None:
                telegram = _synthetic_telegram(
                    i + 1, moment, precedence, places[int(where[i])], bodies[i]
                )
            arrivals.append(
                Arrival(
                    time=moment,
                    precedence=precedence,
                    destination=places[int(where[i])],
                    telegram=telegram,
                    source="synthetic",
                )
            )
        return cls(start, tuple(arrivals))


def _thinned(
    rng: np.random.Generator, mean_rate: float, minutes: float, start: dt.datetime, rhythm: Rhythm
) -> NDArray[np.float64]:
    """Arrival times (minutes from ``start``) of a Poisson stream following ``rhythm``, by
    thinning (Lewis and Shedler, 1979): a homogeneous stream at the peak rate, each point
    kept with probability rate(t) / peak rate."""
    peak = mean_rate * (1 + rhythm.amplitude)
    n = int(rng.poisson(peak * minutes)) if peak > 0 else 0
    t = np.sort(rng.uniform(0.0, minutes, n))
    if rhythm.amplitude == 0:
        return t
    keep = rng.uniform(0.0, 1.0, n) * (1 + rhythm.amplitude) < rhythm.factor(_local_hours(start, t))
    return t[keep]


def _local_hours(start: dt.datetime, minutes: np.ndarray) -> NDArray[np.float64]:
    """The local hour of day (float) at ``start`` + ``minutes``, in ``start``'s zone."""
    zone, origin = start.tzinfo, start.astimezone(dt.UTC)
    out = np.empty(len(minutes))
    for i, m in enumerate(minutes.tolist()):
        local = (origin + dt.timedelta(minutes=m)).astimezone(zone)
        out[i] = local.hour + local.minute / 60 + local.second / 3600
    return out


def _synthetic_telegram(
    number: int, moment: dt.datetime, precedence: Precedence, destination: str, body: str
) -> Telegram:
    zone = moment.tzinfo.key if isinstance(moment.tzinfo, ZoneInfo) else MOSCOW
    local = moment.astimezone(ZoneInfo(zone))
    return Telegram(
        office="MID USSR",
        number=str(number),
        department="Tenth department",
        received_time=ArchiveTime.of(local.time()),
        received_date=ArchiveDate.of(local.date()),
        kind="CIPHERED TELEGRAM",
        destination=destination,
        addressee="SOVIET AMBASSADOR",
        priority=MARKINGS[precedence],
        body=body,
        zone=zone,
    )


def parse_rate(text: str) -> tuple[Precedence, float]:
    """Read ``CLASS=N/h`` (or ``=N``, an hourly rate, or ``=N/d``, a daily one).

    CLASS is ``top``, ``urgent`` or ``ordinary``.  Raises :class:`WorkloadError` for
    an unknown class or a rate that is negative or not a number.
    """
    m = _RATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise WorkloadError(f"rate {text!r} does not parse: write CLASS=N/h, e.g. urgent=3/h")
    name = m.group("cls").lower()
    try:
        precedence = Precedence(name)
    except ValueError:
        raise WorkloadError(
            f"unknown precedence class {m.group('cls')!r} in {text!r}: use top, urgent or ordinary"
        ) from None
    try:
        rate = float(m.group("n"))
    except ValueError:
        raise WorkloadError(f"rate {m.group('n')!r} in {text!r} is not a number") from None
    if not math.isfinite(rate) or rate < 0:
        raise WorkloadError(f"rate {m.group('n')!r} in {text!r} must be zero or more")
    if (m.group("per") or "h").lower() == "d":
        rate /= 24.0
    return precedence, rate


__all__ = [
    "DEFAULT_RATES",
    "MARKINGS",
    "Arrival",
    "Lengths",
    "Rhythm",
    "Workload",
    "parse_rate",
]
