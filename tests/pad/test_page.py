"""Tests for cipherwire.pad.page: a pad page, its indicator and its key."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from cipherwire.core import digits_from_text
from cipherwire.errors import PadBookError
from cipherwire.pad.page import IssuedPages, PadPage


def test_pad_page_copies_and_compares() -> None:
    """A PadPage copies its digits; equal pages are equal and hash alike."""
    digits = digits_from_text("1234567890" * 3)
    page = PadPage(3, digits)
    digits[0] = 9
    assert page.indicator == "12345"
    again = PadPage(3, digits_from_text("1234567890" * 3))
    assert page == again and hash(page) == hash(again)
    assert page != PadPage(4, again.digits)
    assert page != PadPage(3, again.digits, classroom_seed=1)
    assert "indicator='12345'" in repr(page)


BAD_PAGES = [
    pytest.param(0, digits_from_text("1" * 10), PadBookError, id="number-zero"),
    pytest.param(1, digits_from_text("1" * 5), PadBookError, id="one-group"),
    pytest.param(1, digits_from_text("1" * 12), PadBookError, id="partial-group"),
    pytest.param(1, np.full(10, 10, np.uint8), PadBookError, id="not-digits"),
    pytest.param(1, np.ones(10, np.int64), TypeError, id="int64"),
]


@pytest.mark.parametrize(("number", "digits", "error"), BAD_PAGES)
def test_pad_page_rejects(number: int, digits: Any, error: type) -> None:
    """A page needs a number from 1 and two or more groups of uint8 digits."""
    with pytest.raises(error):
        PadPage(number, digits)


def test_issued_pages_views() -> None:
    """IssuedPages gives each page's indicator and key, read-only, and each message's pages."""
    digits = np.array([digits_from_text("1234567890"), digits_from_text("5555500000")])
    issued = IssuedPages(
        np.array([4, 9], dtype=np.int64), digits, np.array([0, 0, 2], dtype=np.int64), 7
    )
    assert len(issued) == 2
    assert issued.indicators.tolist() == [[1, 2, 3, 4, 5], [5, 5, 5, 5, 5]]
    assert issued.keys.tolist() == [[6, 7, 8, 9, 0], [0, 0, 0, 0, 0]]
    assert issued.pages(0) == ()
    assert issued.pages(1) == (
        PadPage(4, digits[0], classroom_seed=7),
        PadPage(9, digits[1], classroom_seed=7),
    )
    with pytest.raises(ValueError):
        issued.digits[0, 0] = 1
