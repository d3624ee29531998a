"""Tests for cipherwire.pad.bookfile: the pad book's SQLite file, written and opened directly."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from cipherwire.errors import PadBookError
from cipherwire.pad import bookfile
from cipherwire.pad.bookfile import (
    FORMAT_NAME,
    FORMAT_VERSION,
    connect,
    read_fault,
    read_meta,
    write,
    write_pages,
)
from cipherwire.pad.issuing import page_digits, page_rows

GROUPS = 4
SIZE = GROUPS * 5


@contextlib.contextmanager
def book(
    tmp_path: Path, *, pages: int = 10, seed: int | None = 1950
) -> Iterator[sqlite3.Connection]:
    """A new book of *pages* pages of GROUPS groups, open."""
    path = tmp_path / "pads.sqlite"
    write(path, pages=pages, groups_per_page=GROUPS, seed=seed)
    with contextlib.closing(connect(path)) as conn:
        yield conn


def all_rows(conn: sqlite3.Connection) -> list[tuple[int, str, str | None, str | None]]:
    """Every page row: number, indicator, issued_to, issued_at."""
    return conn.execute(
        "SELECT number, indicator, issued_to, issued_at FROM pages ORDER BY number"
    ).fetchall()


def test_new_book_meta(tmp_path: Path) -> None:
    """A new book has the format, version, sizes and seed it was written with."""
    with book(tmp_path, pages=7, seed=42) as conn:
        assert read_meta(conn, "b") == (GROUPS, 7, 42)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        assert meta["format"] == FORMAT_NAME == "cipherwire-padbook"
        assert meta["format_version"] == str(FORMAT_VERSION)
        assert read_fault(conn) is None


def test_secure_book_has_no_seed(tmp_path: Path) -> None:
    """A book written without a seed records none."""
    with book(tmp_path, pages=3, seed=None) as conn:
        assert read_meta(conn, "b") == (GROUPS, 3, None)


def test_pages_well_formed(tmp_path: Path) -> None:
    """Pages are numbered 1..n, digits of the right size, indicators unique and their prefix."""
    with book(tmp_path, pages=50) as conn:
        rows = list(page_rows(conn, 1, 50))
        assert [number for number, _ in rows] == list(range(1, 51))
        for number, text in rows:
            got_number, digits = page_digits(number, text, groups_per_page=GROUPS, name="b")
            assert got_number == number and digits.shape == (SIZE,)
        indicators = [ind for _, ind, _, _ in all_rows(conn)]
        assert len(set(indicators)) == 50
        assert indicators == [text[:5] for _, text in rows]


def test_seed_gives_same_book(tmp_path: Path) -> None:
    """Two books of the same seed hold the same pages; another seed, other pages."""
    paths = [tmp_path / f"{name}.sqlite" for name in ("a", "b", "c")]
    for path, seed in zip(paths, (7, 7, 8), strict=True):
        write(path, pages=20, groups_per_page=GROUPS, seed=seed)
    contents = []
    for path in paths:
        with contextlib.closing(connect(path)) as conn:
            contents.append(list(page_rows(conn, 1, 20)))
    assert contents[0] == contents[1]
    assert contents[0] != contents[2]


def test_indicators_unique_when_crowded(tmp_path: Path) -> None:
    """Even 20,000 pages (a fifth of all indicators) have no repeated indicator."""
    path = tmp_path / "big.sqlite"
    write(path, pages=20_000, groups_per_page=2, seed=3)
    with contextlib.closing(connect(path)) as conn:
        (distinct,) = conn.execute("SELECT count(DISTINCT indicator) FROM pages").fetchone()
    assert distinct == 20_000


def test_write_never_overwrites(tmp_path: Path) -> None:
    """Writing over an existing file is refused and the file is left as it was."""
    path = tmp_path / "pads.sqlite"
    path.write_bytes(b"precious")
    with pytest.raises(PadBookError, match=r"will not overwrite .*the file exists"):
        write(path, pages=2, groups_per_page=GROUPS, seed=1)
    assert path.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pads.sqlite"]


def test_write_needs_the_folder(tmp_path: Path) -> None:
    """A book in a missing folder is refused, naming the folder."""
    path = tmp_path / "nowhere" / "pads.sqlite"
    with pytest.raises(PadBookError, match=r"folder .*nowhere' does not exist"):
        write(path, pages=2, groups_per_page=GROUPS, seed=1)


def test_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If building fails half way, no book and no temporary file is left behind."""

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bookfile, "_insert_pages", broken)
    path = tmp_path / "pads.sqlite"
    with pytest.raises(PadBookError, match=r"could not write pad book .*disk I/O error"):
        write(path, pages=2, groups_per_page=GROUPS, seed=1)
    assert list(tmp_path.iterdir()) == []


