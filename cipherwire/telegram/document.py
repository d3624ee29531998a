"""The ciphered telegram as the archive prints it: :class:`Telegram` and its :class:`Precedence`.

A telegram holds the fields of the archive document (DOMAIN.md §1), every one optional, and
the document's layout, so that ``Telegram.from_text(text).to_text() == text`` for any text;
docs/tutorial/telegram.md goes through the fields and the layout.

>>> from pathlib import Path
>>> seed = Telegram.from_text(Path("seeds/000_ee3f4792618692d7.txt").read_text("utf-8"))
>>> seed.number, seed.destination, seed.addressee, seed.precedence
('23343', 'BEIJING', 'SOVIET AMBASSADOR', <Precedence.TOP: 'top'>)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
import string
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cipherwire.errors import TelegramFormatError
from cipherwire.telegram.archive import read
from cipherwire.telegram.dates import MOSCOW, ArchiveDate, ArchiveTime


class Precedence(enum.Enum):
    """The precedence class the queues use, derived from the printed priority marking.

    Our model (DOMAIN.md §5: the internal marks of a 1950 cipher department are not
    confirmed): ordinary < urgent < top.  "Top priority", "extremely urgent", "out of turn",
    "lightning" and "immediate" are *top*; "urgent" and "priority" are *urgent*; a telegram
    without a marking is *ordinary*.
    """

    TOP = "top"
    URGENT = "urgent"
    ORDINARY = "ordinary"

    @property
    def rank(self) -> int:
        """0 for top, 1 for urgent, 2 for ordinary: lower goes first in a queue."""
        return _RANKS[self]

    @classmethod
    def of_marking(cls, marking: str | None) -> Precedence:
        """The class of a printed marking (``None`` or unknown markings are ordinary)."""
        if marking is None:
            return cls.ORDINARY
        key = " ".join(marking.lower().split())
        if key in _TOP_MARKINGS:
            return cls.TOP
        if key in _URGENT_MARKINGS:
            return cls.URGENT
        return cls.ORDINARY


_RANKS = {Precedence.TOP: 0, Precedence.URGENT: 1, Precedence.ORDINARY: 2}
_TOP_MARKINGS = {"top priority", "extremely urgent", "out of turn", "lightning", "immediate"}
_URGENT_MARKINGS = {"urgent", "priority"}


_SINGLE_LINE = (
    "office",
    "number",
    "department",
    "kind",
    "origin",
    "destination",
    "addressee",
    "classification",
    "priority",
    "serial",
    "instruction",
    "official",
)
_EDITORIAL = re.compile(r"\s?\[[^\[\]\n]*\]")
_HYPHENATED = re.compile(r"(\w)-[ \t]*\r?\n[ \t]*(?=[a-z])")
_PAGE_FURNITURE = re.compile(r"\f[^\n]*(?:\n[ \t]*\S[^\n]*)*\n?")  # page break + running head
_SIGNATURE = re.compile(r"^\s*(?P<name>[A-Z][A-Z'-]+(?: \[[^\]]+\])?)\.?[\"”’']*\s*$")


class _LayoutFormatter(string.Formatter):
    """Renders layouts: ``{copies:, }`` joins a list with the separator given as spec."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, tuple):
            return format_spec.join(value)
        if format_spec == "spaced":  # a letter-spaced signature: "Z a k h a r o v"
            return " ".join(str(value))
        return str(value)


_FORMATTER = _LayoutFormatter()


