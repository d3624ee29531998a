"""Fixtures shared by the tests: the seed telegram and a classroom pad book."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram

SEED_PATH = Path(__file__).parent.parent / "seeds" / "000_ee3f4792618692d7.txt"


@pytest.fixture(scope="session")
def seed() -> Telegram:
    """The seed telegram of 7 December 1950, parsed."""
    return Telegram.from_text(SEED_PATH.read_text("utf-8"))


@pytest.fixture
def padbook(tmp_path: Path) -> PadBook:
    """A fresh classroom pad book of 40 pages (seed 1950)."""
    return PadBook.create(tmp_path / "pads.sqlite", pages=40, seed=1950)
