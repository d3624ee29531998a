"""Tests for cipherwire.pad.book: pad pages and the SQLite pad book."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import random
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule

from cipherwire.core import digits_to_text
from cipherwire.errors import (
    CipherwireError,
    PadBookError,
    PadExhaustedError,
    PageNotIssuedError,
)
from cipherwire.pad import bookfile, issuing
from cipherwire.pad.book import (
    MAX_PAGES,
    PadBook,
    PadPage,
    default_path,
    open_default,
)


@pytest.fixture
def book(tmp_path: Path) -> Iterator[PadBook]:
    """A seeded classroom book of five 60-group pages, closed afterwards."""
    with PadBook.create(tmp_path / "pads.sqlite", pages=5, seed=1950) as b:
        yield b


# -- pages ---------------------------------------------------------------------------------


def test_create_open_round_trip(tmp_path: Path) -> None:
    """A book reopened from disk has the same settings and the same pages."""
    path = tmp_path / "pads.sqlite"
    with PadBook.create(path, pages=4, groups_per_page=12, seed=7) as made:
        pages = made.pages(1, 4)
    with PadBook.open(path) as opened:
        assert (opened.path, opened.page_count, opened.groups_per_page) == (path, 4, 12)
        assert opened.seed == 7 and opened.is_classroom
        assert opened.pages(1, 4) == pages
        assert [opened.page(n) for n in range(1, 5)] == list(pages)
        assert repr(opened) == f"PadBook.open({str(path)!r})"


def test_secure_book_is_not_classroom(tmp_path: Path) -> None:
    """A book made without a seed has no seed and unlabelled pages."""
    with PadBook.create(tmp_path / "pads.sqlite", pages=2) as b:
        assert b.seed is None and not b.is_classroom
        assert b.page(1).classroom_seed is None
        assert "CLASSROOM" not in b.page(1).to_text()


def test_indicator_is_not_key(book: PadBook) -> None:
    """The indicator is the first group; the key is the 59 groups after it."""
    page = book.page(1)
    assert page.digits.shape == (300,) and page.key.shape == (295,)
    assert page.indicator == page.groups[0] == digits_to_text(page.digits[:5])
    assert digits_to_text(page.key) == "".join(page.groups[1:])
    assert len(page.groups) == 60


def test_page_digits_read_only(book: PadBook) -> None:
    """A page's digits and key cannot be written to."""
    page = book.page(2)
    with pytest.raises(ValueError):
        page.key[0] = 1
    with pytest.raises(ValueError):
        page.digits[0] = 1


def test_to_text_sheet(book: PadBook) -> None:
    """to_text prints a labelled heading, then ten groups a line, the indicator first."""
    page = book.page(3)
    lines = page.to_text().splitlines()
    assert lines[0] == "PAGE 3  CLASSROOM PAD — NOT SECURE (seed 1950)"
    assert len(lines) == 7 and all(len(line.split()) == 10 for line in lines[1:])
    assert lines[1].split()[0] == page.indicator
    assert " ".join(lines[1:]).split() == list(page.groups)


def test_seeded_books_reproducible(tmp_path: Path) -> None:
    """The same seed makes the same book; another seed makes another."""
    made = {}
    for name, seed in (("a", 42), ("b", 42), ("c", 43)):
        with PadBook.create(tmp_path / f"{name}.sqlite", pages=30, seed=seed) as b:
            made[name] = b.pages(1, 30)
    assert made["a"] == made["b"]
    assert made["a"] != made["c"]
    assert "CLASSROOM PAD — NOT SECURE (seed 42)" in made["a"][0].to_text()


def test_indicators_unique(tmp_path: Path) -> None:
    """Indicators are unique even where random ones would surely collide."""
    # 3,000 random indicators out of 100,000 would hold about 45 collisions.
    with PadBook.create(tmp_path / "pads.sqlite", pages=3000, groups_per_page=2, seed=5) as b:
        pages = b.pages(1, 3000)
    indicators = [p.indicator for p in pages]
    assert len(set(indicators)) == 3000
    # Seeded books, redrawn indicators included, never change silently.
    text = "".join(digits_to_text(p.digits) for p in pages)
    assert hashlib.sha256(text.encode()).hexdigest() == (
        "60f763d486f2e1f98781e5871a6494e808ebe9152ae11262442bd1e533bf54fa"
    )


