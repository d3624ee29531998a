"""Cryptanalysis: frequency statistics, finding depths, reading depths.

:class:`Frequencies` counts what a cable shows; :func:`by_indicator` and
:func:`by_statistics` find messages in :class:`Depth`; :func:`read` reads a depth with the
codebook known.  The pictures are in :mod:`cipherwire.analysis.plot` (``plot`` extra).
"""

from cipherwire.analysis.depth import Depth, Intercepts, Score, Use, by_indicator, score
from cipherwire.analysis.frequency import Comparison, Frequencies, compare
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Crib
from cipherwire.analysis.reading import NotInDepthError, Reading, read
from cipherwire.analysis.statistics import by_statistics
from cipherwire.analysis.uniformity import PValueMethod, Uniformity

__all__ = [
    "CodeModel",
    "Comparison",
    "Crib",
    "Depth",
    "Frequencies",
    "Intercepts",
    "NotInDepthError",
    "PValueMethod",
    "Reading",
    "Score",
    "Uniformity",
    "Use",
    "by_indicator",
    "by_statistics",
    "compare",
    "read",
    "score",
]
