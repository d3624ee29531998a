"""Tests for cipherwire.codebook.book (and the spelling / code-stream layer under it)."""

from __future__ import annotations

import importlib.resources
import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipherwire.codebook.book import CODE_SPACE, Codebook, Decoded, normalise
from cipherwire.codebook.spelling import RESERVED
from cipherwire.errors import CipherwireError, CodebookError

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = ROOT / "seeds" / "000_ee3f4792618692d7.txt"

# A tiny one-part book: the 69 reserved names sort first ("<" comes before the letters),
# taking 0000-0068; then AGREE 0069, FOLLOWING 0070, MOSCOW 0071, THE 0072,
# THE FOLLOWING 0073, WE 0074, WITH 0075.
TINY = Codebook.generate(
    ["agree", "the", "the following", "following", "we", "with", "Moscow"], two_part=False
)
SMALL = Codebook.generate(
    ["the following", "agree", "with", "we", "don't", "é", "北京", "(sic)", "no.", "a b"],
    seed=3,
    name="small",
)


def groups(book: Codebook, text: str) -> str:
    """The code groups of ``text`` as space-separated four-figure strings."""
    return " ".join("".join(map(str, group)) for group in book.encode(text).reshape(-1, 4))


def digits(text: str) -> np.ndarray:
    """Digits of space-separated four-figure groups, as a uint8 array."""
    return np.array([int(d) for d in text.replace(" ", "")], dtype=np.uint8)


def unused_code(book: Codebook) -> str:
    """The lowest four-figure code the book does not use."""
    used = {code for _, code in book.encoding_table()}
    return next(f"{c:04d}" for c in range(CODE_SPACE) if f"{c:04d}" not in used)


KNOWN = [
    ("one word", "agree", "0069"),
    ("words and a phrase", "We agree with the following", "0074 0069 0075 0073"),
    ("phrase before its words", "the following", "0073"),
    ("no phrase inside a longer word", "the followings",
     "0072 0053 0020 0034 0030 0030 0034 0060 0025 0032 0022 0046 0017"),
    ("spelled name with ZH", "Zhou", "0053 0068 0034 0058 0017"),
    ("spelled name with SH and OV", "Shtykov", "0053 0048 0055 0062 0028 0039 0017"),
    ("letter by code point inside a name", "José", "0053 0026 0034 0046 0005 0000 0201 0017"),
    ("figures, filler", "25", "0021 2250 0016"),
    ("figures, two groups", "1950", "0021 0195 1000 0016"),
    ("figures then stop", "2522.", "0021 0252 1200 0016 0054"),
    ("punctuation", "agree, with: we!", "0069 0011 0075 0010 0074 0019"),
    ("brackets", "(agree)", "0036 0069 0007"),
    ("join after a comma", "1691,1692", "0021 0169 1100 0016 0011 0027 0021 0169 1200 0016"),
    ("spaces around a hyphen", "A - B", "0053 0000 0017 0052 0024 0052 0053 0002 0017"),
    ("symbol by code point", "☭", "0005 0000 9773"),
    ("empty", " \n ", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [k[1:] for k in KNOWN], ids=[k[0] for k in KNOWN])
def test_known_answers_tiny_one_part_book(text: str, expected: str) -> None:
    """The tiny one-part book encodes each text to the hand-worked groups and back."""
    assert groups(TINY, text) == expected
    assert TINY.decode(digits(expected)) == normalise(text)


def test_one_part_codes_ascend_alphabetically() -> None:
    """In a one-part book both tables are one order: plaintext and code ascend together."""
    table = TINY.encoding_table()
    assert [text for text, _ in table] == sorted(text for text, _ in table)
    assert [code for _, code in table] == [f"{n:04d}" for n in range(len(TINY))]
    assert TINY.decoding_table() == table
    assert TINY.lookup("the following") == "0073"


def test_longest_phrase_first() -> None:
    """Greedy matching takes the longest phrase at each word, then carries on."""
    book = Codebook.generate(["in", "in view", "in view of", "view", "of", "this"], two_part=False)
    codes = groups(book, "in view of this").split()
    assert codes == [book.lookup("in view of"), book.lookup("this")]
    assert groups(book, "in view").split() == [book.lookup("in view")]
    assert groups(book, "in view in").split() == [book.lookup("in view"), book.lookup("in")]


NORMALISED = [
    ("case and space", "  we\tagree\n\nwith  ", "WE AGREE WITH"),
    ("upper may lengthen", "Straße", "STRASSE"),
    ("NFC", "E\u0301", "É"),
    ("no space before closers", "Korea , China . Why ? ( yes )", "KOREA, CHINA. WHY? (YES)"),
    ("none inside curly quotes", "“ no ” , she said", "“NO”, SHE SAID"),
    ("no-break space is space", "A\u00a0B", "A B"),
    ("hyphen keeps its spaces", "a - b", "A - B"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [n[1:] for n in NORMALISED], ids=[n[0] for n in NORMALISED]
)
def test_normalise_examples(text: str, expected: str) -> None:
    """normalise applies NFC, upper case, white space and punctuation spacing as documented."""
    assert normalise(text) == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_round_trip_default_book(text: str) -> None:
    """decode(encode(t)) == normalise(t) on the default book, for any Unicode text."""
    book = Codebook.default()
    assert book.decode(book.encode(text)) == normalise(text)


PUNCTUATED = st.text(st.sampled_from(list("AB ab.,;:!?()[]“”'\u2019-/\"0123456789ßÉé\u0301\n北☭")))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), PUNCTUATED))
def test_round_trip_small_generated_book(text: str) -> None:
    """decode(encode(t)) == normalise(t) on a small two-part book, for any Unicode text."""
    assert SMALL.decode(SMALL.encode(text)) == normalise(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), PUNCTUATED))
