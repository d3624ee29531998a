"""Tests for cipherwire.analysis.depth: intercepts, depths, finding them by indicator,
scoring findings."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.analysis.depth import (
    Depth,
    Intercepts,
    Score,
    Use,
    among,
    by_indicator,
    score,
    shared,
)
from cipherwire.analysis.plaintext import text_digit
from cipherwire.core import sub_mod10
from cipherwire.core.messages import MessageSet
from cipherwire.errors import AnalysisError
from tests.analysis.conftest import A_B, A_D, Hand

KEY_GROUPS = 59


def _stretch(hand: Hand, message: int, at: int, length: int) -> np.ndarray[Any, Any]:
    """The cable digits of groups ``at`` to ``at + length - 1`` of a message, as sent."""
    return hand.intercepts.groups[message][5 * at : 5 * (at + length)]


def _plain(hand: Hand, message: int, at: int, length: int) -> np.ndarray[Any, Any]:
    """The text figures under those groups."""
    start = text_digit(at)
    return hand.plain(message)[start : start + 5 * length]


# -- finding depths by indicator -----------------------------------------------------------


def test_by_indicator_finds_the_shared_pages(hand: Hand) -> None:
    """A's first page is B's and its second page D's: two depths, at the right groups; C,
    on another book, is in depth with nothing."""
    assert by_indicator(hand.intercepts) == [A_B, A_D]


@pytest.mark.parametrize("depth", [A_B, A_D], ids=["first page", "second page"])
def test_the_key_cancels_in_depth(hand: Hand, depth: Depth) -> None:
    """Over a depth C1 - C2 = P1 - P2, figure by figure."""
    c = sub_mod10(
        _stretch(hand, depth.first, depth.first_at, depth.length),
        _stretch(hand, depth.second, depth.second_at, depth.length),
    )
    p = sub_mod10(
        _plain(hand, depth.first, depth.first_at, depth.length),
        _plain(hand, depth.second, depth.second_at, depth.length),
    )
    np.testing.assert_array_equal(c, p)


def test_the_key_does_not_cancel_elsewhere(hand: Hand) -> None:
    """A's first page against C's (another book): C1 - C2 is not P1 - P2."""
    c = sub_mod10(_stretch(hand, 0, 1, 12), _stretch(hand, 2, 1, 12))
    p = sub_mod10(_plain(hand, 0, 1, 12), _plain(hand, 2, 1, 12))
    assert (c != p).mean() > 0.5


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ((1, 3), []),
        ((0, 2), []),
        ((2,), []),
        ((), []),
        ((1, 0), [Depth(0, 1, 1, 1, 14)]),
        ((3, 2, 0), [Depth(0, 2, 1, 61, 14)]),
    ],
    ids=[
        "same book, other pages",
        "other books",
        "one message",
        "no messages",
        "B then A",
        "D C A",
    ],
)
def test_by_indicator_on_subsets(
    hand: Hand, messages: tuple[int, ...], expected: list[Depth]
) -> None:
    """Pages of one book, messages on different books, one message or none: no depth; the
    messages are numbered in the order given."""
    groups = MessageSet.from_list([hand.intercepts.groups[m] for m in messages])
    assert by_indicator(Intercepts(groups)) == expected


@settings(max_examples=24, deadline=None)
@given(st.permutations(range(4)))
def test_by_indicator_follows_the_order_of_the_messages(hand: Hand, order: list[int]) -> None:
    """Listing the cables in another order finds the same depths, renumbered."""
    groups = MessageSet.from_list([hand.intercepts.groups[m] for m in order])
    found = by_indicator(Intercepts(groups))
    where = {m: i for i, m in enumerate(order)}
    renamed = {
        tuple(sorted(((where[d.first], d.first_at), (where[d.second], d.second_at))))
        for d in (A_B, A_D)
    }
    assert {((d.first, d.first_at), (d.second, d.second_at)) for d in found} == renamed
    assert found == sorted(found) and all(d.length == 14 for d in found)


def _message(groups: int, indicators: dict[int, int]) -> np.ndarray[Any, Any]:
    """A message of ``groups`` groups of random figures, with the given indicator values."""
    rng = np.random.default_rng(groups)
    values = rng.integers(0, 100_000, groups)
    for at, value in indicators.items():
        values[at] = value
    return np.array([int(c) for v in values.tolist() for c in f"{v:05d}"], dtype=np.uint8)


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (120, Depth(0, 0, 1, 61, 59, reverse=True)),
        (81, Depth(0, 0, 40, 61, 20, reverse=True)),
        (62, Depth(0, 0, 59, 61, 1, reverse=True)),
    ],
    ids=["whole page", "20 groups", "one group"],
)
def test_an_indicator_shown_twice_is_a_page_read_backwards(groups: int, expected: Depth) -> None:
    """A message that shows its first indicator again read that page backwards: its last
    key groups meet the second stretch's first."""
    digits = _message(groups, {0: 31415, 60: 31415})
    assert by_indicator(Intercepts(MessageSet.from_lengths(digits, [digits.size]))) == [expected]


