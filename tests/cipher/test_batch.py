"""Tests for cipherwire.cipher.batch: many telegrams enciphered at once, exactly as one by one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipherwire import strategies as cws
from cipherwire.cable.form import Cable
from cipherwire.cipher.batch import CableBatch, encipher_batch
from cipherwire.cipher.clerk import decipher, encipher
from cipherwire.cipher.files import read_batch
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.spelling import normalise
from cipherwire.errors import BatchError, CableFormatError, InputFileError, PadExhaustedError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram

DATA = Path(__file__).parents[1] / "data" / "telegrams"
BOOK = Codebook.default()


def ledger(book: PadBook) -> list[tuple[int, str]]:
    """Which page went to which message."""
    return [(p.number, p.to) for p in book.status().ledger]


def assert_same_as_one_by_one(
    telegrams: list[Telegram], folder: Path, **options: object
) -> CableBatch:
    """The batch's cables, texts and ledger equal one-by-one encipherment with the same pads."""
    with PadBook.create(folder / "one.sqlite", pages=400, seed=1950) as one:
        singles = [encipher(t, BOOK, one, **options) for t in telegrams]  # type: ignore[arg-type]
        expected_ledger = ledger(one)
    with PadBook.create(folder / "batch.sqlite", pages=400, seed=1950) as many:
        batch = encipher_batch(telegrams, BOOK, many, **options)  # type: ignore[arg-type]
        assert ledger(many) == expected_ledger
    assert batch.to_texts() == [cable.to_text() for cable in singles]
    assert batch.cables() == singles
    assert batch.pages == len(expected_ledger)
    assert batch.group_count == sum(cable.group_count for cable in singles)
    return batch


