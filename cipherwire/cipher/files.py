"""The files of a batch: many telegrams, or many cables, read from a folder or one file.

:func:`read_batch` reads the telegrams ``cipherwire encode-batch`` enciphers (a folder of
archive documents, or a JSON-lines file of texts); :func:`read_cables` the cables
``cipherwire decode-batch`` deciphers (a folder of cable files, as ``encode-batch`` writes
them, or one file of many cables, as the VENONA lesson's ``cables.txt``).  Every entry is
named, so that an error can say which file or line it is in, and so that what is written
back can keep the names.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cipherwire.core.textfile import read_text
from cipherwire.errors import BatchError, CipherwireError, InputFileError
from cipherwire.telegram.document import Telegram

#: The telegram fields a JSON-lines entry may give besides its text.
JSON_FIELDS = (
    "office", "number", "serial", "special_numbers", "origin", "destination",
    "addressee", "classification", "priority",
)  # fmt: skip


def read_batch(
    path: str | os.PathLike[str], *, progress: Callable[[int], None] | None = None
) -> list[tuple[str, Telegram]]:
    """Read the telegrams of a batch: a folder of archive telegrams, or a JSON-lines file.

    A folder: every ``*.txt`` file in it (not in sub-folders), in name order, each read
    as an archive document (:meth:`Telegram.from_text
    <cipherwire.telegram.document.Telegram.from_text>`) and named by its file name without
    ``.txt``.  A JSON-lines file: one telegram a line, either a JSON string (the text)
    or an object with ``"text"`` and any of :data:`JSON_FIELDS`
    (``"special_numbers"`` a list of strings); blank lines are skipped, and the
    telegrams are named by line number (``000001``, ...).  *progress* is called with the
    number of telegrams read so far, now and then.

    Raises :class:`~cipherwire.errors.InputFileError` if *path* is missing, and
    :class:`~cipherwire.errors.BatchError` naming the file or line of an entry that cannot
    be read, or if there are no telegrams.
    """

    def one(file: Path) -> tuple[str, Telegram]:
        try:
            return file.stem, Telegram.from_text(read_text(file))
        except CipherwireError as exc:
            raise BatchError(str(exc), entry=str(file)) from exc

    def many(file: Path) -> list[tuple[str, Telegram]]:
        return _read_jsonl(file, progress)

    return _entries(
        path, one, many, "no telegrams in it (a folder of .txt files or JSON lines)", progress
    )


def _read_jsonl(path: Path, progress: Callable[[int], None] | None) -> list[tuple[str, Telegram]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputFileError(f"is not UTF-8 text (offset {exc.start})", path=str(path)) from exc
    except OSError as exc:
        raise InputFileError(f"cannot be read ({exc.strerror})", path=str(path)) from exc
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        entry = f"{path}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BatchError(f"not JSON: {exc.msg} (column {exc.colno})", entry=entry) from None
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise BatchError('each line is a JSON string or an object with a "text"', entry=entry)
        unknown = sorted(set(value) - {"text", *JSON_FIELDS})
        if unknown:
            raise BatchError(f"unknown field(s) {', '.join(map(repr, unknown))}", entry=entry)
        fields = {k: v for k, v in value.items() if k != "text"}
        if "special_numbers" in fields:
            numbers = fields["special_numbers"]
            if not isinstance(numbers, list) or not all(isinstance(n, str) for n in numbers):
                raise BatchError('"special_numbers" must be a list of strings', entry=entry)
            fields["special_numbers"] = tuple(numbers)
        try:
            found.append((f"{number:06d}", Telegram(body=value["text"], **fields)))
        except (CipherwireError, TypeError) as exc:
            raise BatchError(str(exc), entry=entry) from None
        if progress is not None and len(found) % 4096 == 0:
            progress(len(found))
    return found


_T = TypeVar("_T")
#: The largest file of many cables read at once (a year of a department's traffic).
_MANY_BYTES = 1 << 30
#: The first line of a cable: a new cable in a file of many begins here.
_FIRST_PART = re.compile(r"CABLE \S+ PART 1 OF \d+$")


def split_cables(text: str) -> list[str]:
    """The cables of a text that holds many, one after the other: each begins at its
    ``CABLE ... PART 1 OF n`` line (its other parts follow it).

    >>> split_cables("CABLE 7 PART 1 OF 1\\nGROUPS: 3\\n\\nCABLE 8 PART 1 OF 1\\n")
    ['CABLE 7 PART 1 OF 1\\nGROUPS: 3', 'CABLE 8 PART 1 OF 1']

    Raises :class:`~cipherwire.errors.BatchError` naming the line if text comes before
    the first cable.
    """
    chunks: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if _FIRST_PART.match(line):
            chunks.append([line])
        elif chunks:
            chunks[-1].append(line)
        elif line.strip():
            raise BatchError(f"expected a CABLE line first, found {line!r}", entry=f"line {number}")
    return ["\n".join(chunk).strip("\n") for chunk in chunks]


def read_cables(
    path: str | os.PathLike[str], *, progress: Callable[[int], None] | None = None
) -> list[tuple[str, str]]:
    """Read the cables of a batch, each with a name: a folder, or one file of many.

    A folder: every ``*.txt`` file in it (not in sub-folders), in name order, one cable
    each, named by the file name without ``.txt`` or ``.cable.txt`` (what ``cipherwire
    encode-batch`` writes).  A file: the cables in it (:func:`split_cables`), named by
    their order (``000001``, ...).  *progress* is called with the number of files read so
    far, now and then.

    Raises :class:`~cipherwire.errors.InputFileError` if *path* is missing or unreadable,
    and :class:`~cipherwire.errors.BatchError` naming the file or line at fault, or if
    there are no cables.
    """

    def one(file: Path) -> tuple[str, str]:
        return file.name.removesuffix(".txt").removesuffix(".cable"), read_text(file)

    def many(file: Path) -> list[tuple[str, str]]:
        try:
            cables = split_cables(read_text(file, limit=_MANY_BYTES))
        except BatchError as exc:
            raise BatchError(str(exc), entry=str(file)) from None
        return [(f"{i:06d}", text) for i, text in enumerate(cables, start=1)]

    return _entries(
        path, one, many, "no cables in it (a folder of .txt files or a file of cables)", progress
    )


def _entries(
    path: str | os.PathLike[str],
    one: Callable[[Path], tuple[str, _T]],
    many: Callable[[Path], list[tuple[str, _T]]],
    empty: str,
    progress: Callable[[int], None] | None,
) -> list[tuple[str, _T]]:
    """A folder's ``*.txt`` files (not in sub-folders, hidden ones skipped) in name order,
    each read by ``one``; or the entries ``many`` reads from one file."""
    where = Path(path)
    if not where.exists():
        raise InputFileError("no such file or folder", path=str(where))
    if where.is_dir():
        files = sorted(p for p in where.glob("*.txt") if p.is_file() and not p.name.startswith("."))
        found = []
        for i, file in enumerate(files, start=1):
            found.append(one(file))
            if progress is not None and i % 256 == 0:
                progress(i)
    else:
        found = many(where)
    if progress is not None:
        progress(len(found))
    if not found:
        raise BatchError(empty, entry=str(where))
    return found


__all__ = ["JSON_FIELDS", "read_batch", "read_cables", "split_cables"]
