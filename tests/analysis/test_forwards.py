"""Tests for cipherwire.analysis.forwards: the code-group tables, the shifted windows,
the posterior of a forward depth (against brute force), the choice of each code group, and
the reading of the clerk's own depths."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth
from cipherwire.analysis.forwards import (
    SPACE,
    Choice,
    Posterior,
    Tables,
    choose,
    posterior,
    read_forward,
    shifted,
    shifted_rows,
)
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Plain, check_groups
from cipherwire.analysis.stretch import WEIGHTS, Contradiction, Side, Stretch
from cipherwire.errors import AnalysisError
from tests.analysis.conftest import A_B, A_D, Hand

FIGURES = (np.arange(SPACE)[:, None] // WEIGHTS) % 10  # (10000, 4): each value's figures


@pytest.fixture(scope="module")
def tables() -> Tables:
    """The tables of the shipped code model."""
    return Tables.of(CodeModel.default().windows[0])


# -- the tables and the shifted windows ------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_tables_marginals_sum_the_groups(seed: int) -> None:
    """marginals[m] is the probability of a group's last m figures, marginals[-m] of its
    first m, each a distribution when p is one."""
    p = np.random.default_rng(seed).random(SPACE) ** 3 + 1e-6
    p /= p.sum()
    t = Tables.of(p)
    np.testing.assert_array_equal(t.p, p)
    for m in (1, 2, 3):
        last = np.zeros(10**m)
        np.add.at(last, np.arange(SPACE) % 10**m, p)
        first = np.zeros(10**m)
        np.add.at(first, np.arange(SPACE) // 10 ** (4 - m), p)
        np.testing.assert_allclose(t.marginals[m], last, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(t.marginals[-m], first, rtol=1e-12, atol=1e-15)
        assert t.marginals[m].sum() == pytest.approx(1.0) and t.marginals[m].shape == (10**m,)


@given(st.lists(st.integers(0, 9), min_size=4, max_size=4))
def test_shifted_subtracts_figure_by_figure(window: list[int]) -> None:
    """shifted(w)[v] is v - w figure by figure, mod 10: a permutation of the values, the
    identity for w = 0000, and shifted_rows does many windows at once."""
    w = np.array(window, dtype=np.int64)
    out = shifted(w)
    np.testing.assert_array_equal(FIGURES[out], (FIGURES - w) % 10)
    assert np.array_equal(np.sort(out), np.arange(SPACE))
    rows = shifted_rows(np.stack([w, np.zeros(4, dtype=np.int64)]))
    np.testing.assert_array_equal(rows[0], out)
    np.testing.assert_array_equal(rows[1], np.arange(SPACE))


def test_shifted_known_answer() -> None:
    """1234 less 0019 is 1225; 0000 less 0001 is 0009."""
    assert shifted(np.array([0, 0, 1, 9]))[1234] == 1225
    assert shifted(np.array([0, 0, 0, 1]))[0] == 9


def _brute_force(
    d: NDArray[np.int64], sides: tuple[Side, Side], p: NDArray[np.float64]
) -> dict[int, NDArray[np.float64]]:
    """Every first plaintext of the stretch, scored directly: the reference."""
    size = d.size
    plain = (np.arange(10**size)[:, None] // 10 ** np.arange(size - 1, -1, -1)) % 10
    tables = Tables.of(p)
    score = np.ones(10**size)
    for i, side in enumerate(sides):
        mine = plain if i == 0 else (plain - d) % 10
        for t in range(size):
            if side.known[t] >= 0:
                score *= mine[:, t] == side.known[t]
            end = int(side.ends[t])
            if end:
                m = abs(end)
                value = mine[:, t - m + 1 : t + 1] @ (10 ** np.arange(m - 1, -1, -1))
                score *= p[value] if end == 4 else tables.marginals[end][value]
    out = {}
    for t in range(size):
        m = min(4, t + 1)
        last = plain[:, t - m + 1 : t + 1] @ (10 ** np.arange(m - 1, -1, -1))
        out[t] = np.bincount(last, weights=score, minlength=10**m) / score.sum()
    return out


@pytest.mark.parametrize(("first", "second"), [(0, 0), (0, 295), (590, 1), (3, 6), (2, 9)])
def test_posterior_matches_brute_force(first: int, second: int) -> None:
    """Forward-backward gives the posterior that scoring all 10**5 plaintexts gives."""
    rng = np.random.default_rng(first * 31 + second)
    p = rng.random(10_000) ** 4 + 1e-3
    p /= p.sum()
    size = 5
    layout = Plain(200, 800, np.full(1010, -1, dtype=np.int8))
    known = layout.known.copy()
    known[second + 4] = 7  # one known figure of the second message
    sides = (Side.of(layout, first, size), Side.of(Plain(200, 800, known), second, size))
    d = rng.integers(0, 10, size).astype(np.int64)
    post = posterior(d, *sides, Tables.of(p))
    expected = _brute_force(d, sides, p)
    assert post.at
    for t, got in post.at.items():
        m = min(4, t + 1)
        folded = np.bincount(np.arange(10_000) % 10**m, weights=got, minlength=10**m)
        np.testing.assert_allclose(folded, expected[t], atol=1e-9)


def test_posterior_reports_contradiction() -> None:
    """Known figures of both messages that disagree with D leave no reading."""
    known = np.full(510, -1, dtype=np.int8)
    known[:5] = 0
    layout = Plain(100, 400, known)
    side = Side.of(layout, 0, 5)
    d = np.array([0, 0, 1, 0, 0], dtype=np.int64)  # P1 - P2 cannot be 1 where both are 0
    with pytest.raises(Contradiction):
        posterior(d, side, side, Tables.of(np.full(10_000, 1e-4)))


# -- choose ------------------------------------------------------------------------------------


def _point(value: int) -> NDArray[np.float64]:
    out = np.zeros(SPACE)
    out[value] = 1.0
    return out


def test_choose_a_whole_group(tables: Tables) -> None:
    """A whole group takes the likeliest value of the posterior; the second message's
    group is that value less D's window there."""
    post = Posterior({3: 0.2 * _point(1234) + 0.8 * _point(8415)}, 0.0)
    d = np.array([0, 0, 1, 9], dtype=np.int64)
    assert choose(post, d, 3, 4, second=False, tables=tables) == Choice(8415, 0.8)
    assert choose(post, d, 3, 4, second=True, tables=tables) == Choice(8406, 0.8)


