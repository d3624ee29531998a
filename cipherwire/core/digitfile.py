"""Superenciphering digit files far larger than memory, one block at a time.

A *digit file* is ASCII digits in any layout: white space is ignored, anything else is an
error.  :func:`superencipher` adds a key to one without carry (or subtracts it, with
``decipher=True``) and writes printed groups, five figures and ten groups a line: a digit
file again.  The key is another digit file at least as long or, with ``new_key``, fresh
digits from :func:`cipherwire.core.csprng.random_digits` written to a key file as they are
used (the only copy of a one-time key: keep it).  The file is read :data:`BLOCK` bytes at
a time, so the memory a run takes does not grow with the file, and each output is moved
into place only when complete.  docs/how-to/large-message-sets.md shows it at work.

>>> import io
>>> out = io.BytesIO()
>>> report = superencipher_files(io.BytesIO(b"83527 2522"), out, key=io.BytesIO(b"6666 666666"))
>>> out.getvalue(), report.digits
(b'49183 8188\\n', 9)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

from cipherwire.core.boundary import groups_to_ascii
from cipherwire.core.csprng import random_digits
from cipherwire.core.kernels import add_mod10, sub_mod10
from cipherwire.core.sizes import GROUP, GROUPS_PER_LINE
from cipherwire.errors import ArrayValueError, InputFileError

#: Bytes read at a time (8 MiB): the peak memory is a small multiple of it.
BLOCK = 8 << 20
_LINE = GROUPS_PER_LINE * GROUP  # digits on a printed line
_ZERO = ord("0")

#: 0 for a digit, 1 for white space (what ``bytes.split`` splits on), 2 for anything else.
_KIND = np.full(256, 2, dtype=np.uint8)
_KIND[_ZERO : _ZERO + 10] = 0
_KIND[[9, 10, 11, 12, 13, 32]] = 1


@dataclass(frozen=True)
class SuperencipherReport:
    """What a run did: digits enciphered (or deciphered), bytes read, and seconds taken."""

    digits: int
    bytes_read: int
    seconds: float


class _DigitReader:
    """Digits from a digit file, block by block, with the byte offset for errors."""

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self._stream = stream
        self._name = name
        self._offset = 0
        self._pending = np.zeros(0, dtype=np.uint8)
        self.bytes_read = 0
        self.done = False

    def _block(self) -> NDArray[np.uint8]:
        data = self._stream.read(BLOCK)
        if not data:
            self.done = True
            return np.zeros(0, dtype=np.uint8)
        raw = np.frombuffer(data, dtype=np.uint8)
        kind = _KIND[raw]
        if int(kind.max()) == 2:
            at = int(np.argmax(kind == 2))
            raise ArrayValueError(
                f"{self._name}: byte {bytes(raw[at : at + 1])!r} at offset "
                f"{self._offset + at} is not a digit or white space"
            )
        self._offset += raw.size
        self.bytes_read += raw.size
        digits: NDArray[np.uint8] = raw[kind == 0] - np.uint8(_ZERO)
        return digits

    def blocks(self) -> Iterator[NDArray[np.uint8]]:
        """Each block's digits, until the end of the file."""
        while not self.done:
            digits = self._block()
            if digits.size:
                yield digits

    def take(self, n: int) -> NDArray[np.uint8]:
        """The next *n* digits (fewer only at the end of the file)."""
        parts = [self._pending]
        have = self._pending.size
        while have < n and not self.done:
            block = self._block()
            parts.append(block)
            have += block.size
        joined = np.concatenate(parts) if len(parts) > 1 else parts[0]
        self._pending = joined[n:]
        return joined[:n]


def _print_lines(digits: NDArray[np.uint8]) -> bytes:
    """Digits as printed groups, ten a line; the last group may be short."""
    whole = digits.size // GROUP * GROUP
    text = bytes(groups_to_ascii(digits[:whole], check=False))
    if whole < digits.size:
        short = bytes(np.add(digits[whole:], _ZERO, dtype=np.uint8))
        if whole % _LINE:  # the short group ends the last line begun above
            text = text[:-1] + b" " + short + b"\n"
        else:
            text += short + b"\n"
    return text


