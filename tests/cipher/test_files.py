"""Tests for cipherwire.cipher.files: reading a batch of telegrams or cables, each entry named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cipherwire.cipher.files import JSON_FIELDS, read_batch, read_cables, split_cables
from cipherwire.errors import BatchError, CipherwireError, InputFileError

BODY = "Report the arrival of the delegation.\n"


def test_folder_of_telegrams(tmp_path: Path) -> None:
    """A folder: every .txt file, in name order, named by its stem; others and hidden skipped."""
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"Report the arrival of {name[0]}.\n")
    (tmp_path / "notes.md").write_text("not a telegram")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("in a sub-folder")
    found = read_batch(tmp_path)
    assert [name for name, _ in found] == ["a", "b", "c"]
    assert [t.body for _, t in found] == [f"Report the arrival of {c}." for c in "abc"]


def test_jsonl_batch(tmp_path: Path) -> None:
    """JSON lines: strings or objects with fields, blank lines skipped, named by line number."""
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps("First text."),
        "",
        json.dumps({"text": "Second text.", "number": "2522", "special_numbers": ["71", "72"]}),
        "   ",
        json.dumps({"text": "Third.", "origin": "BEIJING", "priority": "URGENT"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    found = read_batch(path)
    assert [name for name, _ in found] == ["000001", "000003", "000005"]
    assert found[0][1].body == "First text."
    assert found[1][1].number == "2522"
    assert found[1][1].special_numbers == ("71", "72")
    assert (found[2][1].origin, found[2][1].priority) == ("BEIJING", "URGENT")


def test_every_json_field_accepted(tmp_path: Path) -> None:
    """Each field JSON_FIELDS names can be given, and lands on the telegram."""
    path = tmp_path / "batch.jsonl"
    value: dict[str, object] = {name: "X1" for name in JSON_FIELDS}
    value["special_numbers"] = ["5"]
    value["text"] = "Body."
    path.write_text(json.dumps(value) + "\n")
    ((_, telegram),) = read_batch(path)
    for name in JSON_FIELDS:
        assert getattr(telegram, name) == (("5",) if name == "special_numbers" else "X1")


def test_progress_reports_the_total(tmp_path: Path) -> None:
    """progress is told the number read so far; its last call is the total."""
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(BODY)
    calls: list[int] = []
    read_batch(tmp_path, progress=calls.append)
    assert calls[-1] == 3
    assert calls == sorted(calls)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{not json", r"not JSON: .*\(column 2\)"),
        ("42", 'a JSON string or an object with a "text"'),
        (json.dumps({"body": "x"}), 'an object with a "text"'),
        (json.dumps({"text": 7}), 'an object with a "text"'),
        (json.dumps({"text": "x", "colour": "red", "author": "me"}), "'author', 'colour'"),
        (json.dumps({"text": "x", "special_numbers": "71"}), "must be a list of strings"),
        (json.dumps({"text": "x", "special_numbers": [71]}), "must be a list of strings"),
        (json.dumps({"text": "x", "office": " padded "}), "office must be one line"),
        (json.dumps({"text": "x", "number": 5}), "number must be one line"),
    ],
    ids=[
        "not-json",
        "number",
        "no-text",
        "text-not-str",
        "unknown-fields",
        "numbers-not-list",
        "numbers-not-str",
        "bad-field",
        "field-not-str",
    ],
)
def test_jsonl_errors_name_the_line(tmp_path: Path, line: str, says: str) -> None:
    """A bad JSON line is a BatchError naming file:line (the real line, blank ones counted)."""
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps("Good.") + "\n\n" + line + "\n")
    with pytest.raises(BatchError, match=says) as info:
        read_batch(path)
    assert info.value.entry == f"{path}:3"
    assert str(info.value).startswith(f"{path}:3: ")
    assert isinstance(info.value, ValueError)


def test_folder_error_names_the_file(tmp_path: Path) -> None:
    """A file of the folder that cannot be read is a BatchError naming that file."""
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(BatchError, match="binary") as info:
        read_batch(tmp_path)
    assert info.value.entry == str(tmp_path / "b.txt")


def test_jsonl_not_utf8(tmp_path: Path) -> None:
    """A JSON-lines file that is not UTF-8 is an InputFileError naming it."""
    path = tmp_path / "batch.jsonl"
    path.write_bytes('"ТЕКСТ"\n'.encode("cp1251"))
    with pytest.raises(InputFileError, match="not UTF-8") as info:
        read_batch(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize("reader", [read_batch, read_cables], ids=["batch", "cables"])
def test_missing_path(tmp_path: Path, reader: object) -> None:
    """A missing path is an InputFileError naming it."""
    path = tmp_path / "nothing"
    with pytest.raises(InputFileError, match="no such file or folder") as info:
        reader(path)  # type: ignore[operator]
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    ("reader", "says"),
    [(read_batch, "no telegrams in it"), (read_cables, "no cables in it")],
    ids=["batch", "cables"],
)
def test_empty_folder(tmp_path: Path, reader: object, says: str) -> None:
    """A folder without .txt files is a BatchError naming the folder."""
    (tmp_path / "readme.md").write_text("nothing here")
    with pytest.raises(BatchError, match=says) as info:
        reader(tmp_path)  # type: ignore[operator]
    assert info.value.entry == str(tmp_path)
    assert isinstance(info.value, CipherwireError)


def test_blank_jsonl_is_empty_batch(tmp_path: Path) -> None:
    """A JSON-lines file of blank lines holds no telegrams."""
    path = tmp_path / "batch.jsonl"
    path.write_text("\n  \n\n")
    with pytest.raises(BatchError, match="no telegrams") as info:
        read_batch(path)
    assert info.value.entry == str(path)


@pytest.mark.parametrize(
    ("text", "cables"),
    [
        ("", []),
        ("\n\n", []),
        ("CABLE 7 PART 1 OF 1\nGROUPS: 3\n", ["CABLE 7 PART 1 OF 1\nGROUPS: 3"]),
        (
            "\nCABLE 7 PART 1 OF 2\nA\n\nCABLE 7 PART 2 OF 2\nB\n\nCABLE 8 PART 1 OF 1\nC\n\n",
            ["CABLE 7 PART 1 OF 2\nA\n\nCABLE 7 PART 2 OF 2\nB", "CABLE 8 PART 1 OF 1\nC"],
        ),
        ("CABLE 7 PART 1 OF 1\r\nX\r\n", ["CABLE 7 PART 1 OF 1\nX"]),
    ],
    ids=["empty", "blank", "one", "parts-stay-together", "crlf"],
)
def test_split_cables_table(text: str, cables: list[str]) -> None:
    """A new cable begins at each PART 1 line; later parts stay with their cable."""
    assert split_cables(text) == cables


def test_split_cables_text_before_first() -> None:
    """Text before the first cable is a BatchError naming the line and quoting it."""
    with pytest.raises(BatchError, match="found 'HELLO'") as info:
        split_cables("\n\nHELLO\nCABLE 7 PART 1 OF 1\n")
    assert info.value.entry == "line 3"


def test_read_cables_folder(tmp_path: Path) -> None:
    """A folder: one cable a file, named without .txt or .cable.txt, in name order."""
    (tmp_path / "b.cable.txt").write_text("CABLE B PART 1 OF 1\n")
    (tmp_path / "a.txt").write_text("CABLE A PART 1 OF 1\n")
    (tmp_path / "skip.cable").write_text("CABLE S PART 1 OF 1\n")
    assert read_cables(tmp_path) == [
        ("a", "CABLE A PART 1 OF 1\n"),
        ("b", "CABLE B PART 1 OF 1\n"),
    ]


def test_read_cables_file(tmp_path: Path) -> None:
    """A file of many cables: split, named by their order."""
    path = tmp_path / "cables.txt"
    path.write_text("CABLE 1 PART 1 OF 1\nX\n\nCABLE 2 PART 1 OF 1\nY\n")
    assert read_cables(path) == [
        ("000001", "CABLE 1 PART 1 OF 1\nX"),
        ("000002", "CABLE 2 PART 1 OF 1\nY"),
    ]


def test_read_cables_file_errors_name_file_and_line(tmp_path: Path) -> None:
    """Text before the first cable of a file is reported with the file and the line."""
    path = tmp_path / "cables.txt"
    path.write_text("junk\nCABLE 1 PART 1 OF 1\n")
    with pytest.raises(BatchError) as info:
        read_cables(path)
    assert info.value.entry == str(path)
    assert str(info.value) == f"{path}: line 1: expected a CABLE line first, found 'junk'"


def test_read_cables_file_refused_input(tmp_path: Path) -> None:
    """An empty cables file is refused by the input check, naming it."""
    path = tmp_path / "cables.txt"
    path.write_text("")
    with pytest.raises(InputFileError, match="is empty") as info:
        read_cables(path)
    assert info.value.path == str(path)
