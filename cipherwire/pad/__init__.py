"""One-time pads: :class:`PadPage` and :class:`PadBook`, the SQLite book file and its ledger."""

from cipherwire.pad.book import (
    DEFAULT_GROUPS_PER_PAGE,
    MAX_PAGES,
    LedgerEntry,
    PadBook,
    PadPage,
    PadStatus,
    default_path,
    open_default,
)

__all__ = [
    "DEFAULT_GROUPS_PER_PAGE",
    "MAX_PAGES",
    "LedgerEntry",
    "PadBook",
    "PadPage",
    "PadStatus",
    "default_path",
    "open_default",
]
