"""Tests for the VENONA lesson's commands: ``venona generate``, ``venona find``, and
``pad status`` on the faulty books they make."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from cipherwire.venona.folder import Traffic
from tests.cli.test_cli import assert_one_line_error, run

DEPTH_KEYS = {"first", "second", "first_at", "second_at", "length", "reverse"}


@dataclass(frozen=True)
class Generated:
    """A traffic folder made with ``venona generate``, what it printed, and a home."""

    folder: Path
    done: subprocess.CompletedProcess[str]
    home: Path


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """80 messages of one or two pages on three links, 10% duplicated pages, 10% reversing
    clerks, seed 1944 (short, so that --by statistics builds three score tables, not seven)."""
    home = tmp_path_factory.mktemp("home")
    folder = tmp_path_factory.mktemp("cli") / "traffic"
    done = run(
        "venona", "generate", "--messages", "80", "--links", "3", "--groups", "40-110",
        "--duplicate-fraction", "0.1", "--reverse-fraction", "0.1", "--seed", "1944",
        "--out", str(folder), home=home,
    )  # fmt: skip
    return Generated(folder, done, home)


def test_generate_prints_the_summary(generated: Generated) -> None:
    """The summary counts what truth.json holds, names both faults and the seed."""
    assert generated.done.returncode == 0, generated.done.stderr
    truth = Traffic.load(generated.folder)
    assert truth.messages is not None and truth.depths is not None
    groups = sum(m.groups for m in truth.messages)
    pages = sum(m.pages for m in truth.messages)
    reversed_ = sum(m.reversed for m in truth.messages)
    lines = generated.done.stdout.splitlines()
    assert lines[0] == (
        f"{generated.folder}: 80 cables on 3 link(s), {groups} text groups, {pages} pad pages"
    )
    assert lines[1].startswith("FAULTY PADS (the lesson): 10.0% of the pages")
    assert lines[2].startswith(f"FAULTY CLERKS (the lesson): {reversed_} messages")
    assert lines[3].startswith(f"{len(truth.depths)} stretches of cable in depth")
    assert lines[4] == "classroom pads from seed 1944: reproducible, NOT SECURE"
    assert len(lines) == 5 and reversed_ > 0 and truth.depths


def test_generate_json(tmp_path: Path) -> None:
    """--json prints one object with the summary's numbers; correct pads make no depths."""
    folder = tmp_path / "t"
    done = run(
        "venona", "generate", "--messages", "12", "--links", "2", "--groups", "20-60",
        "--seed", "3", "--out", str(folder), "--json", home=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    expected = {
        "folder", "messages", "links", "groups", "pages", "duplicate_fraction",
        "reverse_fraction", "reversed_messages", "depths", "seed", "seconds",
    }  # fmt: skip
    assert expected <= set(data)
    made = Traffic.load(folder)
    assert made.messages is not None
    assert data["folder"] == str(folder)
    assert (data["messages"], data["links"], data["seed"]) == (12, ["NEW YORK", "WASHINGTON"], 3)
    assert data["groups"] == sum(m.groups for m in made.messages)
    assert data["pages"] == sum(m.pages for m in made.messages)
    assert (data["depths"], data["reversed_messages"], data["duplicate_fraction"]) == (0, 0, 0.0)
    assert isinstance(data["seconds"], float)


def test_generate_refuses_a_folder_in_use(generated: Generated) -> None:
    """An --out that exists and is not empty: one error line, and the folder is untouched."""
    before = (generated.folder / "cables.txt").read_bytes()
    done = run("venona", "generate", "--messages", "5", "--out", str(generated.folder),
               home=generated.home)  # fmt: skip
    assert_one_line_error(done, 1, "exists and is not an empty folder")
    assert str(generated.folder) in done.stderr
    assert (generated.folder / "cables.txt").read_bytes() == before


@pytest.mark.parametrize(
    ("option", "value", "code", "messages"),
    [
        ("--groups", "abc", 2, ("'abc'", "--groups")),
        ("--duplicate-fraction", "0.7", 1, ("0.7", "duplicate fraction")),
    ],
    ids=["groups-not-a-range", "duplicate-fraction-above-half"],
)
def test_generate_bad_options(
    tmp_path: Path, option: str, value: str, code: int, messages: tuple[str, ...]
) -> None:
    """A bad --groups or --duplicate-fraction: one error line quoting it and naming it."""
    done = run("venona", "generate", "--messages", "5", option, value,
               "--out", str(tmp_path / "t"), home=tmp_path)  # fmt: skip
    for message in messages:
        assert_one_line_error(done, code, message)
    assert not (tmp_path / "t").exists()


def test_find_by_indicator(generated: Generated) -> None:
    """find lists every depth, the reversed pages marked, and scores them against the truth."""
    truth = Traffic.load(generated.folder).depths
    assert truth
    done = run("venona", "find", str(generated.folder), home=generated.home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{len(truth)} stretches in depth among 80 cables (by indicator,")
    assert len(lines) == len(truth) + 2
    assert sum("read backwards" in line for line in lines) == sum(d.reverse for d in truth)
    assert lines[-1] == (
        f"against the truth: {len(truth)} of {len(truth)} depths found, "
        "precision 1.000, recall 1.000"
    )


def test_find_json(generated: Generated) -> None:
    """find --json gives the method, counts, every depth as JSON, and the truth's score."""
    truth = Traffic.load(generated.folder).depths
    assert truth is not None
    done = run("venona", "find", str(generated.folder), "--json", home=generated.home)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"method", "messages", "page_stretches", "pairs_checked", "seconds", "depths",
            "truth"} <= set(data)  # fmt: skip
    assert (data["method"], data["messages"]) == ("indicator", 80)
    assert data["page_stretches"] is None and data["pairs_checked"] is None
    assert data["depths"] == [d.to_json() for d in truth]
    assert data["truth"]["precision"] == data["truth"]["recall"] == 1.0
    assert data["truth"]["true"] == data["truth"]["correct"] == len(truth)


def test_find_by_statistics_json(generated: Generated) -> None:
    """--by statistics checks every pair of page stretches; its findings are mostly real."""
    done = run("venona", "find", str(generated.folder), "--by", "statistics", "--json",
               home=generated.home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["method"] == "statistics" and data["messages"] == 80
    n = data["page_stretches"]
    assert isinstance(n, int) and n > 80
    assert data["pairs_checked"] >= n * (n - 1) // 2
    assert all(set(d) >= DEPTH_KEYS for d in data["depths"])
    score = data["truth"]
    assert {"found", "true", "correct", "precision", "recall"} <= set(score)
    assert score["found"] == len(data["depths"]) and score["found"] - score["correct"] <= 1
    assert score["correct"] >= 1 and 0 < score["recall"] <= 1


def test_find_without_truth(tmp_path: Path, generated: Generated) -> None:
    """An analyst's folder (cables only): the depths, and a note that nothing is scored."""
    shutil.copy(generated.folder / "cables.txt", tmp_path / "cables.txt")
    done = run("venona", "find", str(tmp_path), home=generated.home)
    assert done.returncode == 0, done.stderr
    assert "no truth.json in the folder" in done.stderr
    assert "against the truth" not in done.stdout
    assert "stretches in depth among 80 cables" in done.stdout


def test_find_missing_folder(tmp_path: Path) -> None:
    """A folder that does not exist: one error line naming it."""
    done = run("venona", "find", str(tmp_path / "nowhere"), home=tmp_path)
    assert_one_line_error(done, 1, "no such traffic folder")
    assert str(tmp_path / "nowhere") in done.stderr


def test_pad_status_shows_the_fault(generated: Generated) -> None:
    """pad status on a faulty book says so, in text and in JSON; every page is used."""
    book = str(generated.folder / "pads" / "new-york.padbook")
    text = run("pad", "status", book, home=generated.home)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert "CLASSROOM PAD - NOT SECURE (seed 1944000)" in lines[0]
    assert lines[1].startswith("  FAULTY PAD BOOK: FAULTY PRODUCTION")
    data = json.loads(run("pad", "status", book, "--json", home=generated.home).stdout)
    assert data["fault"] == lines[1].removeprefix("  FAULTY PAD BOOK: ")
    assert data["left"] == 0 and data["classroom_seed"] == 1944000
