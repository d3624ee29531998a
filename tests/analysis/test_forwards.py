"""Tests for cipherwire.analysis.forwards: the posterior of a forward depth, by
forward-backward over the figures, against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from cipherwire.analysis.forwards import Tables, posterior
from cipherwire.analysis.plaintext import Plain
from cipherwire.analysis.stretch import Contradiction, Side


def _brute_force(
    d: NDArray[np.int64], sides: tuple[Side, Side], p: NDArray[np.float64]
) -> dict[int, NDArray[np.float64]]:
    """Every first plaintext of the stretch, scored directly: the reference."""
    size = d.size
    plain = (np.arange(10**size)[:, None] // 10 ** np.arange(size - 1, -1, -1)) % 10
    tables = Tables.of(p)
    score = np.ones(10**size)
    for i, side in enumerate(sides):
        mine = plain if i == 0 else (plain - d) % 10
        for t in range(size):
            if side.known[t] >= 0:
                score *= mine[:, t] == side.known[t]
            end = int(side.ends[t])
            if end:
                m = abs(end)
                value = mine[:, t - m + 1 : t + 1] @ (10 ** np.arange(m - 1, -1, -1))
                score *= p[value] if end == 4 else tables.marginals[end][value]
    out = {}
    for t in range(size):
        m = min(4, t + 1)
        last = plain[:, t - m + 1 : t + 1] @ (10 ** np.arange(m - 1, -1, -1))
        out[t] = np.bincount(last, weights=score, minlength=10**m) / score.sum()
    return out


@pytest.mark.parametrize(("first", "second"), [(0, 0), (0, 295), (590, 1), (3, 6), (2, 9)])
def test_posterior_matches_brute_force(first: int, second: int) -> None:
    """Forward-backward gives the posterior that scoring all 10**5 plaintexts gives."""
    rng = np.random.default_rng(first * 31 + second)
    p = rng.random(10_000) ** 4 + 1e-3
    p /= p.sum()
    size = 5
    layout = Plain(200, 800, np.full(1010, -1, dtype=np.int8))
    known = layout.known.copy()
    known[second + 4] = 7  # one known figure of the second message
    sides = (Side.of(layout, first, size), Side.of(Plain(200, 800, known), second, size))
    d = rng.integers(0, 10, size).astype(np.int64)
    post = posterior(d, *sides, Tables.of(p))
    expected = _brute_force(d, sides, p)
    assert post.at
    for t, got in post.at.items():
        m = min(4, t + 1)
        folded = np.bincount(np.arange(10_000) % 10**m, weights=got, minlength=10**m)
        np.testing.assert_allclose(folded, expected[t], atol=1e-9)


def test_posterior_reports_contradiction() -> None:
    """Known figures of both messages that disagree with D leave no reading."""
    known = np.full(510, -1, dtype=np.int8)
    known[:5] = 0
    layout = Plain(100, 400, known)
    side = Side.of(layout, 0, 5)
    d = np.array([0, 0, 1, 0, 0], dtype=np.int64)  # P1 - P2 cannot be 1 where both are 0
    with pytest.raises(Contradiction):
        posterior(d, side, side, Tables.of(np.full(10_000, 1e-4)))
