"""Benchmarks of the vectorised core at scale (opt-in, never part of the default run).

Run with::

    .venv/bin/python -m pytest benchmarks --benchmark-enable

Each group holds a figure of ``cipherwire bench`` and its baseline, so pytest-benchmark's
table shows them side by side; ``cipherwire bench`` measures the same figures in one
process, alternating figure and baseline, and prints the ratios (docs/performance.md).
They measure; they assert nothing about speed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from cipherwire.cipher.batch import encipher_batch
from cipherwire.cli.bench import FINDALL
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.core import add_mod10, add_mod26, letter_pad, random_digits
from cipherwire.core.digitfile import superencipher
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram

SIZES = {"256 MiB": 256 * 2**20, "10 MiB": 10 * 2**20}


@pytest.fixture(scope="module", params=list(SIZES))
def operands(request: pytest.FixtureRequest) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """Two digit arrays of each size and an output array."""
    size = SIZES[request.param]
    return request.param, random_digits(size), random_digits(size), np.empty(size, np.uint8)


def test_add_mod10(benchmark: BenchmarkFixture, operands: tuple) -> None:
    """add_mod10 into a preallocated output (the kernel, check=False)."""
    label, a, b, c = operands
    benchmark.group = f"add_mod10 {label}"
    benchmark(add_mod10, a, b, c, check=False)


def test_add_mod10_checked(benchmark: BenchmarkFixture, operands: tuple) -> None:
    """add_mod10 as called by default: every value checked to be a digit."""
    label, a, b, c = operands
    benchmark.group = f"add_mod10 {label}"
    benchmark(add_mod10, a, b, c)


def test_numpy_add(benchmark: BenchmarkFixture, operands: tuple) -> None:
    """The baseline: np.add on the same arrays (wrong answers, the memory's speed)."""
    label, a, b, c = operands
    benchmark.group = f"add_mod10 {label}"
    benchmark(np.add, a, b, out=c)


@pytest.mark.benchmark(group="pad digits, 64 Mi")
def test_random_digits(benchmark: BenchmarkFixture) -> None:
    """64 Mi unbiased pad digits from the operating system's CSPRNG."""
    benchmark(random_digits, 64 * 2**20)


@pytest.mark.benchmark(group="pad digits, 64 Mi")
def test_urandom(benchmark: BenchmarkFixture) -> None:
    """The baseline: 64 MiB of raw bytes from os.urandom."""
    benchmark(os.urandom, 64 * 2**20)


@pytest.fixture(scope="module")
def traffic() -> list[Telegram]:
    """10,000 synthetic telegrams (about 8 MB of text)."""
    return [Telegram(body=t) for t in Prose.benchmark().draw(np.random.default_rng(1950), 10_000)]


@pytest.mark.benchmark(group="bulk encipher, 10,000 telegrams")
def test_encipher_batch(
    benchmark: BenchmarkFixture, traffic: list[Telegram], tmp_path: Path
) -> None:
    """Encode, lay out, issue pages, encipher and print 10,000 telegrams."""
    book = Codebook.default()
    template = tmp_path / "template.sqlite"
    PadBook.create(template, pages=40_000).close()
    runs = iter(range(1_000_000))

    def setup() -> tuple[tuple[PadBook], dict[str, object]]:
        copy = tmp_path / f"run-{next(runs)}.sqlite"
        shutil.copyfile(template, copy)
        return (PadBook.open(copy),), {}

    def run(pads: PadBook) -> None:
        with pads:
            encipher_batch(traffic, book, pads).to_texts()

    benchmark.pedantic(run, setup=setup, rounds=5)


@pytest.mark.benchmark(group="bulk encipher, 10,000 telegrams")
def test_findall_baseline(benchmark: BenchmarkFixture, traffic: list[Telegram]) -> None:
    """The baseline: a bare re.findall pass over the same texts."""
    bodies = [t.body_as_sent for t in traffic]
    benchmark(lambda: [FINDALL.findall(body) for body in bodies])


LETTERS = np.random.default_rng(26).integers(65, 91, 2**20, dtype=np.uint8)


@pytest.mark.benchmark(group="letter pad, 1 Mi letters")
def test_add_mod26(benchmark: BenchmarkFixture) -> None:
    """The letter pad on letter arrays."""
    a, b = LETTERS - np.uint8(65), LETTERS[::-1] - np.uint8(65)
    benchmark(add_mod26, a, b, np.empty_like(a), check=False)


@pytest.mark.benchmark(group="letter pad, 1 Mi letters")
def test_letter_pad(benchmark: BenchmarkFixture) -> None:
    """The letter pad from str to str."""
    text, key = bytes(LETTERS).decode(), bytes(LETTERS[::-1]).decode()
    benchmark(letter_pad, text, key)


@pytest.mark.benchmark(group="letter pad, 1 Mi letters")
def test_python_loop(benchmark: BenchmarkFixture) -> None:
    """The baseline: one character at a time in Python."""
    text, key = bytes(LETTERS).decode(), bytes(LETTERS[::-1]).decode()
    benchmark.pedantic(_python_pad, args=(text, key), rounds=3)


def _python_pad(text: str, key: str) -> str:
    return "".join([chr((ord(p) + ord(k) - 130) % 26 + 65) for p, k in zip(text, key, strict=True)])


@pytest.mark.benchmark(group="streaming")
def test_superencipher_file(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """Superencipher a 256 MiB digit file with a fresh key (peak memory: cipherwire bench)."""
    plain = tmp_path / "plain.txt"
    block = np.tile(np.frombuffer(b"12345 67890 ", np.uint8), 2**20)
    with plain.open("wb") as fh:
        for _ in range(21):
            fh.write(block.tobytes())
    runs = iter(range(1_000))

    def run() -> None:
        n = next(runs)
        superencipher(plain, tmp_path / f"out-{n}", new_key=tmp_path / f"key-{n}")
        (tmp_path / f"out-{n}").unlink()
        (tmp_path / f"key-{n}").unlink()

    benchmark.pedantic(run, rounds=3)
