"""The real documents of a simulated telegram: its cable, the pad pages, what arrived.

:class:`Paperwork` does to one telegram what the department did: it enciphers it with the
codebook and fresh pad pages, sends the cable over the line's wire model, deciphers what
arrived and stamps the telegram "Received ..." and "Dispatched ..." in the archive style
(a run does the same to all its telegrams in bulk: :mod:`cipherwire.department.documents`).
The pages come from a :class:`PadSupply`: classroom pad books seeded from the run's seed,
a series per destination (each embassy held its own pads: our model), or one given book.
The cable is filed at the time of receipt, so its preamble does not depend on the queues;
its pages (the next ones when a clerk starts it) and its stamps do.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

import numpy as np

from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import decipher, encipher
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.department.records import stamped
from cipherwire.errors import PadExhaustedError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Telegram
from cipherwire.wire.line import Line, Transmission

#: Pages in each classroom pad book volume a run makes.
VOLUME_PAGES = 5_000
_STREAM_PADS = 3


class PadSupply:
    """Where a run's pad pages come from: :meth:`classroom` books or one :meth:`given` book.

    Use it as a context manager, or :meth:`close` it.
    """

    def __init__(
        self,
        *,
        folder: Path | None,
        seed: int | None,
        book: PadBook | None,
        volume_pages: int = VOLUME_PAGES,
    ) -> None:
        """Use :meth:`classroom` or :meth:`given`."""
        self._folder, self._seed, self._given = folder, seed, book
        self._volume_pages = volume_pages
        self._open: dict[str, PadBook] = {}
        self._current: dict[str, str] = {}

    @classmethod
    def classroom(cls, folder: str | Path, *, seed: int, volume_pages: int = VOLUME_PAGES) -> Self:
        """Classroom pad books made as needed in ``folder`` (which must exist), seeded from
        ``seed``: ``beijing-001.sqlite``, ``beijing-002.sqlite``, ..."""
        return cls(folder=Path(folder), seed=seed, book=None, volume_pages=volume_pages)

    @classmethod
    def given(cls, book: PadBook) -> Self:
        """Every page from ``book`` (a :class:`PadExhaustedError` when it runs out)."""
        return cls(folder=None, seed=None, book=book)

    @property
    def groups_per_page(self) -> int:
        """Groups on each page of the books this supply gives."""
        return self._given.groups_per_page if self._given is not None else GROUPS_PER_PAGE

    def current(self, destination: str) -> tuple[str, PadBook]:
        """The volume now in use for ``destination``: its name and the book."""
        if self._given is not None:
            return self._given.path.name, self._given
        name = self._current.get(destination)
        if name is None:
            name = self._new_volume(destination, 1)
        return name, self._open[name]

    def next_volume(self, destination: str) -> None:
        """Start a new volume for ``destination`` (the current one is used up)."""
        if self._given is not None:
            raise PadExhaustedError(
                f"pad book {str(self._given.path)!r} is used up; give a bigger one"
            )
        self._new_volume(destination, _number(self._current[destination]) + 1)

    def book(self, volume: str) -> PadBook:
        """The pad book volume named ``volume`` (for deciphering)."""
        if self._given is not None:
            return self._given
        return self._open[volume]

    def _volume(self, destination: str, number: int) -> tuple[str, Path, int]:
        """The name, file and seed of volume ``number`` for ``destination``."""
        assert self._folder is not None and self._seed is not None
        slug = re.sub(r"[^a-z0-9]+", "-", destination.lower()).strip("-") or "destination"
        name = f"{slug}-{number:03d}.sqlite"
        state = np.random.SeedSequence(
            [self._seed, _STREAM_PADS, zlib.crc32(destination.encode("utf-8")), number]
        ).generate_state(1)
        return name, self._folder / name, int(state[0])

    def _new_volume(self, destination: str, number: int) -> str:
        name, path, seed = self._volume(destination, number)
        self._open[name] = PadBook.create(path, pages=self._volume_pages, seed=seed)
        self._current[destination] = name
        return name

    def close(self) -> None:
        """Close every volume opened (a given book too)."""
        for book in self._open.values():
            book.close()
        self._open.clear()
        if self._given is not None:
            self._given.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@dataclass(frozen=True)
class Enciphered:
    """A telegram's cable, its size in code groups and the pad volume it used."""

    cable: Cable
    code_groups: int
    volume: str


class Paperwork:
    """Enciphers, sends, deciphers and stamps real telegrams for a run."""

    def __init__(self, codebook: Codebook, pads: PadSupply) -> None:
        self.codebook = codebook
        self.pads = pads

    def encipher(self, telegram: Telegram, destination: str) -> Enciphered:
        """Encode and encipher ``telegram`` with the next pages for ``destination``."""
        filed = as_filed(telegram)
        code_groups = len(self.codebook.encode(filed.body_as_sent)) // 4
        while True:
            volume, book = self.pads.current(destination)
            try:
                cable = encipher(filed, self.codebook, book)
            except PadExhaustedError:
                self.pads.next_volume(destination)
                continue
            return Enciphered(cable, code_groups, volume)

    @staticmethod
    def transmit(cable: Cable, line: Line, start: dt.datetime) -> Transmission:
        """Send ``cable`` over ``line`` from ``start``."""
        return line.transmit(cable, start=start)

    def decipher(self, transmission: Transmission, volume: str, telegram: Telegram) -> bool:
        """Decipher what arrived; True if it reads as ``telegram``'s text as sent, whole."""
        result = decipher(transmission.received, self.codebook, self.pads.book(volume))
        return not result.flagged and result.telegram.body == normalise(telegram.body_as_sent)

    @staticmethod
    def stamp(
        telegram: Telegram, *, received: dt.datetime, dispatched: dt.datetime, cable: Cable
    ) -> Telegram:
        """``telegram`` stamped "Received ..." and "Dispatched ..." in its own zone, in the
        archive style, and given the cable's part numbers as special numbers if it had none.
        """
        return stamped(
            telegram,
            received=received,
            dispatched=dispatched,
            parts=tuple(part.number for part in cable.parts),
        )


def _number(volume: str) -> int:
    """The number of a classroom volume from its name: 12 for ``beijing-012.sqlite``."""
    return int(volume.rsplit("-", 1)[1].split(".")[0])


def as_filed(telegram: Telegram) -> Telegram:
    """The telegram as handed to the cipher room: filed at its time of receipt, with no
    dispatch stamp yet."""
    if telegram.dispatched_time is None and telegram.dispatched_date is None:
        return telegram
    received = telegram.received
    if received is None:
        return telegram
    return telegram.replace(
        received_time=ArchiveTime.of(received.time()),
        received_date=ArchiveDate.of(received.date()),
        dispatched_time=None,
        dispatched_date=None,
        layout=None,
    )


__all__ = ["VOLUME_PAGES", "Enciphered", "PadSupply", "Paperwork", "as_filed"]
