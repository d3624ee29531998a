"""Tests for cipherwire.cli.benchreport: the report's forms, as a table and as JSON."""

from __future__ import annotations

import json

from cipherwire.cli.benchreport import BenchReport, Figure, machine


def test_report_forms() -> None:
    """The report prints as a table (machine and NumPy version first) and as JSON."""
    figure = Figure(
        name="add_mod10", unit="MB/s", value=900.0, baseline="np.add", baseline_value=1000.0,
        ratio=0.9, goal=0.9, goal_text=">= 0.9x", met=True, repeats=3, note="a note",
    )  # fmt: skip
    report = BenchReport(machine(), (figure,), True, 1.0)
    table = report.to_text()
    assert table.startswith("machine: ") and f"NumPy {report.machine['numpy']}" in table
    assert "| add_mod10 | 900.00 MB/s | np.add: 1,000.00 | 0.90x | >= 0.9x | yes |" in table
    data = json.loads(json.dumps(report.to_json()))
    assert data["goals_met"] is True and data["figures"][0]["ratio"] == 0.9
