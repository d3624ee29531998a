"""Readings scored against the truth: :func:`evaluate` reads many depths and tallies how
many of their code groups were read right, in all and by sense, shift and length
(:class:`Evaluation`): the figure the VENONA lesson's benchmark reports
(docs/performance.md, "Depth finding").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.reading import THRESHOLD, NotInDepthError, Tally, read
from cipherwire.codebook.book import Codebook
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError


@dataclass(frozen=True)
class Evaluation:
    """A reading of many depths scored against the truth: for each depth read its shift
    (0: aligned; None: a reverse depth) and :class:`Tally`."""

    depths: tuple[Depth, ...]
    shifts: tuple[int | None, ...]
    tallies: tuple[Tally, ...]

    @property
    def total(self) -> Tally:
        """All depths together."""
        return sum(self.tallies, Tally())

    @property
    def share(self) -> float:
        """The share of code groups in depth recovered correctly (the lesson's goal)."""
        return self.total.share

    def by_shift(self) -> dict[int, Tally]:
        """Tallies of the forward depths by how the two code streams sit (0: aligned,
        1-3 figures apart)."""
        out: dict[int, Tally] = {}
        for shift, tally in zip(self.shifts, self.tallies, strict=True):
            if shift is not None:
                out[shift] = out.get(shift, Tally()) + tally
        return dict(sorted(out.items()))

    def by_sense(self) -> dict[str, Tally]:
        """Tallies of the ``forward`` depths and of the ``reverse`` ones (a page read
        backwards by one of the stretches)."""
        out = {"forward": Tally(), "reverse": Tally()}
        for depth, tally in zip(self.depths, self.tallies, strict=True):
            sense = "reverse" if depth.reverse else "forward"
            out[sense] += tally
        return out

    def by_length(self, edges: Sequence[int] = (10, 30, 50)) -> dict[str, Tally]:
        """Tallies by depth length (groups of shared additive), cut at ``edges``."""
        bounds = [1, *edges, GROUPS_PER_PAGE]
        out: dict[str, Tally] = {}
        for low, high in itertools.pairwise(bounds):
            mine = [
                t for d, t in zip(self.depths, self.tallies, strict=True) if low <= d.length < high
            ]
            out[f"{low}-{high - 1}"] = sum(mine, Tally())
        return out

    def to_json(self) -> dict[str, Any]:
        """The evaluation as a JSON object (totals, by sense, by shift and by length)."""
        return {
            "depths": len(self.depths),
            "total": self.total.to_json(),
            "by_sense": {k: v.to_json() for k, v in self.by_sense().items()},
            "by_shift": {str(k): v.to_json() for k, v in self.by_shift().items()},
            "by_length": {k: v.to_json() for k, v in self.by_length().items()},
        }


def evaluate(
    intercepts: Intercepts,
    depths: Iterable[Depth],
    codebook: Codebook,
    model: CodeModel,
    codes: MessageSet,
    *,
    checks: Sequence[str | None] | None = None,
    threshold: float = THRESHOLD,
) -> Evaluation:
    """Read every depth and score it against ``codes``, the true code digits of every
    intercepted message (e.g. ``codebook.encode_many(texts)``).  A depth whose known
    figures contradict each other (not a depth) counts with every group wrong."""
    if len(codes) != len(intercepts):
        raise AnalysisError(f"{len(codes)} true code streams for {len(intercepts)} intercepts")
    found = tuple(depths)
    shifts: list[int | None] = []
    tallies: list[Tally] = []
    for depth in found:
        try:
            reading = read(intercepts, depth, codebook, model, checks=checks, threshold=threshold)
        except NotInDepthError as exc:
            shifts.append(exc.shift)
            tallies.append(Tally(exc.groups))
            continue
        shifts.append(reading.shift)
        tallies.append(reading.score(codes[depth.first], codes[depth.second]))
    return Evaluation(found, tuple(shifts), tuple(tallies))


__all__ = ["Evaluation", "evaluate"]
