"""Tests for cipherwire.pad.issuing: the pages of a pad book file, read and issued directly."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest

from cipherwire.errors import PadBookError, PadExhaustedError
from cipherwire.pad import issuing
from cipherwire.pad.bookfile import MAX_PAGES, connect, write
from cipherwire.pad.issuing import (
    indicator_row,
    issue,
    issue_many,
    issued,
    page_digits,
    page_row,
    page_rows,
    pages_digits,
)
from tests.pad.test_bookfile import SIZE, all_rows, book


def row(number: object, text: object) -> tuple[object, object]:
    """The page factory of these tests: the row as it came."""
    return number, text


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
        issue_many(conn, [MAX_PAGES + 1], to=["A"], name="b", use=lambda *a: None)


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
        found = issuing.issued_rows(conn, [rows[1][0], rows[2][0], rows[3][0], "99999x"])
        assert sorted(n for _, n, _ in found) == [1, 2]
        assert page_row(conn, 11) is None
        assert list(page_rows(conn, 9, 20)) == [page_row(conn, 9), page_row(conn, 10)]


def test_issued_rows_many_indicators(tmp_path: Path) -> None:
    """More indicators than one statement takes are looked up in chunks, none lost."""
    with book(tmp_path, pages=1200) as conn:
        issue(conn, 1200, to="A", name="b", page=row)
        indicators = [ind for _, ind, _, _ in all_rows(conn)]
        assert len(issuing.issued_rows(conn, indicators)) == 1200


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
