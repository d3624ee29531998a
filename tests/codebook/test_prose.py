"""Tests for cipherwire.codebook.prose: the ranked word list and the prose generator's three
configurations (telegraphese, uniform, benchmark)."""

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
from cipherwire.codebook.prose import NAMES, Layout, Prose, Vocabulary, ranked_words
from cipherwire.errors import TrafficError

_NUMBER = re.compile(r"^[0-9]+\.?$")


@pytest.fixture(scope="module")
def sample() -> list[str]:
    """About 30,000 words of default prose, seed 1944."""
    return Prose.telegraphese().texts(
        np.random.default_rng(1944), np.full(300, 100, dtype=np.int64)
    )


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


# -- the settings ------------------------------------------------------------------

BAD_SETTINGS: list[tuple[str, dict[str, Any]]] = [
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
    ("vocabulary-text", {"vocabulary": "ranked"}),
    ("layout-text", {"layout": "telegram"}),
    ("uniform-diplomatic", {"zipf": None, "vocabulary": Vocabulary.DIPLOMATIC}),
]


@pytest.mark.parametrize(
    "settings_", [b[1] for b in BAD_SETTINGS], ids=[b[0] for b in BAD_SETTINGS]
)
def test_bad_settings_are_refused(settings_: dict[str, Any]) -> None:
    """Each bad setting raises TrafficError quoting the value."""
    with pytest.raises(TrafficError) as caught:
        Prose(**settings_)
    assert repr(next(iter(settings_.values()))) in str(caught.value)


def test_weights_follow_zipf() -> None:
    """The weights sum to 1, fall with rank, and rank 1 is 2**zipf times rank 2."""
    for zipf in (0.0, 0.7, 1.0, 2.0):
        weights = Prose.telegraphese(zipf=zipf).weights()
        assert weights.dtype == np.float64 and weights.size == len(ranked_words())
        assert math.isclose(weights.sum(), 1.0)
        assert (np.diff(weights) <= 0).all()
        assert math.isclose(weights[0] / weights[1], 2.0**zipf)


# -- telegraphese -----------------------------------------------------------------------------


def test_same_seed_same_texts() -> None:
    """Two generators with one seed write the same texts; another seed writes others."""
    words = np.array([5, 40, 120], dtype=np.int64)
    one = Prose.telegraphese().texts(np.random.default_rng(7), words)
    two = Prose.telegraphese().texts(np.random.default_rng(7), words)
    other = Prose.telegraphese().texts(np.random.default_rng(8), words)
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
    model = Prose.telegraphese(sentence=(low, low + extra), reference=0.0, cover_name=0.0)
    texts = model.texts(np.random.default_rng(seed), np.array(words, dtype=np.int64))
    assert len(texts) == len(words)
    for text, count in zip(texts, words, strict=True):
        assert text.endswith(".")
        sentences = text[:-1].split(". ")
        assert sum(len(s.split()) for s in sentences) == count
        assert all(len(s.split()) <= low + extra for s in sentences)
        assert all(len(s.split()) >= low for s in sentences[:-1])  # the last may be short


def test_no_words_is_refused() -> None:
    """A text of no words, or word counts that are not whole numbers, raise TrafficError."""
    for words in (np.array([0, 3], dtype=np.int64), np.array([2.0, 3.0])):
        for prose in (Prose.telegraphese(), Prose.uniform(), Prose.benchmark()):
            with pytest.raises(TrafficError, match="1 word or more"):
                prose.texts(np.random.default_rng(1), words)


def test_the_is_the_most_common_word(sample: list[str]) -> None:
    """Over a large sample THE leads, about twice as often as TO (Zipf's law, exponent 1)."""
    counts = _words(sample)
    (first, n_the), (second, n_to) = counts.most_common(2)
    assert (first, second) == ("THE", "TO")
    assert 1.6 < n_the / n_to < 2.5
    share = n_the / sum(counts.values())
    assert abs(share - Prose.telegraphese().weights()[0]) < 0.015  # 1 / H(6405) = 0.107


def test_zipf_zero_is_flat() -> None:
    """With exponent 0 every word is equally likely: THE is no more common than the rest."""
    model = Prose.telegraphese(zipf=0.0, reference=0.0, cover_name=0.0)
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
    """A cover name is made up and spelled, so never a codebook word."""
    # One-word sentences with a cover name in each: where both words of a sentence are
    # codebook words, the cover name is one the codebook encodes as a word, not spelled.
    model = Prose.telegraphese(sentence=(1, 1), reference=0.0, cover_name=1.0)
    texts = model.texts(np.random.default_rng(5), np.full(40, 100, dtype=np.int64))
    book = Codebook.default()
    clashes = set()
    for text in texts:
        for sentence in text[:-1].split(". "):
            first, second = sentence.split()
            if book.lookup(first) is not None and book.lookup(second) is not None:
                clashes.add(sentence)
    assert clashes == set()


def test_telegraphese_is_the_default() -> None:
    """Prose() is Prose.telegraphese(); its repr is one line that rebuilds it."""
    prose = Prose.telegraphese(zipf=1.4)
    assert Prose() == Prose.telegraphese() and Prose().is_telegraphese
    assert "\n" not in repr(prose)
    assert eval(repr(prose), {"Prose": Prose, "Vocabulary": Vocabulary, "Layout": Layout}) == prose
    assert not Prose.uniform().is_telegraphese and not Prose.benchmark().is_telegraphese


