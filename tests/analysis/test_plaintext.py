"""Tests for cipherwire.analysis.plaintext: the layouts of a cable part, the check groups,
cribs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.analysis.plaintext import Crib, plains


@given(st.integers(0, 3000))
def test_plains_contain_the_layout_of_every_code_length(groups: int) -> None:
    """For every code length the layouts of its cable's group count include the true one."""
    code = 4 * groups
    n = -(-code // 5)
    pages = -(-(n + 2) // 59)
    found = plains(n + 2 + pages, None)
    assert any(p.code_digits == code for p in found)
    assert all(p.text_groups == n and p.known[5 * n + 4] == 5 * n - p.code_digits for p in found)


@pytest.mark.parametrize("count", [0, 1, 2, 61, 121])
def test_plains_refuse_counts_no_cable_has(count: int) -> None:
    """Group counts that leave a page with only its indicator fit no layout."""
    assert plains(count, None) == []


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ .@", min_size=1).filter(str.strip),
    st.integers(0, 10**6),
    st.integers(1, 10**6),
)
def test_crib_text_round_trip(text: str, message: int, group: int) -> None:
    """Crib.from_text(crib.to_text()) gives the crib back."""
    crib = Crib(text.strip(), message, group)
    assert Crib.from_text(crib.to_text()) == crib