def test_archive_telegrams(seed: Telegram, tmp_path: Path) -> None:
    """The seed and every archive telegram of the test data: the same cables as one by one."""
    telegrams = [seed] + [
        Telegram.from_text(p.read_text("utf-8")) for p in sorted(DATA.glob("*.txt"))
    ]
    assert_same_as_one_by_one(telegrams, tmp_path)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    telegrams=st.lists(cws.telegrams(), min_size=1, max_size=5),
    max_part_groups=st.integers(20, 300),
)
def test_generated_telegrams(
    telegrams: list[Telegram], max_part_groups: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any telegrams, any part size: the same cables, texts and ledger as one by one."""
    assert_same_as_one_by_one(
        telegrams, tmp_path_factory.mktemp("batch"), max_part_groups=max_part_groups
    )


def test_batch_deciphers(seed: Telegram, tmp_path: Path) -> None:
    """Every cable of a batch deciphers, read back from its text, to its text as sent."""
    telegrams = [seed, Telegram(body="We agree."), Telegram(body="")]
    with PadBook.create(tmp_path / "p.sqlite", pages=40, seed=7) as book:
        texts = encipher_batch(telegrams, BOOK, book).to_texts()
        for telegram, text in zip(telegrams, texts, strict=True):
            back = decipher(Cable.from_text(text), BOOK, book)
            assert back.telegram.body == normalise(telegram.body_as_sent)


def test_exhausted_pad_issues_nothing(seed: Telegram, tmp_path: Path) -> None:
    """A batch that needs more pages than are left fails whole, and no page is used."""
    with PadBook.create(tmp_path / "small.sqlite", pages=5) as book:
        with pytest.raises(PadExhaustedError, match="for 3 message"):
            encipher_batch([seed, seed, seed], BOOK, book)
        assert book.status().used == 0


@pytest.mark.parametrize(
    ("telegrams", "message"),
    [
        pytest.param([], "no telegrams", id="empty"),
        pytest.param(["We agree."], "entry 0 is not a Telegram", id="str"),
    ],
)
def test_bad_batches(telegrams: list[object], message: str, padbook: PadBook) -> None:
    """An empty batch or a batch of other things is refused before any page is issued."""
    with pytest.raises(BatchError, match=message):
        encipher_batch(telegrams, BOOK, padbook)  # type: ignore[arg-type]
    assert padbook.status().used == 0


def test_read_back_many_cables(seed: Telegram, tmp_path: Path) -> None:
    """CableBatch.from_texts reads printed cables back: the same objects and texts."""
    telegrams = [seed] + [Telegram(body=f"Report {i}.", number=str(i)) for i in range(20)]
    with PadBook.create(tmp_path / "p.sqlite", pages=60, seed=3) as book:
        texts = encipher_batch(telegrams, BOOK, book).to_texts()
    back = CableBatch.from_texts(texts)
    assert back.cables() == [Cable.from_text(t) for t in texts]
    assert back.to_texts() == texts
    assert back.garbled is not None and not back.garbled.any()


def test_read_back_garbled_groups(seed: Telegram, padbook: PadBook) -> None:
    """A figure that arrived as '?' is read as such, as Cable.from_text reads it."""
    text = encipher_batch([seed], BOOK, padbook).to_texts()[0]
    lines = text.split("\n")
    lines[20] = "??" + lines[20][2:]
    garbled = "\n".join(lines)
    back = CableBatch.from_texts([garbled])
    assert back.garbled is not None and int(back.garbled.sum()) == 2
    assert back.cables() == [Cable.from_text(garbled)]
    assert back.to_texts() == [garbled]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda t: t.replace("GROUPS: 145", "GROUPS: 146", 1), "146", id="count"),
        pytest.param(lambda t: t.replace("\n\n", "\n\n12345x ", 1), "'12345x'", id="token"),
        pytest.param(lambda t: t.replace("CABLE 1692", "CABLE 1693 ", 1), "1693", id="head"),
        pytest.param(lambda t: t + "1234\n", "'1234'", id="short-group"),
        pytest.param(lambda t: t.replace("\n\n", "\n\n12345 é ", 1), "'é'", id="non-ascii"),
    ],
)
def test_malformed_cable_is_named(
    change: object, message: str, seed: Telegram, padbook: PadBook
) -> None:
    """The first malformed cable is named, with Cable.from_text's own message."""
    good = encipher_batch([seed, seed], BOOK, padbook).to_texts()
    texts = [good[0], change(good[1])]  # type: ignore[operator]
    with pytest.raises(BatchError, match=r"^cable 2: .*" + message):
        CableBatch.from_texts(texts)


def test_read_batch_folder(tmp_path: Path) -> None:
    """A folder: its .txt files in name order, named by file, parsed as archive telegrams."""
    for name in ("b", "a", ".hidden"):
        (tmp_path / f"{name}.txt").write_text(f"No. {len(name)}\n\nWe agree.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a telegram")
    found = read_batch(tmp_path)
    assert [name for name, _ in found] == ["a", "b"]
    assert found[0][1].number == "1" and found[0][1].body_as_sent == "We agree."


def test_read_batch_jsonl(tmp_path: Path) -> None:
    """JSON lines: strings or objects with fields; blank lines skipped; named by line."""
    path = tmp_path / "t.jsonl"
    lines = [
        json.dumps("We agree."),
        "",
        json.dumps({"text": "Send it.", "number": "7", "special_numbers": ["11", "12"]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = read_batch(path)
    assert [name for name, _ in found] == ["000001", "000003"]
    assert found[1][1].special_numbers == ("11", "12") and found[1][1].number == "7"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param('{"text": "a"\n', r"t.jsonl:1: not JSON", id="json"),
        pytest.param('"a"\n[1]\n', r"t.jsonl:2: each line is a JSON string", id="list"),
        pytest.param('{"text": "a", "colour": 1}\n', r"unknown field\(s\) 'colour'", id="field"),
        pytest.param('{"text": "a", "special_numbers": "1"}\n', "list of strings", id="numbers"),
        pytest.param('{"text": "a", "number": " 7"}\n', "number must be one line", id="value"),
        pytest.param("\n\n", "no telegrams", id="empty"),
    ],
)
def test_read_batch_bad_jsonl(content: str, message: str, tmp_path: Path) -> None:
    """A bad line is named by file and line number."""
    path = tmp_path / "t.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BatchError, match=message):
        read_batch(path)


def test_read_batch_missing_and_bad_file(tmp_path: Path) -> None:
    """A missing input, or an archive file that is not a telegram, is named."""
    with pytest.raises(InputFileError, match="no such file"):
        read_batch(tmp_path / "none")
    (tmp_path / "x.txt").write_bytes(b"\x00\x01")
    with pytest.raises(BatchError, match=r"x\.txt"):
        read_batch(tmp_path)


def test_bad_origin_issues_no_page(padbook: PadBook) -> None:
    """An origin that is not one line of text fails before the batch's pages are issued."""
    telegrams = [Telegram(body="We agree."), Telegram(body="Send the report.")]
    with pytest.raises(CableFormatError, match=re.escape("got 'MOSCOW\\n'")):
        encipher_batch(telegrams, Codebook.default(), padbook, origin="MOSCOW\n")
    assert ledger(padbook) == []


def test_batch_holds_each_cables_preamble(padbook: PadBook) -> None:
    """CableBatch.preambles are the preambles of the cables, read back from the texts too."""
    telegrams = [Telegram(body="We agree.", number="7"), Telegram(body="Send the report.")]
    batch = encipher_batch(telegrams, Codebook.default(), padbook)
    assert [p.reference for p in batch.preambles] == ["7", None]
    assert batch.preambles == tuple(cable.preamble for cable in batch.cables())
    assert CableBatch.from_texts(batch.to_texts()).preambles == batch.preambles
