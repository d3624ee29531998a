"""Tests for the batch commands: encode-batch, decode-batch, superencipher and bench."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.test_cli import ROOT, SEED, assert_one_line_error, run

DATA = ROOT / "tests" / "data" / "telegrams"


def test_encode_batch_folder_equals_encode(tmp_path: Path) -> None:
    """Each cable of encode-batch is, byte for byte, what encode makes with the same pads."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["01_mid_outgoing_split_times", "04_general_staff", "10_body_only"]
    for name in names:
        shutil.copy(DATA / f"{name}.txt", folder)
    shutil.copy(ROOT / SEED, folder / "seed.txt")
    for pad in ("one.sqlite", "many.sqlite"):
        assert (
            run(
                "pad", "new", str(tmp_path / pad), "--pages", "40", "--seed", "5", home=tmp_path
            ).returncode
            == 0
        )
    expected = {}
    for file in sorted(folder.iterdir()):
        done = run("encode", str(file), "--pad", str(tmp_path / "one.sqlite"), home=tmp_path)
        assert done.returncode == 0, done.stderr
        expected[file.stem] = done.stdout
    done = run(
        "encode-batch",
        str(folder),
        "--out",
        str(tmp_path / "out"),
        "--pad",
        str(tmp_path / "many.sqlite"),
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("4 messages, ") and "pages used" in done.stdout
    found = {p.name.removesuffix(".cable.txt"): p.read_text() for p in (tmp_path / "out").iterdir()}
    assert found == expected


def test_encode_batch_jsonl_json_summary(tmp_path: Path) -> None:
    """A JSON-lines file in, one cable a line out, the summary as JSON."""
    source = tmp_path / "t.jsonl"
    source.write_text(
        "\n".join(json.dumps({"text": f"We agree {i}.", "number": str(i)}) for i in range(30))
        + "\n"
    )
    done = run("encode-batch", str(source), "--out", str(tmp_path / "out"), "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["messages"] == 30 and summary["pages"] == 30 and summary["groups"] > 90
    assert len(list((tmp_path / "out").iterdir())) == 30
    back = run("decode", str(tmp_path / "out" / "000007.cable.txt"), "--json", home=tmp_path)
    assert json.loads(back.stdout)["body"] == "WE AGREE 6."


def test_encode_batch_refusals(tmp_path: Path) -> None:
    """A used output folder, a bad line or a missing input: one line, and no page used."""
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    source = tmp_path / "t.jsonl"
    source.write_text('"fine"\n{"text": 3}\n')
    cases = [
        (["encode-batch", str(source), "--out", str(tmp_path / "used")], 2, "not an empty folder"),
        (["encode-batch", str(source), "--out", str(tmp_path / "new")], 1, "t.jsonl:2: each line"),
        (
            ["encode-batch", str(tmp_path / "none"), "--out", str(tmp_path / "n2")],
            2,
            "no such file",
        ),
    ]
    for args, code, message in cases:
        done = run(*args, home=tmp_path)
        assert done.returncode == code, done.stderr
        assert done.stderr.count("\n") == 1 and message in done.stderr
    assert not (tmp_path / "padbook.sqlite").exists()


def _encoded_folder(tmp_path: Path, count: int = 12) -> Path:
    """``count`` telegrams (the seed among them) enciphered by encode-batch with a
    classroom pad book at ``tmp_path / "pad.sqlite"``; the folder of cables."""
    source = tmp_path / "t.jsonl"
    texts = [json.dumps({"text": f"Report {i}: we agree.", "number": str(i)}) for i in range(count)]
    source.write_text("\n".join(texts) + "\n")
    pad = str(tmp_path / "pad.sqlite")
    assert run("pad", "new", pad, "--pages", "200", "--seed", "8", home=tmp_path).returncode == 0
    done = run("encode-batch", str(source), "--out", str(tmp_path / "cables"), "--pad", pad,
               home=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return tmp_path / "cables"


def test_decode_batch_equals_decode(tmp_path: Path) -> None:
    """decode-batch writes, for each cable, what decode prints for it; a file of many
    cables reads as the folder does."""
    cables = _encoded_folder(tmp_path)
    pad = str(tmp_path / "pad.sqlite")
    expected = {}
    for file in sorted(cables.iterdir()):
        done = run("decode", str(file), "--pad", pad, home=tmp_path)
        assert done.returncode == 0, done.stderr
        expected[file.name.removesuffix(".cable.txt")] = done.stdout
    done = run("decode-batch", str(cables), "--out", str(tmp_path / "plain"), "--pad", pad,
               home=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("12 messages, ") and "0 code groups unreadable" in done.stdout
    found = {p.stem: p.read_text() for p in (tmp_path / "plain").iterdir()}
    assert found == expected
    many = tmp_path / "all.txt"
    many.write_text("\n".join(p.read_text() for p in sorted(cables.iterdir())))
    done = run("decode-batch", str(many), "--out", str(tmp_path / "plain2"), "--pad", pad,
               "--json", home=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["messages"] == 12
    again = {p.stem: p.read_text() for p in (tmp_path / "plain2").iterdir()}
    assert sorted(again.values()) == sorted(expected.values())


def test_decode_batch_garbled_groups_are_listed(tmp_path: Path) -> None:
    """A figure that arrived unreadable: the telegram is written, the code group listed
    on standard error, exit status 1 (as decode does)."""
    cables = _encoded_folder(tmp_path, count=3)
    file = cables / "000002.cable.txt"
    lines = file.read_text().split("\n")
    first = next(k for k, line in enumerate(lines) if line[:5].isdigit() and " " in line)
    lines[first] = lines[first][:6] + "?" + lines[first][7:]  # the first text group
    file.write_text("\n".join(lines))
    done = run("decode-batch", str(cables), "--out", str(tmp_path / "plain"),
               "--pad", str(tmp_path / "pad.sqlite"), home=tmp_path)  # fmt: skip
    assert done.returncode == 1
    assert "000002: part 1-1, code group 1: garbled in transit" in done.stderr
    assert "[?]" in (tmp_path / "plain" / "000002.txt").read_text()
    assert len(list((tmp_path / "plain").iterdir())) == 3


def test_decode_batch_refusals(tmp_path: Path) -> None:
    """A wrong pad book, text before the first cable, a used folder: one line, and no
    output folder left behind."""
    cables = _encoded_folder(tmp_path, count=3)
    other = str(tmp_path / "other.sqlite")
    assert run("pad", "new", other, "--pages", "5", "--seed", "9", home=tmp_path).returncode == 0
    stray = tmp_path / "stray.txt"
    stray.write_text("a note\n" + (cables / "000001.cable.txt").read_text())
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    cases = [
        (["decode-batch", str(cables), "--out", str(tmp_path / "a"), "--pad", other],
         "cable 000001: no page of pad book"),
        (["decode-batch", str(stray), "--out", str(tmp_path / "b")],
         "stray.txt: line 1: expected a CABLE line first, found 'a note'"),
        (["decode-batch", str(cables), "--out", str(tmp_path / "used")], "not an empty folder"),
    ]  # fmt: skip
    for args, message in cases:
        done = run(*args, home=tmp_path)
        assert_one_line_error(done, 2 if "used" in args[3] else 1, message)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_superencipher_round_trip(tmp_path: Path) -> None:
    """A digit file with a fresh key, then back with that key."""
    plain = tmp_path / "plain.txt"
    plain.write_text("83527 25221 40837\n1950\n")
    done = run(
        "superencipher",
        str(plain),
        "-o",
        str(tmp_path / "sent.txt"),
        "--new-key",
        str(tmp_path / "key.txt"),
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "19 digits" in done.stderr
    done = run(
        "superencipher",
        str(tmp_path / "sent.txt"),
        "-o",
        str(tmp_path / "back.txt"),
        "--key",
        str(tmp_path / "key.txt"),
        "--decipher",
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "back.txt").read_text() == "83527 25221 40837 1950\n"


def test_superencipher_usage_errors(tmp_path: Path) -> None:
    """One key source is required; deciphering needs a key read."""
    plain = tmp_path / "p.txt"
    plain.write_text("12345\n")
    for args, message in (
        ([], "either --key or --new-key"),
        (["--new-key", str(tmp_path / "k"), "--decipher"], "--decipher needs the --key"),
    ):
        done = run("superencipher", str(plain), "-o", str(tmp_path / "o"), *args, home=tmp_path)
        assert done.returncode == 2 and message in done.stderr


def test_bench_help(tmp_path: Path) -> None:
    """bench --help describes the figures and options."""
    done = run("bench", "--help", home=tmp_path)
    assert done.returncode == 0 and "--quick" in done.stdout and "np.add" in done.stdout
