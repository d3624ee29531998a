"""Tests for cipherwire.telegram.archive: header, trailer, patterns, lines and the reader."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.errors import TelegramFormatError
from cipherwire.telegram.archive import FoundFields, escape, read
from cipherwire.telegram.archive.header import read_header
from cipherwire.telegram.archive.lines import PrintedLine, claim_list, split_list
from cipherwire.telegram.archive.patterns import (
    CLASSIFICATION,
    INSTRUCTION,
    KIND,
    NUMBER,
    PRIORITY,
    SERIAL,
    SPACED_OFFICIAL,
    date_span,
    prose,
    whole_date,
    without_stamps,
)
from cipherwire.telegram.archive.trailer import read_trailer

PROSE = "We agree with the proposal and ask you to tell the friends so today."


def lines_of(text: str) -> list[PrintedLine]:
    """The document's lines as the reader makes them."""
    return [
        PrintedLine(i + 1, raw.rstrip("\n"), raw[len(raw.rstrip("\n")) :])
        for i, raw in enumerate(text.splitlines(keepends=True))
    ]


def render(layout: str, placeholders: dict[str, str]) -> str:
    """Fill a layout's simple {name} placeholders with the values found (the printer's job)."""

    def fill(m: re.Match[str]) -> str:
        return m.group()[0] if m.group(1) is None else placeholders[m.group(1)]

    return re.sub(r"\{\{|\}\}|\{(\w+)\}", fill, layout)


# -- lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("", ""), ("plain", "plain"), ("{a}", "{{a}}"), ("}{", "}}{{"), ("{{", "{{{{")],
    ids=["empty", "plain", "field", "reversed", "double"],
)
def test_escape(text: str, escaped: str) -> None:
    """Braces are doubled, nothing else changes."""
    assert escape(text) == escaped


def test_line_claims_render() -> None:
    """Claimed spans become placeholders in order of position; the rest is escaped literally."""
    line = PrintedLine(1, "From BEIJING {x} No. 71", "\n")
    line.claim(21, 23, "{number}")
    line.claim(5, 12, "{origin}")
    assert not line.free(6, 8)
    assert line.free(12, 21)
    assert line.render() == "From {origin} {{x}} No. {number}\n"
    assert not line.blank
    assert PrintedLine(2, " \t", "\n").blank


@pytest.mark.parametrize(
    ("text", "items", "seps"),
    [
        ("Stalin, Molotov", [(10, 16, "Stalin"), (18, 25, "Molotov")], [", "]),
        ("A ,B", [(10, 11, "A"), (13, 14, "B")], [" ,"]),
        ("Alone", [(10, 15, "Alone")], []),
        ("A,,B", [(10, 11, "A"), (13, 14, "B")], [",", ","]),
    ],
    ids=["two", "odd-separator", "one", "empty-item-dropped"],
)
def test_split_list(text: str, items: list[tuple[int, int, str]], seps: list[str]) -> None:
    """Items carry their spans shifted by the offset; empty items are dropped."""
    assert split_list(text, 10) == (items, seps)


def test_claim_list_uniform_and_not() -> None:
    """Uniform separators make one {name:sep} field; mixed ones a field an item."""
    uniform = PrintedLine(1, "Copies: A, B, C.", "")
    assert claim_list(uniform, "copies", 8, "A, B, C.", 0) == ["A", "B", "C"]
    assert uniform.render() == "Copies: {copies:, }."
    mixed = PrintedLine(1, "Copies: A, B,C", "")
    assert claim_list(mixed, "copies", 8, "A, B,C", 2) == ["A", "B", "C"]
    assert mixed.render() == "Copies: {copies[2]}, {copies[3]},{copies[4]}"
    assert claim_list(PrintedLine(1, "", ""), "copies", 0, " ., ", 0) == []


