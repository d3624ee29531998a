"""Tests for enciphering a telegram into a cable and deciphering it back."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipherwire import strategies as cws
from cipherwire.cable.form import Cable, CablePart
from cipherwire.cable.preamble import Preamble
from cipherwire.cipher.clerk import UNNAMED_CODEBOOK, decipher, encipher, preamble_for
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.core import add_mod10, digits_from_text, sub_mod10
from cipherwire.errors import CableFormatError, PadExhaustedError, PageNotIssuedError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram


def test_seed_round_trip(seed: Telegram, padbook: PadBook) -> None:
    """The seed enciphers into two parts and deciphers to its text as sent, normalised."""
    book = Codebook.default()
    cable = encipher(seed, book, padbook)
    assert [p.number for p in cable.parts] == ["1691", "1692"]
    again = decipher(Cable.from_text(cable.to_text()), book, padbook)
    assert again.flagged == ()
    assert again.telegram.body == normalise(seed.body_as_sent)
    assert "[" not in again.telegram.body
    data = again.telegram.to_json()
    assert data["destination"] == "BEIJING" and data["priority"] == "TOP PRIORITY"
    assert data["dispatched"] == "1950-12-07T20:40:00+03:00"
    assert data["serial"] == "2522" and data["special_numbers"] == ["1691", "1692"]


def test_indicator_in_clear_and_key_added_without_carry(seed: Telegram, padbook: PadBook) -> None:
    """Each part opens with its page's indicator; the groups are code + key without carry."""
    book = Codebook.default()
    cable = encipher(seed, book, padbook)
    first = padbook.page(1)
    part = cable.parts[0]
    assert part.groups[0] == first.indicator
    code = book.encode(seed.body_as_sent)[:20]
    sent = digits_from_text("".join(part.groups[1:5]))
    assert np.array_equal(sent, add_mod10(code, first.key[:20]))
    assert np.array_equal(sub_mod10(sent, first.key[:20]), code)


def test_long_part_carries_next_indicator(seed: Telegram, padbook: PadBook) -> None:
    """When a part runs past a page, the next page's indicator stands in clear."""
    cable = encipher(seed, Codebook.default(), padbook)
    groups = cable.parts[0].groups
    assert groups[60] == padbook.page(2).indicator  # 1 indicator + 59 key groups
    issued = [p.number for p in padbook.status().ledger]
    assert len(issued) == len(set(issued))


def test_second_encode_never_reuses_a_page(seed: Telegram, padbook: PadBook) -> None:
    """Two encipherments of the same telegram use different pages and different groups."""
    book = Codebook.default()
    a = encipher(seed, book, padbook)
    b = encipher(seed, book, padbook)
    assert a.parts[0].groups[0] != b.parts[0].groups[0]
    assert a.parts[0].groups[1:] != b.parts[0].groups[1:]
    numbers = [p.number for p in padbook.status().ledger]
    assert len(numbers) == len(set(numbers))
    assert decipher(a, book, padbook).telegram == decipher(b, book, padbook).telegram


def test_exhausted_pad_fails_cleanly(seed: Telegram, tmp_path: Path) -> None:
    """A pad book too small for the telegram refuses, and no page is used up."""
    small = PadBook.create(tmp_path / "small.sqlite", pages=2)
    with pytest.raises(PadExhaustedError):
        encipher(seed, Codebook.default(), small)
    assert small.status().used == 0


def test_wrong_pad_book_is_detected(seed: Telegram, padbook: PadBook, tmp_path: Path) -> None:
    """Deciphering with another pad book fails loudly, never with a wrong text."""
    cable = encipher(seed, Codebook.default(), padbook)
    other = PadBook.create(tmp_path / "other.sqlite", pages=40, seed=1951)
    other.issue(20, to="someone else")
    with pytest.raises((CableFormatError, PageNotIssuedError)):
        decipher(cable, Codebook.default(), other)


def test_unknown_indicator(seed: Telegram, padbook: PadBook, tmp_path: Path) -> None:
    """An indicator that names no issued page is refused, quoting it."""
    cable = encipher(seed, Codebook.default(), padbook)
    fresh = PadBook.create(tmp_path / "fresh.sqlite", pages=40, seed=1950)
    with pytest.raises(PageNotIssuedError, match=re.escape(repr(cable.parts[0].groups[0]))):
        decipher(cable, Codebook.default(), fresh)


def _with_group(cable: Cable, part: int, index: int, group: str) -> Cable:
    groups = list(cable.parts[part].groups)
    groups[index] = group
    parts = list(cable.parts)
    parts[part] = CablePart(parts[part].number, tuple(groups))
    return dataclasses.replace(cable, parts=tuple(parts))


