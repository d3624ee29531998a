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
        arrival, link, sending = self.arrival, self.lines.link, self.sending
        checking_started = checked = None
        if self.checking_started is None or self.checked is None:  # no checking
            received, registered, enciphering_started, enciphered, dispatched, sent = _stamps(
                (
                    self.received, self.registered, self.enciphering_started,
                    self.enciphered, sending.dispatched, self.sent,
                ),
                epoch,
                zone,
            )  # fmt: skip
        else:
            (
                received, registered, enciphering_started, enciphered, checking_started,
                checked, dispatched, sent,
            ) = _stamps(
                (
                    self.received, self.registered, self.enciphering_started,
                    self.enciphered, self.checking_started, self.checked,
                    sending.dispatched, self.sent,
                ),
                epoch,
                zone,
            )  # fmt: skip
        arrived, deciphering_started, deciphered = _stamps(
            (self.arrived, self.deciphering_started, self.deciphered), epoch, self.lines.zone
        )
        telegram = arrival.telegram
        return Record(
            serial=self.serial,
            number=telegram.number if telegram is not None else None,
            precedence=arrival.precedence,
            destination=link.destination,
            source=arrival.source,
            code_groups=paper.code_groups if paper is not None else None,
            cable_groups=paper.cable_groups if paper is not None else None,
            clerk=self.clerk,
            checker=self.checker,
            line=sending.line,
            received=received,
            registered=registered,
            enciphering_started=enciphering_started,
            enciphered=enciphered,
            checking_started=checking_started,
            checked=checked,
            dispatched=dispatched,
            sent=sent,
            arrived=arrived,
            deciphering_started=deciphering_started,
            deciphered=deciphered,
            line_wait=dt.timedelta(minutes=sending.waited),
            interruptions=sending.interruptions,
            pad=paper.volume if paper is not None else None,
            decoded=paper.decoded if paper is not None else None,
            cable=paper.cable if paper is not None else None,
            document=telegram if paper is not None else None,
            parts=paper.parts if paper is not None else (),
        )


def _stamps(minutes: tuple[float, ...], epoch: float, zone: ZoneInfo) -> list[dt.datetime]:
    """Each minute as a zone-aware time: minute 0 is ``epoch``.  A stage that took no
    time has the minute of the one before; it gets the same time, made once."""
    out: list[dt.datetime] = []
    last = None
    for minute in minutes:
        if minute != last:
            when = dt.datetime.fromtimestamp(epoch + minute * 60.0, tz=zone)
            last = minute
        out.append(when)
    return out


__all__ = ["Trace"]
