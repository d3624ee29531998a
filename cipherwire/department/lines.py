"""The lines to one destination: a priority queue of cables, sending, pre-emption.

A :class:`LineGroup` is the ``lines`` lines of a :class:`~cipherwire.department.config.
Link` as one SimPy resource: ``simpy.PriorityResource``, or ``simpy.PreemptiveResource``
when TOP PRIORITY may interrupt a cable being sent.  Requests are ordered by
``rank * 10**12 + serial``: precedence first, then the order of receipt (a pre-empted cable
asks again with its old key, so it keeps its place).  Each cable goes out on the lowest
numbered free line.  The group also holds the clerks at the far end and the queue-length
records of both.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import simpy
from simpy.resources.resource import PriorityRequest

from cipherwire.department.clerks import ClerkPool
from cipherwire.department.config import Link
from cipherwire.department.queues import QueueLength
from cipherwire.wire.line import Line

#: Line priorities are rank * SPAN + serial (serials stay below SPAN).
SPAN = 10**12
_DONE = 1e-9  # minutes of sending left that count as none (floating point)


@dataclass
class Sending:
    """How a cable went out: when it started (minutes), its line, waits and interruptions."""

    dispatched: float = -1.0
    line: str = ""
    waited: float = 0.0
    interruptions: int = 0


class LineGroup:
    """The lines to one destination, the queue for them and the clerks at the far end."""

    def __init__(self, env: simpy.Environment, link: Link, line: Line, *, preempt: bool) -> None:
        self.env, self.link, self.line = env, link, line
        self.delay = link.delay.total_seconds() / 60.0  # minutes on the way
        self.zone = ZoneInfo(link.zone)  # where the cables arrive
        kind = simpy.PreemptiveResource if preempt else simpy.PriorityResource
        self.resource = kind(env, capacity=link.lines)
        self.names = [f"{link.destination} {i}" for i in range(1, link.lines + 1)]
        self.busy = [0.0] * link.lines
        self._slot: dict[PriorityRequest, int] = {}
        self.queue = QueueLength(f"line {link.destination}")
        clerks = [f"{link.destination} clerk {i}" for i in range(1, link.clerks + 1)]
        self.clerks = ClerkPool(env, clerks)
        self.clerk_queue = QueueLength(f"clerks at {link.destination}")

    def send(
        self, *, rank: int, serial: int, preempt: bool, minutes: Callable[[], float]
    ) -> Generator[simpy.Event, Any, Sending]:
        """A process fragment (``yield from``): wait for a line and send a cable.

        ``minutes()`` gives the sending time, asked once the cable starts going out.  If
        it is pre-empted (only TOP PRIORITY requests pre-empt), the cable waits again and
        then sends what is left.
        """
        env, done = self.env, Sending()
        remaining = 0.0
        while True:
            asked = env.now
            self.queue.add(asked, +1)
            request = self.resource.request(priority=rank * SPAN + serial, preempt=preempt)
            yield request
            self.queue.add(env.now, -1)
            done.waited += env.now - asked
            slot = self._take(request)
            done.line = self.names[slot]
            if done.dispatched < 0:
                done.dispatched = env.now
                remaining = minutes()
            began = env.now
            try:
                yield env.timeout(remaining)
                remaining = 0.0
            except simpy.Interrupt:
                remaining -= env.now - began
                done.interruptions += 1
            finally:
                self.busy[self._slot.pop(request)] += env.now - began
                self.resource.release(request)
            if remaining <= _DONE:
                return done

    def _take(self, request: PriorityRequest) -> int:
        """The lowest numbered line not in use by another cable."""
        used = {self._slot[r] for r in self.resource.users if r in self._slot}
        slot = min(set(range(len(self.names))) - used)
        self._slot[request] = slot
        return slot


__all__ = ["SPAN", "LineGroup", "Sending"]
