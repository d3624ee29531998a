"""Hypothesis strategies for property tests of your own, like ``hypothesis.extra.numpy``.

A course writes round-trip properties with these::

    from hypothesis import given
    from cipherwire import strategies as cws

    @given(cws.telegrams())
    def test_my_printer_round_trips(telegram):
        assert Telegram.from_text(telegram.to_text()) == telegram

Importing this module needs ``hypothesis`` (``pip install "cipherwire[test]"``).
"""

from __future__ import annotations

import atexit
import datetime as dt
import itertools
import shutil
import string
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from cipherwire.codebook.book import Codebook
from cipherwire.errors import StrategyArgumentError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Telegram
from cipherwire.telegram.styles import DateOrder, DateStyle, MonthForm, TimeStyle

_OFFICES = ("MID USSR", "MFA USSR", "NKID USSR", "General Staff")
_DEPARTMENTS = ("Tenth department", "Eighth department", "2nd Department", "First department")
_KINDS = ("CIPHERED TELEGRAM", "Ciphered Telegram", "TELEGRAM", "CABLE")
_PLACES = ("BEIJING", "PEKING", "PYONGYANG", "NEW YORK", "TEHRAN", "LONDON", "WASHINGTON")
_ADDRESSEES = ("SOVIET AMBASSADOR", "SovAmbassador", "Comrade Roshchin", "Comrade Shtykov")
_CLASSIFICATIONS = ("SPECIAL FILE", "TOP SECRET", "Top Secret", "STRICTLY SECRET", "SECRET")
_PRIORITIES = ("TOP PRIORITY", "Top Priority", "EXTREMELY URGENT", "URGENT", "OUT OF TURN")
_INSTRUCTIONS = ("Telegraph the fulfillment.", "Confirm receipt.", "Report execution.")
_OFFICIALS = ("GROMYKO", "VYSHINSKY", "MOLOTOV", "ROSHCHIN", "ZAKHAROV")
_NAMES = ("Stalin", "Molotov", "Malenkov", "Bulganin", "Vyshinsky", "10th Department", "Copy")


def archive_dates(
    *, min_value: dt.date = dt.date(1944, 1, 1), max_value: dt.date = dt.date(1953, 12, 31)
) -> st.SearchStrategy[ArchiveDate]:
    """Dates of the period, in any of the styles archive documents use (with a year)."""
    if not (isinstance(min_value, dt.date) and isinstance(max_value, dt.date)):
        raise StrategyArgumentError(
            f"min_value and max_value must be dates, not {min_value!r} and {max_value!r}"
        )
    if min_value > max_value:
        raise StrategyArgumentError(
            f"min_value {min_value.isoformat()!r} is after max_value {max_value.isoformat()!r}"
        )
    # Month-first numeric dates ("10/21/50") are read day-first unless a reader is told
    # otherwise, so they are left out: a printed telegram must read back the same.
    styles = [
        s
        for s in DateStyle.presets().values()
        if s.year_digits and not (s.order is DateOrder.MDY and s.month_form is MonthForm.NUMERIC)
    ]
    return st.builds(
        lambda day, style: ArchiveDate.of(day, style=style),
        st.dates(min_value=min_value, max_value=max_value),
        st.sampled_from(styles),
    )


def archive_times() -> st.SearchStrategy[ArchiveTime]:
    """Times of day, in any of the styles archive documents use."""
    return st.builds(
        lambda t, style: ArchiveTime.of(t, style=style),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        st.sampled_from(list(TimeStyle.presets().values())),
    )


def plaintexts(*, min_size: int = 1, max_size: int = 400) -> st.SearchStrategy[str]:
    """Telegram-like plaintext: one line of words, figures and punctuation.

    The text is never empty and its length lies in ``[max(min_size, 1), max_size]``.
    """
    _check_int("min_size", min_size, low=0)
    low = max(1, min_size)
    _check_int("max_size", max_size, low=low)
    word = st.text(string.ascii_lowercase, min_size=1, max_size=10)
    token = st.one_of(
        word,
        word.map(str.capitalize),
        st.integers(0, 99999).map(str),
        st.sampled_from([",", ".", ":", ";", "?", "!", "-", "“", "”", "(", ")"]),
    )

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(token)[:max_size]
        # Tokens are added while the text is short of min_size, then at the draw's choice,
        # each cut to the room left, so every length asked for is reachable.
        while len(text) + 1 < max_size and (len(text) < low or draw(st.booleans())):
            text += " " + draw(token)[: max_size - len(text) - 1]
        if len(text) < low:
            text += "."
        return text

    return build()


