"""Pictures of a run (PNG): a timeline of telegrams through the stages, and queue lengths.

Plots need matplotlib, the optional ``plot`` extra (``pip install "cipherwire[plot]"``):
without it every function here raises :class:`~cipherwire.errors.PlotUnavailableError`
before any work.  Figures are drawn with matplotlib's object API on the Agg canvas, never
through ``pyplot``'s global state.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from cipherwire.department.records import Record
from cipherwire.department.run import Run
from cipherwire.errors import PlotUnavailableError
from cipherwire.telegram.document import Precedence

#: The stages drawn on the timeline: (label, from, to, colour); "ready" is when the cable
#: was ready for a line (checked, or enciphered when checking is off).
TIMELINE_STAGES = (
    ("registration", "received", "registered", "#bbbbbb"),
    ("waiting for a clerk", "registered", "enciphering_started", "#f4a6a6"),
    ("enciphering", "enciphering_started", "enciphered", "#3b6fb6"),
    ("waiting for a checker", "enciphered", "checking_started", "#f4a6a6"),
    ("checking", "checking_started", "checked", "#7fb8e0"),
    ("waiting for a line", "ready", "dispatched", "#f0b64e"),
    ("on the line", "dispatched", "sent", "#3d9a50"),
    ("at the destination", "sent", "deciphered", "#9b7fc4"),
)
_MARK = {Precedence.TOP: "T", Precedence.URGENT: "U", Precedence.ORDINARY: "O"}


def require() -> None:
    """Raise :class:`PlotUnavailableError` if matplotlib cannot be imported."""
    _figure()


def _figure() -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise PlotUnavailableError(
            'plots need matplotlib, which is not installed: pip install "cipherwire[plot]"'
        ) from exc
    return Figure


def _stamp(record: Record, stage: str) -> dt.datetime | None:
    if stage == "ready":
        return record.checked or record.enciphered
    value: dt.datetime | None = getattr(record, stage)
    return value


def _hours(run: Run, when: dt.datetime) -> float:
    return (when - run.start).total_seconds() / 3600.0


def _clock_ticks(ax: Any, run: Run, last: float) -> None:
    """Ticks every few hours, labelled with the department's clock time."""
    step = max(1, int(last // 12) or 1)
    for candidate in (1, 2, 3, 4, 6, 12, 24, 48, 168):
        if candidate >= step:
            step = candidate
            break
    ticks = [float(h) for h in range(0, int(last) + step + 1, step)]
    ax.set_xticks(ticks)
    zone = run.start.tzinfo
    ax.set_xticklabels(
        [f"{(run.start + dt.timedelta(hours=h)).astimezone(zone):%d %H:%M}" for h in ticks],
        rotation=45,
        ha="right",
        fontsize=7,
    )
    ax.set_xlim(0, max(last, 1e-3))


def plot_timeline(run: Run, path: str | os.PathLike[str], *, limit: int = 150) -> Path:
    """Draw each telegram (the first ``limit``) as a bar through its stages; write a PNG."""
    figure = _figure()
    records: list[Record] = list(run.records[:limit])
    rows = max(len(records), 1)
    fig = figure(figsize=(11, 2.2 + 0.14 * rows), dpi=100)
    ax = fig.add_subplot()
    for index, record in enumerate(records):
        for _, start, end, colour in TIMELINE_STAGES:
            begin, finish = _stamp(record, start), _stamp(record, end)
            if begin is None or finish is None or finish <= begin:
                continue
            a, b = _hours(run, begin), _hours(run, finish)
            ax.broken_barh([(a, b - a)], (index - 0.4, 0.8), facecolors=colour)
    ax.set_ylim(rows - 0.5, -0.5)
    step = max(1, rows // 40)
    ax.set_yticks(range(0, len(records), step))
    ax.set_yticklabels([f"{r.serial} {_MARK[r.precedence]}" for r in records[::step]], fontsize=6)
    last = max((_hours(run, r.deciphered) for r in records), default=1.0)
    _clock_ticks(ax, run, last)
    ax.set_ylabel("telegram (T top priority, U urgent, O ordinary)")
    ax.set_xlabel(f"time ({run.start.tzname()}, day of month and hour)")
    shown = (
        f"the first {len(records)} of {len(run.records)}"
        if len(run.records) > limit
        else (f"{len(records)}")
    )
    ax.set_title(f"Telegrams through the department: {shown} telegrams, seed {run.seed}")
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=c, label=label)
            for label, _, _, c in TIMELINE_STAGES
            if label != "waiting for a checker"
        ],
        loc="upper right",
        fontsize=7,
    )
    ax.grid(axis="x", alpha=0.3)
    fig.subplots_adjust(
        left=0.08, right=0.98, top=1 - 0.5 / (2.2 + 0.14 * rows), bottom=0.9 / (2.2 + 0.14 * rows)
    )
    target = Path(path)
    fig.savefig(target, format="png")
    return target


def plot_queues(run: Run, path: str | os.PathLike[str]) -> Path:
    """Draw the queue lengths over time (clerks, each line, the department); write a PNG."""
    figure = _figure()
    fig = figure(figsize=(11, 4.5), dpi=100)
    ax = fig.add_subplot()
    last = run.minutes / 60.0
    for queue in run.queues:
        if queue.name.startswith("clerks at") or queue.name == "system":
            continue
        hours = [t / 60.0 for t in queue.times] + [last]
        values = [*queue.values, queue.values[-1]]
        label = {"clerks": "waiting for a cipher clerk", "department": "in the department"}.get(
            queue.name, f"waiting for a line to {queue.name.removeprefix('line ')}"
        )
        ax.step(hours, values, where="post", label=label, linewidth=1.2)
    _clock_ticks(ax, run, last)
    ax.set_ylabel("telegrams")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(f"time ({run.start.tzname()}, day of month and hour)")
    ax.set_title(f"Queue lengths over time, seed {run.seed}")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.92, bottom=0.22)
    target = Path(path)
    fig.savefig(target, format="png")
    return target


__all__ = ["TIMELINE_STAGES", "plot_queues", "plot_timeline", "require"]
