"""Tests for cipherwire.pad.bookfile: the pad book's SQLite file, written and issued directly."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from cipherwire.errors import PadBookError, PadExhaustedError
from cipherwire.pad import bookfile
from cipherwire.pad.bookfile import (
    FORMAT_NAME,
    FORMAT_VERSION,
    connect,
    indicator_row,
    issue,
    issue_many,
    issued,
    page_digits,
    page_row,
    page_rows,
    pages_digits,
    read_fault,
    read_meta,
    write,
    write_pages,
)

GROUPS = 4
SIZE = GROUPS * 5


def row(number: object, text: object) -> tuple[object, object]:
    """The page factory of these tests: the row as it came."""
    return number, text


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


def test_issue_marks_the_next_pages(tmp_path: Path) -> None:
    """issue hands out the lowest unused pages once each, and the ledger records them."""
    with book(tmp_path) as conn:
        first = issue(conn, 2, to="MSG-1", name="b", page=row)
        second = issue(conn, 3, to="MSG-2", name="b", page=row)
        assert [n for n, _ in first] == [1, 2]
        assert [n for n, _ in second] == [3, 4, 5]
        assert first[0] == page_row(conn, 1)
        ledger = issued(conn, "b")
        assert [(n, to) for n, _, to, _ in ledger] == [
            (1, "MSG-1"),
            (2, "MSG-1"),
            (3, "MSG-2"),
            (4, "MSG-2"),
            (5, "MSG-2"),
        ]
        for number, indicator, _, when in ledger:
            assert indicator == str(page_row(conn, number)[1])[:5]  # type: ignore[index]
            assert when.tzinfo is not None
        assert [r for r in all_rows(conn) if r[2] is None] == [
            r for r in all_rows(conn) if r[0] > 5
        ]


def test_issue_exhausted_is_all_or_nothing(tmp_path: Path) -> None:
    """Asking for more pages than are left raises and issues none of them."""
    with book(tmp_path, pages=4) as conn:
        issue(conn, 1, to="A", name="b", page=row)
        with pytest.raises(PadExhaustedError, match=r"asked for 4 page.*'b' has only 3 unused"):
            issue(conn, 4, to="B", name="b", page=row)
        assert [n for n, *_ in issued(conn, "b")] == [1]
        assert not conn.in_transaction


def test_issue_rolls_back_when_page_fails(tmp_path: Path) -> None:
    """If making a page raises (a damaged row), nothing is marked issued."""

    def failing(number: object, text: object) -> object:
        if number == 2:
            raise PadBookError("damaged")
        return number

    with book(tmp_path) as conn:
        with pytest.raises(PadBookError, match="damaged"):
            issue(conn, 3, to="A", name="b", page=failing)
        assert issued(conn, "b") == []
        assert issue(conn, 1, to="A", name="b", page=row)[0][0] == 1


def test_issue_many_matches_one_by_one(tmp_path: Path) -> None:
    """Message i gets the pages it would get issued alone, and the ledger names each."""
    counts, names = [2, 0, 3, 1], ["A", "B", "C", "A"]
    seen: list[tuple[list[int], list[int], bytes]] = []

    def use(numbers: list[int], lengths: list[int], digits: bytes) -> str:
        seen.append((numbers, lengths, digits))
        return "used"

    with book(tmp_path, pages=12) as conn:
        issue(conn, 1, to="FIRST", name="b", page=row)
        assert issue_many(conn, counts, to=names, name="b", use=use) == "used"
        numbers, lengths, digits = seen[0]
        assert numbers == [2, 3, 4, 5, 6, 7]
        assert lengths == [SIZE] * 6
        assert digits == "".join(str(page_row(conn, n)[1]) for n in numbers).encode()  # type: ignore[index]
        ledger = [(n, to) for n, _, to, _ in issued(conn, "b")]
    assert ledger == [(1, "FIRST"), (2, "A"), (3, "A"), (4, "C"), (5, "C"), (6, "C"), (7, "A")]


def test_issue_many_exhausted(tmp_path: Path) -> None:
    """Too many pages for the batch: nothing is issued, and use never runs."""
    ran: list[bool] = []
    with book(tmp_path, pages=3) as conn:
        with pytest.raises(PadExhaustedError, match=r"asked for 4 page.*2 message.*only 3"):
            issue_many(conn, [2, 2], to=["A", "B"], name="b", use=lambda *a: ran.append(True))
        assert issued(conn, "b") == []
    assert ran == []


def test_issue_many_beyond_max_pages_says_so(tmp_path: Path) -> None:
    """Asking for more pages than any book can hold suggests splitting over books."""
    with book(tmp_path, pages=2) as conn, pytest.raises(PadExhaustedError, match="at most 100,000"):
        issue_many(conn, [bookfile.MAX_PAGES + 1], to=["A"], name="b", use=lambda *a: None)


def test_issue_many_use_error_keeps_pages_issued(tmp_path: Path) -> None:
    """An error in use is raised after the ledger is written: its pages are never reissued."""

    def use(numbers: list[int], lengths: list[int], digits: bytes) -> None:
        raise RuntimeError("the caller broke")

    with book(tmp_path, pages=5) as conn:
        with pytest.raises(RuntimeError, match="the caller broke"):
            issue_many(conn, [2], to=["A"], name="b", use=use)
        assert [n for n, *_ in issued(conn, "b")] == [1, 2]
        assert issue(conn, 1, to="B", name="b", page=row)[0][0] == 3


def test_concurrent_issues_never_share_a_page(tmp_path: Path) -> None:
    """Two connections issuing at once from one file never hand out the same page."""
    path = tmp_path / "pads.sqlite"
    write(path, pages=60, groups_per_page=2, seed=5)
    got: list[list[int]] = [[], []]

    def clerk(k: int) -> None:
        with contextlib.closing(connect(path)) as conn:
            for _ in range(10):
                got[k].extend(n for n, _ in issue(conn, 3, to=f"clerk{k}", name="b", page=row))

    threads = [threading.Thread(target=clerk, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got[0] + got[1]) == list(range(1, 61))


def test_indicator_row_and_issued_rows(tmp_path: Path) -> None:
    """Look-ups by indicator find a page; issued_rows finds only pages issued."""
    with book(tmp_path) as conn:
        issue(conn, 2, to="A", name="b", page=row)
        rows = {n: (ind, to) for n, ind, to, _ in all_rows(conn)}
        number, _, when = indicator_row(conn, rows[3][0])  # type: ignore[misc]
        assert number == 3 and when is None
        assert indicator_row(conn, rows[1][0])[2] is not None  # type: ignore[index]
        assert indicator_row(conn, "not an indicator") is None
        found = bookfile.issued_rows(conn, [rows[1][0], rows[2][0], rows[3][0], "99999x"])
        assert sorted(n for _, n, _ in found) == [1, 2]
        assert page_row(conn, 11) is None
        assert list(page_rows(conn, 9, 20)) == [page_row(conn, 9), page_row(conn, 10)]


def test_issued_rows_many_indicators(tmp_path: Path) -> None:
    """More indicators than one statement takes are looked up in chunks, none lost."""
    with book(tmp_path, pages=1200) as conn:
        issue(conn, 1200, to="A", name="b", page=row)
        indicators = [ind for _, ind, _, _ in all_rows(conn)]
        assert len(bookfile.issued_rows(conn, indicators)) == 1200


@pytest.mark.parametrize(
    ("number", "text", "says"),
    [
        (3, "12345", "corrupt at page 3"),
        (3, 12345, "corrupt at page 3"),
        ("3", "1" * 10, "corrupt at page '3'"),
        (True, "1" * 10, "corrupt at page True"),
        (3, "12345x7890", "corrupt at page 3"),
    ],
    ids=["short", "not-text", "str-number", "bool-number", "not-digits"],
)
def test_page_digits_refuses(number: object, text: object, says: str) -> None:
    """A damaged page row is a PadBookError naming the book and the page."""
    with pytest.raises(PadBookError, match=says) as info:
        page_digits(number, text, groups_per_page=2, name="b")
    assert "'b'" in str(info.value)


def test_page_digits_reads() -> None:
    """A good row gives its number and digits."""
    number, digits = page_digits(4, "0123456789", groups_per_page=2, name="b")
    assert number == 4
    assert digits.tolist() == list(range(10))


def test_pages_digits() -> None:
    """Many pages at once: digits shaped (pages, size); a damaged one named by number."""
    out = pages_digits([4, 9], [10, 10], b"01234567899876543210", groups_per_page=2, name="b")
    assert out.shape == (2, 10)
    assert out[1].tolist() == list(range(9, -1, -1))
    assert pages_digits([], [], b"", groups_per_page=2, name="b").shape == (0, 10)
    with pytest.raises(PadBookError, match="corrupt at page 9"):
        pages_digits([4, 9], [10, 10], b"0123456789987654321x", groups_per_page=2, name="b")
    with pytest.raises(PadBookError, match="corrupt at page 9"):
        pages_digits([4, 9], [10, 9], b"0123456789987654321", groups_per_page=2, name="b")


def test_bad_issue_time_is_corrupt(tmp_path: Path) -> None:
    """A ledger entry whose time cannot be read is a PadBookError naming the page."""
    with book(tmp_path) as conn:
        conn.execute("UPDATE pages SET issued_to = 'A', issued_at = 'yesterday' WHERE number = 2")
        with pytest.raises(PadBookError, match="corrupt at page 2: bad issue time 'yesterday'"):
            issued(conn, "b")
