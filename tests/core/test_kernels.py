"""Tests for cipherwire.core.kernels: digits, letters, five-bit codes."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from cipherwire.core import (
    add_mod10,
    add_mod26,
    digits_from_text,
    digits_to_text,
    elementwise,
    letter_pad,
    letters_from_text,
    letters_to_text,
    sub_mod10,
    sub_mod26,
    xor5,
)
from cipherwire.core._engine import chunks
from cipherwire.errors import ArrayValueError


def reference_add(a: list[int], b: list[int]) -> list[int]:
    """Digit-by-digit addition without carry, the obvious way."""
    return [(x + y) % 10 for x, y in zip(a, b, strict=True)]


def reference_sub(a: list[int], b: list[int]) -> list[int]:
    """Digit-by-digit subtraction without borrow, the obvious way."""
    return [(x - y) % 10 for x, y in zip(a, b, strict=True)]


def d(text: str) -> np.ndarray:
    """Shorthand: a digit array from a string."""
    return digits_from_text(text)


@st.composite
def digit_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Two uint8 digit arrays of one shape (0 to 3 dimensions, empty ones included)."""
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=12))
    digits = hnp.arrays(np.uint8, shape, elements=st.integers(0, 9))
    return draw(digits), draw(digits)


# -- non-carrying arithmetic ---------------------------------------------------------------

ADDITIONS = [
    ("8", "6", "4"),
    ("0", "0", "0"),
    ("9", "9", "8"),
    ("5", "5", "0"),
    ("83527", "66666", "49183"),
    ("1234567890", "9876543210", "0000000000"),
]


@pytest.mark.parametrize(("a", "b", "total"), ADDITIONS, ids=[f"{a}+{b}" for a, b, _ in ADDITIONS])
def test_add_known_answers(a: str, b: str, total: str) -> None:
    """Known sums: 8 + 6 = 4, no carry into the next column."""
    assert digits_to_text(add_mod10(d(a), d(b))) == total


SUBTRACTIONS = [
    ("3", "7", "6"),
    ("0", "9", "1"),
    ("9", "0", "9"),
    ("4", "4", "0"),
    ("49183", "66666", "83527"),
    ("0000000000", "9876543210", "1234567890"),
]


@pytest.mark.parametrize(
    ("a", "b", "difference"), SUBTRACTIONS, ids=[f"{a}-{b}" for a, b, _ in SUBTRACTIONS]
)
def test_sub_known_answers(a: str, b: str, difference: str) -> None:
    """Known differences: 3 - 7 = 6, no borrow from the next column."""
    assert digits_to_text(sub_mod10(d(a), d(b))) == difference


@given(digit_pairs())
def test_add_matches_reference(pair: tuple[np.ndarray, np.ndarray]) -> None:
    """add_mod10 equals the pure-Python reference on any shape, empty included."""
    a, b = pair
    result = add_mod10(a, b)
    assert result.dtype == np.uint8 and result.shape == a.shape
    assert result.ravel().tolist() == reference_add(a.ravel().tolist(), b.ravel().tolist())


@given(digit_pairs())
def test_sub_matches_reference(pair: tuple[np.ndarray, np.ndarray]) -> None:
    """sub_mod10 equals the pure-Python reference on any shape, empty included."""
    a, b = pair
    result = sub_mod10(a, b)
    assert result.dtype == np.uint8 and result.shape == a.shape
    assert result.ravel().tolist() == reference_sub(a.ravel().tolist(), b.ravel().tolist())


@given(digit_pairs())
def test_sub_undoes_add(pair: tuple[np.ndarray, np.ndarray]) -> None:
    """Deciphering undoes enciphering: sub_mod10(add_mod10(p, k), k) == p."""
    plain, key = pair
    np.testing.assert_array_equal(sub_mod10(add_mod10(plain, key), key), plain)


def test_every_digit_pair() -> None:
    """All 100 digit pairs at once agree with the reference, for both kernels."""
    a, b = (
        np.array(x, np.uint8) for x in zip(*itertools.product(range(10), repeat=2), strict=True)
    )
    assert add_mod10(a, b).tolist() == reference_add(a.tolist(), b.tolist())
    assert sub_mod10(a, b).tolist() == reference_sub(a.tolist(), b.tolist())


