"""cipherwire: Soviet-era ciphered telegrams you can run.

The archive document (:class:`Telegram`), the codebook (:class:`Codebook`), the one-time
pad (:class:`PadBook`), the cable form (:class:`Cable`) and the clerk's work between them
(:func:`encipher`, :func:`decipher`), one cable or a batch; many messages at once in a
:class:`MessageSet`; every error cipherwire raises on purpose.  Each package has its own
face (``cipherwire.wire``, ``cipherwire.department``, ...); docs/architecture.md maps them.
"""

from cipherwire.cable import Cable, CablePart
from cipherwire.cipher import (
    CableBatch,
    Deciphered,
    decipher,
    decipher_batch,
    encipher,
    encipher_batch,
)
from cipherwire.codebook import Codebook, normalise
from cipherwire.core import MessageSet
from cipherwire.errors import (
    AnalysisError,
    ArrayTypeError,
    ArrayValueError,
    BatchError,
    CableFormatError,
    CheckerboardError,
    CipherwireError,
    CodebookError,
    DateFormatError,
    DepartmentConfigError,
    InputFileError,
    PadBookError,
    PadExhaustedError,
    PadReuseError,
    PageNotIssuedError,
    PlotUnavailableError,
    RecordError,
    SimulationError,
    StrategyArgumentError,
    TelegramFormatError,
    TrafficError,
    WireError,
    WorkloadError,
)
from cipherwire.pad import PadBook, PadPage
from cipherwire.telegram import ArchiveDate, ArchiveTime, Precedence, Telegram

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "ArchiveDate",
    "ArchiveTime",
    "ArrayTypeError",
    "ArrayValueError",
    "BatchError",
    "Cable",
    "CableBatch",
    "CableFormatError",
    "CablePart",
    "CheckerboardError",
    "CipherwireError",
    "Codebook",
    "CodebookError",
    "DateFormatError",
    "Deciphered",
    "DepartmentConfigError",
    "InputFileError",
    "MessageSet",
    "PadBook",
    "PadBookError",
    "PadExhaustedError",
    "PadPage",
    "PadReuseError",
    "PageNotIssuedError",
    "PlotUnavailableError",
    "Precedence",
    "RecordError",
    "SimulationError",
    "StrategyArgumentError",
    "Telegram",
    "TelegramFormatError",
    "TrafficError",
    "WireError",
    "WorkloadError",
    "__version__",
    "decipher",
    "decipher_batch",
    "encipher",
    "encipher_batch",
    "normalise",
]
