"""Tests for cipherwire.analysis.stretch: the two messages over the stretch they share."""

from __future__ import annotations

import numpy as np

from cipherwire.analysis.plaintext import Plain
from cipherwire.analysis.stretch import Side


def test_side_marks_group_ends() -> None:
    """A stretch from text figure 6 sees a group's last two figures, then whole groups,
    then the first figure of a group that runs on."""
    plain = Plain(20, 100, np.full(110, -1, dtype=np.int8))
    side = Side.of(plain, 6, 11)
    assert side.ends.tolist() == [0, 2, 0, 0, 0, 4, 0, 0, 0, 4, -1]
