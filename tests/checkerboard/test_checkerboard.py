"""Tests for the checkerboard package (board and pad) and the checkerboard commands."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cipherwire.checkerboard.board import Checkerboard
from cipherwire.checkerboard.cells import Mark
from cipherwire.checkerboard.pad import decipher, encipher, format_groups, parse_groups
from cipherwire.core import digits_from_text, digits_to_text
from cipherwire.errors import (
    ArrayTypeError,
    ArrayValueError,
    CheckerboardError,
    CipherwireError,
    PadExhaustedError,
)
from cipherwire.pad.book import PadBook
from tests.cli.test_cli import assert_one_line_error, run

BOARD = Checkerboard.ct37c()

# Worked by hand from the board table: 0 CODE; 1-6 A E I N O T; 70 B 71 C 72 D 73 F 74 G
# 75 H 76 J 77 K 78 L 79 M 80 P 81 Q 82 R 83 S 84 U 85 V 86 W 87 X 88 Y 89 Z; 90 FIG;
# 91 . 92 , 93 : 94 ? 95 ' 96 - 97 /; 98 REQ; 99 SPACE.  Filler: 9s to a whole group.
KNOWN = [
    ("one-figure letters", "AEINOT", "12345 69999"),
    ("two-figure letters", "BZ", "70899"),
    ("attack", "ATTACK", "16617 17799"),
    ("attack at dawn", "attack at dawn", "16617 17799 16997 21864"),
    ("punctuation", "Ok, go.", "57792 99745 91999"),
    ("figures", "1950", "90111 99955 50009 09999"),
    ("figures after words", "MEET AT 1950", "79226 99169 99011 19995 55000 90999"),
    ("two figure runs", "7/12", "90777 90979 01112 22909"),
    ("code group", "<code 042>", "00429"),
    ("request mark", "<REQ> 5", "98999 05559 09999"),
    ("white space", "  at\n\t\tdawn ", "16997 21864"),
    ("nothing", " \n ", ""),
]  # fmt: skip


def figures(text: str) -> str:
    """Digits as a string, from a (possibly grouped) text of digits."""
    return text.replace(" ", "")


@pytest.mark.parametrize(("text", "groups"), [k[1:] for k in KNOWN], ids=[k[0] for k in KNOWN])
def test_known_answers_default_board(text: str, groups: str) -> None:
    """The CT-37c-style board encodes each text to the hand-worked digits and back."""
    digits = BOARD.encode(text)
    assert digits_to_text(digits) == figures(groups)
    assert BOARD.decode(digits_from_text(figures(groups))) == BOARD.normalise(text)


def test_known_answers_fix_the_table() -> None:
    """Every cell of the default board is where the module says (0, 1-6, 70-99)."""
    cells = dict(BOARD.cells)
    assert cells["0"] is Mark.CODE and cells["90"] is Mark.FIGURES
    assert [cells[str(d)] for d in range(1, 7)] == list("AEINOT")
    assert "".join(str(cells[str(d)]) for d in range(70, 90)) == "BCDFGHJKLMPQRSUVWXYZ"
    assert "".join(str(cells[str(d)]) for d in range(91, 98)) == ".,:?'-/"
    assert (cells["98"], cells["99"]) == (Mark.REQUEST, Mark.SPACE)
    assert len(cells) == 7 + 30


def test_encode_without_fill_stops_with_the_last_symbol() -> None:
    """fill=False gives the digits alone; decode reads them with or without filler."""
    assert digits_to_text(BOARD.encode("Attack", fill=False)) == "16617177"
    assert BOARD.decode(digits_from_text("16617177")) == "ATTACK"
    assert BOARD.decode(digits_from_text("166171779")) == "ATTACK"  # a lone filler 9


def test_decode_reads_grouped_arrays() -> None:
    """A (g, 5) array is read row by row, as its groups were written."""
    assert BOARD.decode(BOARD.encode("attack at dawn").reshape(-1, 5)) == "ATTACK AT DAWN"


def test_keyed_board_hand_worked() -> None:
    """MOSCOW mixes the alphabet: M O S C W A B D ...; O A E I N T in 1-6, M S C W ... 70-."""
    board = Checkerboard.keyed("moscow")
    cells = dict(board.cells)
    assert [cells[str(d)] for d in range(1, 7)] == list("OAEINT")
    assert "".join(str(cells[str(d)]) for d in range(70, 90)) == "MSCWBDFGHJKLPQRUVXYZ"
    assert digits_to_text(board.encode("Moscow", fill=False)) == "7017172173"
    assert Checkerboard.keyed("") == BOARD


def test_grid_and_text_forms() -> None:
    """The grid shows the board as printed; the board file reads back to the same board."""
    grid = BOARD.to_grid().splitlines()
    assert grid[1].split() == ["CODE", *"AEINOT"]
    assert grid[4].split() == ["9", "FIG", *".,:?'-/", "REQ", "SPACE"]
    text = BOARD.to_text()
    assert text.startswith("# cipherwire-checkerboard 1\n0 CODE\n1 A\n") and text.endswith(
        "98 REQ\n99 SPACE\n"
    )
    assert Checkerboard.from_text(text) == BOARD
    commented = "\n" + text.replace("\n70 B\n", "\n# a comment\n\n70 B\n")
    assert Checkerboard.from_text(commented) == BOARD


@given(st.text(alphabet=string.ascii_letters, max_size=12))
def test_repr_rebuilds_the_board(keyword: str) -> None:
    """repr is the call that rebuilds the board; the board file round-trips."""
    board = Checkerboard.keyed(keyword)
    namespace = {"Checkerboard": Checkerboard}
    assert eval(repr(board), namespace) == board
    assert Checkerboard.from_text(board.to_text()) == board
    assert hash(Checkerboard.from_text(board.to_text())) == hash(board)


# -- round trips -----------------------------------------------------------------------------

_PIECES = st.one_of(
    st.sampled_from(string.ascii_letters + string.digits + ".,:?'-/" + " \t\n\u00a0"),
    st.just("<req>"),
    st.integers(0, 999).map(lambda n: f"<CODE {n:03d}>"),
)
CARRIED = st.lists(_PIECES, max_size=60).map("".join)
KEYWORDS = st.text(string.ascii_uppercase, max_size=8)
BOARDS = st.one_of(st.just(BOARD), KEYWORDS.map(Checkerboard.keyed))


@given(BOARDS, CARRIED)
def test_round_trip(board: Checkerboard, text: str) -> None:
    """decode(encode(t)) == normalise(t) for any text the board carries, filled or not."""
    digits = board.encode(text)
    assert digits.dtype == np.uint8 and digits.size % 5 == 0
    assert board.decode(digits) == board.normalise(text)
    assert board.decode(board.encode(text, fill=False)) == board.normalise(text)
    assert 0 <= digits.size - board.encode(text, fill=False).size <= 4


@given(st.permutations([symbol for _, symbol in BOARD.cells]), CARRIED)
def test_round_trip_on_shuffled_boards(symbols: list[Any], text: str) -> None:
    """Any board of the default cells reads back, wherever CODE, FIG and SPACE land."""
    cells = [cell for cell, _ in BOARD.cells]
    fig = cells[symbols.index(Mark.FIGURES)]
    assume(len(fig) == 2 and fig[0] != fig[1])
    board = Checkerboard(tuple(zip(cells, symbols, strict=True)))
    assert board.decode(board.encode(text)) == board.normalise(text)


@given(st.text(max_size=30))
def test_any_text_is_carried_whole_or_refused(text: str) -> None:
    """Any Unicode text either round-trips or is refused naming a character: never dropped."""
    try:
        normal = BOARD.normalise(text)
    except CheckerboardError as exc:
        assert exc.position is not None and 0 <= exc.position < len(text)
        assert repr(text[exc.position]) in str(exc)
        return
    assert BOARD.decode(BOARD.encode(text)) == normal


@given(st.text(alphabet="0123456789", max_size=40))
def test_random_digits_decode_or_name_a_position(text: str) -> None:
    """Any digits decode, or raise CheckerboardError at a position inside them."""
    try:
        BOARD.decode(digits_from_text(text))
    except CheckerboardError as exc:
        assert exc.position is not None and 0 <= exc.position < len(text)


def test_figure_triples_are_unambiguous() -> None:
    """A figure run with every digit, next to FIG-like digits, reads back exactly."""
    text = "9090 0990 9 0 99 900 A9"
    assert digits_to_text(BOARD.encode("9", fill=False)) == "9099990"
    assert BOARD.decode(BOARD.encode(text)) == text


def test_digits_per_letter_on_english() -> None:
    """English letters take about 1.5 digits each: 1 for A E I N O T, 2 for the rest."""
    paragraph = (
        "It was the best of times, it was the worst of times, it was the age of wisdom, "
        "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
        "incredulity, it was the season of Light, it was the season of Darkness, it was "
        "the spring of hope, it was the winter of despair."
    )
    letters = re.sub("[^A-Z]", "", paragraph.upper())
    digits = BOARD.encode(letters, fill=False).size
    assert digits == sum(1 if c in "AEINOT" else 2 for c in letters)  # the reference count
    assert 1.3 <= digits / len(letters) <= 1.8
    assert 1.3 <= BOARD.encode(paragraph, fill=False).size / len(paragraph) <= 1.8


# -- the pad step ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PadBook]:
    """A classroom pad book of 3000 pages of 4 groups (3 key groups): many pages a message."""
    path = tmp_path_factory.mktemp("pads") / "small.sqlite"
    book = PadBook.create(path, pages=3000, groups_per_page=4, seed=7)
    yield book
    book.close()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=40).map(lambda d: d + [9] * (-len(d) % 5)))
def test_pad_round_trip_and_no_page_twice(small_pages: Any, digits: list[int]) -> None:
    """decipher(encipher(d)) == d across page ends; each page goes to one message only."""
    plain = np.array(digits, dtype=np.uint8)
    before = small_pages.status().used
    sent = encipher(plain, small_pages, to="test")
    pages = -(-plain.size // 5 // 3)
    assert sent.size == plain.size + 5 * pages
    indicators = [digits_to_text(sent[i : i + 5]) for i in range(0, sent.size, 20)]
    issued = small_pages.status().ledger
    assert [p.indicator for p in issued[before:]] == indicators
    assert len({p.indicator for p in issued}) == len(issued) == before + pages
    assert np.array_equal(decipher(sent, small_pages), plain)
    assert np.array_equal(decipher(parse_groups(format_groups(sent)), small_pages), plain)


def test_pad_known_answer(padbook: PadBook) -> None:
    """ATTACK AT DAWN on page 1 of the seed-1950 pad: indicator, then text + key, no carry."""
    page = padbook.page(1)
    assert page.groups[:3] == ("62674", "14768", "38552")  # as printed by `pad print`
    sent = encipher(BOARD.encode("attack at dawn"), padbook, to="agent")
    # 16617 + 14768 = 20375, 17799 + 38552 = 45241 (digit by digit, without carry)
    assert format_groups(sent).startswith("62674 20375 45241 ")
    assert BOARD.decode(decipher(sent, padbook)) == "ATTACK AT DAWN"
    assert padbook.status().ledger[0].to == "agent"


def test_decipher_refuses_a_page_twice(tmp_path: Path) -> None:
    """A message that names the same page twice is refused, naming the group."""
    with PadBook.create(tmp_path / "p.sqlite", pages=3, groups_per_page=2, seed=1) as book:
        sent = encipher(digits_from_text("1234567890"), book, to="x")
        twice = np.concatenate([sent[:10], sent[:10]])
        with pytest.raises(CheckerboardError, match=r"group 3: .* was already used at group 1"):
            decipher(twice, book)
        with pytest.raises(CheckerboardError, match="followed by no text"):
            decipher(sent[:5], book)
        with pytest.raises(PadExhaustedError):
            encipher(digits_from_text("12345" * 3), book, to="y")


def test_groups_text() -> None:
    """Groups print ten to a line, every line ending with a newline, and read back."""
    digits = BOARD.encode("the quick brown fox jumps over the lazy dog")
    text = format_groups(digits)
    assert [len(line.split()) for line in text.splitlines()] == [10, 5]
    assert text.endswith("\n") and format_groups(digits_from_text("")) == ""
    assert np.array_equal(parse_groups(text), digits)


# -- bad input ---------------------------------------------------------------------------------

NO_CODE = Checkerboard.from_cells({c: s for c, s in BOARD.cells if s is not Mark.CODE})
NO_SLASH = Checkerboard.from_cells({c: s for c, s in BOARD.cells if s != "/"})

BAD: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("accented letter", lambda: BOARD.encode("café"), CheckerboardError, "position 3: 'é'"),
    ("bracket", lambda: BOARD.encode("a (b)"), CheckerboardError, "position 2: '('"),
    ("sharp s", lambda: BOARD.encode("Straße"), CheckerboardError, "position 4: 'ß'"),
    ("sharp s alone", lambda: BOARD.encode("ß"), CheckerboardError, "position 0: 'ß'"),
    ("dotless i", lambda: BOARD.encode("Kırk"), CheckerboardError, "position 1: 'ı'"),
    ("long s", lambda: BOARD.encode("ſ"), CheckerboardError, "position 0: 'ſ'"),
    ("bad code token", lambda: BOARD.encode("go <CODE 12>"), CheckerboardError,
     "position 3: '<' is not on the board (this board's marks are written <REQ> and <CODE nnn>)"),
    ("no CODE on board", lambda: NO_CODE.encode("<CODE 123>"), CheckerboardError, "position 0"),
    ("control character", lambda: BOARD.encode("ok\x00"), CheckerboardError, "position 2: '\\x00'"),
    ("other digits", lambda: BOARD.encode("٣"), CheckerboardError, "position 0: '٣'"),
    ("not a str", lambda: BOARD.encode(b"ATTACK"), TypeError, "must be a str"),
    ("cut-off cell", lambda: BOARD.decode(digits_from_text("1667")), CheckerboardError,
     "position 3: '7' at the end begins a two-figure cell that is cut off"),
    ("bad triple", lambda: BOARD.decode(digits_from_text("190112")), CheckerboardError,
     "position 3: '112' is not a figure written three times"),
    ("figures never closed", lambda: BOARD.decode(digits_from_text("190111")), CheckerboardError,
     "position 1: figure mode opened with FIG '90' is never closed"),
    ("empty figures", lambda: BOARD.decode(digits_from_text("9090")), CheckerboardError,
     "position 0: figure mode closed with no figure"),
    ("stray after figures", lambda: BOARD.decode(digits_from_text("9011199")), CheckerboardError,
     "position 5: '99' is not a figure"),
    ("cut-off code group", lambda: BOARD.decode(digits_from_text("1012")), CheckerboardError,
     "position 1: CODE '0' needs a three-figure code group"),
    ("cell not on board", lambda: NO_SLASH.decode(digits_from_text("197")), CheckerboardError,
     "position 1: cell '97' is not on the board"),
    ("digit not a cell", lambda: NO_CODE.decode(digits_from_text("10")), CheckerboardError,
     "position 1: '0' is not a cell of the board"),
    ("value above 9", lambda: BOARD.decode(np.array([1, 12], dtype=np.uint8)), ArrayValueError,
     "12"),
    ("not an array", lambda: BOARD.decode([1, 2]), ArrayTypeError, "uint8"),
    ("short group", lambda: parse_groups("16617 1779"), CheckerboardError,
     "group 2, '1779', is not five figures"),
    ("letter in group", lambda: parse_groups("1661O"), CheckerboardError, "group 1, '1661O'"),
    ("not whole groups", lambda: format_groups(digits_from_text("1234567")), CheckerboardError,
     "7 digits are not whole five-figure groups (2 left over)"),
    ("bad keyword", lambda: Checkerboard.keyed("k9"), CheckerboardError,
     "position 1: a keyword is letters A-Z only, not '9'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each bad input raises its error, quoting the value and saying where."""
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)
    if not isinstance(raised.value, TypeError):
        assert isinstance(raised.value, CipherwireError)


