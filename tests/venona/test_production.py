"""Tests for cipherwire.venona.production (the faulty pad factory) and the faulty pad
books it writes (PadBook.from_pages, PadBook.fault)."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from cipherwire.errors import PadBookError, TrafficError
from cipherwire.pad.book import PadBook
from cipherwire.pad.bookfile import MAX_PAGES
from cipherwire.venona.production import Production, file_name, produce

BOOKS = ("NEW YORK", "WASHINGTON", "SAN FRANCISCO")
#: Big enough that indicators collide by chance (7,500 of 100,000: about 280 repeats)
#: and that two duplicated pages draw one indicator (750 of them: about 3 times).
SIZES = (3000, 2500, 2000)
FRACTION = 0.1


def _digits(production: Production) -> list[NDArray[np.uint8]]:
    """Every book's pages as a ``(pages, 300)`` array, read back with PadBook.open."""
    out = []
    for path, n in zip(production.paths, production.pages, strict=True):
        with PadBook.open(path) as book:
            out.append(np.stack([p.digits for p in book.pages(1, n)]))
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Production, list[NDArray[np.uint8]]]:
    """A seeded faulty production of three big books, and its pages."""
    folder = tmp_path_factory.mktemp("production")
    production = produce(folder, BOOKS, SIZES, duplicate_fraction=FRACTION, seed=1942)
    return production, _digits(production)


def test_production_record(made: tuple[Production, list[NDArray[np.uint8]]]) -> None:
    """The record names the books, sizes and files; the files hold books of those sizes."""
    production, digits = made
    assert production.books == BOOKS and production.pages == SIZES
    assert [p.name for p in production.paths] == [
        "new-york.padbook",
        "washington.padbook",
        "san-francisco.padbook",
    ]
    assert [d.shape for d in digits] == [(n, 300) for n in SIZES]
    assert production.seed == 1942
    assert file_name("SAN FRANCISCO") == "san-francisco.padbook"


def test_duplicated_pages_are_identical(made: tuple[Production, list[NDArray[np.uint8]]]) -> None:
    """Each duplicate's original and copy have the same digits, indicator included."""
    production, digits = made
    index = {name: i for i, name in enumerate(production.books)}
    for dup in production.duplicates:
        original = digits[index[dup.source]][dup.original - 1]
        copy = digits[index[dup.target]][dup.copy - 1]
        assert np.array_equal(original, copy), dup


def test_duplicate_count_and_placement(made: tuple[Production, list[NDArray[np.uint8]]]) -> None:
    """round(fraction * pages) duplicates; copies in another book; no page used twice."""
    production, _ = made
    duplicates = production.duplicates
    assert len(duplicates) == round(FRACTION * sum(SIZES))
    assert all(d.source != d.target for d in duplicates)
    size = dict(zip(production.books, production.pages, strict=True))
    for d in duplicates:
        assert 1 <= d.original <= size[d.source] and 1 <= d.copy <= size[d.target]
    pages = [(d.source, d.original) for d in duplicates] + [(d.target, d.copy) for d in duplicates]
    assert len(set(pages)) == len(pages)


def test_indicators_unique_but_for_duplicates(
    made: tuple[Production, list[NDArray[np.uint8]]],
) -> None:
    """An indicator is on one page of all the books, or on the two pages of a duplicate."""
    production, digits = made
    where: dict[str, list[tuple[str, int]]] = {}
    for name, pages in zip(production.books, digits, strict=True):
        for number, page in enumerate(pages, 1):
            where.setdefault("".join(map(str, page[:5])), []).append((name, number))
    repeated = {frozenset(pages) for pages in where.values() if len(pages) > 1}
    pairs = {frozenset({(d.source, d.original), (d.target, d.copy)}) for d in production.duplicates}
    assert repeated == pairs
    assert sum(len(p) for p in where.values()) == sum(SIZES)


def test_every_book_says_its_fault(made: tuple[Production, list[NDArray[np.uint8]]]) -> None:
    """Each book carries its fault, with how many of its pages are also in another book."""
    production, _ = made
    involved = Counter[str]()
    for d in production.duplicates:
        involved[d.source] += 1
        involved[d.target] += 1
    for name, path, n in zip(production.books, production.paths, production.pages, strict=True):
        with PadBook.open(path) as book:
            fault = book.fault
        assert fault is not None and "FAULTY" in fault
        assert f"{involved[name]} of {n} pages" in fault
        assert "another book" in fault


def test_seeded_books_are_classroom_books(
    made: tuple[Production, list[NDArray[np.uint8]]],
) -> None:
    """A seeded production's books are labelled classroom books with their own seeds."""
    production, _ = made
    seeds = []
    for i, path in enumerate(production.paths):
        with PadBook.open(path) as book:
            assert book.is_classroom and book.seed == production.book_seed(i)
            seeds.append(book.seed)
    assert len(set(seeds)) == len(seeds)


