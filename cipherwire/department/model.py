"""The cipher department as SimPy processes: a telegram's way from receipt to reading.

A :class:`Simulation` runs each telegram of a
:class:`~cipherwire.department.workload.Workload` as one generator process: it is received
and registered, enciphered by a cipher clerk and checked by a second one
(:class:`~cipherwire.department.clerks.ClerkPool`, by precedence), sent on a line to its
destination (:class:`~cipherwire.department.lines.LineGroup`) and deciphered there, while
shift processes bring clerks on and off duty; :func:`simulate` gives the
:class:`~cipherwire.department.run.Run`.  Service times come from the messages, really
encoded, enciphered, sent and deciphered, in bulk
(:class:`~cipherwire.department.documents.Documents`), or in the queueing mode are drawn
exponential.  A run is reproducible: its classroom pads and exponential times are seeded
from its seed, and SimPy handles simultaneous events in a fixed order.
docs/tutorial/department.md walks through runs, and docs/performance.md (the department
simulation) tells how the documents are made in bulk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import random
import shutil
import tempfile
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import simpy

from cipherwire.codebook.book import Codebook
from cipherwire.department.clerks import ClerkPool
from cipherwire.department.config import DepartmentConfig, Shift
from cipherwire.department.documents import Documents
from cipherwire.department.lines import LineGroup
from cipherwire.department.paperwork import PadSupply
from cipherwire.department.queues import QueueLength
from cipherwire.department.records import Record
from cipherwire.department.run import ResourceUse, Run
from cipherwire.department.trace import Trace
from cipherwire.department.workload import Arrival, Workload
from cipherwire.errors import SimulationError, WorkloadError
from cipherwire.telegram.document import Precedence

#: The default seed of a run (the seed telegram's year).
DEFAULT_SEED = 1950
#: The documents of the telegrams read so far are finished (pages issued, cables
#: enciphered, printed and deciphered) each time this many more have been read, in the
#: background while the next ones are simulated.
SETTLE_EVERY = 8192
_STREAM_SERVICE = 2

Process = Generator[simpy.Event, Any, None]


class Simulation:
    """A run of the department over a workload; :meth:`run` it once.

    ``pads``: where the pages come from (default: classroom pad books seeded from
    ``seed`` in a temporary folder, removed after the run).  ``codebook``: default the
    shipped one.  Neither is used in the queueing mode.
    """

    def __init__(
        self,
        workload: Workload,
        config: DepartmentConfig | None = None,
        *,
        seed: int = DEFAULT_SEED,
        codebook: Codebook | None = None,
        pads: PadSupply | None = None,
    ) -> None:
        self.workload = workload
        self.config = config if config is not None else DepartmentConfig()
        self.seed = seed
        self.env = simpy.Environment()
        self._origin = workload.start.astimezone(dt.UTC)
        self._epoch = self._origin.timestamp()
        self._zone = ZoneInfo(self.config.zone)
        self._records: list[Record] = []
        self._progress: Callable[[int], None] | None = None
        self._done = self.env.event()
        self._ran = False
        names = [f"{s.name} {i}" for s in self.config.shifts for i in range(1, s.clerks + 1)]
        self.clerks = ClerkPool(self.env, names, on_duty=False)
        self._clerk_queue = QueueLength("clerks")
        self._department = QueueLength("department")
        self._system = QueueLength("system")
        self._lines: dict[str, LineGroup] = {}  # by the destination as the workload names it
        groups: dict[str, LineGroup] = {}  # by the destination's line set-up
        for arrival in workload.arrivals:
            if arrival.destination not in self._lines:
                link = self.config.link(arrival.destination)
                if link.destination not in groups:
                    groups[link.destination] = LineGroup(
                        self.env, link, link.line(self.config.zone), preempt=self.config.preempt
                    )
                self._lines[arrival.destination] = groups[link.destination]
        self._groups = tuple(groups.values())
        state = np.random.SeedSequence([seed, _STREAM_SERVICE]).generate_state(2)
        self._random = random.Random(int(state[0]) << 32 | int(state[1]))
        self._codebook = codebook or Codebook.default()
        self._pads: PadSupply | None = None
        self._documents: Documents | None = None
        self._traces: list[Trace] = []  # read at the destination, not yet recorded
        self._finishing: list[Trace] = []  # read, their documents finished in the background
        self._read = 0
        self._scratch: Path | None = None
        if self.config.service is None:
            missing = [a for a in workload.arrivals if a.telegram is None]
            if missing:
                raise WorkloadError(
                    "times from the messages need the telegrams' texts; this workload has "
                    "none (make it with texts=True, or use an Exponential service)"
                )
            if pads is None:
                self._scratch = Path(tempfile.mkdtemp(prefix="cipherwire-department-"))
                pads = PadSupply.classroom(self._scratch, seed=seed)
            self._pads = pads

    # --- running -------------------------------------------------------------------------

    def run(self, *, progress: Callable[[int], None] | None = None) -> Run:
        """Simulate until every telegram is read at its destination; return the :class:`Run`.

        ``progress`` is called with 1 each time a telegram is read.  If the run is
        interrupted (KeyboardInterrupt), :meth:`result` still gives what was finished.
        """
        if self._ran:
            raise SimulationError("a Simulation runs once; make a new one")
        self._ran = True
        self._progress = progress
        try:
            with _older_objects_set_aside():
                try:
                    self._prepare()
                    for shift in self.config.shifts:
                        self.env.process(self._shift(shift))
                    self.env.process(self._arrivals())
                    if self.workload.arrivals:
                        self.env.run(until=self._done)
                except KeyboardInterrupt:
                    self._settle()  # the documents of what was read, then stop
                    raise
                self._settle()
        finally:
            self.close()
        return self.result()

    def result(self) -> Run:
        """The run so far: every telegram read up to now (all of them after :meth:`run`)."""
        now = self.env.now
        self.clerks.settle()
        resources = [
            ResourceUse(
                "cipher clerks",
                len(self.clerks.clerks),
                sum(self.clerks.busy.values()),
                sum(self.clerks.duty.values()),
            )
        ]
        queues = [self._clerk_queue]
        for lines in self._groups:
            for name, busy in zip(lines.names, lines.busy, strict=True):
                resources.append(ResourceUse(f"line {name}", 1, busy, now))
            lines.clerks.settle()
            resources.append(
                ResourceUse(
                    f"clerks at {lines.link.destination}",
                    lines.link.clerks,
                    sum(lines.clerks.busy.values()),
                    sum(lines.clerks.duty.values()),
                )
            )
            queues += [lines.queue, lines.clerk_queue]
        queues += [self._department, self._system]
        records = tuple(sorted(self._records, key=lambda r: r.serial))
        return Run(
            config=self.config,
            seed=self.seed,
            start=self.workload.start,
            end=self._at(now, self._zone),
            records=records,
            queues=tuple(queues),
            resources=tuple(resources),
            expected=len(self.workload.arrivals),
            interrupted=len(records) < len(self.workload.arrivals),
        )

    def close(self) -> None:
        """Close the pad books and remove the temporary folder, if the run made one."""
        if self._documents is not None:
            self._documents.close()
        elif self._pads is not None:
            self._pads.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _prepare(self) -> None:
        """Set up the documents of the telegrams (the message mode only)."""
        if self._pads is None:
            return
        arrivals = self.workload.arrivals
        telegrams = [a.telegram for a in arrivals if a.telegram is not None]
        lines = [self._lines[a.destination] for a in arrivals]
        self._documents = Documents(
            telegrams,
            [group.link.destination for group in lines],
            [group.line for group in lines],
            codebook=self._codebook,
            pads=self._pads,
        )

    def _settle(self, *, last: bool = True) -> None:
        """Finish the documents of the telegrams read so far and make their records.

        Before the ``last`` time, the documents are finished in the background while the
        run goes on, and the records are made of those finished the time before.
        """
        documents = self._documents
        if documents is None:
            traces, self._traces = self._traces, []
        elif last:  # every page handed out goes in the ledger
            documents.settle()
            traces, self._finishing, self._traces = self._finishing + self._traces, [], []
        else:
            documents.settle(background=True)  # once the ones before are finished
            traces, self._finishing, self._traces = self._finishing, self._traces, []
        for trace in traces:
            paper = None if documents is None else documents.paper(trace.serial - 1)
            self._records.append(trace.record(epoch=self._epoch, zone=self._zone, paper=paper))

    # --- processes -----------------------------------------------------------------------

    def _arrivals(self) -> Process:
        documents = self._documents
        for serial, arrival in enumerate(self.workload.arrivals, start=1):
            at = self._minutes(arrival.time)
            if at > self.env.now:
                yield self.env.timeout(at - self.env.now)
            if documents is not None:
                documents.prepare(serial)  # a slice of telegrams at a time
            self.env.process(self._telegram(serial, arrival))

    def _shift(self, shift: Shift) -> Process:
        """Bring the shift's clerks on and off duty, day after day, in local time."""
        names = [f"{shift.name} {i}" for i in range(1, shift.clerks + 1)]
        day = self.workload.start.astimezone(self._zone).date() - dt.timedelta(days=1)
        while True:
            on = dt.datetime.combine(day, shift.start, tzinfo=self._zone)
            begin = self._minutes(on)
            end = self._minutes(on + dt.timedelta(minutes=shift.minutes))
            day += dt.timedelta(days=1)
            if end <= self.env.now:
                continue
            if begin > self.env.now:
                yield self.env.timeout(begin - self.env.now)
            for name in names:
                self.clerks.come_on(name)
            yield self.env.timeout(end - self.env.now)
            for name in names:
                self.clerks.go_off(name)

    def _telegram(self, serial: int, arrival: Arrival) -> Process:
        """One telegram's way: registration, a clerk to encipher and (with checking)
        another to check, a line, the line's delay, and a clerk at the destination to
        decipher, each clerk and line taken in order of precedence, then of receipt."""
        env, config, documents = self.env, self.config, self._documents
        clerks, clerk_queue = self.clerks, self._clerk_queue
        lines = self._lines[arrival.destination]
        rank = arrival.precedence.rank
        key = (rank, serial)
        received = env.now
        self._department.add(received, +1)
        self._system.add(received, +1)
        if config.registration > 0:
            yield env.timeout(config.registration)
        registered = env.now

        clerk_queue.add(registered, +1)
        clerk = yield clerks.request(key)
        enciphering_started = env.now
        clerk_queue.add(enciphering_started, -1)
        if documents is not None:
            documents.start(serial - 1)
            groups = documents.code_groups(serial - 1)
            yield env.timeout(groups / config.encipher_rate)
        else:
            yield env.timeout(self._duration("enciphering"))
        clerks.release(clerk)
        enciphered = env.now

        checker = checking_started = checked = None
        if config.checking:
            clerk_queue.add(enciphered, +1)
            checker = yield clerks.request(key, not_by=clerk)
            checking_started = env.now
            clerk_queue.add(checking_started, -1)
            if documents is not None:
                yield env.timeout(groups / config.check_rate)
            else:
                yield env.timeout(self._duration("checking"))
            clerks.release(checker)
            checked = env.now

        def sending_time() -> float:
            if documents is None:
                return self._duration("transmission")
            return documents.sending_minutes(serial - 1)

        sending = yield from lines.send(
            rank=rank,
            serial=serial,
            preempt=config.preempt and arrival.precedence is Precedence.TOP,
            minutes=sending_time,
        )
        sent = env.now
        self._department.add(sent, -1)
        if lines.delay > 0:
            yield env.timeout(lines.delay)
        arrived = env.now

        lines.clerk_queue.add(arrived, +1)
        reader = yield lines.clerks.request(key)
        deciphering_started = env.now
        lines.clerk_queue.add(deciphering_started, -1)
        if documents is not None:
            yield env.timeout(groups / lines.link.decipher_rate)
        else:
            yield env.timeout(self._duration("deciphering"))
        lines.clerks.release(reader)
        deciphered = env.now
        self._system.add(deciphered, -1)

        self._traces.append(
            Trace(
                serial, arrival, lines, clerk, checker, sending, received, registered,
                enciphering_started, enciphered, checking_started, checked, sent, arrived,
                deciphering_started, deciphered,
            )
        )  # fmt: skip
        self._read += 1
        if self._progress is not None:
            self._progress(1)
        if self._read == len(self.workload.arrivals):
            self._done.succeed()
        elif documents is None or self._read % SETTLE_EVERY == 0:
            self._settle(last=False)

    # --- helpers -------------------------------------------------------------------------

    def _duration(self, stage: str) -> float:
        """Minutes a stage takes in the queueing mode: drawn exponential."""
        service = self.config.service
        assert service is not None
        mean: float = getattr(service, stage)
        return self._random.expovariate(1.0 / mean) if mean > 0 else 0.0

    def _minutes(self, when: dt.datetime) -> float:
        return (when.astimezone(dt.UTC) - self._origin).total_seconds() / 60.0

    def _at(self, minutes: float, zone: ZoneInfo) -> dt.datetime:
        return dt.datetime.fromtimestamp(self._epoch + minutes * 60.0, tz=zone)


@contextlib.contextmanager
def _older_objects_set_aside() -> Iterator[None]:
    """Spare the garbage collector the objects made before the run while it runs.

    A run keeps what it makes (a record a telegram) and so sets off full collections,
    each of which would look through every object the program holds, the workload's
    hundreds of thousands included; frozen (:func:`gc.freeze`), those are left out until
    the run ends.  Nothing is freed later than it would be but cyclic garbage made before
    the run.  If something else has frozen objects already, the run leaves that alone.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def simulate(
    workload: Workload,
    config: DepartmentConfig | None = None,
    *,
    seed: int = DEFAULT_SEED,
    codebook: Codebook | None = None,
    pads: PadSupply | None = None,
    progress: Callable[[int], None] | None = None,
) -> Run:
    """Simulate ``workload`` in a department set up as ``config``; see :class:`Simulation`."""
    return Simulation(workload, config, seed=seed, codebook=codebook, pads=pads).run(
        progress=progress
    )


__all__ = ["DEFAULT_SEED", "ResourceUse", "Run", "Simulation", "simulate"]