def _cells(**changes: object) -> tuple[tuple[object, object], ...]:
    """The default board's cells with some changed (None removes a cell)."""
    cells: dict[object, object] = dict(BOARD.cells)
    for cell, symbol in changes.items():
        cells.pop(cell.removeprefix("c"), None)
        if symbol is not None:
            cells[cell.removeprefix("c")] = symbol
    return tuple(cells.items())


BAD_BOARDS: list[tuple[str, Callable[[], object], str]] = [
    ("symbol twice", lambda: Checkerboard(_cells(c97="A")),
     "'A' is on the board twice, in cells '1' and '97'"),
    ("three figures", lambda: Checkerboard((*BOARD.cells, ("100", "+"))),
     "one or two figures, not '100'"),
    ("cell twice", lambda: Checkerboard((*BOARD.cells, ("97", "+"))),
     "cell '97' is on the board twice"),
    ("one-figure cell begins another", lambda: Checkerboard(_cells(c7="+")),
     "cell '7' (+) begins cell '70' (B)"),
    ("letter missing", lambda: Checkerboard(_cells(c89=None)), "no cell for Z"),
    ("FIG of equal figures",
     lambda: Checkerboard(_cells(c90="+", c99=Mark.FIGURES, c97=Mark.SPACE)),
     "FIG is in cell '99'"),
    ("lower-case letter", lambda: Checkerboard(_cells(c97="a")), "cell '97' carries 'a'"),
    ("digit symbol", lambda: Checkerboard(_cells(c97="7")), "cell '97' carries '7'"),
    ("angle bracket", lambda: Checkerboard(_cells(c97="<")), "cell '97' carries '<'"),
    ("word symbol", lambda: Checkerboard(_cells(c97="SLASH")), "cell '97' carries 'SLASH'"),
    ("no header", lambda: Checkerboard.from_text("1 A\n"),
     "begins with '# cipherwire-checkerboard 1', not '1 A'"),
    ("empty file", lambda: Checkerboard.from_text(""), "not nothing"),
    ("bad line", lambda: Checkerboard.from_text(BOARD.to_text() + "97\n"),
     "line 39: expected a cell and its symbol"),
    ("unknown name", lambda: Checkerboard.from_text(BOARD.to_text().replace("97 /", "97 SLASH")),
     "line 36: 'SLASH' is neither"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "message"), [b[1:] for b in BAD_BOARDS], ids=[b[0] for b in BAD_BOARDS]
)
def test_bad_boards(make: Callable[[], object], message: str) -> None:
    """A board that could not be read back unambiguously is refused, naming the cell."""
    with pytest.raises(CheckerboardError) as raised:
        make()
    assert message in str(raised.value)


