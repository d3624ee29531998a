"""The one-time pad book: pages of random five-figure groups, each issued once, on disk.

A pad page holds ``groups_per_page`` five-figure groups (60 by default, as on the wartime
Soviet pads).  The first group, top left, is the page's **indicator**: it goes in clear in
front of the message so that the receiver, who holds an identical copy of the pad, can
find the page; it is never used as key.  The other groups are the key (the additive).

A :class:`PadBook` keeps the pages and the ledger of which page went to which message in
one SQLite file.  Issuing happens in a single ``BEGIN IMMEDIATE`` transaction, so two
processes issuing from the same book at once can never be handed the same page.  In our
model the sender and the receiver share the same file (the two printed copies of a pad).

>>> import pathlib, shutil, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with PadBook.create(folder / "pads.sqlite", pages=3, seed=1950) as book:
...     (page,) = book.issue(1, to="2522")
...     page.number, len(page.key), book.issued_page(page.indicator) == page
(1, 295, True)
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

import numpy as np
import platformdirs
from numpy.typing import NDArray

from cipherwire.core import digits_from_text, digits_to_text, random_digits
from cipherwire.errors import PadBookError, PadExhaustedError, PadReuseError, PageNotIssuedError

#: The format name written into every pad book's ``meta`` table.
FORMAT_NAME = "cipherwire-padbook"
#: The newest pad book format this code reads and the one it writes.
FORMAT_VERSION = 1
#: Groups on a page unless told otherwise (the wartime Soviet pad page).
DEFAULT_GROUPS_PER_PAGE = 60
#: Indicators are unique five-figure groups, so a book has at most this many pages.
MAX_PAGES = 100_000

_GROUP = 5
_BUSY_TIMEOUT = 30.0  # seconds a connection waits for another process's lock
_CHUNK_DIGITS = 1_000_000  # digits generated and inserted at a time by create()
_INDICATOR_WEIGHTS = np.array([10_000, 1_000, 100, 10, 1], dtype=np.int64)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE pages (
    number INTEGER PRIMARY KEY CHECK (number >= 1),
    indicator TEXT NOT NULL UNIQUE,
    digits TEXT NOT NULL,
    issued_to TEXT,
    issued_at TEXT,
    CHECK ((issued_to IS NULL) = (issued_at IS NULL))
);
CREATE INDEX pages_unused ON pages (number) WHERE issued_at IS NULL;
"""
# The partial index holds only unused pages, so the next k of them are found in
# O(log n + k) however many pages were used before; the UNIQUE constraint gives the
# indicator its own index.
_NEXT_UNUSED_SQL = (
    "SELECT number, digits FROM pages WHERE issued_at IS NULL ORDER BY number LIMIT ?"
)
_MARK_ISSUED_SQL = (
    "UPDATE pages SET issued_to = ?, issued_at = ? WHERE number = ? AND issued_at IS NULL"
)
_BY_INDICATOR_SQL = "SELECT number, digits, issued_at FROM pages WHERE indicator = ?"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, eq=False)
class PadPage:
    """One page of a pad: its number and its digits, the indicator group first.

    ``digits`` is kept as a read-only copy (``uint8``, shape ``(groups * 5,)``).  Pages
    compare equal when number, digits and classroom label agree.
    """

    number: int
    digits: NDArray[np.uint8]
    classroom_seed: int | None = None

    def __post_init__(self) -> None:
        if not _is_int(self.number) or self.number < 1:
            raise PadBookError(f"a page number is an int from 1 up, not {self.number!r}")
        if not isinstance(self.digits, np.ndarray) or self.digits.dtype != np.uint8:
            raise TypeError("page digits must be a numpy.ndarray of dtype uint8")
        digits = self.digits.copy()
        if digits.ndim != 1 or digits.size < 2 * _GROUP or digits.size % _GROUP:
            raise PadBookError(
                f"page {self.number}: {digits.size} digits do not make two or more "
                f"five-figure groups"
            )
        if (digits > 9).any():
            raise PadBookError(f"page {self.number}: digits must be 0-9")
        digits.setflags(write=False)
        object.__setattr__(self, "digits", digits)

    @property
    def indicator(self) -> str:
        """The first group, sent in clear to name the page (never used as key)."""
        return digits_to_text(self.digits[:_GROUP])

    @property
    def key(self) -> NDArray[np.uint8]:
        """The additive: every digit after the indicator (read-only, ``uint8``)."""
        return self.digits[_GROUP:]

    @property
    def groups(self) -> tuple[str, ...]:
        """All the page's five-figure groups as text, the indicator first."""
        text = digits_to_text(self.digits)
        return tuple(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))

    def to_text(self) -> str:
        """Render the page as a printed pad sheet: a heading, then ten groups a line.

        A classroom (seeded) page says so in its heading.  No trailing newline.
        """
        heading = f"PAGE {self.number}"
        if self.classroom_seed is not None:
            heading += f"  CLASSROOM PAD — NOT SECURE (seed {self.classroom_seed})"
        groups = self.groups
        lines = [" ".join(groups[i : i + 10]) for i in range(0, len(groups), 10)]
        return "\n".join([heading, *lines])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PadPage):
            return NotImplemented
        return (
            self.number == other.number
            and self.classroom_seed == other.classroom_seed
            and np.array_equal(self.digits, other.digits)
        )

    def __hash__(self) -> int:
        return hash((self.number, self.classroom_seed, self.digits.tobytes()))

    def __repr__(self) -> str:
        seed = "" if self.classroom_seed is None else f" classroom_seed={self.classroom_seed}"
        return (
            f"<PadPage number={self.number} indicator={self.indicator!r} "
            f"groups={self.digits.size // _GROUP}{seed}>"
        )


