"""Tests for cipherwire.core.boundary: digits and letters to and from text, printed groups."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

from cipherwire.core import (
    ascii_text,
    digits_from_ascii,
    digits_from_text,
    digits_to_ascii,
    digits_to_text,
    group,
    groups_to_ascii,
)
from cipherwire.errors import ArrayValueError


def d(text: str) -> np.ndarray:
    """Shorthand: a digit array from a string."""
    return digits_from_text(text)


@given(st.text(alphabet="0123456789", max_size=400))
def test_text_round_trip(text: str) -> None:
    """digits_to_text(digits_from_text(s)) == s for any string of ASCII digits."""
    digits = digits_from_text(text)
    assert digits.dtype == np.uint8 and digits.shape == (len(text),)
    assert digits_to_text(digits) == text


BAD_TEXT = [
    pytest.param("12a45", "'a' at position 2", id="letter"),
    pytest.param(" 1234", "' ' at position 0", id="leading-space"),
    pytest.param("1234/", "'/' at position 4", id="below-zero"),
    pytest.param("12:45", "':' at position 2", id="above-nine"),
    pytest.param("1\u0663", "'\u0663' at position 1", id="arabic-indic-three"),
    pytest.param("99\u00e9", "'\u00e9' at position 2", id="non-ascii"),
]


@pytest.mark.parametrize(("text", "where"), BAD_TEXT)
def test_digits_from_text_rejects(text: str, where: str) -> None:
    """A character that is not an ASCII digit is quoted with its position."""
    with pytest.raises(ValueError, match=where):
        digits_from_text(text)


def test_digits_to_text_rejects() -> None:
    """A value above 9 or a wrong dtype cannot become text."""
    with pytest.raises(ValueError, match="12 at position 1"):
        digits_to_text(np.array([1, 12, 3], np.uint8))
    with pytest.raises(TypeError):
        digits_to_text(np.array([1, 2], np.int64))


def test_group() -> None:
    """group() reshapes to (n // size, size) as a view; rows read back as the groups."""
    digits = d("12345678901234567890")
    groups = group(digits)
    assert groups.shape == (4, 5) and np.shares_memory(groups, digits)
    assert [digits_to_text(row) for row in groups] == ["12345", "67890", "12345", "67890"]
    assert group(d("1234"), size=2).shape == (2, 2)
    assert group(d("")).shape == (0, 5)


@pytest.mark.parametrize(
    ("digits", "size"),
    [
        pytest.param(d("123456"), 5, id="not-divisible"),
        pytest.param(d("12345"), 0, id="size-zero"),
        pytest.param(d("1234567890").reshape(2, 5), 5, id="two-dimensional"),
    ],
)
def test_group_rejects(digits: np.ndarray, size: int) -> None:
    """Digits that do not make whole groups, and bad sizes, raise ValueError."""
    with pytest.raises(ValueError):
        group(digits, size)


@given(st.binary(max_size=300))
def test_ascii_digits_round_trip(data: bytes) -> None:
    """digits_from_ascii accepts exactly the ASCII digits, and digits_to_ascii undoes it."""
    if all(48 <= b <= 57 for b in data):
        digits = digits_from_ascii(data)
        assert digits.tolist() == [b - 48 for b in data]
        assert bytes(digits_to_ascii(digits)) == data
    else:
        at = next(i for i, b in enumerate(data) if not 48 <= b <= 57)
        with pytest.raises(ArrayValueError, match=f"at position {at}$"):
            digits_from_ascii(data)


@given(st.integers(0, 60), st.integers(1, 12), st.integers(1, 6))
def test_groups_to_ascii_matches_reference(groups: int, per_line: int, size: int) -> None:
    """Printed groups: size figures, a space, per_line a line, every line ends in a newline."""
    digits = (np.arange(groups * size) % 10).astype(np.uint8)
    text = digits_to_text(digits)
    cut = [text[i : i + size] for i in range(0, len(text), size)]
    lines = [" ".join(cut[i : i + per_line]) for i in range(0, len(cut), per_line)]
    expected = "".join(line + "\n" for line in lines)
    assert bytes(groups_to_ascii(digits, size=size, per_line=per_line)).decode() == expected


@given(
    hnp.arrays(
        np.uint8, hnp.array_shapes(min_dims=1, max_dims=2, min_side=0), elements=st.integers(0, 127)
    )
)
def test_ascii_text_matches_bytes_decode(x: NDArray[np.uint8]) -> None:
    """Any shape of ASCII bytes: the text tobytes().decode() gives, in C order."""
    assert ascii_text(x) == x.tobytes().decode("ascii")
    assert ascii_text(x.T) == np.ascontiguousarray(x.T).tobytes().decode("ascii")


def test_ascii_text_names_a_byte_past_ascii() -> None:
    """A byte above 127 is named with its position."""
    with pytest.raises(ArrayValueError, match=r"not ASCII: 200 at position 3$"):
        ascii_text(np.array([49, 50, 51, 200, 201], np.uint8))
