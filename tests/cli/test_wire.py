"""Tests for the wire commands: transmit, morse and ita2."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from tests.cli.test_cli import SEED, _seed_text_as_sent, run


@pytest.fixture
def cable(tmp_path: Path) -> Path:
    """The seed's cable, enciphered with a classroom pad book kept in tmp_path."""
    pad = tmp_path / "pad.sqlite"
    run("pad", "new", str(pad), "--pages", "40", "--seed", "1950", home=tmp_path)
    out = tmp_path / "cable.txt"
    done = run("encode", SEED, "--pad", str(pad), "-o", str(out), home=tmp_path)
    assert done.returncode == 0, done.stderr
    return out


def test_clean_transmission_decodes(tmp_path: Path, cable: Path) -> None:
    """transmit | decode gives back the text as sent; the report names both time zones."""
    sent = run("transmit", str(cable), "--via", "teleprinter", home=tmp_path)
    assert sent.returncode == 0, sent.stderr
    assert "Europe/Moscow" in sent.stderr and "Asia/Shanghai" in sent.stderr
    back = run(
        "decode",
        "-",
        "--pad",
        str(tmp_path / "pad.sqlite"),
        "--json",
        home=tmp_path,
        stdin=sent.stdout,
    )
    assert json.loads(back.stdout)["body"] == _seed_text_as_sent()


def test_noisy_transmission_is_flagged_and_repeatable(tmp_path: Path, cable: Path) -> None:
    """Garbles are the same every run with --seed, decode flags them, --repeat mends them."""
    args = ("transmit", str(cable), "--error-rate", "0.01", "--seed", "3")
    first, second = run(*args, home=tmp_path), run(*args, home=tmp_path)
    assert first.stdout == second.stdout and "?" in first.stdout
    assert "SVC RPT 1691 GR" in first.stderr
    pad = str(tmp_path / "pad.sqlite")
    decoded = run("decode", "-", "--pad", pad, home=tmp_path, stdin=first.stdout)
    assert decoded.returncode == 1 and "garbled in transit" in decoded.stderr
    mended = run(*args, "--repeat", "--error-rate", "0.0", home=tmp_path)
    assert "?" not in mended.stdout or "garbled  none" not in mended.stderr


def test_transmit_json(tmp_path: Path, cable: Path) -> None:
    """--json reports the times (ISO, with offsets), the garbled groups and what arrived."""
    done = run(
        "transmit", str(cable), "--via", "teleprinter", "--baud", "50", "--json", home=tmp_path
    )
    data = json.loads(done.stdout)
    assert data["start"] == "1950-12-07T20:40:00+03:00"
    assert data["arrival"].endswith("+08:00")
    assert data["groups"] == 290 and data["garbled"] == [] and data["service_message"] is None


def test_transmit_wav_and_signal(tmp_path: Path, cable: Path) -> None:
    """--wav writes a playable Morse recording; --signal prints dots and dashes."""
    wav = tmp_path / "seed.wav"
    done = run("transmit", str(cable), "--wpm", "25", "--wav", str(wav), "--signal", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.strip()) <= set(".- /")
    with wave.open(str(wav)) as fh:
        assert fh.getnchannels() == 1 and fh.getnframes() > 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--error-rate", "1.5"], "error rate must be in [0, 1], got 1.5"),
        (["--wpm", "0"], "wpm must be a positive number, got 0"),
        (["--via", "teleprinter", "--wav", "x.wav"], "a WAV file is a Morse signal"),
        (["--wav", "/no/such/folder/x.wav"], "does not exist"),
    ],
    ids=["rate", "wpm", "wav-teleprinter", "wav-folder"],
)
def test_transmit_bad_options(tmp_path: Path, cable: Path, extra: list[str], message: str) -> None:
    """Impossible options give one line and a non-zero exit, and no file is left behind."""
    done = run("transmit", str(cable), *extra, home=tmp_path)
    assert done.returncode != 0 and done.stderr.count("\n") == 1
    assert message in done.stderr and not (tmp_path / "x.wav").exists()


def test_morse_command(tmp_path: Path) -> None:
    """morse prints the code and the PARIS timing; --decode reads Morse back."""
    done = run("morse", "PARIS", "--wpm", "20", home=tmp_path)
    assert done.stdout.splitlines() == [".--. .- .-. .. ...", "50 units, 3.00 s at 20 wpm (PARIS)"]
    back = run("morse", "--decode", ".--. .- .-. .. ...", home=tmp_path)
    assert back.stdout.strip() == "PARIS"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["morse", "Ж"], "'Ж'"),
        (["morse", "--decode", ".-.-.-.-.-"], "'.-.-.-.-.-'"),
        (["ita2", "100%"], "'%'"),
    ],
    ids=["cyrillic", "malformed", "percent"],
)
def test_wire_lessons_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    """Characters a code cannot carry, and malformed Morse, are named in one line."""
    done = run(*args, home=tmp_path)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert message in done.stderr and "Traceback" not in done.stderr


def test_ita2_command(tmp_path: Path) -> None:
    """ita2 shows codes with their bits and the time at 50 baud (150 ms a character)."""
    done = run("ita2", "RY", home=tmp_path)
    lines = done.stdout.splitlines()
    assert lines[-1] == "2 characters, 0.30 s at 50 baud (value order)"
    tape = run("ita2", "RY", "--tape", home=tmp_path)
    assert tape.stdout.count("\n") >= 3


def test_transmit_tape(tmp_path: Path, cable: Path) -> None:
    """--tape draws the teleprinter's punched tape, one row a character; Morse has none."""
    done = run("transmit", str(cable), "--via", "teleprinter", "--tape", home=tmp_path)
    rows = done.stdout.splitlines()
    assert done.returncode == 0 and rows[0].rstrip().endswith("C") and len(rows) > 1000
    refused = run("transmit", str(cable), "--tape", home=tmp_path)
    assert refused.returncode == 2 and "use --via teleprinter" in refused.stderr
