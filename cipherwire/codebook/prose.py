"""Synthetic prose made of the shipped codebook's words: one generator, three configurations.

:class:`Prose` draws texts from a :class:`numpy.random.Generator`, the same texts for the
same generator state; a configuration is a :class:`Vocabulary` in rank order, the word
weights (Zipf's law ``1 / rank ** zipf``, or every word equally likely) and a
:class:`Layout`.  It is our model of what telegrams say, chosen for teaching and measuring
(the sources give no statistics of real Soviet plaintexts): :meth:`Prose.telegraphese` for
the VENONA lesson and the analyst, uneven as real plaintext is (docs/tutorial/venona.md),
:meth:`Prose.uniform` for the cipher department's workload, :meth:`Prose.benchmark` for the
benchmarks.

>>> six = np.array([6], dtype=np.int64)
>>> Prose.telegraphese().texts(np.random.default_rng(1944), six)  # DIKATOSA: a cover name
['YOU THE FEEL I AND DIKATOSA OTHERS.']
>>> Prose.uniform().texts(np.random.default_rng(7), np.array([4], dtype=np.int64))
['UPSET OLDEST POUND TEXAS.']
>>> Prose.benchmark().texts(np.random.default_rng(1950), np.array([9], dtype=np.int64))
['That and artillery nie 1264, voted sokolovsky not zone implications.']
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from cipherwire.codebook.book import Codebook
from cipherwire.errors import TrafficError

_SYLLABLES = (
    "BA", "BO", "DA", "DI", "GO", "KA", "KI", "LA", "LI", "LO", "MA", "MI", "NA", "NE",
    "NI", "PA", "RA", "RE", "RO", "SA", "SE", "TA", "TO", "VA", "VE", "ZA",
)  # fmt: skip
#: The commonest words of diplomatic English, in order: the head of the diplomatic
#: vocabulary (several begin codebook phrases: THE FOLLOWING, IN VIEW OF, AS SOON AS).
COMMON = (
    "the", "of", "and", "to", "in", "a", "that", "we", "is", "for", "it", "as", "with", "on",
    "be", "by", "this", "not", "are", "which", "from", "at", "will", "you", "have", "all",
    "their", "our", "should", "its", "would", "government", "has", "been", "these", "or",
    "they", "question", "there", "an", "soviet", "state", "military", "conditions",
    "korea", "china",
)  # fmt: skip
#: Names the codebook lacks (so they are spelled): the tail of the diplomatic vocabulary.
NAMES = (
    "Shtykov", "Roshchin", "Panyushkin", "Zakharov", "Kuznetsov", "Vyshinsky", "Gromyko",
    "Malik", "Tsarapkin", "Pak", "Kim", "Peng", "Nie", "Wu", "Xiuquan", "Sokolovsky",
)  # fmt: skip
#: In the diplomatic vocabulary one word drawn in this many is one of :data:`NAMES`.
NAME_EVERY = 25
#: The letter layout's sentence length, and the highest number it cites (exclusive).
_LETTER_SENTENCE, _LETTER_NUMBERS = 12, 2000


class Vocabulary(enum.Enum):
    """The words prose is drawn from, in rank order (the commonest first)."""

    #: The book's words in English frequency order (:func:`ranked_words`), upper case.
    RANKED = "ranked"
    #: The book's single words (alphabetic), in book order, upper case.
    BOOK = "book"
    #: :data:`COMMON`, then the book's other single ASCII words in an order drawn from the
    #: generator, lower case; then :data:`NAMES`, one word drawn in :data:`NAME_EVERY`.
    DIPLOMATIC = "diplomatic"


class Layout(enum.Enum):
    """How the words drawn for a text are set out."""

    #: Sentences of ``sentence`` words (drawn), each closed by a full stop; each may cite
    #: a telegram ("NO. 1234", chance ``reference``) and name someone by a spelled cover
    #: name (chance ``cover_name``).
    TELEGRAM = "telegram"
    #: All the words in one sentence, closed by a full stop.
    ONE_SENTENCE = "one sentence"
    #: Sentences of twelve words, each begun with a capital and closed by a full stop; a
    #: comma after the fifth word (in texts of more than six); a number of 1 to 1999 in
    #: the middle of every third text (the first, the fourth, ...).
    LETTER = "letter"


@cache
def ranked_words() -> tuple[str, ...]:
    """The English words of the shipped codebook, most frequent first (upper case).

    The order is wordfreq's, kept in ``codebook/data/wordranks.txt``, which
    ``scripts/build_codebook.py`` writes beside the codebook.
    """
    text = resources.files("cipherwire.codebook").joinpath("data/wordranks.txt").read_text("utf-8")
    return tuple(
        line.strip().upper() for line in text.splitlines() if line and not line.startswith("#")
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_range(value: object, low: int) -> bool:
    """True for a pair of whole numbers ``(a, b)`` with ``low <= a <= b``."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and low <= value[0] <= value[1]
    )


@cache
def _book_words() -> frozenset[str]:
    """What the shipped codebook has a group for: a cover name must not be one."""
    return frozenset(text for text, _ in Codebook.default().entries)


