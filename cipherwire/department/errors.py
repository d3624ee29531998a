"""The errors the department simulation raises on purpose.

They derive from :class:`~cipherwire.errors.CipherwireError` like every other error of
cipherwire, and each also subclasses the builtin a caller would naturally catch.
"""

from __future__ import annotations

from cipherwire.errors import CipherwireError, PlotUnavailableError


class DepartmentConfigError(CipherwireError, ValueError):
    """A department cannot be set up so: no clerks or lines, a shift that does not parse,
    a rate that is not a number, an unknown precedence class or destination."""


class WorkloadError(CipherwireError, ValueError):
    """A workload cannot be simulated: an arrival time missing or out of order, a telegram
    without a destination, a synthetic rate that is negative."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source


class RecordError(CipherwireError, ValueError):
    """A telegram's record is inconsistent: a time without a zone, stages out of order."""


class SimulationError(CipherwireError, RuntimeError):
    """A simulation cannot do this in its state: run a second time, a count gone below 0."""


__all__ = [
    "DepartmentConfigError",
    "PlotUnavailableError",
    "RecordError",
    "SimulationError",
    "WorkloadError",
]
