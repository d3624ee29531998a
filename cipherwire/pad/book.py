"""The one-time pad book: :class:`PadBook`, pages of random five-figure groups, each issued once.

A book keeps its pages (:class:`~cipherwire.pad.page.PadPage`) and the ledger of which page
went to which message in one SQLite file, and issues pages in a single ``BEGIN IMMEDIATE``
transaction, so two processes issuing from one book at once can never be handed the same
page.  In our model the sender and the receiver share the file (the two printed copies of a
pad).  docs/explanation/one-time-pads.md explains the pad, its indicator and its ledger.

>>> import pathlib, shutil, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with PadBook.create(folder / "pads.sqlite", pages=3, seed=1950) as book:
...     (page,) = book.issue(1, to="2522")
...     page.number, len(page.key), book.issued_page(page.indicator) == page
(1, 295, True)
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar, overload

import numpy as np
import platformdirs
from numpy.typing import NDArray

from cipherwire.core.sizes import GROUP, GROUPS_PER_PAGE
from cipherwire.errors import PadBookError, PageNotIssuedError
from cipherwire.pad import bookfile, issuing
from cipherwire.pad.bookfile import MAX_PAGES
from cipherwire.pad.page import IssuedPages, PadPage

_T = TypeVar("_T")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger: page *number* with *indicator* went to message *to* at *at* (UTC)."""

    number: int
    indicator: str
    to: str
    at: dt.datetime


@dataclass(frozen=True)
class PadStatus:
    """How far a pad book is used up: page counts and the ledger, in page number order."""

    total: int
    used: int
    left: int
    ledger: tuple[LedgerEntry, ...]

    def __post_init__(self) -> None:
        if self.used + self.left != self.total or len(self.ledger) != self.used:
            raise PadBookError(
                f"inconsistent pad status: {self.used} used + {self.left} left != "
                f"{self.total} total, or {len(self.ledger)} ledger entries"
            )


