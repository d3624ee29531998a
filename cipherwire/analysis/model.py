"""What the analyst knows of the plaintext: how often each code group occurs.

A :class:`CodeModel` holds the frequencies of four-digit windows of code streams at each
of the four positions against the code-group boundaries, and of five-digit windows (the
cable's groups) likewise.  From them come the log likelihood ratios that score the
difference of two stretches of cable: "the difference of two code streams" against
"uniform noise".  :func:`tail_limit` gives the score that noise reaches with a given
small probability, exactly, from the distribution of one window's score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.core.sizes import CODE
from cipherwire.errors import AnalysisError

#: Scores are kept as ``round(SCALE * log likelihood ratio)``, small integers.
SCALE = 16.0
#: Tail probabilities are computed by FFT in double precision: below this they are
#: rounding noise, and reported as this value ("this or less").
P_FLOOR = 1e-12


@dataclass(frozen=True, eq=False)
class CodeModel:
    """Window frequencies of code streams: ``windows[shift]`` (``float64``, shape
    ``(4, 10**4)``) for four-digit windows starting ``shift`` digits into a code group
    (row 0: the code groups themselves), ``fives[shift]`` (shape ``(4, 10**5)``) for
    five-digit windows likewise."""

    windows: NDArray[np.float64]
    fives: NDArray[np.float64]

    def __post_init__(self) -> None:
        for name, size in (("windows", 10**4), ("fives", 10**5)):
            w = getattr(self, name)
            if not isinstance(w, np.ndarray):
                raise AnalysisError(f"{name} must be a (4, {size}) array, not {type(w).__name__}")
            if w.shape != (CODE, size):
                raise AnalysisError(f"{name} must be a (4, {size}) array, not of shape {w.shape}")
            bad = np.argwhere(~(np.isfinite(w) & (w > 0)))
            if bad.size:
                r, c = (int(i) for i in bad[0])
                raise AnalysisError(
                    f"{name}[{r}, {c}] is {float(w[r, c])!r}: each row of {name} is positive "
                    "and sums to 1"
                )
            sums = w.sum(axis=1)
            off = np.flatnonzero(~np.isclose(sums, 1))
            if off.size:
                r = int(off[0])
                raise AnalysisError(f"row {r} of {name} sums to {float(sums[r])!r}, not 1")

    @classmethod
    def from_code(cls, code: NDArray[np.uint8], *, prior: float = 0.5) -> CodeModel:
        """Count the windows of a code stream (``uint8`` digits, whole code groups from
        the start), adding ``prior`` (above 0) to every count so that no window is
        impossible."""
        if not isinstance(code, np.ndarray):
            raise AnalysisError(f"a code stream is a uint8 array, not {type(code).__name__}")
        if code.dtype != np.uint8:
            raise AnalysisError(f"a code stream is a uint8 array, not {code.dtype}")
        if code.ndim != 1:
            raise AnalysisError(f"a code stream is one-dimensional, not of shape {code.shape}")
        if code.size < 4 * CODE:
            raise AnalysisError(f"a code stream needs 16 or more digits, not {code.size}")
        if int(code.max()) > 9:
            i = int(np.argmax(code > 9))
            raise AnalysisError(f"a code stream holds digits 0-9: code[{i}] is {int(code[i])}")
        if not (
            isinstance(prior, int | float)
            and not isinstance(prior, bool)
            and math.isfinite(prior)
            and prior > 0
        ):
            raise AnalysisError(f"the prior count is a positive number, not {prior!r}")
        return cls(_windows(code, 4, prior), _windows(code, 5, prior))

    @classmethod
    def default(cls) -> CodeModel:
        """The shipped codebook on 300,000 words of the traffic's prose (a fixed sample of
        :meth:`~cipherwire.codebook.prose.Prose.telegraphese`): our model of the frequency counts
        an analyst had from messages already read."""
        return _prose_model(1.0)

    @classmethod
    def for_prose(cls, codebook: Codebook | None = None, *, zipf: float = 1.0) -> CodeModel:
        """As :meth:`default`, for prose of another word-frequency exponent ``zipf``
        (:meth:`~cipherwire.codebook.prose.Prose.telegraphese`) and, if given, another codebook."""
        if codebook is None:
            return _prose_model(float(zipf))
        return cls.from_code(codebook.encode_many(_sample(float(zipf))).digits)

    def llr(self, shift: int) -> NDArray[np.float64]:
        """``log(P(D) * 10**4)`` for every difference ``D`` (digit by digit mod 10) of a
        code group minus a window ``shift`` digits into the other code stream."""
        return _llr(self.windows[0], self.windows[shift % CODE], (10,) * 4)

    def llr5(self, first: int, second: int) -> NDArray[np.float64]:
        """``log(P(D) * 10**5)`` for the difference ``D`` of a five-digit window ``first``
        digits into one code stream minus one ``second`` digits into another."""
        return _llr(self.fives[first % CODE], self.fives[second % CODE], (10,) * 5)


def _windows(code: NDArray[np.uint8], size: int, prior: float) -> NDArray[np.float64]:
    weights = 10 ** np.arange(size - 1, -1, -1, dtype=np.int64)
    rows = []
    for shift in range(CODE):
        starts = np.arange(shift, code.size - size + 1, CODE)  # one window a code group
        values = sum(code[starts + i].astype(np.int64) * int(weights[i]) for i in range(size))
        counts = np.bincount(values, minlength=10**size).astype(np.float64) + prior
        rows.append(counts / counts.sum())
    return np.stack(rows)


def _llr(
    first: NDArray[np.float64], second: NDArray[np.float64], shape: tuple[int, ...]
) -> NDArray[np.float64]:
    """``log(P(x - y = D) * size)`` for ``x`` drawn from ``first``, ``y`` from ``second``."""
    f = np.fft.fftn(first.reshape(shape))
    s = np.fft.fftn(second.reshape(shape))
    p = np.real(np.fft.ifftn(f * np.conj(s))).ravel()
    out: NDArray[np.float64] = np.log(np.maximum(p, 1e-12) * p.size)
    return out


def quantise(llr: NDArray[np.float64]) -> NDArray[np.int8]:
    """Scores as small integers: ``round(SCALE * llr)`` within -127..127."""
    return np.clip(np.rint(llr * SCALE), -127, 127).astype(np.int8)


def pmf(scores: NDArray[np.int8]) -> NDArray[np.float64]:
    """The distribution of one window's score under noise (every difference equally
    likely): index ``v + 127`` for score ``v``."""
    counts = np.bincount(scores.astype(np.int64) + 127, minlength=255)
    out: NDArray[np.float64] = counts / counts.sum()
    return out


def tail_limit(pmfs: list[tuple[NDArray[np.float64], int]], per_test: float) -> int:
    """The lowest total score that noise reaches with probability at most ``per_test``,
    for a sum of independent window scores (``(pmf, how many such windows)`` each); the
    largest ``int16`` when no total is that rare."""
    top = int(np.iinfo(np.int16).max)
    tail, low = _tail(pmfs)
    over = np.flatnonzero(tail <= per_test)
    return top if tail.size == 0 or over.size == 0 else min(int(over[0]) + low, top)


def tail_probability(pmfs: list[tuple[NDArray[np.float64], int]], total: int) -> float:
    """The probability that noise reaches ``total`` or more (as :func:`tail_limit`), or
    :data:`P_FLOOR` when it is smaller still."""
    tail, low = _tail(pmfs)
    index = total - low
    if tail.size == 0 or index <= 0:
        return 1.0
    exact = float(tail[index]) if index < tail.size else 0.0
    return min(max(exact, P_FLOOR), 1.0)  # FFT rounding can take a sum just past 1


def _tail(pmfs: list[tuple[NDArray[np.float64], int]]) -> tuple[NDArray[np.float64], int]:
    """``tail[i]``: the probability of a total of ``i + low`` or more, and ``low``."""
    windows = sum(n for _, n in pmfs)
    if windows == 0:
        return np.zeros(0), 0
    size = 1 << int(np.ceil(np.log2(254 * windows + 1)))
    spectrum = np.ones(size // 2 + 1, dtype=np.complex128)
    for p, n in pmfs:
        if n:
            spectrum *= np.fft.rfft(p, size) ** n
    total = np.maximum(np.fft.irfft(spectrum, size), 0.0)
    tail: NDArray[np.float64] = np.cumsum(total[::-1])[::-1]
    return tail, -127 * windows


@cache
def _prose_model(zipf: float) -> CodeModel:
    return CodeModel.from_code(Codebook.default().encode_many(_sample(zipf)).digits)


def _sample(zipf: float) -> list[str]:
    """A fixed sample of 2,000 texts of 150 words of the lesson's prose."""
    rng = np.random.default_rng(19440501)
    return Prose.telegraphese(zipf=zipf).texts(rng, np.full(2000, 150, dtype=np.int64))


__all__ = ["P_FLOOR", "SCALE", "CodeModel", "pmf", "quantise", "tail_limit", "tail_probability"]
