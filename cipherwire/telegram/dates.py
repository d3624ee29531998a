"""Dates and times as archive telegrams of 1944-1953 print them, and the zones they are in.

:class:`ArchiveDate` and :class:`ArchiveTime` remember how they were written (their style,
:mod:`cipherwire.telegram.styles`), so that ``X.from_text(s).to_text() == s`` for every
accepted ``s``; :func:`search_date` and :func:`search_time` find them inside a line, and
:func:`zone_for` gives a period place's time zone.  docs/reference/dates.md lists the forms
read and the rules for the ambiguous ones (our model).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cipherwire.errors import DateFormatError
from cipherwire.telegram.styles import (
    MONTH_ABBRS,
    MONTH_NAMES,
    ROMAN_MONTHS,
    DateOrder,
    DateStyle,
    LetterCase,
    MonthForm,
    TimeForm,
    TimeStyle,
    fields_repr,
)


@dataclass(frozen=True, slots=True, repr=False)
class ArchiveDate:
    """A date as a document prints it; ``year`` is None when the document gives none."""

    day: int
    month: int
    year: int | None
    style: DateStyle = DateStyle.ROMAN_SLASH_DOT

    def __post_init__(self) -> None:
        digits, year = self.style.year_digits, self.year
        if not 1 <= self.month <= 12:
            raise DateFormatError(f"month {self.month!r} is not 1 to 12")
        if (year is None) != (digits is None):
            raise DateFormatError(f"year {year!r} does not suit the style {self.style!r}")
        if year is not None and not (1900 <= year <= 1999 if digits == 2 else 1 <= year <= 9999):
            raise DateFormatError(f"year {year!r} cannot be written with {digits} digits")
        last = calendar.monthrange(2000 if year is None else year, self.month)[1]  # 2000: leap
        if not 1 <= self.day <= last:
            where = MONTH_NAMES[self.month - 1] + ("" if year is None else f" {year}")
            raise DateFormatError(f"day {self.day!r} is not in {where}")

    def __repr__(self) -> str:
        text = self.to_text()
        for order in (None, DateOrder.MDY):
            try:
                if ArchiveDate.from_text(text, order=order) == self:
                    hint = f", order={order!r}" if order else ""
                    return f"ArchiveDate.from_text({text!r}{hint})"
            except DateFormatError:
                pass
        return fields_repr(self)

    @classmethod
    def from_text(cls, text: str, *, order: DateOrder | None = None) -> ArchiveDate:
        """Read ``text`` (outer whitespace stripped), which must be one date and nothing else.

        ``order`` (DMY or MDY) forces the reading of an all-numeric date with the year last;
        by default it is day-month-year unless the middle number is over 12.
        """
        stripped = text.strip()
        for date_order, pattern in _DATE_PATTERNS:
            if (m := pattern.fullmatch(stripped)) is not None:
                try:
                    return _date_from_match(m, date_order, order)
                except DateFormatError as exc:
                    raise DateFormatError(f"invalid date {text!r}: {exc}") from None
        raise DateFormatError(f"not a date: {text!r}")

    @classmethod
    def of(
        cls, value: datetime.date, *, style: DateStyle = DateStyle.ROMAN_SLASH_DOT
    ) -> ArchiveDate:
        """Return ``value`` to be written in ``style`` (a style with no year drops it)."""
        return cls(value.day, value.month, None if style.year_digits is None else value.year, style)

    def to_text(self) -> str:
        """Return the date written in its style, exactly as the document printed it."""
        style, year = self.style, self.year
        day = f"{self.day:02d}" if style.pad_day else str(self.day)
        month = style.month_text(self.month)
        printed = None if year is None else f"{year:04d}"[-(style.year_digits or 4) :]
        first, second, third = {
            DateOrder.DMY: (day, month, printed),
            DateOrder.MDY: (month, day, printed),
            DateOrder.YMD: (printed, month, day),
        }[style.order]
        tail = "" if third is None else style.separators[1] + third
        return f"{first}{style.separators[0]}{second}{tail}"

    def to_date(self, *, year: int | None = None) -> datetime.date:
        """Return a ``datetime.date``; ``year`` supplies one when the document gives none."""
        known = self.year if self.year is not None else year
        if known is None:
            raise DateFormatError(f"date {self.to_text()!r} gives no year")
        try:
            return datetime.date(known, self.month, self.day)
        except ValueError as exc:
            raise DateFormatError(f"date {self.to_text()!r} in {known!r}: {exc}") from None


@dataclass(frozen=True, slots=True, repr=False)
class ArchiveTime:
    """A time of day (hour 0-23, minute 0-59) as a document prints it."""

    hour: int
    minute: int
    style: TimeStyle = TimeStyle.HOURS_MINUTES

    def __post_init__(self) -> None:
        if not 0 <= self.hour <= 23:
            raise DateFormatError(f"hour {self.hour!r} is not 0 to 23")
        if not 0 <= self.minute <= 59:
            raise DateFormatError(f"minute {self.minute!r} is not 0 to 59")

    def __repr__(self) -> str:
        text = self.to_text()
        try:
            if ArchiveTime.from_text(text) == self:
                return f"ArchiveTime.from_text({text!r})"
        except DateFormatError:
            pass
        return fields_repr(self)

    @classmethod
    def from_text(cls, text: str) -> ArchiveTime:
        """Read ``text`` (outer whitespace stripped), which must be one time and nothing else."""
        stripped = text.strip()
        for form, pattern in _TIME_PATTERNS:
            if (m := pattern.fullmatch(stripped)) is not None:
                try:
                    return _time_from_match(m, form)
                except DateFormatError as exc:
                    raise DateFormatError(f"invalid time {text!r}: {exc}") from None
        raise DateFormatError(f"not a time: {text!r}")

    @classmethod
    def of(cls, value: datetime.time, *, style: TimeStyle = TimeStyle.HOURS_MINUTES) -> ArchiveTime:
        """Return ``value`` to be written in ``style`` (seconds are dropped, as documents do)."""
        return cls(value.hour, value.minute, style)

    def to_text(self) -> str:
        """Return the time written in its style, exactly as the document printed it."""
        s, minute = self.style, f"{self.minute:02d}"
        if s.form is TimeForm.DIGITS:
            return f"{self.hour:02d}{minute}"
        hour = self.hour % 12 or 12 if s.form is TimeForm.CLOCK_12 else self.hour
        hh = f"{hour:02d}" if s.pad_hour else str(hour)
        if s.form is TimeForm.WORDS:
            mm = minute if s.pad_minute else str(self.minute)
            return f"{hh} {s.hour_word} {mm} {s.minute_word}"
        if s.form is TimeForm.CLOCK:
            return f"{hh}:{minute}"
        mark = s.meridiem if self.hour < 12 else s.meridiem.replace("a", "p").replace("A", "P")
        return f"{hh}:{minute}{s.meridiem_sep}{mark}"

    def to_time(self) -> datetime.time:
        """Return a naive ``datetime.time``."""
        return datetime.time(self.hour, self.minute)

    def at(
        self, day: datetime.date | ArchiveDate, zone: str | ZoneInfo = "Europe/Moscow"
    ) -> datetime.datetime:
        """Return the aware datetime of this time on ``day`` in ``zone`` (an IANA name)."""
        if isinstance(day, ArchiveDate):
            day = day.to_date()
        tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
        return datetime.datetime(day.year, day.month, day.day, self.hour, self.minute, tzinfo=tz)


# --- reading --------------------------------------------------------------------------

_PRE = r"(?<!\w)(?<!\d[/.,:\-])"  # not inside a longer word, number or date
_POST = r"(?!\w)(?![/.,:\-]\d)"
_SEP = r"[/.\-]"
_MONTH = (
    "|".join([f"{a}\\." for a in MONTH_ABBRS] + list(MONTH_NAMES) + list(MONTH_ABBRS)) + ")(?![a-z]"
)
_YEAR = r"(?P<year>\d{4}|\d{2})"


def _compile(body: str, pre: str = _PRE, post: str = _POST) -> re.Pattern[str]:
    return re.compile(pre + body + post, re.IGNORECASE)


# (order, pattern); None marks the all-numeric year-last form, whose order is decided later.
_DATE_PATTERNS: tuple[tuple[DateOrder | None, re.Pattern[str]], ...] = (
    (None, _compile(rf"(?P<p>\d{{1,2}})(?P<s1>{_SEP})(?P<q>\d{{1,2}})(?P<s2>{_SEP}){_YEAR}")),
    (
        DateOrder.YMD,
        _compile(
            rf"(?P<year>\d{{4}})(?P<s1>{_SEP})(?P<month>\d{{1,2}})(?P<s2>{_SEP})(?P<day>\d{{1,2}})"
        ),
    ),
    (
        DateOrder.DMY,
        _compile(
            rf"(?P<day>\d{{1,2}})(?P<s1>{_SEP})(?P<month>[IVX]+)(?![a-z])(?:(?P<s2>{_SEP}){_YEAR})?"
        ),
    ),
    (
        DateOrder.DMY,
        _compile(
            rf"(?P<day>\d{{1,2}})(?P<s1> )(?P<month>{_MONTH})(?:(?P<s2>,? )(?P<year>\d{{4}}))?"
        ),
    ),
    (
        DateOrder.MDY,
        _compile(
            rf"(?P<month>{_MONTH})(?P<s1> )(?P<day>\d{{1,2}})(?![/.\-]\w)"
            rf"(?:(?P<s2>,? )(?P<year>\d{{4}}))?"
        ),
    ),
)
_TIME_PATTERNS: tuple[tuple[TimeForm, re.Pattern[str]], ...] = (
    (
        TimeForm.WORDS,
        _compile(r"(?P<h>\d{1,2}) (?P<hw>hours?|hrs\.?) (?P<m>\d{1,2}) (?P<mw>minutes?|mins?\.?)"),
    ),
    (
        TimeForm.CLOCK,
        _compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?:(?P<ms> ?)(?P<mer>[ap]\.m\.|[ap]m)(?!\w))?"),
    ),
    # Four bare digits: never next to a separator, so never a piece of a number or a date.
    (TimeForm.DIGITS, _compile(r"(?P<h>\d{2})(?P<m>\d{2})", r"(?<![\w/.,:\-])", _POST)),
)


def _pad(token: str, usual: bool) -> bool:
    """Whether a number was zero-padded; ``usual`` when its digits cannot tell (``12``)."""
    return False if len(token) == 1 else token.startswith("0") or usual


def _month(token: str) -> tuple[int, MonthForm, LetterCase]:
    if token.isdigit():
        return int(token), MonthForm.NUMERIC, LetterCase.UPPER
    word = token.rstrip(".")
    case = next((c for c in LetterCase if c.apply(word) == word), None)
    if case is None:
        raise DateFormatError(f"month {word!r} mixes upper and lower case")
    if word.upper() in ROMAN_MONTHS:
        return ROMAN_MONTHS.index(word.upper()) + 1, MonthForm.ROMAN, case
    if case is LetterCase.LOWER:  # "may", "march": verbs far more often than months
        raise DateFormatError(f"month name {word!r} is not capitalised")
    if word.capitalize() in MONTH_NAMES and not token.endswith("."):
        return MONTH_NAMES.index(word.capitalize()) + 1, MonthForm.NAME, case
    if word.capitalize() in MONTH_ABBRS:
        dot = token.endswith(".")
        form = MonthForm.ABBREVIATED if dot else MonthForm.ABBREVIATED_NO_DOT
        return MONTH_ABBRS.index(word.capitalize()) + 1, form, case
    raise DateFormatError(f"{token!r} is not a month (Roman I to XII or an English name)")


def _date_from_match(
    m: re.Match[str], date_order: DateOrder | None, order: DateOrder | None
) -> ArchiveDate:
    if order is DateOrder.YMD:
        raise DateFormatError(f"order must be DateOrder.DMY, DateOrder.MDY or None: {order!r}")
    if date_order is None:  # all-numeric, year last: D/M/Y unless told or the middle is > 12
        mdy = order is DateOrder.MDY or (order is None and int(m["q"]) > 12)
        date_order = DateOrder.MDY if mdy else DateOrder.DMY
        day_text, month_text = (m["q"], m["p"]) if mdy else (m["p"], m["q"])
    else:
        day_text, month_text = m["day"], m["month"]
    month, form, case = _month(month_text)
    year_text, iso = m["year"], date_order is DateOrder.YMD
    style = DateStyle(
        order=date_order,
        month_form=form,
        separators=(m["s1"], m["s2"] or ""),
        year_digits=None if year_text is None else len(year_text),
        pad_day=_pad(day_text, iso),
        pad_month=form is MonthForm.NUMERIC and _pad(month_text, iso),
        month_case=case,
    )
    year = None if year_text is None else int(year_text) + (1900 if len(year_text) == 2 else 0)
    return ArchiveDate(int(day_text), month, year, style)


def _time_from_match(m: re.Match[str], form: TimeForm) -> ArchiveTime:
    h, mi, mark = m["h"], m["m"], m.groupdict().get("mer")
    if form is TimeForm.WORDS:
        style = TimeStyle(form, _pad(h, False), _pad(mi, True), m["hw"], m["mw"])
    elif form is TimeForm.DIGITS:
        style = TimeStyle.FOUR_DIGITS
    elif mark is None:
        style = TimeStyle(form, pad_hour=_pad(h, True))
    else:
        form = TimeForm.CLOCK_12
        if not 1 <= int(h) <= 12:
            raise DateFormatError(f"hour {h!r} is not on a 12-hour clock (1 to 12)")
        meridiem = mark.replace("p", "a").replace("P", "A")
        style = TimeStyle(form, _pad(h, False), meridiem=meridiem, meridiem_sep=m["ms"])
        return ArchiveTime(int(h) % 12 + (12 if mark[0] in "pP" else 0), int(mi), style)
    return ArchiveTime(int(h), int(mi), style)


def _scan_dates(
    text: str, order: DateOrder | None
) -> Iterator[tuple[ArchiveDate | None, int, int]]:
    """Every date-looking span of ``text``, with its date or None if it is impossible."""
    for date_order, pattern in _DATE_PATTERNS:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            try:
                yield _date_from_match(m, date_order, order), m.start(), m.end()
            except DateFormatError:
                yield None, m.start(), m.end()
            pos = m.start() + 1


def search_date(
    text: str, *, order: DateOrder | None = None
) -> tuple[ArchiveDate, int, int] | None:
    """Return the first date inside ``text`` with its ``(start, end)`` span, or None.

    Plain numbers (``No. 23343``, ``1691,1692``, ``2522.``) are not dates, and an impossible
    date-looking token (``31/II.1950``) is skipped.  ``order`` is as for ``from_text``.
    """
    hits = [(d, s, e) for d, s, e in _scan_dates(text, order) if d is not None]
    return min(hits, key=lambda hit: (hit[1], -hit[2]), default=None)


def search_time(text: str, *, bare_digits: bool = False) -> tuple[ArchiveTime, int, int] | None:
    """Return the first time inside ``text`` with its ``(start, end)`` span, or None.

    Four bare digits (``0140``) count only when ``bare_digits`` is true (the caller knows
    the context, e.g. after "Received at"), and never inside a longer number or a date.
    """
    hits: list[tuple[ArchiveTime, int, int]] = []
    for form, pattern in _TIME_PATTERNS:
        if form is TimeForm.DIGITS and not bare_digits:
            continue
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            pos = m.start() + 1
            if form is TimeForm.DIGITS and any(
                s < m.end() and m.start() < e for _, s, e in _scan_dates(text, None)
            ):
                continue
            try:
                hits.append((_time_from_match(m, form), m.start(), m.end()))
                break  # the first good match of a form is its earliest
            except DateFormatError:
                continue
    return min(hits, key=lambda hit: (hit[1], -hit[2]), default=None)


# --- zones ----------------------------------------------------------------------------

#: The zone of the Moscow file, where a telegram's stamps were written unless it says otherwise.
MOSCOW = "Europe/Moscow"

_ZONES = {
    **dict.fromkeys(("MOSCOW", "LENINGRAD"), MOSCOW),
    **dict.fromkeys(("BEIJING", "PEKING", "PEIPING", "SHANGHAI", "PORT ARTHUR"), "Asia/Shanghai"),
    **dict.fromkeys(("NEW YORK", "WASHINGTON"), "America/New_York"),
    "PYONGYANG": "Asia/Pyongyang",
    "SEOUL": "Asia/Seoul",
    "TOKYO": "Asia/Tokyo",
    "TEHRAN": "Asia/Tehran",
    "ANKARA": "Europe/Istanbul",
    "ULAN BATOR": "Asia/Ulaanbaatar",
    "LONDON": "Europe/London",
    "PARIS": "Europe/Paris",
    "BERLIN": "Europe/Berlin",
    "PRAGUE": "Europe/Prague",
    "WARSAW": "Europe/Warsaw",
    "BELGRADE": "Europe/Belgrade",
    "BUDAPEST": "Europe/Budapest",
    "BUCHAREST": "Europe/Bucharest",
    "SOFIA": "Europe/Sofia",
    "STOCKHOLM": "Europe/Stockholm",
    "HELSINKI": "Europe/Helsinki",
    "OTTAWA": "America/Toronto",
    "MEXICO CITY": "America/Mexico_City",
    "SAN FRANCISCO": "America/Los_Angeles",
}


def zone_for(place: str) -> str | None:
    """Return the IANA zone of a period place name (``"PEKING"`` -> ``"Asia/Shanghai"``).

    Case, runs of spaces and surrounding punctuation are ignored; None for an unknown place.
    """
    return _ZONES.get(" ".join(place.strip(" .,:;").split()).upper())


__all__ = [
    "MOSCOW",
    "ArchiveDate",
    "ArchiveTime",
    "search_date",
    "search_time",
    "zone_for",
]
