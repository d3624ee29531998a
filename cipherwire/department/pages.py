"""The pad clerk: pad pages handed out as the cipher clerks start work, the ledger written
in batches.

A cipher clerk takes the next pages of his destination's pad when he starts a telegram
(:meth:`PadClerk.allot`), exactly as :meth:`PadBook.issue
<cipherwire.pad.book.PadBook.issue>` called then would hand them out.  A durable SQLite
commit a telegram would cost too much, so the pad clerk keeps his own tally and writes the
ledger for the pages handed out in one transaction a volume (:meth:`PadClerk.issue`), now
and then during a run and at its end, checking that the book issues exactly those pages;
:meth:`PadClerk.digits` reads pages handed out and not yet in the ledger, whose figures set
a cable's time on a Morse line.  docs/performance.md (the department simulation) tells how
the batches go.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from cipherwire.department.paperwork import PadSupply
from cipherwire.errors import PadExhaustedError, SimulationError
from cipherwire.pad.book import PadBook
from cipherwire.pad.page import IssuedPages

_CHUNK = 256  # pages read from a book at a time for Morse timing

#: What the pad clerk calls with the pages issued: volume, telegrams, pages.
Use = Callable[[str, list[int], IssuedPages], None]


@dataclass(frozen=True)
class Allotment:
    """The pages a telegram was handed: ``count`` pages of volume ``volume`` from the
    ``first``-th of the pages the volume had unused when the run first opened it."""

    volume: str
    first: int
    count: int


@dataclass
class _Volume:
    """One pad book as the pad clerk sees it."""

    name: str
    book: PadBook
    numbers: NDArray[np.int64]  # its unused page numbers when first opened, in order
    taken: int = 0  # how many of them are handed out
    issued: int = 0  # how many of those are in the ledger
    waiting: list[tuple[int, int, str]] = field(default_factory=list)  # (telegram, count, to)
    chunks: dict[int, NDArray[np.uint8]] = field(default_factory=dict)


class PadClerk:
    """Hands out pad pages from a :class:`~cipherwire.department.paperwork.PadSupply` in
    the order asked, and writes the ledger in batches (see the module docstring)."""

    def __init__(self, supply: PadSupply) -> None:
        self.supply = supply
        self._volumes: dict[str, _Volume] = {}
        self._order: list[str] = []  # volumes in the order first opened
        self._writing: threading.Event | None = None  # set when the background batch is done
        self._failed: list[BaseException] = []  # what it raised

    def allot(self, telegram: int, destination: str, count: int, *, to: str) -> Allotment:
        """Hand telegram number ``telegram`` its ``count`` pages for ``destination``; the
        ledger will record them as issued ``to`` that name.  The lowest unused numbers go
        first, and a new classroom volume starts when the current one has too few pages
        left for the whole telegram.

        Raises :class:`~cipherwire.errors.PadExhaustedError` if a given book has too few
        pages left, or if one telegram needs more pages than a classroom volume holds.
        """
        while True:
            name, book = self.supply.current(destination)
            volume = self._volumes.get(name)
            if volume is None:
                volume = self._open(name, book)
            if volume.taken + count <= volume.numbers.size:
                allotment = Allotment(name, volume.taken, count)
                volume.taken += count
                volume.waiting.append((telegram, count, to))
                return allotment
            if volume.taken == 0:
                raise PadExhaustedError(
                    f"a telegram needs {count} pad pages, more than pad book {name!r} has "
                    f"unused ({volume.numbers.size})"
                )
            self.supply.next_volume(destination)

    def seed(self, volume: str) -> int | None:
        """The classroom seed of ``volume`` (None for a secure book)."""
        return self._volumes[volume].book.seed

    def digits(self, allotment: Allotment) -> NDArray[np.uint8]:
        """The pages of an allotment as the book holds them, read without issuing them:
        ``uint8``, shape ``(count, groups_per_page * 5)``, the indicator first."""
        volume = self._volumes[allotment.volume]
        self.wait()  # the book's file is not read while its ledger is written
        rows = []
        for at in range(allotment.first, allotment.first + allotment.count):
            chunk = volume.chunks.get(at // _CHUNK)
            if chunk is None:
                chunk = self._read(volume, at // _CHUNK)
            rows.append(chunk[at % _CHUNK])
        return np.stack(rows)

    def issue(self, use: Use, *, background: bool = False) -> None:
        """Write the ledger for every page handed out and not yet recorded: one
        transaction a volume, the volumes in the order they were opened.

        ``use(volume, telegrams, pages)`` gets the telegram numbers in the order they were
        handed their pages and the pages issued (:meth:`PadBook.issue_many
        <cipherwire.pad.book.PadBook.issue_many>`), and runs while the ledger is written.
        Raises :class:`~cipherwire.errors.SimulationError` if a book issued
        other pages than the ones handed out (someone else issued from it during the
        run), and what :meth:`PadBook.issue_many <cipherwire.pad.book.PadBook.issue_many>` or
        ``use`` raised.

        With ``background``, the batch is written on a thread of its own (SQLite writes
        without the GIL, so the run goes on meanwhile) and this returns at once; nothing
        else touches those books' files until it is done, and its errors are raised by the
        next :meth:`issue` or :meth:`wait`, which wait for it.  Either way the batch before
        is waited for first.
        """
        self.wait()
        taken = [self._take(self._volumes[name]) for name in self._order]
        batch = [job for job in taken if job is not None]
        if not background:
            for job in batch:
                job(use)
            return
        done = threading.Event()
        self._writing = done
        writer = threading.Thread(
            target=self._write, args=(batch, use, done), name="cipherwire-ledger"
        )
        writer.start()

    def wait(self) -> None:
        """Wait for the ledger being written in the background, if it is; raise what
        writing it raised.  Interrupted (Ctrl-C), the batch is still waited for by the
        next call: nothing goes on while it is being written."""
        done = self._writing
        if done is not None:
            # Not Thread.join: a Ctrl-C during a join can mark a thread that still runs as
            # stopped (Python 3.11), and then nothing would wait for it again.
            done.wait()  # a KeyboardInterrupt here leaves the batch for the next wait
            self._writing = None
        if self._failed:
            failed, self._failed = self._failed[0], []
            raise failed

    def _write(self, batch: list[Callable[[Use], None]], use: Use, done: threading.Event) -> None:
        """Write a batch (on the background thread), keeping what it raised."""
        try:
            for job in batch:
                job(use)
        except BaseException as exc:  # raised in the run's thread by wait()
            self._failed.append(exc)
        finally:
            done.set()

    def _take(self, volume: _Volume) -> Callable[[Use], None] | None:
        """Take the pages of ``volume`` handed out and not yet recorded in hand: the
        volume's account moves on now, and the returned job writes them to the ledger."""
        if not volume.waiting:
            return None
        name, book, waiting = volume.name, volume.book, volume.waiting
        expected = volume.numbers[volume.issued : volume.taken]
        volume.issued, volume.waiting = volume.taken, []
        for chunk in [c for c in volume.chunks if c < volume.issued // _CHUNK]:
            del volume.chunks[chunk]  # pages in the ledger are not read again
        telegrams = [t for t, _, _ in waiting]

        def job(use: Use) -> None:
            def check(pages: IssuedPages) -> None:  # runs while the ledger is written
                if not np.array_equal(pages.numbers, expected):
                    raise SimulationError(
                        f"pad book {name!r} issued pages other than the ones the run "
                        "handed out: was it used by someone else during the run?"
                    )
                use(name, telegrams, pages)

            counts = [count for _, count, _ in waiting]
            book.issue_many(counts, to=[to for _, _, to in waiting], use=check)

        return job

    def _open(self, name: str, book: PadBook) -> _Volume:
        status = book.status()
        if status.used == 0:
            unused = np.arange(1, book.page_count + 1, dtype=np.int64)
        else:
            taken = np.array([page.number for page in status.ledger], dtype=np.int64)
            every = np.arange(1, book.page_count + 1, dtype=np.int64)
            unused = every[~np.isin(every, taken)]
        volume = _Volume(name, book, unused)
        self._volumes[name] = volume
        self._order.append(name)
        return volume

    @staticmethod
    def _read(volume: _Volume, chunk: int) -> NDArray[np.uint8]:
        numbers = volume.numbers[chunk * _CHUNK : (chunk + 1) * _CHUNK]
        pages = volume.book.pages(int(numbers[0]), int(numbers[-1]))
        wanted = set(numbers.tolist())
        block = np.stack([page.digits for page in pages if page.number in wanted])
        volume.chunks[chunk] = block
        return block


__all__ = ["Allotment", "PadClerk"]
