"""The header of an archive telegram, read downwards until the body begins.

Each header line is offered to every field reader in turn; a reader claims the span of
its value if no other field holds it.  A stamp ("Received", "Dispatched", "From X No. N")
whose time or date is not on its own line takes them from the next line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cipherwire.telegram.archive.lines import FoundFields, PrintedLine, claim_list
from cipherwire.telegram.archive.patterns import (
    CLASSIFICATION,
    COPIES,
    DEPARTMENT,
    DESTINATION,
    EVENT,
    FROM,
    JUNK,
    KIND,
    NUMBER,
    OFFICE_BEFORE_NUMBER,
    OFFICE_LABEL,
    PLACE_LIKE,
    PRIORITY,
    SERIAL,
    SPECIAL,
    TO_ONE,
    TO_PAIR,
    TO_WHOM,
    prose,
    without_stamps,
)
from cipherwire.telegram.dates import search_date, search_time, zone_for

_Reader = Callable[[PrintedLine, FoundFields], None]


def _read_copies(line: PrintedLine, reading: FoundFields) -> None:
    m = COPIES.search(line.text)
    if m and not reading.copies and line.free(m.start("items"), m.end("items")):
        reading.copies = tuple(claim_list(line, "copies", m.start("items"), m.group("items"), 0))


def _read_special(line: PrintedLine, reading: FoundFields) -> None:
    m = SPECIAL.search(line.text)
    if m and not reading.special_numbers and line.free(m.start("nums"), m.end("nums")):
        reading.special_numbers = tuple(
            claim_list(line, "special_numbers", m.start("nums"), m.group("nums"), 0)
        )


def _read_kind(line: PrintedLine, reading: FoundFields) -> None:
    m = KIND.match(line.text)
    if m and reading.kind is None and line.free(m.start("kind"), m.end("kind")):
        reading.kind = m.group("kind")
        line.claim(m.start("kind"), m.end("kind"), "{kind}")


def _read_number(line: PrintedLine, reading: FoundFields) -> None:
    if reading.number is not None:
        return
    for m in NUMBER.finditer(line.text):
        if m.group("label").strip() or not line.free(m.start(), m.end()):
            continue
        value = m.group("value")
        as_date = search_date(value)
        if as_date is not None and as_date[1:] == (0, len(value)):
            continue
        reading.number = value
        line.claim(m.start("value"), m.end("value"), "{number}")
        before = line.text[: m.start()]
        office = OFFICE_BEFORE_NUMBER.match(before)
        if office and reading.office is None and line.free(0, len(before)):
            name = office.group("office")
            if not KIND.match(name) and not FROM.match(name):
                reading.office = name
                line.claim(office.start("office"), office.end("office"), "{office}")
        return


def _read_office(line: PrintedLine, reading: FoundFields) -> None:
    m = OFFICE_LABEL.match(line.text)
    if m and reading.office is None and line.free(m.start("office"), m.end("office")):
        reading.office = m.group("office")
        line.claim(m.start("office"), m.end("office"), "{office}")


def _read_department(line: PrintedLine, reading: FoundFields) -> None:
    m = DEPARTMENT.match(line.text)
    if m and reading.department is None and line.free(m.start("dep"), m.end("dep")):
        reading.department = m.group("dep")
        line.claim(m.start("dep"), m.end("dep"), "{department}")


def _segment_end(text: str, start: int) -> int:
    """Where the value after a keyword ends: at a table bar or the next event keyword."""
    bar = text.find("|", start)
    nxt = EVENT.search(text, start)
    ends = [p for p in (bar, nxt.start() if nxt else -1) if p >= 0]
    return min(ends) if ends else len(text)


def _free_match(
    line: PrintedLine, start: int, end: int, search: Callable[[str], tuple[Any, int, int] | None]
) -> tuple[Any, int, int] | None:
    """The first match of ``search`` in text[start:end] that no other field has claimed."""
    pos = start
    while pos < end:
        found = search(line.text[pos:end])
        if found is None:
            return None
        value, s, e = found
        if line.free(pos + s, pos + e):
            return value, pos + s, pos + e
        pos += max(e, 1)
    return None


def _claim_stamp(line: PrintedLine, reading: FoundFields, which: str, start: int, end: int) -> None:
    """Claim a time and a date for ``received``/``dispatched`` within text[start:end]."""
    if getattr(reading, f"{which}_date") is None:
        found_date = _free_match(line, start, end, search_date)
        if found_date is not None:
            setattr(reading, f"{which}_date", found_date[0])
            line.claim(found_date[1], found_date[2], "{" + f"{which}_date" + "}")
    if getattr(reading, f"{which}_time") is None:
        found_time = _free_match(line, start, end, lambda text: search_time(text, bare_digits=True))
        if found_time is not None:
            setattr(reading, f"{which}_time", found_time[0])
            line.claim(found_time[1], found_time[2], "{" + f"{which}_time" + "}")


def _event(m: re.Match[str]) -> str:
    """The stamp an event keyword names: "Received" is received; "Sent" etc. dispatched."""
    return "received" if m.group("kw").lower() == "received" else "dispatched"


def _read_events(line: PrintedLine, reading: FoundFields) -> None:
    for m in EVENT.finditer(line.text):
        if not line.free(m.start(), m.end()):
            continue
        which = _event(m)
        if getattr(reading, f"{which}_time") or getattr(reading, f"{which}_date"):
            continue
        _claim_stamp(line, reading, which, m.end(), _segment_end(line.text, m.end()))
        if getattr(reading, f"{which}_time") and "|" in line.text[m.end() :]:
            # A table: the date may stand in a cell of its own further along the line.
            _claim_stamp(line, reading, which, m.end(), len(line.text))


def _read_from(line: PrintedLine, reading: FoundFields) -> None:
    m = FROM.match(line.text)
    if not m or reading.origin is not None:
        return
    reading.origin = m.group("origin")
    line.claim(m.start("origin"), m.end("origin"), "{origin}")
    _read_number(line, reading)
    if reading.received_time is None and reading.received_date is None:
        # "From BEIJING No. 1412 21 hours 35 minutes, 9.2.1951": received in Moscow.
        end = _segment_end(line.text, m.end())
        _claim_stamp(line, reading, "received", m.end(), end)


def _read_to(line: PrintedLine, reading: FoundFields) -> None:
    if reading.addressee is not None:
        return
    if reading.destination is not None:
        m = TO_WHOM.match(line.text) or TO_ONE.match(line.text)
        if m:
            key = "addr" if "addr" in m.groupdict() else "who"
            reading.addressee = m.group(key)
            line.claim(m.start(key), m.end(key), "{addressee}")
        return
    for pattern in (DESTINATION, TO_PAIR):
        m = pattern.match(line.text)
        if m:
            reading.destination = m.group("dest")
            line.claim(m.start("dest"), m.end("dest"), "{destination}")
            if m.group("addr"):
                reading.addressee = m.group("addr")
                line.claim(m.start("addr"), m.end("addr"), "{addressee}")
            return
    m = TO_WHOM.match(line.text) or TO_ONE.match(line.text)
    if m:
        key = "addr" if "addr" in m.groupdict() else "who"
        who = m.group(key)
        if key == "who" and (zone_for(who) is not None or PLACE_LIKE.match(who)):
            reading.destination = who
            line.claim(m.start(key), m.end(key), "{destination}")
        else:
            reading.addressee = who
            line.claim(m.start(key), m.end(key), "{addressee}")


def _read_marking(line: PrintedLine, reading: FoundFields) -> None:
    for attr, pattern, group in (
        ("classification", CLASSIFICATION, "c"),
        ("priority", PRIORITY, "p"),
    ):
        if getattr(reading, attr) is not None:
            continue
        for m in pattern.finditer(line.text):
            if line.free(m.start(group), m.end(group)):
                setattr(reading, attr, m.group(group))
                line.claim(m.start(group), m.end(group), "{" + attr + "}")
                break


_HEADER_READERS: tuple[_Reader, ...] = (
    _read_copies,
    _read_special,
    _read_from,
    _read_events,
    _read_kind,
    _read_number,
    _read_office,
    _read_department,
    _read_to,
    _read_marking,
)


def read_header(lines: list[PrintedLine], reading: FoundFields) -> int:
    """Read header lines from the top; return the index of the first body line.

    The body begins at the first line of prose (or opening with the serial).  A document
    with no such line has its body right after the last line in which the header found a
    field ("We agree." alone is a body, not an unrecognised header line).
    """
    pending: list[str] = []  # stamps whose time or date may follow on the next line
    continued = False  # the last line ended a list with a comma: the list goes on
    after_last_field = 0  # the first line after the last one that held a header field
    for i in range(len(lines)):
        line = lines[i]
        if line.blank:
            continue
        if SERIAL.match(line.text) and (prose(line.text) or any(ch.islower() for ch in line.text)):
            return i
        if prose(line.text):
            return i
        if continued:
            continued = _continue_copies(line, reading)
            after_last_field = i + 1
            continue
        if pending and _stamp_line(line, reading, pending):
            pending = []
            after_last_field = i + 1
            continue
        for reader in _HEADER_READERS:
            reader(line, reading)
        if line.spans:
            after_last_field = i + 1
        continued = (
            bool(reading.copies)
            and line.text.rstrip().endswith(",")
            and any("{copies" in p for *_, p in line.spans)
        )
        pending = [
            which
            for which in ("received", "dispatched")
            if any(p.startswith("{" + which) for *_, p in line.spans)
            or (which == "received" and any(p == "{origin}" for *_, p in line.spans))
            or any(_event(m) == which for m in EVENT.finditer(line.text))
        ]
        pending = [
            which
            for which in pending
            if not (getattr(reading, f"{which}_time") and getattr(reading, f"{which}_date"))
        ]
    return _first_unclaimed(lines, after_last_field, len(lines))


def _first_unclaimed(lines: list[PrintedLine], start: int, stop: int) -> int:
    """The first non-blank line in lines[start:stop] (``stop`` if there is none)."""
    for i in range(start, stop):
        if not lines[i].blank:
            return i
    return stop


def _stamp_line(line: PrintedLine, reading: FoundFields, pending: list[str]) -> bool:
    """Claim a line that holds only the time and/or date of the stamps just above it."""
    if without_stamps(line.text).strip(JUNK):
        return False
    claimed = False
    for which in pending:
        before = len(line.spans)
        _claim_stamp(line, reading, which, 0, len(line.text))
        claimed = claimed or len(line.spans) > before
    return claimed


def _continue_copies(line: PrintedLine, reading: FoundFields) -> bool:
    """Add a wrapped line of the copies list; True if the list goes on after it."""
    stripped = line.text.strip()
    start = line.text.index(stripped) if stripped else 0
    reading.copies += tuple(claim_list(line, "copies", start, stripped, len(reading.copies)))
    return stripped.endswith(",")


__all__ = ["read_header"]