class _Printer:
    """Writes digits as printed groups across blocks: whole lines now, the rest later."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._carry = np.zeros(0, dtype=np.uint8)

    def write(self, digits: NDArray[np.uint8]) -> None:
        joined = np.concatenate([self._carry, digits]) if self._carry.size else digits
        whole = joined.size // _LINE * _LINE
        if whole:
            self._stream.write(bytes(groups_to_ascii(joined[:whole], check=False)))
        self._carry = joined[whole:].copy()

    def close(self) -> None:
        if self._carry.size:
            self._stream.write(_print_lines(self._carry))
        self._carry = np.zeros(0, dtype=np.uint8)


def superencipher_files(
    source: BinaryIO,
    out: BinaryIO,
    *,
    key: BinaryIO | None = None,
    key_out: BinaryIO | None = None,
    decipher: bool = False,
    progress: Callable[[int], None] | None = None,
) -> SuperencipherReport:
    """Add (or subtract) a key to the digit file *source*, block by block, into *out*.

    Give *key* (a digit file at least as long) or *key_out* (fresh OS digits are drawn
    and written there, printed like *out*), not both.  *progress* is called with the
    number of bytes of *source* read after each block.

    Raises :class:`~cipherwire.errors.ArrayValueError` naming the offset of a byte that is
    not a digit or white space, or if the key ends before the text.
    """
    if (key is None) == (key_out is None):
        raise ArrayValueError("give either a key to read or a key file to write, not both")
    if decipher and key is None:
        raise ArrayValueError("deciphering needs the key the text was enciphered with")
    started = time.perf_counter()
    reader = _DigitReader(source, str(getattr(source, "name", "input")))
    keys = _DigitReader(key, str(getattr(key, "name", "key"))) if key is not None else None
    printer = _Printer(out)
    key_printer = _Printer(key_out) if key_out is not None else None
    total = 0
    for digits in reader.blocks():
        if keys is not None:
            pad = keys.take(digits.size)
            if pad.size < digits.size:
                raise ArrayValueError(
                    f"the key ends after {total + pad.size} digits; the text has more"
                )
        else:
            pad = random_digits(digits.size)
            assert key_printer is not None
            key_printer.write(pad)
        kernel = sub_mod10 if decipher else add_mod10
        printer.write(kernel(digits, pad, out=digits, check=False))
        total += digits.size
        if progress is not None:
            progress(reader.bytes_read)
    printer.close()
    if key_printer is not None:
        key_printer.close()
    return SuperencipherReport(total, reader.bytes_read, time.perf_counter() - started)


@contextlib.contextmanager
def _atomic(target: Path) -> Iterator[BinaryIO]:
    """A file written beside *target* and moved into place only when complete."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _input(path: Path) -> BinaryIO:
    if not path.exists():
        raise InputFileError("no such file", path=str(path))
    if path.is_dir():
        raise InputFileError("is a folder, not a file", path=str(path))
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputFileError(f"cannot be read ({exc.strerror})", path=str(path)) from exc


def superencipher(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    key: str | os.PathLike[str] | None = None,
    new_key: str | os.PathLike[str] | None = None,
    decipher: bool = False,
    progress: Callable[[int], None] | None = None,
) -> SuperencipherReport:
    """Superencipher the digit file *source* into *out* (see :func:`superencipher_files`).

    With *new_key*, the fresh key is written to that file (which must not exist: an
    existing key is never overwritten).  Raises
    :class:`~cipherwire.errors.InputFileError` for a missing input or key file.
    """
    source_path, out_path = Path(source), Path(out)
    if new_key is not None and Path(new_key).exists():
        raise InputFileError("exists: a key file is never overwritten", path=str(new_key))
    with contextlib.ExitStack() as stack:
        src = stack.enter_context(_input(source_path))
        key_in = stack.enter_context(_input(Path(key))) if key is not None else None
        key_out = stack.enter_context(_atomic(Path(new_key))) if new_key is not None else None
        dst = stack.enter_context(_atomic(out_path))
        return superencipher_files(
            src, dst, key=key_in, key_out=key_out, decipher=decipher, progress=progress
        )


__all__ = ["BLOCK", "SuperencipherReport", "superencipher", "superencipher_files"]
