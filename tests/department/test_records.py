"""Tests for records, their CSV and JSON-lines files, and the report of a run."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cipherwire.department import Report, Run, Workload, simulate
from cipherwire.department.records import COLUMNS, STAGES, write_csv, write_json, write_jsonl
from cipherwire.department.report import Stats
from cipherwire.department.workload import DEFAULT_RATES
from cipherwire.errors import RecordError

MSK = ZoneInfo("Europe/Moscow")


@pytest.fixture(scope="module")
def day() -> Run:
    """Twelve hours of default traffic, really enciphered."""
    start = dt.datetime(1950, 12, 7, 6, tzinfo=MSK)
    return simulate(Workload.synthetic(hours=12, rates=DEFAULT_RATES, start=start, seed=2), seed=2)


def test_csv_and_jsonl_files(day: Run, tmp_path: Path) -> None:
    """One row / one object a telegram; ISO times with offsets; documents in the JSON lines."""
    write_csv(day.records, tmp_path / "r.csv")
    write_jsonl(day.records, tmp_path / "r.jsonl")
    with (tmp_path / "r.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    objects = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == len(objects) == len(day.records) > 10
    assert tuple(rows[0]) == COLUMNS
    for row, obj, record in zip(rows, objects, day.records, strict=True):
        assert row["received"] == obj["received"] == record.received.isoformat()
        assert dt.datetime.fromisoformat(obj["deciphered"]) == record.deciphered
        assert obj["cable"] == record.cable and obj["telegram"] == record.telegram
        assert obj["priority"] == record.precedence.value and obj["decoded"] is True
        assert obj["received"].endswith("+03:00") and obj["arrived"].endswith("+08:00")
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_writers_replace_files_whole(tmp_path: Path) -> None:
    """An existing file is replaced in one step, and a failed write leaves it untouched."""
    target = tmp_path / "s.json"
    target.write_text("old")
    write_json({"a": 1}, target)
    assert json.loads(target.read_text()) == {"a": 1}
    with pytest.raises(TypeError):
        write_json({"a": object()}, target)
    assert json.loads(target.read_text()) == {"a": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_record_stages_are_in_order(day: Run) -> None:
    """Each record's stamps are aware and never go backwards; a bad one is refused."""
    record = day.records[0]
    times = [when for _, when in record.events()]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)
    assert [stage for stage, _ in record.events()] == list(STAGES)
    with pytest.raises(RecordError, match="before"):
        type(record)(**{**record.__dict__, "sent": record.received})


def test_stats() -> None:
    """Mean, median and 95th percentile (linear interpolation), None when empty."""
    assert Stats.of([1.0, 2.0, 3.0, 4.0, 100.0]) == Stats(5, 22.0, 3.0, pytest.approx(80.8))
    assert Stats.of([]) == Stats(0, None, None, None)


def test_report_json_and_text(day: Run) -> None:
    """The summary: per class, per resource, queues and Little's law; the table shows them."""
    report = Report.of(day)
    data = report.to_json()
    assert set(data["classes"]) == {"top", "urgent", "ordinary", "all"}
    assert data["classes"]["all"]["count"] == len(day.records)
    assert sum(data["classes"][c]["count"] for c in ("top", "urgent", "ordinary")) == len(
        day.records
    )
    assert set(data["classes"]["top"]["in_system_minutes"]) == {"mean", "median", "p95"}
    assert {"cipher clerks", "line BEIJING 1", "clerks at BEIJING"} == set(data["resources"])
    assert 0 < data["resources"]["line BEIJING 1"]["utilisation"] < 1
    assert all(law["gap"] < 1e-6 for law in data["littles_law"].values())
    text = report.to_text()
    assert text.startswith(f"{len(day.records)} telegrams, 7/XII.1950 06:00 to ")
    assert "top priority" in text and "line BEIJING 1" in text
    json.dumps(data)  # serialisable as it is
