"""Tests for cipherwire.venona.texts: the ranked word list and the telegram prose model."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.codebook.book import Codebook
from cipherwire.errors import TrafficError
from cipherwire.venona.texts import TextModel, ranked_words

_NUMBER = re.compile(r"^[0-9]+\.?$")


@pytest.fixture(scope="module")
def sample() -> list[str]:
    """About 30,000 words of default prose, seed 1944."""
    return TextModel().texts(np.random.default_rng(1944), np.full(300, 100, dtype=np.int64))


def _words(texts: list[str]) -> Counter[str]:
    """How often each drawn word occurs (full stops, NO. and numbers left out)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for token in text.split():
            if token != "NO." and not _NUMBER.match(token):
                counts[token.rstrip(".")] += 1
    return counts


# -- the word list -------------------------------------------------------------------------


def test_ranked_words_are_upper_case_with_the_first() -> None:
    """The list is long, upper case, without repeats or blanks, and begins THE, TO, AND."""
    words = ranked_words()
    assert len(words) > 1000
    assert words[:3] == ("THE", "TO", "AND")
    assert all(w == w.strip().upper() and w for w in words)
    assert len(set(words)) == len(words)


def test_ranked_words_are_all_in_the_codebook() -> None:
    """Every ranked word is a word of the shipped codebook (so drawn words are never spelled)."""
    book = Codebook.default()
    assert [w for w in ranked_words() if book.lookup(w) is None] == []


# -- the model's settings ------------------------------------------------------------------

BAD_MODELS: list[tuple[str, dict[str, Any]]] = [
    ("zipf-negative", {"zipf": -0.1}),
    ("zipf-above-3", {"zipf": 3.5}),
    ("zipf-nan", {"zipf": math.nan}),
    ("zipf-text", {"zipf": "1"}),
    ("sentence-zero", {"sentence": (0, 5)}),
    ("sentence-backwards", {"sentence": (9, 5)}),
    ("sentence-float", {"sentence": (5.0, 16)}),
    ("sentence-one-number", {"sentence": (5,)}),
    ("sentence-three-numbers", {"sentence": (5, 9, 16)}),
    ("reference-negative", {"reference": -0.01}),
    ("reference-above-1", {"reference": 1.5}),
    ("reference-text", {"reference": "0.1"}),
    ("cover-name-above-1", {"cover_name": 2}),
    ("cover-name-nan", {"cover_name": math.nan}),
]


@pytest.mark.parametrize("settings_", [b[1] for b in BAD_MODELS], ids=[b[0] for b in BAD_MODELS])
def test_bad_models_are_refused(settings_: dict[str, Any]) -> None:
    """Each bad setting raises TrafficError quoting the value."""
    with pytest.raises(TrafficError) as caught:
        TextModel(**settings_)
    assert repr(next(iter(settings_.values()))) in str(caught.value)


def test_weights_follow_zipf() -> None:
    """The weights sum to 1, fall with rank, and rank 1 is 2**zipf times rank 2."""
    for zipf in (0.0, 0.7, 1.0, 2.0):
        weights = TextModel(zipf=zipf).weights()
        assert weights.dtype == np.float64 and weights.size == len(ranked_words())
        assert math.isclose(weights.sum(), 1.0)
        assert (np.diff(weights) <= 0).all()
        assert math.isclose(weights[0] / weights[1], 2.0**zipf)


# -- the texts -----------------------------------------------------------------------------


def test_same_seed_same_texts() -> None:
    """Two generators with one seed write the same texts; another seed writes others."""
    words = np.array([5, 40, 120], dtype=np.int64)
    one = TextModel().texts(np.random.default_rng(7), words)
    two = TextModel().texts(np.random.default_rng(7), words)
    other = TextModel().texts(np.random.default_rng(8), words)
    assert one == two
    assert one != other


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    words=st.lists(st.integers(1, 60), min_size=1, max_size=8),
    low=st.integers(1, 6),
    extra=st.integers(0, 10),
)
def test_every_text_is_whole_sentences(seed: int, words: list[int], low: int, extra: int) -> None:
    """One text per entry, each of sentences within the range, each ending with a full stop."""
    model = TextModel(sentence=(low, low + extra), reference=0.0, cover_name=0.0)
    texts = model.texts(np.random.default_rng(seed), np.array(words, dtype=np.int64))
    assert len(texts) == len(words)
    for text, count in zip(texts, words, strict=True):
        assert text.endswith(".")
        sentences = text[:-1].split(". ")
        assert sum(len(s.split()) for s in sentences) == count
        assert all(len(s.split()) <= low + extra for s in sentences)
        assert all(len(s.split()) >= low for s in sentences[:-1])  # the last may be short


def test_no_words_is_refused_or_still_ends_with_a_full_stop() -> None:
    """A text of no words either is refused or, as promised, still ends with a full stop."""
    try:
        texts = TextModel().texts(np.random.default_rng(1), np.array([0, 3], dtype=np.int64))
    except TrafficError:
        return
    assert all(t.endswith(".") for t in texts), texts


def test_the_is_the_most_common_word(sample: list[str]) -> None:
    """Over a large sample THE leads, about twice as often as TO (Zipf's law, exponent 1)."""
    counts = _words(sample)
    (first, n_the), (second, n_to) = counts.most_common(2)
    assert (first, second) == ("THE", "TO")
    assert 1.6 < n_the / n_to < 2.5
    share = n_the / sum(counts.values())
    assert abs(share - TextModel().weights()[0]) < 0.015  # 1 / H(6405) = 0.107


def test_zipf_zero_is_flat() -> None:
    """With exponent 0 every word is equally likely: THE is no more common than the rest."""
    model = TextModel(zipf=0.0, reference=0.0, cover_name=0.0)
    texts = model.texts(np.random.default_rng(3), np.full(100, 200, dtype=np.int64))
    counts = _words(texts)
    assert counts["THE"] < 15  # 20,000 draws of 6,405 words: about 3 each
    assert len(counts) > 4000


def test_references_and_cover_names_appear(sample: list[str]) -> None:
    """Some sentences cite a telegram by number; some name someone outside the ranked words."""
    joined = " ".join(sample)
    assert re.search(r"\bNO\. [0-9]{1,4}\b", joined)
    known = set(ranked_words())
    names = {w.rstrip(".") for w in joined.split()} - known - {"NO"}
    names = {n for n in names if not n.isdigit()}
    assert names and all(re.fullmatch(r"[A-Z]{4,8}", n) for n in names)


def test_cover_names_are_not_codebook_words() -> None:
    """A cover name is made up, "not in the book" (module docstring), so never a codebook word."""
    # One-word sentences with a cover name in each: where both words of a sentence are
    # codebook words, the cover name is one the codebook encodes as a word, not spelled.
    model = TextModel(sentence=(1, 1), reference=0.0, cover_name=1.0)
    texts = model.texts(np.random.default_rng(5), np.full(40, 100, dtype=np.int64))
    book = Codebook.default()
    clashes = set()
    for text in texts:
        for sentence in text[:-1].split(". "):
            first, second = sentence.split()
            if book.lookup(first) is not None and book.lookup(second) is not None:
                clashes.add(sentence)
    assert clashes == set()