def test_a_page_of_three_uses() -> None:
    """One indicator in three messages: every two of them are in depth."""
    lengths = (30, 60, 45)  # 29, 59 and 44 key groups
    digits = [_message(n, {0: 27182}) for n in lengths]
    found = by_indicator(Intercepts(MessageSet.from_list(digits)))
    assert found == [Depth(0, 1, 1, 1, 29), Depth(0, 2, 1, 1, 29), Depth(1, 2, 1, 1, 44)]


# -- shared and among ----------------------------------------------------------------------


@st.composite
def use_pairs(draw: st.DrawFn) -> tuple[Use, Use]:
    """Two uses of one page: different stretches; one message reads it again backwards."""
    one = Use(draw(st.integers(0, 3)), 60 * draw(st.integers(0, 3)), draw(st.integers(0, 59)))
    message = draw(st.integers(0, 3))
    at = 60 * draw(st.integers(0, 3).filter(lambda p: (message, 60 * p) != (one.message, one.at)))
    backwards = True if message == one.message else draw(st.booleans())
    other = Use(message, at, draw(st.integers(0, 59)), backwards)
    return (one, other) if draw(st.booleans()) else (other, one)


def _key_index(use: Use, group: int) -> int:
    """The key group of the page that a group of a use's stretch is enciphered with."""
    i = group - use.at - 1
    assert 0 <= i < use.length
    return KEY_GROUPS - 1 - i if use.backwards else i


@settings(max_examples=300, deadline=None)
@given(use_pairs())
def test_shared_pairs_groups_of_one_key_group(uses: tuple[Use, Use]) -> None:
    """The depth of two uses pairs groups enciphered with the same key group, as many as
    the uses share, whichever use is named first; None when they share none."""
    one, other = uses
    depth = shared(one, other)
    assert depth == shared(other, one)
    keys = [
        set(range(KEY_GROUPS - u.length, KEY_GROUPS)) if u.backwards else set(range(u.length))
        for u in uses
    ]
    common = len(keys[0] & keys[1])
    if common == 0:
        assert depth is None
        return
    assert depth is not None and depth.length == common
    assert depth.reverse == (one.backwards != other.backwards)
    for i in range(depth.length):
        g1 = depth.first_at + i
        g2 = depth.second_at + (depth.length - 1 - i if depth.reverse else i)
        u1, u2 = (
            next(u for u in uses if u.message == m and u.at < g <= u.at + u.length)
            for m, g in ((depth.first, g1), (depth.second, g2))
        )
        assert u1 is not u2 and _key_index(u1, g1) == _key_index(u2, g2)


def test_among_every_two_uses() -> None:
    """Three uses give three depths; a use of no key groups shares none."""
    uses = [Use(0, 0, 59), Use(1, 60, 10), Use(2, 0, 59, backwards=True), Use(3, 0, 0)]
    assert among(uses) == [
        Depth(0, 1, 1, 61, 10),
        Depth(0, 2, 1, 1, 59, reverse=True),
        Depth(1, 2, 61, 50, 10, reverse=True),
    ]
    assert among([]) == [] and among(uses[:1]) == []


# -- Depth -----------------------------------------------------------------------------------