class PadBook:
    """A book of one-time pad pages in an SQLite file, with the ledger of issued pages.

    Make one with :meth:`create` or :meth:`open` (or :func:`open_default`), use it as a
    context manager or :meth:`close` it.  Safe to use from several processes at once.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        groups_per_page: int,
        page_count: int,
        seed: int | None,
    ) -> None:
        """Wrap an open, checked connection; call :meth:`open` or :meth:`create` instead."""
        self._path = path
        self._conn: sqlite3.Connection | None = connection
        self._groups_per_page = groups_per_page
        self._page_count = page_count
        self._seed = seed

    # -- making and opening -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        pages: int,
        groups_per_page: int = GROUPS_PER_PAGE,
        seed: int | None = None,
    ) -> Self:
        """Write a new pad book of *pages* pages to *path* and open it.

        The digits come from the operating system's secure generator, or, when *seed*
        is given, from the reproducible classroom stream (not secure; the pages say so).
        Indicators are unique within the book (a colliding one is redrawn).  The book
        is built in a temporary file beside *path* and moved into place in one step,
        and an existing file is never overwritten.

        Raises :class:`PadBookError` if *path* exists or its folder does not, if
        *pages* is not 1 to ``MAX_PAGES`` or *groups_per_page* is below 2.
        """
        target = Path(path)
        if not _is_int(pages) or not 1 <= pages <= MAX_PAGES:
            raise PadBookError(f"pages must be an int from 1 to {MAX_PAGES}, not {pages!r}")
        if not _is_int(groups_per_page) or groups_per_page < 2:
            raise PadBookError(
                f"groups_per_page must be an int of 2 or more, not {groups_per_page!r}"
            )
        if seed is not None and not _is_int(seed):
            raise PadBookError(f"seed must be an int or None, not {seed!r}")
        bookfile.write(target, pages=pages, groups_per_page=groups_per_page, seed=seed)
        return cls.open(target)

    @classmethod
    def from_pages(
        cls,
        path: str | os.PathLike[str],
        digits: NDArray[np.uint8],
        *,
        seed: int | None,
        fault: str,
    ) -> Self:
        """Write a pad book of the given pages to *path* and open it: a *faulty* book.

        Only for the lesson of :mod:`cipherwire.venona.production`, which makes pad books
        with pages duplicated on purpose: *fault* is required and is kept in the book
        (:attr:`fault`).  *digits* is ``uint8``, shape ``(pages, groups a page * 5)``;
        *seed* labels pages drawn from the classroom stream.  Raises
        :class:`PadBookError` for pages that are not 2 or more five-figure groups of
        digits 0-9, for two pages with one indicator, or a path :meth:`create` refuses.
        """
        if not isinstance(digits, np.ndarray) or digits.dtype != np.uint8 or digits.ndim != 2:
            raise PadBookError("pages must be a 2-D numpy array of dtype uint8")
        pages, size = digits.shape
        if not 1 <= pages <= MAX_PAGES or size < 2 * GROUP or size % GROUP:
            raise PadBookError(
                f"{pages} pages of {size} digits: need 1 to {MAX_PAGES} pages of two or "
                "more five-figure groups"
            )
        if digits.size and int(digits.max()) > 9:
            raise PadBookError("page digits must be 0-9")
        if seed is not None and not _is_int(seed):
            raise PadBookError(f"seed must be an int or None, not {seed!r}")
        if not isinstance(fault, str) or not fault.strip():
            raise PadBookError(f"a faulty book must say what is wrong with it, not {fault!r}")
        bookfile.write_pages(Path(path), digits, seed=seed, fault=fault)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Self:
        """Open an existing pad book.

        Raises :class:`PadBookError`, naming *path*, if the file is missing, is not an
        SQLite database, is not a pad book, or is of a newer format than this code reads.
        """
        where = Path(path)
        conn = bookfile.connect(where)
        try:
            groups_per_page, page_count, seed = bookfile.read_meta(conn, str(where))
            return cls(
                where, conn, groups_per_page=groups_per_page, page_count=page_count, seed=seed
            )
        except BaseException:
            conn.close()
            raise

    # -- properties ---------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The book's file."""
        return self._path

    @property
    def groups_per_page(self) -> int:
        """Five-figure groups on each page, the indicator included."""
        return self._groups_per_page

    @property
    def page_count(self) -> int:
        """How many pages the book has, used or not."""
        return self._page_count

    @property
    def seed(self) -> int | None:
        """The classroom seed the book was made from, or None for a secure book."""
        return self._seed

    @property
    def fault(self) -> str | None:
        """What is wrong with a faulty book (:meth:`from_pages`), or None for a sound one."""
        return bookfile.read_fault(self._connection())

    @property
    def is_classroom(self) -> bool:
        """True for a reproducible (seeded, insecure) classroom book."""
        return self._seed is not None

    # -- issuing and reading pages ------------------------------------------------------

    def issue(self, count: int, *, to: str) -> tuple[PadPage, ...]:
        """Issue the next *count* unused pages (lowest numbers first) to message *to*.

        The pages are chosen and marked in one ``BEGIN IMMEDIATE`` transaction, so no two
        callers, in this process or another, are ever given the same page.

        Raises :class:`PadExhaustedError`, leaving the book unchanged, if fewer than
        *count* pages are left; :class:`PadBookError` if *count* is below 1, *to* is
        empty, or the file cannot be written.
        """
        if not _is_int(count) or count < 1:
            raise PadBookError(f"count must be an int of 1 or more, not {count!r}")
        if not isinstance(to, str) or not to:
            raise PadBookError(f"pages must be issued to a message name, not {to!r}")
        return issuing.issue(
            self._connection(), count, to=to, name=str(self._path), page=self._page_from_row
        )

    @overload
    def issue_many(self, counts: Sequence[int], *, to: Sequence[str]) -> IssuedPages: ...
    @overload
    def issue_many(
        self, counts: Sequence[int], *, to: Sequence[str], use: Callable[[IssuedPages], _T]
    ) -> _T: ...
    def issue_many(
        self,
        counts: Sequence[int],
        *,
        to: Sequence[str],
        use: Callable[[IssuedPages], _T] | None = None,
    ) -> IssuedPages | _T:
        """Issue pages to many messages at once: ``counts[i]`` pages to message ``to[i]``.

        All of them are chosen and marked in one ``BEGIN IMMEDIATE`` transaction, lowest
        numbers first and message by message, so each message gets exactly the pages
        that :meth:`issue` called once per message, in order, would have given it; the
        ledger records each page against its own message.  Returns the pages; or, with
        *use*, ``use(pages)``, which runs while the ledger is written to disk (SQLite
        works without the GIL meanwhile) and is returned once the ledger is committed.

        Raises :class:`PadExhaustedError`, leaving the book unchanged, if too few pages
        are left; :class:`PadBookError` if *counts* and *to* differ in length, a count
        is not an int of 0 or more, the total is 0, a message name is empty, or the file
        cannot be written.
        """
        if isinstance(to, str):
            raise PadBookError("to must be a sequence of message names, one per count")
        counts, to = list(counts), list(to)
        if len(counts) != len(to):
            raise PadBookError(f"{len(counts)} page counts but {len(to)} message names")
        for i, (count, label) in enumerate(zip(counts, to, strict=True)):
            if not _is_int(count) or count < 0:
                raise PadBookError(
                    f"message {i}: a page count is an int of 0 or more, not {count!r}"
                )
            if not isinstance(label, str) or not label:
                raise PadBookError(
                    f"message {i}: pages must be issued to a message name, not {label!r}"
                )
        if sum(counts) < 1:
            raise PadBookError("no pages asked for: give at least one message a count of 1 or more")
        name = str(self._path)
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])

        def pages(numbers: list[int], lengths: list[int], text: bytes) -> IssuedPages | _T:
            digits = issuing.pages_digits(
                numbers, lengths, text, groups_per_page=self._groups_per_page, name=name
            )
            issued = IssuedPages(np.array(numbers, dtype=np.int64), digits, offsets, self._seed)
            return issued if use is None else use(issued)

        return issuing.issue_many(self._connection(), counts, to=to, name=name, use=pages)

    def page(self, number: int) -> PadPage:
        """Return page *number*, issued or not (for printing handouts).

        Raises :class:`PageNotIssuedError` if the book has no such page.
        """
        row = None
        if _is_int(number):
            row = issuing.page_row(self._connection(), number)
        if row is None:
            raise PageNotIssuedError(
                f"pad book {str(self._path)!r} has no page {number!r} "
                f"(its pages are 1 to {self._page_count})"
            )
        return self._page_from_row(row[0], row[1])

    def issued_page(self, indicator: str) -> PadPage:
        """Return the issued page whose indicator is *indicator* (for deciphering).

        Raises :class:`PageNotIssuedError` if no page has that indicator or the page
        with it was never issued.
        """
        row = issuing.indicator_row(self._connection(), indicator)
        name = str(self._path)
        if row is None:
            raise PageNotIssuedError(f"no page of pad book {name!r} has indicator {indicator!r}")
        number, text, issued_at = row
        if issued_at is None:
            raise PageNotIssuedError(
                f"page {number} of pad book {name!r} (indicator {indicator!r}) was never issued"
            )
        return self._page_from_row(number, text)

    def issued_pages(self, indicators: Sequence[str]) -> tuple[tuple[str, ...], NDArray[np.uint8]]:
        """The issued pages among *indicators* (for deciphering many cables at once): the
        indicators found and their pages' digits, ``uint8``, ``(found, groups_per_page *
        5)``, the indicator first on each row, in the same order.

        An indicator of no page, or of a page never issued, is left out (:meth:`issued_page`
        says which).  Raises :class:`PadBookError` if a page found is damaged.
        """
        rows = issuing.issued_rows(self._connection(), list(dict.fromkeys(indicators)))
        found = tuple(str(indicator) for indicator, _, _ in rows)
        digits = issuing.pages_digits(
            [number for _, number, _ in rows],
            [len(text) for _, _, text in rows],
            "".join(text for _, _, text in rows).encode("utf-8"),  # digits: one byte each
            groups_per_page=self._groups_per_page,
            name=str(self._path),
        )
        return found, digits

    def pages(self, first: int, last: int) -> tuple[PadPage, ...]:
        """Return pages *first* to *last*, both included, issued or not (for printing).

        Raises :class:`PageNotIssuedError` if either end is not a page of the book and
        :class:`PadBookError` if *first* is after *last*.
        """
        for number in (first, last):
            if not _is_int(number) or not 1 <= number <= self._page_count:
                raise PageNotIssuedError(
                    f"pad book {str(self._path)!r} has no page {number!r} "
                    f"(its pages are 1 to {self._page_count})"
                )
        if first > last:
            raise PadBookError(f"page range {first}-{last} is backwards")
        rows = issuing.page_rows(self._connection(), first, last)
        return tuple(self._page_from_row(number, text) for number, text in rows)

    def status(self) -> PadStatus:
        """Return how many pages are used and left, and the ledger of issued pages."""
        rows = issuing.issued(self._connection(), str(self._path))
        ledger = tuple(LedgerEntry(*row) for row in rows)
        used = len(ledger)
        return PadStatus(
            total=self._page_count, used=used, left=self._page_count - used, ledger=ledger
        )

    # -- closing ------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file; calling it again does nothing."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PadBook.open({str(self._path)!r})"

    # -- helpers ------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise PadBookError(f"pad book {str(self._path)!r} is closed")
        return self._conn

    def _page_from_row(self, number: object, text: object) -> PadPage:
        checked, digits = issuing.page_digits(
            number, text, groups_per_page=self._groups_per_page, name=str(self._path)
        )
        return PadPage(checked, digits, classroom_seed=self._seed)


def default_path() -> Path:
    """Where the default pad book lives.

    ``$CIPHERWIRE_HOME/padbook.sqlite`` when that variable is set (and not empty), else
    ``padbook.sqlite`` in the user's data folder for cipherwire.
    """
    home = os.environ.get("CIPHERWIRE_HOME")
    if home:
        return Path(home).expanduser() / "padbook.sqlite"
    return platformdirs.user_data_path("cipherwire", appauthor=False) / "padbook.sqlite"


def open_default(*, pages: int = 1000) -> tuple[PadBook, bool]:
    """Open the pad book at :func:`default_path`, creating it on first use.

    A new book gets *pages* pages from the operating system's secure generator, and its
    folder is created if need be.  Returns the book and whether it was just created.
    """
    path = default_path()
    if path.exists():
        return PadBook.open(path), False
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return PadBook.create(path, pages=pages), True
    except PadBookError:
        if not path.exists():
            raise
        return PadBook.open(path), False  # another process created it first


__all__ = [
    "LedgerEntry",
    "PadBook",
    "PadPage",
    "PadStatus",
    "default_path",
    "open_default",
]
