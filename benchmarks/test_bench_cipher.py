"""Benchmarks (opt-in, never part of the default test run).

Run with::

    .venv/bin/python -m pytest benchmarks --benchmark-enable

They measure; they assert nothing about speed.  Quote medians: these machines are noisy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from cipherwire.cipher.clerk import decipher, encipher
from cipherwire.codebook.book import Codebook
from cipherwire.core import add_mod10, random_digits
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram

SEED = Path(__file__).parent.parent / "seeds" / "000_ee3f4792618692d7.txt"


@pytest.mark.benchmark(group="add_mod10 10 MiB")
def test_add_mod10(benchmark: BenchmarkFixture) -> None:
    """Non-carrying addition of two 10 MiB digit arrays into a preallocated output."""
    a, b = random_digits(10 * 2**20, seed=1), random_digits(10 * 2**20, seed=2)
    out = np.empty_like(a)
    benchmark(add_mod10, a, b, out)


@pytest.mark.benchmark(group="add_mod10 10 MiB")
def test_numpy_add_baseline(benchmark: BenchmarkFixture) -> None:
    """The floor: plain np.add on the same arrays (wrong answers, right speed)."""
    a, b = random_digits(10 * 2**20, seed=1), random_digits(10 * 2**20, seed=2)
    out = np.empty_like(a)
    benchmark(np.add, a, b, out=out)


@pytest.mark.benchmark(group="pad digits")
def test_random_digits_os(benchmark: BenchmarkFixture) -> None:
    """One million unbiased digits from the operating system's CSPRNG."""
    benchmark(random_digits, 1_000_000)


@pytest.mark.benchmark(group="seed telegram")
def test_encipher_decipher_seed(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """The seed telegram enciphered and deciphered with the shipped codebook."""
    telegram = Telegram.from_text(SEED.read_text("utf-8"))
    book = Codebook.default()
    pads = PadBook.create(tmp_path / "pads.sqlite", pages=60_000, seed=1950)

    def round_trip() -> None:
        decipher(encipher(telegram, book, pads), book, pads)

    benchmark.pedantic(round_trip, rounds=200, iterations=1)
