"""How a date or a time is written: :class:`DateStyle` and :class:`TimeStyle`.

A style records the order of a date's parts, how its month is written (:class:`MonthForm`,
:class:`LetterCase`), its separators, its year's digits and its zero padding, or the form of
a time (:class:`TimeForm`) and its words; the usual forms are class attributes
(``DateStyle.ROMAN_SLASH_DOT`` is ``7/XII.1950``).  docs/reference/dates.md shows them all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, fields
from enum import Enum
from typing import ClassVar

from cipherwire.errors import DateFormatError


class _Enum(Enum):
    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class DateOrder(_Enum):
    """The order of the parts: day-month-year, US month-day-year, or ISO year-month-day."""

    DMY = "DMY"
    MDY = "MDY"
    YMD = "YMD"


class MonthForm(_Enum):
    """How the month is written: ``XII``, ``12``, ``December``, ``Dec.`` or ``Dec``."""

    ROMAN = "roman"
    NUMERIC = "numeric"
    NAME = "name"
    ABBREVIATED = "abbreviated"
    ABBREVIATED_NO_DOT = "abbreviated-no-dot"


class LetterCase(_Enum):
    """The letter case of a written month: ``XII``/``xii``/``Xii``, ``MAY``/``may``/``May``."""

    UPPER = "upper"
    LOWER = "lower"
    TITLE = "title"

    def apply(self, word: str) -> str:
        """Return ``word`` in this case."""
        if self is LetterCase.UPPER:
            return word.upper()
        return word.lower() if self is LetterCase.LOWER else word.capitalize()


class TimeForm(_Enum):
    """How a time is written: ``19 hours 10 minutes``, ``0140``, ``22:03``, ``4:10 am``."""

    WORDS = "words"
    DIGITS = "digits"
    CLOCK = "clock"
    CLOCK_12 = "clock-12"


#: The months as written: Roman numerals, English names and their three-letter abbreviations.
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MONTH_NAMES = tuple(calendar.month_name[1:])
MONTH_ABBRS = tuple(name[:3] for name in MONTH_NAMES)
_SPELLED = (MonthForm.NAME, MonthForm.ABBREVIATED, MonthForm.ABBREVIATED_NO_DOT)
_HOUR_WORDS = ("hours", "hour", "hrs.", "hrs")
_MINUTE_WORDS = ("minutes", "minute", "min.", "min", "mins.", "mins")
_PRESET_NAMES: dict[object, str] = {}  # style -> "DateStyle.ISO", filled below


def fields_repr(obj: object) -> str:
    """The dataclass call that rebuilds ``obj``, every field named (for a value with no preset)."""
    args = ", ".join(f"{f.name}={getattr(obj, f.name)!r}" for f in fields(obj))  # type: ignore[arg-type]
    return f"{type(obj).__name__}({args})"


def _first_problem(checks: tuple[tuple[bool, str], ...]) -> str | None:
    return next((message for failed, message in checks if failed), None)


@dataclass(frozen=True, slots=True, repr=False)
class DateStyle:
    """How a date was written; the class attributes in capitals are the usual forms.

    ``separators`` are the two strings between the three parts (``"/", "."`` in
    ``7/XII.1950``; the second is ``""`` when no year is printed); ``year_digits`` is 4, 2
    or None; ``pad_day``/``pad_month`` say whether 7 is printed ``07``.
    """

    order: DateOrder = DateOrder.DMY
    month_form: MonthForm = MonthForm.ROMAN
    separators: tuple[str, str] = ("/", ".")
    year_digits: int | None = 4
    pad_day: bool = False
    pad_month: bool = False
    month_case: LetterCase = LetterCase.UPPER

    ROMAN_SLASH_DOT: ClassVar[DateStyle]  # 7/XII.1950
    ROMAN_SLASH_DASH: ClassVar[DateStyle]  # 7/XII-50
    ROMAN_DOTS: ClassVar[DateStyle]  # 24.III.50
    NUMERIC_DOT: ClassVar[DateStyle]  # 13.1.1951
    NUMERIC_DOT_SHORT: ClassVar[DateStyle]  # 9.2.51
    NUMERIC_SLASH_DASH: ClassVar[DateStyle]  # 13/5-50
    US_NUMERIC: ClassVar[DateStyle]  # 10/21/50
    ISO: ClassVar[DateStyle]  # 1950-12-07
    SPELLED: ClassVar[DateStyle]  # 14 May 1950
    SPELLED_ABBREVIATED: ClassVar[DateStyle]  # 15 Nov. 1944
    SPELLED_NO_YEAR: ClassVar[DateStyle]  # 5 September
    US_SPELLED: ClassVar[DateStyle]  # December 7, 1950

    def __post_init__(self) -> None:
        numeric, spelled = self.month_form is MonthForm.NUMERIC, self.month_form in _SPELLED
        first, second = self.separators
        seps = ((" ",), (" ", ", ")) if spelled else (("/", ".", "-"),) * 2
        problem = _first_problem(
            (
                (self.year_digits not in (4, 2, None), "year_digits must be 4, 2 or None"),
                (
                    self.order is DateOrder.YMD and (not numeric or self.year_digits != 4),
                    "year-first needs a numeric month and a 4-digit year",
                ),
                (
                    self.order is DateOrder.MDY and self.month_form is MonthForm.ROMAN,
                    "a Roman month is never written first",
                ),
                (numeric and self.year_digits is None, "an all-numeric date needs a year"),
                (spelled and self.year_digits == 2, "a spelled date has a 4-digit year or none"),
                (self.pad_month and not numeric, "only a numeric month can be zero-padded"),
                (first not in seps[0], f"bad first separator {first!r}"),
                (
                    second != "" if self.year_digits is None else second not in seps[1],
                    f"bad second separator {second!r}",
                ),
            )
        )
        if problem is not None:
            raise DateFormatError(f"not a date style: {problem}: {self!r}")

    def __repr__(self) -> str:
        return _PRESET_NAMES.get(self) or fields_repr(self)

    @classmethod
    def presets(cls) -> dict[str, DateStyle]:
        """Return the named styles (``"ISO"`` -> ``DateStyle.ISO``), in definition order."""
        return {k: v for k, v in vars(cls).items() if isinstance(v, DateStyle)}

    def month_text(self, month: int) -> str:
        """Return ``month`` (1-12) as this style writes it."""
        form = self.month_form
        if form is MonthForm.NUMERIC:
            return f"{month:02d}" if self.pad_month else str(month)
        table = {MonthForm.ROMAN: ROMAN_MONTHS, MonthForm.NAME: MONTH_NAMES}.get(form, MONTH_ABBRS)
        dot = "." if form is MonthForm.ABBREVIATED else ""
        return self.month_case.apply(table[month - 1]) + dot


_NUM, _TITLE = MonthForm.NUMERIC, LetterCase.TITLE
DateStyle.ROMAN_SLASH_DOT = DateStyle()
DateStyle.ROMAN_SLASH_DASH = DateStyle(separators=("/", "-"), year_digits=2)
DateStyle.ROMAN_DOTS = DateStyle(separators=(".", "."), year_digits=2)
DateStyle.NUMERIC_DOT = DateStyle(month_form=_NUM, separators=(".", "."))
DateStyle.NUMERIC_DOT_SHORT = DateStyle(month_form=_NUM, separators=(".", "."), year_digits=2)
DateStyle.NUMERIC_SLASH_DASH = DateStyle(month_form=_NUM, separators=("/", "-"), year_digits=2)
DateStyle.US_NUMERIC = DateStyle(DateOrder.MDY, _NUM, ("/", "/"), year_digits=2)
DateStyle.ISO = DateStyle(DateOrder.YMD, _NUM, ("-", "-"), pad_day=True, pad_month=True)
DateStyle.SPELLED = DateStyle(month_form=MonthForm.NAME, separators=(" ", " "), month_case=_TITLE)
DateStyle.SPELLED_ABBREVIATED = DateStyle(
    month_form=MonthForm.ABBREVIATED, separators=(" ", " "), month_case=_TITLE
)
DateStyle.SPELLED_NO_YEAR = DateStyle(
    month_form=MonthForm.NAME, separators=(" ", ""), year_digits=None, month_case=_TITLE
)
DateStyle.US_SPELLED = DateStyle(DateOrder.MDY, MonthForm.NAME, (" ", ", "), month_case=_TITLE)
_PRESET_NAMES.update({v: f"DateStyle.{k}" for k, v in DateStyle.presets().items()})


@dataclass(frozen=True, slots=True, repr=False)
class TimeStyle:
    """How a time was written; the class attributes in capitals are the usual forms.

    ``hour_word``/``minute_word`` serve the WORDS form (``hours``, ``min.``, ...);
    ``meridiem`` is the morning mark as printed (``am``, ``a.m.``, ``AM``, ``A.M.``) and
    ``meridiem_sep`` what stands before it (``" "`` or ``""``), for CLOCK_12 only.
    """

    form: TimeForm = TimeForm.WORDS
    pad_hour: bool = False
    pad_minute: bool = True
    hour_word: str = "hours"
    minute_word: str = "minutes"
    meridiem: str = ""
    meridiem_sep: str = " "

    HOURS_MINUTES: ClassVar[TimeStyle]  # 19 hours 10 minutes
    HOURS_MIN: ClassVar[TimeStyle]  # 21 hours 35 min.
    FOUR_DIGITS: ClassVar[TimeStyle]  # 0140
    CLOCK: ClassVar[TimeStyle]  # 22:03
    CLOCK_AM: ClassVar[TimeStyle]  # 4:10 am
    CLOCK_A_M: ClassVar[TimeStyle]  # 4:45 a.m.

    def __post_init__(self) -> None:
        twelve = self.form is TimeForm.CLOCK_12
        good_mark = re.fullmatch(r"[aA][mM]|[aA]\.[mM]\.", self.meridiem) is not None
        problem = _first_problem(
            (
                (self.hour_word.lower() not in _HOUR_WORDS, f"hour word {self.hour_word!r}"),
                (
                    self.minute_word.lower() not in _MINUTE_WORDS,
                    f"minute word {self.minute_word!r}",
                ),
                (self.form is TimeForm.DIGITS and not self.pad_hour, "four digits are zero-padded"),
                (
                    self.form is not TimeForm.WORDS and not self.pad_minute,
                    "clock minutes are 2 digits",
                ),
                (not good_mark if twelve else self.meridiem != "", f"meridiem {self.meridiem!r}"),
                (self.meridiem_sep not in (" ", ""), f"meridiem separator {self.meridiem_sep!r}"),
            )
        )
        if problem is not None:
            raise DateFormatError(f"not a time style: {problem}: {self!r}")

    def __repr__(self) -> str:
        return _PRESET_NAMES.get(self) or fields_repr(self)

    @classmethod
    def presets(cls) -> dict[str, TimeStyle]:
        """Return the named styles (``"CLOCK"`` -> ``TimeStyle.CLOCK``), in definition order."""
        return {k: v for k, v in vars(cls).items() if isinstance(v, TimeStyle)}


TimeStyle.HOURS_MINUTES = TimeStyle()
TimeStyle.HOURS_MIN = TimeStyle(minute_word="min.")
TimeStyle.FOUR_DIGITS = TimeStyle(TimeForm.DIGITS, pad_hour=True)
TimeStyle.CLOCK = TimeStyle(TimeForm.CLOCK, pad_hour=True)
TimeStyle.CLOCK_AM = TimeStyle(TimeForm.CLOCK_12, meridiem="am")
TimeStyle.CLOCK_A_M = TimeStyle(TimeForm.CLOCK_12, meridiem="a.m.")
_PRESET_NAMES.update({v: f"TimeStyle.{k}" for k, v in TimeStyle.presets().items()})


__all__ = [
    "MONTH_ABBRS",
    "MONTH_NAMES",
    "ROMAN_MONTHS",
    "DateOrder",
    "DateStyle",
    "LetterCase",
    "MonthForm",
    "TimeForm",
    "TimeStyle",
    "fields_repr",
]