def test_normalise_is_idempotent(text: str) -> None:
    """normalise(normalise(t)) == normalise(t)."""
    once = normalise(text)
    assert normalise(once) == once


def test_seed_telegram_round_trips() -> None:
    """The whole seed document, headers and all, survives the default book unchanged."""
    text = SEED_FILE.read_text(encoding="utf-8")
    book = Codebook.default()
    assert book.decode(book.encode(text)) == normalise(text)


def seed_body() -> str:
    """The seed's body from "2522." through "FILIPPOV", translator's [insertions] removed."""
    text = SEED_FILE.read_text(encoding="utf-8")
    body = text[text.index("2522.") : text.index("FILIPPOV") + len("FILIPPOV")]
    return re.sub(r"\[[^\]]*\]", " ", body)


def test_default_book_carries_95_percent_of_seed_words() -> None:
    """At least 95% of the seed body's words are carried by entries, not spelled (98.6%)."""
    assert Codebook.default().coverage(seed_body()) >= 0.95


def test_default_book_contents() -> None:
    """The shipped book is two-part, several thousand entries, with the period vocabulary."""
    book = Codebook.default()
    assert book.two_part
    assert 6000 <= len(book) <= 8000
    for entry in [
        "CENTRAL PEOPLE'S GOVERNMENT", "THE FOLLOWING", "SOVIET AMBASSADOR", "GENERAL ASSEMBLY",
        "FIRST COMMITTEE", "UNITED NATIONS", "SECURITY COUNCIL", "IN VIEW OF", "ARMISTICE",
        "CEASEFIRE", "POLITBURO", "CENTRAL COMMITTEE", "PYONGYANG", "FILIPPOV", "ZHOU", "ENLAI",
        "IL SUNG", "SHTYKOV", "ROSHCHIN",
    ]:  # fmt: skip
        assert entry in book, entry
    assert {text for text, _ in book.encoding_table()} >= RESERVED
    assert Codebook.default() is book


def test_default_book_is_package_data() -> None:
    """The data file is reachable through importlib.resources (so it ships in the wheel)."""
    data = importlib.resources.files("cipherwire.codebook").joinpath("data/codebook.tsv")
    assert data.is_file()
    assert data.read_text(encoding="utf-8").startswith("# cipherwire-codebook 1\n")


def test_build_script_reproduces_shipped_book() -> None:
    """scripts/build_codebook.py --check finds the shipped data file up to date.

    wordfreq (pinned in the ``dev`` extra) must be installed: this check is not skipped.
    """
    script = ROOT / "scripts" / "build_codebook.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "book", [TINY, SMALL, Codebook.default()], ids=["tiny", "small", "default"]
)
def test_text_format_round_trip(book: Codebook) -> None:
    """from_text(to_text(b)) == b, name, seed and kind included."""
    again = Codebook.from_text(book.to_text())
    assert again == book
    assert (again.name, again.seed, again.two_part) == (book.name, book.seed, book.two_part)


def test_save_and_load(tmp_path: Path) -> None:
    """save writes the text format atomically (no temporary left) and load reads it back."""
    path = tmp_path / "small.tsv"
    SMALL.save(path)
    assert Codebook.load(path) == SMALL
    assert [p.name for p in tmp_path.iterdir()] == ["small.tsv"]
    path.chmod(0o640)
    TINY.save(path)
    assert Codebook.load(path) == TINY
    assert path.stat().st_mode & 0o777 == 0o640


