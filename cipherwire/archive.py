"""Reading the archive form of a telegram: which printed text is which field.

Archive translations of 1944–1953 telegrams vary a great deal: fields are missing,
reordered, several to a line, wrapped over two lines, or printed as a table.  This module
reads such a document line by line and returns a :class:`Reading`: the field values found,
and a *layout* — the document itself with every recognised value replaced by a named
``{placeholder}`` — so that nothing the reader does not understand is ever dropped, and the
document can be printed back exactly (:meth:`cipherwire.telegram.Telegram.to_text`).

The reader is lenient: whatever it does not recognise stays in the layout as literal text,
and a document with only a body is a valid telegram.  It raises nothing but
:class:`~cipherwire.errors.TelegramFormatError`.

How the document is split (our model of the archive form):

* the **trailer** is read first, upwards from the last line: copies / distribution list,
  the document date, the signing official (alone, beside a date, or letter-spaced), a
  closing instruction such as "Telegraph the fulfillment.", and archivists' notes printed
  after the signature;
* the **header** is read downwards from the first line until the first line of prose or a
  line opening with the outgoing serial ("2522. Immediately visit ...");
* everything between is the **body**.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cipherwire.dates import ArchiveDate, ArchiveTime, search_date, search_time, zone_for
from cipherwire.errors import CipherwireError, TelegramFormatError

# --- the layout: literal text with {placeholders} --------------------------------------


def escape(text: str) -> str:
    """Escape literal document text for a layout (braces are doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


@dataclass
class Reading:
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
class _Line:
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


def _split_list(
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


def _claim_list(line: _Line, name: str, start: int, text: str, first_index: int) -> list[str]:
    """Claim a comma-separated list; uniform separators become one ``{name:sep}`` field."""
    stripped = text.rstrip(" .;,")
    items, seps = _split_list(stripped, start)
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


# --- patterns ---------------------------------------------------------------------------

_NO = r"(?:No\.?:?|N[º°o]\.?(?:N[º°o]\.?)?|#)"
_NUMBER = re.compile(
    rf"(?P<label>(?<![\w.])(?:Special|Spets\.?|Spec\.|Issuing|Copy|Ref|Reissue)?\s*){_NO}\s*"
    r"(?P<value>[A-Z]{0,2}\d[\w/.-]*(?<![.,]))"
)
_SPECIAL = re.compile(
    rf"\b(?:Special|Spets\.?|Spec\.)\s*{_NO}?\s*(?:nos?\.?\s*)?(?P<nums>\d+(?:\s*,\s*\d+)*)",
    re.IGNORECASE,
)
_KIND = re.compile(
    r"^\s*(?P<kind>(?:copy\s+of\s+an?\s+(?:outgoing|incoming)\s+|ciphered\s+|coded\s+"
    r"|enciphered\s+|incoming\s+|outgoing\s+)?(?:telegram|cable|radiogram))\b",
    re.IGNORECASE,
)
_OFFICE_BEFORE_NUMBER = re.compile(r"^\s*(?P<office>[A-Z][\w .'-]*?)\s*$")
_DEPARTMENT = re.compile(r"^\s*(?P<dep>(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+[Dd]epartment)\b(?!:)")
_EVENT = re.compile(
    r"\b(?P<kw>Received|Sent|Dispatched|Transmitted)\b:?(?:\s+(?:on|at))?:?", re.IGNORECASE
)
_FROM = re.compile(
    r"^\s*from:?\s+(?P<origin>[A-Za-z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*)*?)"
    r"(?=\s*(?:$|[|.,;]|\s+(?:No\b|N[º°]|#|\d)))",
    re.IGNORECASE,
)
_TO_PAIR = re.compile(r"^\s*To:?\s+(?P<dest>\S.*?)\s+To:?\s+(?P<addr>\S.*?)\.?\s*$")
_DESTINATION = re.compile(
    r"^\s*(?:Destination|Where):\s*(?P<dest>\S.*?)(?:\s+To [Ww]hom:\s*(?P<addr>\S.*?))?\.?\s*$"
)
_TO_WHOM = re.compile(r"^\s*To [Ww]hom:\s*(?P<addr>\S.*?)\.?\s*$")
_TO_ONE = re.compile(r"^\s*To:?\s+(?P<who>[^|:]+?)\.?\s*$")
_CLASSIFICATION = re.compile(
    r"\b(?P<c>special\s+file|top\s+secret|strictly\s+secret|strictly\s+confidential|secret"
    r"|confidential)\b",
    re.IGNORECASE,
)
_PRIORITY = re.compile(
    r"\b(?P<p>top\s+priority|extremely\s+urgent|out\s+of\s+turn|lightning|immediate|urgent"
    r"|priority)\b",
    re.IGNORECASE,
)
_COPIES = re.compile(
    r"(?P<label>\b(?:Copies|Copy to|Distribution(?: list)?(?:\s*[-–]\s*\d+\s+copies)?)\s*:\s*)"
    r"(?P<items>\S.*?)\s*$"
)
_SERIAL = re.compile(r"^(?P<lead>\s*)(?P<serial>\d{1,6})\.\s+(?=\S)")
_NUMBERED_COPY = re.compile(
    r"^\s*\d{1,2}\s*[-–.)]\s*(?P<item>[^\W\d_][\w'()-]*(?: [\w'()-]+){0,4}?)\s*$"
)
_OFFICIAL = re.compile(
    r"^\s*(?:No\.?\s*\d+\s+)?(?P<name>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)?)(?:\[\w{1,4}\])?\.?\s*$"
)
_SPACED_OFFICIAL = re.compile(r"^\s*(?P<name>[A-Z](?: [a-z]){3,}|[A-Z](?: [A-Z]){3,})\s*$")
_NAME_NEAR_DATE = re.compile(r"^\s*(?P<name>[A-Z][A-Za-z'-]+)\.?\s*$")
_INSTRUCTION = re.compile(
    r"^\s*(?P<ins>(?:Telegraph|Wire|Confirm|Report|Inform|Acknowledge)\b[^.]{0,60}\.)\s*$"
)
_WORD = re.compile(r"\b[^\W\d_][\w'’-]*")

_PLACE_LIKE = re.compile(r"^[A-Z][A-Z .'-]+$")


def _without_stamps(text: str) -> str:
    """The text with every date and time in it blanked out."""
    for search in (search_date, lambda t: search_time(t, bare_digits=False)):
        while (found := search(text)) is not None:
            _, s, e = found
            text = text[:s] + " " * (e - s) + text[e:]
    return text


def _prose(text: str) -> bool:
    """A line of running text (the body), as opposed to a header line."""
    if "|" in text:
        return False
    words = _WORD.findall(_without_stamps(text))
    if len(words) < 6:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower * 5 >= len(words) * 2


_JUNK = " \t.,;:'`~\"/|"


def _date_span(text: str) -> tuple[ArchiveDate, int, int] | None:
    """The date that makes up the whole line (stray OCR punctuation around it allowed)."""
    start = len(text) - len(text.lstrip(_JUNK))
    end = len(text.rstrip(_JUNK))
    core = text[start:end]
    if not core or not any(ch.isdigit() for ch in core):
        return None
    for stop in (end, end + 1):  # "15 Nov." keeps its full stop
        try:
            return ArchiveDate.from_text(text[start:stop]), start, stop
        except CipherwireError:
            continue
    return None


def _whole_date(text: str) -> ArchiveDate | None:
    found = _date_span(text)
    return found[0] if found else None


# --- the trailer ----------------------------------------------------------------------


_NOTES_WINDOW = 12  # non-blank lines a signature may stand above notes printed after it


def _trailer_kind(line: _Line) -> str | None:
    text = line.text
    if _COPIES.search(text) or re.match(r"^\s*\d+\s+copies\.?\s*$", text, re.IGNORECASE):
        return "copies"
    if _NUMBERED_COPY.match(text):
        return "numbered"
    if _whole_date(text):
        return "date"
    found = search_date(text)
    if found is not None:
        _, s, e = found
        rest = (text[:s] + text[e:]).strip(" ,")
        if _NAME_NEAR_DATE.match(rest):
            return "date+official"
    if (_OFFICIAL.match(text) or _SPACED_OFFICIAL.match(text)) and not (
        _KIND.match(text) or _CLASSIFICATION.search(text) or _PRIORITY.search(text)
    ):
        return "official"
    if _INSTRUCTION.match(text):
        return "instruction"
    return None


def _read_trailer(lines: list[_Line], first: int, reading: Reading) -> int:
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
        if kind in ("official", "numbered") and i == first:
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
    numbered: list[_Line] = []
    for j in range(start, len(lines)):
        kind = kinds.get(j)
        line = lines[j]
        if kind == "copies" and not reading.copies:
            m = _COPIES.search(line.text)
            if m:
                reading.copies = tuple(
                    _claim_list(line, "copies", m.start("items"), m.group("items"), 0)
                )
        elif kind == "numbered":
            numbered.append(line)
        elif kind == "date" and reading.date is None:
            found = _date_span(line.text)
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
            m = _INSTRUCTION.match(line.text)
            if m:
                reading.instruction = m.group("ins")
                line.claim(m.start("ins"), m.end("ins"), "{instruction}")
    if numbered and not reading.copies:
        values = []
        for index, line in enumerate(numbered):
            m = _NUMBERED_COPY.match(line.text)
            if m:
                values.append(m.group("item"))
                line.claim(m.start("item"), m.end("item"), "{" + f"copies[{index}]" + "}")
        reading.copies = tuple(values)
    return start


def _claim_official(line: _Line, reading: Reading) -> None:
    if reading.official is not None:
        return
    free = "".join(ch if line.free(i, i + 1) else "\0" for i, ch in enumerate(line.text))
    for pattern in (_OFFICIAL, _SPACED_OFFICIAL, _NAME_NEAR_DATE):
        for m in re.finditer(r"[^\0]+", free):
            inner = pattern.match(
                m.group().strip(" ,") if pattern is _NAME_NEAR_DATE else m.group()
            )
            if inner:
                name = inner.group("name")
                s = line.text.index(name, m.start())
                if pattern is _SPACED_OFFICIAL:  # "Z a k h a r o v" is Zakharov
                    reading.official = name.replace(" ", "")
                    line.claim(s, s + len(name), "{official:spaced}")
                else:
                    reading.official = name
                    line.claim(s, s + len(name), "{official}")
                return


# --- the header -----------------------------------------------------------------------

_Reader = Callable[[_Line, Reading], None]


def _read_copies(line: _Line, reading: Reading) -> None:
    m = _COPIES.search(line.text)
    if m and not reading.copies and line.free(m.start("items"), m.end("items")):
        reading.copies = tuple(_claim_list(line, "copies", m.start("items"), m.group("items"), 0))


def _read_special(line: _Line, reading: Reading) -> None:
    m = _SPECIAL.search(line.text)
    if m and not reading.special_numbers and line.free(m.start("nums"), m.end("nums")):
        reading.special_numbers = tuple(
            _claim_list(line, "special_numbers", m.start("nums"), m.group("nums"), 0)
        )


def _read_kind(line: _Line, reading: Reading) -> None:
    m = _KIND.match(line.text)
    if m and reading.kind is None and line.free(m.start("kind"), m.end("kind")):
        reading.kind = m.group("kind")
        line.claim(m.start("kind"), m.end("kind"), "{kind}")


def _read_number(line: _Line, reading: Reading) -> None:
    if reading.number is not None:
        return
    for m in _NUMBER.finditer(line.text):
        if m.group("label").strip() or not line.free(m.start(), m.end()):
            continue
        value = m.group("value")
        as_date = search_date(value)
        if as_date is not None and as_date[1:] == (0, len(value)):
            continue
        reading.number = value
        line.claim(m.start("value"), m.end("value"), "{number}")
        before = line.text[: m.start()]
        office = _OFFICE_BEFORE_NUMBER.match(before)
        if office and reading.office is None and line.free(0, len(before)):
            name = office.group("office")
            if not _KIND.match(name) and not _FROM.match(name):
                reading.office = name
                line.claim(office.start("office"), office.end("office"), "{office}")
        return


_OFFICE_LABEL = re.compile(r"^\s*Office:\s*(?P<office>\S.*?)\s*$")


def _read_office(line: _Line, reading: Reading) -> None:
    m = _OFFICE_LABEL.match(line.text)
    if m and reading.office is None and line.free(m.start("office"), m.end("office")):
        reading.office = m.group("office")
        line.claim(m.start("office"), m.end("office"), "{office}")


def _read_department(line: _Line, reading: Reading) -> None:
    m = _DEPARTMENT.match(line.text)
    if m and reading.department is None and line.free(m.start("dep"), m.end("dep")):
        reading.department = m.group("dep")
        line.claim(m.start("dep"), m.end("dep"), "{department}")


def _segment_end(text: str, start: int) -> int:
    """Where the value after a keyword ends: at a table bar or the next event keyword."""
    bar = text.find("|", start)
    nxt = _EVENT.search(text, start)
    ends = [p for p in (bar, nxt.start() if nxt else -1) if p >= 0]
    return min(ends) if ends else len(text)


def _free_match(
    line: _Line, start: int, end: int, search: Callable[[str], tuple[Any, int, int] | None]
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


def _claim_stamp(line: _Line, reading: Reading, which: str, start: int, end: int) -> None:
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


def _read_events(line: _Line, reading: Reading) -> None:
    for m in _EVENT.finditer(line.text):
        if not line.free(m.start(), m.end()):
            continue
        which = _event(m)
        if getattr(reading, f"{which}_time") or getattr(reading, f"{which}_date"):
            continue
        _claim_stamp(line, reading, which, m.end(), _segment_end(line.text, m.end()))
        if getattr(reading, f"{which}_time") and "|" in line.text[m.end() :]:
            # A table: the date may stand in a cell of its own further along the line.
            _claim_stamp(line, reading, which, m.end(), len(line.text))


def _read_from(line: _Line, reading: Reading) -> None:
    m = _FROM.match(line.text)
    if not m or reading.origin is not None:
        return
    reading.origin = m.group("origin")
    line.claim(m.start("origin"), m.end("origin"), "{origin}")
    _read_number(line, reading)
    if reading.received_time is None and reading.received_date is None:
        # "From BEIJING No. 1412 21 hours 35 minutes, 9.2.1951": received in Moscow.
        end = _segment_end(line.text, m.end())
        _claim_stamp(line, reading, "received", m.end(), end)


def _read_to(line: _Line, reading: Reading) -> None:
    if reading.addressee is not None:
        return
    if reading.destination is not None:
        m = _TO_WHOM.match(line.text) or _TO_ONE.match(line.text)
        if m:
            key = "addr" if "addr" in m.groupdict() else "who"
            reading.addressee = m.group(key)
            line.claim(m.start(key), m.end(key), "{addressee}")
        return
    for pattern in (_DESTINATION, _TO_PAIR):
        m = pattern.match(line.text)
        if m:
            reading.destination = m.group("dest")
            line.claim(m.start("dest"), m.end("dest"), "{destination}")
            if m.group("addr"):
                reading.addressee = m.group("addr")
                line.claim(m.start("addr"), m.end("addr"), "{addressee}")
            return
    m = _TO_WHOM.match(line.text) or _TO_ONE.match(line.text)
    if m:
        key = "addr" if "addr" in m.groupdict() else "who"
        who = m.group(key)
        if key == "who" and (zone_for(who) is not None or _PLACE_LIKE.match(who)):
            reading.destination = who
            line.claim(m.start(key), m.end(key), "{destination}")
        else:
            reading.addressee = who
            line.claim(m.start(key), m.end(key), "{addressee}")


def _read_marking(line: _Line, reading: Reading) -> None:
    for attr, pattern, group in (
        ("classification", _CLASSIFICATION, "c"),
        ("priority", _PRIORITY, "p"),
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


def _read_header(lines: list[_Line], reading: Reading) -> int:
    """Read header lines from the top; return the index of the first body line."""
    pending: list[str] = []  # stamps whose time or date may follow on the next line
    continued = False  # the last line ended a list with a comma: the list goes on
    for i in range(len(lines)):
        line = lines[i]
        if line.blank:
            continue
        if _SERIAL.match(line.text) and (
            _prose(line.text) or any(ch.islower() for ch in line.text)
        ):
            return i
        if _prose(line.text):
            return i
        if continued:
            continued = _continue_copies(line, reading)
            continue
        if pending and _stamp_line(line, reading, pending):
            pending = []
            continue
        for reader in _HEADER_READERS:
            reader(line, reading)
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
            or any(_event(m) == which for m in _EVENT.finditer(line.text))
        ]
        pending = [
            which
            for which in pending
            if not (getattr(reading, f"{which}_time") and getattr(reading, f"{which}_date"))
        ]
    return len(lines)


def _stamp_line(line: _Line, reading: Reading, pending: list[str]) -> bool:
    """Claim a line that holds only the time and/or date of the stamps just above it."""
    if _without_stamps(line.text).strip(_JUNK):
        return False
    claimed = False
    for which in pending:
        before = len(line.spans)
        _claim_stamp(line, reading, which, 0, len(line.text))
        claimed = claimed or len(line.spans) > before
    return claimed


def _continue_copies(line: _Line, reading: Reading) -> bool:
    """Add a wrapped line of the copies list; True if the list goes on after it."""
    stripped = line.text.strip()
    start = line.text.index(stripped) if stripped else 0
    reading.copies += tuple(_claim_list(line, "copies", start, stripped, len(reading.copies)))
    return stripped.endswith(",")


# --- the body -------------------------------------------------------------------------


def _read_body(lines: list[_Line], first: int, last: int, reading: Reading) -> str:
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
    m = _SERIAL.match(opening)
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


def read(text: str) -> Reading:
    """Read an archive telegram; see the module docstring for how it is split.

    Raises:
        TelegramFormatError: if ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TelegramFormatError(f"expected text, got {type(text).__name__}")
    reading = Reading()
    rest = text.replace("\r\n", "")
    if "\r\n" in text and "\n" not in rest and "\r" not in rest:
        reading.newline = "\r\n"
        text = text.replace("\r\n", "\n")
    lines = [
        _Line(i + 1, raw.rstrip("\r\n"), raw[len(raw.rstrip("\r\n")) :])
        for i, raw in enumerate(text.splitlines(keepends=True))
    ]
    body_first = _read_header(lines, reading)
    trailer = _read_trailer(lines, body_first + 1, reading)
    if body_first < trailer:
        middle = _read_body(lines, body_first, trailer, reading)
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


__all__ = ["Reading", "escape", "read"]