# -- the command line --------------------------------------------------------------------------


def test_cli_encode_decode(tmp_path: Path) -> None:
    """encode prints the hand-worked groups; decode - reads them from standard input."""
    encoded = run("checkerboard", "encode", "Attack at dawn", home=tmp_path)
    assert (encoded.returncode, encoded.stdout, encoded.stderr) == (
        0,
        "16617 17799 16997 21864\n",
        "",
    )
    piped = run("checkerboard", "decode", "-", home=tmp_path, stdin=encoded.stdout)
    assert piped.stdout == "ATTACK AT DAWN\n"
    assert not (tmp_path / "padbook.sqlite").exists()  # no pad step, no pad book


def test_cli_pad_round_trip(tmp_path: Path) -> None:
    """--pad enciphers with the pad book's pages (indicator first) and deciphers back."""
    pad = tmp_path / "class.sqlite"
    PadBook.create(pad, pages=5, seed=1950).close()
    sent = run("checkerboard", "encode", "-", "--pad", str(pad), home=tmp_path,
               stdin="Meet at the bridge at 1950\n")  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith("62674 ") and "NOT SECURE" in sent.stderr
    back = run("checkerboard", "decode", "-", "--pad", str(pad), home=tmp_path, stdin=sent.stdout)
    assert back.stdout == "MEET AT THE BRIDGE AT 1950\n"
    with PadBook.open(pad) as book:
        assert [p.to for p in book.status().ledger] == ["checkerboard message"]


