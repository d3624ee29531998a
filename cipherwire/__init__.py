"""cipherwire: Soviet-era ciphered telegrams you can run.

The archive document (:class:`Telegram`), the codebook (:class:`Codebook`), the one-time
pad (:class:`PadBook`), the cable form (:class:`Cable`) and the clerk's work between them
(:func:`encipher`, :func:`decipher`).  Hypothesis strategies for your own property tests
are in :mod:`cipherwire.strategies` (it needs ``hypothesis``).
"""

from cipherwire.cable import Cable, CablePart
from cipherwire.cipher import Deciphered, decipher, encipher
from cipherwire.codebook import Codebook, normalise
from cipherwire.dates import ArchiveDate, ArchiveTime
from cipherwire.errors import (
    CableFormatError,
    CipherwireError,
    CodebookError,
    DateFormatError,
    InputFileError,
    PadBookError,
    PadExhaustedError,
    PadReuseError,
    PageNotIssuedError,
    TelegramFormatError,
)
from cipherwire.pad import PadBook, PadPage
from cipherwire.telegram import Precedence, Telegram

__all__ = [
    "ArchiveDate",
    "ArchiveTime",
    "Cable",
    "CableFormatError",
    "CablePart",
    "CipherwireError",
    "Codebook",
    "CodebookError",
    "DateFormatError",
    "Deciphered",
    "InputFileError",
    "PadBook",
    "PadBookError",
    "PadExhaustedError",
    "PadPage",
    "PadReuseError",
    "PageNotIssuedError",
    "Precedence",
    "Telegram",
    "TelegramFormatError",
    "decipher",
    "encipher",
    "normalise",
]
