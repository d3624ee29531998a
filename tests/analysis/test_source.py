"""Tests for cipherwire.analysis.source: what a file to count holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from cipherwire.analysis.source import Source, SourceKind
from cipherwire.codebook.book import Codebook
from cipherwire.core import digits_from_text
from cipherwire.errors import (
    AnalysisError,
    ArrayTypeError,
    ArrayValueError,
    CableFormatError,
    TelegramFormatError,
)
from cipherwire.telegram.document import Telegram
from tests.analysis.conftest import Hand
from tests.conftest import SEED_PATH


def digits(text: str) -> np.ndarray[Any, np.dtype[np.uint8]]:
    return digits_from_text(text.replace(" ", ""))


def test_cable_indicators_and_garbles_left_out(seed_cable: str) -> None:
    """Six indicators in clear are left out; a garbled group is left out and counted."""
    sent = Source.read(seed_cable)
    assert sent.kind is SourceKind.CABLES and sent.cables == 1 and len(sent.messages) == 2
    assert sent.indicators == 6 and sent.garbled == 0 and sent.messages.size == 284 * 5
    assert not (sent.messages.digits.reshape(-1, 5) == digits("62674")).all(axis=1).any()
    garbled = Source.read(seed_cable.replace("00841", "0?841", 1))
    assert garbled.garbled == 1 and garbled.messages.size == 283 * 5
    assert "1 garbled group(s)" in garbled.describe()
    twice = Source.read(seed_cable + "\n" + seed_cable)
    assert twice.cables == 2 and twice.messages.size == 2 * 284 * 5
    small = Source.read(seed_cable, groups_per_page=20)  # 145 groups: 8 indicators a part
    assert small.indicators == 16


def test_a_bad_second_cable_names_its_line_in_the_file(seed_cable: str) -> None:
    """An error in the second cable of a file gives the line number in the whole file."""
    lines = seed_cable.count("\n")
    spoiled = seed_cable + "\n" + seed_cable.replace(" 00841", "", 1)
    with pytest.raises(CableFormatError, match=rf"^line {lines + 14}: part 1691 has 144"):
        Source.read(spoiled)


def test_digit_files() -> None:
    """Digits in any layout (tabs, CRLF) are one stream."""
    read = Source.read("25221\t40955\r\n55\n")
    assert read.kind is SourceKind.DIGITS and read.messages.texts() == ["252214095555"]
    assert read.describe() == "digit file: 12 digits"


def test_code_stream_of_a_text(seed: Telegram) -> None:
    """A telegram or a plain text gives its code stream."""
    code = Source.encode(SEED_PATH.read_text("utf-8"), Codebook.default())
    assert code.kind is SourceKind.CODE and code.messages.size == 1400
    assert code.to_json()["code_groups"] == 350
    assert Source.encode("We agree.", Codebook.default()).messages.size % 4 == 0


BAD: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("empty text", lambda: Source.read(" \n\n"), AnalysisError, "empty"),
    ("telegram", lambda: Source.read("\nMID USSR No. 1\n"), AnalysisError, "line 2: expected"),
    ("letter", lambda: Source.read("12345\n123x5\n"), ArrayValueError, "line 2, column 4"),
    ("bytes", lambda: Source.read(b"12345"), ArrayTypeError, "bytes"),  # type: ignore[arg-type]
    ("page 1", lambda: Source.read("1", groups_per_page=1), AnalysisError, "2 or more"),
    ("cable", lambda: Source.read("CABLE 1 PART 1 OF 1\n"), CableFormatError, "GROUPS"),
    ("page 2.0", lambda: Source.read("1", groups_per_page=2.0), AnalysisError, "not 2.0"),  # type: ignore[arg-type]
    ("page True", lambda: Source.read("1", groups_per_page=True), AnalysisError, "not True"),
    ("page 0", lambda: Source.read("1", groups_per_page=0), AnalysisError, "not 0"),
    ("words", lambda: Source.read("  \n THE SHIP\n"), AnalysisError, "not 'THE SHIP'"),
    ("encode str book", lambda: Source.encode("THE", "book"), AnalysisError, "not str"),  # type: ignore[arg-type]
    (
        "encode bytes",
        lambda: Source.encode(b"THE", Codebook.default()),
        TelegramFormatError,
        "bytes",
    ),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_inputs(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each bad input raises its error, naming the offending value."""
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)


# -- the clerk's own cables --------------------------------------------------------------------


def test_the_hand_made_cables_less_their_indicators(hand: Hand) -> None:
    """Four cables in one file: one message a part, the indicators in clear left out (two
    in A, one in each other), every other group kept as sent."""
    read = Source.read("\n\n".join(hand.cables))
    assert read.kind is SourceKind.CABLES and read.cables == 4 and len(read.messages) == 4
    assert read.indicators == 5 and read.garbled == 0
    for m in range(4):
        groups = hand.intercepts.groups[m].reshape(-1, 5)
        kept = groups[np.arange(groups.shape[0]) % 60 != 0].reshape(-1)
        np.testing.assert_array_equal(read.messages[m], kept)
    assert read.describe() == (
        "4 cable(s), 4 part(s): 143 enciphered groups counted; left out: 5 indicator(s) in "
        "clear, 0 garbled group(s)"
    )
    assert read.to_json() == {
        "kind": "cables",
        "digits": 715,
        "cables": 4,
        "parts": 4,
        "indicators_left_out": 5,
        "garbled_groups_left_out": 0,
    }


@pytest.mark.parametrize(("per_page", "left_out"), [(60, 2), (50, 3), (2, 53)])
def test_groups_per_page_sets_where_indicators_stand(
    hand: Hand, per_page: int, left_out: int
) -> None:
    """Every ``groups_per_page``-th group from the first is an indicator in clear."""
    read = Source.read(hand.cables[0], groups_per_page=per_page)
    assert read.indicators == left_out and read.messages.size == 5 * (105 - left_out)


def test_the_code_stream_of_a_text() -> None:
    """encode() gives the codebook's code for the text as sent, and names the book."""
    book = Codebook.default()
    code = Source.encode("THE SHIP SAILS AT DAWN.", book)
    np.testing.assert_array_equal(code.messages.digits, book.encode("THE SHIP SAILS AT DAWN."))
    assert (
        code.describe()
        == f"code stream: {code.messages.size // 4} code groups of codebook {book.name!r}"
    )
    assert code.to_json()["codebook"] == book.name and code.cables == code.indicators == 0
    empty = Source.encode("", book)
    assert empty.messages.size == 0 and empty.describe().startswith("code stream: 0 code groups")


def test_a_digit_file_after_blank_lines() -> None:
    """Blank lines before the digits are skipped; the layout does not matter."""
    read = Source.read("\n\n12 34\n5")
    assert read.to_json() == {"kind": "digits", "digits": 5}
    assert read.messages.texts() == ["12345"]
