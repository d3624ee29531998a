"""Tests for codebook.encoder: Codebook.encode_many equals Codebook.encode on every text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipherwire import strategies as cws
from cipherwire.codebook import encoder
from cipherwire.codebook.book import Codebook
from cipherwire.errors import CodebookError

BOOK = Codebook.default()
# Words, phrases and marks that exercise every path: phrases with and without spaces
# (THE FOLLOWING, IT'S, COMMANDER-IN-CHIEF, AS SOON AS POSSIBLE), near misses, joiners
# with and without spaces, closers and openers out of place, figures, words the book
# lacks, characters that only normalisation or <CHAR> can carry.
PIECES = [
    "the", "The", "following", "FOLLOWINGS", "in", "view", "of", "as", "soon", "possible",
    "at", "present", "time", "it", "'s", "it's", "we're", "commander", "-in-", "chief",
    "commander-in-chief", "kai", "shek", "chiang", "people", "'", "s", "central", "government",
    "10th", "1st", "21", "st", "1950", "007", "Zhou", "Enlai", "Shtykov", "zzxq", "vkp(b)",
    "(", ")", "[", "]", ",", ".", ";", ":", "?", "!", "-", "/", "—", "–", "“", "”", "‘", "’",
    "№", "%", '"', "José", "Straße", "ǅ", "ﬁ", "e\u0301", "\u0301", "\x00", "\x1f", "\t", "\n",
    "\u00a0", "  ", "ЖУКОВ", "日本", "internationalisation", "counterrevolutionaries",
    "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "\x01", "\x7f",
]  # fmt: skip
SEPARATORS = ["", " ", " ", " ", "  ", "\n", "\t", " - ", "-", "\x0b", "\x1c", "\r\n", "\x1f "]


@st.composite
def awkward_texts(draw: st.DrawFn) -> str:
    """Texts built from the pieces above, with any spacing between them."""
    pieces = draw(st.lists(st.sampled_from(PIECES), max_size=16))
    out = []
    for piece in pieces:
        out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(piece)
    return "".join(out)


def assert_same(book: Codebook, texts: list[str]) -> None:
    """encode_many gives, message by message, exactly encode's digits."""
    found = book.encode_many(texts)
    assert len(found) == len(texts)
    for text, digits in zip(texts, found, strict=True):
        assert np.array_equal(digits, book.encode(text)), text


@settings(max_examples=60, deadline=None)
@given(st.lists(awkward_texts(), max_size=8))
def test_awkward_texts_default_book(texts: list[str]) -> None:
    """Phrases, joiners, marks, figures, accents, NULs: the same digits as one by one."""
    assert_same(BOOK, texts)


@settings(max_examples=40, deadline=None)
@given(st.lists(cws.plaintexts(max_size=200), max_size=6))
def test_plaintexts_default_book(texts: list[str]) -> None:
    """Telegram-like plaintexts: the same digits as one by one."""
    assert_same(BOOK, texts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cws.codebooks(max_words=40), st.data())
def test_generated_books(book: Codebook, data: st.DataObject) -> None:
    """Any generated book, its own phrases in the text: the same digits as one by one."""
    words = [text for text, _ in book.entries if not text.startswith("<")]
    vocabulary = st.sampled_from([*words, "X", ",", "-", "'", "(", ")"]) if words else st.just("X")
    texts = data.draw(
        st.lists(
            st.lists(st.tuples(vocabulary, st.sampled_from(SEPARATORS)), max_size=12).map(
                lambda pairs: "".join(w + sep for w, sep in pairs)
            ),
            max_size=6,
        )
    )
    assert_same(book, texts)


@settings(max_examples=30, deadline=None)
@given(st.lists(awkward_texts(), max_size=12), st.integers(1, 120))
def test_slices(texts: list[str], slice_chars: int) -> None:
    """Encoded a slice of a few characters at a time (as large batches are): the same."""
    whole = BOOK.encode_many(texts)
    was, encoder.SLICE_CHARS = encoder.SLICE_CHARS, slice_chars
    try:
        sliced = BOOK.encode_many(texts)
    finally:
        encoder.SLICE_CHARS = was
    assert np.array_equal(sliced.digits, whole.digits)
    assert np.array_equal(sliced.offsets, whole.offsets)


def test_memory_across_calls() -> None:
    """A second call with words seen before gives the same digits as the first."""
    book = Codebook.generate(["the following", "agree"], seed=3)
    texts = ["We agree to the following:", "THE FOLLOWING", "the follow", ""]
    first = book.encode_many(texts)
    assert book.encode_many(texts) == first
    assert book.encode_many(texts[::-1]).texts() == first.texts()[::-1]
    assert_same(book, texts)


def test_known_answer() -> None:
    """A small book's digits, the phrase taken whole and the unknown name spelled."""
    book = Codebook.generate(["the following", "agree", "we"], two_part=False)
    (digits,) = book.encode_many(["We agree to the following: Zhou."])
    codes = [int("".join(map(str, digits[i : i + 4]))) for i in range(0, digits.size, 4)]
    assert [book.decoding_table()[c][0] for c in codes][:4] == ["WE", "AGREE", "<SPELL>", "<T>"]
    assert book.decode(digits) == "WE AGREE TO THE FOLLOWING: ZHOU."


@pytest.mark.parametrize("bad", ["one text", [1, "two"], [None]])
def test_encode_many_refuses(bad: object) -> None:
    """encode_many takes a sequence of str, and says so."""
    with pytest.raises(CodebookError):
        BOOK.encode_many(bad)  # type: ignore[arg-type]
