"""Tests for cipherwire.analysis.plot: the frequency pictures."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cipherwire.analysis import plot as plots
from cipherwire.analysis.frequency import Frequencies
from cipherwire.core import digits_from_text
from cipherwire.errors import AnalysisError, ArrayTypeError, PlotUnavailableError

PNG = b"\x89PNG\r\n\x1a\n"


def digits(text: str) -> np.ndarray[Any, np.dtype[np.uint8]]:
    return digits_from_text(text.replace(" ", ""))


def test_plot_is_a_png_and_the_same_every_time(tmp_path: Path) -> None:
    """Two streams side by side; the same input gives the same bytes."""
    plain = Frequencies.of(digits("8415 5545 8415 7130 5545 8415"), group=4)
    flat = Frequencies.of(digits("0123456789" * 3), group=4)
    for name in ("a.png", "b.png"):
        plots.plot_frequencies({"code": plain, "cable": flat}, tmp_path / name, title="t")
    data = (tmp_path / "a.png").read_bytes()
    assert data.startswith(PNG) and data == (tmp_path / "b.png").read_bytes()
    plots.plot_frequencies({"code": plain}, tmp_path / "c.png", ranks=False)
    assert (tmp_path / "c.png").read_bytes().startswith(PNG)


def test_missing_matplotlib_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the plot extra, plotting says what to install, before writing anything."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    f = Frequencies.of(digits("1234512345"))
    with pytest.raises(PlotUnavailableError, match=r'pip install "cipherwire\[plot\]"'):
        plots.plot_frequencies({"x": f}, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


BAD: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("plot {}", lambda: plots.plot_frequencies({}, "x.png"), AnalysisError, "one or more"),
    ("plot list", lambda: plots.plot_frequencies({"a": 1}, "x.png"), ArrayTypeError, "'a'"),  # type: ignore[dict-item]
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_inputs(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each bad input raises its error, naming the offending value."""
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)
