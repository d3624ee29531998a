"""The codebook file: the text format of :class:`~cipherwire.codebook.book.Codebook`.

UTF-8, ``#`` header lines (``# cipherwire-codebook 1``, ``# kind: two-part`` or ``# kind:
one-part``, optional ``# name: ...`` and ``# seed: N``), then one ``CODE<TAB>PLAINTEXT``
line per entry; :func:`parse` names the line of any error and quotes the value, and
:func:`write` replaces a file atomically.  docs/explanation/codebooks.md describes the format.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import tempfile
from pathlib import Path

from cipherwire.codebook import spelling
from cipherwire.core.sizes import CODE
from cipherwire.errors import CodebookError

FORMAT_VERSION = 1
"""The codebook file format version this module reads and writes."""

_MAGIC = "# cipherwire-codebook"
_CODE_PATTERN = re.compile(rf"[0-9]{{{CODE}}}")


def parse(text: str) -> tuple[tuple[tuple[str, int], ...], bool, str | None, int | None]:
    """Read a book file's text: return its entries, whether it is two-part, name and seed.

    Every check that can name a line is made here, with the line; the book checks its
    entries again when it is built.  Blank lines are skipped; other ``#`` header lines are
    comments.
    """
    lines = text.split("\n")
    kind, name, seed, first = _parse_header(lines)
    entries, lines_of = _parse_entries(lines, first=first)
    last = len(lines) - (lines[-1] == "")
    present = {text for text, _ in entries}
    missing = sorted(spelling.RESERVED - present)
    if missing:
        raise CodebookError(f"missing control groups: {', '.join(map(repr, missing))}", line=last)
    if not kind:
        ordered = sorted(entries)
        for (earlier, code), (later, following) in itertools.pairwise(ordered):
            if following <= code:
                raise CodebookError(
                    f"one-part book: code {following:04d} of {later!r} does not ascend "
                    f"after {code:04d} of {earlier!r}",
                    line=lines_of[later],
                )
    return tuple(entries), kind, name, seed


def format_book(
    entries: tuple[tuple[str, int], ...], *, two_part: bool, name: str | None, seed: int | None
) -> str:
    """Write a book's text: the header, then its entries in the order given, ending in a newline."""
    head = [
        f"{_MAGIC} {FORMAT_VERSION}",
        f"# kind: {'two-part' if two_part else 'one-part'}",
    ]
    if name is not None:
        head.append(f"# name: {name}")
    if seed is not None:
        head.append(f"# seed: {seed}")
    body = [f"{code:04d}\t{text}" for text, code in entries]
    return "\n".join([*head, *body]) + "\n"


def write(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically (a temporary file, then :func:`os.replace`).

    A file that is replaced keeps its permissions; a new one is readable by its owner
    only, as befits a codebook.
    """
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if target.exists():
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _parse_header(lines: list[str]) -> tuple[bool, str | None, int | None, int]:
    """Read the ``#`` header: return (two_part, name, seed, line number of the first entry)."""
    header = lines[0].rstrip("\r")
    if not header.startswith(_MAGIC + " "):
        raise CodebookError(
            f"not a cipherwire codebook: expected {_MAGIC + ' 1'!r}, found {header!r}", line=1
        )
    version = header[len(_MAGIC) + 1 :].strip()
    if version != str(FORMAT_VERSION):
        raise CodebookError(
            f"unknown format version {version!r} (this cipherwire reads version {FORMAT_VERSION})",
            line=1,
        )
    kind: bool | None = None
    name: str | None = None
    seed: int | None = None
    number = 2
    while number <= len(lines) and lines[number - 1].startswith("#"):
        key, colon, value = lines[number - 1].rstrip("\r")[1:].partition(":")
        key, value = key.strip(), value.strip()
        if colon and key == "kind":
            if value not in ("two-part", "one-part"):
                raise CodebookError(f"unknown kind {value!r}", line=number)
            kind = value == "two-part"
        elif colon and key == "name":
            if not value:
                raise CodebookError(f"empty book name {value!r}", line=number)
            name = value
        elif colon and key == "seed":
            if not re.fullmatch(r"-?[0-9]+", value):
                raise CodebookError(f"seed {value!r} is not a whole number", line=number)
            seed = int(value)
        number += 1
    if kind is None:
        raise CodebookError("no '# kind: two-part' or '# kind: one-part' line", line=number)
    return kind, name, seed, number


def _parse_entries(lines: list[str], *, first: int) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """Parse ``CODE<TAB>PLAINTEXT`` lines from 1-based line ``first`` on."""
    entries: list[tuple[str, int]] = []
    code_lines: dict[int, int] = {}
    text_lines: dict[str, int] = {}
    for number, raw in enumerate(lines[first - 1 :], start=first):
        line = raw.rstrip("\r")
        if not line:
            continue
        code_text, tab, text = line.partition("\t")
        if not tab:
            raise CodebookError(f"no tab between code and plaintext in {line!r}", line=number)
        if not _CODE_PATTERN.fullmatch(code_text):
            raise CodebookError(f"code {code_text!r} is not four figures", line=number)
        spelling.check_plaintext(text, line=number)
        code = int(code_text)
        if code in code_lines:
            raise CodebookError(
                f"duplicate code {code_text!r} (first on line {code_lines[code]})", line=number
            )
        if text in text_lines:
            raise CodebookError(
                f"duplicate plaintext {text!r} (first on line {text_lines[text]})", line=number
            )
        code_lines[code], text_lines[text] = number, number
        entries.append((text, code))
    return entries, text_lines


__all__ = ["FORMAT_VERSION", "format_book", "parse", "write"]