# -- patterns ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("No. 1412", "1412"),
        ("Nº 58", "58"),
        ("NºNº 70-71", "70-71"),
        ("# 5318", "5318"),
        ("No 12/A.", "12/A"),
        ("No. AB123", "AB123"),
        ("Nothing", None),
    ],
    ids=["no", "numero", "double-numero", "hash", "slash-stop", "letters", "none"],
)
def test_number_pattern(text: str, value: str | None) -> None:
    """Register numbers after the period's labels, trailing full stop left out."""
    m = NUMBER.search(text)
    assert (m.group("value") if m else None) == value


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("CIPHERED TELEGRAM", "CIPHERED TELEGRAM"),
        ("Copy of an outgoing telegram", None),
        ("  cable from X", "cable"),
        ("Radiogram.", "Radiogram"),
        ("Telegraphic", None),
    ],
    ids=["ciphered", "copy-of", "cable", "radiogram", "not-a-word"],
)
def test_kind_pattern(text: str, kind: str | None) -> None:
    """Document kinds are whole words at the start of the line."""
    m = KIND.match(text)
    got = m.group("kind") if m else None
    if kind is None and text.startswith("Copy"):
        assert got == "Copy of an outgoing telegram"
    else:
        assert got == kind


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (CLASSIFICATION, "TOP SECRET", "TOP SECRET"),
        (CLASSIFICATION, "Strictly secret", "Strictly secret"),
        (CLASSIFICATION, "Secretary", None),
        (PRIORITY, "EXTREMELY URGENT", "EXTREMELY URGENT"),
        (PRIORITY, "Out of turn", "Out of turn"),
        (PRIORITY, "urgently", None),
    ],
    ids=["top-secret", "strictly", "secretary", "extremely-urgent", "out-of-turn", "urgently"],
)
def test_marking_patterns(pattern: object, text: str, found: str | None) -> None:
    """Markings are whole words in any case; longer markings win over their tails."""
    m = pattern.search(text)  # type: ignore[attr-defined]
    assert (m.group(1) if m else None) == found


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("2522. Immediately visit", "2522"),
        ("  7. Go", "7"),
        ("1234567. Too long", None),
        ("2522.Immediately", None),
        ("9.2.1951", None),
    ],
    ids=["serial", "indented", "too-long", "no-space", "date"],
)
def test_serial_pattern(text: str, serial: str | None) -> None:
    """An outgoing serial is up to six figures, a full stop and a space before the text."""
    m = SERIAL.match(text)
    assert (m.group("serial") if m else None) == serial


@pytest.mark.parametrize(
    ("text", "is_instruction"),
    [
        ("Telegraph the fulfillment.", True),
        ("Confirm receipt.", True),
        ("Telegraph the fulfillment", False),
        ("Please telegraph.", False),
    ],
    ids=["telegraph", "confirm", "no-stop", "not-first"],
)
def test_instruction_pattern(text: str, is_instruction: bool) -> None:
    """A closing instruction is one short sentence opening with its verb."""
    assert bool(INSTRUCTION.match(text)) is is_instruction


def test_spaced_official_pattern() -> None:
    """Letter-spaced signatures: four letters at least, one case after the capital."""
    assert SPACED_OFFICIAL.match("G r o m y k o")
    assert SPACED_OFFICIAL.match("R O S H")
    assert not SPACED_OFFICIAL.match("G r o")
    assert not SPACED_OFFICIAL.match("G R o m")


@pytest.mark.parametrize(
    ("text", "is_prose"),
    [
        (PROSE, True),
        ("From BEIJING No. 1412 21 hours 35 minutes, 9.2.1951", False),
        ("Copies: Stalin, Molotov, Malenkov, Beria, Mikoyan, Bulganin", False),
        ("We agree.", False),
        ("| we | agree | with | the | proposal | today |", False),
        ("On 9.2.1951 at 21 hours 35 minutes we met them and the others", True),
    ],
    ids=["sentence", "header", "copies", "short", "table", "stamps-ignored"],
)
def test_prose(text: str, is_prose: bool) -> None:
    """Prose: six words or more, two fifths of them lower case, not a table row."""
    assert prose(text) is is_prose


def test_without_stamps_blanks_dates_and_times() -> None:
    """Dates and times are blanked in place: same length, nothing else touched."""
    text = "Sent 21 hours 35 minutes, 9.2.1951 to X"
    out = without_stamps(text)
    assert len(out) == len(text)
    assert "1951" not in out and "hours" not in out
    assert out.startswith("Sent ") and out.endswith(" to X")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("9.XII.50", (0, 8)),
        ("  9.XII.50 ,", (2, 10)),
        ("GROMYKO", None),
        ("", None),
        ("9.XII.50 GROMYKO", None),
    ],
    ids=["date", "junk-around", "name", "empty", "date-and-name"],
)
def test_date_span(text: str, span: tuple[int, int] | None) -> None:
    """A line that is only a date gives it and its span; anything more gives None."""
    found = date_span(text)
    assert (found[1:] if found else None) == span
    assert (whole_date(text) is None) is (span is None)


# -- header --------------------------------------------------------------------------------


HEADER = (
    "MFA USSR No. 5318\n"
    "Tenth Department\n"
    "CIPHERED TELEGRAM\n"
    "TOP SECRET\n"
    "From BEIJING\n"
    "Special No. 71, 72\n"
    "\n"
    f"{PROSE}\n"
)


