"""Words and phrases <-> four-figure code groups: the :class:`Codebook`, SPELL, bulk encoding,
and synthetic prose in the book's words (:class:`Prose`)."""

from cipherwire.codebook.book import CODE_SPACE, Codebook, Decoded
from cipherwire.codebook.prose import Layout, Prose, Vocabulary, ranked_words
from cipherwire.codebook.spelling import normalise

__all__ = [
    "CODE_SPACE",
    "Codebook",
    "Decoded",
    "Layout",
    "Prose",
    "Vocabulary",
    "normalise",
    "ranked_words",
]
