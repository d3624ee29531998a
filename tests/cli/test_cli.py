"""Tests for the command line: the README's pipeline, every command, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cipherwire.codebook.spelling import normalise
from cipherwire.pad.book import PadBook
from cipherwire.telegram.document import Telegram

ROOT = Path(__file__).parents[2]
SEED = "seeds/000_ee3f4792618692d7.txt"


def run(
    *args: str, home: Path, stdin: str | bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cipherwire ARGS`` in the repository root, as a user would."""
    env = {**os.environ, "CIPHERWIRE_HOME": str(home)}
    data = stdin.decode() if isinstance(stdin, bytes) else stdin
    return subprocess.run(
        [sys.executable, "-m", "cipherwire", *args],
        cwd=ROOT,
        env=env,
        input=data,
        capture_output=True,
        text=True,
        check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    """The command failed with exit ``code`` and one error line quoting ``message``."""
    assert done.returncode == code, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("cipherwire: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def _seed_text_as_sent() -> str:
    return normalise(Telegram.from_text((ROOT / SEED).read_text("utf-8")).body_as_sent)


def test_readme_pipeline_with_fresh_home(tmp_path: Path) -> None:
    """encode | decode - gives back the seed's text as sent with no set-up at all."""
    encoded = run("encode", SEED, home=tmp_path)
    assert encoded.returncode == 0, encoded.stderr
    assert encoded.stdout.startswith("CABLE 1691 PART 1 OF 2\n")
    assert "created a pad book" in encoded.stderr
    decoded = run("decode", "-", "--json", home=tmp_path, stdin=encoded.stdout)
    assert decoded.returncode == 0, decoded.stderr
    assert json.loads(decoded.stdout)["body"] == _seed_text_as_sent()


def test_explicit_pad_and_pad_commands(tmp_path: Path) -> None:
    """pad new / encode --pad / decode --pad / pad status / pad print work together."""
    pad = str(tmp_path / "class.sqlite")
    made = run("pad", "new", pad, "--pages", "30", "--seed", "1950", home=tmp_path)
    assert made.returncode == 0 and "NOT SECURE" in made.stdout
    cable = run("encode", SEED, "--pad", pad, "-o", str(tmp_path / "c.txt"), home=tmp_path)
    assert cable.returncode == 0, cable.stderr
    text = (tmp_path / "c.txt").read_text()
    assert "PAD: CLASSROOM PAD - NOT SECURE (SEED 1950)" in text
    back = run("decode", str(tmp_path / "c.txt"), "--pad", pad, "--json", home=tmp_path)
    assert json.loads(back.stdout)["body"] == _seed_text_as_sent()
    status = run("pad", "status", pad, "--json", home=tmp_path)
    data = json.loads(status.stdout)
    assert data["used"] > 0 and data["used"] + data["left"] == 30
    assert data["classroom_seed"] == 1950
    assert all("23343" in page["to"] for page in data["issued"])
    sheet = run("pad", "print", pad, "--pages", "1-2", home=tmp_path)
    assert sheet.stdout.count("PAGE") == 2 and "NOT SECURE" in sheet.stdout


def test_one_part_book_is_named_on_the_cable(tmp_path: Path) -> None:
    """A cable encoded with --one-part decodes without being told."""
    cable = run("encode", SEED, "--one-part", home=tmp_path)
    assert "CODEBOOK: cipherwire-diplomatic-1950-one-part" in cable.stdout
    back = run("decode", "-", "--json", home=tmp_path, stdin=cable.stdout)
    assert json.loads(back.stdout)["body"] == _seed_text_as_sent()


def test_eight_concurrent_encodes_never_share_a_page(tmp_path: Path) -> None:
    """Eight processes encoding at once with one pad book never get the same page."""
    pad = tmp_path / "shared.sqlite"
    PadBook.create(pad, pages=200).close()
    env = {**os.environ, "CIPHERWIRE_HOME": str(tmp_path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cipherwire", "encode", SEED, "--pad", str(pad)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    with PadBook.open(pad) as book:
        issued = book.status().ledger
    numbers = [p.number for p in issued]
    assert len(numbers) % 8 == 0 and len(set(numbers)) == len(numbers)
    indicators = {line.split()[0] for out, _ in outputs for line in out.splitlines()[13:14]}
    assert len(indicators) == 8
    for out, _ in outputs:
        back = run("decode", "-", "--pad", str(pad), "--json", home=tmp_path, stdin=out)
        assert json.loads(back.stdout)["body"] == _seed_text_as_sent()


def test_exhausting_the_pad_book(tmp_path: Path) -> None:
    """Asking for more pages than remain fails in one line and uses nothing."""
    pad = str(tmp_path / "tiny.sqlite")
    run("pad", "new", pad, "--pages", "3", home=tmp_path)
    done = run("encode", SEED, "--pad", pad, home=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "cipherwire: error:" in done.stderr
    assert json.loads(run("pad", "status", pad, "--json", home=tmp_path).stdout)["used"] == 0


def test_parse_json_seed(tmp_path: Path) -> None:
    """parse --json gives the header and trailer fields, with ISO times and dates."""
    data = json.loads(run("parse", SEED, "--json", home=tmp_path).stdout)
    assert data["received"] == "1950-12-07T19:10:00+03:00"
    assert data["precedence"] == "top" and data["date"] == "1950-12-07"
    for key in (
        "office",
        "number",
        "department",
        "dispatched",
        "special_numbers",
        "kind",
        "destination",
        "addressee",
        "classification",
        "priority",
        "serial",
        "signature",
        "instruction",
        "official",
        "copies",
        "body",
        "body_as_sent",
        "unparsed_lines",
    ):
        assert key in data


def test_parse_stdin(tmp_path: Path) -> None:
    """'-' reads the document from standard input."""
    done = run("parse", "-", "--json", home=tmp_path, stdin=(ROOT / SEED).read_text())
    assert json.loads(done.stdout)["number"] == "23343"


def test_codebook_commands(tmp_path: Path) -> None:
    """codebook lookup finds words or shows the spelling; codebook new writes a book."""
    found = run("codebook", "lookup", "armistice", home=tmp_path)
    assert found.returncode == 0 and found.stdout.endswith("  ARMISTICE\n")
    spelled = run("codebook", "lookup", "Xqzzyv", home=tmp_path)
    assert "is not in the book" in spelled.stdout
    out = tmp_path / "book.tsv"
    made = run("codebook", "new", str(out), "--one-part", home=tmp_path)
    assert made.returncode == 0 and out.read_text().startswith("# cipherwire-codebook 1")
    cable = run("encode", SEED, "--codebook", str(out), home=tmp_path)
    back = run("decode", "-", "--codebook", str(out), "--json", home=tmp_path, stdin=cable.stdout)
    assert json.loads(back.stdout)["body"] == _seed_text_as_sent()


def _bad_inputs(tmp: Path) -> list[tuple[list[str], int, str]]:
    (tmp / "empty.txt").write_text("")
    (tmp / "binary.bin").write_bytes(b"\x00\x01\x02cable")
    (tmp / "cp1251.txt").write_bytes("Шифртелеграмма".encode("cp1251"))
    with (tmp / "big.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp / "bad-cable.txt").write_text("CABLE 1 PART 1 OF 1\nGROUPS: 2\n\n12345 1234\n")
    return [
        (["parse", str(tmp / "empty.txt")], 2, "is empty"),
        (["parse", str(tmp / "binary.bin")], 2, "is binary"),
        (["parse", str(tmp / "cp1251.txt")], 2, "is not UTF-8"),
        (["parse", str(tmp / "big.txt")], 2, "is larger than"),
        (["parse", str(tmp)], 2, "is a folder"),
        (["parse", str(tmp / "missing.txt")], 2, "no such file"),
        (["parse"], 2, "Missing argument 'FILE'"),
        (["decode", str(tmp / "bad-cable.txt")], 1, "'1234' is not a five-figure group"),
        (["pad", "status", str(tmp / "binary.bin")], 1, "binary.bin"),
        (["pad", "new", str(tmp / "x.sqlite"), "--pages", "0"], 2, "--pages"),
        (["pad", "print", str(tmp / "x.sqlite"), "--pages", "a-b"], 2, "expected A-B"),
    ]


@pytest.mark.parametrize("index", range(11))
def test_bad_input_one_line_error(tmp_path: Path, index: int) -> None:
    """Each bad input gives a one-line error naming it, a non-zero exit, no traceback."""
    args, code, message = _bad_inputs(tmp_path)[index]
    assert_one_line_error(run(*args, home=tmp_path), code, message)


def test_help_on_every_command(tmp_path: Path) -> None:
    """--help works on every command and group."""
    for args in (
        ["--help"],
        ["parse", "--help"],
        ["encode", "--help"],
        ["decode", "--help"],
        ["pad", "--help"],
        ["pad", "new", "--help"],
        ["codebook", "lookup", "--help"],
    ):
        done = run(*args, home=tmp_path)
        assert done.returncode == 0 and "Usage:" in done.stdout, args


def test_output_folder_checked_before_any_page_is_used(tmp_path: Path) -> None:
    """A cable that could not be written costs no pad page."""
    pad = str(tmp_path / "p.sqlite")
    run("pad", "new", pad, "--pages", "20", home=tmp_path)
    done = run("encode", SEED, "--pad", pad, "-o", str(tmp_path / "no" / "c.txt"), home=tmp_path)
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert json.loads(run("pad", "status", pad, "--json", home=tmp_path).stdout)["used"] == 0


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    """-o to something that is not a regular file writes into it, never replaces it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    done = run("encode", SEED, "-o", str(fifo), home=tmp_path)
    out, _ = reader.communicate(timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.startswith("CABLE 1691 PART 1 OF 2") and fifo.is_fifo()


def test_unnamed_codebook_is_not_guessed(tmp_path: Path) -> None:
    """A cable from a book without a name is not decoded with the shipped book."""
    from cipherwire.codebook.book import Codebook

    book = Codebook.generate(["we", "agree"], seed=1)
    (tmp_path / "book.tsv").write_text(book.to_text())
    (tmp_path / "t.txt").write_text("We agree.\n")
    cable = run(
        "encode", str(tmp_path / "t.txt"), "--codebook", str(tmp_path / "book.tsv"), home=tmp_path
    )
    assert "CODEBOOK: unnamed" in cable.stdout
    done = run("decode", "-", home=tmp_path, stdin=cable.stdout)
    assert done.returncode == 1 and "has no name; give it with --codebook" in done.stderr
    back = run(
        "decode", "-", "--codebook", str(tmp_path / "book.tsv"), home=tmp_path, stdin=cable.stdout
    )
    assert "WE AGREE." in back.stdout


def test_codebook_new_names_the_book_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """codebook new names the book after its file and never overwrites one."""
    out = tmp_path / "moscow-1950.tsv"
    assert run("codebook", "new", str(out), "--seed", "3", home=tmp_path).returncode == 0
    assert "# name: moscow-1950" in out.read_text()
    again = run("codebook", "new", str(out), home=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr


def test_codebook_page_handout(tmp_path: Path) -> None:
    """codebook page prints a section of the book with a title line."""
    done = run("codebook", "page", "1", "--order", "decoding", "--rows", "3", home=tmp_path)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("cipherwire-diplomatic-1950, two-part, decoding section")
    codes = [line.split()[0] for line in lines[1:]]
    assert codes == sorted(codes) and len(codes) == 3


def test_default_pad_status_never_creates_a_book(tmp_path: Path) -> None:
    """pad status without a PADBOOK reads the default one, and says so when there is none."""
    done = run("pad", "status", home=tmp_path)
    assert done.returncode == 2 and "no default pad book yet" in done.stderr
    assert not (tmp_path / "padbook.sqlite").exists()
    run("encode", SEED, home=tmp_path)
    status = run("pad", "status", "--json", home=tmp_path)
    assert json.loads(status.stdout)["used"] > 0


def test_missing_pad_book_is_a_usage_error(tmp_path: Path) -> None:
    """--pad naming no file exits 2 like any other wrong file argument."""
    done = run("encode", SEED, "--pad", str(tmp_path / "none.sqlite"), home=tmp_path)
    assert done.returncode == 2 and "no such pad book" in done.stderr
