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

import datetime as dt
import string

from hypothesis import strategies as st

from cipherwire.dates import ArchiveDate, ArchiveTime, DateOrder, DateStyle, MonthForm, TimeStyle
from cipherwire.telegram import Telegram

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


def plaintexts(*, min_size: int = 0, max_size: int = 400) -> st.SearchStrategy[str]:
    """Telegram-like plaintext: sentences of words, figures and punctuation."""
    word = st.text(string.ascii_lowercase, min_size=1, max_size=10)
    token = st.one_of(
        word,
        word.map(str.capitalize),
        st.integers(0, 99999).map(str),
        st.sampled_from([",", ".", ":", ";", "?", "!", "-", "“", "”", "(", ")"]),
    )
    return (
        st.lists(token, min_size=1, max_size=max(1, max_size // 4))
        .map(lambda tokens: " ".join(tokens))
        .filter(lambda text: min_size <= len(text) <= max_size)
    )


def _body() -> st.SearchStrategy[str]:
    sentence = st.lists(
        st.text(string.ascii_lowercase, min_size=1, max_size=9), min_size=6, max_size=14
    ).map(lambda ws: " ".join(ws).capitalize() + ".")
    paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
    return st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join)


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
        special_numbers=st.lists(st.integers(1, 9999).map(str), max_size=3).map(tuple),
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


__all__ = ["archive_dates", "archive_times", "plaintexts", "telegrams"]