def test_cli_board_file(tmp_path: Path) -> None:
    """show --keyword --file writes a board file that --board uses both ways."""
    shown = run("checkerboard", "show", "--keyword", "moscow", "--file", home=tmp_path)
    board = tmp_path / "moscow.txt"
    board.write_text(shown.stdout)
    assert Checkerboard.from_text(shown.stdout) == Checkerboard.keyed("MOSCOW")
    sent = run("checkerboard", "encode", "Moscow", "--board", str(board), home=tmp_path)
    assert sent.stdout == "70171 72173\n"
    back = run("checkerboard", "decode", "70171", "72173", "--board", str(board), home=tmp_path)
    assert back.stdout == "MOSCOW\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("encode", "café"), 1, "position 3: 'é' is not on the board"),
        (("decode", "16617", "1779"), 1, "group 2, '1779', is not five figures"),
        (("encode", "x", "--pad", "no-such.sqlite"), 2, "no such pad book"),
        (("decode", "16617", "--board", "no-such.txt"), 2, "no-such.txt: no such file"),
    ],
    ids=["text", "group", "pad", "board"],
)
def test_cli_errors(tmp_path: Path, args: tuple[str, ...], code: int, message: str) -> None:
    """Mistakes are one line on stderr and a non-zero exit, never a traceback."""
    assert_one_line_error(run("checkerboard", *args, home=tmp_path), code, message)