@pytest.mark.parametrize("kernel", [add_mod10, sub_mod10])
def test_out_may_alias_either_operand(kernel: Callable[..., np.ndarray]) -> None:
    """Writing the result into a or b in place gives the same answer and returns out."""
    a, b = d("0123456789"), d("9876543219")
    expected = kernel(a, b)
    for which in ("a", "b"):
        x, y = a.copy(), b.copy()
        out = x if which == "a" else y
        assert kernel(x, y, out=out) is out
        np.testing.assert_array_equal(out, expected)


def test_out_separate_array() -> None:
    """A separate out array receives the result and the operands are untouched."""
    a, b, out = d("8888"), d("6543"), np.zeros(4, np.uint8)
    assert add_mod10(a, b, out=out) is out
    assert digits_to_text(out) == "4321"
    assert digits_to_text(a) == "8888" and digits_to_text(b) == "6543"


BAD_OPERANDS = [
    pytest.param(np.array([1, 2], np.int64), d("12"), None, TypeError, id="a-int64"),
    pytest.param(d("12"), np.array([1, 2], np.int8), None, TypeError, id="b-int8"),
    pytest.param([1, 2], d("12"), None, TypeError, id="a-list"),
    pytest.param(d("12"), d("123"), None, ValueError, id="shape-mismatch"),
    pytest.param(d("1234"), d("1234").reshape(2, 2), None, ValueError, id="same-size-other-shape"),
    pytest.param(d("12"), d("12"), np.zeros(3, np.uint8), ValueError, id="out-shape"),
    pytest.param(d("12"), d("12"), np.zeros(2, np.int32), TypeError, id="out-dtype"),
]


@pytest.mark.parametrize("kernel", [add_mod10, sub_mod10])
@pytest.mark.parametrize(("a", "b", "out", "error"), BAD_OPERANDS)
def test_bad_operands(
    kernel: Callable[..., np.ndarray], a: object, b: object, out: object, error: type
) -> None:
    """A wrong dtype is a TypeError and a shape mismatch a ValueError."""
    with pytest.raises(error):
        kernel(a, b, out=out)


# -- letters, five-bit codes and the shared machinery --------------------------------------

KERNEL_REFERENCES: dict[str, tuple[Callable[..., np.ndarray], Callable[[int, int], int], int]] = {
    "add_mod10": (add_mod10, lambda x, y: (x + y) % 10, 9),
    "sub_mod10": (sub_mod10, lambda x, y: (x - y) % 10, 9),
    "add_mod26": (add_mod26, lambda x, y: (x + y) % 26, 25),
    "sub_mod26": (sub_mod26, lambda x, y: (x - y) % 26, 25),
    "xor5": (xor5, lambda x, y: x ^ y, 31),
}


def reference(op: Callable[[int, int], int], a: list[int], b: list[int]) -> list[int]:
    """The obvious pure-Python loop, one element at a time."""
    return [op(x, y) for x, y in zip(a, b, strict=True)]