@st.composite
def depths(draw: st.DrawFn) -> Depth:
    """Any valid depth."""
    first, second = sorted(draw(st.lists(st.integers(0, 10**6), min_size=2, max_size=2)))
    first_at, second_at = draw(st.integers(0, 10**4)), draw(st.integers(0, 10**4))
    reverse = draw(st.booleans())
    if first == second:
        reverse = True
        first_at, second_at = sorted((first_at, second_at + first_at + 1))
    return Depth(first, second, first_at, second_at, draw(st.integers(1, 59)), reverse)


@given(depths())
def test_json_round_trip(depth: Depth) -> None:
    """Depth.from_json(depth.to_json()) is the depth, through real JSON too."""
    assert Depth.from_json(json.loads(json.dumps(depth.to_json()))) == depth


def test_from_json_takes_forward_by_default() -> None:
    """A depth written without ``reverse`` is a forward one."""
    assert not Depth.from_json(
        {"first": 1, "second": 2, "first_at": 1, "second_at": 3, "length": 4}
    ).reverse


def test_key_leaves_out_the_length_and_depths_sort() -> None:
    """Findings are matched by messages, positions and sense, not length; sorting is by
    messages, then positions."""
    assert Depth(1, 2, 3, 4, 5).key == Depth(1, 2, 3, 4, 59).key == (1, 2, 3, 4, False)
    assert Depth(1, 2, 3, 4, 5).key != Depth(1, 2, 3, 4, 5, reverse=True).key
    unsorted = [Depth(2, 3, 1, 1, 5), Depth(0, 9, 61, 1, 5), Depth(0, 9, 1, 1, 5)]
    assert sorted(unsorted) == [unsorted[2], unsorted[1], unsorted[0]]


BAD_DEPTHS: list[tuple[str, Callable[[], object], str]] = [
    ("negative", lambda: Depth(-1, 2, 1, 1, 5), "(-1, 2, 1, 1, 5)"),
    ("float", lambda: Depth(0, 2.0, 1, 1, 5), "2.0"),  # type: ignore[arg-type]
    ("bool", lambda: Depth(0, 1, True, 1, 5), "True"),
    ("length 0", lambda: Depth(0, 1, 1, 1, 0), "not 0"),
    ("reverse 1", lambda: Depth(0, 1, 1, 1, 5, 1), "not 1"),  # type: ignore[arg-type]
    ("out of order", lambda: Depth(3, 2, 1, 1, 5), "3 group 1 then 2 group 1"),
    ("same stretch", lambda: Depth(3, 3, 7, 7, 5, True), "3 group 7 then 3 group 7"),
    ("itself forward", lambda: Depth(3, 3, 1, 61, 5), "message 3 cannot"),
    ("json list", lambda: Depth.from_json([1, 2]), "[1, 2]"),
    ("json missing", lambda: Depth.from_json({"first": 1}), "{'first': 1}"),
    ("json text", lambda: Depth.from_json("0,1"), "'0,1'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "quoted"), [b[1:] for b in BAD_DEPTHS], ids=[b[0] for b in BAD_DEPTHS]
)
def test_bad_depths(call: Callable[[], object], quoted: str) -> None:
    """Each malformed depth raises AnalysisError quoting what is wrong."""
    with pytest.raises(AnalysisError) as caught:
        call()
    assert quoted in str(caught.value)


# -- Intercepts ------------------------------------------------------------------------------


def test_intercepts_of_the_hand_made_cables(hand: Hand) -> None:
    """One message a cable part; groups as sent; the indicator values of the shared page."""
    i = hand.intercepts
    assert len(i) == 4 and i.group_counts.tolist() == [105, 15, 13, 15]
    message, at, length = i.pages()
    assert message.tolist() == [0, 0, 1, 2, 3] and at.tolist() == [0, 60, 0, 0, 0]
    assert length.tolist() == [59, 44, 14, 12, 14]
    values = i.group_values(message, at)
    assert values[0] == values[2] and values[1] == values[4]
    assert len({values[0], values[1], values[3]}) == 3
    assert f"{values[0]:05d}" == hand.cables[0].split("\n\n")[1][:5]


def test_intercepts_pages() -> None:
    """Page stretches of a 130-group message: indicators at 0, 60, 120; 59, 59, 9 key groups."""
    texts = [_cable(130), _cable(3)]
    message, at, length = Intercepts.from_texts(texts).pages()
    assert message.tolist() == [0, 0, 0, 1]
    assert at.tolist() == [0, 60, 120, 0]
    assert length.tolist() == [59, 59, 9, 2]


def test_no_intercepts() -> None:
    """No messages: no pages and no depth."""
    empty = Intercepts(MessageSet.from_texts([]))
    assert len(empty) == 0 and all(a.size == 0 for a in empty.pages())
    assert by_indicator(empty) == []


BAD_INTERCEPTS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("list", lambda: Intercepts([1, 2]), AnalysisError, "not list"),  # type: ignore[arg-type]
    ("array", lambda: Intercepts(np.zeros(10, np.uint8)), AnalysisError, "not ndarray"),  # type: ignore[arg-type]
    (
        "part group",
        lambda: Intercepts(MessageSet.from_texts(["1234512345", "1234567"])),
        AnalysisError,
        "message 1 has 7 digits",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "quoted"), [b[1:] for b in BAD_INTERCEPTS], ids=[b[0] for b in BAD_INTERCEPTS]
)
def test_bad_intercepts(call: Callable[[], object], error: type[Exception], quoted: str) -> None:
    """Intercepts are a MessageSet of whole five-figure groups; anything else is refused,
    quoting what it is."""
    with pytest.raises(error) as caught:
        call()
    assert quoted in str(caught.value)


