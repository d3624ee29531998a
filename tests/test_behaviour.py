"""The same seeds give the same outputs: cables, telegrams, records and traffic, byte for byte.

``tests/data/behaviour`` holds what the CLI wrote for these commands before the code was
reorganised by package; a change that alters any of them changes what users get, and must
record the files anew on purpose (``CIPHERWIRE_RECORD_BEHAVIOUR=1``).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cipherwire.cli import cli

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "data" / "behaviour"
SEED = ROOT / "seeds" / "000_ee3f4792618692d7.txt"
TELEGRAMS = ROOT / "tests" / "data" / "telegrams"
RECORD = os.environ.get("CIPHERWIRE_RECORD_BEHAVIOUR") == "1"

#: The recorded commands, each ``> FILE`` where its standard output is kept.
COMMANDS = [
    "pad new class.sqlite --pages 200 --seed 1950",
    f"encode {SEED} --pad class.sqlite -o seed-cable.txt",
    "decode seed-cable.txt --pad class.sqlite > seed-decoded.txt",
    "encode-batch batch-in --out batch-cables --pad class.sqlite --json > batch-summary.json",
    "decode-batch batch-cables --out batch-telegrams --pad class.sqlite --json"
    " > batch-decode-summary.json",
    "pad print class.sqlite --pages 1-20 > pad-sheets.txt",
    "simulate --hours 6 --seed 7 --out department > department-summary.txt",
    "venona generate --messages 80 --duplicate-fraction 0.1 --reverse-fraction 0.05"
    " --seed 1944 --out venona > venona-summary.txt",
    "venona find venona --by statistics > venona-find.txt",
    "venona find venona --by statistics --json > venona-find.json",
]

#: Timings in the outputs, the only figures that may differ between two runs.
_SECONDS = re.compile(r"\d+(\.\d+)? s\)")


def _run(args: list[str], *, stdout: Path | None = None) -> str:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    if stdout is not None:
        stdout.write_text(result.stdout, encoding="utf-8")
    return result.stdout


def _command(line: str, work: Path) -> None:
    args, _, out = line.partition(" > ")
    _run(shlex.split(args), stdout=work / out if out else None)


def _without_seconds(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_seconds(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_without_seconds(v) for v in value]
    return value


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run every recorded command once, in a fresh folder and a fresh CIPHERWIRE_HOME."""
    work = tmp_path_factory.mktemp("behaviour")
    home = tmp_path_factory.mktemp("home")
    old = os.getcwd()
    mp = pytest.MonkeyPatch()
    mp.setenv("CIPHERWIRE_HOME", str(home))
    os.chdir(work)
    try:
        for line in COMMANDS[:3]:
            _command(line, work)
        (work / "batch-in").mkdir()
        for name in sorted(TELEGRAMS.glob("0[1-5]*.txt")):
            shutil.copy(name, work / "batch-in")
        shutil.copy(SEED, work / "batch-in")
        for line in COMMANDS[3:]:
            _command(line, work)
    finally:
        os.chdir(old)
        mp.undo()
    return work


def _recorded_files() -> list[str]:
    return sorted(str(p.relative_to(RECORDED)) for p in RECORDED.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", _recorded_files())
def test_output_is_as_recorded(outputs: Path, name: str) -> None:
    """Each recorded output comes out the same today, timings aside."""
    made = outputs / name
    if RECORD:
        shutil.copy(made, RECORDED / name)
    want = (RECORDED / name).read_text(encoding="utf-8")
    got = made.read_text(encoding="utf-8")
    if name.endswith(".json"):
        assert _without_seconds(json.loads(got)) == _without_seconds(json.loads(want))
    else:
        assert _SECONDS.sub("s)", got) == _SECONDS.sub("s)", want)


def test_every_output_is_recorded(outputs: Path) -> None:
    """No command wrote a cable, telegram or record that the recording lacks."""
    kept = {"seed-cable.txt", "seed-decoded.txt", "batch-summary.json"}
    made = {
        str(p.relative_to(outputs))
        for p in outputs.rglob("*")
        if p.is_file()
        and p.suffix in {".txt", ".json", ".jsonl", ".csv"}
        and not str(p.relative_to(outputs)).startswith("batch-in")
    }
    assert kept <= made
    assert made == set(_recorded_files())
