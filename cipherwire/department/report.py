"""What a run says: waiting and time in system by class, use of clerks and lines, queues.

:meth:`Report.of` sums up a :class:`~cipherwire.department.run.Run`: spans in minutes, as
the mean, the median and the 95th percentile (NumPy's default, linear interpolation between
order statistics) of the telegrams of a class, the use of each resource, the queues, and
Little's law at every place a telegram waits or stays (:class:`LittlesLaw`).
docs/tutorial/department.md (section 6) tells what the checks show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cipherwire.department.records import Record, minutes
from cipherwire.department.run import ResourceUse, Run
from cipherwire.telegram.dates import ArchiveDate
from cipherwire.telegram.document import Precedence

#: The spans reported for each class: (key, label, what it measures).
MEASURES: tuple[tuple[str, str, Callable[[Record], dt.timedelta]], ...] = (
    ("clerk_wait", "waiting for clerks", lambda r: r.clerk_wait),
    ("line_wait", "waiting for a line", lambda r: r.line_wait),
    ("waiting", "waiting in all", lambda r: r.waiting),
    ("to_dispatch", "received -> dispatched", lambda r: r.to_dispatch),
    ("in_system", "received -> read", lambda r: r.in_system),
)
_LABELS = {
    Precedence.TOP: "top priority",
    Precedence.URGENT: "urgent",
    Precedence.ORDINARY: "ordinary",
}


@dataclass(frozen=True)
class Stats:
    """Mean, median and 95th percentile of ``count`` spans (minutes; None when empty)."""

    count: int
    mean: float | None
    median: float | None
    p95: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        """The statistics of ``values``."""
        if not values:
            return cls(0, None, None, None)
        data = np.asarray(values, dtype=float)
        return cls(
            len(data),
            float(data.mean()),
            float(np.median(data)),
            float(np.percentile(data, 95)),
        )

    def to_json(self) -> dict[str, float | None]:
        """``{"mean", "median", "p95"}`` in minutes, to the hundredth of a second."""
        return {k: _round(getattr(self, k)) for k in ("mean", "median", "p95")}


@dataclass(frozen=True)
class ClassReport:
    """The statistics of one precedence class (``precedence`` None: all telegrams)."""

    precedence: Precedence | None
    count: int
    stats: dict[str, Stats]

    @property
    def label(self) -> str:
        """'top priority', 'urgent', 'ordinary' or 'all'."""
        return _LABELS[self.precedence] if self.precedence is not None else "all"


@dataclass(frozen=True)
class QueueReport:
    """A queue's time-average length and its longest."""

    name: str
    mean: float
    longest: int


@dataclass(frozen=True)
class LittlesLaw:
    """L (time-average count), λ (per minute) and W (mean minutes) at one place.

    *L* comes from the queue-length record over the run, λ is telegrams over the run's
    length and *W* their mean time there from the records.  Over a run that starts and
    ends empty (every telegram read) L = λW holds exactly, sample path by sample path, so
    :attr:`gap` is non-zero only by rounding (times are kept to the microsecond).
    """

    name: str
    count: int
    L: float
    arrival_rate: float
    W: float

    @property
    def gap(self) -> float:
        """|L - λW| / max(L, λW): 0 when the law holds exactly."""
        lw = self.arrival_rate * self.W
        top = max(abs(self.L), abs(lw))
        return abs(self.L - lw) / top if top > 0 else 0.0


