"""The pad book file: one SQLite file with a ``meta`` table and a ``pages`` table.

:mod:`cipherwire.pad.book` holds the model and the API and speaks no SQL; this module owns the
file: its layout, writing a new one, opening and checking one, and reading and issuing
its pages.

``meta`` holds text pairs: ``format`` (always :data:`FORMAT_NAME`), ``format_version``,
``groups_per_page``, ``page_count``, ``seed`` (NULL for a secure book) and
``created_at``.  ``pages`` holds one row a page, numbered 1 to ``page_count``: the
indicator (the first five digits, unique in the book), all the page's digits as one
string, and ``issued_to`` and ``issued_at``, both NULL until the page is issued.  A
partial index over the unused pages lets the next ones be found without a scan.

A new book is built in a temporary file beside its target, flushed to disk and then
linked into place in one step, so a half-written book is never seen under its name and
an existing file is never overwritten.  Its digits come from the operating system's
secure generator or, for a classroom book, from the seeded stream read front to back,
so a seed always gives the same book, redrawn indicators included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import digits_from_ascii, digits_from_text, digits_to_text, random_digits
from cipherwire.core.sizes import GROUP
from cipherwire.errors import PadBookError, PadExhaustedError, PadReuseError

#: The format name written into every pad book's ``meta`` table.
FORMAT_NAME = "cipherwire-padbook"
#: The newest pad book format this code reads and the one it writes.
FORMAT_VERSION = 1
#: Indicators are unique five-figure groups, so a book has at most this many pages.
MAX_PAGES = 100_000

_BUSY_TIMEOUT = 30.0  # seconds a connection waits for another process's lock
_CHUNK_DIGITS = 1_000_000  # digits generated and inserted at a time by write()
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
# The next unused pages in one row: their numbers and digit counts as JSON arrays and
# their digits end to end.  One row is one step of SQLite, which issuing on a thread of
# its own needs: a row at a time, that thread would wait for the GIL once a page.  Both
# arrays and the digits come from the same rows in the same order (the numbers show it).
_NEXT_UNUSED_PACKED_SQL = (
    "SELECT json_group_array(number), json_group_array(length(digits)), "
    "CAST(group_concat(digits, '') AS BLOB) FROM "
    "(SELECT number, digits FROM pages WHERE issued_at IS NULL ORDER BY number LIMIT ?)"
)
_MARK_RANGE_SQL = (
    "UPDATE pages SET issued_to = ?, issued_at = ? "
    "WHERE number BETWEEN ? AND ? AND issued_at IS NULL"
)
# The same for many runs in one statement: the runs come as one JSON array of
# [message, first, last], so SQLite marks every page of a bulk issue without coming back
# to Python (and so without taking the GIL) between runs.  UPDATE ... FROM needs SQLite
# 3.33 and JSON is built in from 3.38; older libraries take one UPDATE a run (and one
# INSERT a page below).
_MARK_RUNS_SQL = (
    "UPDATE pages SET issued_to = json_extract(run.value, '$[0]'), issued_at = ? "
    "FROM json_each(?) AS run "
    "WHERE pages.number BETWEEN json_extract(run.value, '$[1]') "
    "AND json_extract(run.value, '$[2]') AND pages.issued_at IS NULL"
)
_JSON_BUILT_IN = sqlite3.sqlite_version_info >= (3, 38, 0)
# A block of new pages numbered from ?, their digits a JSON array of texts.
_INSERT_PAGES_SQL = (
    "INSERT INTO pages (number, indicator, digits) "
    "SELECT key + ?, substr(value, 1, 5), value FROM json_each(?)"
)
_BY_INDICATOR_SQL = "SELECT number, digits, issued_at FROM pages WHERE indicator = ?"
_IN_CHUNK = 500  # indicators looked up in one statement (SQLite allows 999 parameters)

_P = TypeVar("_P")
_R = TypeVar("_R")


def write(target: Path, *, pages: int, groups_per_page: int, seed: int | None) -> None:
    """Write a new pad book to *target*, built aside and moved into place in one step.

    The caller has checked the arguments.  Raises :class:`PadBookError` if *target*
    exists or its folder does not, or if the file cannot be written.
    """
    _write(target, lambda tmp: _build(tmp, pages=pages, groups_per_page=groups_per_page, seed=seed))


def write_pages(
    target: Path, digits: NDArray[np.uint8], *, seed: int | None, fault: str | None
) -> None:
    """Write a new pad book of the given pages (``uint8``, shape ``(pages, digits a page)``).

    For pad books made by a pad factory of our own (:mod:`cipherwire.venona.production`):
    *fault* says, in the book itself, what is wrong with it.  Raises
    :class:`PadBookError` as :func:`write` does, and if two pages share an indicator.
    """
    values = _indicator_values(digits[:, :GROUP])
    if np.unique(values).size != values.size:
        raise PadBookError(f"pad book {str(target)!r}: two pages share an indicator")

    def build(tmp: Path) -> None:
        with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            conn.execute("BEGIN")
            meta = _meta(pages=digits.shape[0], size=digits.shape[1], seed=seed)
            if fault is not None:
                meta["fault"] = fault
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            _insert_pages(conn, digits, first=1)
            conn.execute("COMMIT")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())

    _write(target, build)


def _write(target: Path, build: Callable[[Path], None]) -> None:
    """Build a new book with *build* in a temporary file beside *target*, then move it
    into place in one step; never over an existing file."""
    if target.exists() or target.is_symlink():
        raise PadBookError(f"will not overwrite {str(target)!r}: the file exists")
    if not target.parent.is_dir():
        raise PadBookError(
            f"cannot create pad book {str(target)!r}: folder {str(target.parent)!r} does not exist"
        )
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        build(tmp)
        _publish(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        raise PadBookError(f"could not write pad book {str(target)!r}: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def read_fault(conn: sqlite3.Connection) -> str | None:
    """What the book's maker said is wrong with it (a faulty book), or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'fault'").fetchone()
    return None if row is None else str(row[0])


