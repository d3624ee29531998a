"""Tests for the cable's preamble: printing, reading back, and refusing bad values."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.cable.form import Cable, CablePart
from cipherwire.cable.preamble import Preamble
from cipherwire.errors import CableFormatError, CipherwireError

FILED = datetime.datetime(1950, 12, 7, 20, 40, tzinfo=ZoneInfo("Europe/Moscow"))
FULL = Preamble(
    priority="TOP PRIORITY",
    origin="MOSCOW",
    destination="BEIJING",
    addressee="SOVIET AMBASSADOR",
    office="MID USSR",
    reference="23343",
    serial="2522",
    classification="SPECIAL FILE",
    codebook="cipherwire-diplomatic-1950",
    filed=FILED,
    classroom_seed=1950,
)
TEXT_FIELDS = (
    "priority",
    "origin",
    "destination",
    "addressee",
    "office",
    "reference",
    "serial",
    "classification",
    "codebook",
)
ZONES = ("Europe/Moscow", "Asia/Shanghai", "America/New_York", "Asia/Tehran", "UTC")

_lines = st.text(st.characters(exclude_characters="\n\r"), min_size=1, max_size=24).filter(
    lambda s: s == s.strip()
)
_filed = st.builds(
    lambda moment, zone: moment.replace(tzinfo=ZoneInfo(zone)),
    st.datetimes(
        min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31)
    ).map(lambda d: d.replace(second=0, microsecond=0)),
    st.sampled_from(ZONES),
)
preambles = st.builds(
    Preamble,
    **{name: st.none() | _lines for name in TEXT_FIELDS},
    filed=st.none() | _filed,
    classroom_seed=st.none() | st.integers(-(10**12), 10**12),
)


def _rebuild(text: str) -> object:
    namespace = {"Preamble": Preamble, "datetime": datetime, "zoneinfo": zoneinfo}
    return eval(text, namespace)


def test_to_text_prints_every_line_in_order() -> None:
    """A full preamble prints one LABEL: value line a field, in the form's order."""
    assert FULL.to_text() == (
        "PRIORITY: TOP PRIORITY\n"
        "FROM: MOSCOW\n"
        "TO: BEIJING\n"
        "ADDRESSEE: SOVIET AMBASSADOR\n"
        "OFFICE: MID USSR\n"
        "NUMBER: 23343\n"
        "SERIAL: 2522\n"
        "CLASSIFICATION: SPECIAL FILE\n"
        "CODEBOOK: cipherwire-diplomatic-1950\n"
        "FILED: 20 hours 40 minutes 7/XII.1950 Europe/Moscow\n"
        "PAD: CLASSROOM PAD - NOT SECURE (SEED 1950)\n"
    )


def test_fields_left_out_print_no_line() -> None:
    """A field that is None prints nothing; an empty preamble prints nothing at all."""
    assert Preamble().to_text() == ""
    assert Preamble(destination="BEIJING", classroom_seed=7).to_text() == (
        "TO: BEIJING\nPAD: CLASSROOM PAD - NOT SECURE (SEED 7)\n"
    )


def test_text_round_trip() -> None:
    """The full preamble, and the empty one, read back equal."""
    assert Preamble.from_text(FULL.to_text()) == FULL
    assert Preamble.from_text("") == Preamble()


def test_from_text_takes_any_order_and_blank_lines() -> None:
    """Lines may come in any order, indented, with blank lines and CR LF line ends."""
    text = "\r\n  TO: BEIJING\r\n\r\nPRIORITY:   URGENT  \r\n"
    assert Preamble.from_text(text) == Preamble(priority="URGENT", destination="BEIJING")


@given(preambles)
def test_text_round_trip_property(preamble: Preamble) -> None:
    """Preamble.from_text(p.to_text()) == p for any valid preamble."""
    assert Preamble.from_text(preamble.to_text()) == preamble


@given(preambles)
def test_repr_round_trip_property(preamble: Preamble) -> None:
    """repr is one line and rebuilds an equal preamble."""
    shown = repr(preamble)
    assert "\n" not in shown
    assert _rebuild(shown) == preamble


def test_repr_names_only_the_fields_given() -> None:
    """repr is the keyword call with the fields that are not None."""
    assert repr(Preamble(destination="BEIJING", classroom_seed=7)) == (
        "Preamble(destination='BEIJING', classroom_seed=7)"
    )
    assert repr(Preamble()) == "Preamble()"
    assert _rebuild(repr(FULL)) == FULL


def test_cable_prints_its_preamble_in_every_part() -> None:
    """Each part of a cable repeats the preamble's text after its head line."""
    parts = (CablePart("1691", ("12345",)), CablePart("1692", ("54321",)))
    cable = Cable(parts=parts, preamble=FULL)
    text = cable.to_text()
    assert text.count(FULL.to_text()) == 2
    assert Cable.from_text(text).preamble == FULL


