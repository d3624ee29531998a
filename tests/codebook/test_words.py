"""Tests for cipherwire.codebook.words: white-space splitting and the exact word table."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.codebook.words import LONGEST, WHITE_SPACE, WordTable, split_spans

SPACES = [chr(b) for b in WHITE_SPACE]
# Words with no white space of any kind (the encoder only splits such texts in bytes).
WORDS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=22).filter(
    lambda word: not any(c.isspace() for c in word)
)


@given(st.lists(st.one_of(WORDS, st.sampled_from(SPACES)), max_size=30))
def test_split_spans_is_str_split(pieces: list[str]) -> None:
    """The spans are exactly the words str.split() finds (the separators \\x1c-\\x1f too)."""
    text = "".join(pieces)
    data = text.encode("utf-8")
    starts, ends = split_spans(data)
    found = [data[s:e].decode() for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    assert found == text.split()


@settings(max_examples=50)
@given(st.lists(WORDS, unique=True, max_size=200), st.lists(WORDS, max_size=60), st.data())
def test_lookup_matches_a_dict(known: list[str], others: list[str], data: st.DataObject) -> None:
    """Every word finds its id, or -1 if not added or too long; spaces of any kind between."""
    table = WordTable()
    half = len(known) // 2
    table.add(known[:half], list(range(half)))  # added in two steps: the table grows
    table.add(known[half:], list(range(half, len(known))))
    ids = {w: i for i, w in enumerate(known) if len(w.encode()) <= LONGEST}
    assert len(table) == len(ids)
    words = (
        data.draw(st.lists(st.sampled_from(known + others), max_size=40)) if known + others else []
    )
    separators = data.draw(
        st.lists(st.sampled_from(SPACES), min_size=len(words), max_size=len(words))
    )
    text = "".join(w + sep for w, sep in zip(words, separators, strict=True)).encode("utf-8")
    found, starts, ends = table.lookup(text)
    assert found.tolist() == [ids.get(w, -1) for w in words]
    assert [
        text[s:e].decode() for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    ] == words


def test_many_colliding_words() -> None:
    """Thousands of words, the table a quarter full and more: all found, by their own id."""
    words = [f"W{i:05d}" for i in range(20_000)] + ["X" * 16, "Y" * 8, "Z" * 9]
    table = WordTable()
    table.add(words, list(range(len(words))))
    found, _, _ = table.lookup(" ".join(words).encode())
    assert found.tolist() == list(range(len(words)))
    assert table.lookup(b"X" * 17 + b" W1 W00001")[0].tolist() == [-1, -1, 1]
    assert np.array_equal(table.lookup(b"")[0], np.zeros(0))