def connect(where: Path) -> sqlite3.Connection:
    """Open the existing file *where* read-write, autocommit, waiting for others' locks.

    The connection may be used from another thread than the one that opened it, by one
    thread at a time (the caller sees to that).  Its contents are not checked yet (see
    :func:`read_meta`).  Raises :class:`PadBookError` if *where* is a folder, is
    missing, or cannot be opened.
    """
    name = str(where)
    if where.is_dir():
        raise PadBookError(f"no pad book at {name!r}: it is a folder")
    if not where.is_file():
        raise PadBookError(f"no pad book at {name!r}: no such file")
    try:
        return sqlite3.connect(
            where.resolve().as_uri() + "?mode=rw",
            uri=True,
            timeout=_BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,  # may be handed to another thread (one at a time)
        )
    except sqlite3.Error as exc:
        raise PadBookError(f"cannot open pad book {name!r}: {exc}") from exc


def read_meta(conn: sqlite3.Connection, name: str) -> tuple[int, int, int | None]:
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


# -- reading and issuing the pages of an open book -----------------------------------------


@contextlib.contextmanager
def _issuing(conn: sqlite3.Connection, name: str) -> Iterator[None]:
    """A step of an issuing transaction: any error rolls it back, all or nothing, and an
    SQLite error (a lock held too long, a disk that cannot be written) is a PadBookError."""
    try:
        yield
    except BaseException as exc:
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.Error as failed:
            raise PadBookError(f"could not issue pages from pad book {name!r}: {failed}") from exc
        if isinstance(exc, sqlite3.Error):
            raise PadBookError(f"could not issue pages from pad book {name!r}: {exc}") from exc
        raise