@dataclass(frozen=True)
class IssuedPage:
    """A ledger entry: page *number* with *indicator* went to message *to* at *at* (UTC)."""

    number: int
    indicator: str
    to: str
    at: dt.datetime


@dataclass(frozen=True)
class PadStatus:
    """How far a pad book is used up: page counts and the issued pages in number order."""

    total: int
    used: int
    left: int
    issued: tuple[IssuedPage, ...]

    def __post_init__(self) -> None:
        if self.used + self.left != self.total or len(self.issued) != self.used:
            raise PadBookError(
                f"inconsistent pad status: {self.used} used + {self.left} left != "
                f"{self.total} total, or {len(self.issued)} issued pages listed"
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
        groups_per_page: int = DEFAULT_GROUPS_PER_PAGE,
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
        if target.exists() or target.is_symlink():
            raise PadBookError(f"will not overwrite {str(target)!r}: the file exists")
        if not target.parent.is_dir():
            raise PadBookError(
                f"cannot create pad book {str(target)!r}: "
                f"folder {str(target.parent)!r} does not exist"
            )
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            _build(tmp, pages=pages, groups_per_page=groups_per_page, seed=seed)
            _publish(tmp, target)
        except (sqlite3.Error, OSError) as exc:
            raise PadBookError(f"could not write pad book {str(target)!r}: {exc}") from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return cls.open(target)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Self:
        """Open an existing pad book.

        Raises :class:`PadBookError`, naming *path*, if the file is missing, is not an
        SQLite database, is not a pad book, or is of a newer format than this code reads.
        """
        where = Path(path)
        name = str(where)
        if where.is_dir():
            raise PadBookError(f"no pad book at {name!r}: it is a folder")
        if not where.is_file():
            raise PadBookError(f"no pad book at {name!r}: no such file")
        try:
            conn = sqlite3.connect(
                where.resolve().as_uri() + "?mode=rw",
                uri=True,
                timeout=_BUSY_TIMEOUT,
                isolation_level=None,
            )
        except sqlite3.Error as exc:
            raise PadBookError(f"cannot open pad book {name!r}: {exc}") from exc
        try:
            groups_per_page, page_count, seed = _read_meta(conn, name)
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
        conn = self._connection()
        name = str(self._path)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                rows = conn.execute(_NEXT_UNUSED_SQL, (count,)).fetchall()
                if len(rows) < count:
                    raise PadExhaustedError(
                        f"asked for {count} page(s) but pad book {name!r} has only "
                        f"{len(rows)} unused page(s) left"
                    )
                pages = tuple(self._page_from_row(number, text) for number, text in rows)
                for page in pages:
                    marked = conn.execute(_MARK_ISSUED_SQL, (to, now, page.number)).rowcount
                    if marked != 1:
                        raise PadReuseError(
                            f"page {page.number} of pad book {name!r} was already issued"
                        )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise PadBookError(f"could not issue pages from pad book {name!r}: {exc}") from exc
        return pages

    def page(self, number: int) -> PadPage:
        """Return page *number*, issued or not (for printing handouts).

        Raises :class:`PageNotIssuedError` if the book has no such page.
        """
        row = None
        if _is_int(number):
            row = self._fetch_one("SELECT number, digits FROM pages WHERE number = ?", number)
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
        row = self._fetch_one(_BY_INDICATOR_SQL, indicator)
        name = str(self._path)
        if row is None:
            raise PageNotIssuedError(f"no page of pad book {name!r} has indicator {indicator!r}")
        number, text, issued_at = row
        if issued_at is None:
            raise PageNotIssuedError(
                f"page {number} of pad book {name!r} (indicator {indicator!r}) was never issued"
            )
        return self._page_from_row(number, text)

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
        rows = self._connection().execute(
            "SELECT number, digits FROM pages WHERE number BETWEEN ? AND ? ORDER BY number",
            (first, last),
        )
        return tuple(self._page_from_row(number, text) for number, text in rows)

    def status(self) -> PadStatus:
        """Return how many pages are used and left, and the ledger of issued pages."""
        rows = self._connection().execute(
            "SELECT number, indicator, issued_to, issued_at FROM pages "
            "WHERE issued_at IS NOT NULL ORDER BY number"
        )
        issued = tuple(
            IssuedPage(number, indicator, to, self._parse_time(number, at))
            for number, indicator, to, at in rows
        )
        used = len(issued)
        return PadStatus(
            total=self._page_count, used=used, left=self._page_count - used, issued=issued
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

    def _fetch_one(self, sql: str, value: object) -> tuple[object, ...] | None:
        row: tuple[object, ...] | None = self._connection().execute(sql, (value,)).fetchone()
        return row

    def _page_from_row(self, number: object, text: object) -> PadPage:
        size = self._groups_per_page * _GROUP
        if (
            not isinstance(number, int)
            or isinstance(number, bool)
            or not isinstance(text, str)
            or len(text) != size
        ):
            raise PadBookError(f"pad book {str(self._path)!r} is corrupt at page {number!r}")
        try:
            digits = digits_from_text(text)
        except ValueError as exc:
            raise PadBookError(
                f"pad book {str(self._path)!r} is corrupt at page {number!r}: {exc}"
            ) from exc
        return PadPage(number, digits, classroom_seed=self._seed)

    def _parse_time(self, number: int, text: str) -> dt.datetime:
        try:
            when = dt.datetime.fromisoformat(text)
        except (TypeError, ValueError) as exc:
            raise PadBookError(
                f"pad book {str(self._path)!r} is corrupt at page {number}: bad issue time {text!r}"
            ) from exc
        return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _read_meta(conn: sqlite3.Connection, name: str) -> tuple[int, int, int | None]:
    """Check that *conn* is a pad book this code reads; return groups, pages and seed."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        conn.execute("SELECT number, indicator, digits, issued_to, issued_at FROM pages LIMIT 0")
    except sqlite3.DatabaseError as exc:
        if "no such" in str(exc):
            raise PadBookError(f"{name!r} is not a cipherwire pad book ({exc})") from exc
        raise PadBookError(f"{name!r} is not a pad book: not an SQLite database ({exc})") from exc
    if meta.get("format") != FORMAT_NAME:
        raise PadBookError(f"{name!r} is not a cipherwire pad book (format {meta.get('format')!r})")
    try:
        version = int(meta["format_version"])
        groups_per_page = int(meta["groups_per_page"])
        page_count = int(meta["page_count"])
        seed_text = meta.get("seed")
        seed = None if seed_text is None else int(seed_text)
    except (KeyError, TypeError, ValueError) as exc:
        raise PadBookError(f"pad book {name!r} is corrupt: bad meta table ({exc!r})") from exc
    if version > FORMAT_VERSION:
        raise PadBookError(
            f"pad book {name!r} is format version {version}; "
            f"this cipherwire reads up to {FORMAT_VERSION}"
        )
    if version < 1 or groups_per_page < 2 or page_count < 1:
        raise PadBookError(f"pad book {name!r} is corrupt: bad meta table")
    # Two queries: SQLite answers a lone min() or max() from the B-tree's ends in
    # O(log n), but scans the whole table for both in one SELECT.
    (low,) = conn.execute("SELECT min(number) FROM pages").fetchone()
    (high,) = conn.execute("SELECT max(number) FROM pages").fetchone()
    if (low, high) != (1, page_count):
        raise PadBookError(
            f"pad book {name!r} is corrupt: it should have pages 1 to {page_count}, "
            f"has {low} to {high}"
        )
    return groups_per_page, page_count, seed


class _DigitSource:
    """Digits for create(): fresh OS digits, or the seeded stream read front to back."""

    def __init__(self, seed: int | None) -> None:
        self._seed = seed
        self._stream = np.empty(0, dtype=np.uint8)
        self._used = 0

    def take(self, n: int) -> NDArray[np.uint8]:
        if self._seed is None:
            return random_digits(n)
        end = self._used + n
        if end > self._stream.size:  # the seeded stream is prefix-stable: regrow it
            self._stream = random_digits(max(end, 2 * self._stream.size), seed=self._seed)
        out = self._stream[self._used : end].copy()
        self._used = end
        return out


def _indicator_values(groups: NDArray[np.uint8]) -> NDArray[np.int64]:
    """The five-figure groups of an ``(n, 5)`` array as integers 0-99999."""
    return groups.astype(np.int64) @ _INDICATOR_WEIGHTS


def _make_indicators_unique(
    block: NDArray[np.uint8], taken: NDArray[np.bool_], source: _DigitSource
) -> None:
    """Redraw, in place, every indicator of *block* already *taken* or repeated in it."""
    values = _indicator_values(block[:, :_GROUP])
    first = np.unique(values, return_index=True)[1]
    fresh = np.zeros(values.size, dtype=bool)
    fresh[first] = True
    fresh &= ~taken[values]
    taken[values[fresh]] = True
    redo = np.flatnonzero(~fresh)
    while redo.size:
        free = taken.size - int(np.count_nonzero(taken))
        draws = min(2 * redo.size * taken.size // free + 16, 1_000_000)
        candidates = source.take(draws * _GROUP).reshape(draws, _GROUP)
        cand_values = _indicator_values(candidates)
        first = np.sort(np.unique(cand_values, return_index=True)[1])
        usable = first[~taken[cand_values[first]]][: redo.size]
        block[redo[: usable.size], :_GROUP] = candidates[usable]
        taken[cand_values[usable]] = True
        redo = redo[usable.size :]


def _build(path: Path, *, pages: int, groups_per_page: int, seed: int | None) -> None:
    """Fill the empty SQLite file *path* with a new pad book and flush it to disk."""
    size = groups_per_page * _GROUP
    meta = {
        "format": FORMAT_NAME,
        "format_version": str(FORMAT_VERSION),
        "groups_per_page": str(groups_per_page),
        "page_count": str(pages),
        "seed": None if seed is None else str(seed),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    source = _DigitSource(seed)
    taken = np.zeros(10**_GROUP, dtype=bool)
    chunk = max(1, _CHUNK_DIGITS // size)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        # A temporary file that is thrown away on failure needs no journal.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(_SCHEMA)
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
        for start in range(0, pages, chunk):
            count = min(chunk, pages - start)
            block = source.take(count * size).reshape(count, size)
            _make_indicators_unique(block, taken, source)
            text = digits_to_text(block)
            texts = (text[i : i + size] for i in range(0, len(text), size))
            conn.executemany(
                "INSERT INTO pages (number, indicator, digits) VALUES (?, ?, ?)",
                ((number, t[:_GROUP], t) for number, t in enumerate(texts, start + 1)),
            )
        conn.execute("COMMIT")
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _publish(tmp: Path, target: Path) -> None:
    """Move the finished *tmp* to *target* in one step, never replacing a file there."""
    try:
        os.link(tmp, target)  # atomic and fails if target exists
    except FileExistsError:
        raise PadBookError(f"will not overwrite {str(target)!r}: the file exists") from None
    except OSError:  # no hard links here (some network and FAT file systems)
        if target.exists():
            raise PadBookError(f"will not overwrite {str(target)!r}: the file exists") from None
        os.replace(tmp, target)
    with contextlib.suppress(OSError):  # make the new name durable where the OS allows
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
    "DEFAULT_GROUPS_PER_PAGE",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_PAGES",
    "IssuedPage",
    "PadBook",
    "PadPage",
    "PadStatus",
    "default_path",
    "open_default",
]
