"""Tests for cipherwire.codebook.groups: the code-group stream on a small hand-made table."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.codebook import spelling
from cipherwire.codebook.groups import (
    GroupTable,
    digits_from_groups,
    encode_text,
    groups_from_digits,
    read_groups,
)
from cipherwire.errors import CodebookError

#: The vocabulary of the test book: words and phrases sharing first tokens.
WORDS = ("THE", "PEOPLE", "MOSCOW", "NEW YORK", "NEW", "CENTRE", "TO", "THE CENTRE", "O'BRIEN")


def make_table() -> GroupTable:
    """A book with every reserved name (codes from 9000 down) and WORDS (codes from 100)."""
    reserved = sorted(spelling.RESERVED)
    entries = [(name, 9000 + i) for i, name in enumerate(reserved)]
    entries += [(word, 100 + i) for i, word in enumerate(WORDS)]
    return GroupTable(tuple(entries))


TABLE = make_table()
C = TABLE.code_of


def test_table_finds_the_controls() -> None:
    """The table's control codes are the codes of their reserved names."""
    assert TABLE.spell == C["<SPELL>"]
    assert TABLE.end_spell == C["<END SPELL>"]
    assert TABLE.figures == C["<FIGURES>"]
    assert TABLE.char == C["<CHAR>"]
    assert TABLE.units["SHCH"] == C["<SHCH>"]
    assert TABLE.names[C["MOSCOW"]] == "MOSCOW"


def test_table_needs_every_reserved_name() -> None:
    """A table without a control group cannot be built."""
    entries = tuple((n, i) for i, n in enumerate(sorted(spelling.RESERVED)) if n != "<SPELL>")
    with pytest.raises(KeyError):
        GroupTable(entries)


@pytest.mark.parametrize(
    ("text", "codes", "words", "spelled"),
    [
        ("", [], 0, 0),
        ("MOSCOW", [C["MOSCOW"]], 1, 0),
        ("THE PEOPLE", [C["THE"], C["PEOPLE"]], 2, 0),
        ("NEW YORK", [C["NEW YORK"]], 2, 0),
        ("NEW MOSCOW", [C["NEW"], C["MOSCOW"]], 2, 0),
        ("THE CENTRE", [C["THE CENTRE"]], 2, 0),
        ("TO THE CENTRE", [C["TO"], C["THE CENTRE"]], 3, 0),
        ("MOSCOW.", [C["MOSCOW"], C["<STOP>"]], 1, 0),
        ("THEM", [C["<SPELL>"], C["<TH>"], C["<E>"], C["<M>"], C["<END SPELL>"]], 1, 1),
        ("1950", [C["<FIGURES>"], 195, 1000, C["<END FIGURES>"]], 0, 0),
        ("#", [C["<CHAR>"], 0, 35], 0, 0),
        ("O'BRIEN", [C["O'BRIEN"]], 2, 0),
        ("MOSCOW,THE", [C["MOSCOW"], C["<COMMA>"], C["<JOIN>"], C["THE"]], 2, 0),
        ("THE-PEOPLE", [C["THE"], C["<HYPHEN>"], C["PEOPLE"]], 2, 0),
        ("THE - PEOPLE", [C["THE"], C["<SPACE>"], C["<HYPHEN>"], C["<SPACE>"], C["PEOPLE"]], 2, 0),
        ("THE1950", [C["THE"], C["<JOIN>"], C["<FIGURES>"], 195, 1000, C["<END FIGURES>"]], 1, 0),
        ("É", [C["<SPELL>"], C["<CHAR>"], 0, 201, C["<END SPELL>"]], 1, 1),
    ],
    ids=[
        "empty",
        "word",
        "two-words",
        "phrase",
        "phrase-prefix-only",
        "longest-phrase",
        "phrase-after-word",
        "stop",
        "spelled",
        "figures",
        "char",
        "apostrophe-entry",
        "join-after-comma",
        "hyphen-tight",
        "hyphen-spaced",
        "join-override",
        "spelled-char",
    ],
)
def test_encode_table(text: str, codes: list[int], words: int, spelled: int) -> None:
    """Known encodings: longest phrase first, spelling, figures, CHAR, SPACE and JOIN."""
    assert encode_text(TABLE, text) == (codes, words, spelled)
    assert read_groups(TABLE, codes) == (text, [])


