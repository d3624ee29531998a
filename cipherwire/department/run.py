"""What a simulation gives: the :class:`Run`, and how busy each resource was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cipherwire.department.config import DepartmentConfig
from cipherwire.department.queues import QueueLength
from cipherwire.department.records import Record


@dataclass(frozen=True)
class ResourceUse:
    """How much a resource worked: ``busy`` of ``available`` unit-minutes."""

    name: str
    units: int
    busy: float
    available: float

    @property
    def utilisation(self) -> float:
        """Busy over available (0 when it was never available)."""
        return self.busy / self.available if self.available > 0 else 0.0


@dataclass(frozen=True)
class Run:
    """A record per telegram, the queue lengths and the use of the resources.

    ``interrupted``: the run was stopped (Ctrl-C) with ``expected - len(records)``
    telegrams still on their way; ``end`` is then when it stopped.
    """

    config: DepartmentConfig
    seed: int
    start: dt.datetime
    end: dt.datetime
    records: tuple[Record, ...]
    queues: tuple[QueueLength, ...]
    resources: tuple[ResourceUse, ...]
    expected: int
    interrupted: bool = False

    @property
    def minutes(self) -> float:
        """How long the run lasted (first arrival or start to last telegram read)."""
        return (self.end - self.start).total_seconds() / 60.0

    def queue(self, name: str) -> QueueLength:
        """The queue length record called ``name``."""
        for queue in self.queues:
            if queue.name == name:
                return queue
        raise KeyError(name)


__all__ = ["ResourceUse", "Run"]
