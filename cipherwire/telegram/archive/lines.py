"""A document as lines with claimed spans, and the layout they print back to.

The reader claims the spans of a line that hold a field's value; :meth:`PrintedLine.render`
turns the line into layout text: literal text (braces doubled) with ``{field}``
placeholders where the claims were.  :class:`FoundFields` collects the values found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cipherwire.telegram.dates import ArchiveDate, ArchiveTime


def escape(text: str) -> str:
    """Escape literal document text for a layout (braces are doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


@dataclass
class FoundFields:
    """What the reader found: field values as printed, and the layout around them."""

    office: str | None = None
    number: str | None = None
    department: str | None = None
    received_time: ArchiveTime | None = None
    received_date: ArchiveDate | None = None
    dispatched_time: ArchiveTime | None = None
    dispatched_date: ArchiveDate | None = None
    special_numbers: tuple[str, ...] = ()
    kind: str | None = None
    origin: str | None = None
    destination: str | None = None
    addressee: str | None = None
    classification: str | None = None
    priority: str | None = None
    serial: str | None = None
    body: str = ""
    instruction: str | None = None
    official: str | None = None
    date: ArchiveDate | None = None
    copies: tuple[str, ...] = ()
    layout: str = ""
    newline: str = "\n"


# A span of one line claimed by a field: (start, end, placeholder text).
_Span = tuple[int, int, str]


@dataclass
class PrintedLine:
    """One line of the document: its text, its line ending and the spans claimed in it."""

    number: int
    text: str
    end: str
    spans: list[_Span] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in self.spans)

    def claim(self, start: int, end: int, placeholder: str) -> None:
        self.spans.append((start, end, placeholder))

    def render(self) -> str:
        out, pos = [], 0
        for start, end, placeholder in sorted(self.spans):
            out.append(escape(self.text[pos:start]))
            out.append(placeholder)
            pos = end
        out.append(escape(self.text[pos:]))
        out.append(self.end)
        return "".join(out)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_list(
    reading_items: str, offset: int, separator: str = r"\s*,\s*"
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Split a printed list into items with their spans, and the separators between them."""
    items: list[tuple[int, int, str]] = []
    seps: list[str] = []
    pos = 0
    for m in re.finditer(separator, reading_items):
        items.append((offset + pos, offset + m.start(), reading_items[pos : m.start()]))
        seps.append(m.group())
        pos = m.end()
    items.append((offset + pos, offset + len(reading_items), reading_items[pos:]))
    return [it for it in items if it[2]], seps


def claim_list(line: PrintedLine, name: str, start: int, text: str, first_index: int) -> list[str]:
    """Claim a comma-separated list; uniform separators become one ``{name:sep}`` field."""
    stripped = text.rstrip(" .;,")
    items, seps = split_list(stripped, start)
    values = [value for _, _, value in items]
    if not values:
        return []
    if first_index == 0 and len(set(seps)) <= 1 and not text.rstrip().endswith(","):
        sep = seps[0] if seps else ", "
        line.claim(items[0][0], items[-1][1], "{" + name + ":" + escape(sep) + "}")
    else:
        for i, (s, e, _) in enumerate(items):
            line.claim(s, e, "{" + f"{name}[{first_index + i}]" + "}")
    return values


__all__ = ["FoundFields", "PrintedLine", "claim_list", "escape", "split_list"]
