"""The figures of ``cipherwire bench``: the vectorised core measured beside its baselines.

:func:`add_mod10_figures`, :func:`csprng_figure`, :func:`bulk_figure`,
:func:`letter_figures` and :func:`memory_figure` each measure one thing against its
baseline in the same process (:mod:`cipherwire.cli.benchtiming`), and :func:`run`
measures them all into a :class:`~cipherwire.cli.benchreport.BenchReport`.
docs/performance.md explains each figure and what limits it.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from cipherwire.cable import parts
from cipherwire.cipher.batch import encipher_batch
from cipherwire.cli.benchreport import BenchReport, Figure, machine
from cipherwire.cli.benchtiming import (
    figure_from_times,
    no_gc,
    paired,
    scratch_folder,
    time_runs,
)
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.core import (
    add_mod10,
    add_mod26,
    groups_to_ascii,
    letter_pad,
    letters_from_text,
    random_digits,
)
from cipherwire.core._engine import fused
from cipherwire.pad.book import PadBook
from cipherwire.pad.bookfile import MAX_PAGES
from cipherwire.telegram.document import Telegram

#: The baseline tokenizer of the bulk-encipher figure: a bare pass over the words.
FINDALL = re.compile(r"\w+|\S")


# -- the figures ---------------------------------------------------------------------------


def add_mod10_figures(size: int, *, repeats: int) -> list[Figure]:
    """add_mod10 on two arrays of *size* digits into a third, against np.add on them."""
    a, b = random_digits(size), random_digits(size)
    c = np.empty_like(a)
    mib = size / 2**20
    label = f"{mib:g} MiB"
    unchecked = paired(
        lambda: np.add(a, b, out=c), lambda: add_mod10(a, b, out=c, check=False), repeats
    )
    checked = paired(lambda: np.add(a, b, out=c), lambda: add_mod10(a, b, out=c), repeats)
    baseline = "np.add(a, b, out=c), same arrays"
    return [
        figure_from_times(
            f"add_mod10 on {label} (the kernel, check=False)",
            "MB/s",
            size,
            unchecked,
            baseline=baseline,
            goal=0.9,
            repeats=repeats,
            scale=1e6,
            note="output bytes per second; the arithmetic as MessageSet calls it",
        ),
        figure_from_times(
            f"add_mod10 on {label} (default: checks every value is a digit)",
            "MB/s",
            size,
            checked,
            baseline=baseline,
            goal=None,
            repeats=repeats,
            scale=1e6,
            note="one more in-cache pass per operand to refuse values above 9",
        ),
    ]


def csprng_figure(size: int, *, repeats: int) -> Figure:
    """Pad digits per second from random_digits against os.urandom bytes per second.

    Beside them, for the record: SHAKE-256 keyed from the OS, the standard-library DRBG
    the pad could have used instead (bytes per second of output, in ``extra``).
    """
    times = paired(lambda: os.urandom(size), lambda: random_digits(size), repeats)
    shake = hashlib.shake_256(os.urandom(32))
    shake_rate = size / statistics.median(time_runs(lambda: shake.digest(size), 3)) / 1e6
    figure = figure_from_times(
        f"CSPRNG pad digits ({size / 2**20:g} Mi digits a call)",
        "M digits/s (baseline: MB/s)",
        size,
        times,
        baseline="os.urandom raw bytes per second",
        goal=1.0,
        repeats=repeats,
        scale=1e6,
        note=(
            "digits vs bytes; unbiased, from os.urandom, 16-bit rejection sampling; "
            f"SHAKE-256 keyed from the OS gives {shake_rate:.0f} MB/s of bytes, one thread"
        ),
    )
    return replace(figure, extra={"shake256_mb_s": round(shake_rate, 1)})


def bulk_figure(count: int, *, repeats: int, scratch: Path | None) -> Figure:
    """Bulk encipher of *count* telegrams (to cable texts) against a findall pass."""
    texts = Prose.benchmark().draw(np.random.default_rng(1950), count)
    telegrams = [Telegram(body=t) for t in texts]
    bodies = [t.body_as_sent for t in telegrams]
    megabytes = sum(len(t.encode("utf-8")) for t in bodies) / 1e6
    book = Codebook.default()
    cold_start = time.perf_counter()
    code = book.encode_many(bodies)  # the book learns the vocabulary once ("cold")
    cold = time.perf_counter() - cold_start
    # A book holds at most MAX_PAGES pages: cut the traffic where a book would run out,
    # as a department holds a pad book per link.
    needed = parts.plan(telegrams, code, groups_per_page=60).pages_per_telegram()
    total = np.cumsum(needed)
    bounds, used = [0], 0
    while (cut := int(np.searchsorted(total, used + MAX_PAGES, side="right"))) < count:
        bounds.append(cut)
        used = int(total[cut - 1])
    bounds.append(count)
    with scratch_folder(scratch) as folder:
        templates = []
        for lo, hi in itertools.pairwise(bounds):
            path = folder / f"template-{lo}.sqlite"
            PadBook.create(path, pages=MAX_PAGES).close()
            templates.append((path, telegrams[lo:hi]))

        def one_run() -> float:
            seconds = 0.0
            for path, chunk in templates:
                copy = path.with_name("run.sqlite")
                shutil.copyfile(path, copy)
                with PadBook.open(copy) as pads, no_gc():
                    start = time.perf_counter()
                    encipher_batch(chunk, book, pads).to_texts()
                    seconds += time.perf_counter() - start
                copy.unlink()
            return seconds

        tb: list[float] = []
        tc: list[float] = []
        for _ in range(repeats):
            with no_gc():
                start = time.perf_counter()
                for body in bodies:
                    FINDALL.findall(body)
                tb.append(time.perf_counter() - start)
            tc.append(one_run())
    figure = figure_from_times(
        f"bulk encipher of {count:,} telegrams to cable texts",
        "MB/s of plaintext",
        megabytes,
        (statistics.median(tb), statistics.median(tc)),
        baseline='re.findall(r"\\w+|\\S", text) over the same texts',
        goal=0.5,
        repeats=repeats,
        note=(
            f"{megabytes:.0f} MB of text, {int(needed.sum()):,} pad pages in {len(templates)} "
            f"book(s) of {MAX_PAGES:,} (the most a book holds); "
            f"the codebook's first sight of the vocabulary took {cold:.1f} s "
            f"({megabytes / cold:.1f} MB/s, encoding only)"
        ),
    )
    return figure


def _python_pad(text: str, key: str) -> str:
    """The pure-Python baseline: one character at a time."""
    return "".join([chr((ord(p) + ord(k) - 130) % 26 + 65) for p, k in zip(text, key, strict=True)])


def letter_figures(size: int, *, repeats: int) -> list[Figure]:
    """The letter one-time pad against a per-character Python loop (and pycipher)."""
    rng = np.random.default_rng(26)
    text = bytes(rng.integers(65, 91, size, dtype=np.uint8)).decode("ascii")
    key = bytes(rng.integers(65, 91, size, dtype=np.uint8)).decode("ascii")
    small = max(1, min(size, 1 << 20))  # the loop on 1 Mi letters: its speed is flat
    head, head_key = text[:small], key[:small]
    a, b = letters_from_text(text), letters_from_text(key)
    c = np.empty_like(a)
    # The loop alternates with the others, one run of it before each.  Its small strings
    # push the arrays out of the caches, so each other runs twice: "cold", from memory,
    # then timed as every kernel figure is.  np.add on the same arrays shows one pass.
    works: dict[str, Callable[[], object]] = {
        "kernel": lambda: add_mod26(a, b, out=c, check=False),
        "np.add": lambda: np.add(a, b, out=c),
        "str": lambda: letter_pad(text, key),
    }
    loop: list[float] = []
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in works}
    _python_pad(head, head_key)
    rounds = max(3, repeats // 2)  # each round runs the loop three times, the others six
    for _ in range(rounds):
        for name, work in works.items():
            with no_gc():
                start = time.perf_counter()
                _python_pad(head, head_key)
                loop.append(time.perf_counter() - start)
            pair = []
            for _ in range(2):
                with no_gc():
                    start = time.perf_counter()
                    work()
                    pair.append(time.perf_counter() - start)
            times[name].append((pair[0], pair[1]))
    python_rate = small / statistics.median(loop) / 1e6
    kernel_cold, kernel, plain_add_cold, plain_add, whole_cold, whole = (
        statistics.median(t[k] for t in times[name]) for name in works for k in (0, 1)
    )
    pycipher_rate = _pycipher_rate(text, key)
    figures = []
    for name, seconds, cold, note in (
        (
            f"letter one-time pad, {size / 2**20:g} Mi letters as arrays (add_mod26)",
            kernel,
            kernel_cold,
            "letters 0-25 in uint8 arrays, as a message set holds them",
        ),
        (
            f"letter one-time pad, {size / 2**20:g} Mi letters str to str (letter_pad)",
            whole,
            whole_cold,
            "includes encoding the strings to bytes and decoding the result",
        ),
    ):
        rate, cold_rate = size / seconds / 1e6, size / cold / 1e6
        extra = {
            "cold_mb_s": round(cold_rate, 2),
            "cold_ratio": round(cold_rate / python_rate, 1),
            "np_add_mb_s": round(size / plain_add / 1e6, 2),
            "np_add_cold_mb_s": round(size / plain_add_cold / 1e6, 2),
        }
        if pycipher_rate:
            extra["pycipher_mb_s"] = round(pycipher_rate, 3)
            extra["ratio_to_pycipher"] = round(rate / pycipher_rate, 1)
        figures.append(
            Figure(
                name=name,
                unit="MB/s",
                value=round(rate, 2),
                baseline="pure-Python loop, one character at a time",
                baseline_value=round(python_rate, 2),
                ratio=round(rate / python_rate, 1),
                goal=1000.0,
                goal_text=">= 1000x",
                met=rate / python_rate >= 1000,
                repeats=rounds,
                note=note
                + f"; straight after the loop (arrays out of cache): {cold_rate:,.0f} MB/s, "
                f"{cold_rate / python_rate:,.0f}x; np.add(a, b, out=c) on the letter arrays, "
                f"timed alike: {size / plain_add / 1e6:,.0f} MB/s, "
                f"{size / plain_add / 1e6 / python_rate:,.0f}x (cold: "
                f"{size / plain_add_cold / 1e6:,.0f} MB/s)"
                + (
                    f"; pycipher's Vigenere with a key as long as the text: "
                    f"{pycipher_rate:.2f} MB/s ({rate / pycipher_rate:,.0f}x)"
                    if pycipher_rate
                    else "; pycipher is not installed"
                ),
                extra=extra,
            )
        )
    return figures


def _pycipher_rate(text: str, key: str) -> float:
    try:
        from pycipher import Vigenere  # type: ignore[import-untyped]
    except ImportError:
        return 0.0
    n = min(len(text), 65_536)
    seconds = statistics.median(time_runs(lambda: Vigenere(key[:n]).encipher(text[:n]), 3))
    return n / seconds / 1e6


# VmHWM, the peak resident set of this process since it started (exec resets it; the
# getrusage figure would count the parent's memory at the fork).
_MEMORY_PROBE = """
import re, resource, sys
from pathlib import Path
from cipherwire.core.digitfile import superencipher
superencipher(sys.argv[1], sys.argv[2], new_key=sys.argv[3])
try:
    status = Path("/proc/self/status").read_text()
    print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024)