def test_entries_match_whole_tokens() -> None:
    """THE never matches inside THEM, nor NEW YORK inside NEW YORKER."""
    codes, _, spelled = encode_text(TABLE, "NEW YORKER")
    assert C["NEW YORK"] not in codes
    assert codes[0] == C["NEW"]
    assert spelled == 1


message_text = st.lists(
    st.one_of(
        st.sampled_from([*WORDS, "SHCHERBAKOV", "JOSÉ", "1950", "7", "#", "ж"]),
        st.sampled_from(sorted(spelling.PUNCTUATION)),
        st.text(alphabet="ABCXYZ0123456789", min_size=1, max_size=6),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
).flatmap(
    lambda pieces: st.lists(
        st.sampled_from(["", " "]), min_size=len(pieces), max_size=len(pieces)
    ).map(lambda gaps: "".join(g + p for g, p in zip(gaps, pieces, strict=True)))
)


@settings(max_examples=300, deadline=None)
@given(message_text)
def test_round_trip(text: str) -> None:
    """Reading the codes of a normalised text gives the text back, without problems."""
    norm = spelling.normalise(text)
    codes, words, spelled = encode_text(TABLE, norm)
    assert all(0 <= code <= 9999 for code in codes)
    assert 0 <= spelled <= words
    assert read_groups(TABLE, codes) == (norm, [])


@pytest.mark.parametrize(
    ("codes", "text", "problems"),
    [
        ([1234], "[?1234]", [(1, "code group '1234' is not in the book")]),
        ([C["MOSCOW"], 1234], "MOSCOW [?1234]", [(2, "code group '1234' is not in the book")]),
        ([-1], "[?]", [(1, "code group was garbled in transit")]),
        ([C["<SPACE>"], C["THE"]], None, [(1, "out of place: it must stand between")]),
        ([C["THE"], C["<SPACE>"]], None, [(2, "out of place at the end")]),
        ([C["<END SPELL>"]], None, [(1, "no spelling or figures are open")]),
        ([C["<SPELL>"], C["<A>"]], None, [(1, "never closed by <END SPELL>")]),
        ([C["<SPELL>"], C["<END SPELL>"]], None, [(2, "the spelling is empty")]),
        ([C["<SPELL>"], C["<A>"], C["<FIGURES>"]], None, [(3, "out of place inside a spelling")]),
        ([C["<FIGURES>"], 195], None, [(1, "never closed by <END FIGURES>")]),
        ([C["<FIGURES>"], 1000], None, [(1, "never closed by <END FIGURES>")]),
        ([C["<FIGURES>"], C["<STOP>"]], None, [(2, "(<STOP>) is not a figure group")]),
        ([C["<FIGURES>"], 1000, C["THE"]], None, [(3, "<END FIGURES> expected")]),
        ([C["<CHAR>"], 0], None, [(1, "cut short"), (2, "'0000' is not in the book")]),
        ([C["<CHAR>"], C["<A>"], C["<B>"]], None, [(2, "out of range"), (3, "no code point")]),
    ],
    ids=[
        "unknown",
        "unknown-second",
        "garbled",
        "space-first",
        "space-last",
        "end-spell-alone",
        "spell-open",
        "spell-empty",
        "spell-interrupted",
        "figures-open",
        "figures-unclosed",
        "figures-bad",
        "figures-wrong-end",
        "char-short",
        "char-too-big",
    ],
)
def test_read_problems(codes: list[int], text: str | None, problems: list[tuple[int, str]]) -> None:
    """Each unreadable group is reported once, numbered from 1, in order, and marked [?...]."""
    read, found = read_groups(TABLE, codes)
    if text is not None:
        assert read == text
    assert [at for at, _ in found] == [at for at, _ in problems]
    for (_, message), (_, expected) in zip(found, problems, strict=True):
        assert expected in message
    assert "[?" in read


@pytest.mark.parametrize(
    ("codes", "problems"),
    [
        (
            [C["<FIGURES>"], 5000, C["<END FIGURES>"]],
            [
                "code group '5000' is not a figure group: its first figure 5 is neither 0 "
                "(three figures, more groups follow) nor 1 to 3 (the figures in the last group)",
                f"code group '{C['<END FIGURES>']:04d}' (<END FIGURES>) is out of place: "
                "no spelling or figures are open",
            ],
        ),
        (
            [C["<FIGURES>"], 2251, C["<END FIGURES>"]],
            [
                "code group '2251' is not a figure group: the last group holds 2 figure(s), "
                "so its filler '1' must be zeros",
                f"code group '{C['<END FIGURES>']:04d}' (<END FIGURES>) is out of place: "
                "no spelling or figures are open",
            ],
        ),
        (
            [C["<CHAR>"], 112, 0],
            [
                "code group '0112' is out of range after <CHAR>: a code point's first group "
                "is at most '0111' (U+10FFFF is '0111' '4111')",
                "code group '0000' gives no code point after <CHAR> '0112', which is out of range",
            ],
        ),
        (
            [C["<CHAR>"], 111, 4112],
            [
                "code group '0111' gives no code point before '4112', which is out of range "
                "after it",
                "code group '4112' is out of range after <CHAR> '0111': a code point's second "
                "group is then at most '4111' (U+10FFFF is '0111' '4111')",
            ],
        ),
    ],
    ids=["figure-count", "figure-filler", "code-point-first", "code-point-second"],
)
def test_bad_value_group_says_what_is_wrong(codes: list[int], problems: list[str]) -> None:
    """A bad figure or code-point group not in the book is quoted with what is wrong with it."""
    _, found = read_groups(TABLE, codes)
    assert found == list(enumerate(problems, start=2))
    assert all(code not in TABLE.names for code in codes if code < 9000)  # the value groups


def test_problem_names_the_group() -> None:
    """A known group out of place is quoted with its plaintext name."""
    _, problems = read_groups(TABLE, [C["<END FIGURES>"]])
    assert problems == [
        (
            1,
            f"code group '{C['<END FIGURES>']:04d}' (<END FIGURES>) is out of place: "
            "no spelling or figures are open",
        )
    ]


@pytest.mark.parametrize(
    ("codes", "digits"),
    [([], []), ([0], [0, 0, 0, 0]), ([9999], [9, 9, 9, 9]), ([2522, 7], [2, 5, 2, 2, 0, 0, 0, 7])],
    ids=["empty", "zero", "max", "two"],
)
def test_digits_from_groups_table(codes: list[int], digits: list[int]) -> None:
    """Each code becomes its four figures, most significant first."""
    out = digits_from_groups(codes)
    assert out.dtype == np.uint8
    assert out.tolist() == digits


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 9999), max_size=50))
def test_digits_round_trip(codes: list[int]) -> None:
    """groups_from_digits inverts digits_from_groups."""
    assert groups_from_digits(digits_from_groups(codes)) == codes


@pytest.mark.parametrize(
    ("digits", "says", "group"),
    [
        ([1, 2, 3, 4], "numpy uint8 array, not 'list'", None),
        (np.array([1, 2, 3, 4], dtype=np.int64), "dtype 'uint8', not 'int64'", None),
        (np.zeros((2, 4), dtype=np.uint8), r"one-dimensional, not shape \(2, 4\)", None),
        (np.array([1, 2, 3, 4, 5, 6], dtype=np.uint8), "last group '56' is short", 2),
        (np.array([1, 2, 3, 4, 0, 10, 0, 0], dtype=np.uint8), r"value 10 in \[0, 10, 0, 0\]", 2),
    ],
    ids=["list", "int64", "2d", "short", "above-nine"],
)
def test_groups_from_digits_refuses(digits: object, says: str, group: int | None) -> None:
    """Bad digit arrays are CodebookErrors quoting the value and naming the group."""
    with pytest.raises(CodebookError, match=says) as info:
        groups_from_digits(digits)  # type: ignore[arg-type]
    assert info.value.group == group
    if group is not None:
        assert str(info.value).startswith(f"group {group}: ")