# -- issuing -------------------------------------------------------------------------------


def test_issue_in_order_never_twice(book: PadBook) -> None:
    """Pages go out lowest number first, each once; then the book is exhausted."""
    first = book.issue(2, to="2522")
    second = book.issue(3, to="2523")
    assert [p.number for p in first + second] == [1, 2, 3, 4, 5]
    before = book.status()
    with pytest.raises(PadExhaustedError, match=r"asked for 1 .* only 0 unused"):
        book.issue(1, to="2524")
    assert book.status() == before


def test_exhaustion_leaves_book_unchanged(book: PadBook) -> None:
    """Asking for more pages than remain issues none of them."""
    book.issue(3, to="2522")
    with pytest.raises(PadExhaustedError, match=r"asked for 3 .* only 2 unused") as info:
        book.issue(3, to="2523")
    assert isinstance(info.value, CipherwireError) and isinstance(info.value, RuntimeError)
    status = book.status()
    assert (status.used, status.left) == (3, 2)
    assert [p.number for p in book.issue(2, to="2524")] == [4, 5]


def test_status_records_issue(book: PadBook) -> None:
    """status() lists each issued page with its indicator, message and an aware UTC time."""
    before = dt.datetime.now(dt.UTC)
    pages = book.issue(2, to="2522")
    status = book.status()
    assert (status.total, status.used, status.left) == (5, 2, 3)
    assert [(i.number, i.indicator, i.to) for i in status.ledger] == [
        (p.number, p.indicator, "2522") for p in pages
    ]
    for entry in status.ledger:
        assert entry.at.utcoffset() == dt.timedelta(0)
        assert before <= entry.at <= dt.datetime.now(dt.UTC)


def test_issued_page_by_indicator(book: PadBook) -> None:
    """The receiver finds an issued page by its indicator."""
    (page,) = book.issue(1, to="2522")
    assert book.issued_page(page.indicator) == page


def test_issued_page_unknown_or_unissued(book: PadBook) -> None:
    """An unknown indicator, or one of a page never issued, is PageNotIssuedError."""
    unused = book.page(4)
    known = {p.indicator for p in book.pages(1, 5)}
    unknown = next(f"{i:05d}" for i in range(100_000) if f"{i:05d}" not in known)
    for indicator in (unknown, unused.indicator, "12a45"):
        with pytest.raises(PageNotIssuedError, match=repr(indicator)) as info:
            book.issued_page(indicator)
        assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("number", [0, 6, -1])
def test_page_unknown_number(book: PadBook, number: int) -> None:
    """A number outside the book is PageNotIssuedError, for page() and pages()."""
    with pytest.raises(PageNotIssuedError):
        book.page(number)
    with pytest.raises(PageNotIssuedError):
        book.pages(1, number) if number > 0 else book.pages(number, 2)


def test_pages_range(book: PadBook) -> None:
    """pages(first, last) includes both ends; a backwards range is an error."""
    assert [p.number for p in book.pages(2, 4)] == [2, 3, 4]
    assert [p.number for p in book.pages(5, 5)] == [5]
    with pytest.raises(PadBookError):
        book.pages(4, 2)


@pytest.mark.parametrize(
    ("count", "to"),
    [(0, "2522"), (-1, "2522"), (True, "2522"), (1, "")],
    ids=["zero", "negative", "bool", "empty-to"],
)
def test_issue_bad_arguments(book: PadBook, count: Any, to: str) -> None:
    """issue() needs a count of 1 or more and a message name."""
    with pytest.raises(PadBookError):
        book.issue(count, to=to)


def test_closed_book(tmp_path: Path) -> None:
    """A closed book refuses work; closing twice is harmless."""
    b = PadBook.create(tmp_path / "pads.sqlite", pages=2)
    b.close()
    b.close()
    with pytest.raises(PadBookError, match="closed"):
        b.issue(1, to="2522")


def test_queries_use_indexes(book: PadBook) -> None:
    """Finding the next unused pages and looking up an indicator never scan the table."""
    with sqlite3.connect(book.path) as conn:
        unused = conn.execute(f"EXPLAIN QUERY PLAN {issuing._NEXT_UNUSED_SQL}", (3,)).fetchall()
        lookup = conn.execute(f"EXPLAIN QUERY PLAN {issuing._BY_INDICATOR_SQL}", ("1",)).fetchall()
    conn.close()
    assert any("pages_unused" in row[-1] for row in unused), unused
    assert all("TEMP B-TREE" not in row[-1] for row in unused), unused
    assert any("INDEX" in row[-1] and "indicator=?" in row[-1] for row in lookup), lookup


