"""The clerks of a cipher room: named people who take work by precedence, by shifts.

A :class:`ClerkPool` is a SimPy resource of its own kind, because a clerk is a person: the
second clerk who checks a telegram must not be the one who enciphered it, and a clerk whose
shift ends finishes the telegram in hand before going home.  docs/tutorial/department.md
shows the clerks at work.

>>> import simpy
>>> env = simpy.Environment()
>>> pool = ClerkPool(env, ["A", "B"])
>>> log = []
>>> def telegram(serial, rank, minutes):
...     clerk = yield pool.request((rank, serial))
...     log.append((serial, clerk, env.now))
...     yield env.timeout(minutes)
...     pool.release(clerk)
>>> for serial, rank in ((1, 2), (2, 2), (3, 2), (4, 0)):
...     _ = env.process(telegram(serial, rank, 10))
>>> env.run()
>>> log  # telegram 4, TOP PRIORITY, overtakes 3, which waited longer
[(1, 'A', 0), (2, 'B', 0), (4, 'A', 10), (3, 'B', 10)]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import simpy

from cipherwire.errors import DepartmentConfigError

Key = tuple[int, int]


class ClerkPool:
    """Named clerks who take work in the order of its key, ``(precedence rank, serial)``.

    TOP PRIORITY goes before URGENT before ORDINARY, first come first served within a class
    (serials are given at registration, in order of receipt).  No clerk is ever taken off
    a telegram.  A clerk who comes free takes the first waiting request he may take, and
    the free clerk with the lowest number goes first, so a run is reproducible.
    ``busy`` and ``duty`` hold each clerk's minutes at work and on duty so far (call
    :meth:`settle` first to count the open intervals up to now).
    """

    def __init__(
        self, env: simpy.Environment, clerks: Sequence[str], *, on_duty: bool = True
    ) -> None:
        if len(set(clerks)) != len(clerks) or not clerks:
            raise DepartmentConfigError(f"clerks need distinct names, got {list(clerks)!r}")
        self._env = env
        self._number = {name: i for i, name in enumerate(clerks)}
        self._free: list[str] = []
        self._working: dict[str, float] = {}
        self._leaving: set[str] = set()
        self._on_since: dict[str, float] = {}
        self._waiting: list[tuple[Key, int, simpy.Event, str | None]] = []
        self._tick = 0
        self.busy = dict.fromkeys(clerks, 0.0)
        self.duty = dict.fromkeys(clerks, 0.0)
        if on_duty:
            for name in clerks:
                self.come_on(name)

    @property
    def clerks(self) -> tuple[str, ...]:
        """Every clerk's name, on duty or not."""
        return tuple(self._number)

    @property
    def waiting(self) -> int:
        """Requests not yet given a clerk."""
        return len(self._waiting)

    @property
    def on_duty(self) -> int:
        """Clerks on duty now (working overtime included)."""
        return len(self._on_since)

    def request(self, key: Key, *, not_by: str | None = None) -> simpy.Event:
        """An event that succeeds with the name of the clerk who takes the work.

        ``not_by``: a clerk who may not take it (the one who enciphered it, for checking).
        """
        event = self._env.event()
        self._tick += 1
        bisect.insort(self._waiting, (key, self._tick, event, not_by))
        self._dispatch()
        return event

    def release(self, clerk: str) -> None:
        """``clerk`` has finished; he takes the next work, or goes home if his shift is over."""
        self.busy[clerk] += self._env.now - self._working.pop(clerk)
        if clerk in self._leaving:
            self._leaving.discard(clerk)
            self._go_home(clerk)
        else:
            bisect.insort(self._free, clerk, key=self._number.__getitem__)
        self._dispatch()

    def come_on(self, clerk: str) -> None:
        """``clerk``'s shift begins (a clerk still at work from before simply stays)."""
        if clerk in self._leaving:
            self._leaving.discard(clerk)
            return
        if clerk in self._on_since:
            return
        self._on_since[clerk] = self._env.now
        bisect.insort(self._free, clerk, key=self._number.__getitem__)
        self._dispatch()

    def go_off(self, clerk: str) -> None:
        """``clerk``'s shift ends: he goes now, or when the telegram in hand is done."""
        if clerk in self._working:
            self._leaving.add(clerk)
        elif clerk in self._on_since:
            self._free.remove(clerk)
            self._go_home(clerk)

    def settle(self) -> None:
        """Count the open work and duty intervals up to now into ``busy`` and ``duty``."""
        now = self._env.now
        for clerk, since in self._working.items():
            self.busy[clerk] += now - since
            self._working[clerk] = now
        for clerk, since in self._on_since.items():
            self.duty[clerk] += now - since
            self._on_since[clerk] = now

    def _go_home(self, clerk: str) -> None:
        self.duty[clerk] += self._env.now - self._on_since.pop(clerk)

    def _dispatch(self) -> None:
        free, waiting = self._free, self._waiting
        i = 0
        while free and i < len(waiting):
            not_by = waiting[i][3]
            if free[0] != not_by:  # the first free clerk who may take it (names differ)
                clerk = free.pop(0)
            elif len(free) > 1:
                clerk = free.pop(1)
            else:  # only the encipherer is free: the next request may take him
                i += 1
                continue
            event = waiting.pop(i)[2]
            self._working[clerk] = self._env.now
            event.succeed(clerk)


__all__ = ["ClerkPool", "Key"]
