"""Pictures of frequencies (PNG): digit shares side by side, and groups by rank.

Plots need matplotlib, the optional ``plot`` extra (``pip install "cipherwire[plot]"``);
without it :func:`plot_frequencies` raises :class:`~cipherwire.errors.PlotUnavailableError`
before any work.  Figures are drawn with matplotlib's object API on the Agg canvas, never
through ``pyplot``'s global state, and the PNG carries no time stamp or version, so the
same input gives the same file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from cipherwire.analysis.frequency import Frequencies
from cipherwire.errors import AnalysisError, ArrayTypeError, PlotUnavailableError

#: Bar colours, in the order the streams are given.
COLOURS = ("#b5432f", "#3b6fb6", "#3d9a50", "#f0b64e", "#9b7fc4", "#7a7a7a")


def _canvas() -> tuple[Any, Any, Any]:
    try:
        from matplotlib import ticker
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise PlotUnavailableError(
            'plots need matplotlib, which is not installed: pip install "cipherwire[plot]"'
        ) from exc
    return Figure, FigureCanvasAgg, ticker


def require() -> None:
    """Raise :class:`PlotUnavailableError` if matplotlib cannot be imported."""
    _canvas()


def plot_frequencies(
    streams: Mapping[str, Frequencies],
    path: str | os.PathLike[str],
    *,
    ranks: bool = True,
    title: str | None = None,
) -> Path:
    """Draw the digit shares of each stream side by side (and their groups by rank).

    *streams* maps a label (``"code stream"``, ``"cable"``) to its :class:`Frequencies`,
    in the order to draw them (at most ``len(COLOURS)``).  The left panel shows each
    digit's share with a line at 10 % (uniform); with *ranks* the right panel shows each
    stream's groups from the most frequent down, as shares on log-log axes (a Zipf
    plot): a code stream falls steeply, a flat stream is a level line of groups seen
    once.  Writes a PNG to *path* and returns it.
    """
    figure, canvas, ticker = _canvas()
    if not isinstance(streams, Mapping):
        raise AnalysisError(
            f"give the streams to plot as {{label: Frequencies}}, not {type(streams).__name__}"
        )
    if not streams:
        raise AnalysisError("give one or more streams to plot, as {label: Frequencies}")
    if len(streams) > len(COLOURS):
        raise AnalysisError(f"at most {len(COLOURS)} streams fit one plot, not {len(streams)}")
    for label, freq in streams.items():
        if not isinstance(label, str):
            raise ArrayTypeError(f"stream {label!r}: a label is a str, not {type(label).__name__}")
        if not isinstance(freq, Frequencies):
            raise ArrayTypeError(
                f"stream {label!r}: expected Frequencies, not {type(freq).__name__}"
            )
    fig = figure(figsize=(11 if ranks else 6.5, 4.2), dpi=100)
    canvas(fig)
    bars = fig.add_subplot(1, 2 if ranks else 1, 1)
    width = 0.8 / len(streams)
    digits = np.arange(10)
    for i, (label, freq) in enumerate(streams.items()):
        shares = freq.digit_counts / freq.digits.total * 100
        shown = f"{label} (IC x 10 = {freq.digits.ic_normalised:.2f})"
        x = digits - 0.4 + width * (i + 0.5)
        bars.bar(x, shares, width=width, color=COLOURS[i], label=shown)
    bars.axhline(10, color="black", linestyle="--", linewidth=1, label="uniform (10 %)")
    top = max(float(f.digit_counts.max()) / f.digits.total * 100 for f in streams.values())
    bars.set_ylim(0, max(top, 10) * 1.4)  # room for the legend above the bars
    bars.set_xticks(digits)
    bars.set_xlabel("digit")
    bars.set_ylabel("share of digits (%)")
    bars.set_title("Digits")
    bars.legend(loc="upper left", fontsize=8)
    if ranks:
        zipf = fig.add_subplot(1, 2, 2)
        for i, (label, freq) in enumerate(streams.items()):
            counts = np.sort(freq.group_counts[freq.group_counts > 0])[::-1]
            rank = np.arange(1, counts.size + 2)  # one more: the last step gets its width
            share = np.append(counts, counts[-1]) / freq.groups.total * 100
            shown = f"{label}, groups of {freq.group} (IC x K = {freq.groups.ic_normalised:.1f})"
            zipf.step(rank, share, where="post", color=COLOURS[i], label=shown)
        zipf.set_xscale("log")
        zipf.set_yscale("log")
        plain = ticker.FuncFormatter(lambda value, _: f"{value:g}")
        for axis in (zipf.xaxis, zipf.yaxis):
            axis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            axis.set_major_formatter(plain)
            axis.set_minor_formatter(ticker.NullFormatter())
        zipf.set_xlabel("rank of the group (1 = most frequent)")
        zipf.set_ylabel("share of groups (%)")
        zipf.set_title("Groups by rank")
        zipf.legend(loc="upper right", fontsize=8)
        zipf.grid(alpha=0.3, which="both")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    target = Path(path)
    fig.savefig(target, format="png", metadata={"Software": None})
    return target


__all__ = ["COLOURS", "plot_frequencies", "require"]
