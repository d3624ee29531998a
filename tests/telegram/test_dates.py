"""Tests for cipherwire.telegram.dates and .styles: archive dates and times, read and written."""

from __future__ import annotations

import calendar
import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.errors import CipherwireError, DateFormatError
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime, search_date, search_time, zone_for
from cipherwire.telegram.styles import (
    DateOrder,
    DateStyle,
    LetterCase,
    MonthForm,
    TimeForm,
    TimeStyle,
)

# --- known answers ------------------------------------------------------------------------

DATES = [
    ("7/XII.1950", (7, 12, 1950)),  # the seed telegram, header
    ("7/XII-50", (7, 12, 1950)),  # the seed telegram, after the signature
    ("24.III.50", (24, 3, 1950)),
    ("27.III.50", (27, 3, 1950)),
    ("7/xii.1950", (7, 12, 1950)),
    ("13.1.1951", (13, 1, 1951)),
    ("13/5-50", (13, 5, 1950)),
    ("9.2.1951", (9, 2, 1951)),
    ("9.2.51", (9, 2, 1951)),
    ("07.05.1950", (7, 5, 1950)),
    ("14 May 1950", (14, 5, 1950)),
    ("2 June 1950", (2, 6, 1950)),
    ("15 Nov. 1944", (15, 11, 1944)),
    ("15 Nov 1944", (15, 11, 1944)),
    ("29 October 1946", (29, 10, 1946)),
    ("5 SEPTEMBER 1949", (5, 9, 1949)),
    ("5 September", (5, 9, None)),
    ("29 February", (29, 2, None)),
    ("December 7, 1950", (7, 12, 1950)),
    ("10/21/50", (21, 10, 1950)),
    ("10/11/50", (10, 11, 1950)),
    ("1950-12-07", (7, 12, 1950)),
    ("29/II.1952", (29, 2, 1952)),
]

TIMES = [
    ("19 hours 10 minutes", (19, 10)),
    ("20 hours 40 minutes", (20, 40)),
    ("20 hours 05 minutes", (20, 5)),
    ("21 hours 35 min.", (21, 35)),
    ("1 hour 5 minutes", (1, 5)),
    ("0100", (1, 0)),
    ("0140", (1, 40)),
    ("0000", (0, 0)),
    ("4:10 am", (4, 10)),
    ("04:45 a.m.", (4, 45)),
    ("3:25 am", (3, 25)),
    ("3:25 PM", (15, 25)),
    ("12:00 am", (0, 0)),
    ("12:30 p.m.", (12, 30)),
    ("11:59pm", (23, 59)),
    ("22:03", (22, 3)),
    ("9:05", (9, 5)),
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[t for t, _ in DATES])
def test_date_known_answers(text: str, expected: tuple[int, int, int | None]) -> None:
    """Each printed form reads to the right day, month and year."""
    date = ArchiveDate.from_text(text)
    assert (date.day, date.month, date.year) == expected


@pytest.mark.parametrize(("text", "expected"), TIMES, ids=[t for t, _ in TIMES])
def test_time_known_answers(text: str, expected: tuple[int, int]) -> None:
    """Each printed form reads to the right hour and minute."""
    time = ArchiveTime.from_text(text)
    assert (time.hour, time.minute) == expected


@pytest.mark.parametrize("text", [t for t, _ in DATES], ids=[t for t, _ in DATES])
def test_date_round_trip(text: str) -> None:
    """A date is written back exactly as printed, outer whitespace aside."""
    assert ArchiveDate.from_text(text).to_text() == text
    assert ArchiveDate.from_text(f"  {text}\n").to_text() == text


@pytest.mark.parametrize("text", [t for t, _ in TIMES], ids=[t for t, _ in TIMES])
def test_time_round_trip(text: str) -> None:
    """A time is written back exactly as printed, outer whitespace aside."""
    assert ArchiveTime.from_text(text).to_text() == text
    assert ArchiveTime.from_text(f" {text} ").to_text() == text


def test_styles_are_recorded() -> None:
    """The style of a parsed date says how it was written."""
    assert ArchiveDate.from_text("7/XII.1950").style == DateStyle.ROMAN_SLASH_DOT
    assert ArchiveDate.from_text("7/XII-50").style == DateStyle.ROMAN_SLASH_DASH
    assert ArchiveDate.from_text("13.1.1951").style == DateStyle.NUMERIC_DOT
    assert ArchiveDate.from_text("15 Nov. 1944").style == DateStyle.SPELLED_ABBREVIATED
    assert ArchiveDate.from_text("10/21/50").style == DateStyle.US_NUMERIC
    assert ArchiveDate.from_text("7/xii.1950").to_text() == "7/xii.1950"
    assert ArchiveTime.from_text("0140").style == TimeStyle.FOUR_DIGITS
    assert ArchiveTime.from_text("4:10 am").style == TimeStyle.CLOCK_AM


