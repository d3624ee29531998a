"""A million messages through the core, stage by stage (a script; a few minutes, ~6 GB).

What a researcher does with a large message set: synthetic texts, encoded with the
shipped codebook (``Codebook.encode_many``), completed to five-figure groups
(``MessageSet.regroup``), a fresh key from the operating system (``random_digits``),
enciphered (``MessageSet.encipher``) and printed as groups (``printed_groups``).  Prints
the seconds of each stage and the process's peak resident memory after it::

    .venv/bin/python benchmarks/million.py            # 1,000,000 messages
    .venv/bin/python benchmarks/million.py 200000

It measures; it asserts nothing.  docs/performance.md quotes a run.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.core import random_digits
from cipherwire.core.messages import MessageSet

T = TypeVar("T")


def _peak_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss: KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    print(f"{name:<28} {time.perf_counter() - start:7.1f} s   peak {_peak_mb():8,.0f} MiB")
    return result


def main(n: int) -> None:
    texts = stage(
        f"{n:,} synthetic texts", lambda: Prose.benchmark().draw(np.random.default_rng(1), n)
    )
    print(f"{'':<28} {sum(map(len, texts)) / 1e6:,.0f} MB of text")
    book = Codebook.default()
    code = stage("encode (first sight)", lambda: book.encode_many(texts))
    print(f"{'':<28} {code.size:,} code digits")
    grouped, _ = stage("regroup to fives", code.regroup)
    key = stage(
        "a fresh key (OS random)",
        lambda: MessageSet.from_arrays(random_digits(grouped.size), grouped.offsets),
    )
    sent = stage("encipher", lambda: grouped.encipher(key))
    text, _ = stage("print the groups", sent.printed_groups)
    print(f"{'':<28} {len(text) / 1e6:,.0f} MB of cable text")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