def test_garbled_group_is_flagged(seed: Telegram, padbook: PadBook) -> None:
    """A group that arrived unreadable spoils only its code groups, which are flagged."""
    book = Codebook.default()
    cable = encipher(seed, book, padbook)
    garbled = _with_group(cable, 0, 10, "??" + cable.parts[0].groups[10][2:])
    result = decipher(garbled, book, padbook)
    assert result.flagged and all(part == "1691" for part, _, _ in result.flagged)
    assert {why for _, _, why in result.flagged} == {"garbled in transit"}
    assert "[?]" in result.telegram.body
    clean = normalise(seed.body_as_sent)
    assert result.telegram.body.split()[-20:] == clean.split()[-20:]


def test_garbled_end_group_is_an_error(seed: Telegram, padbook: PadBook) -> None:
    """A wrong digit in a closing group is reported with its group number."""
    book = Codebook.default()
    cable = encipher(seed, book, padbook)
    last = cable.parts[1].groups[-2]
    wrong = str((int(last[0]) + 1) % 10) + last[1:]
    broken = _with_group(cable, 1, len(cable.parts[1].groups) - 2, wrong)
    with pytest.raises(CableFormatError, match=r"group \d+: part 1692: the end group"):
        decipher(broken, book, padbook)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cws.telegrams(),
    cws.codebooks(max_words=50),
    cws.padbooks(min_pages=30, max_pages=30, groups_per_page=60),
    st.integers(20, 300),
)
def test_encipher_decipher_round_trip(
    telegram: Telegram, book: Codebook, padbook: PadBook, max_part_groups: int
) -> None:
    """decipher(encipher(t)) recovers the text as sent, normalised, for any codebook."""
    cable = encipher(telegram, book, padbook, max_part_groups=max_part_groups)
    result = decipher(Cable.from_text(cable.to_text()), book, padbook)
    assert result.flagged == ()
    assert result.telegram.body == normalise(telegram.body_as_sent)
    assert result.telegram.precedence is telegram.precedence


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cws.plaintexts(), cws.padbooks(min_pages=12, max_pages=12, groups_per_page=60))
def test_plaintext_round_trip_default_book(text: str, padbook: PadBook) -> None:
    """Any telegram-like plaintext survives codebook, pad and cable with the shipped book."""
    book = Codebook.default()
    telegram = Telegram(body=text)
    cable = encipher(telegram, book, padbook)
    result = decipher(Cable.from_text(cable.to_text()), book, padbook)
    assert result.telegram.body == normalise(text)


def test_garbled_indicator_asks_for_repeat(seed: Telegram, padbook: PadBook) -> None:
    """An indicator that arrived with a '?' is reported as such, not as an unknown page."""
    book = Codebook.default()
    cable = encipher(seed, book, padbook)
    broken = _with_group(cable, 0, 0, "?" + cable.parts[0].groups[0][1:])
    with pytest.raises(CableFormatError, match=r"group 1: part 1691: the indicator .* garbled"):
        decipher(broken, book, padbook)


def test_preamble_for_takes_the_telegram_header(seed: Telegram) -> None:
    """The cable's preamble carries the telegram's header, the book's name and the seed."""
    preamble = preamble_for(seed, Codebook.default(), 1950, origin="ELSEWHERE")
    assert preamble.destination == "BEIJING" and preamble.priority == "TOP PRIORITY"
    assert preamble.serial == "2522" and preamble.classroom_seed == 1950
    assert preamble.filed is not None and preamble.filed.isoformat() == "1950-12-07T20:40:00+03:00"
    assert preamble.codebook == Codebook.default().name


def test_preamble_for_fills_origin_and_codebook_name() -> None:
    """A telegram naming no origin takes ``origin``; an unnamed book is written 'unnamed'."""
    book = dataclasses.replace(Codebook.default(), name=None)
    preamble = preamble_for(Telegram(body="Agree."), book, None, origin="MOSCOW")
    assert preamble == Preamble(origin="MOSCOW", codebook=UNNAMED_CODEBOOK)


def test_preamble_for_refuses_a_bad_origin_before_issuing(padbook: PadBook) -> None:
    """An origin that is not one line of text fails before any page is issued."""
    before = padbook.status().used
    with pytest.raises(CableFormatError, match=re.escape("got ' MOSCOW'")):
        encipher(Telegram(body="We agree."), Codebook.default(), padbook, origin=" MOSCOW")
    assert padbook.status().used == before