def test_every_telegraphese_word_is_encodable(sample: list[str]) -> None:
    """The shipped codebook encodes every text, and all its words but cover names as words."""
    book = Codebook.default()
    code = book.encode_many(sample)
    assert code.lengths.size == len(sample) and int(code.lengths.min()) > 0
    assert book.coverage(" ".join(sample)) > 0.97


# -- uniform ---------------------------------------------------------------------------------


def _uniform_sample(seed: int) -> list[str]:
    return Prose.uniform().texts(np.random.default_rng(seed), np.full(200, 100, dtype=np.int64))


def test_uniform_is_reproducible() -> None:
    """The same seed gives the same texts, another seed others."""
    assert _uniform_sample(3) == _uniform_sample(3) != _uniform_sample(4)


def test_uniform_is_one_sentence_of_book_words() -> None:
    """Each text is its count of the book's single words in one sentence, all encodable."""
    words = np.array([1, 7, 30], dtype=np.int64)
    texts = Prose.uniform().texts(np.random.default_rng(11), words)
    book = Codebook.default()
    for text, count in zip(texts, words.tolist(), strict=True):
        assert text.endswith(".") and text.count(".") == 1
        drawn = text[:-1].split()
        assert len(drawn) == count
        assert all(w.isalpha() and book.lookup(w) is not None for w in drawn)


def test_uniform_is_flat() -> None:
    """Every single word of the book is about equally likely: no word leads, most appear."""
    counts = Counter(w.rstrip(".") for t in _uniform_sample(5) for w in t.split())
    singles = [t for t, _ in Codebook.default().entries if t.isalpha()]
    expected = 20_000 / len(singles)
    assert max(counts.values()) < expected + 6 * math.sqrt(expected) + 3
    assert len(counts) > 0.9 * len(singles) * (1 - math.exp(-expected))


def test_uniform_weights_are_flat() -> None:
    """The uniform configuration's weights are all the same and sum to 1."""
    weights = Prose.uniform().weights(1000)
    assert weights.size == 1000 and math.isclose(weights.sum(), 1.0)
    assert weights.min() == weights.max()


# -- benchmark -------------------------------------------------------------------------------


def _tokens(texts: list[str]) -> Counter[str]:
    return Counter(
        w.strip(".,").lower() for t in texts for w in t.split() if not w.strip(".,").isdigit()
    )


def test_benchmark_is_reproducible() -> None:
    """The same seed gives the same traffic, another seed other traffic."""
    prose = Prose.benchmark()
    one = prose.draw(np.random.default_rng(4), 50)
    assert one == prose.draw(np.random.default_rng(4), 50)
    assert one != prose.draw(np.random.default_rng(5), 50)


def test_benchmark_is_carried_by_the_codebook() -> None:
    """The codebook encodes every text, names spelled: most but not all words are the book's."""
    texts = Prose.benchmark().draw(np.random.default_rng(4), 50)
    assert len(texts) == 50 and all(text.endswith(".") for text in texts)
    book = Codebook.default()
    assert int(book.encode_many(texts).lengths.min()) > 0
    assert 0.7 < book.coverage(" ".join(texts)) < 1.0


def test_benchmark_lengths_follow_the_median() -> None:
    """Lengths are lognormal about the median asked for, 3 words at least."""
    texts = Prose.benchmark().draw(np.random.default_rng(8), 400, median_words=40)
    counts = [len([w for w in t.split() if not w.strip(".,").isdigit()]) for t in texts]
    assert min(counts) >= 3
    assert 34 <= float(np.median(counts)) <= 46


def test_benchmark_has_its_shape() -> None:
    """THE leads, about twice OF; one word in 25 a name; a number in every third text;
    sentences of twelve words begun with a capital."""
    texts = Prose.benchmark().draw(np.random.default_rng(9), 600)
    counts = _tokens(texts)
    (first, n_the), (second, n_of) = counts.most_common(2)
    assert (first, second) == ("the", "of") and 1.6 < n_the / n_of < 2.5
    names = sum(counts[name.lower()] for name in NAMES)
    assert 0.035 < names / sum(counts.values()) < 0.045
    for i, text in enumerate(texts):
        has_number = any(w.strip(".,").isdigit() for w in text.split())
        assert has_number == (i % 3 == 0), (i, text)
        assert text[0].isupper()
    words = [w for w in texts[1].split() if not w.strip(".,").isdigit()]
    assert all(w.endswith(".") for w in words[11::12])


def test_benchmark_texts_take_counts_too() -> None:
    """texts() with word counts gives texts of those lengths in the same style."""
    texts = Prose.benchmark().texts(np.random.default_rng(2), np.array([5, 13], dtype=np.int64))
    assert [len(t.split()) for t in texts] == [6, 13]  # the first carries a number
    assert texts[1].count(".") == 2 and "," in texts[1]


@pytest.mark.parametrize(
    ("n", "median", "quoted"),
    [(-1, 120, "-1"), (2.5, 120, "2.5"), (True, 120, "True"), (3, 0, "0"), (3, "9", "'9'")],
)
def test_bad_draws_are_refused(n: Any, median: Any, quoted: str) -> None:
    """A count of texts or a median length that is not usable raises TrafficError quoting it."""
    with pytest.raises(TrafficError) as caught:
        Prose.benchmark().draw(np.random.default_rng(1), n, median_words=median)
    assert quoted in str(caught.value)
