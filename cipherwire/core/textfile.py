"""Text files a user names: the one place where input files are checked, and where a
text file (or a folder of them) is written atomically.

Archive documents and cables arrive as files (or standard input).  A wrong file should be
refused with a message that names it and says what is wrong — missing, a folder, empty,
binary, too large, not UTF-8 — before any parser sees it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cipherwire.errors import InputFileError

#: The largest input read (bytes).  The longest archive telegrams are a few pages; a cable
#: of a whole year's traffic is handled by batch commands, not as one document.
MAX_BYTES = 10 * 1024 * 1024


def read_text(path: str | Path, *, limit: int = MAX_BYTES, stdin: BinaryIO | None = None) -> str:
    """The text of ``path`` (``"-"``: standard input), decoded as UTF-8.

    A UTF-8 byte-order mark is dropped; line endings are kept as they are.

    Raises:
        InputFileError: naming the path, if it is missing, a folder, unreadable, empty,
            larger than ``limit`` bytes, binary (has NUL bytes), or not UTF-8.
    """
    name = str(path)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.exists():
            raise InputFileError("no such file", path=name)
        if p.is_dir():
            raise InputFileError("is a folder, not a file", path=name)
        try:
            with p.open("rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise InputFileError(f"cannot be read ({exc.strerror})", path=name) from exc
    if len(data) > limit:
        raise InputFileError(f"is larger than {limit:,} bytes; is it the right file?", path=name)
    if not data.strip():
        raise InputFileError("is empty", path=name)
    if b"\0" in data:
        offset = data.index(b"\0")
        raise InputFileError(f"is binary, not text (NUL byte at offset {offset})", path=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        raise InputFileError(
            f"is not UTF-8 text (byte {bad!r} at offset {exc.start}); "
            "convert it with e.g. iconv -f cp1251 -t utf-8",
            path=name,
        ) from exc
    return text.removeprefix("\ufeff")


def write_text(path: str | os.PathLike[str], text: str, *, newline: str | None = None) -> None:
    """Write ``text`` to ``path`` as UTF-8, atomically: into a temporary file beside it,
    moved into place only when complete, so a reader (or a crash) never meets half a file.
    ``newline`` is as for :func:`open`."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def new_folder(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Build a folder aside and move it into place in one step when the block ends.

    Yields a scratch folder beside ``path`` to write into; when the block ends normally
    it becomes ``path`` (which must be missing or an empty folder) by one rename, so a
    reader (or a crash, or Ctrl-C) never meets half the files.  If the block raises, the
    scratch folder is removed and ``path`` is left as it was.
    """
    target = Path(path)
    scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        yield scratch
        if target.exists():
            target.rmdir()  # empty, or this raises and nothing is lost
        os.replace(scratch, target)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(scratch)
        raise


__all__ = ["MAX_BYTES", "new_folder", "read_text", "write_text"]
