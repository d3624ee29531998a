"""Tests for cipherwire.analysis.backwards: reading a reverse depth, pair of groups by pair
of groups."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from cipherwire.analysis.backwards import Pieces, prior, read_backwards, read_reverse
from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Crib, Plain, check_groups
from cipherwire.analysis.stretch import WEIGHTS, Contradiction, Stretch
from cipherwire.codebook.book import Codebook
from cipherwire.venona.traffic import TrafficPlan, generate


@dataclass(frozen=True)
class Reversed:
    """Three messages whose clerks went on with their first page read backwards."""

    intercepts: Intercepts
    depths: tuple[Depth, ...]
    checks: tuple[str, ...]
    truth: tuple[NDArray[np.int64], ...]  # each message's code groups as numbers


@pytest.fixture(scope="module")
def reversed_traffic(tmp_path_factory: pytest.TempPathFactory) -> Reversed:
    """Messages of 110-118 text groups on one link, every clerk making the reverse fault."""
    plan = TrafficPlan(messages=3, links=1, groups=(110, 118), reverse_fraction=1.0, seed=11)
    traffic = generate(plan, tmp_path_factory.mktemp("backwards") / "t")
    assert traffic.messages is not None and traffic.depths is not None
    book = Codebook.default()
    truth = tuple(
        book.encode(m.text).reshape(-1, 4).astype(np.int64) @ WEIGHTS for m in traffic.messages
    )
    return Reversed(traffic.intercepts(), traffic.depths, check_groups(traffic.cables), truth)


@pytest.fixture(scope="module")
def model() -> CodeModel:
    """The shipped code model."""
    return CodeModel.default()


def _stretch(r: Reversed, depth: Depth, cribs: tuple[Crib, ...] = ()) -> Stretch:
    return Stretch.of(r.intercepts, depth, Codebook.default(), checks=r.checks, cribs=cribs)


@settings(deadline=None, max_examples=50)
@given(st.integers(0, 40), st.integers(-8, 3), st.lists(st.integers(-1, 9), min_size=5, max_size=5))
def test_window_prior_is_a_distribution(at: int, cut: int, known: list[int]) -> None:
    """A window's prior sums to 1 when only figures past the code are known (they are
    certain), and to the code model's probability of the known code figures otherwise."""
    fives = CodeModel.default().fives
    code = max(0, 4 * ((at + cut) // 4 + 1))  # the code ends before, within or after it
    plain = Plain(100, code, np.full(510, -1, dtype=np.int8))
    figures = np.array(known, dtype=np.int8)
    row = prior(fives, plain, figures, at)
    inside = min(max(code - at, 0), 5)  # code figures in the window
    head = fives[at % 4].reshape((10,) * 5)
    index = tuple(int(k) if k >= 0 else slice(None) for k in figures[:inside]) + (slice(None),) * (
        5 - inside
    )
    assert row.sum() == pytest.approx(float(head[index].sum()))
    assert (row >= 0).all() and row.shape == (10**5,)


@pytest.mark.parametrize(
    ("at", "code", "known"),
    [(0, 400, [-1] * 5), (7, 400, [-1] * 5), (0, 400, [8, -1, -1, -1, 5]), (398, 400, [-1] * 5),
     (400, 400, [0, 0, 0, 0, 3])],
    ids=["phase 0", "phase 3", "two known", "code ends inside", "closing"],
)  # fmt: skip
def test_window_prior_known_answers(at: int, code: int, known: list[int]) -> None:
    """Inside the code the prior is the model's window frequencies at the window's phase,
    masked by the known figures; past the code, uniform where not known."""
    fives = CodeModel.default().fives
    figures = np.array(known, dtype=np.int8)
    row = prior(fives, Plain(100, code, np.full(510, -1, dtype=np.int8)), figures, at)
    values = np.arange(10**5)
    digits = (values[:, None] // 10 ** np.arange(4, -1, -1)) % 10
    mask = np.all((figures < 0) | (digits == figures), axis=1)
    inside = max(0, min(code - at, 5))
    head = fives[at % 4].reshape(10**inside, -1).sum(axis=1)[values // 10 ** (5 - inside)]
    unknown = int((figures[inside:] < 0).sum())
    np.testing.assert_allclose(row, np.where(mask, head / 10**unknown, 0.0), rtol=1e-12)


def test_pieces_fold_a_window_into_its_code_groups() -> None:
    """A window from text figure 2 holds the last two figures of code group 1 and the first
    three of group 2; the code's end cuts the last window short."""
    post = np.zeros(10**5)
    post[12345] = 0.75
    post[99999] = 0.25
    pieces = Pieces({})
    pieces.add(post, 2, 40)
    (one,), (two,) = pieces.parts[1], pieces.parts[2]
    assert one[:2] == (2, 2) and two[:2] == (0, 3)
    assert (one[2][12], one[2][99], two[2][345], two[2][999]) == (0.75, 0.25, 0.75, 0.25)
    assert one[2].sum() == pytest.approx(1.0) and two[2].shape == (1000,)
    end = Pieces({})
    end.add(post, 38, 40)  # figures 38, 39 of the code, then filler
    assert list(end.parts) == [10] and end.parts[10][0][:2] == (2, 2)


def test_read_reverse_is_exact_under_the_closing(
    reversed_traffic: Reversed, model: CodeModel
) -> None:
    """Where the backwards stretch ends with the closing groups, the first stretch's code
    groups meeting them are read right and sure."""
    counts = reversed_traffic.intercepts.group_counts
    closing = [d for d in reversed_traffic.depths if d.second_at + d.length == counts[d.second]]
    assert len(closing) == 2
    for depth in closing:
        found = read_reverse(
            _stretch(reversed_traffic, depth), model.fives, model.windows[0], same=True
        )
        assert found is not None
        _, picks = found
        groups, codes, confidence, whole = picks[0]
        truth = reversed_traffic.truth[depth.first]
        start = 5 * (depth.first_at - 1)  # text figure of the first stretch
        under = [g for g in groups.tolist() if start <= 4 * (g - 1) and 4 * g <= start + 10]
        assert under
        for g in under:
            (i,) = np.flatnonzero(groups == g)
            assert codes[i] == truth[g - 1] and confidence[i] > 0.999 and whole[i]
        for g, c, p, w in picks:
            assert g.tolist() == sorted(g.tolist()) and ((p > 0) & (p <= 1 + 1e-9)).all()
            assert ((c >= 0) & (c < 10**4)).all() and w.dtype == np.bool_


def test_read_backwards_scores_are_distributions(
    reversed_traffic: Reversed, model: CodeModel
) -> None:
    """Under one layout: each code group's posterior sums to 1, the evidence is finite."""
    depth = reversed_traffic.depths[1]
    s = _stretch(reversed_traffic, depth)
    plains = (s.options[0][0], s.options[1][0])
    sides = (s.side(0, plains[0]), s.side(1, plains[1]))
    b = read_backwards(s.d, plains, sides, s.starts, model.fives, model.windows[0])
    assert np.isfinite(b.evidence)
    for groups, scores, whole in zip(b.groups, b.scores, b.whole, strict=True):
        assert scores.shape == (groups.size, 10**4) and whole.shape == groups.shape
        np.testing.assert_allclose(scores.sum(axis=1), 1.0)


def test_a_wrong_crib_against_the_closing_leaves_no_reading(
    reversed_traffic: Reversed, model: CodeModel
) -> None:
    """A crib on a group that meets the closing groups, and is not the word there, cannot
    hold: read_backwards signals a contradiction, read_reverse finds no reading."""
    depth = reversed_traffic.depths[1]
    g = (5 * (depth.first_at - 1)) // 4 + 2  # wholly under the closing groups
    book = Codebook.default()
    truth = reversed_traffic.truth[depth.first][g - 1]
    wrong = next(w for w in ("THE", "AND", "OF") if int(book.lookup(w)) != truth)
    s = _stretch(reversed_traffic, depth, (Crib(wrong, depth.first, g),))
    assert read_reverse(s, model.fives, model.windows[0], same=True) is None
    plains = (s.options[0][0], s.options[1][0])
    with pytest.raises(Contradiction):
        read_backwards(s.d, plains, (s.side(0, plains[0]), s.side(1, plains[1])), s.starts,
                       model.fives, model.windows[0])  # fmt: skip
    right = _stretch(
        reversed_traffic, depth, (Crib(book.decode_groups(_digits(truth)).text, depth.first, g),)
    )
    assert read_reverse(right, model.fives, model.windows[0], same=True) is not None


def _digits(code: int) -> NDArray[np.uint8]:
    return np.array([int(c) for c in f"{code:04d}"], dtype=np.uint8)
