"""Tests for cipherwire.analysis.backwards: reading a reverse depth, pair of groups by pair
of groups."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.analysis.backwards import prior
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Plain


@settings(deadline=None, max_examples=50)
@given(st.integers(0, 40), st.integers(-8, 3), st.lists(st.integers(-1, 9), min_size=5, max_size=5))
def test_window_prior_is_a_distribution(at: int, cut: int, known: list[int]) -> None:
    """A window's prior sums to 1 when only figures past the code are known (they are
    certain), and to the code model's probability of the known code figures otherwise."""
    fives = CodeModel.default().fives
    code = max(0, 4 * ((at + cut) // 4 + 1))  # the code ends before, within or after it
    plain = Plain(100, code, np.full(510, -1, dtype=np.int8))
    figures = np.array(known, dtype=np.int8)
    row = prior(fives, plain, figures, at)
    inside = min(max(code - at, 0), 5)  # code figures in the window
    head = fives[at % 4].reshape((10,) * 5)
    index = tuple(int(k) if k >= 0 else slice(None) for k in figures[:inside]) + (slice(None),) * (
        5 - inside
    )
    assert row.sum() == pytest.approx(float(head[index].sum()))
    assert (row >= 0).all() and row.shape == (10**5,)
