"""Tests for cipherwire.codebook.bookfile: the codebook's text format and its atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipherwire.codebook.book import Codebook
from cipherwire.codebook.bookfile import FORMAT_VERSION, format_book, parse, write
from cipherwire.errors import CodebookError

BOOK = Codebook.generate(["agree", "the following"], seed=7, name="demo")


def test_parse_reads_what_format_book_writes() -> None:
    """parse gives back the entries, kind, name and seed that format_book wrote."""
    text = format_book(BOOK.entries, two_part=True, name="demo", seed=7)
    assert text.startswith(f"# cipherwire-codebook {FORMAT_VERSION}\n# kind: two-part\n")
    assert text.endswith("\n") and text == BOOK.to_text()
    assert parse(text) == (BOOK.entries, True, "demo", 7)


def test_parse_names_the_line() -> None:
    """A bad entry line is reported with its number and the value quoted."""
    text = BOOK.to_text() + "12345\tZEBRA\n"
    with pytest.raises(CodebookError, match=r"'12345' is not four figures") as caught:
        parse(text)
    assert caught.value.line == len(BOOK) + 5


def test_write_is_atomic_and_private(tmp_path: Path) -> None:
    """A new file is its owner's only; a replaced one keeps its mode; no temporary is left."""
    path = tmp_path / "book.tsv"
    write(path, "first\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)
    write(path, "second\n")
    assert path.read_text(encoding="utf-8") == "second\n"
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["book.tsv"]


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    """A write that fails leaves the old file as it was and no temporary behind."""
    path = tmp_path / "book.tsv"
    write(path, "first\n")
    with pytest.raises(UnicodeEncodeError):
        write(path, "\ud800")
    assert path.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["book.tsv"]