@dataclass(frozen=True)
class Report:
    """The summary of a run."""

    run: Run
    classes: tuple[ClassReport, ...]
    queues: tuple[QueueReport, ...]
    little: tuple[LittlesLaw, ...]

    @classmethod
    def of(cls, run: Run) -> Report:
        """Sum up ``run``."""
        records = run.records
        classes = [_class(p, [r for r in records if r.precedence is p]) for p in Precedence]
        classes.append(_class(None, list(records)))
        span = run.minutes
        queues = tuple(QueueReport(q.name, q.mean(span), q.maximum) for q in run.queues)
        return cls(run, tuple(classes), queues, tuple(_little(run)))

    @property
    def resources(self) -> tuple[ResourceUse, ...]:
        """The clerks and lines and how busy they were."""
        return self.run.resources

    def for_class(self, precedence: Precedence | None) -> ClassReport:
        """The statistics of one class (None: all)."""
        return next(c for c in self.classes if c.precedence is precedence)

    def to_json(self) -> dict[str, Any]:
        """The ``summary`` object of ``cipherwire simulate --json``."""
        run = self.run
        return {
            "telegrams": len(run.records),
            "expected": run.expected,
            "interrupted": run.interrupted,
            "seed": run.seed,
            "start": run.start.isoformat(),
            "end": run.end.isoformat(),
            "hours": _round(run.minutes / 60),
            "classes": {
                (c.precedence.value if c.precedence else "all"): {
                    "count": c.count,
                    **{f"{key}_minutes": c.stats[key].to_json() for key, _, _ in MEASURES},
                }
                for c in self.classes
            },
            "resources": {
                r.name: {
                    "units": r.units,
                    "busy_hours": _round(r.busy / 60),
                    "available_hours": _round(r.available / 60),
                    "utilisation": _round(r.utilisation),
                }
                for r in run.resources
            },
            "queues": {q.name: {"mean": _round(q.mean), "longest": q.longest} for q in self.queues},
            "littles_law": {
                law.name: {
                    "L": _round(law.L),
                    "lambda_per_hour": _round(law.arrival_rate * 60),
                    "W_minutes": _round(law.W),
                    "gap": law.gap,
                }
                for law in self.little
            },
        }

    def to_text(self) -> str:
        """The summary table ``cipherwire simulate`` prints."""
        run = self.run
        count = len(run.records)
        lines = [
            f"{count} telegram{'' if count == 1 else 's'}"
            + (f" of {run.expected} (interrupted)" if run.interrupted else "")
            + f", {_when(run.start)} to {_when(run.end)} ({run.start.tzname()}), seed {run.seed}",
            "",
            f"{'':<21}{'waiting':^18}  {'received->dispatched':^27}  {'received->read':^27}",
            f"{'minutes':<15}{'count':>6}{'mean':>9}{'p95':>9}  "
            + f"{'mean':>9}{'median':>9}{'p95':>9}  " * 2,
        ]
        for c in self.classes:
            wait, dispatch, read = (c.stats[k] for k in ("waiting", "to_dispatch", "in_system"))
            lines.append(
                f"{c.label:<15}{c.count:>6}{_num(wait.mean, 9)}{_num(wait.p95, 9)}  "
                f"{_num(dispatch.mean, 9)}{_num(dispatch.median, 9)}{_num(dispatch.p95, 9)}  "
                f"{_num(read.mean, 9)}{_num(read.median, 9)}{_num(read.p95, 9)}"
            )
        lines += ["", f"{'resource':<24}{'units':>6}{'busy hours':>12}{'utilisation':>13}"]
        for r in run.resources:
            lines.append(f"{r.name:<24}{r.units:>6}{r.busy / 60:>12.1f}{r.utilisation:>13.0%}")
        lines += ["", f"{'queue':<24}{'mean':>6}{'longest':>12}"]
        for q in self.queues:
            lines.append(f"{q.name:<24}{q.mean:>6.2f}{q.longest:>12}")
        return "\n".join(line.rstrip() for line in lines) + "\n"


def _class(precedence: Precedence | None, records: list[Record]) -> ClassReport:
    stats = {key: Stats.of([minutes(f(r)) for r in records]) for key, _, f in MEASURES}
    return ClassReport(precedence, len(records), stats)


def _little(run: Run) -> list[LittlesLaw]:
    """Little's law at each place: the clerks' queue, each line's queue and far-end clerks'
    queue, the department (receipt to sent) and the whole system (receipt to read)."""
    span = run.minutes
    if span <= 0:
        return []
    places: list[tuple[str, list[Record], Callable[[Record], dt.timedelta]]] = [
        ("clerks", list(run.records), lambda r: r.clerk_wait),
    ]
    for destination in dict.fromkeys(r.destination for r in run.records):
        mine = [r for r in run.records if r.destination == destination]
        places.append((f"line {destination}", mine, lambda r: r.line_wait))
        places.append(
            (f"clerks at {destination}", mine, lambda r: r.deciphering_started - r.arrived)
        )
    places.append(("department", list(run.records), lambda r: r.in_department))
    places.append(("system", list(run.records), lambda r: r.in_system))
    out = []
    for name, records, span_of in places:
        w = float(np.mean([minutes(span_of(r)) for r in records])) if records else 0.0
        out.append(
            LittlesLaw(name, len(records), run.queue(name).mean(span), len(records) / span, w)
        )
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _num(value: float | None, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.1f}"


def _when(moment: dt.datetime) -> str:
    return f"{ArchiveDate.of(moment.date()).to_text()} {moment:%H:%M}"


__all__ = ["MEASURES", "ClassReport", "LittlesLaw", "QueueReport", "Report", "Stats"]
