"""Tests for cipherwire.analysis.stretch: the two messages of a depth over the stretch
they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.plaintext import Crib, Plain, check_groups, plains
from cipherwire.analysis.stretch import Side, Stretch, estimate
from cipherwire.codebook.book import Codebook
from cipherwire.core import sub_mod10
from cipherwire.core.messages import MessageSet
from cipherwire.errors import AnalysisError
from tests.analysis.conftest import A_B, A_D, Hand


def _plain(code: int, text_groups: int = 100) -> Plain:
    """A layout of ``code`` code figures, nothing known."""
    return Plain(text_groups, code, np.full(5 * text_groups + 10, -1, dtype=np.int8))


# -- Side --------------------------------------------------------------------------------------


def test_side_marks_group_ends() -> None:
    """A stretch from text figure 6 sees a group's last two figures, then whole groups,
    then the first figure of a group that runs on."""
    plain = Plain(20, 100, np.full(110, -1, dtype=np.int8))
    side = Side.of(plain, 6, 11)
    assert side.ends.tolist() == [0, 2, 0, 0, 0, 4, 0, 0, 0, 4, -1]


@pytest.mark.parametrize(
    ("start", "size", "ends"),
    [
        (0, 8, [0, 0, 0, 4, 0, 0, 0, 4]),
        (0, 2, [0, -2]),
        (1, 3, [0, 0, 3]),
        (1, 2, [0, 0]),
        (3, 1, [1]),
        (8, 10, [0, 0, 0, 4, 0, 0, 0, 0, 0, 0]),
        (0, 0, []),
    ],
    ids=["two whole", "runs on", "begun before", "inside one group", "one figure", "code ends",
         "empty"],
)  # fmt: skip
def test_side_ends_known_answers(start: int, size: int, ends: list[int]) -> None:
    """Whole groups end in 4; a group cut at the start ends in how many figures are seen,
    one cut at the end in minus that; past the code (12 figures), nothing."""
    side = Side.of(_plain(12), start, size)
    assert side.ends.tolist() == ends and side.ends.dtype == np.int8
    assert side.known.shape == (size,)


@given(st.integers(0, 60), st.integers(1, 40), st.integers(0, 25))
def test_side_ends_cover_the_code_figures(start: int, size: int, groups: int) -> None:
    """Each code figure of the stretch lies in exactly one group the ends count, unless
    one group holds both ends of the stretch; every count stays inside one code group."""
    code = 4 * groups
    side = Side.of(_plain(code), start, size)
    covered = np.zeros(size, dtype=int)
    for t, end in enumerate(side.ends.tolist()):
        if end > 0:
            assert (start + t) % 4 == 3 and end == min(4, t + 1)
            covered[t - end + 1 : t + 1] += 1
        elif end < 0:
            assert t == size - 1 and (start + t - (-end) + 1) % 4 == 0
            covered[t + end + 1 : t + 1] += 1
    in_code = start + np.arange(size) < code
    one_group = start // 4 == (start + size - 1) // 4 and start % 4 and (start + size) % 4
    if one_group and start + size <= code:
        assert covered.sum() == 0
    else:
        np.testing.assert_array_equal(covered, in_code.astype(int))


def test_side_copies_the_known_figures() -> None:
    """The known figures over the stretch are the layout's there, and a copy."""
    plain = plains(15, "01100")[0]
    side = Side.of(plain, 50, 20)
    np.testing.assert_array_equal(side.known, plain.known[50:70])
    side.known[0] = 9
    assert plain.known[50] == -1


# -- Stretch -----------------------------------------------------------------------------------


def _of(hand: Hand, depth: Depth, **options: Any) -> Stretch:
    checks = options.pop("checks", check_groups(hand.cables))
    return Stretch.of(
        hand.intercepts, depth, hand.book, checks=checks, cribs=options.pop("cribs", ())
    )


@pytest.mark.parametrize(
    ("depth", "starts", "shift"),
    [(A_B, (0, 0), 0), (A_D, (295, 0), 3)],
    ids=["aligned", "shifted"],
)
def test_stretch_of_a_depth(hand: Hand, depth: Depth, starts: tuple[int, int], shift: int) -> None:
    """D is C1 - C2 over the stretch, and so P1 - P2; the text figure where each stretch
    begins, and how the code groups sit."""
    s = _of(hand, depth)
    size = 5 * depth.length
    assert s.d.shape == (size,) and s.starts == starts and s.shift == shift
    for i, (m, at) in enumerate(((depth.first, depth.first_at), (depth.second, depth.second_at))):
        np.testing.assert_array_equal(
            s.ciphers[i], hand.intercepts.groups[m][5 * at : 5 * at + size]
        )
    np.testing.assert_array_equal(s.d, sub_mod10(*(c.astype(np.uint8) for c in s.ciphers)))
    p1 = hand.plain(depth.first)[starts[0] : starts[0] + size]
    p2 = hand.plain(depth.second)[:size]
    np.testing.assert_array_equal(s.d, sub_mod10(p1, p2))


