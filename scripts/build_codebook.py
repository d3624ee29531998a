"""Regenerate cipherwire/codebook/data/codebook.tsv, the default diplomatic codebook, reproducibly.

Run from the repository root::

    /work/venv/bin/python scripts/build_codebook.py          # rewrite the data file
    /work/venv/bin/python scripts/build_codebook.py --check  # exit 1 if it is out of date

What goes into the book (a two-part book, codes drawn with ``random.Random(SEED)``):

1. the ``TOP_N`` most frequent English words of ``wordfreq`` version ``WORDFREQ_VERSION``,
   ``wordfreq.top_n_list("en", TOP_N, wordlist="best")``, keeping the tokens that match
   ``[a-z]+('[a-z]+)?`` (alphabetic words, with one inner apostrophe as in "don't" and
   "people's"; digits, "u.s" and the like are dropped), less those in
   ``scripts/codebook_lists/exclude.txt`` (vulgar words, slang, anachronisms);
2. every line of the other ``scripts/codebook_lists/*.txt`` files (diplomatic, military,
   phrases, places, names), ``#`` lines and blank lines skipped;
3. the control, punctuation and spell-table groups that every cipherwire book carries.

Beside the book it writes ``wordranks.txt``: the words of (1) in wordfreq's frequency
order, which :mod:`cipherwire.codebook.prose` uses to write traffic with English word
frequencies.

Entries are normalised with :func:`cipherwire.codebook.book.normalise` and deduplicated.
Another wordfreq version would give another word list, so the script refuses to run
with one.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cipherwire.codebook.book import Codebook  # noqa: E402

WORDFREQ_VERSION = "3.1.1"
TOP_N = 6500
SEED = 19501207
NAME = "cipherwire-diplomatic-1950"
LISTS = ROOT / "scripts" / "codebook_lists"
TARGET = ROOT / "cipherwire" / "codebook" / "data" / "codebook.tsv"
RANKS = ROOT / "cipherwire" / "codebook" / "data" / "wordranks.txt"
RANKS_HEADER = (
    f"# cipherwire word ranks: wordfreq {WORDFREQ_VERSION} top {TOP_N} English words, most "
    "frequent first,\n# filtered as for the codebook (scripts/build_codebook.py); "
    "used by cipherwire.codebook.prose.\n"
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def read_list(path: Path) -> list[str]:
    """Return the entries of one list file (no comments, no blank lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def frequent_words() -> list[str]:
    """Return the filtered wordfreq list (see the module docstring)."""
    from importlib.metadata import version

    import wordfreq

    found = version("wordfreq")
    if found != WORDFREQ_VERSION:
        raise SystemExit(f"wordfreq {WORDFREQ_VERSION} is needed, found {found}")
    excluded = set(read_list(LISTS / "exclude.txt"))
    words = wordfreq.top_n_list("en", TOP_N, wordlist="best")
    return [word for word in words if _WORD.fullmatch(word) and word not in excluded]


def build() -> Codebook:
    """Build the default book from wordfreq and the lists."""
    vocabulary = frequent_words()
    for path in sorted(LISTS.glob("*.txt")):
        if path.name != "exclude.txt":
            vocabulary.extend(read_list(path))
    return Codebook.generate(vocabulary, two_part=True, seed=SEED, name=NAME)


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the data file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=TARGET, help="where to write the book")
    options = parser.parse_args(argv)
    book = build()
    ranks = RANKS_HEADER + "".join(f"{word}\n" for word in frequent_words())
    ranks_out = options.out.parent / RANKS.name
    if options.check:
        stale = [
            path
            for path, text in ((options.out, book.to_text()), (ranks_out, ranks))
            if (path.read_text(encoding="utf-8") if path.exists() else "") != text
        ]
        for path in stale:
            print(f"{path} is out of date: run scripts/build_codebook.py")
        if stale:
            return 1
        print(f"{options.out} is up to date ({len(book)} entries), and {ranks_out.name}")
        return 0
    options.out.parent.mkdir(parents=True, exist_ok=True)
    book.save(options.out)
    ranks_out.write_text(ranks, encoding="utf-8")
    print(f"wrote {options.out} ({len(book)} entries) and {ranks_out.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
