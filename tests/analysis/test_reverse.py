"""Tests for cipherwire.analysis.reverse: finding a page read forward, then backwards."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cipherwire.analysis.depth import Depth, Intercepts, Use, by_indicator, shared
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.reverse import candidates, reversed_pages
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError
from cipherwire.venona.folder import Traffic
from cipherwire.venona.traffic import TrafficPlan, generate
from tests.analysis.conftest import Hand


@pytest.fixture(scope="module")
def model() -> CodeModel:
    """The shipped default model."""
    return CodeModel.default()


@pytest.fixture(scope="module")
def reversing(tmp_path_factory: pytest.TempPathFactory) -> Traffic:
    """200 messages, a third of the clerks reading their first page again backwards."""
    plan = TrafficPlan(messages=200, links=2, reverse_fraction=0.35, seed=8)
    return generate(plan, tmp_path_factory.mktemp("reverse") / "t")


def test_candidates_are_full_pages_followed_on(reversing: Traffic) -> None:
    """The candidates are the full stretches followed by another of the same message."""
    intercepts = reversing.intercepts()
    message, _, length = intercepts.pages()
    expected = [
        i
        for i in range(message.size - 1)
        if message[i] == message[i + 1] and length[i] == GROUPS_PER_PAGE - 1 and length[i + 1] > 0
    ]
    assert candidates(intercepts).tolist() == expected


def test_reversed_pages_are_real(reversing: Traffic, model: CodeModel) -> None:
    """The reverse test finds reversed pages within messages, at most one of them wrong."""
    intercepts = reversing.intercepts()
    assert reversing.depths is not None
    truth = {d.key for d in reversing.depths}
    tests = int(candidates(intercepts).size)
    hits = reversed_pages(intercepts, model, 0.5 / tests)
    keys = {d.key for d, _ in hits}
    assert all(0 < p <= 0.5 / tests for _, p in hits)
    assert all(d.reverse and d.first == d.second for d, _ in hits)
    assert len(keys - truth) <= 1 and len(keys & truth) >= 3
    assert set(by_indicator(intercepts)) == set(reversing.depths)


# -- known answers on small traffic ------------------------------------------------------------


def test_candidates_of_the_hand_made_cables(hand: Hand) -> None:
    """Only A has a full page followed by another (page stretch 0 of the list)."""
    assert candidates(hand.intercepts).tolist() == [0]


def test_every_candidate_passes_a_budget_of_one(hand: Hand, model: CodeModel) -> None:
    """With a budget of 1 every candidate is reported, as the depth of the page read
    forward and then backwards, with a probability; with a budget no total meets, none."""
    found = reversed_pages(hand.intercepts, model, 1.0)
    expected = shared(Use(0, 0, 59), Use(0, 60, 44, backwards=True))
    assert expected == Depth(0, 0, 16, 61, 44, reverse=True)
    assert [d for d, _ in found] == [expected] and 0 < found[0][1] <= 1
    assert reversed_pages(hand.intercepts, model, 1e-300) == []


def _traffic(folder: Path, fraction: float) -> Intercepts:
    """Four messages of two pages (seed 12), each clerk reading its first page again
    backwards when ``fraction`` is 1."""
    plan = TrafficPlan(messages=4, links=1, groups=(110, 118), reverse_fraction=fraction, seed=12)
    return generate(plan, folder).intercepts()


def test_reversed_pages_found_and_correct_pages_not(tmp_path: Path, model: CodeModel) -> None:
    """Within a budget of 1e-4 a test, the four reversed pages are found, each with its
    indicator shown twice; the same messages on fresh pages give no finding."""
    faulty = _traffic(tmp_path / "faulty", 1.0)
    found = reversed_pages(faulty, model, 1e-4)
    assert [d for d, _ in found] == by_indicator(faulty) and len(found) == 4
    assert all(0 < p <= 1e-4 for _, p in found)
    assert reversed_pages(_traffic(tmp_path / "correct", 0.0), model, 1e-4) == []


@pytest.mark.parametrize(
    "lengths", [(59,), (60, 59), (30, 30)], ids=["one page", "second page empty", "short"]
)
def test_no_candidates(lengths: tuple[int, ...]) -> None:
    """Messages of one page, with a second page of only its indicator, or short: nothing
    to test, nothing found."""
    groups = MessageSet.from_list([np.zeros(5 * n, dtype=np.uint8) for n in lengths])
    intercepts = Intercepts(groups)
    assert candidates(intercepts).size == 0
    assert reversed_pages(intercepts, CodeModel.default(), 0.5) == []


def test_no_intercepts() -> None:
    """No messages: no candidates."""
    empty = Intercepts(MessageSet.from_texts([]))
    assert candidates(empty).size == 0 and reversed_pages(empty, CodeModel.default(), 0.5) == []


@pytest.mark.parametrize(
    ("model", "per_test", "quoted"),
    [
        (None, 0.5, "not NoneType"),
        ("default", 0.0, "not 0.0"),
        ("default", -1, "not -1"),
        ("default", float("inf"), "not inf"),
        ("default", float("nan"), "not nan"),
        ("default", "0.1", "not '0.1'"),
        ("default", True, "not True"),
    ],
    ids=["no model", "zero", "negative", "inf", "nan", "text", "bool"],
)
def test_reversed_pages_refuses(hand: Hand, model: object, per_test: object, quoted: str) -> None:
    """The model is a CodeModel and the budget a positive number, quoted when not."""
    used = CodeModel.default() if model == "default" else model
    with pytest.raises(AnalysisError) as caught:
        reversed_pages(hand.intercepts, used, per_test)  # type: ignore[arg-type]
    assert quoted in str(caught.value)
