"""Queue lengths over time: how many telegrams were at one place, minute by minute.

A :class:`QueueLength` is a step function kept as its change points: the count is
``values[i]`` from ``times[i]`` (minutes from the start of the run) until the next change.
Its time average over a span is what Little's law calls *L*.

>>> q = QueueLength("clerks")
>>> q.add(0.0, +1); q.add(2.0, +1); q.add(3.0, -2)
>>> q.area(4.0), q.mean(4.0), q.maximum
(4.0, 1.0, 2)
"""

from __future__ import annotations

from cipherwire.errors import SimulationError


class QueueLength:
    """How many telegrams wait (or are) at one place, over the minutes of a run."""

    def __init__(self, name: str, *, start: float = 0.0) -> None:
        self.name = name
        self.times: list[float] = [start]
        self.values: list[int] = [0]

    def add(self, now: float, change: int) -> None:
        """The count changes by ``change`` at minute ``now``."""
        value = self.values[-1] + change
        if value < 0:
            raise SimulationError(f"queue {self.name!r} would hold {value} telegrams at {now}")
        if now == self.times[-1]:
            self.values[-1] = value
        else:
            self.times.append(now)
            self.values.append(value)

    @property
    def now(self) -> int:
        """The count after the last change."""
        return self.values[-1]

    @property
    def maximum(self) -> int:
        """The longest the queue was."""
        return max(self.values)

    def area(self, until: float) -> float:
        """Telegram-minutes from the start to minute ``until`` (the integral of the count)."""
        total = 0.0
        for i, (t, v) in enumerate(zip(self.times, self.values, strict=True)):
            if t >= until:
                break
            following = self.times[i + 1] if i + 1 < len(self.times) else until
            total += v * (min(following, until) - t)
        return total

    def mean(self, until: float) -> float:
        """The time-average count from the start to minute ``until``."""
        span = until - self.times[0]
        return self.area(until) / span if span > 0 else 0.0

    def __repr__(self) -> str:
        return f"<QueueLength {self.name!r} changes={len(self.times)} max={self.maximum}>"


__all__ = ["QueueLength"]