def _issue_worker(path: str, worker: int, rounds: int, barrier: Any, results: Any) -> None:
    """Issue pages from the book at path in several rounds; report what was received."""
    got: list[tuple[int, str]] = []
    try:
        with PadBook.open(path) as b:
            barrier.wait(timeout=60)
            for r in range(rounds):
                for page in b.issue(1 + r % 2, to=f"w{worker}"):
                    got.append((page.number, page.indicator))
    except Exception as exc:  # reported to the parent, which fails the test
        results.put((worker, repr(exc)))
    else:
        results.put((worker, got))


def test_concurrent_processes_never_share_a_page(tmp_path: Path) -> None:
    """Eight processes issuing at once never get the same page; the ledger has each once."""
    path = tmp_path / "pads.sqlite"
    PadBook.create(path, pages=80, groups_per_page=4).close()
    ctx = multiprocessing.get_context("spawn")
    workers, rounds = 8, 6  # 1 + 2 + 1 + 2 + 1 + 2 = 9 pages each
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    procs = [
        ctx.Process(target=_issue_worker, args=(str(path), w, rounds, barrier, results))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    received = dict(results.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    failures = {w: got for w, got in received.items() if isinstance(got, str)}
    assert not failures
    numbers = [n for got in received.values() for n, _ in got]
    assert len(numbers) == workers * 9 == len(set(numbers))
    with PadBook.open(path) as b:
        status = b.status()
    assert status.used == workers * 9 and status.left == 80 - workers * 9
    ledger = {(i.number, i.indicator, i.to) for i in status.ledger}
    assert ledger == {(n, ind, f"w{w}") for w, got in received.items() for n, ind in got}


# -- creating and opening files ------------------------------------------------------------


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    """create() never replaces an existing file, pad book or not, and leaves no temp file."""
    path = tmp_path / "pads.sqlite"
    PadBook.create(path, pages=2).close()
    before = path.read_bytes()
    with pytest.raises(PadBookError, match=re.escape(str(path))):
        PadBook.create(path, pages=3)
    assert path.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("keep me")
    with pytest.raises(PadBookError, match=re.escape(str(other))):
        PadBook.create(other, pages=3)
    assert other.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "pads.sqlite"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"pages": 0},
        {"pages": MAX_PAGES + 1},
        {"pages": True},
        {"pages": 2, "groups_per_page": 1},
        {"pages": 2, "seed": "42"},
    ],
    ids=["no-pages", "too-many-pages", "bool-pages", "one-group", "str-seed"],
)
def test_create_bad_arguments(tmp_path: Path, kwargs: dict[str, Any]) -> None:
    """create() checks its arguments before touching the disk."""
    with pytest.raises(PadBookError):
        PadBook.create(tmp_path / "pads.sqlite", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_create_missing_folder(tmp_path: Path) -> None:
    """create() names the path when its folder does not exist."""
    path = tmp_path / "nowhere" / "pads.sqlite"
    with pytest.raises(PadBookError, match=re.escape(str(path))):
        PadBook.create(path, pages=2)


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(0).randbytes(8192))


def _other_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE telegrams (number INTEGER)")
    conn.close()


def _edit_book(sql: str) -> Any:
    def make(path: Path) -> None:
        PadBook.create(path, pages=2).close()
        with sqlite3.connect(path) as conn:
            conn.execute(sql)
        conn.close()

    return make


BAD_FILES = [
    pytest.param(lambda path: None, "no such file", id="missing"),
    pytest.param(lambda path: path.mkdir(), "it is a folder", id="directory"),
    pytest.param(_random_bytes, "not an SQLite database", id="random-bytes"),
    pytest.param(lambda path: path.write_bytes(b""), "not a cipherwire pad book", id="empty"),
    pytest.param(_other_sqlite, "not a cipherwire pad book", id="other-sqlite"),
    pytest.param(
        _edit_book("UPDATE meta SET value = 'telegram-log' WHERE key = 'format'"),
        "not a cipherwire pad book",
        id="other-format",
    ),
    pytest.param(
        _edit_book("UPDATE meta SET value = '7' WHERE key = 'format_version'"),
        "is format version 7; this cipherwire reads up to 1",
        id="newer-version",
    ),
    pytest.param(
        _edit_book("DELETE FROM meta WHERE key = 'page_count'"), "corrupt", id="no-page-count"
    ),
    pytest.param(_edit_book("DELETE FROM pages WHERE number = 2"), "corrupt", id="lost-page"),
]


