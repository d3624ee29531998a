"""Tests for cipherwire.analysis.source: what a file to count holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from cipherwire.analysis.source import Source, SourceKind
from cipherwire.codebook.book import Codebook
from cipherwire.core import digits_from_text
from cipherwire.errors import AnalysisError, ArrayTypeError, ArrayValueError, CableFormatError
from cipherwire.telegram.document import Telegram
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
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_inputs(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each bad input raises its error, naming the offending value."""
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)