def test_two_part_tables_are_consistent_inverses() -> None:
    """Encoding and decoding tables hold the same pairs, sorted by plaintext and by code."""
    book = Codebook.default()
    encoding, decoding = book.encoding_table(), book.decoding_table()
    assert sorted(encoding) == sorted(decoding)
    assert [t for t, _ in encoding] == sorted(t for t, _ in encoding)
    assert [c for _, c in decoding] == sorted(c for _, c in decoding)
    assert len({c for _, c in encoding}) == len(encoding) == len(book)
    assert [c for _, c in encoding] != sorted(c for _, c in encoding)
    for text, code in encoding[::97]:
        assert book.lookup(text) == code
        if not text.startswith("<"):
            assert book.decode(digits(code)) == text


def test_seeded_generate_is_reproducible() -> None:
    """The same seed gives the same two-part book; another seed, or none, gives another."""
    words = ["armistice", "ceasefire", "delegation", "resolution"]
    first = Codebook.generate(words, seed=1950)
    assert Codebook.generate(words, seed=1950) == first
    assert Codebook.generate(words, seed=1951) != first
    assert Codebook.generate(words).entries != Codebook.generate(words).entries
    assert Codebook.generate(words).seed is None


def test_generate_refuses_too_many_entries() -> None:
    """More entries than the 10,000 codes is a CodebookError."""
    words = [f"W{n:05d}".translate(str.maketrans("0123456789", "ABCDEFGHIJ")) for n in range(9950)]
    with pytest.raises(CodebookError, match="do not fit"):
        Codebook.generate(words, seed=1)


@pytest.mark.parametrize("entry", ["", "  \n", "<SPELL>", "<mine>"])
def test_generate_refuses_empty_or_reserved_entries(entry: str) -> None:
    """Empty entries and the <...> form kept for control groups are refused."""
    with pytest.raises(CodebookError, match=re.escape(repr(entry))):
        Codebook.generate(["agree", entry])


def tiny_lines() -> list[str]:
    """The tiny book's text format, as lines: 2 header lines, then 76 entries."""
    return TINY.to_text().splitlines()


def with_line(line: str) -> str:
    return "\n".join([*tiny_lines(), line]) + "\n"


def without(name: str) -> str:
    return "\n".join(line for line in tiny_lines() if not line.endswith("\t" + name)) + "\n"


