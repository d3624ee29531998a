"""Tests for cipherwire.wire.vernam: Vernam's XOR and key tapes punched from pad pages."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from cipherwire.errors import PageNotIssuedError, WireError
from cipherwire.pad.book import PadBook
from cipherwire.wire import ita2
from cipherwire.wire.vernam import (
    REJECT_FROM,
    KeyTape,
    codes_from_digits,
    decipher,
    encipher,
    key_tape,
    xor5,
)

# Characters ITA2 carries (lower case too), for round-trip texts.
CARRIED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789-':()+?,./= \n\r\x00\x05\x07"
# chi-square 0.999 quantile for 31 degrees of freedom (32 codes).
CHI2_31_999 = 61.098


def reference_xor(a: list[int], b: list[int]) -> list[int]:
    """Bitwise exclusive or of five-bit codes, one bit at a time."""
    return [
        sum(((x >> i & 1) != (y >> i & 1)) << i for i in range(5))
        for x, y in zip(a, b, strict=True)
    ]


@pytest.fixture
def book(tmp_path: Path) -> Iterator[PadBook]:
    """A small seeded classroom pad book."""
    with PadBook.create(tmp_path / "p.sqlite", pages=10, seed=1) as padbook:
        yield padbook


@pytest.fixture(scope="module")
def long_tape(tmp_path_factory: pytest.TempPathFactory) -> KeyTape:
    """A tape of 1000 codes from a seeded book, shared by the property tests."""
    path = tmp_path_factory.mktemp("vernam") / "p.sqlite"
    with PadBook.create(path, pages=10, seed=1) as padbook:
        return key_tape(padbook, 1000, to="round trips")


# -- XOR ------------------------------------------------------------------------------------


def test_patent_example() -> None:
    """Vernam's patent: A XOR B = G in ITA2 values (00011 ^ 11001 = 11010)."""
    a, b, g = ita2.encode("A"), ita2.encode("B"), ita2.encode("G")
    assert (a.tolist(), b.tolist(), g.tolist()) == ([3], [25], [26])
    assert np.array_equal(xor5(a, b), g)
    assert np.array_equal(xor5(g, b), a)


@given(
    hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=8).flatmap(
        lambda shape: st.tuples(
            *[hnp.arrays(np.uint8, shape, elements=st.integers(0, 31)) for _ in range(2)]
        )
    )
)
def test_xor_is_own_inverse(pair: tuple[np.ndarray, np.ndarray]) -> None:
    """xor5 equals the bitwise reference, stays in 0-31 and undoes itself."""
    a, b = pair
    c = xor5(a, b)
    assert c.dtype == np.uint8 and c.shape == a.shape
    assert c.reshape(-1).tolist() == reference_xor(a.reshape(-1).tolist(), b.reshape(-1).tolist())
    assert np.array_equal(xor5(c, b), a)


def test_xor_out() -> None:
    """out= receives the result, and may be an operand."""
    a, b = np.array([3, 31], np.uint8), np.array([25, 31], np.uint8)
    assert xor5(a, b, out=a) is a
    assert a.tolist() == [26, 0]


XOR_BAD = [
    (
        "dtype",
        np.array([3], np.int64),
        np.array([3], np.uint8),
        "a must be a numpy array of dtype uint8, not int64",
    ),
    (
        "range",
        np.array([3, 3], np.uint8),
        np.array([3, 40], np.uint8),
        "position 1: b holds 40, not a 5-bit code (0-31)",
    ),
    (
        "scalar",
        np.uint8(3),
        np.uint8(3),
        "a must be a numpy array of dtype uint8, not a numpy uint8 scalar",
    ),
    (
        "shape",
        np.zeros(2, np.uint8),
        np.zeros(3, np.uint8),
        "shape mismatch: a has shape (2,), b has shape (3,)",
    ),
]


@pytest.mark.parametrize(
    ("a", "b", "message"), [x[1:] for x in XOR_BAD], ids=[x[0] for x in XOR_BAD]
)
def test_xor_bad_input(a: np.ndarray, b: np.ndarray, message: str) -> None:
    """xor5 refuses other dtypes, values above 31 and mismatched shapes."""
    with pytest.raises(WireError) as caught:
        xor5(a, b)
    assert str(caught.value) == message


# -- digits to codes ------------------------------------------------------------------------