def issue(
    conn: sqlite3.Connection,
    count: int,
    *,
    to: str,
    name: str,
    page: Callable[[object, object], _P],
) -> tuple[_P, ...]:
    """Issue the next *count* unused pages of book *name* to *to*, made by *page*(row).

    Chosen, made and marked in one ``BEGIN IMMEDIATE`` transaction, all or nothing.
    Raises :class:`PadExhaustedError` or, if the file cannot be written, :class:`PadBookError`.
    """
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    with _issuing(conn, name):
        conn.execute("BEGIN IMMEDIATE")
        rows = conn.execute(_NEXT_UNUSED_SQL, (count,)).fetchall()
        if len(rows) < count:
            raise PadExhaustedError(
                f"asked for {count} page(s) but pad book {name!r} has only "
                f"{len(rows)} unused page(s) left"
            )
        pages = tuple(page(number, text) for number, text in rows)
        for number, _ in rows:
            marked = conn.execute(_MARK_ISSUED_SQL, (to, now, number)).rowcount
            if marked != 1:
                raise PadReuseError(f"page {number} of pad book {name!r} was already issued")
        conn.execute("COMMIT")
    return pages


def issue_many(
    conn: sqlite3.Connection,
    counts: Sequence[int],
    *,
    to: Sequence[str],
    name: str,
    use: Callable[[list[int], list[int], bytes], _R],
) -> _R:
    """Issue the next ``sum(counts)`` unused pages: ``counts[i]`` of them to ``to[i]``.

    Pages go to the messages in order, lowest numbers first, so message ``i`` gets the
    pages it would get if the messages were issued one after the other.  Chosen and
    marked in one ``BEGIN IMMEDIATE`` transaction, all or nothing.  Once the pages are
    chosen, ``use(numbers, digit counts, digits)`` (the pages' digits end to end, as
    ASCII) runs on a worker thread while this one writes the ledger (one UPDATE and the
    COMMIT, during which SQLite releases the GIL); its result is returned when the
    ledger is committed, and not if it could not be.
    Raises :class:`PadExhaustedError` or, if the file cannot be written,
    :class:`PadBookError`; an error of *use* is raised after the ledger is written (the
    pages stay issued: a page is never handed out twice, used or not).
    """
    total = sum(counts)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    with _issuing(conn, name):
        # A bulk issue rewrites tens of MB of rows: a page cache that holds them keeps
        # SQLite from spilling them to disk before the COMMIT (this connection only).
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("BEGIN IMMEDIATE")
        numbers_json, lengths_json, digits = conn.execute(
            _NEXT_UNUSED_PACKED_SQL, (total,)
        ).fetchone()
        numbers: list[int] = json.loads(numbers_json)
        lengths: list[int] = json.loads(lengths_json)
        if len(numbers) < total:
            beyond = (
                f" (a book holds at most {MAX_PAGES:,} pages, one a five-figure indicator: "
                "split the messages over several books)"
                if total > MAX_PAGES
                else ""
            )
            raise PadExhaustedError(
                f"asked for {total} page(s) for {len(counts)} message(s) but pad book "
                f"{name!r} has only {len(numbers)} unused page(s) left{beyond}"
            )
        if any(b <= a for a, b in itertools.pairwise(numbers)):  # pragma: no cover
            raise PadBookError(f"pad book {name!r}: SQLite gave the unused pages out of order")
    # The pages chosen are all the unused pages up to the last one, so each run of
    # messages with the same name has exactly the unused pages between its first and
    # last page: one run a message, not one a page.
    runs: list[tuple[str, int, int]] = []
    at = 0
    for label, count in zip(to, counts, strict=True):
        if count:
            if runs and runs[-1][0] == label:
                runs[-1] = (label, runs[-1][1], numbers[at + count - 1])
            else:
                runs.append((label, numbers[at], numbers[at + count - 1]))
            at += count
    outcome: list[_R] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            outcome.append(use(numbers, lengths, digits or b""))
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=work, name="cipherwire-issue")
    worker.start()  # the caller's work on the pages, while this thread writes the ledger
    try:
        with _issuing(conn, name):
            before = conn.total_changes
            _mark_runs(conn, runs, now)
            if conn.total_changes - before != total:
                raise PadReuseError(f"a page of pad book {name!r} was already issued")
            conn.execute("COMMIT")
    finally:
        worker.join()
    if failed:
        raise failed[0]
    return outcome[0]


def _mark_runs(conn: sqlite3.Connection, runs: list[tuple[str, int, int]], now: str) -> None:
    """Mark the unused pages of each run ``(message, first, last)`` issued to its message
    at *now*, inside the caller's transaction."""
    if _JSON_BUILT_IN:
        conn.execute(_MARK_RUNS_SQL, (now, json.dumps(runs)))
    else:
        conn.executemany(_MARK_RANGE_SQL, [(label, now, lo, hi) for label, lo, hi in runs])


