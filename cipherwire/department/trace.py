"""A telegram's way through a run as the simulation notes it, and the record made of it.

The simulation notes the minute of each stage (minutes from the workload's start) and who
handled the telegram (:class:`Trace`); its :class:`~cipherwire.department.records.Record`,
with zone-aware times and the documents, is made once the documents are finished.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from zoneinfo import ZoneInfo

from cipherwire.department.documents import Paper
from cipherwire.department.lines import LineGroup, Sending
from cipherwire.department.records import Record
from cipherwire.department.workload import Arrival


class Trace(NamedTuple):
    """A telegram read at its destination: its register number, who handled it, how it
    went out, and the minute of each stage (:data:`~cipherwire.department.records.
    STAGES`; ``dispatched`` is ``sending.dispatched``)."""

    serial: int
    arrival: Arrival
    lines: LineGroup
    clerk: str
    checker: str | None
    sending: Sending
    received: float
    registered: float
    enciphering_started: float
    enciphered: float
    checking_started: float | None
    checked: float | None
    sent: float
    arrived: float
    deciphering_started: float
    deciphered: float

    def record(self, *, epoch: float, zone: ZoneInfo, paper: Paper | None = None) -> Record:
        """The telegram's record: minute 0 is ``epoch`` (a POSIX time), the department is
        in ``zone``; ``paper``, its finished documents (None in the queueing mode)."""
        arrival, link = self.arrival, self.lines.link
        there = ZoneInfo(link.zone)

        def at(minutes: float, where: ZoneInfo) -> dt.datetime:
            return dt.datetime.fromtimestamp(epoch + minutes * 60.0, tz=where)

        checking = self.checking_started, self.checked
        return Record(
            serial=self.serial,
            number=arrival.telegram.number if arrival.telegram is not None else None,
            precedence=arrival.precedence,
            destination=link.destination,
            source=arrival.source,
            code_groups=paper.code_groups if paper is not None else None,
            cable_groups=paper.cable_groups if paper is not None else None,
            clerk=self.clerk,
            checker=self.checker,
            line=self.sending.line,
            received=at(self.received, zone),
            registered=at(self.registered, zone),
            enciphering_started=at(self.enciphering_started, zone),
            enciphered=at(self.enciphered, zone),
            checking_started=None if checking[0] is None else at(checking[0], zone),
            checked=None if checking[1] is None else at(checking[1], zone),
            dispatched=at(self.sending.dispatched, zone),
            sent=at(self.sent, zone),
            arrived=at(self.arrived, there),
            deciphering_started=at(self.deciphering_started, there),
            deciphered=at(self.deciphered, there),
            line_wait=dt.timedelta(minutes=self.sending.waited),
            interruptions=self.sending.interruptions,
            pad=paper.volume if paper is not None else None,
            decoded=paper.decoded if paper is not None else None,
            cable=paper.cable if paper is not None else None,
            document=arrival.telegram if paper is not None else None,
            parts=paper.parts if paper is not None else (),
        )


__all__ = ["Trace"]
