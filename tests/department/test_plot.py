"""Tests for the plots: real PNGs with matplotlib (the dev extra installs it), and a clear
error when it is missing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cipherwire.department import PlotUnavailableError, Run, Workload, simulate
from cipherwire.department import plot as plots
from cipherwire.department.workload import DEFAULT_RATES

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def day() -> Run:
    """Eight hours of default traffic."""
    start = dt.datetime(1950, 12, 7, 8, tzinfo=ZoneInfo("Europe/Moscow"))
    return simulate(Workload.synthetic(hours=8, rates=DEFAULT_RATES, start=start, seed=3), seed=3)


def test_timeline_and_queue_plots_are_pngs(day: Run, tmp_path: Path) -> None:
    """Both plots are written as PNG files of a readable size."""
    timeline = plots.plot_timeline(day, tmp_path / "timeline.png")
    queues = plots.plot_queues(day, tmp_path / "queues.png")
    for path in (timeline, queues):
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 10_000
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width == 1100 and height >= 400


def test_missing_matplotlib_is_a_clear_error(
    day: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the plot extra, plotting says what to install, before writing anything."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(PlotUnavailableError, match=r'pip install "cipherwire\[plot\]"'):
        plots.require()
    with pytest.raises(ImportError):  # it is also an ImportError, as a caller may expect
        plots.plot_queues(day, tmp_path / "q.png")
    assert not (tmp_path / "q.png").exists()
