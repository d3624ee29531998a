"""The pad book file: one SQLite file with a ``meta`` table and a ``pages`` table.

:mod:`cipherwire.pad.book` holds the model and speaks no SQL; this module owns the file: its
layout (``meta`` text pairs; one ``pages`` row a page, with its indicator, its digits and,
once issued, ``issued_to`` and ``issued_at``), writing a new one aside and linking it into
place in one step, never over an existing file, and opening and checking one.
:mod:`cipherwire.pad.issuing` reads and issues the pages; docs/explanation/one-time-pads.md
describes the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import digits_to_text, random_digits
from cipherwire.core.sizes import GROUP
from cipherwire.errors import PadBookError

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
#: Whether SQLite has JSON built in (3.38 on): then a block of new pages is one INSERT of a
#: JSON array and a bulk issue one UPDATE (:mod:`cipherwire.pad.issuing`), with no return to
#: Python between rows; older libraries take an INSERT a page and an UPDATE a run.
JSON_BUILT_IN = sqlite3.sqlite_version_info >= (3, 38, 0)
# A block of new pages numbered from ?, their digits a JSON array of texts.
_INSERT_PAGES_SQL = (
    "INSERT INTO pages (number, indicator, digits) "
    "SELECT key + ?, substr(value, 1, 5), value FROM json_each(?)"
)


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
    if JSON_BUILT_IN:  # one statement: no coming back to Python (and the GIL) a row
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
    "JSON_BUILT_IN",
    "MAX_PAGES",
    "connect",
    "read_fault",
    "read_meta",
    "write",
    "write_pages",
]