def test_choose_a_cut_group() -> None:
    """A group of which only the last two figures are seen is the likeliest code ending in
    them, with its share of their probability."""
    p = np.full(SPACE, 1.0)
    p[5634], p[7734] = 50.0, 30.0
    p /= p.sum()
    tables = Tables.of(p)
    post = Posterior({1: _point(34)}, 0.0)
    got = choose(post, np.zeros(2, dtype=np.int64), 1, 2, second=False, tables=tables)
    assert got.code == 5634
    assert got.confidence == pytest.approx(p[5634] / tables.marginals[2][34])
    first = choose(Posterior({1: _point(56)}, 0.0), np.zeros(2, dtype=np.int64), 1, -2,
                   second=False, tables=tables)  # fmt: skip
    assert first.code == 5634 and 0 < first.confidence < 1


# -- read_forward on the clerk's cables ------------------------------------------------------


def _truth(hand: Hand, message: int) -> NDArray[np.int64]:
    out: NDArray[np.int64] = hand.code[message].reshape(-1, 4).astype(np.int64) @ WEIGHTS
    return out


@pytest.mark.parametrize(
    ("depth", "exact"),
    [(A_B, [15, 16, 17]), (A_D, [90, 91])],
    ids=["aligned", "shifted"],
)
def test_read_forward_is_exact_under_the_closing(
    hand: Hand, tables: Tables, depth: Depth, exact: list[int]
) -> None:
    """Where the short message's filler and closing groups lie, the long message's code
    groups are read right and sure; every group of the stretch is read, in order."""
    stretch = Stretch.of(
        hand.intercepts, depth, hand.book, checks=check_groups(hand.cables), cribs=()
    )
    found = read_forward(stretch, tables)
    assert found is not None
    sides, picks = found
    groups, codes, confidence, whole = picks[0]
    truth = _truth(hand, depth.first)
    for g in exact:
        (i,) = np.flatnonzero(groups == g)
        assert codes[i] == truth[g - 1] and confidence[i] > 0.999 and whole[i]
    for side, (g, c, p, w) in zip(sides, picks, strict=True):
        assert g.tolist() == list(range(g[0], g[0] + g.size))
        assert ((p > 0) & (p <= 1 + 1e-9)).all() and ((c >= 0) & (c < SPACE)).all()
        assert w.sum() == (side.ends == 4).sum()
    short = hand.code[depth.second].size  # the true layout is the one chosen
    assert (sides[1].known[short : 5 * 12] == 0).all()


def test_read_forward_finds_no_reading_of_a_false_depth(hand: Hand, tables: Tables) -> None:
    """B and D (different pages) as if in depth: their closing groups cannot both hold."""
    checks = check_groups(hand.cables)
    stretch = Stretch.of(hand.intercepts, Depth(1, 3, 1, 1, 14), hand.book, checks=checks, cribs=())
    assert read_forward(stretch, tables) is None


def test_read_forward_without_checks_still_reads(hand: Hand, tables: Tables) -> None:
    """Without the check groups the end group and filler still fix figures."""
    stretch = Stretch.of(hand.intercepts, A_B, hand.book, checks=None, cribs=())
    found = read_forward(stretch, tables)
    assert found is not None
    groups, codes, confidence, _ = found[1][0]
    (i,) = np.flatnonzero(groups == 16)
    assert codes[i] == _truth(hand, 0)[15] and confidence[i] > 0.999


BAD_TABLES: list[tuple[str, Any, str]] = [
    ("short", np.full(10, 0.1), "shape (10,)"),
    ("2-d", np.full((100, 100), 1e-4), "shape (100, 100)"),
    ("zero", np.r_[np.full(7, 1e-4), 0.0, np.full(SPACE - 8, 1e-4)], "p[7] is 0.0"),
    ("nan", np.full(SPACE, np.nan), "p[0] is nan"),
]


@pytest.mark.parametrize(
    ("p", "quoted"), [b[1:] for b in BAD_TABLES], ids=[b[0] for b in BAD_TABLES]
)
def test_tables_refuse(p: Any, quoted: str) -> None:
    """Code-group probabilities are 10,000 positive numbers; anything else is refused,
    quoting the shape or the first bad value."""
    with pytest.raises(AnalysisError, match=re.escape(quoted)):
        Tables.of(p)
