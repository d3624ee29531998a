"""Tests for the cable form: printing, reading back, and refusing malformed cables."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.cable.form import Cable, CablePart
from cipherwire.cable.preamble import Preamble
from cipherwire.errors import CableFormatError

FILED = dt.datetime(1950, 12, 7, 20, 40, tzinfo=ZoneInfo("Europe/Moscow"))


PARTS = (
    CablePart("1691", ("12345", "67890", "11111", "22222")),
    CablePart("1692", ("54321", "09876", "33333")),
)


def _cable(parts: tuple[CablePart, ...] = PARTS, **changes: object) -> Cable:
    fields: dict[str, object] = {
        "priority": "TOP PRIORITY",
        "origin": "MOSCOW",
        "destination": "BEIJING",
        "addressee": "SOVIET AMBASSADOR",
        "reference": "23343",
        "serial": "2522",
        "filed": FILED,
    }
    fields.update(changes)
    return Cable(parts=parts, preamble=Preamble(**fields))  # type: ignore[arg-type]


def test_text_round_trip() -> None:
    """A printed cable reads back equal, every preamble field included."""
    cable = _cable(classroom_seed=1950, codebook="cipherwire-diplomatic-1950")
    text = cable.to_text()
    assert "CABLE 1691 PART 1 OF 2" in text and "CABLE 1692 PART 2 OF 2" in text
    assert "PAD: CLASSROOM PAD - NOT SECURE (SEED 1950)" in text
    assert "FILED: 20 hours 40 minutes 7/XII.1950 Europe/Moscow" in text
    assert Cable.from_text(text) == cable


def test_groups_ten_to_a_line() -> None:
    """Groups are printed ten to a line."""
    cable = _cable(parts=(CablePart("1", tuple(f"{i:05d}" for i in range(23))),))
    lines = [ln for ln in cable.to_text().splitlines() if re.fullmatch(r"[\d ]+", ln)]
    assert [len(ln.split()) for ln in lines] == [10, 10, 3]


@given(
    st.lists(
        st.lists(st.text("0123456789?", min_size=5, max_size=5), min_size=1, max_size=40),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([None, "URGENT", "TOP PRIORITY"]),
    st.none()
    | st.datetimes(min_value=dt.datetime(1944, 1, 1), max_value=dt.datetime(1953, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0, tzinfo=ZoneInfo("Asia/Shanghai"))
    ),
)
def test_text_round_trip_property(
    groups: list[list[str]], priority: str | None, filed: dt.datetime | None
) -> None:
    """Cable.from_text(c.to_text()) == c for any parts, groups (with '?') and preamble."""
    parts = tuple(CablePart(str(1000 + i), tuple(g)) for i, g in enumerate(groups))
    cable = Cable(parts=parts, preamble=Preamble(priority=priority, filed=filed))
    assert Cable.from_text(cable.to_text()) == cable


def _replace_line(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


BAD_CABLES = [
    (
        "count",
        lambda t: _replace_line(t, "GROUPS: 4", "GROUPS: 5"),
        "line 9: part 1691 has 4 groups but its check says 5",
    ),
    (
        "letters",
        lambda t: _replace_line(t, "67890", "6789O"),
        "line 11, group 2: part 1691: '6789O' is not a five-figure group",
    ),
    (
        "four-figures",
        lambda t: _replace_line(t, "67890", "6789"),
        "group 2: part 1691: '6789' is not a five-figure group",
    ),
    (
        "truncated",
        lambda t: t[: t.index("CABLE 1692")],
        "the cable has 1 of its 2 parts: it is truncated",
    ),
    (
        "missing-part-1",
        lambda t: t[t.index("CABLE 1692") :],
        "part 2 of 2 (1692) where part 1 was expected",
    ),
    (
        "disagree",
        lambda t: t[::-1].replace("GNIJIEB", "GNAYGNOYP", 1)[::-1],
        "TO is 'PYONGYANG' here but 'BEIJING' on line 4: the parts disagree",
    ),
    ("no-head", lambda t: "HELLO\n" + t, "line 1: expected 'CABLE <number> PART <n> OF <m>'"),
    ("empty", lambda t: "\n\n", "the cable is empty"),
    (
        "bad-filed",
        lambda t: t.replace("Europe/Moscow", "Mars/Base"),
        "unknown time zone 'Mars/Base'",
    ),
    (
        "unknown-label",
        lambda t: _replace_line(t, "SERIAL:", "SERIALS:"),
        "unknown preamble line 'SERIALS'",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [b[1:] for b in BAD_CABLES], ids=[b[0] for b in BAD_CABLES]
)
def test_bad_cables(change: object, message: str) -> None:
    """Each malformed cable raises CableFormatError saying where and quoting the value."""
    text = change(_cable().to_text())  # type: ignore[operator]
    with pytest.raises(CableFormatError, match=re.escape(message)):
        Cable.from_text(text)


def test_part_rejects_bad_group() -> None:
    """A CablePart built in code checks its groups too."""
    with pytest.raises(CableFormatError, match=r"group 1: part 7: '1234' is not"):
        CablePart("7", ("1234",))


def test_naive_filed_time_refused() -> None:
    """The time filed must be zone-aware."""
    with pytest.raises(CableFormatError, match="zone-aware"):
        _cable(filed=dt.datetime(1950, 12, 7, 20, 40))
