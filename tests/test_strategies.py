"""Tests for cipherwire.strategies: the values each strategy draws meet its documented contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire import StrategyArgumentError
from cipherwire import strategies as cws
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Telegram


@settings(max_examples=60, deadline=None)
@given(cws.archive_dates())
def test_archive_dates_read_back(date: ArchiveDate) -> None:
    """A date of the period with a year, printed in its style, reads back the same."""
    assert date.year is not None
    assert dt.date(1944, 1, 1) <= dt.date(date.year, date.month, date.day) <= dt.date(1953, 12, 31)
    assert ArchiveDate.from_text(date.to_text()) == date


@settings(max_examples=30, deadline=None)
@given(cws.archive_dates(min_value=dt.date(1950, 12, 7), max_value=dt.date(1950, 12, 7)))
def test_archive_dates_bounds(date: ArchiveDate) -> None:
    """min_value and max_value bound the dates drawn."""
    assert (date.year, date.month, date.day) == (1950, 12, 7)


@settings(max_examples=60, deadline=None)
@given(cws.archive_times())
def test_archive_times_whole_minutes(time: ArchiveTime) -> None:
    """Times are whole minutes of a day, and print and read back the same."""
    assert 0 <= time.hour <= 23 and 0 <= time.minute <= 59
    assert ArchiveTime.from_text(time.to_text()) == time


@settings(max_examples=100, deadline=None)
@given(st.data(), st.integers(0, 60), st.integers(0, 60))
def test_plaintexts_sizes(data: st.DataObject, low: int, extra: int) -> None:
    """Plaintexts are one line of words, figures and marks within the sizes asked for."""
    text = data.draw(cws.plaintexts(min_size=low, max_size=low + extra + 1))
    assert low <= len(text) <= low + extra + 1
    assert text and "\n" not in text and text == text.strip()
    assert all((c.isascii() and (c.isalnum() or c in " ,.:;?!-()")) or c in "“”" for c in text)


@settings(max_examples=20, deadline=None)
@given(cws.codebooks(max_words=30), cws.plaintexts(max_size=80))
def test_codebooks_round_trip(book: Codebook, text: str) -> None:
    """A generated codebook decodes what it encodes to the normal form of the text."""
    assert book.decode(book.encode(text)) == normalise(text)


@settings(max_examples=20, deadline=None)
@given(cws.codebooks(max_words=5))
def test_codebooks_are_small(book: Codebook) -> None:
    """A book of at most max_words phrases carries at most that many beyond the reserved names."""
    plain = [text for text, _ in book.entries if not text.startswith("<")]
    assert len(plain) <= 5


@settings(max_examples=10, deadline=None)
@given(cws.padbooks(min_pages=2, max_pages=5, groups_per_page=4))
def test_padbooks_fresh_classroom(book: PadBook) -> None:
    """Pad books are seeded (classroom), of the sizes asked for, with no page issued."""
    with book:
        assert book.is_classroom
        assert book.seed is not None
        assert 2 <= book.page_count <= 5
        assert book.groups_per_page == 4
        status = book.status()
        assert (status.used, status.left) == (0, book.page_count)


@settings(max_examples=5, deadline=None)
@given(cws.padbooks(max_pages=3), cws.padbooks(max_pages=3))
def test_padbooks_are_new_files(first: PadBook, second: PadBook) -> None:
    """Every example is a file of its own, in the strategies' temporary folder."""
    with first, second:
        assert first.path != second.path
        assert first.path.parent == second.path.parent
        assert first.path.exists() and second.path.exists()


@settings(max_examples=60, deadline=None)
@given(cws.telegrams())
def test_telegrams_round_trip(telegram: Telegram) -> None:
    """A telegram drawn prints and reads back equal (its documented use)."""
    assert Telegram.from_text(telegram.to_text()) == telegram


@settings(max_examples=60, deadline=None)
@given(cws.telegrams())
def test_telegrams_instruction_needs_closing(telegram: Telegram) -> None:
    """A closing instruction only appears above a signature or a date."""
    if telegram.instruction is not None:
        assert telegram.official is not None or telegram.date is not None
    assert telegram.body.strip()
    assert len(set(telegram.copies)) == len(telegram.copies)


@settings(max_examples=20, deadline=None)
@given(cws.plaintexts(min_size=300, max_size=400))
def test_plaintexts_long_texts_draw_without_health_check_failure(text: str) -> None:
    """Long minimum sizes are built to length, not filtered for (no health-check failure)."""
    assert 300 <= len(text) <= 400


@settings(max_examples=30, deadline=None)
@given(st.data(), st.integers(1, 30))
def test_plaintexts_exact_size(data: st.DataObject, size: int) -> None:
    """min_size == max_size gives texts of exactly that length."""
    text = data.draw(cws.plaintexts(min_size=size, max_size=size))
    assert len(text) == size and text == text.strip()


@pytest.mark.parametrize(
    ("make", "quoted"),
    [
        pytest.param(lambda: cws.plaintexts(min_size=-1), "-1", id="plaintexts-negative-min"),
        pytest.param(lambda: cws.plaintexts(min_size=10, max_size=5), "5", id="plaintexts-max<min"),
        pytest.param(lambda: cws.plaintexts(max_size=0), "0", id="plaintexts-max-0"),
        pytest.param(lambda: cws.plaintexts(max_size=2.5), "2.5", id="plaintexts-float"),
        pytest.param(lambda: cws.codebooks(max_words=-3), "-3", id="codebooks-negative"),
        pytest.param(lambda: cws.padbooks(min_pages=0), "0", id="padbooks-min-0"),
        pytest.param(lambda: cws.padbooks(min_pages=5, max_pages=2), "2", id="padbooks-max<min"),
        pytest.param(lambda: cws.padbooks(groups_per_page=0), "0", id="padbooks-groups-0"),
        pytest.param(lambda: cws.padbooks(groups_per_page=1), "1", id="padbooks-groups-1"),
        pytest.param(lambda: cws.padbooks(groups_per_page=True), "True", id="padbooks-bool"),
        pytest.param(
            lambda: cws.archive_dates(min_value=dt.date(1950, 1, 2), max_value=dt.date(1950, 1, 1)),
            "1950-01-02",
            id="dates-reversed",
        ),
        pytest.param(lambda: cws.archive_dates(min_value="1950"), "1950", id="dates-not-date"),
    ],
)
def test_bad_arguments_refused_up_front(make: Callable[[], object], quoted: str) -> None:
    """Impossible bounds raise StrategyArgumentError (a ValueError) at the call, quoting them."""
    with pytest.raises(StrategyArgumentError) as caught:
        make()
    assert isinstance(caught.value, ValueError)
    assert quoted in str(caught.value)