@cache
def _single_words() -> tuple[str, ...]:
    """The shipped codebook's single words (alphabetic), in book order."""
    return tuple(text for text, _ in Codebook.default().entries if text.isalpha())


def _cover_name(rng: np.random.Generator) -> str:
    """A made-up name of 2 to 4 syllables that the codebook does not hold (so it is
    spelled)."""
    while True:
        picks = rng.integers(0, len(_SYLLABLES), int(rng.integers(2, 5)))
        name = "".join(_SYLLABLES[k] for k in picks.tolist())
        if name not in _book_words():
            return name


@dataclass(frozen=True, kw_only=True)
class Prose:
    """How synthetic texts are written (our model; see the module docstring).

    ``vocabulary`` the words and their ranks, ``zipf`` the exponent of the word
    frequencies (0 to 3; None: every word equally likely, drawn text by text), ``layout``
    how the words are set out.  For :attr:`Layout.TELEGRAM`: ``sentence`` the range of
    words in a sentence, ``reference`` the chance that a sentence cites an earlier
    telegram by number, ``cover_name`` the chance that a sentence names someone by a
    spelled cover name.  The defaults are :meth:`telegraphese`'s.
    """

    vocabulary: Vocabulary = Vocabulary.RANKED
    zipf: float | None = 1.0
    layout: Layout = Layout.TELEGRAM
    sentence: tuple[int, int] = (5, 16)
    reference: float = 0.08
    cover_name: float = 0.15

    def __post_init__(self) -> None:
        if not isinstance(self.vocabulary, Vocabulary):
            raise TrafficError(f"vocabulary must be a Vocabulary, not {self.vocabulary!r}")
        if not isinstance(self.layout, Layout):
            raise TrafficError(f"layout must be a Layout, not {self.layout!r}")
        if self.zipf is None:
            if self.vocabulary is Vocabulary.DIPLOMATIC:
                raise TrafficError(
                    f"the diplomatic vocabulary draws its names by weight: zipf {self.zipf!r}"
                    " (every word equally likely) does not apply"
                )
        elif not (_is_number(self.zipf) and 0 <= self.zipf <= 3):
            raise TrafficError(f"zipf must be a number from 0 to 3 or None, not {self.zipf!r}")
        if not is_range(self.sentence, 1):
            raise TrafficError(
                f"sentence lengths must be a range of words (LOW, HIGH), not {self.sentence!r}"
            )
        for name in ("reference", "cover_name"):
            value = getattr(self, name)
            if not (_is_number(value) and 0 <= value <= 1):
                raise TrafficError(f"{name} must be a probability, not {value!r}")

    def __repr__(self) -> str:
        return (
            f"Prose(vocabulary=Vocabulary.{self.vocabulary.name}, zipf={self.zipf!r}, "
            f"layout=Layout.{self.layout.name}, sentence={self.sentence!r}, "
            f"reference={self.reference!r}, cover_name={self.cover_name!r})"
        )

    @classmethod
    def telegraphese(
        cls,
        *,
        zipf: float = 1.0,
        sentence: tuple[int, int] = (5, 16),
        reference: float = 0.08,
        cover_name: float = 0.15,
    ) -> Prose:
        """Telegram prose: the ranked English words with Zipf frequencies, in sentences,
        with references and cover names (the VENONA traffic's and the analyst's)."""
        return cls(zipf=zipf, sentence=sentence, reference=reference, cover_name=cover_name)

    @classmethod
    def uniform(cls) -> Prose:
        """The book's single words, all equally likely, in one sentence (the department's
        synthetic workload: about one code group a word)."""
        return cls(vocabulary=Vocabulary.BOOK, zipf=None, layout=Layout.ONE_SENTENCE)

    @classmethod
    def benchmark(cls) -> Prose:
        """Diplomatic English with Zipf frequencies and names, set out as letters (the
        benchmarks' traffic)."""
        return cls(vocabulary=Vocabulary.DIPLOMATIC, zipf=1.0, layout=Layout.LETTER)

    @property
    def is_telegraphese(self) -> bool:
        """Whether this is a configuration of :meth:`telegraphese` (ranked words with Zipf
        frequencies, telegram layout)."""
        return (
            self.vocabulary is Vocabulary.RANKED
            and self.zipf is not None
            and self.layout is Layout.TELEGRAM
        )

    def weights(self, size: int | None = None) -> NDArray[np.float64]:
        """The probability of each word of a vocabulary of ``size`` words (the ranked
        words when None), in rank order (float64).  In the diplomatic vocabulary the last
        ``len(NAMES)`` are the names, sharing one draw in :data:`NAME_EVERY`."""
        count = len(ranked_words()) if size is None else size
        names = len(NAMES) if self.vocabulary is Vocabulary.DIPLOMATIC else 0
        if not isinstance(count, int) or count <= names:
            raise TrafficError(f"a vocabulary of {count!r} words is too small")
        if self.zipf is None:
            return np.full(count, 1.0 / count)
        ranks = np.arange(1, count - names + 1, dtype=np.float64)
        weights: NDArray[np.float64] = ranks ** -float(self.zipf)
        if names:
            share = weights.sum() / (NAME_EVERY - 1) / names
            weights = np.concatenate([weights, np.full(names, share)])
        weights /= weights.sum()
        return weights

    def words(self, rng: np.random.Generator) -> tuple[str, ...]:
        """The vocabulary in rank order (the diplomatic one shuffles the book's words
        after :data:`COMMON` with ``rng``; the others leave ``rng`` as it is)."""
        if self.vocabulary is Vocabulary.RANKED:
            return ranked_words()
        if self.vocabulary is Vocabulary.BOOK:
            return _single_words()
        common = list(dict.fromkeys(COMMON))
        rest = [t.lower() for t, _ in Codebook.default().entries if t.isalpha() and t.isascii()]
        rest = [w for w in rest if w not in common]
        shuffled = [rest[i] for i in rng.permutation(len(rest))]
        return (*common, *shuffled, *(name.lower() for name in NAMES))

    def texts(self, rng: np.random.Generator, words: NDArray[np.int64]) -> list[str]:
        """One text per entry of ``words`` (int array: about how many words each, 1 or
        more; :class:`~cipherwire.errors.TrafficError` otherwise).

        Deterministic for a given generator state.  Every text ends with a full stop.
        """
        return self._write(rng, self.words(rng), words)

    def draw(self, rng: np.random.Generator, n: int, *, median_words: int = 120) -> list[str]:
        """``n`` texts of lognormal lengths: a median of ``median_words`` words, sigma
        0.5, 3 words at least.  Deterministic for a given generator state."""
        if not (isinstance(n, int) and not isinstance(n, bool) and n >= 0):
            raise TrafficError(f"the number of texts must be a whole number >= 0, not {n!r}")
        if not (_is_number(median_words) and median_words >= 1):
            raise TrafficError(f"the median length must be 1 word or more, not {median_words!r}")
        vocabulary = self.words(rng)
        lengths = np.maximum(3, rng.lognormal(np.log(median_words), 0.5, n)).astype(np.int64)
        return self._write(rng, vocabulary, lengths)

    def _write(
        self, rng: np.random.Generator, vocabulary: tuple[str, ...], words: NDArray[np.int64]
    ) -> list[str]:
        words = np.asarray(words)
        if words.size and (words.dtype.kind not in "iu" or int(words.min()) < 1):
            raise TrafficError(f"a text has 1 word or more: {words.min()!r} asked for")
        counts = np.asarray(words, dtype=np.int64).tolist()
        if self.zipf is None:  # drawn text by text, as the text is written
            drawn = None
        else:
            p = self.weights(len(vocabulary))
            drawn = rng.choice(len(vocabulary), size=int(np.sum(words)), p=p).tolist()
        numbers = None
        if self.layout is Layout.LETTER:
            numbers = rng.integers(1, _LETTER_NUMBERS, len(counts)).tolist()
        out: list[str] = []
        at = 0
        for i, count in enumerate(counts):
            if drawn is None:
                picks = rng.integers(0, len(vocabulary), size=count).tolist()
            else:
                picks = drawn[at : at + count]
                at += count
            chosen = [vocabulary[j] for j in picks]
            if self.layout is Layout.TELEGRAM:
                out.append(self._telegram(rng, chosen))
            elif self.layout is Layout.ONE_SENTENCE:
                out.append(" ".join(chosen) + ".")
            else:
                cited = numbers[i] if numbers is not None and i % 3 == 0 else None
                out.append(_letter(chosen, cited))
        return out

    def _telegram(self, rng: np.random.Generator, chosen: list[str]) -> str:
        """Sentences of the drawn words, with references and cover names."""
        low, high = self.sentence
        sentences: list[str] = []
        i = 0
        while i < len(chosen):
            size = int(rng.integers(low, high + 1))
            chunk = chosen[i : i + size]
            i += size
            if rng.random() < self.reference:
                number = f"NO. {int(rng.integers(1, 10_000))}"
                chunk.insert(int(rng.integers(0, len(chunk) + 1)), number)
            if rng.random() < self.cover_name:
                chunk.insert(int(rng.integers(0, len(chunk) + 1)), _cover_name(rng))
            sentences.append(" ".join(chunk) + ".")
        return " ".join(sentences)


def _letter(chosen: list[str], number: int | None) -> str:
    """The drawn words as sentences of twelve, capitalised, a comma and maybe a number."""
    length = len(chosen)
    for s in range(0, length, _LETTER_SENTENCE):
        chosen[s] = chosen[s].capitalize()
        end = min(s + _LETTER_SENTENCE - 1, length - 1)
        chosen[end] += "."
    if number is not None:
        chosen.insert(length // 2, str(number))
    if length > 6:
        chosen[4] += ","
    return " ".join(chosen)


__all__ = [
    "COMMON",
    "NAMES",
    "NAME_EVERY",
    "Layout",
    "Prose",
    "Vocabulary",
    "is_range",
    "ranked_words",
]