def test_mdy_only_when_needed_or_asked() -> None:
    """An all-numeric date is D/M/Y unless the middle number is over 12 or MDY is asked."""
    assert ArchiveDate.from_text("10/11/50").to_date() == datetime.date(1950, 11, 10)
    assert ArchiveDate.from_text("10/21/50").to_date() == datetime.date(1950, 10, 21)
    asked = ArchiveDate.from_text("10/11/50", order=DateOrder.MDY)
    assert asked.to_date() == datetime.date(1950, 10, 11)
    assert asked.to_text() == "10/11/50"
    with pytest.raises(DateFormatError, match="'10/21/50'"):
        ArchiveDate.from_text("10/21/50", order=DateOrder.DMY)


def test_of_and_to_date() -> None:
    """Named constructors write values in a style; to_date and to_time give them back."""
    day = datetime.date(1950, 12, 7)
    assert ArchiveDate.of(day).to_text() == "7/XII.1950"
    assert ArchiveDate.of(day, style=DateStyle.ROMAN_SLASH_DASH).to_text() == "7/XII-50"
    assert ArchiveDate.of(day, style=DateStyle.ISO).to_text() == "1950-12-07"
    assert ArchiveDate.of(day, style=DateStyle.US_SPELLED).to_text() == "December 7, 1950"
    assert ArchiveDate.of(day, style=DateStyle.SPELLED_NO_YEAR).year is None
    assert ArchiveDate.from_text("7/XII.1950").to_date() == day
    assert ArchiveDate.from_text("5 September").to_date(year=1949) == datetime.date(1949, 9, 5)
    assert ArchiveTime.of(datetime.time(19, 10, 30)).to_text() == "19 hours 10 minutes"
    assert ArchiveTime.of(datetime.time(0, 5), style=TimeStyle.CLOCK_A_M).to_text() == "12:05 a.m."
    assert ArchiveTime.from_text("0140").to_time() == datetime.time(1, 40)


def test_repr_rebuilds() -> None:
    """A repr is the call that rebuilds the value."""
    for value in (
        ArchiveDate.from_text("7/XII.1950"),
        ArchiveDate.from_text("10/11/50", order=DateOrder.MDY),
        ArchiveTime.from_text("04:45 a.m."),
        ArchiveDate(12, 12, 1950, DateStyle(DateOrder.YMD, MonthForm.NUMERIC, ("-", "-"))),
    ):
        assert eval(repr(value)) == value
    assert isinstance(LetterCase.UPPER, LetterCase)  # named in reprs of unnamed styles
    assert repr(ArchiveDate.from_text("7/XII.1950")) == "ArchiveDate.from_text('7/XII.1950')"
    assert repr(DateStyle.ISO) == "DateStyle.ISO"
    assert repr(TimeStyle.CLOCK) == "TimeStyle.CLOCK"


def test_moscow_to_beijing() -> None:
    """19:10 on 7 Dec 1950 in Moscow is UTC+3 and 00:10 on 8 Dec in Beijing (DOMAIN.md §6)."""
    sent = ArchiveTime.from_text("19 hours 10 minutes").at(ArchiveDate.from_text("7/XII.1950"))
    assert sent.utcoffset() == datetime.timedelta(hours=3)
    beijing = zone_for("BEIJING")
    assert beijing == "Asia/Shanghai"
    there = sent.astimezone(ZoneInfo(beijing))
    assert there.replace(tzinfo=None) == datetime.datetime(1950, 12, 8, 0, 10)
    assert sent == ArchiveTime(19, 10).at(datetime.date(1950, 12, 7), ZoneInfo("Europe/Moscow"))


def test_zone_for() -> None:
    """Period place names map to IANA zones, case-insensitively; unknown places to None."""
    assert zone_for("MOSCOW") == "Europe/Moscow"
    assert zone_for("Peking") == "Asia/Shanghai"
    assert zone_for("pyongyang") == "Asia/Pyongyang"
    assert zone_for("TEHRAN") == "Asia/Tehran"
    assert zone_for(" New  York. ") == "America/New_York"
    assert zone_for("WASHINGTON") == "America/New_York"
    assert zone_for("LONDON") == "Europe/London"
    assert zone_for("TOKYO") == "Asia/Tokyo"
    assert zone_for("ATLANTIS") is None


# --- bad input ----------------------------------------------------------------------------