BAD_FILES: list[tuple[str, Callable[[], str], int, str]] = [
    ("duplicate code", lambda: with_line("0070\tZEBRA"), 79, "'0070'"),
    ("duplicate plaintext", lambda: with_line("9999\tAGREE"), 79, "'AGREE'"),
    ("3-digit code", lambda: with_line("123\tZEBRA"), 79, "'123'"),
    ("missing tab", lambda: with_line("9999 ZEBRA"), 79, "'9999 ZEBRA'"),
    ("not normalised", lambda: with_line("9999\tzebra"), 79, "'zebra'"),
    ("unknown control group", lambda: with_line("9999\t<RED>"), 79, "'<RED>'"),
    ("newer version", lambda: "# cipherwire-codebook 2\n" + "\n".join(tiny_lines()[1:]), 1, "'2'"),
    ("not a codebook", lambda: "CODE\tTEXT\n", 1, "'CODE\\tTEXT'"),
    ("missing control group", lambda: without("<SPELL>"), 77, "'<SPELL>'"),
    ("one-part out of order", lambda: with_line("9999\tAARDVARK"), 72, "'AGREE'"),
    ("bad kind", lambda: "# cipherwire-codebook 1\n# kind: three-part\n", 2, "'three-part'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "line", "quoted"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_bad_codebook_files(make: Callable[[], str], line: int, quoted: str) -> None:
    """Each malformed codebook file raises CodebookError saying the line and quoting the value."""
    with pytest.raises(CodebookError) as caught:
        Codebook.from_text(make())
    message = str(caught.value)
    assert message.startswith(f"line {line}: "), message
    assert quoted in message, message
    assert caught.value.line == line
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, CipherwireError)


BAD_DIGITS: list[tuple[str, object, int | None, str]] = [
    ("length not a multiple of 4", digits("0069 00"), 2, "'00'"),
    ("value over 9", np.array([0, 0, 6, 9, 0, 12, 0, 0], dtype=np.uint8), 2, "12"),
    ("wrong dtype", np.array([0, 0, 6, 9], dtype=np.int64), None, "'int64'"),
    ("not an array", [0, 0, 6, 9], None, "'list'"),
    ("unknown group", digits("0069 9999"), 2, "'9999'"),
    ("end spell out of place", digits("0069 0017"), 2, "'0017'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("array", "group", "quoted"), [b[1:] for b in BAD_DIGITS], ids=[b[0] for b in BAD_DIGITS]
)
def test_bad_digit_arrays(array: np.ndarray, group: int | None, quoted: str) -> None:
    """Each bad digit array makes strict decode raise CodebookError naming group and value."""
    with pytest.raises(CodebookError) as caught:
        TINY.decode(array)
    message = str(caught.value)
    if group is not None:
        assert message.startswith(f"group {group}: "), message
    assert caught.value.group == group
    assert quoted in message, message


def test_decode_groups_flags_unknown_and_decodes_the_rest() -> None:
    """Lenient decoding marks garbled groups [?1234], numbers them, and reads the rest."""
    book = Codebook.default()
    bad = unused_code(book)
    sent = groups(book, "We agree with the following").split()
    sent[1] = bad
    result = book.decode_groups(digits(" ".join(sent)))
    assert result == Decoded(f"WE [?{bad}] WITH THE FOLLOWING", (2,))
    with pytest.raises(CodebookError, match=f"group 2: code group '{bad}' is not in the book"):
        book.decode(digits(" ".join(sent)))


GARBLES = [
    ("spelling never closed", "0053 0068 0034", "[?0053]ZHO", (1,)),
    ("word inside a spelling", "0053 0068 0069 0074", "ZH[?0069] WE", (3,)),
    ("char cut short", "0069 0005 0000", "AGREE [?0005] [?0000]", (2, 3)),
    ("char past U+10FFFF", "0005 0112 0000", "[?0112][?0000]", (2, 3)),
    ("bad figure group", "0021 5000 0016", "[?5000] [?0016]", (2, 3)),
    ("figures never closed", "0021 0195 1000", "[?0021]1950", (1,)),
    ("join at the start", "0027 0069", "[?0027] AGREE", (1,)),
    ("space at the end", "0069 0052", "AGREE [?0052]", (2,)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sent", "text", "unknown"), [g[1:] for g in GARBLES], ids=[g[0] for g in GARBLES]
)
def test_decode_groups_marks_out_of_place_groups(
    sent: str, text: str, unknown: tuple[int, ...]
) -> None:
    """Groups out of place (broken spelling, figures, code points, spacing) are flagged too."""
    assert TINY.decode_groups(digits(sent)) == Decoded(text, unknown)


@pytest.mark.parametrize(
    ("garbled", "text"),
    [((2,), "[?][?9773]"), ((3,), "[?0000][?]"), ((2, 3), "[?][?]")],
    ids=["first", "second", "both"],
)
def test_decode_groups_garbled_code_point_half(garbled: tuple[int, ...], text: str) -> None:
    """A garbled group after <CHAR> loses its character: both groups are flagged."""
    sent = digits("0005 0000 9773")
    assert TINY.decode_groups(sent, garbled=garbled) == Decoded(text, (2, 3))
    low_garbled = TINY.decode_groups(digits("0005 0001 0000"), garbled=(3,))
    assert low_garbled == Decoded("[?0001][?]", (2, 3))


def test_lookup_contains_len_repr() -> None:
    """lookup normalises its argument; in and len work; repr summarises the book."""
    assert TINY.lookup("  The   Following ") == "0073"
    assert TINY.lookup("ZHOU") is None
    assert "moscow" in TINY and "Peking" not in TINY and 7 not in TINY
    assert len(TINY) == 76
    assert repr(SMALL) == f"<Codebook name='small' two-part entries={len(SMALL)} seed=3>"


def test_page_prints_a_handout() -> None:
    """page() gives a titled page of CODE  PLAINTEXT rows in either order."""
    page = SMALL.page(2, order="decoding", rows=10)
    lines = page.splitlines()
    assert lines[0] == "small, two-part, decoding section (by code), page 2 of 8"
    rows = [tuple(line.split("  ", 1)) for line in lines[1:]]
    assert rows == [(c, t) for t, c in SMALL.decoding_table()[10:20]]
    with pytest.raises(CodebookError, match="page 9 is not in 1-8"):
        SMALL.page(9, rows=10)
    with pytest.raises(CodebookError, match="'sideways'"):
        SMALL.page(1, order="sideways")  # type: ignore[arg-type]


def test_named_gives_each_shipped_book_by_its_name() -> None:
    """Codebook.named returns the shipped two-part book and its one-part form by name."""
    two_part, one_part = Codebook.default(), Codebook.default(one_part=True)
    assert two_part.name is not None and one_part.name is not None
    assert Codebook.named(two_part.name) is two_part
    assert Codebook.named(one_part.name) is one_part
    assert not one_part.two_part


@pytest.mark.parametrize("name", ["unnamed", "cipherwire-diplomatic-1951", "", "tiny"])
def test_named_refuses_a_book_that_is_not_shipped(name: str) -> None:
    """An unknown name is a CodebookError (a ValueError) quoting the name and the shipped."""
    with pytest.raises(CodebookError, match=re.escape(f"named {name!r}")) as raised:
        Codebook.named(name)
    assert isinstance(raised.value, ValueError)
    assert repr(Codebook.default().name) in str(raised.value)