@pytest.mark.parametrize(("make", "message"), BAD_FILES)
def test_open_bad_files(tmp_path: Path, make: Any, message: str) -> None:
    """Each kind of bad file is a PadBookError that names the path and says what is wrong."""
    path = tmp_path / "pads.sqlite"
    make(path)
    with pytest.raises(PadBookError, match=message) as info:
        PadBook.open(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_corrupt_page_digits(tmp_path: Path) -> None:
    """A page whose stored digits are damaged is a PadBookError when read."""
    path = tmp_path / "pads.sqlite"
    _edit_book("UPDATE pages SET digits = 'x' || substr(digits, 2) WHERE number = 1")(path)
    with PadBook.open(path) as b, pytest.raises(PadBookError, match="corrupt at page 1"):
        b.page(1)


@pytest.mark.parametrize(
    ("sql", "page"),
    [
        ("UPDATE pages SET digits = substr(digits, 1, 150) || 'x' || substr(digits, 152) "
         "WHERE number = 2", 2),
        ("UPDATE pages SET digits = substr(digits, 2) WHERE number = 1", 1),
    ],
    ids=["not-a-digit", "too-short"],
)  # fmt: skip
def test_issue_many_names_a_damaged_page(tmp_path: Path, sql: str, page: int) -> None:
    """Pages read for a bulk issue in one row are still checked page by page."""
    path = tmp_path / "pads.sqlite"
    _edit_book(sql)(path)
    with PadBook.open(path) as b, pytest.raises(PadBookError, match=f"corrupt at page {page}"):
        b.issue_many([1, 1], to=["a", "b"])


def _contents(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT number, indicator, digits, issued_to FROM pages").fetchall()
    conn.close()
    return rows


def test_books_are_the_same_without_sqlites_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite without built-in JSON takes a statement a page or a run: the same book,
    the same pages issued, the same ledger."""
    made = []
    for json_built_in in (True, False):
        monkeypatch.setattr(bookfile, "JSON_BUILT_IN", json_built_in)
        path = tmp_path / f"{json_built_in}.sqlite"
        with PadBook.create(path, pages=40, seed=6) as book:
            book.issue(1, to="first")
            issued = book.issue_many([2, 0, 3, 3], to=["a", "b", "c", "c"])
            assert issued.numbers.tolist() == list(range(2, 10))
            assert book.issue_many([1], to=["d"]).numbers.tolist() == [10]
        made.append(_contents(path))
    assert made[0] == made[1] and len(made[0]) == 40
    assert [row[3] for row in made[0][:11]] == ["first", "a", "a", "c", "c", "c", "c", "c", "c",
                                                  "d", None]  # fmt: skip


# -- issuing to many messages at once -------------------------------------------------------


def test_issue_many_gives_the_pages_issue_would(tmp_path: Path) -> None:
    """One transaction for three messages: the pages, digits and ledger of three issues."""
    with PadBook.create(tmp_path / "a.sqlite", pages=9, seed=4) as one:
        expected = [one.issue(n, to=f"m{i}") for i, n in enumerate((2, 1, 3)) if n]
        expected_ledger = [(p.number, p.to) for p in one.status().ledger]
    with PadBook.create(tmp_path / "b.sqlite", pages=9, seed=4) as many:
        issued = many.issue_many([2, 0, 1, 3], to=["m0", "none", "m1", "m2"])
        assert [(p.number, p.to) for p in many.status().ledger] == expected_ledger
    assert issued.offsets.tolist() == [0, 2, 2, 3, 6] and len(issued) == 6
    assert issued.pages(1) == ()
    assert [issued.pages(i) for i in (0, 2, 3)] == expected
    assert issued.indicators.shape == (6, 5) and issued.keys.shape == (6, 295)
    assert not issued.digits.flags.writeable


def test_issue_many_use_runs_while_the_ledger_is_written(book: PadBook) -> None:
    """With use=, its result comes back; if it fails, its error does and the pages stay used."""
    assert book.issue_many([1, 1], to=["a", "b"], use=lambda pages: pages.numbers.tolist()) == [
        1,
        2,
    ]

    def fail(pages: object) -> None:
        raise ZeroDivisionError("the caller's work failed")

    with pytest.raises(ZeroDivisionError, match="caller's work"):
        book.issue_many([1], to=["c"], use=fail)
    assert [p.to for p in book.status().ledger] == ["a", "b", "c"]


def test_issue_many_skips_pages_already_issued(tmp_path: Path) -> None:
    """Pages issued out of order in between are passed over, and never issued again."""
    path = tmp_path / "gaps.sqlite"
    PadBook.create(path, pages=8, seed=2).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE pages SET issued_to = 'x', issued_at = '2026-01-01T00:00:00+00:00' "
            "WHERE number IN (2, 5)"
        )
    with PadBook.open(path) as book:
        issued = book.issue_many([2, 2], to=["a", "b"])
        assert issued.numbers.tolist() == [1, 3, 4, 6]
        ledger = {p.number: p.to for p in book.status().ledger}
    assert ledger == {1: "a", 2: "x", 3: "a", 4: "b", 5: "x", 6: "b"}


def test_issue_many_all_or_nothing(book: PadBook) -> None:
    """Asking for more pages than are left issues none."""
    book.issue(2, to="first")
    with pytest.raises(PadExhaustedError, match="asked for 4 page\\(s\\) for 2 message"):
        book.issue_many([2, 2], to=["a", "b"])
    assert book.status().used == 2


def test_issue_many_beyond_any_book_says_to_split(book: PadBook) -> None:
    """More pages than a book can ever hold: the error says so, and nothing is issued."""
    with pytest.raises(PadExhaustedError, match=r"at most 100,000 pages.*several books\)$"):
        book.issue_many([60_000, 50_000], to=["a", "b"])
    with pytest.raises(PadExhaustedError, match=r"left$"):
        book.issue_many([60_000], to=["a"])
    assert book.status().used == 0


@pytest.mark.parametrize(
    ("counts", "to", "message"),
    [
        pytest.param([1], "a", "sequence of message names", id="to-str"),
        pytest.param([1, 1], ["a"], "2 page counts but 1 message", id="lengths"),
        pytest.param([1, -1], ["a", "b"], "message 1: a page count", id="negative"),
        pytest.param([1.0], ["a"], "message 0: a page count", id="float"),
        pytest.param([1], [""], "message 0: pages must be issued to", id="empty-name"),
        pytest.param([0, 0], ["a", "b"], "no pages asked for", id="nothing"),
    ],
)
def test_issue_many_bad_arguments(book: PadBook, counts: Any, to: Any, message: str) -> None:
    """Bad counts and names are refused before the book is touched."""
    with pytest.raises(PadBookError, match=message):
        book.issue_many(counts, to=to)
    assert book.status().used == 0


# -- the default book ----------------------------------------------------------------------


def test_default_path_honours_cipherwire_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """$CIPHERWIRE_HOME/padbook.sqlite when set, else the user data folder."""
    monkeypatch.setenv("CIPHERWIRE_HOME", str(tmp_path))
    assert default_path() == tmp_path / "padbook.sqlite"
    monkeypatch.delenv("CIPHERWIRE_HOME")
    assert default_path().name == "padbook.sqlite"
    assert default_path().parent.name == "cipherwire"


def test_open_default_creates_then_opens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The first open_default() creates a secure book (and its folder); later ones open it."""
    home = tmp_path / "deep" / "home"
    monkeypatch.setenv("CIPHERWIRE_HOME", str(home))
    first, created = open_default(pages=7)
    with first:
        assert created and first.path == home / "padbook.sqlite"
        assert first.page_count == 7 and not first.is_classroom
        first.issue(1, to="2522")
    again, created = open_default(pages=99)
    with again:
        assert not created and again.page_count == 7 and again.status().used == 1


# -- the stateful model --------------------------------------------------------------------

PAGES = 12


class PadBookMachine(RuleBasedStateMachine):
    """A pad book against a model: a dict of issued page numbers."""

    issued_pages = Bundle("issued_pages")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.path = self.folder / "pads.sqlite"
        self.book = PadBook.create(self.path, pages=PAGES, groups_per_page=3, seed=11)
        self.model: dict[int, tuple[str, str]] = {}  # number -> (indicator, to)
        self.messages = 0

    @rule(target=issued_pages, count=st.integers(1, 4))
    def issue(self, count: int) -> Any:
        """Issue count pages: the lowest unused ones, or none if too few are left."""
        self.messages += 1
        to = f"msg{self.messages}"
        if count > PAGES - len(self.model):
            with pytest.raises(PadExhaustedError):
                self.book.issue(count, to=to)
            return multiple()
        pages = self.book.issue(count, to=to)
        assert [p.number for p in pages] == list(
            range(len(self.model) + 1, len(self.model) + count + 1)
        )
        for page in pages:
            assert page.number not in self.model
            self.model[page.number] = (page.indicator, to)
        return multiple(*pages)

    @rule(target=issued_pages, counts=st.lists(st.integers(0, 3), min_size=1, max_size=3))
    def issue_many(self, counts: list[int]) -> Any:
        """Issue to several messages at once: lowest unused first, message by message."""
        names = [f"many{self.messages}-{i}" for i in range(len(counts))]
        self.messages += 1
        if sum(counts) == 0:
            with pytest.raises(PadBookError):
                self.book.issue_many(counts, to=names)
            return multiple()
        if sum(counts) > PAGES - len(self.model):
            with pytest.raises(PadExhaustedError):
                self.book.issue_many(counts, to=names)
            return multiple()
        issued = self.book.issue_many(counts, to=names)
        first = len(self.model) + 1
        assert issued.numbers.tolist() == list(range(first, first + sum(counts)))
        pages = []
        for i, name in enumerate(names):
            for page in issued.pages(i):
                self.model[page.number] = (page.indicator, name)
                pages.append(page)
        return multiple(*pages)

    @rule(page=issued_pages)
    def look_up_issued(self, page: PadPage) -> None:
        """An issued page is found again by its indicator."""
        assert self.book.issued_page(page.indicator) == page

    @rule(number=st.integers(1, PAGES))
    def look_up_unissued(self, number: int) -> None:
        """A page not yet issued cannot be looked up for deciphering."""
        if number not in self.model:
            with pytest.raises(PageNotIssuedError):
                self.book.issued_page(self.book.page(number).indicator)

    @rule()
    def reopen(self) -> None:
        """Closing and reopening the book keeps every issue."""
        self.book.close()
        self.book = PadBook.open(self.path)

    @invariant()
    def status_matches_model(self) -> None:
        """used + left == total, no page twice, and the ledger equals the model."""
        status = self.book.status()
        assert status.used + status.left == status.total == PAGES
        numbers = [entry.number for entry in status.ledger]
        assert len(numbers) == len(set(numbers))
        assert {e.number: (e.indicator, e.to) for e in status.ledger} == self.model

    def teardown(self) -> None:
        """Close the book and remove its folder."""
        self.book.close()
        shutil.rmtree(self.folder, ignore_errors=True)


TestPadBookMachine = PadBookMachine.TestCase
TestPadBookMachine.settings = settings(max_examples=40, stateful_step_count=15, deadline=None)


def test_issued_pages_in_bulk(tmp_path: Path) -> None:
    """issued_pages finds every issued page among many indicators (more than one SQL
    statement's worth), as issued_page would, and leaves out the unissued and unknown."""
    book = PadBook.create(tmp_path / "bulk.sqlite", pages=1200, groups_per_page=4, seed=7)
    issued = book.issue(1100, to="a day's traffic")
    unused = book.page(1150).indicator
    asked = [p.indicator for p in issued[::-1]] + [unused, "99999"] + [issued[3].indicator]
    found, digits = book.issued_pages(asked)
    assert sorted(found) == sorted(p.indicator for p in issued)
    by_indicator = dict(zip(found, digits.tolist(), strict=True))
    for page in issued[::97]:
        assert by_indicator[page.indicator] == book.issued_page(page.indicator).digits.tolist()
    assert digits.shape == (1100, 20)
    none, empty = book.issued_pages([])
    assert none == () and empty.shape == (0, 20)
