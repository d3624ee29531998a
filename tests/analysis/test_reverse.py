"""Tests for cipherwire.analysis.reverse: finding a page read forward, then backwards."""

from __future__ import annotations

import pytest

from cipherwire.analysis.depth import by_indicator
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.reverse import candidates, reversed_pages
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.venona.traffic import Traffic, TrafficPlan, generate


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
