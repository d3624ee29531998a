"""Fixtures of the analysis tests: the seed telegram as a cable, and four cables enciphered
by cipherwire's own clerk on classroom pads, two pairs of them in depth."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.cipher.clerk import encipher
from cipherwire.codebook.book import Codebook
from cipherwire.core import sub_mod10
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram

#: The texts of the four messages: A takes two pages, B, C and D one each.
TEXTS = (
    "THE SHIP SAILS AT DAWN WITH THE CARGO. WE WAIT FOR YOUR ORDERS. " * 6,
    "OUR FRIEND HAS LEFT THE CITY. SEND MONEY TO THE USUAL ADDRESS.",
    "THE MEETING IS PUT OFF UNTIL THE END OF THE MONTH.",
    "WE HAVE RECEIVED THE DOCUMENTS AND WILL SEND THEM ON BY THE NEXT POST.",
)
#: A's first page is B's (the same page of two copies of one book), A's second page D's.
A_B = Depth(0, 1, 1, 1, 14)
A_D = Depth(0, 3, 61, 1, 14)


@dataclass(frozen=True)
class Hand:
    """The four cables as printed (A, B, C, D: messages 0-3), their intercepts, each
    message's key (its pages' key groups, page after page) and true code digits."""

    cables: tuple[str, ...]
    intercepts: Intercepts
    keys: tuple[NDArray[np.uint8], ...]
    code: tuple[NDArray[np.uint8], ...]
    book: Codebook

    def plain(self, message: int) -> NDArray[np.uint8]:
        """The text figures of a message (code, filler, end and check groups): its key
        groups as sent, less the key."""
        groups = self.intercepts.groups[message].reshape(-1, 5)
        sent = groups[np.arange(groups.shape[0]) % 60 != 0].reshape(-1)
        return sub_mod10(sent, self.keys[message][: sent.size])


@pytest.fixture(scope="session")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Hand:
    """A on pages 1-2 of book X, B and D on pages 1 and 2 of book Y (a copy of X: the
    same classroom seed), C on book Z (another seed): A ~ B and A ~ D are in depth."""
    folder: Path = tmp_path_factory.mktemp("hand")
    book = Codebook.default()
    x, y, z = (
        PadBook.create(folder / n, pages=4, seed=s) for n, s in (("x", 7), ("y", 7), ("z", 8))
    )
    telegrams = [Telegram.from_text(t) for t in TEXTS]
    pads = (x, y, z, y)
    cables = tuple(encipher(t, book, pad).to_text() for t, pad in zip(telegrams, pads, strict=True))
    pages = ((x, (1, 2)), (y, (1,)), (z, (1,)), (y, (2,)))
    keys = tuple(np.concatenate([pad.page(n).key for n in numbers]) for pad, numbers in pages)
    for pad in (x, y, z):
        pad.close()
    code = tuple(book.encode(t.body_as_sent) for t in telegrams)
    return Hand(cables, Intercepts.from_texts(list(cables)), keys, code, book)


@pytest.fixture
def seed_cable(seed: Telegram, padbook: PadBook) -> str:
    """The seed telegram enciphered with the classroom pad (seed 1950), as printed."""
    return encipher(seed, Codebook.default(), padbook).to_text()