def test_write_pages_and_fault(tmp_path: Path) -> None:
    """write_pages stores the given pages as they are, and the fault it was told of."""
    digits = np.arange(3 * SIZE, dtype=np.int64).reshape(3, SIZE).astype(np.uint8) % 10
    digits[:, 0] = [1, 2, 3]  # distinct indicators
    path = tmp_path / "made.sqlite"
    write_pages(path, digits.astype(np.uint8), seed=None, fault="pages copied twice")
    with contextlib.closing(connect(path)) as conn:
        assert read_meta(conn, "m") == (GROUPS, 3, None)
        assert read_fault(conn) == "pages copied twice"
        texts = [text for _, text in page_rows(conn, 1, 3)]
    assert texts == ["".join(map(str, page.tolist())) for page in digits]


def test_write_pages_refuses_shared_indicator(tmp_path: Path) -> None:
    """Two pages with one indicator cannot be written; no file is made."""
    digits = np.zeros((2, SIZE), dtype=np.uint8)
    path = tmp_path / "made.sqlite"
    with pytest.raises(PadBookError, match="two pages share an indicator"):
        write_pages(path, digits, seed=None, fault=None)
    assert not path.exists()


@pytest.mark.parametrize(
    ("kind", "says"),
    [("missing", "no such file"), ("folder", "it is a folder")],
)
def test_connect_refuses(tmp_path: Path, kind: str, says: str) -> None:
    """connect names the path it cannot open and says why."""
    path = tmp_path / "pads.sqlite"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(PadBookError, match=says) as info:
        connect(path)
    assert repr(str(path)) in str(info.value)


def other_file(tmp_path: Path, kind: str) -> Path:
    """A file that is not a pad book this code reads, of the *kind* named."""
    path = tmp_path / f"{kind}.sqlite"
    if kind == "text":
        path.write_bytes(b"this is not a database at all, just some text" * 40)
        return path
    with contextlib.closing(sqlite3.connect(path)) as conn:
        if kind == "other-db":
            conn.execute("CREATE TABLE notes (body TEXT)")
        else:
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            conn.execute(
                "CREATE TABLE pages (number INTEGER PRIMARY KEY, indicator TEXT, digits TEXT, "
                "issued_to TEXT, issued_at TEXT)"
            )
            meta = {
                "format": FORMAT_NAME,
                "format_version": "1",
                "groups_per_page": "2",
                "page_count": "2",
            }
            if kind == "other-format":
                meta["format"] = "somebody-elses-book"
            elif kind == "newer":
                meta["format_version"] = str(FORMAT_VERSION + 1)
            elif kind == "bad-meta":
                meta["page_count"] = "many"
            elif kind == "no-version":
                del meta["format_version"]
            elif kind == "one-group":
                meta["groups_per_page"] = "1"
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            pages = [(1, "11111", "1111122222")]
            if kind != "missing-page":
                pages.append((2, "33333", "3333344444"))
            conn.executemany(
                "INSERT INTO pages (number, indicator, digits) VALUES (?, ?, ?)", pages
            )
        conn.commit()
    return path


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("text", "is not a pad book: not an SQLite database"),
        ("other-db", "is not a cipherwire pad book .no such table"),
        ("other-format", "not a cipherwire pad book \\(format 'somebody-elses-book'\\)"),
        ("newer", f"format version {FORMAT_VERSION + 1}; this cipherwire reads up to"),
        ("bad-meta", "corrupt: bad meta table"),
        ("no-version", "corrupt: bad meta table \\(KeyError\\('format_version'\\)\\)"),
        ("one-group", "corrupt: bad meta table"),
        ("missing-page", "should have pages 1 to 2, has 1 to 1"),
    ],
)
def test_read_meta_refuses(tmp_path: Path, kind: str, says: str) -> None:
    """A file of another format, a newer version or a damaged book is refused by name."""
    path = other_file(tmp_path, kind)
    with contextlib.closing(connect(path)) as conn, pytest.raises(PadBookError, match=says) as info:
        read_meta(conn, "the-book")
    assert "'the-book'" in str(info.value)
    assert isinstance(info.value, ValueError)
