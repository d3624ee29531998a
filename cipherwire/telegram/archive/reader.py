"""Reading a whole archive telegram: header, body and trailer, and the layout."""

from __future__ import annotations

import re

from cipherwire.errors import TelegramFormatError
from cipherwire.telegram.archive.header import read_header
from cipherwire.telegram.archive.lines import FoundFields, PrintedLine, escape
from cipherwire.telegram.archive.patterns import SERIAL
from cipherwire.telegram.archive.trailer import read_trailer


def read_body(lines: list[PrintedLine], first: int, last: int, reading: FoundFields) -> str:
    """Claim lines[first:last] as the body (and the serial opening it); return its layout."""
    content = [ln for ln in range(first, last) if not lines[ln].blank]
    if not content:
        return "".join(lines[i].render() for i in range(first, last))
    a, b = content[0], content[-1]
    head = "".join(lines[i].render() for i in range(first, a))
    tail_lines = "".join(lines[i].render() for i in range(b + 1, last))
    opening = lines[a].text
    lead_m = re.match(r"\s*", opening)
    lead = lead_m.group() if lead_m else ""
    prefix = escape(lead)
    body_start = len(lead)
    m = SERIAL.match(opening)
    if m:
        reading.serial = m.group("serial")
        prefix = escape(lead) + "{serial}" + escape(opening[m.end("serial") : m.end()])
        body_start = m.end()
    pieces = [opening[body_start:] + lines[a].end]
    pieces += [lines[i].text + lines[i].end for i in range(a + 1, b)]
    if b > a:
        pieces.append(lines[b].text)
    body = "".join(pieces) if b > a else opening[body_start:]
    stripped = body.rstrip()
    trailing = body[len(stripped) :] + lines[b].end
    reading.body = stripped
    return head + prefix + "{body}" + escape(trailing) + tail_lines


def read(text: str) -> FoundFields:
    """Read an archive telegram; see :mod:`cipherwire.telegram.archive` for how it is split.

    Raises:
        TelegramFormatError: if ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TelegramFormatError(f"expected text, got {type(text).__name__}")
    reading = FoundFields()
    rest = text.replace("\r\n", "")
    if "\r\n" in text and "\n" not in rest and "\r" not in rest:
        reading.newline = "\r\n"
        text = text.replace("\r\n", "\n")
    lines = [
        PrintedLine(i + 1, raw.rstrip("\r\n"), raw[len(raw.rstrip("\r\n")) :])
        for i, raw in enumerate(text.splitlines(keepends=True))
    ]
    body_first = read_header(lines, reading)
    trailer = read_trailer(lines, body_first + 1, reading)
    if body_first < trailer:
        middle = read_body(lines, body_first, trailer, reading)
    else:
        middle = "".join(lines[i].render() for i in range(body_first, trailer))
    reading.layout = (
        "".join(lines[i].render() for i in range(body_first))
        + middle
        + "".join(lines[i].render() for i in range(trailer, len(lines)))
    )
    if "{body}" not in reading.layout:
        reading.layout += "{body}"
    return reading


__all__ = ["read", "read_body"]
