"""Tests for cipherwire.core.messages: many messages as one flat digit array plus offsets."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.core.messages import MessageSet, ranges
from cipherwire.errors import ArrayTypeError, ArrayValueError

digit_texts = st.lists(st.text(alphabet="0123456789", max_size=23), max_size=12)


def reference_ranges(starts: list[int], lengths: list[int]) -> list[int]:
    """The ragged gather index, one range at a time."""
    return [i for s, n in zip(starts, lengths, strict=True) for i in range(s, s + n)]


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 9)), max_size=30))
def test_ranges_matches_reference(pairs: list[tuple[int, int]]) -> None:
    """ranges() concatenates aranges exactly as a loop would."""
    starts = np.array([s for s, _ in pairs], dtype=np.int64)
    lengths = np.array([n for _, n in pairs], dtype=np.int64)
    assert ranges(starts, lengths).tolist() == reference_ranges(starts.tolist(), lengths.tolist())


@given(digit_texts)
def test_text_forms_round_trip(texts: list[str]) -> None:
    """from_texts/texts, to_text/from_text and the list form agree with the strings."""
    ms = MessageSet.from_texts(texts)
    assert len(ms) == len(texts) and ms.size == sum(map(len, texts))
    assert ms.texts() == texts
    assert MessageSet.from_text(ms.to_text()) == ms
    assert MessageSet.from_list([np.array([int(c) for c in t], np.uint8) for t in texts]) == ms
    assert [a.tolist() for a in ms] == [[int(c) for c in t] for t in texts]
    if len(texts) <= 4 and ms.size <= 60:  # small sets print as code that makes them
        assert eval(repr(ms), {"MessageSet": MessageSet}) == ms
    else:
        assert repr(ms) == f"<MessageSet messages={len(texts)} digits={ms.size}>"


def test_to_text_layout() -> None:
    """One line a message, groups of five (the last maybe short), an empty line for none."""
    ms = MessageSet.from_texts(["123456", "", "12345"])
    assert ms.to_text() == "12345 6\n\n12345\n"
    assert ms.to_text(group=2) == "12 34 56\n\n12 34 5\n"
    assert MessageSet.from_text("1 2 3\n45") == MessageSet.from_texts(["123", "45"])


@given(digit_texts, st.integers(1, 7))
def test_regroup_matches_reference(texts: list[str], size: int) -> None:
    """regroup pads each message with zeros to whole groups and says how many."""
    grouped, filler = MessageSet.from_texts(texts).regroup(size)
    assert grouped.texts() == [t + "0" * (-len(t) % size) for t in texts]
    assert filler.tolist() == [-len(t) % size for t in texts]
    groups, heads = grouped.groups(size)
    assert groups.shape == (grouped.size // size, size)
    assert heads.tolist() == (grouped.offsets // size).tolist()


@given(digit_texts, st.data())
def test_take_and_slices(texts: list[str], data: st.DataObject) -> None:
    """take() gathers messages in any order; slices keep offsets from 0."""
    ms = MessageSet.from_texts(texts)
    if texts:
        index = data.draw(st.lists(st.integers(-len(texts), len(texts) - 1), max_size=8))
        assert ms.take(index).texts() == [texts[i] for i in index]
    first = data.draw(st.integers(0, len(texts)))
    assert ms[first:].texts() == texts[first:]
    assert ms[::2].texts() == texts[::2]
    assert MessageSet.concat([ms[:first], ms[first:]]) == ms


@given(digit_texts)
def test_encipher_then_decipher(texts: list[str]) -> None:
    """A key set of the same shape adds without carry; subtracting it undoes it."""
    ms = MessageSet.from_texts(texts)
    key = MessageSet.from_texts(["7" * len(t) for t in texts])
    sent = ms.encipher(key)
    assert sent.texts() == ["".join(str((int(c) + 7) % 10) for c in t) for t in texts]
    assert sent.decipher(key) == ms
    assert ms.encipher(key.digits) == sent


@given(digit_texts, st.integers(1, 4))
def test_printed_groups_match_reference(texts: list[str], per_line: int) -> None:
    """Every message printed as groups, per_line a line, from one flat string."""
    grouped, _ = MessageSet.from_texts(texts).regroup()
    text, at = grouped.printed_groups(per_line=per_line)
    for i, message in enumerate(grouped.texts()):
        cut = [message[k : k + 5] for k in range(0, len(message), 5)]
        lines = [" ".join(cut[k : k + per_line]) for k in range(0, len(cut), per_line)]
        assert text[at[i] : at[i + 1]] == "".join(line + "\n" for line in lines)


def test_arrays_are_read_only_and_copied() -> None:
    """The set keeps its own read-only arrays (unless told not to copy)."""
    digits = np.array([1, 2, 3], np.uint8)
    ms = MessageSet.from_arrays(digits, np.array([0, 3]))
    digits[0] = 9
    assert ms.texts() == ["123"]
    with pytest.raises(ValueError, match="read-only"):
        ms.digits[0] = 5
    shared = MessageSet.from_arrays(digits, np.array([0, 3]), copy=False)
    assert np.shares_memory(shared.digits, digits)


def u8(*values: int) -> np.ndarray:
    """A uint8 array."""
    return np.array(values, dtype=np.uint8)


def i64(*values: int) -> np.ndarray:
    """An int64 array."""
    return np.array(values, dtype=np.int64)


BAD_SETS = [
    pytest.param([1, 2], i64(0, 2), ArrayTypeError, "numpy.ndarray", id="digits-list"),
    pytest.param(np.zeros(2, np.int64), i64(0, 2), ArrayTypeError, "dtype uint8", id="int64"),
    pytest.param(np.zeros((2, 2), np.uint8), i64(0, 4), ArrayValueError, "one-dimens", id="2d"),
    pytest.param(u8(1, 2), np.array([0.0, 2.0]), ArrayTypeError, "integer dtype", id="float"),
    pytest.param(u8(1, 2), i64(), ArrayValueError, r"at least \[0\]", id="no-offsets"),
    pytest.param(u8(1, 2), i64(1, 2), ArrayValueError, "start at 0", id="not-from-0"),
    pytest.param(u8(1, 2, 3), i64(0, 2, 1, 3), ArrayValueError, "must not decrease", id="down"),
    pytest.param(u8(1, 2, 3), i64(0, 2), ArrayValueError, "cover the digit array", id="short"),
    pytest.param(u8(1, 2, 3), i64(0, 4), ArrayValueError, "cover the digit array", id="long"),
    pytest.param(
        u8(1, 2, 13),
        i64(0, 1, 3),
        ArrayValueError,
        r"13 at position 2 \(message 1, digit 1\)",
        id="not-a-digit",
    ),
]


@pytest.mark.parametrize(("digits", "offsets", "error", "message"), BAD_SETS)
def test_bad_sets(digits: object, offsets: np.ndarray, error: type, message: str) -> None:
    """Every malformed set is refused with a clear error, never kept."""
    with pytest.raises(error, match=message):
        MessageSet.from_arrays(digits, offsets)  # type: ignore[arg-type]


def _twelve() -> MessageSet:
    return MessageSet.from_texts(["12"])


BAD_OPERATIONS = [
    pytest.param(lambda: MessageSet.from_lengths(u8(1, 2, 3), [2, 2]), "cover", id="sum"),
    pytest.param(lambda: MessageSet.from_lengths(u8(1, 2, 3), [4, -1]), "negative", id="negative"),
    pytest.param(lambda: MessageSet.from_texts(["12", "3x"]), "line 2, column 2", id="letter"),
    pytest.param(lambda: MessageSet.from_texts(["1\n2"]), "line break", id="newline"),
    pytest.param(
        lambda: _twelve().encipher(MessageSet.from_texts(["1", "2"])), "not as long", id="shape"
    ),
    pytest.param(lambda: _twelve().encipher(np.zeros(3, np.uint8)), "the key has 3", id="length"),
    pytest.param(lambda: _twelve().encipher(u8(1, 12)), "12 at position 1", id="key-digit"),
    pytest.param(lambda: MessageSet.from_texts(["123"]).groups(), "not whole groups", id="groups"),
    pytest.param(lambda: _twelve().regroup(0), "size must be", id="regroup-size"),
    pytest.param(lambda: _twelve().take([1]), "out of range", id="take"),
]


@pytest.mark.parametrize(("call", "message"), BAD_OPERATIONS)
def test_bad_operations(call: object, message: str) -> None:
    """Operations refuse mismatched keys, partial groups and bad indexes, naming them."""
    with pytest.raises((ArrayValueError, ArrayTypeError, IndexError), match=message):
        call()  # type: ignore[operator]


def test_empty_set() -> None:
    """A set of no messages is a value like any other."""
    ms = MessageSet.from_texts([])
    assert len(ms) == 0 and ms.size == 0 and ms.to_text() == "" and ms.texts() == []
    assert ms.regroup()[0] == ms and MessageSet.concat([]) == ms
