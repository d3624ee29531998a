"""Tests for cipherwire.cli.bench: each figure measured on tiny sizes."""

from __future__ import annotations

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
