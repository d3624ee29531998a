"""Tests for cipherwire.analysis.plaintext: the layouts of a cable part, the check groups,
cribs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.analysis.plaintext import (
    Crib,
    Plain,
    check_groups,
    plains,
    text_digit,
    with_cribs,
)
from cipherwire.codebook.book import Codebook
from cipherwire.errors import AnalysisError
from tests.analysis.conftest import Hand

# -- the layouts of a part -----------------------------------------------------------------


@given(st.integers(0, 3000))
def test_plains_contain_the_layout_of_every_code_length(groups: int) -> None:
    """For every code length the layouts of its cable's group count include the true one."""
    code = 4 * groups
    n = -(-code // 5)
    pages = -(-(n + 2) // 59)
    found = plains(n + 2 + pages, None)
    assert any(p.code_digits == code for p in found)
    assert all(p.text_groups == n and p.known[5 * n + 4] == 5 * n - p.code_digits for p in found)


@pytest.mark.parametrize("count", [0, 1, 2, 61, 121])
def test_plains_refuse_counts_no_cable_has(count: int) -> None:
    """Group counts that leave a page with only its indicator fit no layout."""
    assert plains(count, None) == []


@pytest.mark.parametrize(
    ("count", "layouts"),
    [(3, [(0, 0)]), (4, [(1, 4)]), (7, [(4, 20), (4, 16)]), (15, [(12, 60), (12, 56)]),
     (105, [(101, 504)]), (62, [(58, 288)]), (63, [(59, 292)]), (64, [(60, 300), (60, 296)])],
    ids=["no text", "one group", "four groups", "one page", "two pages", "check on page 2",
         "closing on page 2", "sixty text groups"],
)  # fmt: skip
def test_plains_known_answers(count: int, layouts: list[tuple[int, int]]) -> None:
    """Text groups and code figures of each layout: the indicators and the two closing
    groups come off the count; a multiple of 4 text groups may end in 0 or 4 filler."""
    assert [(p.text_groups, p.code_digits) for p in plains(count, None)] == layouts


@given(st.integers(3, 2000), st.text(alphabet="0123456789", min_size=5, max_size=5) | st.none())
def test_plains_know_filler_closing_and_check(count: int, check: str | None) -> None:
    """Each layout knows its filler (zeros), its end group 0000F and the check group when
    given, and nothing of the code."""
    for p in plains(count, check):
        n, code = p.text_groups, p.code_digits
        assert p.known.dtype == np.int8 and p.known.shape == (5 * (n + 2),)
        assert (p.known[:code] == -1).all() and (p.known[code : 5 * n] == 0).all()
        assert p.known[5 * n : 5 * n + 5].tolist() == [0, 0, 0, 0, 5 * n - code]
        tail = p.known[5 * n + 5 :].tolist()
        assert tail == ([-1] * 5 if check is None else [int(c) for c in check])
        assert code % 4 == 0 and 0 <= 5 * n - code <= 4


def test_the_true_layout_is_among_the_plains(hand: Hand) -> None:
    """For each of the clerk's cables, one layout has its code length and agrees with its
    deciphered text figures wherever it knows one."""
    checks = check_groups(hand.cables)
    for m in range(4):
        found = plains(int(hand.intercepts.group_counts[m]), checks[m])
        truth = hand.plain(m)
        (mine,) = [p for p in found if p.code_digits == hand.code[m].size]
        known = mine.known >= 0
        np.testing.assert_array_equal(mine.known[known], truth[known])


@pytest.mark.parametrize("check", ["12", "1234567", "12a45", "", 12345], ids=repr)
def test_plains_refuse_a_check_group_that_is_not_five_figures(check: object) -> None:
    """A check group is five figures 0-9; anything else is refused, quoted."""
    with pytest.raises(AnalysisError) as caught:
        plains(15, check)  # type: ignore[arg-type]
    assert f"not {check!r}" in str(caught.value)


# -- check groups and text figures -----------------------------------------------------------


def test_check_groups_are_what_the_last_group_deciphers_to(hand: Hand) -> None:
    """The check group from each preamble is each message's last text figures."""
    checks = check_groups(hand.cables)
    assert checks == ("01100",) * 4  # number 1-1, no day filed
    for m in range(4):
        assert "".join(map(str, hand.plain(m)[-5:].tolist())) == checks[m]


def test_check_groups_of_a_cable_of_two_parts(seed_cable: str) -> None:
    """One check group a part, from its number and the day filed (7 December 1950)."""
    assert check_groups([seed_cable]) == ("69107", "69207")
    assert check_groups([seed_cable, seed_cable]) == ("69107", "69207") * 2


@pytest.mark.parametrize(
    ("at", "figure"),
    [(1, 0), (2, 5), (59, 290), (61, 295), (62, 300), (121, 590)],
    ids=["first key group", "second", "last of page 1", "first of page 2", "second of page 2",
         "first of page 3"],
)  # fmt: skip
def test_text_digit(at: int, figure: int) -> None:
    """The text figure where a key group begins: the indicators take no text."""
    assert text_digit(at) == figure


@given(st.integers(1, 10**5))
def test_text_digit_steps_by_a_group(at: int) -> None:
    """The next key group begins five figures on, past an indicator too."""
    step = 2 if (at + 1) % 60 == 0 else 1
    assert text_digit(at + step) == text_digit(at) + 5


# -- cribs -----------------------------------------------------------------------------------


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ .@", min_size=1).filter(str.strip),
    st.integers(0, 10**6),
    st.integers(1, 10**6),
)
def test_crib_text_round_trip(text: str, message: int, group: int) -> None:
    """Crib.from_text(crib.to_text()) gives the crib back."""
    crib = Crib(text.strip(), message, group)
    assert Crib.from_text(crib.to_text()) == crib


@pytest.mark.parametrize(
    ("text", "crib"),
    [
        ("THE@12:40", Crib("THE", 12, 40)),
        ("  THE FOLLOWING @ 12:40 ", None),
        (" THE FOLLOWING @12:40 ", Crib("THE FOLLOWING", 12, 40)),
        ("A@B@1:2", Crib("A@B", 1, 2)),
        ("THE@0:1", Crib("THE", 0, 1)),
    ],
    ids=["word", "space before number", "phrase", "at sign in text", "message 0"],
)
def test_crib_from_text(text: str, crib: Crib | None) -> None:
    """TEXT@MESSAGE:GROUP, the text stripped, the last @ before the numbers."""
    if crib is None:
        with pytest.raises(AnalysisError, match="TEXT@MESSAGE:GROUP"):
            Crib.from_text(text)
    else:
        assert Crib.from_text(text) == crib


BAD_CRIBS: list[tuple[str, Callable[[], object], str]] = [
    ("no text", lambda: Crib("  ", 1, 1), "not '  '"),
    ("bytes", lambda: Crib(b"THE", 1, 1), "not b'THE'"),  # type: ignore[arg-type]
    ("message -1", lambda: Crib("THE", -1, 1), "message is a whole number, not -1"),
    ("message bool", lambda: Crib("THE", True, 1), "not True"),
    ("group 1.0", lambda: Crib("THE", 1, 1.0), "group is a whole number, not 1.0"),  # type: ignore[arg-type]
    ("group 0", lambda: Crib("THE", 1, 0), "numbered from 1, not 0"),
    ("form", lambda: Crib.from_text("THE"), "not 'THE'"),
    ("no group", lambda: Crib.from_text("THE@12"), "not 'THE@12'"),
    ("group 0 text", lambda: Crib.from_text("THE@1:0"), "numbered from 1, not 0"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "quoted"), [b[1:] for b in BAD_CRIBS], ids=[b[0] for b in BAD_CRIBS]
)
def test_bad_cribs(call: Callable[[], object], quoted: str) -> None:
    """Each malformed crib raises AnalysisError quoting the value."""
    with pytest.raises(AnalysisError) as caught:
        call()
    assert quoted in str(caught.value)


def _layouts() -> list[Plain]:
    """The two layouts of a part of 15 groups: 15 code groups, or 14 and 4 filler."""
    return plains(15, "01100")


def test_with_cribs_fixes_the_figures_of_the_crib() -> None:
    """A crib's code figures are known from its group on, in every layout it fits."""
    book = Codebook.default()
    found = with_cribs(_layouts(), [Crib("THE SHIP", 1, 2)], book, 0, 70)
    assert len(found) == 2
    for before, after in zip(_layouts(), found, strict=True):
        assert after.known[4:12].tolist() == book.encode("THE SHIP").tolist()
        rest = np.r_[0:4, 12:70]
        np.testing.assert_array_equal(after.known[rest], before.known[rest])
        assert (after.text_groups, after.code_digits) == (before.text_groups, before.code_digits)
    assert with_cribs(_layouts(), [], book, 0, 70)[0].known.tolist() == _layouts()[0].known.tolist()


def test_with_cribs_drops_layouts_too_short() -> None:
    """A crib on code group 15 fits only the layout of 15 code groups."""
    found = with_cribs(_layouts(), [Crib("THE", 1, 15)], Codebook.default(), 0, 70)
    assert [p.code_digits for p in found] == [60]


def test_two_cribs_that_agree() -> None:
    """Cribs that overlap on the same figures are both kept."""
    book = Codebook.default()
    found = with_cribs(_layouts(), [Crib("THE SHIP", 1, 1), Crib("SHIP", 1, 2)], book, 0, 70)
    assert found[0].known[:8].tolist() == book.encode("THE SHIP").tolist()


@pytest.mark.parametrize(
    ("cribs", "start", "size", "quoted"),
    [
        ([Crib("THE", 1, 16)], 0, 70, "crib 'THE@1:16': message 1 has only 15 code groups"),
        ([Crib("THE SHIP", 1, 15)], 0, 70, "has only 15 code groups"),
        ([Crib("THE", 1, 1)], 20, 20, "crib 'THE@1:1' lies outside the depth (code groups 6-10"),
        ([Crib("THE", 1, 11)], 20, 20, "lies outside the depth"),
        ([Crib("THE", 1, 3), Crib("USA", 1, 3)], 0, 70, "crib 'USA@1:3' contradicts another"),
    ],
    ids=["past the end", "runs past the end", "before the stretch", "after the stretch", "clash"],
)
def test_with_cribs_refuses(cribs: list[Crib], start: int, size: int, quoted: str) -> None:
    """A crib past the message's code, outside the stretch, or against another crib is
    an AnalysisError quoting the crib and saying where."""
    with pytest.raises(AnalysisError) as caught:
        with_cribs(_layouts(), cribs, Codebook.default(), start, size)
    assert quoted in str(caught.value)
