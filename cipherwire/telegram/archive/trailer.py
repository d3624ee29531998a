"""The trailer of an archive telegram, read upwards from its last line.

Copies or a distribution list, the document date, the signing official (alone, beside a
date, or letter-spaced), a closing instruction such as "Telegraph the fulfillment.", and
notes printed after the signature (an archivist's reference, footnotes).
"""

from __future__ import annotations

import re

from cipherwire.telegram.archive.lines import FoundFields, PrintedLine, claim_list
from cipherwire.telegram.archive.patterns import (
    CLASSIFICATION,
    COPIES,
    INSTRUCTION,
    KIND,
    NAME_NEAR_DATE,
    NUMBERED_COPY,
    OFFICIAL,
    PRIORITY,
    SPACED_OFFICIAL,
    date_span,
    whole_date,
)
from cipherwire.telegram.dates import search_date

_NOTES_WINDOW = 12  # non-blank lines a signature may stand above notes printed after it


def _trailer_kind(line: PrintedLine) -> str | None:
    text = line.text
    if COPIES.search(text) or re.match(r"^\s*\d+\s+copies\.?\s*$", text, re.IGNORECASE):
        return "copies"
    if NUMBERED_COPY.match(text):
        return "numbered"
    if whole_date(text):
        return "date"
    found = search_date(text)
    if found is not None:
        _, s, e = found
        rest = (text[:s] + text[e:]).strip(" ,")
        if NAME_NEAR_DATE.match(rest):
            return "date+official"
    if (OFFICIAL.match(text) or SPACED_OFFICIAL.match(text)) and not (
        KIND.match(text) or CLASSIFICATION.search(text) or PRIORITY.search(text)
    ):
        return "official"
    if INSTRUCTION.match(text):
        return "instruction"
    return None


def read_trailer(lines: list[PrintedLine], first: int, reading: FoundFields) -> int:
    """Read the trailer upwards from the end; return the index of its first line."""
    kinds: dict[int, str] = {}
    start = len(lines)
    i = len(lines) - 1
    signed = named = False
    while i >= first:
        line = lines[i]
        if line.blank:
            i -= 1
            continue
        kind = _trailer_kind(line)
        if kind == "instruction" and not signed:
            kind = None
        if kind is None:
            # Notes printed after the signature (an archivist's reference, footnotes,
            # a sender's number between the signature and the date) are trailer too.
            window = 2 if signed else _NOTES_WINDOW
            above = [j for j in range(first, i) if not lines[j].blank][-window:]
            if named or not any(
                _trailer_kind(lines[j]) in ("official", "date+official") for j in above
            ):
                break
            kinds[i] = "note"
        else:
            kinds[i] = kind
            signed = signed or kind in ("official", "date+official", "date")
            named = named or kind in ("official", "date+official")
        start = i
        i -= 1
    # Notes above the first signature line belong to the body after all.
    while start < len(lines) and (lines[start].blank or kinds.get(start) == "note"):
        start += 1
    numbered: list[PrintedLine] = []
    for j in range(start, len(lines)):
        kind = kinds.get(j)
        line = lines[j]
        if kind == "copies" and not reading.copies:
            m = COPIES.search(line.text)
            if m:
                reading.copies = tuple(
                    claim_list(line, "copies", m.start("items"), m.group("items"), 0)
                )
        elif kind == "numbered":
            numbered.append(line)
        elif kind == "date" and reading.date is None:
            found = date_span(line.text)
            if found is not None:
                reading.date, s, e = found
                line.claim(s, e, "{date}")
        elif kind == "date+official":
            found = search_date(line.text)
            if found is not None and reading.date is None:
                reading.date, s, e = found
                line.claim(s, e, "{date}")
                _claim_official(line, reading)
        elif kind == "official":
            _claim_official(line, reading)
        elif kind == "instruction" and reading.instruction is None:
            m = INSTRUCTION.match(line.text)
            if m:
                reading.instruction = m.group("ins")
                line.claim(m.start("ins"), m.end("ins"), "{instruction}")
    if numbered and not reading.copies:
        values = []
        for index, line in enumerate(numbered):
            m = NUMBERED_COPY.match(line.text)
            if m:
                values.append(m.group("item"))
                line.claim(m.start("item"), m.end("item"), "{" + f"copies[{index}]" + "}")
        reading.copies = tuple(values)
    return start


def _claim_official(line: PrintedLine, reading: FoundFields) -> None:
    if reading.official is not None:
        return
    free = "".join(ch if line.free(i, i + 1) else "\0" for i, ch in enumerate(line.text))
    for pattern in (OFFICIAL, SPACED_OFFICIAL, NAME_NEAR_DATE):
        for m in re.finditer(r"[^\0]+", free):
            inner = pattern.match(m.group().strip(" ,") if pattern is NAME_NEAR_DATE else m.group())
            if inner:
                name = inner.group("name")
                s = line.text.index(name, m.start())
                if pattern is SPACED_OFFICIAL:  # "Z a k h a r o v" is Zakharov
                    reading.official = name.replace(" ", "")
                    line.claim(s, s + len(name), "{official:spaced}")
                else:
                    reading.official = name
                    line.claim(s, s + len(name), "{official}")
                return


__all__ = ["read_trailer"]