def test_stretch_layouts_know_the_check_groups(hand: Hand) -> None:
    """Each message's layouts are plains() with its check group; without checks, unknown."""
    s = _of(hand, A_B)
    assert [(p.text_groups, p.code_digits) for p in s.options[1]] == [(12, 60), (12, 56)]
    assert s.options[1][0].known[-5:].tolist() == [0, 1, 1, 0, 0]
    blind = _of(hand, A_B, checks=None)
    assert blind.options[1][0].known[-5:].tolist() == [-1] * 5


def test_stretch_with_a_crib(hand: Hand) -> None:
    """A crib's figures are known in its message's layouts, not in the other's."""
    s = _of(hand, A_B, cribs=[Crib("THE SHIP", 0, 1)])
    assert s.options[0][0].known[:8].tolist() == hand.book.encode("THE SHIP").tolist()
    assert (s.options[1][0].known[:8] == -1).all()


def test_whole_groups(hand: Hand) -> None:
    """Code groups wholly in the stretch: 17 of A's (figures 0-67), all 15 of B's."""
    assert _of(hand, A_B).whole_groups() == 32


def _reverse() -> tuple[Intercepts, Depth]:
    """A message of 120 groups that read its page again backwards."""
    rng = np.random.default_rng(5)
    digits = rng.integers(0, 10, 600).astype(np.uint8)
    digits[300:305] = digits[0:5]  # the indicator again
    return Intercepts(MessageSet.from_lengths(digits, [600])), Depth(0, 0, 1, 61, 59, True)


def test_a_reverse_stretch_pairs_groups_last_first() -> None:
    """For a page read backwards, group k of D is the first stretch's group k less the
    second stretch's group L - 1 - k."""
    intercepts, depth = _reverse()
    s = Stretch.of(intercepts, depth, Codebook.default(), checks=None, cribs=())
    first, second = (c.reshape(-1, 5) for c in s.ciphers)
    np.testing.assert_array_equal(s.d.reshape(-1, 5), (first - second[::-1]) % 10)
    assert s.starts == (0, 295)


BAD: list[tuple[str, Callable[[Hand], object], str]] = [
    ("checks", lambda h: _of(h, A_B, checks=["01100"]), "1 check groups for 4 intercepts"),
    ("crib type", lambda h: _of(h, A_B, cribs=["THE@0:1"]), "not 'THE@0:1'"),
    (
        "crib message",
        lambda h: _of(h, A_B, cribs=[Crib("THE", 2, 1)]),
        "message 2 is not in this depth (messages 0 and 1)",
    ),
    ("no message", lambda h: _of(h, Depth(0, 9, 1, 1, 5)), "not among the 4 intercepts (0-3)"),
    ("indicator", lambda h: _of(h, replace(A_B, first_at=0)), "message 0: groups 0-13 are not"),
    ("two pages", lambda h: _of(h, Depth(0, 1, 50, 1, 14)), "of one page of its 105 groups"),
    ("past the end", lambda h: _of(h, Depth(0, 1, 1, 2, 14)), "message 1: groups 2-15 are not"),
]


@pytest.mark.parametrize(("call", "quoted"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_stretches(hand: Hand, call: Callable[[Hand], object], quoted: str) -> None:
    """Each depth or option that does not fit the intercepts raises AnalysisError saying
    what and where."""
    with pytest.raises(AnalysisError) as caught:
        call(hand)
    assert quoted in str(caught.value)


def test_a_count_that_fits_no_layout() -> None:
    """A message whose last page holds only its indicator fits no layout of the system."""
    digits = np.zeros(5 * 121, dtype=np.uint8)
    other = np.zeros(5 * 30, dtype=np.uint8)
    intercepts = Intercepts(MessageSet.from_list([digits, other]))
    with pytest.raises(AnalysisError, match="message 0: 121 groups fit no layout"):
        Stretch.of(intercepts, Depth(0, 1, 1, 1, 20), Codebook.default(), checks=None, cribs=())


# -- estimate ----------------------------------------------------------------------------------


def test_estimate_places_the_codes_read() -> None:
    """The chosen codes give the figures of the stretch, with their probability; groups
    outside it are left out, and known figures stay where no code covers them."""
    plain = _plain(40)
    known = plain.known.copy()
    known[12] = 7
    side = Side.of(Plain(plain.text_groups, 40, known), 4, 9)
    digits, sure = estimate(
        side, 4, np.array([1, 2, 3]), np.array([1111, 1234, 5678]), np.array([0.3, 0.5, 0.9])
    )
    assert digits.tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 7]
    assert sure.tolist() == [0.5] * 4 + [0.9] * 4 + [1.0]
    none = estimate(side, 4, np.array([], dtype=np.int64), np.array([], dtype=np.int64),
                    np.array([], dtype=np.float64))  # fmt: skip
    assert none[0].tolist() == [0] * 8 + [7] and none[1].tolist() == [0.0] * 8 + [1.0]
