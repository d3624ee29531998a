"""Tests for cipherwire.core.textfile: checked text input, atomic text and folder output."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.core.textfile import MAX_BYTES, new_folder, read_text, write_text
from cipherwire.errors import CipherwireError, InputFileError


def test_reads_utf8(tmp_path: Path) -> None:
    """A UTF-8 file reads back as its text, Cyrillic included."""
    path = tmp_path / "t.txt"
    path.write_bytes("ТЕЛЕГРАММА 1950\n".encode())
    assert read_text(path) == "ТЕЛЕГРАММА 1950\n"


def test_accepts_str_path(tmp_path: Path) -> None:
    """A path given as a str works like a Path."""
    path = tmp_path / "t.txt"
    path.write_bytes(b"abc")
    assert read_text(str(path)) == "abc"


def test_drops_bom_keeps_line_endings(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark is dropped; CRLF and CR line endings are kept as they are."""
    path = tmp_path / "t.txt"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text(path) == "one\r\ntwo\rthree\n"


def test_only_leading_bom_dropped(tmp_path: Path) -> None:
    """A BOM in the middle of the text is text, not a mark, and stays."""
    path = tmp_path / "t.txt"
    path.write_bytes("a\ufeffb".encode())
    assert read_text(path) == "a\ufeffb"


def test_stdin() -> None:
    """'-' reads the given standard-input stream."""
    assert read_text("-", stdin=io.BytesIO("ПРИВЕТ".encode())) == "ПРИВЕТ"


def test_limit_is_inclusive(tmp_path: Path) -> None:
    """A file of exactly limit bytes is read; one byte more is refused."""
    path = tmp_path / "t.txt"
    path.write_bytes(b"x" * 10)
    assert read_text(path, limit=10) == "x" * 10
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputFileError, match="larger than 10 bytes"):
        read_text(path, limit=10)


def test_default_limit_is_ten_mebibytes() -> None:
    """The default limit is 10 MiB."""
    assert MAX_BYTES == 10 * 1024 * 1024


def bad_file(tmp_path: Path, kind: str) -> Path:
    """A path of the *kind* of bad input named."""
    path = tmp_path / f"{kind}.txt"
    contents = {
        "empty": b"",
        "blank": b"  \n\t\r\n",
        "binary": b"abc\0def",
        "cp1251": "ТЕКСТ".encode("cp1251"),
        "large": b"1" * 65,
    }
    if kind == "missing":
        return path
    if kind == "folder":
        path.mkdir()
        return path
    path.write_bytes(contents[kind])
    return path


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("missing", "no such file"),
        ("folder", "is a folder"),
        ("empty", "is empty"),
        ("blank", "is empty"),
        ("binary", "NUL byte at offset 3"),
        ("cp1251", r"not UTF-8 text \(byte b'\\xd2' at offset 0\)"),
        ("large", "larger than 64 bytes"),
    ],
    ids=lambda v: v if isinstance(v, str) and " " not in v else None,
)
def test_refuses_bad_input(tmp_path: Path, kind: str, says: str) -> None:
    """Each kind of bad input is an InputFileError (a ValueError) naming the path and the fault."""
    path = bad_file(tmp_path, kind)
    with pytest.raises(InputFileError, match=says) as info:
        read_text(path, limit=64)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, CipherwireError)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_refuses_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the OS will not let us read is refused, naming the path and the reason."""
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputFileError, match=r"cannot be read \(Permission denied\)") as info:
        read_text(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    ("data", "says"),
    [(b"", "is empty"), (b"a\0", "binary"), (b"x" * 9, "larger than 8 bytes"), (b"\xff", "UTF-8")],
    ids=["empty", "binary", "large", "not-utf8"],
)
def test_stdin_refusals_name_stdin(data: bytes, says: str) -> None:
    """Bad standard input is refused under the name <stdin>."""
    with pytest.raises(InputFileError, match=says) as info:
        read_text("-", limit=8, stdin=io.BytesIO(data))
    assert info.value.path == "<stdin>"


@settings(max_examples=50, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0\ufeff"))
)
def test_write_read_round_trip(text: str) -> None:
    """write_text then read_text gives the text back, line endings untouched."""
    import tempfile

    if not text.strip():
        return  # read_text refuses empty input, tested above
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        write_text(path, text, newline="")
        assert read_text(path) == text


def test_write_replaces_and_leaves_no_scratch(tmp_path: Path) -> None:
    """Writing over a file replaces it whole; no temporary file is left beside it."""
    path = tmp_path / "out.txt"
    path.write_text("old contents, longer than the new")
    write_text(path, "new")
    assert path.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_write_newline_translation(tmp_path: Path) -> None:
    """newline is as for open(): '\\r\\n' writes CRLF line endings."""
    path = tmp_path / "out.txt"
    write_text(path, "a\nb\n", newline="\r\n")
    assert path.read_bytes() == b"a\r\nb\r\n"


def test_write_error_leaves_old_file(tmp_path: Path) -> None:
    """Text that cannot be encoded raises, and the old file and folder are left untouched."""
    path = tmp_path / "out.txt"
    path.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text(path, "bad \ud800 surrogate")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_write_error_creates_nothing(tmp_path: Path) -> None:
    """A failed first write leaves no file at all, not a partial one."""
    path = tmp_path / "out.txt"
    with pytest.raises(UnicodeEncodeError):
        write_text(path, "x" * 10_000 + "\ud800")
    assert list(tmp_path.iterdir()) == []


def test_write_is_private(tmp_path: Path) -> None:
    """The file written is not readable by group or others (it may hold key material)."""
    path = tmp_path / "out.txt"
    write_text(path, "12345 67890\n")
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_new_folder_moves_into_place(tmp_path: Path) -> None:
    """The scratch folder is beside the target and becomes it, files and all, at the end."""
    target = tmp_path / "out"
    with new_folder(target) as scratch:
        assert scratch.parent == tmp_path
        assert scratch != target
        (scratch / "a.txt").write_text("a")
        assert not target.exists()
    assert (target / "a.txt").read_text() == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_new_folder_replaces_empty_folder(tmp_path: Path) -> None:
    """An existing empty folder is replaced."""
    target = tmp_path / "out"
    target.mkdir()
    with new_folder(target) as scratch:
        (scratch / "b.txt").write_text("b")
    assert [p.name for p in target.iterdir()] == ["b.txt"]


def test_new_folder_keeps_full_folder(tmp_path: Path) -> None:
    """A folder that is not empty is not replaced: the block's error surfaces, nothing is lost."""
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    with pytest.raises(OSError), new_folder(target) as scratch:
        (scratch / "new.txt").write_text("new")
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_new_folder_error_removes_scratch(tmp_path: Path) -> None:
    """If the block raises, the scratch folder goes and the target is never made."""
    target = tmp_path / "out"

    class Stop(Exception):
        """An error raised inside the block."""

    with pytest.raises(Stop), new_folder(target) as scratch:
        (scratch / "half.txt").write_text("half")
        raise Stop
    assert list(tmp_path.iterdir()) == []


def test_new_folder_interrupt_removes_scratch(tmp_path: Path) -> None:
    """Ctrl-C (KeyboardInterrupt) inside the block also leaves nothing behind."""
    target = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt), new_folder(target) as scratch:
        (scratch / "half.txt").write_text("half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