def test_cable_refuses_a_preamble_that_is_not_one() -> None:
    """A cable's preamble must be a Preamble (a dict of fields is refused)."""
    with pytest.raises(CableFormatError, match=re.escape("got {'priority': 'URGENT'}")):
        Cable(parts=(CablePart("1", ("12345",)),), preamble={"priority": "URGENT"})  # type: ignore[arg-type]


BAD_VALUES = [
    ("empty", {"origin": ""}, "origin must be one line of text without outer spaces, got ''"),
    ("blank", {"office": "   "}, "office must be one line of text without outer spaces, got '   '"),
    (
        "outer-space",
        {"origin": " MOSCOW"},
        "origin must be one line of text without outer spaces, got ' MOSCOW'",
    ),
    ("two-lines", {"destination": "A\nB"}, "destination must be one line of text"),
    ("carriage-return", {"addressee": "A\rB"}, "got 'A\\rB'"),
    (
        "not-text",
        {"serial": 2522},
        "serial must be one line of text without outer spaces, got 2522",
    ),
    (
        "naive-filed",
        {"filed": datetime.datetime(1950, 12, 7, 20, 40)},
        "the time filed must be zone-aware with a named zone (zoneinfo), got "
        "datetime.datetime(1950, 12, 7, 20, 40)",
    ),
    (
        "fixed-offset",
        {"filed": datetime.datetime(1950, 12, 7, 20, 40, tzinfo=datetime.UTC)},
        "zone-aware with a named zone (zoneinfo), got datetime.datetime(1950, 12, 7, 20, 40, "
        "tzinfo=datetime.timezone.utc)",
    ),
    (
        "a-date",
        {"filed": datetime.date(1950, 12, 7)},
        "the time filed must be zone-aware with a named zone (zoneinfo), got "
        "datetime.date(1950, 12, 7)",
    ),
    (
        "seconds",
        {"filed": FILED.replace(second=5)},
        "the time filed is given to the minute on the form, got datetime.datetime(1950, 12, 7, "
        "20, 40, 5",
    ),
    ("seed-bool", {"classroom_seed": True}, "the classroom seed must be a whole number, got True"),
    (
        "seed-text",
        {"classroom_seed": "1950"},
        "the classroom seed must be a whole number, got '1950'",
    ),
]


@pytest.mark.parametrize(
    ("fields", "message"), [b[1:] for b in BAD_VALUES], ids=[b[0] for b in BAD_VALUES]
)
def test_bad_values(fields: dict[str, object], message: str) -> None:
    """Each bad field raises CableFormatError quoting the value."""
    with pytest.raises(CableFormatError, match=re.escape(message)):
        Preamble(**fields)  # type: ignore[arg-type]


BAD_TEXTS = [
    (
        "no-colon",
        "TO: BEIJING\nPRIORITY URGENT\n",
        "line 2: expected 'LABEL: value', got 'PRIORITY URGENT'",
    ),
    ("twice", "TO: BEIJING\nTO: PEKING\n", "line 2: TO is given twice, first on line 1"),
    ("unknown", "\nCOLOUR: RED\n", "line 2: unknown preamble line 'COLOUR'"),
    ("groups", "GROUPS: 12\n", "line 1: unknown preamble line 'GROUPS'"),
    ("head", "CABLE 1691 PART 1 OF 2\n", "line 1: expected 'LABEL: value', got 'CABLE 1691"),
    ("no-value", "TO: BEIJING\nFROM:\n", "line 2: FROM has no value: ''"),
    (
        "filed-words",
        "FILED: yesterday\n",
        "line 1: FILED needs a time, a date and a zone, got 'yesterday'",
    ),
    (
        "filed-zone",
        "FILED: 20 hours 40 minutes 7/XII.1950 Mars/Base\n",
        "line 1: unknown time zone 'Mars/Base' in FILED",
    ),
    ("pad-note", "PAD: ONE-TIME PAD\n", "line 1: unknown PAD note 'ONE-TIME PAD'"),
    (
        "seed-word",
        "PAD: CLASSROOM PAD - NOT SECURE (SEED ten)\n",
        "unknown PAD note 'CLASSROOM PAD - NOT SECURE (SEED ten)'",
    ),
]


@pytest.mark.parametrize(
    ("text", "message"), [b[1:] for b in BAD_TEXTS], ids=[b[0] for b in BAD_TEXTS]
)
def test_bad_texts(text: str, message: str) -> None:
    """Each malformed preamble text raises CableFormatError naming the line, quoting it."""
    with pytest.raises(CableFormatError, match=re.escape(message)):
        Preamble.from_text(text)


def test_from_text_refuses_what_is_not_text() -> None:
    """Bytes are refused, naming their type."""
    with pytest.raises(CableFormatError, match="expected text, got bytes"):
        Preamble.from_text(b"TO: BEIJING\n")  # type: ignore[arg-type]


def test_errors_are_value_errors() -> None:
    """A bad preamble is both a CipherwireError and a ValueError."""
    with pytest.raises(CipherwireError) as info:
        Preamble(origin="")
    assert isinstance(info.value, ValueError)