BAD = [
    (ArchiveDate.from_text, "31/II.1950", "day 31"),
    (ArchiveDate.from_text, "29/II.1950", "day 29"),
    (ArchiveDate.from_text, "7/XIII.1950", "not a month"),
    (ArchiveDate.from_text, "0.1.1950", "day 0"),
    (ArchiveDate.from_text, "32.1.1950", "day 32"),
    (ArchiveDate.from_text, "13.13.1950", "month 13"),
    (ArchiveDate.from_text, "7/xIi.1950", "mixes upper and lower"),
    (ArchiveDate.from_text, "5 Septembre", "not a date"),
    (ArchiveDate.from_text, "14 may 1950", "not capitalised"),
    (ArchiveDate.from_text, "19.10", "not a date"),
    (ArchiveDate.from_text, "7/XII.1950 Moscow", "not a date"),
    (ArchiveDate.from_text, "No. 23343", "not a date"),
    (ArchiveDate.from_text, "", "not a date"),
    (ArchiveDate.from_text, "garbage", "not a date"),
    (ArchiveTime.from_text, "25 hours 10 minutes", "hour 25"),
    (ArchiveTime.from_text, "13:00 pm", "12-hour"),
    (ArchiveTime.from_text, "0:30 am", "12-hour"),
    (ArchiveTime.from_text, "4:61", "minute 61"),
    (ArchiveTime.from_text, "2400", "hour 24"),
    (ArchiveTime.from_text, "19.10", "not a time"),
    (ArchiveTime.from_text, "19 hours", "not a time"),
]


@pytest.mark.parametrize(("parse", "text", "why"), BAD, ids=[t or "empty" for _, t, _ in BAD])
def test_bad_input(parse: object, text: str, why: str) -> None:
    """Malformed or impossible text raises DateFormatError quoting the text."""
    assert callable(parse)
    with pytest.raises(DateFormatError) as info:
        parse(text)
    assert repr(text) in str(info.value)
    assert why in str(info.value)
    assert isinstance(info.value, CipherwireError)
    assert isinstance(info.value, ValueError)


def test_bad_values() -> None:
    """Values and styles check themselves when built."""
    with pytest.raises(DateFormatError, match="day 29"):
        ArchiveDate(29, 2, 1950)
    with pytest.raises(DateFormatError, match="month 0"):
        ArchiveDate(1, 0, 1950)
    with pytest.raises(DateFormatError, match="1850"):
        ArchiveDate(1, 1, 1850, DateStyle.ROMAN_SLASH_DASH)
    with pytest.raises(DateFormatError, match="None"):
        ArchiveDate(1, 1, None)
    with pytest.raises(DateFormatError, match="gives no year"):
        ArchiveDate.from_text("5 September").to_date()
    with pytest.raises(DateFormatError, match="separator"):
        DateStyle(separators=(",", "."))
    with pytest.raises(DateFormatError, match="meridiem"):
        TimeStyle(TimeForm.CLOCK_12)
    with pytest.raises(DateFormatError, match="minute 60"):
        ArchiveTime(10, 60)
    assert ArchiveDate(29, 2, None, DateStyle.SPELLED_NO_YEAR).to_text() == "29 February"


# --- searching inside a line --------------------------------------------------------------

FOUND_DATES = [
    ("From BEIJING No. 1412 21 hours 35 minutes, 9.2.1951", "9.2.1951"),
    ("27.III.50 Shtykov", "27.III.50"),
    ("No.: 1602 15 Nov. 1944", "15 Nov. 1944"),
    ("received at 0140 5 September", "5 September"),
    ("Received on 3:25 am, 2 June 1950", "2 June 1950"),
    ("10/21/50 at 04:45 a.m.", "10/21/50"),
    ("Received 19 hours 10 minutes 7/XII.1950", "7/XII.1950"),
    ("Telegraph the fulfillment. GROMYKO. 7/XII-50", "7/XII-50"),
    ("from TEHRAN | Nº 36012 | Received at 0230 | 29 October 1946 | Copy Nº 2", "29 October 1946"),
    ("bad 31/II.1950, then 13/5-50", "13/5-50"),
]
NO_DATES = [
    "MID USSR No. 23343",
    "Special No. 1691,1692",
    "600512/sh",
    "2522.",
    "1.9.2.1951",
    "the troops may 5 times march 3 km",
    "2 decided, 3 marched",
    "[41 groups unrecoverable]",
    "bad 31/II.1950",
]