def test_same_seed_same_books(tmp_path: Path) -> None:
    """Two productions from one seed have the same pages and duplicates; another seed not."""
    runs = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        (tmp_path / name).mkdir()
        made = produce(tmp_path / name, BOOKS[:2], (40, 30), duplicate_fraction=0.2, seed=seed)
        runs.append((made.duplicates, _digits(made)))
    (dup_a, digits_a), (dup_b, digits_b), (dup_c, digits_c) = runs
    assert dup_a == dup_b and dup_a != dup_c
    assert all(np.array_equal(x, y) for x, y in zip(digits_a, digits_b, strict=True))
    assert not np.array_equal(digits_a[0], digits_c[0])


def test_without_seed_the_digits_differ(tmp_path: Path) -> None:
    """Without a seed the digits come from the secure generator: two runs differ, unlabelled."""
    runs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        made = produce(tmp_path / name, BOOKS[:2], (20, 20), duplicate_fraction=0.1)
        assert made.seed is None and made.book_seed(0) is None
        with PadBook.open(made.paths[0]) as book:
            assert book.seed is None and not book.is_classroom
        runs.append(_digits(made))
    assert not np.array_equal(runs[0][0], runs[1][0])
    assert not np.array_equal(runs[0][1], runs[1][1])


def test_no_duplicates_is_still_labelled(tmp_path: Path) -> None:
    """Fraction 0: no duplicates, unique indicators, and every book says none is duplicated."""
    made = produce(tmp_path, BOOKS, (50, 50, 50), duplicate_fraction=0.0, seed=1)
    assert made.duplicates == ()
    digits = np.concatenate(_digits(made))
    assert len({page[:5].tobytes() for page in digits}) == 150
    for path in made.paths:
        with PadBook.open(path) as book:
            assert book.fault is not None and "no page duplicated" in book.fault


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_large_fraction_that_fits_is_placed(tmp_path: Path, seed: int) -> None:
    """A fraction in range that can be placed is placed, whatever the seed."""
    # 45 of 100 pages between two books of 50: 45 + 45 pages cross over, so it fits.
    made = produce(tmp_path, BOOKS[:2], (50, 50), duplicate_fraction=0.45, seed=seed)
    assert len(made.duplicates) == 45


