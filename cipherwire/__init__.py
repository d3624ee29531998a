"""cipherwire: Soviet-era ciphered telegrams you can run.

The archive document (:class:`Telegram`), the codebook (:class:`Codebook`), the one-time
pad (:class:`PadBook`), the cable form (:class:`Cable`) and the clerk's work between them
(:func:`encipher`, :func:`decipher`); many messages at once in a :class:`MessageSet`,
and many telegrams at once with :func:`encipher_batch`.  Hypothesis strategies for your
own property tests are in :mod:`cipherwire.strategies` (it needs ``hypothesis``).
"""

from cipherwire.cable.form import Cable, CablePart
from cipherwire.cipher.batch import CableBatch, encipher_batch
from cipherwire.cipher.clerk import Deciphered, decipher, encipher
from cipherwire.codebook.book import Codebook, normalise
from cipherwire.core.messages import MessageSet
from cipherwire.errors import (
    ArrayTypeError,
    ArrayValueError,
    BatchError,
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
from cipherwire.pad.book import PadBook, PadPage
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Precedence, Telegram

__all__ = [
    "ArchiveDate",
    "ArchiveTime",
    "ArrayTypeError",
    "ArrayValueError",
    "BatchError",
    "Cable",
    "CableBatch",
    "CableFormatError",
    "CablePart",
    "CipherwireError",
    "Codebook",
    "CodebookError",
    "DateFormatError",
    "Deciphered",
    "InputFileError",
    "MessageSet",
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
    "encipher_batch",
    "normalise",
]
