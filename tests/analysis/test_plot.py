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


def _two() -> dict[str, Frequencies]:
    """A code stream (THE, STOP and the comma again and again) and a flat stream."""
    code = Frequencies.of(digits("8415 5545 8415 7130 5545 8415 0001 8415" * 4), group=4)
    flat = Frequencies.of(np.random.default_rng(1).integers(0, 10, 800).astype(np.uint8), group=4)
    return {"code stream": code, "cable": flat}


def _size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _pixels(path: Path) -> np.ndarray[Any, Any]:
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def _where(pixels: np.ndarray[Any, Any], colour: str) -> np.ndarray[Any, Any]:
    """The columns holding pixels of exactly ``colour`` (#rrggbb)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return np.flatnonzero(np.all(pixels == rgb, axis=2).any(axis=0))


@pytest.mark.parametrize(
    ("ranks", "size"), [(True, (1100, 420)), (False, (650, 420))], ids=["two panels", "digits only"]
)
def test_plot_writes_a_real_png(tmp_path: Path, ranks: bool, size: tuple[int, int]) -> None:
    """A PNG (signature, IHDR) of 11 by 4.2 inches at 100 dpi, 6.5 wide without the ranks,
    of more than a few kilobytes; the path is returned."""
    target = tmp_path / "f.png"
    assert plots.plot_frequencies(_two(), str(target), ranks=ranks) == target
    data = target.read_bytes()
    assert data.startswith(PNG) and _size(data) == size and len(data) > 10_000
    assert _pixels(target).shape == (size[1], size[0], 3)


def test_plot_draws_each_stream_in_its_colour_in_both_panels(tmp_path: Path) -> None:
    """The first stream's bars and steps are the first colour, the second's the second, in
    the left panel (digits) and the right one (groups by rank); an unused colour is absent."""
    plots.plot_frequencies(_two(), tmp_path / "f.png")
    pixels = _pixels(tmp_path / "f.png")
    half = pixels.shape[1] // 2
    for colour in plots.COLOURS[:2]:
        columns = _where(pixels, colour)
        assert (columns < half).sum() > 50 and (columns >= half).sum() > 50
    assert _where(pixels, plots.COLOURS[2]).size == 0
    plots.plot_frequencies({"cable": _two()["cable"]}, tmp_path / "one.png", ranks=False)
    one = _pixels(tmp_path / "one.png")
    assert _where(one, plots.COLOURS[0]).size > 50 and _where(one, plots.COLOURS[1]).size == 0


def test_require_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """require() passes with matplotlib and raises PlotUnavailableError without it."""
    plots.require()
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(PlotUnavailableError, match="cipherwire\\[plot\\]"):
        plots.require()


def _seven() -> dict[str, Frequencies]:
    return {str(i): _two()["cable"] for i in range(7)}


BAD: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("plot {}", lambda: plots.plot_frequencies({}, "x.png"), AnalysisError, "one or more"),
    ("plot list", lambda: plots.plot_frequencies({"a": 1}, "x.png"), ArrayTypeError, "'a'"),  # type: ignore[dict-item]
    ("value int", lambda: plots.plot_frequencies({"a": 1}, "x.png"), ArrayTypeError, "not int"),  # type: ignore[dict-item]
    (
        "label int",
        lambda: plots.plot_frequencies({1: _two()["cable"]}, "x.png"),  # type: ignore[dict-item]
        ArrayTypeError,
        "stream 1",
    ),
    (
        "pairs",
        lambda: plots.plot_frequencies([("a", _two()["cable"])], "x.png"),  # type: ignore[arg-type]
        AnalysisError,
        "not list",
    ),
    (
        "seven",
        lambda: plots.plot_frequencies(_seven(), "x.png"),
        AnalysisError,
        "at most 6 streams fit one plot, not 7",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_inputs(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each bad input raises its error, naming the offending value."""
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)
