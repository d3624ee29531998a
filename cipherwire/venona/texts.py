"""Synthetic telegram prose for simulated traffic: English word frequencies, telegraphese.

A cryptanalyst finds messages in depth, and reads them, because plaintext is *uneven*: a
few words make up much of every text, so a few code groups make up much of every code
stream.  Traffic made of words picked uniformly from the codebook would hide that (every
group as frequent as every other), so :class:`TextModel` writes like a telegram:

* words drawn with English frequencies: the rank order of ``wordfreq``'s list, kept in
  ``cipherwire/codebook/data/wordranks.txt`` (written beside the codebook by
  ``scripts/build_codebook.py``), weighted by Zipf's law ``1 / rank ** zipf``;
* sentences of 5 to 16 words, each closed by a full stop (the codebook's STOP group);
* now and then a reference to an earlier telegram ("No. 1234": a FIGURES group), and cover
  names (made-up names of 4 to 8 letters, not in the book: spelled between SPELL and
  END SPELL, as the sources say names were).

All of this is our model, chosen to give the code streams of simulated traffic a
realistic unevenness; the sources give no statistics of real Soviet plaintexts.
"""

from __future__ import annotations

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


@cache
def ranked_words() -> tuple[str, ...]:
    """The English words of the shipped codebook, most frequent first (upper case)."""
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


def _cover_name(rng: np.random.Generator) -> str:
    """A made-up name of 2 to 4 syllables that the codebook does not hold (so it is
    spelled)."""
    while True:
        picks = rng.integers(0, len(_SYLLABLES), int(rng.integers(2, 5)))
        name = "".join(_SYLLABLES[k] for k in picks.tolist())
        if name not in _book_words():
            return name


@dataclass(frozen=True, kw_only=True)
class TextModel:
    """How simulated telegrams are written (our model; see the module docstring).

    ``zipf`` is the exponent of the word frequencies (1.0: Zipf's law for English),
    ``sentence`` the range of words in a sentence, ``reference`` the chance that a
    sentence cites an earlier telegram by number, ``cover_name`` the chance that a
    sentence names someone by a spelled cover name.
    """

    zipf: float = 1.0
    sentence: tuple[int, int] = (5, 16)
    reference: float = 0.08
    cover_name: float = 0.15

    def __post_init__(self) -> None:
        if not (_is_number(self.zipf) and 0 <= self.zipf <= 3):
            raise TrafficError(f"zipf must be a number from 0 to 3, not {self.zipf!r}")
        if not is_range(self.sentence, 1):
            raise TrafficError(
                f"sentence lengths must be a range of words (LOW, HIGH), not {self.sentence!r}"
            )
        for name in ("reference", "cover_name"):
            value = getattr(self, name)
            if not (_is_number(value) and 0 <= value <= 1):
                raise TrafficError(f"{name} must be a probability, not {value!r}")

    def weights(self) -> NDArray[np.float64]:
        """The probability of each of :func:`ranked_words`, in rank order (float64)."""
        ranks = np.arange(1, len(ranked_words()) + 1, dtype=np.float64)
        weights: NDArray[np.float64] = ranks ** -float(self.zipf)
        weights /= weights.sum()
        return weights

    def texts(self, rng: np.random.Generator, words: NDArray[np.int64]) -> list[str]:
        """One text per entry of ``words`` (int array: about how many words each, 1 or
        more; :class:`~cipherwire.errors.TrafficError` otherwise).

        Deterministic for a given generator state.  Every text ends with a full stop.
        """
        words = np.asarray(words)
        if words.size and (words.dtype.kind not in "iu" or int(words.min()) < 1):
            raise TrafficError(f"a text has 1 word or more: {words.min()!r} asked for")
        vocabulary = ranked_words()
        draws = rng.choice(len(vocabulary), size=int(np.sum(words)), p=self.weights())
        low, high = self.sentence
        out: list[str] = []
        at = 0
        for count in np.asarray(words, dtype=np.int64).tolist():
            picks = draws[at : at + count].tolist()
            at += count
            sentences: list[str] = []
            i = 0
            while i < len(picks):
                size = int(rng.integers(low, high + 1))
                chunk = [vocabulary[j] for j in picks[i : i + size]]
                i += size
                if rng.random() < self.reference:
                    number = f"NO. {int(rng.integers(1, 10_000))}"
                    chunk.insert(int(rng.integers(0, len(chunk) + 1)), number)
                if rng.random() < self.cover_name:
                    chunk.insert(int(rng.integers(0, len(chunk) + 1)), _cover_name(rng))
                sentences.append(" ".join(chunk) + ".")
            out.append(" ".join(sentences))
        return out


__all__ = ["TextModel", "is_range", "ranked_words"]