@pytest.mark.parametrize(("line", "expected"), FOUND_DATES, ids=[e for _, e in FOUND_DATES])
def test_search_date(line: str, expected: str) -> None:
    """The first date in a line is found with its span."""
    found = search_date(line)
    assert found is not None
    date, start, end = found
    assert line[start:end] == expected
    assert date == ArchiveDate.from_text(expected)


@pytest.mark.parametrize("line", NO_DATES)
def test_search_date_ignores_numbers(line: str) -> None:
    """Register numbers, serial lists and impossible dates are not dates."""
    assert search_date(line) is None


FOUND_TIMES = [
    ("From BEIJING No. 1412 21 hours 35 minutes, 9.2.1951", False, "21 hours 35 minutes"),
    ("Received on 3:25 am, 2 June 1950", False, "3:25 am"),
    ("10/21/50 at 04:45 a.m.", False, "04:45 a.m."),
    ("Dispatched 20 hours 40 minutes", True, "20 hours 40 minutes"),
    ("received at 0140 5 September", True, "0140"),
    ("Received at 0230 | 29 October 1946", True, "0230"),
]


@pytest.mark.parametrize(
    ("line", "bare", "expected"), FOUND_TIMES, ids=[e for *_, e in FOUND_TIMES]
)
def test_search_time(line: str, bare: bool, expected: str) -> None:
    """The first time in a line is found with its span."""
    found = search_time(line, bare_digits=bare)
    assert found is not None
    time, start, end = found
    assert line[start:end] == expected
    assert time == ArchiveTime.from_text(expected)


def test_search_time_bare_digits() -> None:
    """Four bare digits are a time only when asked, and never part of a number or a date."""
    assert search_time("received at 0140 5 September") is None
    for line in (
        "2 June 1950",
        "7/XII.1950",
        "1950-12-07",
        "No. 23343",
        "1691,1692",
        "2522.",
        "31 February 1950",
        "7/XIII.1950",
        "600512/sh",
    ):
        assert search_time(line, bare_digits=True) is None, line


# --- properties ---------------------------------------------------------------------------

DATE_PRESETS = list(DateStyle.presets().items())
TIME_PRESETS = list(TimeStyle.presets().items())
VOCABULARY = {w.lower() for w in calendar.month_name[1:] + calendar.month_abbr[1:]} | {
    "am",
    "pm",
    "hour",
    "hours",
    "hrs",
    "min",
    "mins",
    "minute",
    "minutes",
}


@st.composite
def archive_dates(draw: st.DrawFn) -> ArchiveDate:
    """A valid date in one of the presets."""
    _, style = draw(st.sampled_from(DATE_PRESETS))
    if style.year_digits is None:
        year = None
    else:
        year = draw(st.integers(1900, 1999) if style.year_digits == 2 else st.integers(1, 9999))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(2000 if year is None else year, month)[1]))
    return ArchiveDate(day, month, year, style)


archive_times = st.builds(
    ArchiveTime,
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from([style for _, style in TIME_PRESETS]),
)
words = st.lists(
    st.text(
        st.characters(min_codepoint=65, max_codepoint=122).filter(str.isalpha), min_size=1
    ).filter(lambda w: w.lower() not in VOCABULARY),
    max_size=4,
).map(" ".join)


def _order(date: ArchiveDate) -> DateOrder | None:
    return date.style.order if date.style.order is DateOrder.MDY else None


@settings(database=None)
@given(archive_dates())
def test_date_property_round_trip(date: ArchiveDate) -> None:
    """Every preset reads back the value it wrote."""
    assert ArchiveDate.from_text(date.to_text(), order=_order(date)) == date
    if date.style != DateStyle.US_NUMERIC:
        assert ArchiveDate.from_text(date.to_text()) == date


@settings(database=None)
@given(archive_times)
def test_time_property_round_trip(time: ArchiveTime) -> None:
    """Every preset reads back the time it wrote."""
    assert ArchiveTime.from_text(time.to_text()) == time


@settings(database=None)
@given(words, archive_dates(), words)
def test_search_date_property(before: str, date: ArchiveDate, after: str) -> None:
    """A written date between words is found, with its exact span."""
    text = f"{before} {date.to_text()} {after}"
    found = search_date(text, order=_order(date))
    assert found == (date, len(before) + 1, len(before) + 1 + len(date.to_text()))


@settings(database=None)
@given(words, archive_times, words)
def test_search_time_property(before: str, time: ArchiveTime, after: str) -> None:
    """A written time between words is found, with its exact span."""
    text = f"{before} {time.to_text()} {after}"
    bare = time.style.form is TimeForm.DIGITS
    found = search_time(text, bare_digits=bare)
    assert found == (time, len(before) + 1, len(before) + 1 + len(time.to_text()))
