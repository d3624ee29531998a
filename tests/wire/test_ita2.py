"""Tests for cipherwire.wire.ita2: the Baudot–Murray teleprinter code."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from cipherwire.errors import CipherwireError, WireError
from cipherwire.wire import ita2
from cipherwire.wire.ita2 import Order

# DOMAIN.md §5, value: letters/figures; None marks a national-use figures position.
TABLE: list[tuple[int, str, str | None]] = [
    (0, "NUL", "NUL"), (1, "E", "3"), (2, "LF", "LF"), (3, "A", "-"), (4, "SP", "SP"),
    (5, "S", "'"), (6, "I", "8"), (7, "U", "7"), (8, "CR", "CR"), (9, "D", "WRU"),
    (10, "R", "4"), (11, "J", "BELL"), (12, "N", ","), (13, "F", None), (14, "C", ":"),
    (15, "K", "("), (16, "T", "5"), (17, "Z", "+"), (18, "L", ")"), (19, "W", "2"),
    (20, "H", None), (21, "Y", "6"), (22, "P", "0"), (23, "Q", "1"), (24, "O", "9"),
    (25, "B", "?"), (26, "G", None), (27, "FIGS", "FIGS"), (28, "M", "."), (29, "X", "/"),
    (30, "V", "="), (31, "LTRS", "LTRS"),
]  # fmt: skip
CONTROLS = {"NUL": "\x00", "LF": "\n", "SP": " ", "CR": "\r", "WRU": "\x05", "BELL": "\x07"}
SHIFTS = {"FIGS", "LTRS"}
# Every character the table carries, and lower-case letters (sent as capitals).
CARRIED = sorted(
    {CONTROLS.get(name, name) for _, *names in TABLE for name in names if name} - SHIFTS
    | set("abcdefghijklmnopqrstuvwxyz")
)


def u8(*values: int) -> np.ndarray:
    """Shorthand: a uint8 code array."""
    return np.array(values, dtype=np.uint8)


def reference_encode(text: str) -> list[int]:
    """ITA2 encoding the obvious way, one character at a time."""
    letters = {CONTROLS.get(l_, l_): v for v, l_, _ in TABLE if l_ not in SHIFTS}
    figures = {CONTROLS.get(f, f): v for v, _, f in TABLE if f and f not in SHIFTS}
    out, case = [], "L"
    for ch in text.upper():
        if ch == "\n":
            out += [8, 2]
        elif ch in letters and ch in figures:
            out.append(letters[ch])
        else:
            want = "L" if ch in letters else "F"
            out += ([] if want == case else [31 if want == "L" else 27]) + [
                (letters if want == "L" else figures)[ch]
            ]
            case = want
    return out


# -- the table ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "letter", "figure"), TABLE, ids=[f"{v}-{name}" for v, name, _ in TABLE]
)
def test_table_entry(value: int, letter: str, figure: str | None) -> None:
    """Every entry of the ITA2 table encodes and decodes as DOMAIN.md §5 says."""
    expect_letter = None if letter in SHIFTS else CONTROLS.get(letter, letter)
    expect_figure = None if figure is None or figure in SHIFTS else CONTROLS.get(figure, figure)
    assert ita2.LETTERS[value] == expect_letter
    assert ita2.FIGURES[value] == expect_figure
    if expect_letter is not None and expect_letter != "\n":
        assert ita2.encode(expect_letter).tolist() == [value]
        assert ita2.decode(u8(value)) == expect_letter
    if expect_figure is not None and expect_figure != expect_letter:
        assert ita2.encode(expect_figure).tolist() == [ita2.FIGS, value]
        assert ita2.decode(u8(ita2.FIGS, value)) == expect_figure
    if figure is None:
        assert value in ita2.NATIONAL
        assert ita2.decode(u8(ita2.FIGS, value), national="#") == "#"


def test_named_codes() -> None:
    """A = 3, E = 1, space = 4, LTRS = 31, FIGS = 27."""
    assert ita2.encode("AE ").tolist() == [3, 1, 4]
    assert (ita2.LTRS, ita2.FIGS, ita2.SPACE, ita2.CR, ita2.LF, ita2.NUL) == (31, 27, 4, 8, 2, 0)


def test_bit_orders_of_a() -> None:
    """A is 00011 in value order and 11000 in transmission order."""
    assert ita2.bit_string(3, order=Order.VALUE) == "00011"
    assert ita2.bit_string(3, order=Order.TRANSMISSION) == "11000"
    assert ita2.to_bits(u8(3), order=Order.VALUE).tolist() == [[0, 0, 0, 1, 1]]
    assert ita2.to_bits(u8(3), order=Order.TRANSMISSION).tolist() == [[1, 1, 0, 0, 0]]


# -- shifts -------------------------------------------------------------------------------

SHIFTED = [
    ("A1 B", [3, 27, 23, 4, 31, 25]),  # one FIGS, one LTRS
    ("1 2", [27, 23, 4, 19]),  # space keeps the figures case
    ("1\n2", [27, 23, 8, 2, 19]),  # so do CR and LF
    ("AB", [3, 25]),  # starts in letters: no leading LTRS
    ("12", [27, 23, 19]),
    ("a-b", [3, 27, 3, 31, 25]),  # lower case is sent as capitals
    ("", []),
]


@pytest.mark.parametrize(("text", "codes"), SHIFTED, ids=[repr(t) for t, _ in SHIFTED])
def test_shifts_only_when_needed(text: str, codes: list[int]) -> None:
    """LTRS and FIGS appear only where the case changes."""
    encoded = ita2.encode(text)
    assert encoded.dtype == np.uint8
    assert encoded.tolist() == codes


@given(st.text(alphabet=CARRIED, max_size=60))
def test_encode_matches_reference(text: str) -> None:
    """The vectorised encoder equals the character-by-character reference."""
    assert ita2.encode(text).tolist() == reference_encode(text)


@given(st.text(alphabet=CARRIED, max_size=80))
def test_round_trip(text: str) -> None:
    """decode(encode(t)) == t.upper() for any text ITA2 carries."""
    assert ita2.decode(ita2.encode(text)) == text.upper()


@given(hnp.arrays(np.uint8, st.integers(0, 50), elements=st.integers(0, 31)))
def test_decode_any_codes(codes: np.ndarray) -> None:
    """Any codes decode (with a stand-in for national positions) to no more characters."""
    assert len(ita2.decode(codes, national="#")) <= codes.size


def test_line_ends() -> None:
    """CR LF reads as a newline, a CR alone as '\\r', a LF alone as '\\n'."""
    assert ita2.decode(u8(3, 8, 2, 3)) == "A\nA"
    assert ita2.decode(u8(3, 8, 3)) == "A\rA"
    assert ita2.decode(u8(3, 2, 3)) == "A\nA"
    assert ita2.encode("\r\n").tolist() == [8, 8, 2]


# -- bits and tape ------------------------------------------------------------------------


@pytest.mark.parametrize("order", list(Order), ids=lambda o: o.name)
@given(codes=hnp.arrays(np.uint8, st.integers(0, 40), elements=st.integers(0, 31)))
def test_bits_round_trip(order: Order, codes: np.ndarray) -> None:
    """from_bits(to_bits(c)) == c in both orders, and the orders mirror each other."""
    bits = ita2.to_bits(codes, order=order)
    assert bits.shape == (codes.size, 5)
    assert np.array_equal(ita2.from_bits(bits, order=order), codes)
    other = Order.VALUE if order is Order.TRANSMISSION else Order.TRANSMISSION
    assert np.array_equal(ita2.to_bits(codes, order=other), bits[:, ::-1])


def test_tape_ry() -> None:
    """The RY test pattern, punched by hand: R = 01010, Y = 10101, feed hole after hole 2."""
    assert ita2.tape(ita2.encode("RY")) == "| o· o |\n|o ·o o|"
    assert ita2.tape(ita2.encode("RY"), order=Order.VALUE) == "| o ·o |\n|o o· o|"
    assert ita2.tape(ita2.encode("RY"), labels=True) == "| o· o |  R\n|o ·o o|  Y"


def test_tape_labels_follow_shifts() -> None:
    """Labels name the shifts and read the figures after FIGS."""
    assert ita2.tape(ita2.encode("A1 "), labels=True).splitlines() == [
        "|oo·   |  A",
        "|oo· oo|  FIGS",
        "|oo·o o|  1",
        "|  ·o  |  SP",
    ]


# -- timing -------------------------------------------------------------------------------


def test_fifty_baud() -> None:
    """At 50 baud a character takes 0.15 s: 400 characters, 66.7 words a minute."""
    assert ita2.character_seconds(ita2.BAUD_50) == 0.15
    assert ita2.characters_per_minute(ita2.BAUD_50) == 400
    assert ita2.words_per_minute(ita2.BAUD_50) == pytest.approx(400 / 6)


def test_sixty_wpm_machine() -> None:
    """The "60 wpm" machines ran at 45.45 baud."""
    assert ita2.words_per_minute(ita2.BAUD_45_45) == pytest.approx(60, abs=1)
    assert ita2.words_per_minute(ita2.BAUD_75) == 100


def test_duration_counts_shifts() -> None:
    """A1 B is six characters on the line (FIGS and LTRS included): 0.9 s at 50 baud."""
    assert ita2.duration("A1 B", baud=50) == pytest.approx(0.9)
    assert ita2.duration(ita2.encode("A1 B"), baud=50) == pytest.approx(0.9)
    assert ita2.duration("", baud=50) == 0
    assert ita2.duration("A", baud=50, stop_bits=1) == pytest.approx(7 / 50)


# -- bad input ----------------------------------------------------------------------------

NOT_ARRAY: Any = [3]
NOT_STR: Any = b"A"
NOT_ORDER: Any = "value"
SPEED = "a line speed is a finite number of baud above 0, not "
BAD: list[tuple[str, Callable[[], object], str]] = [
    ("cyrillic", lambda: ita2.encode("ДА"), "position 0: ITA2 cannot carry 'Д'"),
    ("percent", lambda: ita2.encode("100%"), "position 3: ITA2 cannot carry '%'"),
    ("eszett", lambda: ita2.encode("straße"), "position 4: ITA2 cannot carry 'ß'"),
    ("not str", lambda: ita2.encode(NOT_STR), "text must be a str, not bytes"),
    ("code 32", lambda: ita2.decode(u8(3, 32)), "position 1: 32 is not a 5-bit code (0-31)"),
    (
        "negative",
        lambda: ita2.decode(np.array([3, 4, -1], np.int8)),
        "position 2: -1 is not a 5-bit code (0-31)",
    ),
    (
        "float",
        lambda: ita2.decode(np.array([3.0])),
        "codes must have an integer dtype, not float64",
    ),
    (
        "list",
        lambda: ita2.decode(NOT_ARRAY),
        "codes must be a numpy array of integers, not list",
    ),
    (
        "national",
        lambda: ita2.decode(u8(27, 13)),
        "position 1: code 13 on the figures side is a national-use position this table "
        "does not carry (pass national= to print a stand-in)",
    ),
    (
        "2-d",
        lambda: ita2.decode(u8(3, 4).reshape(1, 2)),
        "codes must be one-dimensional, not of shape (1, 2)",
    ),
    (
        "bit 2",
        lambda: ita2.from_bits(np.array([[0, 1, 2, 0, 0]]), order=Order.VALUE),
        "position 0: [0, 1, 2, 0, 0] is not five bits",
    ),
    (
        "bits shape",
        lambda: ita2.from_bits(np.zeros((2, 4), np.uint8), order=Order.VALUE),
        "bits must have shape (n, 5), not (2, 4)",
    ),
    (
        "order str",
        lambda: ita2.to_bits(u8(3), order=NOT_ORDER),
        "order must be Order.VALUE or Order.TRANSMISSION, not 'value'",
    ),
    (
        "bit_string 32",
        lambda: ita2.bit_string(32, order=Order.VALUE),
        "32 is not a 5-bit code (0-31)",
    ),
    ("baud 0", lambda: ita2.character_seconds(0), SPEED + "0"),
    ("baud -1", lambda: ita2.character_seconds(-1), SPEED + "-1"),
    ("baud nan", lambda: ita2.words_per_minute(math.nan), SPEED + "nan"),
    ("baud inf", lambda: ita2.duration("A", baud=math.inf), SPEED + "inf"),
    (
        "stop 0.5",
        lambda: ita2.character_seconds(50, stop_bits=0.5),
        "the stop element is a finite number of units, 1 or more, not 0.5",
    ),
]


@pytest.mark.parametrize(("call", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input(call: Callable[[], object], message: str) -> None:
    """Bad input raises WireError quoting the value and, where there is one, its position."""
    with pytest.raises(WireError) as caught:
        call()
    assert str(caught.value) == message
    assert isinstance(caught.value, CipherwireError)
    assert isinstance(caught.value, ValueError)


def test_error_position_attribute() -> None:
    """The position of a bad character is kept on the error."""
    with pytest.raises(WireError) as caught:
        ita2.encode("AB%")
    assert caught.value.position == 2
