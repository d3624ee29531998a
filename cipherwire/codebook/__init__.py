"""Words and phrases <-> four-figure code groups: the :class:`Codebook`, SPELL, bulk encoding."""

from cipherwire.codebook.book import CODE_SPACE, Codebook, Decoded
from cipherwire.codebook.spelling import normalise

__all__ = ["CODE_SPACE", "Codebook", "Decoded", "normalise"]
