"""Fixtures of the analysis tests: the seed telegram as a cable."""

from __future__ import annotations

import pytest

from cipherwire.cipher.clerk import encipher
from cipherwire.codebook.book import Codebook
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram


@pytest.fixture
def seed_cable(seed: Telegram, padbook: PadBook) -> str:
    """The seed telegram enciphered with the classroom pad (seed 1950), as printed."""
    return encipher(seed, Codebook.default(), padbook).to_text()
