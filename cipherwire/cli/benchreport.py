"""What ``cipherwire bench`` reports: each :class:`Figure` beside its baseline, and the machine.

:class:`BenchReport` is a run's figures with the :func:`machine` they were measured on;
it prints as a Markdown table (:meth:`~BenchReport.to_text`) or as JSON
(:meth:`~BenchReport.to_json`).  docs/performance.md explains each figure.
"""

from __future__ import annotations

import contextlib
import os
import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cipherwire.core._engine import chunks, fused


@dataclass(frozen=True)
class Figure:
    """One measured figure beside its baseline.

    ``value`` and ``baseline_value`` are throughputs in ``unit`` (medians of
    ``repeats`` runs); ``ratio`` is value over baseline value; ``goal`` the ratio it
    should reach (None: reported only), ``met`` whether ``ratio`` reaches it.
    """

    name: str
    unit: str
    value: float
    baseline: str | None = None
    baseline_value: float | None = None
    ratio: float | None = None
    goal: float | None = None
    goal_text: str = ""
    met: bool | None = None
    repeats: int = 0
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class BenchReport:
    """A run of the benchmarks: the machine, the figures, how long it took."""

    machine: dict[str, Any]
    figures: tuple[Figure, ...]
    quick: bool
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "machine": self.machine,
            "quick": self.quick,
            "seconds": round(self.seconds, 1),
            "figures": [asdict(f) for f in self.figures],
            "goals_met": all(f.met for f in self.figures if f.met is not None),
        }

    def to_text(self) -> str:
        """The report as text: the machine and the run, then a Markdown table of the figures
        and their notes."""
        m = self.machine
        lines = [
            f"machine: {m['cpu']}, {m['cores']} cores ({m['threads_used']} threads used), "
            f"{m['memory_gib']} GiB; {m['system']}; Python {m['python']}, NumPy {m['numpy']}; "
            f"kernels: {m['kernels']}",
            f"load average at start: {m['load_average']}; "
            f"{'quick' if self.quick else 'full'} run, {self.seconds:.0f} s",
            "",
            "| figure | value | baseline | ratio | goal | met |",
            "|---|---|---|---|---|---|",
        ]
        for f in self.figures:
            base = f"{f.baseline}: {f.baseline_value:,.2f}" if f.baseline is not None else "-"
            ratio = f"{f.ratio:,.2f}x" if f.ratio is not None else "-"
            met = "-" if f.met is None else ("yes" if f.met else "NO")
            goal = f.goal_text or "-"
            lines.append(
                f"| {f.name} | {f.value:,.2f} {f.unit} | {base} | {ratio} | {goal} | {met} |"
            )
        lines.append("")
        lines.extend(f"- {f.name}: {f.note}" for f in self.figures if f.note)
        return "\n".join(lines)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        memory = round(int(first.split()[1]) / 2**20, 1)
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "threads_used": chunks.threads(),
        "memory_gib": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "kernels": _kernels(),
        "load_average": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
    }


def _kernels() -> str:
    """Which path the modular kernels take: fused (with the Numba version) or NumPy."""
    if not fused.available():
        return "NumPy (no fused kernels: install cipherwire[fast], or unset CIPHERWIRE_FUSED=0)"
    from importlib.metadata import version

    return f"fused, Numba {version('numba')}"


__all__ = ["BenchReport", "Figure", "machine"]
