"""Tests for cipherwire.core._engine.chunks: chunked, threaded evaluation of kernel steps."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.core._engine import chunks


@given(st.integers(0, 10_000), st.integers(1, 8), st.integers(1, 64))
def test_spans_cover_in_order(n: int, parts: int, align: int) -> None:
    """Spans are consecutive, cover range(n), and inner bounds fall on align."""
    spans = chunks.spans(n, parts, align=align)
    assert len(spans) <= parts
    if n == 0:
        assert spans == []
        return
    assert [lo for lo, _ in spans] == [0, *(hi for _, hi in spans[:-1])]
    assert spans[-1][1] == n
    assert all(hi % align == 0 for _, hi in spans[:-1])


def test_run_uses_threads_and_covers_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large call runs spans on two threads; every chunk is written once."""
    monkeypatch.setattr(chunks, "CHUNK", 100)
    monkeypatch.setattr(chunks, "THREADED_FROM", 1000)
    chunks.set_threads(2)
    seen: set[int] = set()

    def step(x: np.ndarray, out: np.ndarray, scratch: np.ndarray) -> None:
        assert scratch.size == x.size <= 100
        seen.add(threading.get_ident())
        np.add(x, 1, out=out)

    try:
        x = np.zeros(10_000, np.uint8)
        out = np.zeros_like(x)
        chunks.run(step, (x,), out)
    finally:
        chunks.set_threads(None)
    assert (out == 1).all() and len(seen) == 2


def test_error_in_a_span_waits_for_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first error is raised only after every span has finished."""
    monkeypatch.setattr(chunks, "THREADED_FROM", 10)
    chunks.set_threads(2)
    finished: list[int] = []

    def work(lo: int, hi: int) -> None:
        if lo == 0:
            raise RuntimeError("span one")
        finished.append(lo)

    try:
        with pytest.raises(RuntimeError, match="span one"):
            chunks.map_spans(work, 1000, align=10)
    finally:
        chunks.set_threads(None)
    assert finished == [500]


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_set_threads_refuses(bad: object) -> None:
    """set_threads takes an int of 1 or more, or None."""
    with pytest.raises(ValueError, match="threads must be"):
        chunks.set_threads(bad)  # type: ignore[arg-type]


def test_threads_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """CIPHERWIRE_THREADS sets the default; a bad value falls back to the cores."""
    monkeypatch.setenv("CIPHERWIRE_THREADS", "3")
    chunks.set_threads(None)
    assert chunks.threads() == 3
    monkeypatch.setenv("CIPHERWIRE_THREADS", "many")
    chunks.set_threads(None)
    assert chunks.threads() >= 1
    chunks.set_threads(None)
