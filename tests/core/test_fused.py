"""The fused kernels (cipherwire.core._engine.fused) against plain arithmetic and the NumPy path."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from cipherwire.core import add_mod10, add_mod26, letter_pad, sub_mod10, sub_mod26
from cipherwire.core._engine import chunks, fused
from cipherwire.errors import ArrayValueError

KERNELS = {
    "add_mod10": (add_mod10, 10, 1),
    "sub_mod10": (sub_mod10, 10, -1),
    "add_mod26": (add_mod26, 26, 1),
    "sub_mod26": (sub_mod26, 26, -1),
}
BIG = fused.SMALLEST + chunks.BLOCK * 3 + 5  # fused, several blocks and a short last one


def reference(sign: int, modulus: int, a: NDArray[np.uint8], b: NDArray[np.uint8]) -> list[int]:
    return ((a.astype(np.int64) + sign * b.astype(np.int64)) % modulus).tolist()


@pytest.fixture
def numpy_path() -> Iterator[None]:
    fused.set_enabled(False)
    try:
        yield
    finally:
        fused.set_enabled(None)


def test_numba_is_there() -> None:
    """The test environment has the fast extra: the fused kernels are in use (so that
    every test here checks them, not the NumPy path twice)."""
    assert fused.available()


@pytest.mark.parametrize("name", sorted(KERNELS))
@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 511, 512, 513, 4095, 4096, 4097, 20_001])
def test_run_matches_arithmetic(name: str, size: int) -> None:
    _, modulus, sign = KERNELS[name]
    rng = np.random.default_rng(size)
    a = rng.integers(0, modulus, size, dtype=np.uint8)
    b = rng.integers(0, modulus, size, dtype=np.uint8)
    out = np.full(size, 255, dtype=np.uint8)
    assert fused.run(name, a, b, out, smallest=0)
    assert out.tolist() == reference(sign, modulus, a, b)


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(sorted(KERNELS)),
    size=st.integers(fused.SMALLEST, fused.SMALLEST + 9000),
    seed=st.integers(0, 2**32 - 1),
    in_place=st.sampled_from(["new", "a", "b"]),
)
def test_core_kernels_match_the_numpy_path(name: str, size: int, seed: int, in_place: str) -> None:
    """Through core: the same results with and without the fused kernels, any out."""
    kernel, modulus, sign = KERNELS[name]
    rng = np.random.default_rng(seed)
    a = rng.integers(0, modulus, size, dtype=np.uint8)
    b = rng.integers(0, modulus, size, dtype=np.uint8)
    expected = reference(sign, modulus, a, b)
    fused.set_enabled(False)
    try:
        assert kernel(a.copy(), b.copy()).tolist() == expected
    finally:
        fused.set_enabled(None)
    out = {"new": None, "a": a, "b": b}[in_place]
    result = kernel(a, b, out=out)
    assert result.tolist() == expected
    assert out is None or result is out


@pytest.mark.parametrize("name", sorted(KERNELS))
@pytest.mark.parametrize("where", [0, 4095, 4096, BIG // 2, BIG - 9, BIG - 1])
@pytest.mark.parametrize("operand", ["a", "b"])
def test_a_value_out_of_range_is_named_exactly(name: str, where: int, operand: str) -> None:
    """Wherever the bad value is (first block, a block edge, the last), even in place."""
    kernel, modulus, _ = KERNELS[name]
    rng = np.random.default_rng(where)
    a = rng.integers(0, modulus, BIG, dtype=np.uint8)
    b = rng.integers(0, modulus, BIG, dtype=np.uint8)
    bad = a if operand == "a" else b
    bad[where] = modulus + 3
    bad[BIG - 2] = 200  # a later bad value does not hide the first
    message = rf"{operand} holds {modulus + 3} at position {where},"
    if where == BIG - 1:
        message = rf"{operand} holds 200 at position {BIG - 2},"
    with pytest.raises(ArrayValueError, match=message):
        kernel(a, b)
    with pytest.raises(ArrayValueError, match=message):
        kernel(a, b, out=bad)  # in place: the bad block is never written


def test_unchecked_keeps_its_promise_of_no_error() -> None:
    a = np.zeros(BIG, dtype=np.uint8)
    a[100] = 40
    assert add_mod10(a, a, check=False).shape == (BIG,)


@pytest.mark.parametrize("offsets", [(1, 0, 3), (0, 5, 7), (3, 3, 3)])
def test_views_at_any_offset(offsets: tuple[int, int, int]) -> None:
    """Operands and out starting anywhere in their buffers (not on 8 or 4096 bytes)."""
    rng = np.random.default_rng(3)
    a, b, out = (np.empty(BIG + 8, dtype=np.uint8)[k : k + BIG] for k in offsets)
    a[:], b[:] = rng.integers(0, 10, BIG, dtype=np.uint8), rng.integers(0, 10, BIG, dtype=np.uint8)
    assert fused.run("add_mod10", a, b, out)
    assert out.tolist() == reference(1, 10, a, b)


def test_threaded_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut over two threads (the threshold lowered to this array's size): the same."""
    monkeypatch.setattr(fused, "THREADED_FROM", fused.SMALLEST)
    chunks.set_threads(2)
    try:
        rng = np.random.default_rng(5)
        a = rng.integers(0, 26, BIG * 4, dtype=np.uint8)
        b = rng.integers(0, 26, BIG * 4, dtype=np.uint8)
        assert sub_mod26(a, b).tolist() == reference(-1, 26, a, b)
        a[BIG * 3] = 26
        with pytest.raises(ArrayValueError, match=rf"a holds 26 at position {BIG * 3},"):
            add_mod26(a, b)
        a[BIG * 3] = 25
        expected = reference(1, 26, a, b)
        assert add_mod26(a, b, out=a).tolist() == expected  # in place, over both threads
        b[BIG] = 30
        with pytest.raises(ArrayValueError, match=rf"b holds 30 at position {BIG},"):
            add_mod26(a, b, out=b)
    finally:
        chunks.set_threads(None)


@pytest.mark.parametrize("size", [fused.SMALLEST, BIG])
def test_letter_pad_matches_the_numpy_path(size: int, numpy_path: None) -> None:
    rng = np.random.default_rng(size)
    text = bytes(rng.integers(65, 91, size, dtype=np.uint8)).decode("ascii")
    key = bytes(rng.integers(65, 91, size, dtype=np.uint8)).decode("ascii")
    expected = letter_pad(text, key)  # the NumPy path (the fixture turned fused off)
    fused.set_enabled(None)
    assert letter_pad(text, key) == expected
    assert letter_pad(expected, key, decipher=True) == text
    for bad in ("@", "[", "a", "\u00e9"):
        spoiled = text[: size - 3] + bad + text[size - 2 :]
        with pytest.raises(ArrayValueError, match=rf"position {size - 3}"):
            letter_pad(spoiled, key)


def test_small_arrays_and_the_numpy_path_are_declined(numpy_path: None) -> None:
    """run says False (and writes nothing) when the NumPy path is chosen, and, on its
    own, below the size where the fused kernels pay."""
    a = np.ones(BIG, dtype=np.uint8)
    out = np.zeros(BIG, dtype=np.uint8)
    assert not fused.run("add_mod10", a, a, out)
    fused.set_enabled(None)
    assert not fused.run("add_mod10", a[:64], a[:64], out[:64])
    assert not out.any()
    assert fused.run("add_mod10", a, a, out) and (out == 2).all()
