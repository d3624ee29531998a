"""Reading and issuing the pages of an open pad book file, each page once.

Every issue chooses the lowest unused pages and marks them in one ``BEGIN IMMEDIATE``
transaction, all or nothing, so no two callers, in this process or another, are ever given
the same page; the other functions read page rows and check them.  The file's layout and
opening it are :mod:`cipherwire.pad.bookfile`'s; docs/explanation/one-time-pads.md explains
why a page is never issued twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import digits_from_ascii, digits_from_text
from cipherwire.core.sizes import GROUP
from cipherwire.errors import PadBookError, PadExhaustedError, PadReuseError
from cipherwire.pad import bookfile
from cipherwire.pad.bookfile import MAX_PAGES

# The partial index pages_unused (the schema is bookfile's) holds only unused pages, so the
# next k of them are found in O(log n + k) however many pages were used before; the UNIQUE
# constraint gives the indicator its own index.
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
# 3.33 and JSON is built in from 3.38; older libraries take one UPDATE a run.
_MARK_RUNS_SQL = (
    "UPDATE pages SET issued_to = json_extract(run.value, '$[0]'), issued_at = ? "
    "FROM json_each(?) AS run "
    "WHERE pages.number BETWEEN json_extract(run.value, '$[1]') "
    "AND json_extract(run.value, '$[2]') AND pages.issued_at IS NULL"
)
_BY_INDICATOR_SQL = "SELECT number, digits, issued_at FROM pages WHERE indicator = ?"
_IN_CHUNK = 500  # indicators looked up in one statement (SQLite allows 999 parameters)

_P = TypeVar("_P")
_R = TypeVar("_R")


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
        # A bulk issue rewrites many page rows: a page cache that holds them keeps
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
    if bookfile.JSON_BUILT_IN:
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


__all__ = [
    "indicator_row",
    "issue",
    "issue_many",
    "issued",
    "issued_rows",
    "page_digits",
    "page_row",
    "page_rows",
    "pages_digits",
]
