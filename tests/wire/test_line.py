"""Tests for the line: timing, seeded garbles, the receiver's flags and repeats."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import decipher, encipher
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.errors import WireError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram
from cipherwire.wire import ita2, morse
from cipherwire.wire.line import Garble, Line, Telegraphy


@pytest.fixture
def cable(seed: Telegram, padbook: PadBook) -> Cable:
    """The seed's cable."""
    return encipher(seed, Codebook.default(), padbook)


def test_teleprinter_time_is_characters_times_150_ms(cable: Cable) -> None:
    """At 50 baud the cable takes 150 ms a character: groups x 6 characters, plus preamble."""
    line = Line(via=Telegraphy.TELEPRINTER, baud=50)
    sent = line.transmit(cable)
    text = cable.to_text()
    characters = len(ita2.encode(text))
    assert sent.duration.total_seconds() == pytest.approx(characters * 0.15)
    group_part = cable.group_count * 6 * 0.15
    preamble = sent.duration.total_seconds() - group_part
    assert 0 < preamble < 0.15 * len(text) - group_part + 60


def test_times_are_zone_aware_moscow_and_beijing(cable: Cable) -> None:
    """Sending starts when the cable was filed, in Moscow time; arrival is in Beijing time."""
    sent = Line(via=Telegraphy.MORSE, wpm=16).transmit(cable)
    assert sent.start == dt.datetime(1950, 12, 7, 20, 40, tzinfo=ZoneInfo("Europe/Moscow"))
    assert sent.start.utcoffset() == dt.timedelta(hours=3)
    assert sent.arrival.utcoffset() == dt.timedelta(hours=8)
    assert sent.arrival == sent.end
    assert sent.local(sent.start, "Asia/Shanghai").hour == 1  # 01:40 on 8 December


def test_morse_time_is_units_times_unit_length(cable: Cable) -> None:
    """At 16 wpm a Morse unit is 1.2 / 16 s; the cable's time is its units times that."""
    units = morse.units(" ".join(cable.to_text().split()))
    sent = Line(via=Telegraphy.MORSE, wpm=16).transmit(cable)
    assert sent.duration.total_seconds() == pytest.approx(units * 1.2 / 16, abs=1e-3)
    tty = Line(via=Telegraphy.TELEPRINTER, baud=50).transmit(cable)
    assert sent.duration > 4 * tty.duration  # figures are long in Morse (DOMAIN.md §5)


def test_clean_line_delivers_the_cable(cable: Cable) -> None:
    """With no errors, what arrives is what was sent."""
    sent = Line(error_rate=0.0).transmit(cable)
    assert sent.received == cable and sent.garbled == () and sent.flagged == ()
    assert sent.repeat_request() is None


def test_same_seed_same_garbles(cable: Cable) -> None:
    """A noisy line with a fixed seed garbles the same groups every run."""
    line = Line(error_rate=0.02, burst=2, seed=7)
    first, second = line.transmit(cable), line.transmit(cable)
    assert first.received == second.received and first.garbled
    other = Line(error_rate=0.02, burst=2, seed=8).transmit(cable)
    assert other.garbled != first.garbled


def test_receiver_flags_every_changed_group(cable: Cable, padbook: PadBook) -> None:
    """Every group whose figures changed is flagged, and decoding reports, not guesses."""
    sent = Line(error_rate=0.01, seed=3).transmit(cable)
    assert sent.flagged == sent.garbled and sent.garbled
    text = sent.received.to_text()
    result = decipher(Cable.from_text(text), Codebook.default(), padbook)
    assert result.flagged
    assert all(why == "garbled in transit" for _, _, why in result.flagged)


def test_repeat_request_and_resend(cable: Cable, padbook: PadBook, seed: Telegram) -> None:
    """The service message names the flagged groups; a clean repeat restores the text."""
    line = Line(error_rate=0.01, seed=3)
    sent = line.transmit(cable)
    request = sent.repeat_request()
    assert request is not None and request.startswith("SVC RPT ")
    for part, group in sent.flagged:
        assert part in request and str(group) in request
    repaired = Line(error_rate=0.0).resend(sent)
    assert repaired.received == cable and repaired.start >= sent.end
    result = decipher(repaired.received, Codebook.default(), padbook)
    assert result.telegram.body == normalise(seed.body_as_sent)


def test_substitution_is_silent(cable: Cable) -> None:
    """A substituted figure is not flagged: only the decoded words can show it."""
    sent = Line(error_rate=0.01, seed=3, garble=Garble.SUBSTITUTE).transmit(cable)
    assert sent.garbled and sent.flagged == ()
    assert all("?" not in g for p in sent.received.parts for g in p.groups)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"wpm": 0}, "wpm must be a positive number, got 0"),
        ({"baud": -50}, "baud must be a positive number, got -50"),
        ({"wpm": float("nan")}, "wpm must be a positive number, got nan"),
        ({"error_rate": 1.5}, "error rate must be in [0, 1], got 1.5"),
        ({"error_rate": -0.1}, "error rate must be in [0, 1], got -0.1"),
        ({"burst": 0.5}, "burst length must be at least 1, got 0.5"),
        ({"destination_zone": "Moon/Base"}, "unknown time zone 'Moon/Base'"),
    ],
    ids=["wpm-zero", "baud-negative", "wpm-nan", "rate-high", "rate-negative", "burst", "zone"],
)
def test_bad_lines(changes: dict[str, object], message: str) -> None:
    """Impossible speeds, rates and zones are refused, quoting the value."""
    with pytest.raises(WireError) as info:
        Line(**changes)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_cable_without_time_needs_a_start(cable: Cable) -> None:
    """A cable with no time filed cannot be timed unless a start is given."""
    import dataclasses

    bare = dataclasses.replace(cable, preamble=dataclasses.replace(cable.preamble, filed=None))
    with pytest.raises(WireError, match="zone-aware start"):
        Line().transmit(bare)
    start = dt.datetime(1950, 12, 7, 21, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    assert Line().transmit(bare, start=start).start == start


def test_to_json_tells_the_whole_transmission(cable: Cable) -> None:
    """Transmission.to_json: line, zone-aware times, garbled groups, service message, cable."""
    sent = Line(via=Telegraphy.TELEPRINTER, baud=50, error_rate=0.01, seed=3).transmit(cable)
    data = sent.to_json()
    assert list(data) == [
        "via", "speed", "start", "end", "arrival", "seconds", "groups", "garbled",
        "flagged", "service_message", "received",
    ]  # fmt: skip
    assert (data["via"], data["speed"]) == ("teleprinter", "50 baud")
    assert dt.datetime.fromisoformat(data["start"]) == sent.start
    assert data["start"].endswith("+03:00") and data["arrival"].endswith("+08:00")
    assert data["seconds"] == sent.duration.total_seconds() > 0
    assert data["groups"] == cable.group_count
    assert data["garbled"] == [list(g) for g in sent.garbled] != []
    assert data["flagged"] == data["garbled"]
    assert data["service_message"] == sent.repeat_request()
    assert Cable.from_text(data["received"]) == sent.received
    assert json.loads(json.dumps(data)) == data


def test_to_json_of_a_clean_line(cable: Cable) -> None:
    """Nothing garbled: empty lists, no service message, the cable as sent."""
    data = Line(via=Telegraphy.MORSE, wpm=16).transmit(cable).to_json()
    assert (data["via"], data["speed"]) == ("morse", "16 wpm")
    assert data["garbled"] == data["flagged"] == [] and data["service_message"] is None
    assert data["received"] == cable.to_text()