def page_row(conn: sqlite3.Connection, number: int) -> tuple[object, ...] | None:
    """The row (number, digits) of page *number*, or None if there is no such page."""
    return _fetch_one(conn, "SELECT number, digits FROM pages WHERE number = ?", number)


def indicator_row(conn: sqlite3.Connection, indicator: str) -> tuple[object, ...] | None:
    """The row (number, digits, issued_at) of the page with *indicator*, or None."""
    return _fetch_one(conn, _BY_INDICATOR_SQL, indicator)


def issued_rows(conn: sqlite3.Connection, indicators: Sequence[str]) -> list[tuple[str, int, str]]:
    """The rows (indicator, number, digits) of the issued pages among *indicators*, in no
    particular order; an indicator of no page, or of a page never issued, has none."""
    rows: list[tuple[str, int, str]] = []
    for start in range(0, len(indicators), _IN_CHUNK):
        chunk = list(indicators[start : start + _IN_CHUNK])
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT indicator, number, digits FROM pages "
            f"WHERE issued_at IS NOT NULL AND indicator IN ({marks})"
        )
        rows.extend(conn.execute(sql, chunk).fetchall())
    return rows


def page_rows(conn: sqlite3.Connection, first: int, last: int) -> sqlite3.Cursor:
    """The rows (number, digits) of pages *first* to *last*, both included, in order."""
    return conn.execute(
        "SELECT number, digits FROM pages WHERE number BETWEEN ? AND ? ORDER BY number",
        (first, last),
    )


def issued(conn: sqlite3.Connection, name: str) -> list[tuple[int, str, str, dt.datetime]]:
    """The ledger of book *name*: number, indicator, message and UTC time, in page order."""
    rows = conn.execute(
        "SELECT number, indicator, issued_to, issued_at FROM pages "
        "WHERE issued_at IS NOT NULL ORDER BY number"
    )
    return [
        (number, indicator, to, _issue_time(number, at, name)) for number, indicator, to, at in rows
    ]


def page_digits(
    number: object, text: object, *, groups_per_page: int, name: str
) -> tuple[int, NDArray[np.uint8]]:
    """Check a page row of book *name*; return its number and digits, or raise PadBookError."""
    size = groups_per_page * GROUP
    if (
        not isinstance(number, int)
        or isinstance(number, bool)
        or not isinstance(text, str)
        or len(text) != size
    ):
        raise PadBookError(f"pad book {name!r} is corrupt at page {number!r}")
    try:
        digits = digits_from_text(text)
    except ValueError as exc:
        raise PadBookError(f"pad book {name!r} is corrupt at page {number!r}: {exc}") from exc
    return number, digits


def pages_digits(
    numbers: Sequence[int],
    lengths: Sequence[int],
    digits: bytes,
    *,
    groups_per_page: int,
    name: str,
) -> NDArray[np.uint8]:
    """Check many pages of book *name* at once: page ``numbers[i]`` has ``lengths[i]``
    of the ASCII *digits*, end to end.  Return their digits, ``(p, size)``, or raise
    :class:`PadBookError` naming the first damaged page."""
    size = groups_per_page * GROUP
    counts = np.asarray(lengths, dtype=np.int64)
    if counts.size != len(numbers) or int(counts.sum()) != len(digits):  # pragma: no cover
        raise PadBookError(f"pad book {name!r} is corrupt: page sizes do not add up")
    if counts.size and (counts != size).any():
        at = int(np.argmax(counts != size))
        raise PadBookError(f"pad book {name!r} is corrupt at page {numbers[at]!r}")
    try:
        return digits_from_ascii(digits).reshape(len(numbers), size)
    except (TypeError, ValueError) as exc:
        for i, number in enumerate(numbers):  # find the page to name
            if not digits[i * size : (i + 1) * size].isdigit():
                raise PadBookError(f"pad book {name!r} is corrupt at page {number!r}") from exc
        raise PadBookError(f"pad book {name!r} is corrupt: {exc}") from exc  # pragma: no cover


