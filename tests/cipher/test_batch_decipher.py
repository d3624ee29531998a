"""Tests for cipher.batch.decipher_batch: many cables read at once, exactly as one by one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipherwire import strategies as cws
from cipherwire.cable.form import Cable
from cipherwire.cipher.batch import CableBatch, decipher_batch, encipher_batch
from cipherwire.cipher.clerk import Deciphered, decipher
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.errors import BatchError, CipherwireError, PageNotIssuedError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram
from cipherwire.venona.production import file_name
from cipherwire.venona.traffic import TrafficPlan, generate

BOOK = Codebook.default()


def one_by_one(texts: list[str], book: PadBook) -> list[Deciphered]:
    return [decipher(Cable.from_text(text), BOOK, book) for text in texts]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    telegrams=st.lists(cws.telegrams(), min_size=1, max_size=6),
    max_part_groups=st.integers(20, 300),
    groups_per_page=st.integers(4, 60),
)
def test_the_same_as_one_by_one(
    telegrams: list[Telegram],
    max_part_groups: int,
    groups_per_page: int,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Any telegrams, part sizes and page sizes: the same telegrams and flags as decipher."""
    folder = tmp_path_factory.mktemp("decipher")
    with PadBook.create(
        folder / "p.sqlite", pages=2000, groups_per_page=groups_per_page, seed=5
    ) as book:
        sent = encipher_batch(telegrams, BOOK, book, max_part_groups=max_part_groups)
        texts = sent.to_texts()
        got = decipher_batch(CableBatch.from_texts(texts), BOOK, book)
        assert got == one_by_one(texts, book)
    for telegram, back in zip(telegrams, got, strict=True):
        assert back.telegram.body == normalise(telegram.body_as_sent)


def test_a_day_of_traffic_with_garbles(seed: Telegram, tmp_path: Path) -> None:
    """Many cables, some with figures that arrived unreadable: garbled code groups are
    flagged as decipher flags them, the others read as sent."""
    telegrams = [seed] + [Telegram(body=f"Report {i} received.", number=str(i)) for i in range(40)]
    with PadBook.create(tmp_path / "p.sqlite", pages=200, seed=3) as book:
        texts = encipher_batch(telegrams, BOOK, book).to_texts()
        for i in (0, 7, 30):
            lines = texts[i].split("\n")
            first = min(k for k, line in enumerate(lines) if re.fullmatch(r"[0-9 ]+", line))
            line = lines[first]  # the indicator, then a text group: garble that one
            lines[first] = line[:7] + "?" + line[8:]
            texts[i] = "\n".join(lines)
        got = decipher_batch(CableBatch.from_texts(texts), BOOK, book)
        assert got == one_by_one(texts, book)
    assert [i for i, d in enumerate(got) if d.flagged] == [0, 7, 30]


def test_pages_read_backwards(tmp_path: Path) -> None:
    """The VENONA lesson's reverse fault (a page shown twice, read backwards the second
    time) and duplicated pages: every cable of every link reads as decipher reads it."""
    plan = TrafficPlan(messages=80, links=2, duplicate_fraction=0.05, reverse_fraction=0.3, seed=9)
    traffic = generate(plan, tmp_path / "t")
    assert any(m.reversed for m in traffic.messages)
    for link in {m.link for m in traffic.messages}:
        mine = [i for i, m in enumerate(traffic.messages) if m.link == link]
        texts = [traffic.cables[i] for i in mine]
        with PadBook.open(traffic.folder / "pads" / file_name(link)) as book:
            got = decipher_batch(CableBatch.from_texts(texts), BOOK, book)
            assert got == one_by_one(texts, book)
        for i, back in zip(mine, got, strict=True):
            assert back.telegram.body == normalise(traffic.messages[i].text)


def test_the_first_cable_that_does_not_read_is_named(seed: Telegram, tmp_path: Path) -> None:
    """A cable from another pad book: BatchError naming it, with decipher's own message."""
    with PadBook.create(tmp_path / "ours.sqlite", pages=40, seed=1) as ours:
        good = encipher_batch([seed, Telegram(body="We agree.")], BOOK, ours).to_texts()
        with PadBook.create(tmp_path / "theirs.sqlite", pages=40, seed=2) as theirs:
            stray = encipher_batch([Telegram(body="Not ours.")], BOOK, theirs).to_texts()
        texts = [good[0], stray[0], good[1]]
        with pytest.raises(PageNotIssuedError) as one:
            decipher(Cable.from_text(stray[0]), BOOK, ours)
        with pytest.raises(BatchError) as batch:
            decipher_batch(CableBatch.from_texts(texts), BOOK, ours)
    assert str(batch.value) == f"cable 2: {one.value}"
    assert isinstance(batch.value.__cause__, PageNotIssuedError)


def test_a_wrong_check_group_is_named(seed: Telegram, tmp_path: Path) -> None:
    """A closing group that deciphers wrong (here: the day filed changed) is reported as
    decipher reports it, for the right cable."""
    with PadBook.create(tmp_path / "p.sqlite", pages=40, seed=1) as book:
        texts = encipher_batch([Telegram(body="We agree."), seed], BOOK, book).to_texts()
        assert "FILED: 20 hours 40 minutes 7/XII.1950" in texts[1]
        texts[1] = texts[1].replace("7/XII.1950", "8/XII.1950")
        with pytest.raises(CipherwireError) as one:
            decipher(Cable.from_text(texts[1]), BOOK, book)
        with pytest.raises(
            BatchError, match=r"^cable 2: group 145: part 1691: the check group"
        ) as batch:
            decipher_batch(CableBatch.from_texts(texts), BOOK, book)
    assert str(batch.value) == f"cable 2: {one.value}"
