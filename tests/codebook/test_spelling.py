"""Tests for cipherwire.codebook.spelling: normalisation, tokens, spacing, spell and figures."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.codebook.spelling import (
    CLOSERS,
    CONTROL_GROUPS,
    DIGITS,
    JOINERS,
    LETTERS,
    MAX_CODE_POINT,
    OPENERS,
    OTHER,
    PUNCTUATION,
    RESERVED,
    SPACE_TOKEN,
    SPELL_UNITS,
    check_plaintext,
    default_space,
    is_reserved_form,
    kind_of,
    normalise,
    pack_code_point,
    pack_figures,
    spell_units,
    tight_after,
    tight_before,
    tokenise,
    unpack_code_point,
    unpack_figures,
)
from cipherwire.errors import CipherwireError, CodebookError

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   \t\n ", ""),
        ("moscow", "MOSCOW"),
        ("  a \t\n b  ", "A B"),
        ("a\u00a0b", "A B"),
        ("Straße", "STRASSE"),
        ("e\u0301", "\u00c9"),
        ("hello , world .", "HELLO, WORLD."),
        ("( a ) [ b ] { c }", "(A) [B] {C}"),
        ("“ yes ”", "“YES”"),
        ("a ; b : c ? d !", "A; B: C? D!"),
        ("a , , b", "A,, B"),
        ("( ( a", "((A"),
        ("don ' t", "DON ' T"),
        ("1950 - 1951", "1950 - 1951"),
    ],
    ids=[
        "empty",
        "blank",
        "upper",
        "runs",
        "nbsp",
        "sharp-s",
        "nfc",
        "closers",
        "brackets",
        "quotes",
        "marks",
        "double-closer",
        "double-opener",
        "joiner-kept",
        "hyphen-kept",
    ],
)
def test_normalise_table(text: str, expected: str) -> None:
    """Known answers of the normalisation rule."""
    assert normalise(text) == expected


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_normalise_idempotent(text: str) -> None:
    """A normalised text is its own normal form."""
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_normalise_invariants(text: str) -> None:
    """Normal form: no edge space, no double space, no space before a closer or after an opener."""
    out = normalise(text)
    assert out == out.strip(" ")
    assert "  " not in out
    assert all(not c.isspace() or c == " " for c in out)
    for i, char in enumerate(out):
        if char == " ":
            assert out[i + 1] not in CLOSERS
            assert out[i - 1] not in OPENERS


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("A", LETTERS),
        ("ж", LETTERS),
        ("\u0301", LETTERS),
        ("º", LETTERS),
        ("7", DIGITS),
        ("٣", OTHER),
        (" ", SPACE_TOKEN),
        ("\u2003", SPACE_TOKEN),
        (",", OTHER),
        ("№", OTHER),
        ("_", OTHER),
    ],
    ids=[
        "ascii",
        "cyrillic",
        "combining",
        "ordinal",
        "digit",
        "arabic-digit",
        "space",
        "em-space",
        "comma",
        "numero",
        "underscore",
    ],
)
def test_kind_of(char: str, kind: int) -> None:
    """Letters are categories L and M; digits only ASCII ones; spaces; the rest OTHER."""
    assert kind_of(char) == kind


@pytest.mark.parametrize(
    ("text", "tokens", "kinds"),
    [
        ("", [], []),
        ("THE THEM", ["THE", " ", "THEM"], [0, 2, 0]),
        ("JOSÉ Nº1", ["JOSÉ", " ", "Nº", "1"], [0, 2, 0, 1]),
        ("A1950B", ["A", "1950", "B"], [0, 1, 0]),
        ("..,", [".", ".", ","], [3, 3, 3]),
        ("USSR-USA", ["USSR", "-", "USA"], [0, 3, 0]),
    ],
    ids=["empty", "words", "accents", "mixed", "others-split", "hyphen"],
)
def test_tokenise_table(text: str, tokens: list[str], kinds: list[int]) -> None:
    """Letter and digit runs are one token; every other character one token each."""
    assert tokenise(text) == (tokens, kinds)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_tokenise_partitions(text: str) -> None:
    """Tokens concatenate to the text, kinds match, and no two same-kind runs touch."""
    norm = normalise(text)
    tokens, kinds = tokenise(norm)
    assert "".join(tokens) == norm
    assert len(tokens) == len(kinds)
    for token, kind in zip(tokens, kinds, strict=True):
        assert all(kind_of(c) == kind for c in token)
        if kind not in (LETTERS, DIGITS):
            assert len(token) == 1
    for ka, kb in itertools.pairwise(kinds):
        assert not (ka == kb and ka in (LETTERS, DIGITS))


@pytest.mark.parametrize(
    ("left", "right", "apart"),
    [
        ("A", "B", True),
        ("A", ",", False),
        ("(", "A", False),
        ("A", ")", False),
        ("PEOPLE", "'", False),
        ("'", "S", False),
        ("A", "-", False),
        ("-", "B", False),
        ("A/", "B", False),
        ("A", "“", True),
        ("”", "A", True),
        ("A.", "B", True),
    ],
    ids=[
        "words",
        "closer",
        "opener",
        "close-paren",
        "apostrophe-after",
        "apostrophe-before",
        "hyphen-after",
        "hyphen-before",
        "slash",
        "open-quote-right",
        "close-quote-left",
        "stop-left",
    ],
)
def test_default_space(left: str, right: str, apart: bool) -> None:
    """Pieces are apart unless the left ends tight or the right starts tight."""
    assert default_space(left, right) is apart
    assert apart is not (tight_after(left) or tight_before(right))


def test_tight_sets() -> None:
    """Joiners are tight on both sides; closers only before, openers only after."""
    for joiner in JOINERS:
        assert tight_before(joiner) and tight_after(joiner)
    for closer in CLOSERS:
        assert tight_before(closer) and not tight_after(closer)
    for opener in OPENERS:
        assert tight_after(opener) and not tight_before(opener)


@pytest.mark.parametrize(
    ("word", "units"),
    [
        ("", []),
        ("SHTYKOV", ["SH", "T", "Y", "K", "OV"]),
        ("SHCHERBAKOV", ["SHCH", "E", "R", "B", "A", "K", "OV"]),
        ("KHRUSHCHEV", ["KH", "R", "U", "SHCH", "EV"]),
        ("ZHUKOVSKY", ["ZH", "U", "K", "OV", "SKY"]),
        ("TSARITSYN", ["TS", "A", "R", "I", "TS", "Y", "N"]),
        ("YAYEYOYU", ["YA", "YE", "YO", "YU"]),
        ("THE", ["TH", "E"]),
        ("JOSÉ", ["J", "O", "S", "É"]),
        ("МИР", ["М", "И", "Р"]),
    ],
    ids=[
        "empty",
        "shtykov",
        "shch",
        "khrushchev",
        "sky",
        "ts",
        "y-vowels",
        "th",
        "accent",
        "cyrillic",
    ],
)
def test_spell_units_table(word: str, units: list[str]) -> None:
    """Greedy longest-first cutting into spell units, lone characters where none fits."""
    assert spell_units(word) == units


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÉЖ", max_size=30))
def test_spell_units_cover(word: str) -> None:
    """Units concatenate to the word; each is a table unit or a single character."""
    units = spell_units(word)
    assert "".join(units) == word
    assert all(u in SPELL_UNITS or len(u) == 1 for u in units)


def test_spell_table_and_reserved() -> None:
    """A-Z are all units; every control, punctuation and spell name is reserved, in <...> form."""
    assert set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") <= set(SPELL_UNITS)
    assert len(set(SPELL_UNITS)) == len(SPELL_UNITS)
    assert set(CONTROL_GROUPS) <= RESERVED
    assert set(PUNCTUATION.values()) <= RESERVED
    assert {f"<{u}>" for u in SPELL_UNITS} <= RESERVED
    assert len(set(PUNCTUATION.values())) == len(PUNCTUATION)
    assert all(is_reserved_form(name) for name in RESERVED)


@pytest.mark.parametrize(
    ("digits", "groups"),
    [
        ("1950", [195, 1000]),
        ("25", [2250]),
        ("0", [1000]),
        ("7", [1700]),
        ("123", [3123]),
        ("000", [3000]),
        ("123456", [123, 3456]),
        ("0012", [1, 1200]),
    ],
    ids=["1950", "two", "zero", "one", "three", "zeros", "six", "leading-zeros"],
)
def test_pack_figures_table(digits: str, groups: list[int]) -> None:
    """Three digits a group, T=0 for more to come, T=1-3 the count in the last group."""
    assert pack_figures(digits) == groups


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=40))
def test_figures_round_trip(digits: str) -> None:
    """Unpacking the packed groups gives the digits back, with is_last only on the last."""
    groups = pack_figures(digits)
    assert all(0 <= g <= 9999 for g in groups)
    read = [unpack_figures(g) for g in groups]
    assert all(r is not None for r in read)
    assert "".join(r[0] for r in read if r is not None) == digits
    assert [r[1] for r in read if r is not None] == [False] * (len(groups) - 1) + [True]


@pytest.mark.parametrize(
    "digits",
    ["", "12a", "٣", "1 2", "-1", "١٢"],
    ids=["empty", "letter", "arabic", "space", "minus", "arabic-run"],
)
def test_pack_figures_refuses(digits: str) -> None:
    """Anything but a run of ASCII digits is a CodebookError quoting the text."""
    with pytest.raises(CodebookError, match="ASCII digits") as info:
        pack_figures(digits)
    assert repr(digits) in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, CipherwireError)


@pytest.mark.parametrize(
    ("group", "read"),
    [
        (0, ("000", False)),
        (999, ("999", False)),
        (1000, ("0", True)),
        (1900, ("9", True)),
        (1010, None),
        (1001, None),
        (2990, ("99", True)),
        (2991, None),
        (3999, ("999", True)),
        (4000, None),
        (9999, None),
    ],
    ids=["0", "999", "1000", "1900", "1010", "1001", "2990", "2991", "3999", "4000", "9999"],
)
def test_unpack_figures_table(group: int, read: tuple[str, bool] | None) -> None:
    """Malformed figure groups (filler not zero, count above 3) read as None."""
    assert unpack_figures(group) == read


@settings(max_examples=200, deadline=None)
@given(st.characters(blacklist_categories=("Cs",)))
def test_code_point_round_trip(char: str) -> None:
    """Every code point packs into two four-figure groups and unpacks to itself."""
    high, low = pack_code_point(char)
    assert 0 <= high <= 9999 and 0 <= low <= 9999
    assert unpack_code_point(high, low) == char


@pytest.mark.parametrize(
    ("high", "low", "char"),
    [(0, 65, "A"), (111, 4111, chr(MAX_CODE_POINT)), (111, 4112, None), (9999, 9999, None)],
    ids=["A", "max", "max+1", "top"],
)
def test_unpack_code_point_limit(high: int, low: int, char: str | None) -> None:
    """Values above U+10FFFF name no code point."""
    assert unpack_code_point(high, low) == char


@pytest.mark.parametrize(
    ("text", "reserved"),
    [
        ("<SPELL>", True),
        ("<>", True),
        ("<", False),
        ("", False),
        ("SPELL", False),
        ("<A", False),
        ("A>", False),
        ("<X Y>", True),
    ],
    ids=["spell", "bare", "lone", "empty", "plain", "open", "close", "spaced"],
)
def test_is_reserved_form(text: str, reserved: bool) -> None:
    """Only texts of the form <...> (two characters at least) are kept for control names."""
    assert is_reserved_form(text) is reserved


@pytest.mark.parametrize(
    ("text", "why"),
    [("", "not normalised"), ("zebra", "expected 'ZEBRA'"), ("<RED>", "unknown control group")],
    ids=["empty", "lower-case", "unknown-control"],
)
def test_check_plaintext_refuses(text: str, why: str) -> None:
    """An entry's plaintext must be normalised and no <...> name but a reserved one."""
    with pytest.raises(CodebookError, match=why) as caught:
        check_plaintext(text, line=3)
    assert repr(text) in str(caught.value) and caught.value.line == 3


def test_check_plaintext_accepts() -> None:
    """Normalised words, phrases and the reserved names pass."""
    for text in ("ZEBRA", "THE FOLLOWING", "<SPELL>", "DON'T"):
        check_plaintext(text)
