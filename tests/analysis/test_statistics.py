"""Tests for cipherwire.analysis.statistics: finding depths without indicators, over all
pairs of page stretches."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cipherwire.analysis.depth import Depth
from cipherwire.analysis.reverse import candidates
from cipherwire.analysis.statistics import Search, by_statistics
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError
from cipherwire.venona.folder import Traffic
from cipherwire.venona.traffic import TrafficPlan, generate

INT16_MAX = int(np.iinfo(np.int16).max)
WEIGHTS = np.array([1000, 100, 10, 1], dtype=np.int64)


@dataclass(frozen=True)
class Found:
    """A traffic, what by_statistics found in it, and the progress calls it made."""

    traffic: Traffic
    search: Search
    progress: list[tuple[int, int]]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Found:
    """300 messages on three links, 5% of the pages duplicated (no reverse fault), searched."""
    plan = TrafficPlan(messages=300, links=3, duplicate_fraction=0.05, seed=1)
    traffic = generate(plan, tmp_path_factory.mktemp("stats") / "t")
    calls: list[tuple[int, int]] = []
    search = by_statistics(traffic.intercepts(), progress=lambda d, t: calls.append((d, t)))
    return Found(traffic, search, calls)


def _aligned_full_page(depth: Depth) -> bool:
    """Both stretches a whole page, at page indices 0 mod 4 apart: code groups aligned."""
    pages_apart = (depth.first_at - 1) // GROUPS_PER_PAGE - (depth.second_at - 1) // GROUPS_PER_PAGE
    return depth.length == GROUPS_PER_PAGE - 1 and pages_apart % 4 == 0


def test_statistics_findings_are_real(found: Found) -> None:
    """At most one wrong finding (0.5 expected), and some right ones."""
    assert found.traffic.depths is not None
    truth = {d.key for d in found.traffic.depths}
    keys = {d.key for d in found.search.depths}
    assert len(keys - truth) <= 1
    assert len(keys & truth) >= 5


def test_statistics_finds_every_aligned_full_page(found: Found) -> None:
    """Every depth of a whole page with code groups aligned is found (the method's promise)."""
    assert found.traffic.depths is not None
    aligned = [d for d in found.traffic.depths if _aligned_full_page(d)]
    assert len(aligned) >= 3  # the fixture has some to find
    keys = {d.key for d in found.search.depths}
    assert [d for d in aligned if d.key not in keys] == []


def test_statistics_search_record(found: Found) -> None:
    """The search counts stretches and pairs; depths sorted, p-values within the budget."""
    intercepts = found.traffic.intercepts()
    n = int((-(-intercepts.group_counts // GROUPS_PER_PAGE)).sum())
    assert found.search.stretches == n
    assert found.search.pairs == n * (n - 1) // 2 + int(candidates(intercepts).size)
    assert list(found.search.depths) == sorted(found.search.depths)
    assert len(found.search.p_values) == len(found.search.depths)
    budget = 0.5 / found.search.pairs
    assert all(0 < p <= budget * (1 + 1e-9) for p in found.search.p_values)
    assert found.search.seconds > 0


def test_progress_is_reported(found: Found) -> None:
    """progress(done, total) counts up by one to the total, which never changes."""
    calls = found.progress
    assert calls
    totals = {total for _, total in calls}
    assert len(totals) == 1
    assert [done for done, _ in calls] == list(range(1, totals.pop() + 1))


def test_statistics_on_correct_traffic(tmp_path: Path) -> None:
    """Pads made and used correctly: at most one (false) finding."""
    # Messages of one or two pages: two of the four code-group offsets, so the search
    # builds three score tables, not seven (fast).
    plan = TrafficPlan(messages=200, links=3, groups=(20, 110), seed=6)
    traffic = generate(plan, tmp_path / "t")
    assert traffic.depths == ()
    assert len(by_statistics(traffic.intercepts()).depths) <= 1


@pytest.mark.parametrize(
    "value", [0, -1, 0.0, math.nan, math.inf, 1e6, "0.5", True, None], ids=repr
)
def test_bad_false_alarms(found: Found, value: Any) -> None:
    """A budget of false alarms that is not a positive number raises AnalysisError."""
    with pytest.raises(AnalysisError) as caught:
        by_statistics(found.traffic.intercepts(), false_alarms=value)
    assert repr(value) in str(caught.value)
