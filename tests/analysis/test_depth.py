"""Tests for cipherwire.analysis.depth: intercepts, depths, finding them by indicator,
scoring findings."""

from __future__ import annotations

from cipherwire.analysis.depth import Intercepts


def test_intercepts_pages() -> None:
    """Page stretches of a 130-group message: indicators at 0, 60, 120; 59, 59, 9 key groups."""
    texts = [_cable(130), _cable(3)]
    message, at, length = Intercepts.from_texts(texts).pages()
    assert message.tolist() == [0, 0, 0, 1]
    assert at.tolist() == [0, 60, 120, 0]
    assert length.tolist() == [59, 59, 9, 2]


def _cable(groups: int) -> str:
    """A printed cable of ``groups`` groups (all 12345)."""
    lines = [" ".join(["12345"] * min(10, groups - i)) for i in range(0, groups, 10)]
    return "\n".join(
        ["CABLE 1 PART 1 OF 1", "FROM: NEW YORK", "TO: MOSCOW", f"GROUPS: {groups}", "", *lines]
    )
