"""Tests for cipherwire.core.blockwise: the kernels on dask.array give the NumPy digits."""

from __future__ import annotations

import dask
import dask.array as da
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire import core
from cipherwire.codebook.book import Codebook
from cipherwire.core import blockwise
from cipherwire.core.messages import MessageSet
from cipherwire.errors import ArrayTypeError, ArrayValueError

LIMITS = {"add_mod10": 9, "sub_mod10": 9, "add_mod26": 25, "sub_mod26": 25, "xor5": 31}


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
@pytest.mark.parametrize("name", list(LIMITS))
@settings(max_examples=8, deadline=None)
@given(n=st.integers(0, 3000), chunks=st.integers(60, 700), other=st.integers(1, 700))
def test_same_digits_as_numpy(name: str, scheduler: str, n: int, chunks: int, other: int) -> None:
    """Every kernel, any chunks (the two operands' differing), either local scheduler."""
    rng = np.random.default_rng(n)
    a = rng.integers(0, LIMITS[name] + 1, n).astype(np.uint8)
    b = rng.integers(0, LIMITS[name] + 1, n).astype(np.uint8)
    lazy = getattr(blockwise, name)(da.from_array(a, chunks=chunks), da.from_array(b, chunks=other))
    with dask.config.set(scheduler=scheduler):
        found = lazy.compute()
    assert found.dtype == np.uint8
    np.testing.assert_array_equal(found, getattr(core, name)(a, b))


def test_message_set_on_dask() -> None:
    """A bulk-encoded message set enciphered on Dask: the NumPy path's digits exactly."""
    book = Codebook.default()
    plain = book.encode_many([f"Report {i} on the following: we agree." for i in range(200)])
    key = core.random_digits(plain.size)
    lazy = blockwise.add_mod10(
        blockwise.from_messageset(plain, chunks=1000), blockwise.from_array(key, chunks=777)
    )
    with dask.config.set(scheduler="threads"):
        sent = MessageSet.from_arrays(lazy.compute(), plain.offsets)
    assert sent == plain.encipher(key)
    back = blockwise.sub_mod10(blockwise.from_messageset(sent, chunks=500), da.from_array(key))
    with dask.config.set(scheduler="synchronous"):
        assert MessageSet.from_arrays(back.compute(), plain.offsets) == plain


def test_digit_file_on_dask() -> None:
    """ASCII digits read blockwise, as from a memory-mapped digit file."""
    raw = np.frombuffer(b"0123456789" * 50, dtype=np.uint8)
    lazy = blockwise.digits_from_ascii(da.from_array(raw, chunks=37))
    with dask.config.set(scheduler="synchronous"):
        assert lazy.compute().tolist() == list(range(10)) * 50


def test_bad_operands() -> None:
    """Types and shapes are checked at once; values when the block is computed."""
    x = da.from_array(np.zeros(4, np.uint8), chunks=2)
    with pytest.raises(ArrayTypeError, match=r"dask\.array"):
        blockwise.add_mod10(np.zeros(4, np.uint8), x)  # type: ignore[arg-type]
    with pytest.raises(ArrayTypeError, match="dtype uint8"):
        blockwise.add_mod10(x, x.astype(np.int16))
    with pytest.raises(ArrayValueError, match="shape mismatch"):
        blockwise.add_mod10(x, x[:3])
    bad = blockwise.add_mod10(x, da.from_array(np.array([0, 0, 0, 12], np.uint8), chunks=2))
    with dask.config.set(scheduler="synchronous"), pytest.raises(ArrayValueError, match="12"):
        bad.compute()
    with pytest.raises(ArrayTypeError):
        blockwise.from_array([1, 2])  # type: ignore[arg-type]
