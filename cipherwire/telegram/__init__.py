"""The archive document: the :class:`Telegram`, its dates and times, the archive parser."""

from cipherwire.telegram.dates import MOSCOW, ArchiveDate, ArchiveTime, zone_for
from cipherwire.telegram.document import Precedence, Telegram

__all__ = ["MOSCOW", "ArchiveDate", "ArchiveTime", "Precedence", "Telegram", "zone_for"]
