"""One-time pads: :class:`PadPage` and :class:`PadBook`, the SQLite book file and its ledger."""

from cipherwire.pad.book import (
    LedgerEntry,
    PadBook,
    PadStatus,
    default_path,
    open_default,
)
from cipherwire.pad.bookfile import MAX_PAGES
from cipherwire.pad.page import PadPage

__all__ = [
    "MAX_PAGES",
    "LedgerEntry",
    "PadBook",
    "PadPage",
    "PadStatus",
    "default_path",
    "open_default",
]