@st.composite
def operand_pairs(draw: st.DrawFn, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Two uint8 arrays of one shape (up to 3 dimensions) with values 0..limit."""
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=12))
    values = hnp.arrays(np.uint8, shape, elements=st.integers(0, limit))
    return draw(values), draw(values)


@pytest.mark.parametrize("name", list(KERNEL_REFERENCES))
@given(data=st.data())
def test_kernel_matches_reference(name: str, data: st.DataObject) -> None:
    """Every elementwise kernel equals its pure-Python reference, any shape."""
    kernel, op, limit = KERNEL_REFERENCES[name]
    a, b = data.draw(operand_pairs(limit))
    result = kernel(a, b)
    assert result.dtype == np.uint8 and result.shape == a.shape
    assert result.ravel().tolist() == reference(op, a.ravel().tolist(), b.ravel().tolist())
    assert elementwise(name, a, b, threaded=False).tolist() == result.tolist()


@pytest.mark.parametrize("name", list(KERNEL_REFERENCES))
def test_kernel_threaded_chunks(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arrays cut into many chunks over two threads give the reference answer."""
    monkeypatch.setattr(chunks, "CHUNK", 64)
    monkeypatch.setattr(chunks, "THREADED_FROM", 256)
    chunks.set_threads(2)
    try:
        kernel, op, limit = KERNEL_REFERENCES[name]
        rng = np.random.default_rng(len(name))
        a = rng.integers(0, limit + 1, 10_001).astype(np.uint8)
        b = rng.integers(0, limit + 1, 10_001).astype(np.uint8)
        expected = reference(op, a.tolist(), b.tolist())
        assert kernel(a, b).tolist() == expected
        assert kernel(a, b, out=a) is a and a.tolist() == expected
    finally:
        chunks.set_threads(None)


@pytest.mark.parametrize(("name", "bad"), [("add_mod10", 10), ("add_mod26", 26), ("xor5", 32)])
def test_kernel_refuses_values_out_of_range(name: str, bad: int) -> None:
    """With check (the default) a value out of range is named with its position."""
    kernel = KERNEL_REFERENCES[name][0]
    a = np.zeros(7, np.uint8)
    b = np.zeros(7, np.uint8)
    b[5] = bad
    with pytest.raises(ArrayValueError, match=rf"b holds {bad} at position 5"):
        kernel(a, b)
    assert kernel(a, b, check=False).shape == (7,)  # unchecked: no error, no promise


def test_partly_overlapping_out_reads_a_copy() -> None:
    """out overlapping an operand at an offset gives the answer of separate arrays."""
    buffer = np.arange(20, dtype=np.uint8) % 10
    a, b = buffer[:10].copy(), buffer[5:15].copy()
    expected = add_mod10(a, b)
    result = add_mod10(buffer[:10], buffer[5:15], out=buffer[5:15])
    assert result.tolist() == expected.tolist()


def test_non_contiguous_operands() -> None:
    """Strided views and Fortran-ordered arrays are handled, out included."""
    rng = np.random.default_rng(1)
    a = rng.integers(0, 10, (6, 8)).astype(np.uint8)
    b = np.asfortranarray(rng.integers(0, 10, (6, 8)).astype(np.uint8))
    out = np.zeros((8, 6), np.uint8).T
    expected = (a.astype(int) + b) % 10
    assert add_mod10(a[:, ::2], b[:, ::2]).tolist() == expected[:, ::2].tolist()
    assert add_mod10(a, b, out=out) is out and out.tolist() == expected.tolist()


def test_read_only_out_refused() -> None:
    """A read-only out array is refused before any work."""
    out = np.zeros(3, np.uint8)
    out.setflags(write=False)
    with pytest.raises(ArrayValueError, match="read-only"):
        add_mod10(np.zeros(3, np.uint8), np.zeros(3, np.uint8), out=out)


def test_unknown_kernel_name() -> None:
    """elementwise names the kernels it knows."""
    with pytest.raises(ArrayValueError, match="add_mod10"):
        elementwise("add_mod7", np.zeros(1, np.uint8), np.zeros(1, np.uint8))


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=300), st.data())
def test_letter_pad_matches_reference(text: str, data: st.DataObject) -> None:
    """letter_pad equals the per-character loop, and deciphering undoes it."""
    key = data.draw(
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=len(text), max_size=len(text))
    )
    expected = "".join(
        chr((ord(p) + ord(k) - 130) % 26 + 65) for p, k in zip(text, key, strict=True)
    )
    assert letter_pad(text, key) == expected
    assert letter_pad(expected, key, decipher=True) == text
    assert letters_to_text(add_mod26(letters_from_text(text), letters_from_text(key))) == expected


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        pytest.param("ABC", "AB", "the key has 2 letters, the text 3", id="lengths"),
        pytest.param("AbC", "ABC", "'b' at position 1", id="lower-case"),
        pytest.param("ABC", "AB ", "' ' at position 2", id="space-in-key"),
        pytest.param("ÄBC", "ABC", "'Ä' at position 0", id="non-ascii"),
    ],
)
def test_letter_pad_bad_input(text: str, key: str, message: str) -> None:
    """Bad letters are named with their position; lengths must agree."""
    with pytest.raises(ArrayValueError, match=message):
        letter_pad(text, key)
