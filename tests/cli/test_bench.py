"""Tests for cipherwire.cli.bench: each figure measured on tiny sizes, and the report's forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cipherwire.cli import bench


def test_each_figure_on_small_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every figure runs, compares with its baseline and says whether it meets its goal."""
    monkeypatch.setattr(bench, "MAX_PAGES", 200)  # two pad books for the small traffic
    figures = [
        *bench.add_mod10_figures(4096, repeats=2),
        bench.csprng_figure(4096, repeats=2),
        bench.bulk_figure(120, repeats=1, scratch=tmp_path),
        *bench.letter_figures(4096, repeats=2),
        bench.memory_figure(1 << 20, scratch=tmp_path),
    ]
    assert [f.goal for f in figures] == [0.9, None, 1.0, 0.5, 1000.0, 1000.0, 300.0]
    for figure in figures:
        assert figure.value > 0
        if figure.baseline is not None:
            assert figure.ratio == pytest.approx(figure.value / figure.baseline_value, rel=0.01)
        if figure.goal is not None:
            assert isinstance(figure.met, bool)
    assert "2 book(s)" in figures[3].note
    assert 10 < figures[-1].value < 300  # a fresh interpreter streaming 1 MiB
    assert list(tmp_path.iterdir()) == []  # scratch files removed


def test_report_forms() -> None:
    """The report prints as a table (machine and NumPy version first) and as JSON."""
    figure = bench.Figure(
        name="add_mod10", unit="MB/s", value=900.0, baseline="np.add", baseline_value=1000.0,
        ratio=0.9, goal=0.9, goal_text=">= 0.9x", met=True, repeats=3, note="a note",
    )  # fmt: skip
    report = bench.BenchReport(bench.machine(), (figure,), True, 1.0)
    table = report.to_text()
    assert table.startswith("machine: ") and f"NumPy {report.machine['numpy']}" in table
    assert "| add_mod10 | 900.00 MB/s | np.add: 1,000.00 | 0.90x | >= 0.9x | yes |" in table
    data = json.loads(json.dumps(report.to_json()))
    assert data["goals_met"] is True and data["figures"][0]["ratio"] == 0.9
