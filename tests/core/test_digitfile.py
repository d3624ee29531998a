"""Tests for cipherwire.core.digitfile: superenciphering digit files block by block."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.core import digitfile
from cipherwire.core.digitfile import superencipher, superencipher_files
from cipherwire.errors import ArrayValueError, InputFileError


def printed(digits: str) -> bytes:
    """The reference layout: five figures a group, ten groups a line."""
    groups = [digits[i : i + 5] for i in range(0, len(digits), 5)]
    return "".join(" ".join(groups[i : i + 10]) + "\n" for i in range(0, len(groups), 10)).encode()


def layouts(digits: str, cut: int) -> bytes:
    """The same digits in another layout: lines of *cut* digits, tabs and CRLF."""
    lines = [digits[i : i + cut] for i in range(0, len(digits), cut)]
    return "\r\n\t".join(lines).encode()


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789", max_size=400), st.integers(1, 17), st.integers(1, 64))
def test_streaming_matches_reference(plain: str, cut: int, block: int) -> None:
    """Any layout, any block size: the digits plus key without carry, printed in groups."""
    saved_block = digitfile.BLOCK
    digitfile.BLOCK = block  # many blocks, cut anywhere: in groups, in lines, in white space
    try:
        key = "".join(str((i * 7 + 3) % 10) for i in range(len(plain) + 5))
        out = io.BytesIO()
        report = superencipher_files(
            io.BytesIO(layouts(plain, cut)), out, key=io.BytesIO(printed(key))
        )
        sent = "".join(str((int(p) + int(k)) % 10) for p, k in zip(plain, key, strict=False))
        assert out.getvalue() == printed(sent)
        assert report.digits == len(plain)
        back = io.BytesIO()
        superencipher_files(
            io.BytesIO(out.getvalue()), back, key=io.BytesIO(printed(key)), decipher=True
        )
        assert back.getvalue() == printed(plain)
    finally:
        digitfile.BLOCK = saved_block


def test_fresh_key_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With new_key the key is drawn, written, and deciphers the file again."""
    monkeypatch.setattr(digitfile, "BLOCK", 1000)
    plain = tmp_path / "plain.txt"
    digits = "".join(str(d) for d in np.random.default_rng(5).integers(0, 10, 12_345))
    plain.write_bytes(printed(digits))
    seen: list[int] = []
    report = superencipher(
        plain, tmp_path / "sent.txt", new_key=tmp_path / "key.txt", progress=seen.append
    )
    assert report.digits == 12_345 and report.bytes_read == plain.stat().st_size
    assert seen[-1] == report.bytes_read and seen == sorted(seen)
    key = (tmp_path / "key.txt").read_bytes()
    assert len(key.split()) == len(printed(digits).split())
    superencipher(
        tmp_path / "sent.txt", tmp_path / "back.txt", key=tmp_path / "key.txt", decipher=True
    )
    assert (tmp_path / "back.txt").read_bytes() == printed(digits)


def test_bad_byte_is_located(monkeypatch: pytest.MonkeyPatch) -> None:
    """A byte that is neither digit nor white space is named with its file offset."""
    monkeypatch.setattr(digitfile, "BLOCK", 4)
    with pytest.raises(ArrayValueError, match=r"byte b'x' at offset 9 is not a digit"):
        superencipher_files(io.BytesIO(b"12345 678x9"), io.BytesIO(), key_out=io.BytesIO())


def test_short_key() -> None:
    """A key that ends before the text is refused, saying where."""
    with pytest.raises(ArrayValueError, match="the key ends after 3 digits"):
        superencipher_files(io.BytesIO(b"12345"), io.BytesIO(), key=io.BytesIO(b"123"))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param({}, "either a key", id="no-key"),
        pytest.param({"key": b"1", "key_out": True}, "either a key", id="both"),
        pytest.param({"key_out": True, "decipher": True}, "needs the key", id="decipher-new"),
    ],
)
def test_bad_options(options: dict[str, object], message: str) -> None:
    """One key source, and deciphering only with a key read."""
    kwargs = {
        name: io.BytesIO(value)
        if isinstance(value, bytes)
        else io.BytesIO()
        if value is True
        else value
        for name, value in options.items()
    }
    with pytest.raises(ArrayValueError, match=message):
        superencipher_files(io.BytesIO(b"1"), io.BytesIO(), **kwargs)  # type: ignore[arg-type]


def test_files_checked_and_never_half_written(tmp_path: Path) -> None:
    """Missing inputs are named; an existing key is never overwritten; no half file stays."""
    with pytest.raises(InputFileError, match="no such file"):
        superencipher(tmp_path / "none.txt", tmp_path / "out.txt", new_key=tmp_path / "k.txt")
    (tmp_path / "p.txt").write_bytes(b"12345 6789x")
    (tmp_path / "old-key.txt").write_bytes(b"1")
    with pytest.raises(InputFileError, match="never overwritten"):
        superencipher(tmp_path / "p.txt", tmp_path / "out.txt", new_key=tmp_path / "old-key.txt")
    with pytest.raises(ArrayValueError):
        superencipher(tmp_path / "p.txt", tmp_path / "out.txt", new_key=tmp_path / "k.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old-key.txt", "p.txt"]