BAD_PRODUCTIONS: list[tuple[str, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    ("fraction-negative", (BOOKS, (5, 5, 5)), {"duplicate_fraction": -0.1}, TrafficError, "-0.1"),
    ("fraction-above-half", (BOOKS, (5, 5, 5)), {"duplicate_fraction": 0.6}, TrafficError, "0.6"),
    ("fraction-nan", (BOOKS, (5, 5, 5)), {"duplicate_fraction": math.nan}, TrafficError, "nan"),
    ("fraction-text", (BOOKS, (5, 5, 5)), {"duplicate_fraction": "0.1"}, TrafficError, "'0.1'"),
    ("one-book-faulty", (BOOKS[:1], (5,)), {"duplicate_fraction": 0.1}, TrafficError, "two"),
    ("no-books", ((), ()), {"duplicate_fraction": 0.0}, TrafficError, "0 books"),
    ("counts-mismatch", (BOOKS, (5, 5)), {"duplicate_fraction": 0.0}, TrafficError, "2 counts"),
    ("name-lower", (("new york",), (5,)), {"duplicate_fraction": 0.0}, TrafficError, "'new york'"),
    ("name-slash", (("NEW/YORK",), (5,)), {"duplicate_fraction": 0.0}, TrafficError, "NEW/YORK"),
    ("name-space-end", (("LONDON ",), (5,)), {"duplicate_fraction": 0.0}, TrafficError, "LONDON"),
    ("name-one-letter", (("A",), (5,)), {"duplicate_fraction": 0.0}, TrafficError, "'A'"),
    ("name-not-text", ((7,), (5,)), {"duplicate_fraction": 0.0}, TrafficError, "7"),
    ("names-repeat", (("ROME", "ROME"), (5, 5)), {"duplicate_fraction": 0.0}, TrafficError, "ROME"),
    ("pages-zero", (BOOKS, (5, 0, 5)), {"duplicate_fraction": 0.0}, TrafficError, "0"),
    (
        "pages-too-many",
        (BOOKS[:1], (MAX_PAGES + 1,)),
        {"duplicate_fraction": 0.0},
        TrafficError,
        str(MAX_PAGES + 1),
    ),
    ("pages-fraction", (BOOKS[:1], (2.5,)), {"duplicate_fraction": 0.0}, TrafficError, "2.5"),
]


@pytest.mark.parametrize(
    ("args", "options", "error", "message"),
    [b[1:] for b in BAD_PRODUCTIONS],
    ids=[b[0] for b in BAD_PRODUCTIONS],
)
def test_bad_productions_are_refused(
    tmp_path: Path,
    args: tuple[Any, ...],
    options: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    """Each bad production raises its error naming the value, and writes no book."""
    with pytest.raises(error) as caught:
        produce(tmp_path, *args, **options)
    assert message in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_existing_book_file_is_not_overwritten(tmp_path: Path) -> None:
    """A book whose file exists is refused (PadBookError) and the file is left as it was."""
    (tmp_path / "washington.padbook").write_text("mine")
    with pytest.raises(PadBookError, match=r"washington\.padbook"):
        produce(tmp_path, BOOKS[:2], (5, 5), duplicate_fraction=0.2, seed=1)
    assert (tmp_path / "washington.padbook").read_text() == "mine"


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    """A folder that does not exist is refused with PadBookError."""
    with pytest.raises(PadBookError, match="does not exist"):
        produce(tmp_path / "nowhere", BOOKS[:2], (5, 5), duplicate_fraction=0.0, seed=1)


# -- PadBook.from_pages --------------------------------------------------------------------


def _pages(n: int = 3, groups: int = 4) -> NDArray[np.uint8]:
    """``n`` pages of ``groups`` groups, indicators 00000, 00001, ..."""
    digits = np.full((n, groups * 5), 7, dtype=np.uint8)
    digits[:, :5] = 0
    digits[:, 4] = np.arange(n)
    return digits


def test_from_pages_round_trip(tmp_path: Path) -> None:
    """A book from given pages has those pages, its fault and its classroom label."""
    digits = _pages()
    with PadBook.from_pages(tmp_path / "f.padbook", digits, seed=3, fault="TWO COPIES") as book:
        assert book.fault == "TWO COPIES" and book.seed == 3
        assert (book.page_count, book.groups_per_page) == (3, 4)
        assert np.array_equal(np.stack([p.digits for p in book.pages(1, 3)]), digits)
    with PadBook.open(tmp_path / "f.padbook") as again:
        assert again.fault == "TWO COPIES"


def test_sound_book_has_no_fault(tmp_path: Path) -> None:
    """A book made by PadBook.create says nothing is wrong with it."""
    with PadBook.create(tmp_path / "ok.padbook", pages=2, seed=1) as book:
        assert book.fault is None


BAD_PAGES: list[tuple[str, Any, Any, Any, str]] = [
    ("int64", _pages().astype(np.int64), None, "BAD", "uint8"),
    ("list", _pages().tolist(), None, "BAD", "uint8"),
    ("one-dimensional", _pages().ravel(), None, "BAD", "2-D"),
    ("three-dimensional", _pages()[None], None, "BAD", "2-D"),
    ("no-pages", _pages()[:0], None, "BAD", "0 pages"),
    ("one-group", _pages(groups=1), None, "BAD", "5 digits"),
    ("ragged-group", _pages()[:, :12], None, "BAD", "12 digits"),
    ("digit-10", np.where(_pages() == 7, 10, _pages()).astype(np.uint8), None, "BAD", "0-9"),
    ("fault-empty", _pages(), None, "", "''"),
    ("fault-blank", _pages(), None, "   ", "'   '"),
    ("fault-none", _pages(), None, None, "None"),
    ("shared-indicator", np.concatenate([_pages(), _pages()[:1]]), None, "BAD", "share"),
    ("seed-text", _pages(), "1942", "BAD", "'1942'"),
    ("seed-float", _pages(), 1.5, "BAD", "1.5"),
    ("seed-bool", _pages(), True, "BAD", "True"),
]


@pytest.mark.parametrize(
    ("digits", "seed", "fault", "message"),
    [b[1:] for b in BAD_PAGES],
    ids=[b[0] for b in BAD_PAGES],
)
def test_from_pages_bad_inputs(
    tmp_path: Path, digits: Any, seed: Any, fault: Any, message: str
) -> None:
    """Each bad set of pages, seed or fault text raises PadBookError and writes nothing."""
    with pytest.raises(PadBookError) as caught:
        PadBook.from_pages(tmp_path / "bad.padbook", digits, seed=seed, fault=fault)
    assert message in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_from_pages_refuses_an_existing_file(tmp_path: Path) -> None:
    """An existing file is never overwritten."""
    (tmp_path / "f.padbook").write_text("mine")
    with pytest.raises(PadBookError, match="exists"):
        PadBook.from_pages(tmp_path / "f.padbook", _pages(), seed=None, fault="BAD")
    assert (tmp_path / "f.padbook").read_text() == "mine"
