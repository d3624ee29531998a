"""The preamble every part of a cable repeats: who sends it, to whom, when, and how.

A :class:`Preamble` is the ``LABEL: value`` lines a cable's form carries in clear above
each part's groups, in a fixed order, a field left out when it is None (the part's own head
and ``GROUPS:`` check are :mod:`cipherwire.cable.form`'s).  The labels and their order are
our model of the telegraph preamble (DOMAIN.md §5); docs/tutorial/enciphering.md (section
6) lists them.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> filed = dt.datetime(1950, 12, 7, 20, 40, tzinfo=ZoneInfo("Europe/Moscow"))
>>> preamble = Preamble(priority="TOP PRIORITY", destination="BEIJING", filed=filed)
>>> print(preamble.to_text(), end="")
PRIORITY: TOP PRIORITY
TO: BEIJING
FILED: 20 hours 40 minutes 7/XII.1950 Europe/Moscow
>>> Preamble.from_text(preamble.to_text()) == preamble
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cipherwire.errors import CableFormatError, CipherwireError
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime, search_date, search_time

# The one-line text fields of a :class:`Preamble` and their labels, in printed order.
_LABELS = (
    ("priority", "PRIORITY"),
    ("origin", "FROM"),
    ("destination", "TO"),
    ("addressee", "ADDRESSEE"),
    ("office", "OFFICE"),
    ("reference", "NUMBER"),
    ("serial", "SERIAL"),
    ("classification", "CLASSIFICATION"),
    ("codebook", "CODEBOOK"),
)
_NAME_OF = {label: name for name, label in _LABELS}
_CLASSROOM = "CLASSROOM PAD - NOT SECURE (SEED {seed})"
_CLASSROOM_READ = re.compile(re.escape(_CLASSROOM).replace(r"\{seed\}", r"(-?\d+)"))


@dataclasses.dataclass(frozen=True, kw_only=True)
class Preamble:
    """A cable's shared preamble: precedence, stations, addressee, references, the codebook
    named, the time filed (aware, to the minute) and the classroom pad's seed, if any."""

    priority: str | None = None
    origin: str | None = None
    destination: str | None = None
    addressee: str | None = None
    office: str | None = None
    reference: str | None = None
    serial: str | None = None
    classification: str | None = None
    codebook: str | None = None
    filed: dt.datetime | None = None
    classroom_seed: int | None = None

    def __post_init__(self) -> None:
        for name, _ in _LABELS:
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, str)
                or not value
                or value != value.strip()
                or "\n" in value
                or "\r" in value
            ):
                raise CableFormatError(
                    f"{name} must be one line of text without outer spaces, got {value!r}"
                )
        filed = self.filed
        if filed is not None:
            zone = getattr(filed, "tzinfo", None)
            if (
                not isinstance(filed, dt.datetime)
                or not isinstance(zone, ZoneInfo)
                or zone.key is None
            ):
                raise CableFormatError(
                    f"the time filed must be zone-aware with a named zone (zoneinfo), got {filed!r}"
                )
            if filed.second or filed.microsecond:
                raise CableFormatError(
                    f"the time filed is given to the minute on the form, got {filed!r}"
                )
        seed = self.classroom_seed
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise CableFormatError(f"the classroom seed must be a whole number, got {seed!r}")

    def __repr__(self) -> str:
        given = ", ".join(
            f"{field.name}={value!r}"
            for field in dataclasses.fields(self)
            if (value := getattr(self, field.name)) is not None
        )
        return f"Preamble({given})"

    # --- text form ---------------------------------------------------------------------

    def to_text(self) -> str:
        """The preamble lines every part of the cable repeats, each with its newline."""
        lines = [
            f"{label}: {value}\n"
            for name, label in _LABELS
            if (value := getattr(self, name)) is not None
        ]
        if self.filed is not None:
            lines.append(f"FILED: {_render_filed(self.filed)}\n")
        if self.classroom_seed is not None:
            lines.append("PAD: " + _CLASSROOM.format(seed=self.classroom_seed) + "\n")
        return "".join(lines)

    @classmethod
    def from_text(cls, text: str) -> Preamble:
        """Read the lines :meth:`to_text` prints (in any order; blank lines are skipped).

        Raises:
            CableFormatError: naming the line of one that is not ``LABEL: value``, a label
                given twice or unknown, an empty value, or a time filed or pad note that
                does not read.
        """
        if not isinstance(text, str):
            raise CableFormatError(f"expected text, got {type(text).__name__}")
        labels: dict[str, str] = {}
        lines: dict[str, int] = {}
        for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
            if not raw.strip():
                continue
            label, sep, value = raw.strip().partition(":")
            if not sep:
                raise CableFormatError(f"expected 'LABEL: value', got {raw!r}", line=number)
            if label in labels:
                raise CableFormatError(
                    f"{label} is given twice, first on line {lines[label]}", line=number
                )
            labels[label], lines[label] = value.strip(), number
        return cls.from_labels(labels, lines=lines)

    @classmethod
    def from_labels(
        cls, labels: Mapping[str, str], *, lines: Mapping[str, int] | None = None
    ) -> Preamble:
        """The preamble of ``LABEL -> value`` pairs as read off a form (values stripped);
        ``lines`` gives each label's line number, for the errors :meth:`from_text` raises."""
        texts: dict[str, str] = {}
        filed: dt.datetime | None = None
        seed: int | None = None
        for label, value in labels.items():
            line = lines.get(label) if lines is not None else None
            if label not in _NAME_OF and label not in ("FILED", "PAD"):
                raise CableFormatError(f"unknown preamble line {label!r}", line=line)
            if not value:
                raise CableFormatError(f"{label} has no value: {value!r}", line=line)
            if label in _NAME_OF:
                texts[_NAME_OF[label]] = value
            elif label == "FILED":
                filed = _parse_filed(value, line)
            else:
                found = _CLASSROOM_READ.fullmatch(value)
                if not found:
                    raise CableFormatError(f"unknown PAD note {value!r}", line=line)
                seed = int(found.group(1))
        return cls(**texts, filed=filed, classroom_seed=seed)


def _render_filed(when: dt.datetime) -> str:
    # The time is printed to the minute and the date without the zone: each cached on
    # its own, since almost every cable's moment is new but its minute and day are not.
    time = _render_time(when.hour, when.minute)
    date = _render_date(when.year, when.month, when.day)
    return f"{time} {date} {when.tzinfo}"


@functools.lru_cache(maxsize=2048)
def _render_time(hour: int, minute: int) -> str:
    return ArchiveTime.of(dt.time(hour, minute)).to_text()


@functools.lru_cache(maxsize=4096)
def _render_date(year: int, month: int, day: int) -> str:
    return ArchiveDate.of(dt.date(year, month, day)).to_text()


def _parse_filed(value: str, line: int | None) -> dt.datetime:
    found_time = search_time(value)
    found_date = search_date(value)
    zone_name = value.rsplit(" ", 1)[-1]
    if found_time is None or found_date is None:
        raise CableFormatError(f"FILED needs a time, a date and a zone, got {value!r}", line=line)
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CableFormatError(f"unknown time zone {zone_name!r} in FILED", line=line) from exc
    try:
        return found_time[0].at(found_date[0].to_date(), zone)
    except CipherwireError as exc:
        raise CableFormatError(str(exc), line=line) from exc


__all__ = ["Preamble"]