def test_every_pair_once() -> None:
    """Pairs 00-95 give each code exactly three times; 96-99 give nothing."""
    pairs = np.arange(100)
    digits = np.stack([pairs // 10, pairs % 10], axis=1).reshape(-1).astype(np.uint8)
    codes = codes_from_digits(digits)
    assert codes.tolist() == [n % 32 for n in range(REJECT_FROM)]
    assert np.bincount(codes, minlength=32).tolist() == [3] * 32


def test_odd_digit_unused() -> None:
    """An odd last digit is left over; a non-digit is refused with its position."""
    assert codes_from_digits(np.array([3, 3, 9], np.uint8)).tolist() == [1]
    with pytest.raises(WireError, match=r"^position 1: 10 is not a digit$"):
        codes_from_digits(np.array([1, 10], np.uint8))


# -- key tapes ------------------------------------------------------------------------------


def test_tape_values_and_ledger(book: PadBook) -> None:
    """A tape holds codes 0-31, read-only, and its pages are marked issued to the message."""
    tape = key_tape(book, 300, to="cable 1691")
    assert len(tape) == 300 and tape.codes.dtype == np.uint8
    assert int(tape.codes.max()) <= 31
    assert not tape.codes.flags.writeable
    assert tape.classroom_seed == 1
    status = book.status()
    assert status.used == len(tape.pages)
    assert tuple(e.number for e in status.ledger) == tape.pages
    assert tuple(e.indicator for e in status.ledger) == tape.indicators
    assert {e.to for e in status.ledger} == {"cable 1691"}
    assert tape.indicators == tuple(book.page(n).indicator for n in tape.pages)


def test_tape_roughly_uniform(tmp_path: Path) -> None:
    """Over a long tape each code is about 1/32 of the whole (chi-square, and 5 sigma each)."""
    with PadBook.create(tmp_path / "big.sqlite", pages=60, seed=7) as big:
        tape = key_tape(big, 8000, to="uniformity")
    counts = np.bincount(tape.codes, minlength=32)
    n, p = tape.codes.size, 1 / 32
    expected, sigma = n * p, math.sqrt(n * p * (1 - p))
    assert float(((counts - expected) ** 2 / expected).sum()) < CHI2_31_999
    assert np.abs(counts - expected).max() < 5 * sigma


def test_tape_reproducible(tmp_path: Path) -> None:
    """Two classroom books from the same seed punch the same tape."""
    tapes = []
    for name in ("one", "two"):
        with PadBook.create(tmp_path / f"{name}.sqlite", pages=10, seed=1) as padbook:
            tapes.append(key_tape(padbook, 500, to="x"))
    assert tapes[0] == tapes[1]


def test_second_tape_new_pages(book: PadBook) -> None:
    """A second tape never shares a page with the first."""
    first = key_tape(book, 200, to="first")
    second = key_tape(book, 200, to="second")
    assert not set(first.pages) & set(second.pages)
    assert not set(first.indicators) & set(second.indicators)
    assert not np.array_equal(first.codes, second.codes)


def test_short_pages_issue_one_more(tmp_path: Path) -> None:
    """When the first pages fall short of kept pairs, one more page is issued."""
    # Seed 48, two-group pages, 40 codes: the first call issues 18 pages (found by search).
    with PadBook.create(tmp_path / "small.sqlite", pages=60, groups_per_page=2, seed=48) as small:
        tape = key_tape(small, 40, to="short")
        assert len(tape) == 40
        assert tape.pages == tuple(range(1, 20))
        assert small.status().used == 19
        assert KeyTape.from_pages(small, tape.indicators, 40) == tape


def test_receiver_punches_same_tape(book: PadBook) -> None:
    """The receiver's tape, from the indicators sent in clear, is the sender's."""
    sent = key_tape(book, 400, to="x")
    assert KeyTape.from_pages(book, sent.indicators, 400) == sent
    shorter = KeyTape.from_pages(book, sent.indicators, 10)
    assert np.array_equal(shorter.codes, sent.codes[:10])


def test_never_issued_page(book: PadBook) -> None:
    """A never-issued page cannot be punched into a receiver's tape."""
    key_tape(book, 100, to="x")
    unused = book.page(10).indicator
    with pytest.raises(PageNotIssuedError, match="was never issued"):
        KeyTape.from_pages(book, [unused], 10)


def test_tape_errors(book: PadBook) -> None:
    """Bad lengths, a repeated indicator and too few pages raise WireError."""
    sent = key_tape(book, 100, to="x")
    with pytest.raises(WireError, match=r"length is an int of 1 or more, not 0"):
        key_tape(book, 0, to="x")
    with pytest.raises(WireError, match=r"indicator '\d{5}' is named twice"):
        KeyTape.from_pages(book, [*sent.indicators, sent.indicators[0]], 10)
    with pytest.raises(WireError, match=r"characters of key tape, 100000 wanted"):
        KeyTape.from_pages(book, sent.indicators, 100_000)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sent.pages = (1,)  # type: ignore[misc]


# -- enciphering ----------------------------------------------------------------------------


@settings(max_examples=60)
@given(st.text(alphabet=CARRIED, max_size=300))
def test_round_trip(long_tape: KeyTape, text: str) -> None:
    """decipher(encipher(t)) == t.upper() for any text ITA2 carries."""
    codes = encipher(text, long_tape)
    assert codes.dtype == np.uint8 and codes.size == ita2.encode(text).size
    assert decipher(codes, long_tape) == text.upper()


def test_enciphered_shift() -> None:
    """A cipher character may be FIGS; the receiver XORs first, then reads shifts."""
    tape = KeyTape(np.array([24, 0], np.uint8), (1,), ("12345",))
    codes = encipher("AB", tape)
    assert codes.tolist() == [ita2.FIGS, 25]
    assert decipher(codes, tape) == "AB"
    assert ita2.decode(codes) == "?"  # read without the tape: FIGS, then B's figure


def test_tape_too_short(book: PadBook) -> None:
    """A tape shorter than the encoded message is refused, saying how much is needed."""
    tape = key_tape(book, 5, to="x")
    message = "the message needs 6 characters of key tape (shifts included), the tape has only 5"
    with pytest.raises(WireError) as caught:
        encipher("A1 B", tape)  # A FIGS 1 SP LTRS B
    assert str(caught.value) == message
    with pytest.raises(WireError, match="needs 6 characters"):
        decipher(np.zeros(6, np.uint8), tape)


def test_wrong_tape_garbles(book: PadBook) -> None:
    """Deciphering with another tape does not give the message back."""
    right, wrong = key_tape(book, 100, to="a"), key_tape(book, 100, to="b")
    codes = encipher("ATTACK AT DAWN", right)
    assert decipher(codes, wrong, national="#") != "ATTACK AT DAWN"