@dataclass(frozen=True, kw_only=True)
class Telegram:
    """An archive telegram: the fields of DOMAIN.md §1, all optional, and the layout.

    ``received`` and ``dispatched`` are aware datetimes derived from the printed time and
    date (:attr:`received_time`, :attr:`received_date`, ...) in :attr:`zone`
    (Europe/Moscow unless set otherwise); a stamp without its own date takes the
    document :attr:`date`.  ``layout`` is the document with ``{field}`` placeholders
    (``None``: cipherwire's canonical layout); it must have a place for every field set.
    """

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
    zone: str = MOSCOW
    layout: str | None = None
    newline: str = "\n"

    def __post_init__(self) -> None:
        for name in _SINGLE_LINE:
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, str)
                or not value.strip()
                or "\n" in value
                or "\r" in value
                or value != value.strip()
            ):
                raise TelegramFormatError(
                    f"{name} must be one line of text without outer spaces, got {value!r}"
                )
        for name in ("special_numbers", "copies"):
            items = getattr(self, name)
            if not isinstance(items, tuple):
                object.__setattr__(self, name, tuple(items))
                items = getattr(self, name)
            for item in items:
                if not isinstance(item, str) or not item.strip() or "\n" in item:
                    raise TelegramFormatError(f"{name} entries must be text, got {item!r}")
        if not isinstance(self.body, str):
            raise TelegramFormatError(f"body must be text, got {self.body!r}")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise TelegramFormatError(f"unknown time zone {self.zone!r}") from exc
        if self.newline not in ("\n", "\r\n"):
            raise TelegramFormatError(f"newline must be '\\n' or '\\r\\n', got {self.newline!r}")
        if self.layout is not None:
            self._check_layout(self.layout)

    # --- named constructors and text forms ---------------------------------------------

    @classmethod
    def from_text(cls, text: str, *, zone: str = MOSCOW) -> Telegram:
        """Read an archive telegram (see :mod:`cipherwire.telegram.archive` for how)."""
        reading = read(text)
        fields = {f.name: getattr(reading, f.name) for f in dataclasses.fields(reading)}
        layout = fields.pop("layout")
        telegram = cls(**fields, zone=zone)
        if layout != _canonical_layout(telegram):
            telegram = dataclasses.replace(telegram, layout=layout)
        return telegram

    def to_text(self) -> str:
        """The document as printed: its own layout, or the canonical one."""
        layout = self.layout if self.layout is not None else _canonical_layout(self)
        text = _FORMATTER.vformat(layout, (), self._values())
        return text if self.newline == "\n" else text.replace("\n", self.newline)

    def replace(self, **changes: Any) -> Telegram:
        """A copy with some fields changed (the layout is kept; see the class docstring)."""
        return dataclasses.replace(self, **changes)

    # --- derived views -----------------------------------------------------------------

    @property
    def precedence(self) -> Precedence:
        """The precedence class of the printed :attr:`priority` marking."""
        return Precedence.of_marking(self.priority)

    @property
    def received(self) -> dt.datetime | None:
        """When the department received the text (aware), if the document says.

        A time printed without a date of its own takes the dispatch date (the two often
        share one date line), else the document date: our reading of the archive form.
        """
        return self._stamp(self.received_time, self.received_date, self.dispatched_date)

    @property
    def dispatched(self) -> dt.datetime | None:
        """When the enciphered telegram was sent out (aware), if the document says.

        A time without a date of its own takes the received date, else the document date.
        """
        return self._stamp(self.dispatched_time, self.dispatched_date, self.received_date)

    @property
    def signature(self) -> str | None:
        """The name signing the message inside the body (``FILIPPOV [Stalin]``), if any."""
        lines = [ln for ln in self.body.splitlines() if ln.strip()]
        if not lines:
            return None
        m = _SIGNATURE.match(lines[-1])
        return m.group("name") if m else None

    @property
    def body_as_sent(self) -> str:
        """The body without the translator's editorial insertions (``[Stalin]``,
        ``[SIC]``, ``[41 groups unrecoverable]``), without page breaks and the running
        heads after them, and with words hyphenated across line breaks joined: the text
        that was enciphered.
        """
        text = self.body
        # Each pattern needs a character that most bodies lack: look for it first (a
        # C-speed scan) rather than run the pattern over every body of a large batch.
        if "\f" in text:
            text = _PAGE_FURNITURE.sub("", text)
        if "-" in text and "\n" in text:
            text = _HYPHENATED.sub(r"\1", text)
        if "[" in text:
            text = _EDITORIAL.sub("", text)
        return text.strip()

    @property
    def unparsed_lines(self) -> tuple[str, ...]:
        """Header and trailer lines the reader kept without recognising them."""
        if self.layout is None:
            return ()
        out = []
        for line in self.layout.splitlines():
            if line.strip() and not _has_field(line):
                out.append(line.replace("{{", "{").replace("}}", "}").strip())
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the form ``cipherwire parse --json`` prints)."""
        received, dispatched = self.received, self.dispatched
        return {
            "office": self.office,
            "number": self.number,
            "department": self.department,
            "received": received.isoformat() if received else None,
            "dispatched": dispatched.isoformat() if dispatched else None,
            "special_numbers": list(self.special_numbers),
            "kind": self.kind,
            "origin": self.origin,
            "destination": self.destination,
            "addressee": self.addressee,
            "classification": self.classification,
            "priority": self.priority,
            "precedence": self.precedence.value,
            "serial": self.serial,
            "signature": self.signature,
            "instruction": self.instruction,
            "official": self.official,
            "date": _iso(self.date),
            "copies": list(self.copies),
            "body": self.body,
            "body_as_sent": self.body_as_sent,
            "unparsed_lines": list(self.unparsed_lines),
            "zone": self.zone,
        }

    # --- internals ---------------------------------------------------------------------

    def _stamp(self, time: ArchiveTime | None, *dates: ArchiveDate | None) -> dt.datetime | None:
        if time is None:
            return None
        for day in (*dates, self.date):
            if day is not None:
                return time.at(day.to_date(), self.zone) if day.year is not None else None
        return None

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if isinstance(value, ArchiveDate | ArchiveTime):
                value = value.to_text()
            values[name] = value
        return values

    def _check_layout(self, layout: str) -> None:
        try:
            parsed = list(_FORMATTER.parse(layout))
        except ValueError as exc:
            raise TelegramFormatError(f"malformed layout: {exc}") from exc
        seen: dict[str, set[int | None]] = {}
        for _, name, _, _ in parsed:
            if name is None:
                continue
            m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", name)
            if not m or m.group(1) not in _FIELDS:
                raise TelegramFormatError(f"layout has an unknown field {name!r}")
            seen.setdefault(m.group(1), set()).add(int(m.group(2)) if m.group(2) else None)
        for name in _FIELDS:
            value = getattr(self, name)
            places = seen.get(name, set())
            if isinstance(value, tuple):
                indexed = {i for i in places if i is not None}
                if value and not places:
                    raise TelegramFormatError(f"layout has no place for {name} {value!r}")
                if indexed and (None in places or indexed != set(range(len(value)))):
                    raise TelegramFormatError(
                        f"layout has places for {len(indexed)} {name}, the telegram has "
                        f"{len(value)}: {value!r}"
                    )
            elif name == "body":
                if places != {None}:
                    raise TelegramFormatError("layout must have exactly one {body}")
            elif (value is not None) != bool(places):
                what = "no place for" if value is not None else "a place for the missing"
                raise TelegramFormatError(f"layout has {what} {name} ({value!r})")


_FIELDS = tuple(
    f.name for f in dataclasses.fields(Telegram) if f.name not in ("zone", "layout", "newline")
)


def _has_field(line: str) -> bool:
    return any(name is not None for _, name, _, _ in _FORMATTER.parse(line))


def _iso(date: ArchiveDate | None) -> str | None:
    if date is None or date.year is None:
        return None
    return date.to_date().isoformat()


def _canonical_layout(t: Telegram) -> str:
    """cipherwire's own layout for a telegram built in code (reads back to the same)."""
    lines: list[str] = []

    def add(*parts: tuple[str, object]) -> None:
        text = "".join(piece for piece, value in parts if value not in (None, ()))
        if text:
            lines.append(text)

    add(("Copies: {copies:, }", t.copies if not t.official and not t.date else None))
    add(("{office} No. {number}", t.office and t.number))
    add(("No. {number}", t.number if not t.office else None))
    add(("Office: {office}", t.office if not t.number else None))
    add(("{department}", t.department))
    for which in ("received", "dispatched"):
        label = "Received" if which == "received" else "Dispatched"
        time, date = getattr(t, f"{which}_time"), getattr(t, f"{which}_date")
        if time is not None or date is not None:
            add((label, True), (" {" + which + "_time}", time))
            add(("{" + which + "_date}", date))
    add(("Special No. {special_numbers:, }", t.special_numbers))
    add(("{kind}", t.kind))
    add(("From {origin}", t.origin))
    add(
        ("Destination: {destination}", t.destination),
        (" To Whom: {addressee}" if t.destination else "To Whom: {addressee}", t.addressee),
    )
    add(("{classification}", t.classification))
    add(("{priority}", t.priority))
    header = "\n".join(lines)
    body = "{serial}. {body}" if t.serial else "{body}"
    trailer: list[str] = []
    if t.instruction:
        trailer.append("{instruction}")
    if t.official:
        trailer.append("{official}.")
    if t.date:
        trailer.append("{date}")
    if t.copies and (t.official or t.date):
        trailer.append("\nCopies: {copies:, }")
    parts = [header + "\n\n" if header else "", body]
    if trailer:
        parts.append("\n\n" + "\n".join(trailer))
    return "".join(parts) + "\n"


__all__ = ["Precedence", "Telegram"]
