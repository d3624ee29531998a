"""Tests for the archive telegram: reading, printing back, and the derived views."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire import strategies as cws
from cipherwire.errors import TelegramFormatError
from cipherwire.telegram.document import Precedence, Telegram

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "000_ee3f4792618692d7.txt"
CORPUS = sorted((Path(__file__).parents[1] / "data" / "telegrams").glob("*.txt"))


@pytest.fixture(scope="module")
def seed() -> Telegram:
    """The seed telegram, parsed."""
    return Telegram.from_text(SEED.read_text("utf-8"))


def test_seed_known_fields(seed: Telegram) -> None:
    """The seed's header and trailer fields are read as the archive document gives them."""
    data = seed.to_json()
    assert data["office"] == "MID USSR"
    assert data["number"] == "23343"
    assert data["department"] == "Tenth department"
    assert data["received"] == "1950-12-07T19:10:00+03:00"
    assert data["dispatched"] == "1950-12-07T20:40:00+03:00"
    assert data["special_numbers"] == ["1691", "1692"]
    assert data["kind"] == "CIPHERED TELEGRAM"
    assert data["destination"] == "BEIJING"
    assert data["addressee"] == "SOVIET AMBASSADOR"
    assert data["classification"] == "SPECIAL FILE"
    assert data["priority"] == "TOP PRIORITY"
    assert data["precedence"] == "top"
    assert data["serial"] == "2522"
    assert data["instruction"] == "Telegraph the fulfillment."
    assert data["official"] == "GROMYKO"
    assert data["signature"] == "FILIPPOV [Stalin]"
    assert data["date"] == "1950-12-07"
    assert data["copies"] == [
        "Stalin",
        "Molotov",
        "Malenkov",
        "Bulganin",
        "Vyshinsky",
        "10th Department",
        "Copy",
    ]
    assert data["unparsed_lines"] == []


def test_seed_body_and_text_as_sent(seed: Telegram) -> None:
    """The body runs from the serial to the signature; editorial brackets leave the sent view."""
    assert seed.body.startswith("Immediately visit Zhou Enlai")
    assert seed.body.endswith("FILIPPOV [Stalin].”")
    assert "[making]" in seed.body and "[Stalin]" in seed.body
    sent = seed.body_as_sent
    assert "[" not in sent and "]" not in sent
    assert "to box us on the ear by a UN resolution" in sent
    assert sent.endswith("FILIPPOV.”")
    assert "GROMYKO" not in seed.body and "Copies" not in seed.body


def test_seed_to_text_keeps_every_line(seed: Telegram) -> None:
    """Printing the parsed seed gives back its text byte for byte."""
    assert seed.to_text() == SEED.read_text("utf-8")


def test_seed_moscow_and_beijing_time(seed: Telegram) -> None:
    """19:10 in Moscow on 7 December 1950 was 00:10 on 8 December in Beijing."""
    from zoneinfo import ZoneInfo

    assert seed.received is not None
    beijing = seed.received.astimezone(ZoneInfo("Asia/Shanghai"))
    assert (beijing.day, beijing.hour, beijing.minute) == (8, 0, 10)


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_round_trip(path: Path) -> None:
    """Every varied archive document prints back exactly as it was read."""
    text = path.read_bytes().decode("utf-8")
    assert Telegram.from_text(text).to_text() == text


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_expected_fields(path: Path) -> None:
    """The reader finds the fields of documents in other layouts of the period."""
    text = path.read_bytes().decode("utf-8")
    expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    telegram = Telegram.from_text(text)
    data = telegram.to_json()
    for key, want in expected.items():
        if key == "body_contains":
            body = " ".join(telegram.body_as_sent.split())
            for phrase in want:
                assert phrase in body, (key, phrase)
        elif key == "body_excludes":
            for phrase in want:
                assert phrase not in telegram.body, (key, phrase)
        elif key == "body_as_sent_excludes":
            for phrase in want:
                assert phrase not in telegram.body_as_sent, (key, phrase)
        else:
            assert _normal(data[key]) == _normal(want), key


