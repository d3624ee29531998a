"""Tests for the department's wire timing: counts of many texts at once that equal the wire
module's, seconds that equal Line.seconds, and cable counts that add up from their pieces."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import encipher
from cipherwire.codebook.book import Codebook
from cipherwire.department.timing import Timing, ita2_codes, morse_units
from cipherwire.errors import WireError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram
from cipherwire.wire import ita2, morse
from cipherwire.wire.line import Line, Telegraphy

SEED_FILE = Path(__file__).parents[2] / "seeds" / "000_ee3f4792618692d7.txt"
MORSE_TEXT = st.text(
    alphabet="ABCXYZabcxyz0123456789.,?'/()=+-\"@!&;_$: \n\t\x1c", max_size=60
) | st.sampled_from(["<SK> 73", "CQ <AR>", "", "   ", "É", "№ 5"])
ITA2_TEXT = st.text(alphabet="ABQZabqz0123456789-'()+,./:=? \n\r\x00\x05\x07", max_size=60) | (
    st.sampled_from(["", "\n\n", "Ü", "A1 B", "1A 2B\n3"])
)
LINES = [
    Line(),
    Line(wpm=13.3),
    Line(wpm=25),
    Line(via=Telegraphy.TELEPRINTER),
    Line(via=Telegraphy.TELEPRINTER, baud=45.45),
    Line(via=Telegraphy.TELEPRINTER, baud=75),
]


def _morse_reference(text: str) -> int | type[WireError]:
    try:
        return morse.units(" ".join(text.split()))
    except WireError:
        return WireError


def _ita2_reference(text: str) -> int | type[WireError]:
    try:
        return int(ita2.encode(text).size)
    except WireError:
        return WireError


@settings(max_examples=200, deadline=None)
@given(st.lists(MORSE_TEXT, max_size=8))
def test_morse_units_equal_the_wire_module(texts: list[str]) -> None:
    """Morse units of many texts at once are morse.units of each, or its WireError."""
    expected = [_morse_reference(t) for t in texts]
    if WireError in expected:
        with pytest.raises(WireError):
            morse_units(texts)
    else:
        assert morse_units(texts).tolist() == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(ITA2_TEXT, max_size=8))
def test_ita2_codes_equal_the_wire_module(texts: list[str]) -> None:
    """ITA2 codes of many texts at once (shifts, CR LF) are ita2.encode's, or its error."""
    expected = [_ita2_reference(t) for t in texts]
    if WireError in expected:
        with pytest.raises(WireError):
            ita2_codes(texts)
    else:
        assert ita2_codes(texts).tolist() == expected


@pytest.mark.parametrize(
    ("counter", "text", "message"),
    [
        (morse_units, "ZHOU Ж", "Morse cannot carry 'Ж'"),
        (morse_units, "<XX>", "Morse cannot carry '<XX>'"),
        (ita2_codes, "50%", "ITA2 cannot carry '%'"),
        (ita2_codes, "tab\there", "ITA2 cannot carry '\\t'"),
    ],
    ids=["cyrillic-morse", "unknown-sign", "percent-ita2", "tab-ita2"],
)
def test_what_a_line_cannot_carry_is_the_wire_modules_error(
    counter: object, text: str, message: str
) -> None:
    """A character a line cannot carry raises the wire module's WireError, quoted."""
    with pytest.raises(WireError, match=re.escape(message)):
        counter(["fine", text])  # type: ignore[operator]


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.speed)
def test_seconds_are_line_seconds(line: Line, tmp_path: Path) -> None:
    """A count turns into exactly the seconds Line.seconds gives for its text."""
    timing = Timing.of(line)
    texts = ["PARIS", "", "58203 01946\n77777", *(c.to_text() for c in _cables(tmp_path, 1950))]
    for text, count in zip(texts, timing.count(texts).tolist(), strict=True):
        assert timing.seconds(count) == line.seconds(text)


def _cables(tmp_path: Path, seed: int | None) -> list[Cable]:
    """Cables of one to several parts from a classroom (or secure) pad book."""
    book = Codebook.default()
    words = Telegram.from_text(SEED_FILE.read_text("utf-8")).body_as_sent.split()
    telegrams = [
        Telegram(number=str(n), destination="BEIJING", body=" ".join(words[: n * 9]))
        for n in range(1, 30)
    ]
    with PadBook.create(tmp_path / f"pad-{seed}.sqlite", pages=400, seed=seed) as pad:
        return [encipher(t, book, pad, max_part_groups=25) for t in telegrams]


@pytest.mark.parametrize("seed", [7, 3_039_167_443, None], ids=["short", "long", "secure"])
@pytest.mark.parametrize("line", [*LINES[::2], LINES[3]], ids=lambda line: line.speed)
def test_cable_counts_add_up_from_their_pieces(
    tmp_path: Path, seed: int | None, line: Line
) -> None:
    """Fixed count + the pad's line on each part + (Morse) the figures = the cable's count."""
    cables = _cables(tmp_path, seed)
    timing = Timing.of(line)
    shared = [dataclasses.replace(c.preamble, classroom_seed=None).to_text() for c in cables]
    numbers = [part.number for c in cables for part in c.parts]
    groups = np.array([len(part.groups) for c in cables for part in c.parts], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum([len(c.parts) for c in cables])]).astype(np.int64)
    fixed = timing.fixed_counts(shared, numbers, groups, offsets)
    assert max(len(c.parts) for c in cables) > 2
    for cable, base in zip(cables, fixed.tolist(), strict=True):
        count = base + len(cable.parts) * timing.pad_line(cable.preamble.classroom_seed)
        if timing.figure_units is not None:
            figures = "".join(group for part in cable.parts for group in part.groups)
            count += int(timing.figure_units[np.frombuffer(figures.encode(), np.uint8) - 48].sum())
        text = cable.to_text()
        assert count == timing.count([text])[0]
        assert timing.seconds(count) == line.seconds(text)
