"""The errors cipherwire raises on purpose.

Every error derives from :class:`CipherwireError`; each leaf also subclasses the builtin a
caller would naturally catch (``ValueError`` for bad input, ``LookupError`` for something
that is not there, ``RuntimeError`` for a state that forbids the operation).  Messages quote
the offending value with ``!r`` and say where it was found.
"""

from __future__ import annotations


class CipherwireError(Exception):
    """Base of every error cipherwire raises on purpose."""


def _where(message: str, *, line: int | None = None, group: int | None = None) -> str:
    places = []
    if line is not None:
        places.append(f"line {line}")
    if group is not None:
        places.append(f"group {group}")
    return f"{', '.join(places)}: {message}" if places else message


class TelegramFormatError(CipherwireError, ValueError):
    """An archive telegram (or a field of one) could not be read or built."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(_where(message, line=line))
        self.line = line


class InputFileError(CipherwireError, ValueError):
    """A file given as input cannot be read as text: missing, a folder, binary, too large."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class DateFormatError(CipherwireError, ValueError):
    """A date or a time as printed in a document is malformed or impossible."""


class CodebookError(CipherwireError, ValueError):
    """A codebook file or a code group is malformed (duplicate codes, unknown groups)."""

    def __init__(self, message: str, *, line: int | None = None, group: int | None = None) -> None:
        super().__init__(_where(message, line=line, group=group))
        self.line = line
        self.group = group


class CableFormatError(CipherwireError, ValueError):
    """A cable (preamble, groups, parts) is malformed: wrong count, bad group, truncation."""

    def __init__(self, message: str, *, line: int | None = None, group: int | None = None) -> None:
        super().__init__(_where(message, line=line, group=group))
        self.line = line
        self.group = group


class WireError(CipherwireError, ValueError):
    """Something the wire cannot carry or do: a character a code lacks, a malformed
    signal, an impossible speed or error rate."""

    def __init__(self, message: str, *, position: int | None = None) -> None:
        super().__init__(f"position {position}: {message}" if position is not None else message)
        self.position = position


class ArrayValueError(CipherwireError, ValueError):
    """An array's values, shape or layout do not fit the operation: a digit above 9,
    operands of different lengths, offsets that do not cover a message set's digits."""


class ArrayTypeError(CipherwireError, TypeError):
    """An operand is not a NumPy array, or not of the dtype the operation needs."""


class BatchError(CipherwireError, ValueError):
    """A batch of telegrams or cables cannot be processed: it is empty, or an entry of it
    (a file, a line of a JSON-lines file) is malformed."""

    def __init__(self, message: str, *, entry: str | None = None) -> None:
        super().__init__(f"{entry}: {message}" if entry is not None else message)
        self.entry = entry


class PadBookError(CipherwireError, ValueError):
    """A pad book file is corrupt, of a newer format, or not a pad book at all."""


class PageNotIssuedError(CipherwireError, LookupError):
    """A pad page (by number or indicator) is unknown or was never issued."""


class PadExhaustedError(CipherwireError, RuntimeError):
    """The pad book has fewer unused pages than a message needs."""


class PadReuseError(CipherwireError, RuntimeError):
    """A pad page would be issued a second time."""


class PlotUnavailableError(CipherwireError, ImportError):
    """Plots need matplotlib, the optional ``plot`` extra, and it is not installed."""


class CheckerboardError(CipherwireError, ValueError):
    """Text a straddling checkerboard cannot carry, or digits that do not read back."""

    def __init__(self, message: str, *, position: int | None = None) -> None:
        super().__init__(f"position {position}: {message}" if position is not None else message)
        self.position = position


class StrategyArgumentError(CipherwireError, ValueError):
    """A hypothesis strategy of :mod:`cipherwire.strategies` asked for with impossible bounds."""


class AnalysisError(CipherwireError, ValueError):
    """Input a cryptanalytic function cannot work on: too little text, a wrong shape."""


class TrafficError(CipherwireError, ValueError):
    """A traffic folder or a traffic plan that cannot be used, naming the file or setting."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


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
    "AnalysisError",
    "ArrayTypeError",
    "ArrayValueError",
    "BatchError",
    "CableFormatError",
    "CheckerboardError",
    "CipherwireError",
    "CodebookError",
    "DateFormatError",
    "DepartmentConfigError",
    "InputFileError",
    "PadBookError",
    "PadExhaustedError",
    "PadReuseError",
    "PageNotIssuedError",
    "PlotUnavailableError",
    "RecordError",
    "SimulationError",
    "TelegramFormatError",
    "TrafficError",
    "WireError",
    "WorkloadError",
]