@given(cws.telegrams())
def test_canonical_round_trip(telegram: Telegram) -> None:
    """A telegram built in code prints and reads back to the same telegram."""
    assert Telegram.from_text(telegram.to_text()) == telegram


@given(st.text())
def test_reader_keeps_any_text(text: str) -> None:
    """Any text reads as a telegram that prints back unchanged (nothing is dropped)."""
    assert Telegram.from_text(text).to_text() == text


@given(st.text(alphabet=st.sampled_from(list("0123456789./-:XIVMCL |aApmNo#º\n ,"))))
def test_reader_on_date_like_noise(text: str) -> None:
    """Noise made of date and number characters never breaks the reader."""
    assert Telegram.from_text(text).to_text() == text


def test_body_only_is_a_telegram() -> None:
    """A document with only a body is valid: every header field is absent."""
    t = Telegram.from_text("We agree with your proposal and ask you to inform the comrades.\n")
    assert t.body == "We agree with your proposal and ask you to inform the comrades."
    assert t.number is None and t.received is None and t.copies == ()
    assert t.precedence is Precedence.ORDINARY


@pytest.mark.parametrize(
    ("marking", "precedence"),
    [
        ("TOP PRIORITY", Precedence.TOP),
        ("Top Priority", Precedence.TOP),
        ("EXTREMELY URGENT", Precedence.TOP),
        ("out of turn", Precedence.TOP),
        ("URGENT", Precedence.URGENT),
        (None, Precedence.ORDINARY),
        ("ordinary", Precedence.ORDINARY),
    ],
    ids=lambda v: str(v),
)
def test_precedence_of_marking(marking: str | None, precedence: Precedence) -> None:
    """Printed priority markings map to the three precedence classes (our model)."""
    assert Precedence.of_marking(marking) is precedence


def test_precedence_rank_orders_queues() -> None:
    """Top goes before urgent goes before ordinary."""
    ranks = [p.rank for p in (Precedence.TOP, Precedence.URGENT, Precedence.ORDINARY)]
    assert ranks == sorted(ranks) and len(set(ranks)) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": "12\n34"}, "number must be one line"),
        ({"official": "  GROMYKO"}, "official must be one line"),
        ({"zone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"copies": ("Stalin", "")}, "copies entries must be text"),
        ({"layout": "{body} {nonsense}"}, "unknown field 'nonsense'"),
        ({"layout": "no body here"}, "exactly one {body}"),
        ({"layout": "{body}", "official": "GROMYKO"}, "no place for official"),
        ({"layout": "{copies[0]} {body}", "copies": ("a", "b")}, "places for 1 copies"),
    ],
    ids=[
        "newline",
        "outer-space",
        "zone",
        "empty-copy",
        "unknown-field",
        "no-body",
        "no-place",
        "short-list",
    ],
)
def test_bad_fields(changes: dict[str, Any], message: str) -> None:
    """Malformed fields or layouts raise TelegramFormatError saying what is wrong."""
    with pytest.raises(TelegramFormatError, match=re.escape(message)):
        Telegram(**changes)


def test_replace_keeps_layout(seed: Telegram) -> None:
    """Changing a field of a parsed telegram prints the new value in the old layout."""
    changed = seed.replace(destination="PYONGYANG")
    assert "To PYONGYANG To SOVIET AMBASSADOR" in changed.to_text()
    assert changed.to_text().count("\n") == seed.to_text().count("\n")


def test_reader_raises_only_format_errors() -> None:
    """Non-text input is refused with TelegramFormatError."""
    with pytest.raises(TelegramFormatError):
        Telegram.from_text(b"bytes")  # type: ignore[arg-type]


def test_hyphenated_special_numbers_read_back() -> None:
    """Part numbers such as 7-1 (a cable's parts without special numbers) read back whole."""
    built = Telegram(number="7", special_numbers=("7-1", "7-2"), body="HELLO.")
    assert Telegram.from_text(built.to_text()).special_numbers == ("7-1", "7-2")