def _cable(groups: int) -> str:
    """A printed cable of ``groups`` groups (all 12345)."""
    lines = [" ".join(["12345"] * min(10, groups - i)) for i in range(0, groups, 10)]
    return "\n".join(
        ["CABLE 1 PART 1 OF 1", "FROM: NEW YORK", "TO: MOSCOW", f"GROUPS: {groups}", "", *lines]
    )


# -- score -----------------------------------------------------------------------------------


def test_score_against_the_truth(hand: Hand) -> None:
    """By indicator on these cables: everything found is real and every depth is found."""
    found = score(by_indicator(hand.intercepts), [A_B, A_D])
    assert found == Score(2, 2, 2) and (found.precision, found.recall) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("found", "truth", "expected"),
    [
        ([], [], (0, 0, 0, 1.0, 1.0)),
        ([], [A_B], (0, 1, 0, 1.0, 0.0)),
        ([A_B], [], (1, 0, 0, 0.0, 1.0)),
        ([A_B, A_B], [A_B], (1, 1, 1, 1.0, 1.0)),
        ([Depth(0, 1, 1, 1, 3)], [A_B], (1, 1, 1, 1.0, 1.0)),
        ([A_B, A_D, Depth(1, 2, 1, 1, 5)], [A_B, Depth(2, 3, 1, 1, 5)], (3, 2, 1, 1 / 3, 0.5)),
    ],
    ids=["nothing", "none found", "none true", "twice", "other length", "mixed"],
)
def test_score_counts(
    found: list[Depth], truth: list[Depth], expected: tuple[int, int, int, float, float]
) -> None:
    """Findings count once each, matched by key; an empty side scores 1.0."""
    s = score(found, truth)
    assert (s.found, s.true, s.correct) == expected[:3]
    assert (s.precision, s.recall) == pytest.approx(expected[3:])
    assert json.loads(json.dumps(s.to_json()))["precision"] == pytest.approx(expected[3])


@given(st.lists(depths(), max_size=6), st.lists(depths(), max_size=6))
def test_score_is_bounded_and_symmetric(found: list[Depth], truth: list[Depth]) -> None:
    """Precision and recall lie in [0, 1]; swapping findings and truth swaps them."""
    s, t = score(found, truth), score(truth, found)
    assert 0 <= s.precision <= 1 and 0 <= s.recall <= 1
    assert (s.precision, s.recall) == (t.recall, t.precision)


def test_four_uses_of_one_indicator() -> None:
    """Every two of four uses of one indicator, forward, share a depth."""
    digits = [_message(30, {0: 11111}) for _ in range(4)]
    found = by_indicator(Intercepts(MessageSet.from_list(digits)))
    assert [(d.first, d.second) for d in found] == list(itertools.combinations(range(4), 2))
