"""What happened to each telegram: the :class:`Record`, and its CSV and JSON-lines files.

A record has a zone-aware time for each stage of :data:`STAGES`, in order: the
department's stamps in its own zone (Moscow), ``arrived`` and the deciphering stamps in
the destination's.  The writers replace their file in one step (a temporary file beside
it, then a rename), so a reader never sees half a file.  docs/tutorial/department.md reads
a record stage by stage.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import operator
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from cipherwire.core.textfile import write_text
from cipherwire.errors import RecordError, TelegramFormatError
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Precedence, Telegram

#: The stages of a record in order (the names of its timestamps).
STAGES = (
    "received",  # the text reaches the department (the archive's "Received")
    "registered",  # logged in the journal and carried to the cipher room
    "enciphering_started",  # a cipher clerk takes it (after waiting for one)
    "enciphered",  # coded and enciphered
    "checking_started",  # a second clerk takes it (None when checking is off)
    "checked",
    "dispatched",  # the cable starts going out on a line (the archive's "Dispatched")
    "sent",  # its last group has gone out
    "arrived",  # at the destination: sent plus the line's delay
    "deciphering_started",  # a clerk there takes it
    "deciphered",  # deciphered and decoded
)
#: The columns of the CSV file (the JSON-lines file adds ``telegram`` and ``cable``).
COLUMNS = (
    "serial",
    "number",
    "priority",
    "destination",
    "source",
    "code_groups",
    "cable_groups",
    "clerk",
    "checker",
    "line",
    *STAGES,
    "line_wait_minutes",
    "interruptions",
    "pad",
    "decoded",
)


#: A record's times in the order of :data:`STAGES`, in one call.
_stage_times = operator.attrgetter(*STAGES)


def minutes(span: dt.timedelta) -> float:
    """A span in minutes."""
    return span.total_seconds() / 60.0


@dataclass(frozen=True, kw_only=True)
class Record:
    """One telegram's way through the department and over the line (:data:`STAGES`).

    ``serial`` is the department's register number (1, 2, ... in order of receipt);
    ``number`` the telegram's own.  ``line_wait`` is all the time the cable waited for a
    line, before it started and after each pre-emption (``interruptions``).  ``pad`` names
    the pad book volume the pages came from, ``decoded`` says whether the cable deciphered
    at the far end to the text as sent, ``cable`` is the cable as sent, ``document`` the
    telegram as the department received it and ``parts`` the cable's part numbers;
    :attr:`telegram` is the document stamped "Received ..." and "Dispatched ..." in the
    archive style.  The document fields are None in the queueing mode, which enciphers
    nothing.
    """

    serial: int
    number: str | None
    precedence: Precedence
    destination: str
    source: str | None
    code_groups: int | None
    cable_groups: int | None
    clerk: str
    checker: str | None
    line: str
    received: dt.datetime
    registered: dt.datetime
    enciphering_started: dt.datetime
    enciphered: dt.datetime
    checking_started: dt.datetime | None
    checked: dt.datetime | None
    dispatched: dt.datetime
    sent: dt.datetime
    arrived: dt.datetime
    deciphering_started: dt.datetime
    deciphered: dt.datetime
    line_wait: dt.timedelta
    interruptions: int = 0
    pad: str | None = None
    decoded: bool | None = None
    cable: str | None = field(default=None, repr=False)
    document: Telegram | None = field(default=None, repr=False)
    parts: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        before: dt.datetime | None = None
        for stage, when in zip(STAGES, _stage_times(self), strict=True):
            if when is None:
                continue
            if when.tzinfo is None:
                raise RecordError(f"record {self.serial}: {stage} is not zone-aware")
            if before is not None and when < before:
                raise RecordError(f"record {self.serial}: {stage} is before the stage before it")
            before = when

    @property
    def telegram(self) -> str | None:
        """The telegram stamped "Received ..." and "Dispatched ..." in the archive style
        (:func:`stamped`), as printed; None in the queueing mode.  Printed when asked for,
        not kept (a year's run has a hundred thousand of them)."""
        if self.document is None:
            return None
        return stamped(
            self.document, received=self.received, dispatched=self.dispatched, parts=self.parts
        ).to_text()

    # --- derived spans -----------------------------------------------------------------

    @property
    def clerk_wait(self) -> dt.timedelta:
        """Time spent waiting for cipher clerks (to encipher, then to check)."""
        wait = self.enciphering_started - self.registered
        if self.checking_started is not None:
            wait += self.checking_started - self.enciphered
        return wait

    @property
    def waiting(self) -> dt.timedelta:
        """All the time queued in the department: for clerks and for a line."""
        return self.clerk_wait + self.line_wait

    @property
    def to_dispatch(self) -> dt.timedelta:
        """From "Received" to "Dispatched": the archive's two stamps."""
        return self.dispatched - self.received

    @property
    def in_department(self) -> dt.timedelta:
        """From receipt until the last group has gone out."""
        return self.sent - self.received

    @property
    def in_system(self) -> dt.timedelta:
        """From receipt in Moscow until the telegram is read at the destination."""
        return self.deciphered - self.received

    def events(self) -> tuple[tuple[str, dt.datetime], ...]:
        """``(stage, time)`` for every stage the telegram went through, in order."""
        return tuple(
            (stage, getattr(self, stage)) for stage in STAGES if getattr(self, stage) is not None
        )

    # --- text forms --------------------------------------------------------------------

    def to_row(self) -> dict[str, Any]:
        """The CSV row: the columns of :data:`COLUMNS`, times in ISO 8601."""
        return {name: value for name, value in self.to_json().items() if name in COLUMNS}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: times in ISO 8601 with their offset, spans in minutes."""
        out: dict[str, Any] = {
            "serial": self.serial,
            "number": self.number,
            "priority": self.precedence.value,
            "destination": self.destination,
            "source": self.source,
            "code_groups": self.code_groups,
            "cable_groups": self.cable_groups,
            "clerk": self.clerk,
            "checker": self.checker,
            "line": self.line,
        }
        for stage in STAGES:
            when = getattr(self, stage)
            out[stage] = when.isoformat() if when is not None else None
        out["line_wait_minutes"] = round(minutes(self.line_wait), 6)
        out["interruptions"] = self.interruptions
        out["pad"] = self.pad
        out["decoded"] = self.decoded
        out["telegram"] = self.telegram
        out["cable"] = self.cable
        return out


def stamped(
    telegram: Telegram,
    *,
    received: dt.datetime,
    dispatched: dt.datetime,
    parts: tuple[str, ...],
) -> Telegram:
    """``telegram`` stamped "Received ..." and "Dispatched ..." in its own zone, in the
    archive style, and given the cable's part numbers ``parts`` as special numbers if it
    had none."""
    zone = ZoneInfo(telegram.zone)
    here_received = received.astimezone(zone)
    here_dispatched = dispatched.astimezone(zone)
    changes: dict[str, object] = {
        "received_time": ArchiveTime.of(here_received.time()),
        "received_date": ArchiveDate.of(here_received.date()),
        "dispatched_time": ArchiveTime.of(here_dispatched.time()),
        "dispatched_date": ArchiveDate.of(here_dispatched.date()),
    }
    if not telegram.special_numbers:
        changes["special_numbers"] = parts
    try:
        return telegram.replace(**changes)
    except TelegramFormatError:  # the document's layout has no place for a stamp
        return telegram.replace(**changes, layout=None)


def write_csv(records: Iterable[Record], path: str | os.PathLike[str]) -> None:
    """Write the records as CSV (a header, then one row a telegram), atomically."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record.to_row())
    write_text(path, buffer.getvalue(), newline="")


def write_jsonl(records: Iterable[Record], path: str | os.PathLike[str]) -> None:
    """Write the records as JSON lines (one object a telegram, documents included),
    atomically."""
    lines = [json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records]
    write_text(path, "".join(lines), newline="")


def write_json(value: Any, path: str | os.PathLike[str]) -> None:
    """Write one JSON value, readable, atomically."""
    write_text(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n", newline="")


__all__ = [
    "COLUMNS",
    "STAGES",
    "Record",
    "minutes",
    "stamped",
    "write_csv",
    "write_json",
    "write_jsonl",
]