except OSError:  # no /proc (macOS): ru_maxrss, in bytes there
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def memory_figure(size: int, *, scratch: Path | None) -> Figure:
    """Peak memory of a fresh process enciphering a digit file of *size* bytes."""
    with scratch_folder(scratch) as folder:
        plain = folder / "plain.txt"
        block = bytes(groups_to_ascii(random_digits(10_000_000)))
        with plain.open("wb") as fh:
            written = 0
            while written < size:
                piece = block[: size - written]
                fh.write(piece)
                written += len(piece)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE, str(plain), str(folder / "out.txt"),
             str(folder / "key.txt")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
    peak = int(done.stdout.split()[-1]) / 1e6
    return Figure(
        name=f"peak memory enciphering a {size / 2**30:g} GiB digit file",
        unit="MB",
        value=round(peak, 1),
        goal=300.0,
        goal_text="< 300 MB",
        met=peak < 300,
        repeats=1,
        note=(
            f"a fresh interpreter (NumPy included) streaming in {size / seconds / 1e6:.0f} MB/s, "
            "writing the enciphered file and a fresh key file"
        ),
    )


def run(
    *,
    quick: bool = False,
    repeats: int | None = None,
    scratch: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BenchReport:
    """Measure every figure.  *quick*: smaller sizes where the figure allows; *progress* is
    told the name of each step as it starts."""
    say = progress or (lambda _: None)
    fused.compile_all()  # the first call of a fused kernel compiles it: not in the timings
    started = time.perf_counter()
    reps = repeats if repeats is not None else (5 if quick else 9)
    figures: list[Figure] = []
    say("add_mod10 on 256 MiB")  # short runs: three times the repeats
    figures += add_mod10_figures(256 * 2**20, repeats=3 * reps)
    say("add_mod10 on 10 MiB")
    figures += add_mod10_figures(10 * 2**20, repeats=3 * reps)
    say("pad digits")
    figures.append(csprng_figure((16 if quick else 64) * 2**20, repeats=reps))
    count = 10_000 if quick else 100_000
    say(f"bulk encipher of {count:,} telegrams")
    figures.append(bulk_figure(count, repeats=3, scratch=scratch))
    say("letter one-time pad")
    figures += letter_figures(10 * 2**20, repeats=reps)
    size = (128 if quick else 2048) * 2**20
    say(f"peak memory streaming {size / 2**30:g} GiB")
    figures.append(memory_figure(size, scratch=scratch))
    return BenchReport(machine(), tuple(figures), quick, time.perf_counter() - started)


__all__ = [
    "FINDALL",
    "add_mod10_figures",
    "bulk_figure",
    "csprng_figure",
    "letter_figures",
    "memory_figure",
    "run",
]