def _fetch_one(conn: sqlite3.Connection, sql: str, value: object) -> tuple[object, ...] | None:
    row: tuple[object, ...] | None = conn.execute(sql, (value,)).fetchone()
    return row


def _issue_time(number: int, text: str, name: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError) as exc:
        raise PadBookError(
            f"pad book {name!r} is corrupt at page {number}: bad issue time {text!r}"
        ) from exc
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


# -- writing a new book --------------------------------------------------------------------


class _DigitSource:
    """Digits for write(): fresh OS digits, or the seeded stream read front to back."""

    def __init__(self, seed: int | None, *, expect: int = 0) -> None:
        """*expect*: about how many digits will be taken in all.  The seeded stream is
        drawn that long at once (plus room for redrawn indicators), not regrown from its
        start as it runs out; the digits taken are the same either way."""
        self._seed = seed
        self._stream = np.empty(0, dtype=np.uint8)
        if seed is not None and expect > 0:
            self._stream = random_digits(expect + expect // 64 + 4096, seed=seed)
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
    values = _indicator_values(block[:, :GROUP])
    first = np.unique(values, return_index=True)[1]
    fresh = np.zeros(values.size, dtype=bool)
    fresh[first] = True
    fresh &= ~taken[values]
    taken[values[fresh]] = True
    redo = np.flatnonzero(~fresh)
    while redo.size:
        free = taken.size - int(np.count_nonzero(taken))
        draws = min(2 * redo.size * taken.size // free + 16, 1_000_000)
        candidates = source.take(draws * GROUP).reshape(draws, GROUP)
        cand_values = _indicator_values(candidates)
        first = np.sort(np.unique(cand_values, return_index=True)[1])
        usable = first[~taken[cand_values[first]]][: redo.size]
        block[redo[: usable.size], :GROUP] = candidates[usable]
        taken[cand_values[usable]] = True
        redo = redo[usable.size :]


def _build(path: Path, *, pages: int, groups_per_page: int, seed: int | None) -> None:
    """Fill the empty SQLite file *path* with a new pad book and flush it to disk."""
    size = groups_per_page * GROUP
    meta = _meta(pages=pages, size=size, seed=seed)
    source = _DigitSource(seed, expect=pages * size)
    taken = np.zeros(10**GROUP, dtype=bool)
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
            _insert_pages(conn, block, first=start + 1)
        conn.execute("COMMIT")
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _meta(*, pages: int, size: int, seed: int | None) -> dict[str, str | None]:
    """The meta table of a new book."""
    return {
        "format": FORMAT_NAME,
        "format_version": str(FORMAT_VERSION),
        "groups_per_page": str(size // GROUP),
        "page_count": str(pages),
        "seed": None if seed is None else str(seed),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _insert_pages(conn: sqlite3.Connection, block: NDArray[np.uint8], *, first: int) -> None:
    """Insert the pages of *block* (one row a page), numbered from *first*."""
    count, size = block.shape
    if _JSON_BUILT_IN:  # one statement: no coming back to Python (and the GIL) a row
        rows = np.empty((count, size + 3), dtype=np.uint8)  # "digits", for each page
        rows[:, 0] = rows[:, size + 1] = ord('"')
        np.add(block, ord("0"), out=rows[:, 1 : size + 1])
        rows[:, size + 2] = ord(",")
        pages = "[" + rows.reshape(-1)[:-1].tobytes().decode("ascii") + "]"
        conn.execute(_INSERT_PAGES_SQL, (first, pages))
    else:
        text = digits_to_text(block)
        texts = [text[i : i + size] for i in range(0, len(text), size)]
        conn.executemany(
            "INSERT INTO pages (number, indicator, digits) VALUES (?, ?, ?)",
            zip(range(first, first + len(texts)), [t[:GROUP] for t in texts], texts, strict=True),
        )


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


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "connect",
    "indicator_row",
    "issue",
    "issue_many",
    "issued",
    "page_digits",
    "page_row",
    "page_rows",
    "pages_digits",
    "read_fault",
    "read_meta",
    "write",
    "write_pages",
]