def codebooks(*, max_words: int = 200) -> st.SearchStrategy[Codebook]:
    """Small generated codebooks, one-part or two-part (seeded, so shrinking works)."""
    _check_int("max_words", max_words, low=0)
    word = st.text(string.ascii_lowercase, min_size=1, max_size=10)
    phrase = st.lists(word, min_size=1, max_size=3).map(" ".join)
    return st.builds(
        Codebook.generate,
        st.lists(phrase, max_size=max_words),
        two_part=st.booleans(),
        seed=st.integers(0, 2**32),
    )


def _check_int(name: str, value: object, *, low: int) -> None:
    """Refuse a bound that is not a whole number of at least ``low``, before any draw."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise StrategyArgumentError(f"{name} must be a whole number >= {low}, not {value!r}")


_PAD_FOLDER: list[Path] = []


def _pad_folder() -> Path:
    if not _PAD_FOLDER:
        folder = Path(tempfile.mkdtemp(prefix="cipherwire-padbooks-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _PAD_FOLDER.append(folder)
    return _PAD_FOLDER[0]


def padbooks(
    *, min_pages: int = 1, max_pages: int = 40, groups_per_page: int | None = None
) -> st.SearchStrategy[PadBook]:
    """Fresh classroom pad books (seeded, labelled NOT SECURE) in a temporary folder.

    Each example is a new file with no page issued; the folder is removed when the
    Python process exits.
    """
    _check_int("min_pages", min_pages, low=1)
    _check_int("max_pages", max_pages, low=min_pages)
    if groups_per_page is not None:
        _check_int("groups_per_page", groups_per_page, low=2)  # as PadBook.create asks
    groups = st.integers(3, 60) if groups_per_page is None else st.just(groups_per_page)

    def make(pages: int, per_page: int, seed: int) -> PadBook:
        path = _pad_folder() / f"pad-{next(_COUNTER)}.sqlite"
        return PadBook.create(path, pages=pages, groups_per_page=per_page, seed=seed)

    return st.builds(make, st.integers(min_pages, max_pages), groups, st.integers(0, 2**32))


_COUNTER = itertools.count()


def _body() -> st.SearchStrategy[str]:
    sentence = st.lists(
        st.text(string.ascii_lowercase, min_size=1, max_size=9), min_size=6, max_size=14
    ).map(lambda ws: " ".join(ws).capitalize() + ".")
    paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
    return st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join)


#: Special (part) numbers as the archive prints them, and as a cable's parts are numbered
#: when a telegram has none of its own ("2522-1").
_special_number = st.integers(1, 9999).map(str) | st.builds(
    "{}-{}".format, st.integers(1, 9999), st.integers(1, 9)
)


def telegrams() -> st.SearchStrategy[Telegram]:
    """Archive telegrams of the period, any field present or absent, canonical layout."""
    optional = st.none
    built = st.builds(
        Telegram,
        office=optional() | st.sampled_from(_OFFICES),
        number=optional() | st.integers(1, 99999).map(str),
        department=optional() | st.sampled_from(_DEPARTMENTS),
        received_time=optional() | archive_times(),
        received_date=optional() | archive_dates(),
        dispatched_time=optional() | archive_times(),
        dispatched_date=optional() | archive_dates(),
        special_numbers=st.lists(_special_number, max_size=3).map(tuple),
        kind=optional() | st.sampled_from(_KINDS),
        origin=optional() | st.sampled_from(_PLACES),
        destination=optional() | st.sampled_from(_PLACES),
        addressee=optional() | st.sampled_from(_ADDRESSEES),
        classification=optional() | st.sampled_from(_CLASSIFICATIONS),
        priority=optional() | st.sampled_from(_PRIORITIES),
        serial=optional() | st.integers(1, 9999).map(str),
        body=_body(),
        instruction=optional() | st.sampled_from(_INSTRUCTIONS),
        official=optional() | st.sampled_from(_OFFICIALS),
        date=optional() | archive_dates(),
        copies=st.lists(st.sampled_from(_NAMES), max_size=7, unique=True).map(tuple),
    )
    # A closing instruction stands above a signature or a date (as in the archive form).
    return built.map(
        lambda t: t if t.official or t.date or not t.instruction else t.replace(instruction=None)
    )


__all__ = ["archive_dates", "archive_times", "codebooks", "padbooks", "plaintexts", "telegrams"]