def test_read_header_fields() -> None:
    """Office beside its number, department, kind, marking, station and special numbers."""
    reading = FoundFields()
    lines = lines_of(HEADER)
    first_body = read_header(lines, reading)
    assert first_body == 7
    assert (reading.office, reading.number) == ("MFA USSR", "5318")
    assert reading.department == "Tenth Department"
    assert reading.kind == "CIPHERED TELEGRAM"
    assert reading.classification == "TOP SECRET"
    assert reading.origin == "BEIJING"
    assert reading.special_numbers == ("71", "72")
    assert lines[0].render() == "{office} No. {number}\n"


def test_read_header_stops_at_serial() -> None:
    """A line opening with the serial ends the header even if it is short."""
    reading = FoundFields()
    assert read_header(lines_of("TELEGRAM\n2522. Go now.\n"), reading) == 1


def test_read_header_body_only() -> None:
    """A document with no header field begins its body on its first line."""
    reading = FoundFields()
    assert read_header(lines_of("We agree.\n"), reading) == 0
    assert reading == FoundFields()


# -- trailer -------------------------------------------------------------------------------


TRAILER = (
    f"{PROSE}\n\nTelegraph the fulfillment.\n\nGROMYKO\n9.XII.50\nCopies: Stalin, Molotov, Beria\n"
)


def test_read_trailer_fields() -> None:
    """Copies, date, official and instruction, read upwards from the end."""
    reading = FoundFields()
    first = read_trailer(lines_of(TRAILER), 1, reading)
    assert first == 2
    assert reading.copies == ("Stalin", "Molotov", "Beria")
    assert reading.official == "GROMYKO"
    assert reading.date is not None and (reading.date.day, reading.date.month) == (9, 12)
    assert reading.instruction == "Telegraph the fulfillment."


def test_read_trailer_never_above_first() -> None:
    """The trailer never takes lines above the first it is allowed."""
    reading = FoundFields()
    assert read_trailer(lines_of("GROMYKO\n"), 1, reading) == 1
    assert reading.official is None


def test_read_trailer_spaced_official() -> None:
    """A letter-spaced signature is read as the name, with a spaced placeholder."""
    reading = FoundFields()
    lines = lines_of(f"{PROSE}\n\nG r o m y k o\n")
    read_trailer(lines, 1, reading)
    assert reading.official == "Gromyko"
    assert lines[-1].render() == "{official:spaced}\n"


# -- reader --------------------------------------------------------------------------------


def test_read_whole_document() -> None:
    """Header, body (after its serial) and trailer of a small document, and its layout."""
    text = "CIPHERED TELEGRAM\nTo: SOVIET AMBASSADOR\n\n2522. " + PROSE + "\n\nGROMYKO\n"
    reading = read(text)
    assert reading.kind == "CIPHERED TELEGRAM"
    assert reading.destination == "SOVIET AMBASSADOR"
    assert reading.serial == "2522"
    assert reading.body == PROSE
    assert reading.official == "GROMYKO"
    assert reading.layout == "{kind}\nTo: {destination}\n\n{serial}. {body}\n\n{official}\n"
    assert reading.newline == "\n"


def test_read_crlf() -> None:
    """A document of CRLF line endings only is read with LF and says so."""
    reading = read(PROSE + "\r\n\r\nGROMYKO\r\n")
    assert reading.newline == "\r\n"
    assert "\r" not in reading.layout
    assert reading.official == "GROMYKO"


def test_read_mixed_endings_kept() -> None:
    """Mixed line endings are not normalised: the layout keeps them."""
    reading = read(PROSE + "\r\nMore of the same text and words that go on and on.\n")
    assert reading.newline == "\n"
    assert render(reading.layout, {"body": reading.body}) == (
        PROSE + "\r\nMore of the same text and words that go on and on.\n"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "   "], ids=["empty", "newlines", "spaces"])
def test_read_empty(text: str) -> None:
    """An empty document has an empty body and a layout that still places it."""
    reading = read(text)
    assert reading.body == ""
    assert "{body}" in reading.layout


@pytest.mark.parametrize("value", [None, b"We agree.", 42], ids=["none", "bytes", "int"])
def test_read_refuses_non_text(value: object) -> None:
    """Anything but a str is a TelegramFormatError naming its type."""
    with pytest.raises(TelegramFormatError, match=type(value).__name__):
        read(value)  # type: ignore[arg-type]


body_text = st.lists(
    st.text(alphabet="abcdefghij {}.,", min_size=1, max_size=12), min_size=6, max_size=20
).map(lambda words: " ".join(words))


@settings(max_examples=100, deadline=None)
@given(body_text)
def test_body_only_layout_round_trip(words: str) -> None:
    """Whatever the body text (braces too), filling the layout gives the document back."""
    text = "we " + words + "\n"
    reading = read(text)
    placeholders = {"body": reading.body}
    if reading.serial is not None:
        placeholders["serial"] = reading.serial
    assert render(reading.layout, placeholders) == text
