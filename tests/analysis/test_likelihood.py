"""The exact likelihood ratio of a depth, against a brute-force sum over every plaintext."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth
from cipherwire.analysis.forwards import Tables
from cipherwire.analysis.likelihood import depth_ratios, log_ratios
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import text_digit
from cipherwire.errors import AnalysisError
from cipherwire.venona.traffic import TrafficPlan, generate


def _model(seed: int) -> NDArray[np.float64]:
    """A lumpy distribution of code groups: a few very likely, most rare."""
    rng = np.random.default_rng(seed)
    p = rng.gamma(0.05, size=10_000) + 1e-9
    return p / p.sum()


def _stream_probability(
    x: NDArray[np.int64], start: int, p: NDArray[np.float64]
) -> NDArray[np.float64]:
    """P(stream) for every row of ``x`` (shape ``(N, S)``), code groups of ``p`` with a
    boundary where ``(start + t) % 4 == 0``; cut groups by summing ``p`` directly."""
    groups = p.reshape(10, 10, 10, 10)
    size = x.shape[1]
    out = np.ones(x.shape[0])
    t = 0
    while t < size:
        phase = (start + t) % 4
        seen = min(4 - phase, size - t)  # figures of this group inside the stretch
        axes = tuple(a for a in range(4) if not phase <= a < phase + seen)
        table = groups.sum(axis=axes) if axes else groups
        out *= table[tuple(x[:, t + i] for i in range(seen))]
        t += seen
    return out


def _brute(d: NDArray[np.int64], starts: tuple[int, int], p: NDArray[np.float64]) -> float:
    size = d.size
    every = (np.arange(10**size)[:, None] // 10 ** np.arange(size - 1, -1, -1)) % 10
    second = (every - d[None, :]) % 10
    total = (
        _stream_probability(every, starts[0], p) * _stream_probability(second, starts[1], p)
    ).sum()
    return float(np.log(total) + size * np.log(10))


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    first=st.integers(0, 3),
    second=st.integers(0, 3),
    size=st.integers(4, 6),
)
def test_log_ratio_is_the_sum_over_every_plaintext(
    seed: int, first: int, second: int, size: int
) -> None:
    p = _model(seed)
    rng = np.random.default_rng(seed + 1)
    d = rng.integers(0, 10, (3, size))
    got = log_ratios(d, (first, second), Tables.of(p))
    for row, value in zip(d, got, strict=True):
        assert value == pytest.approx(_brute(row, (first, second), p), rel=1e-9, abs=1e-9)


def test_equal_streams_give_the_difference_of_a_group_with_itself() -> None:
    # D = 0 over one aligned group: P(depth) = sum of p squared, the chance two draws agree
    p = _model(7)
    got = log_ratios(np.zeros((1, 4), dtype=np.int64), (0, 0), Tables.of(p))[0]
    assert got == pytest.approx(np.log((p**2).sum() * 10**4))


def test_noise_scores_below_zero_on_average_and_depths_above() -> None:
    tables = Tables.of(CodeModel.default().windows[0])
    rng = np.random.default_rng(3)
    noise = rng.integers(0, 10, (40, 120))
    noise_mean = log_ratios(noise, (0, 2), tables).mean()
    assert noise_mean < 0
    # two code streams drawn from the model itself, in depth, shifted by two figures
    groups = rng.choice(10_000, size=(2, 40, 32), p=tables.p)
    digits = (groups[..., None] // np.array([1000, 100, 10, 1])) % 10
    streams = digits.reshape(2, 40, -1)
    depth = (streams[0, :, 0:120] - streams[1, :, 2:122]) % 10
    # 30 groups shifted by two figures tell little each (docs/performance.md), but clearly
    assert log_ratios(depth, (0, 2), tables).mean() > noise_mean + 4


@pytest.mark.parametrize(
    ("d", "message"),
    [
        (np.zeros(8, dtype=np.int64), "(K, S) array"),
        (np.zeros((2, 3), dtype=np.int64), "shorter than a code group"),
        (np.full((1, 8), 10), "outside the digits"),
        (np.zeros((1, 8)), "(K, S) array"),
    ],
)
def test_bad_input_is_refused(d: NDArray[np.int64], message: str) -> None:
    with pytest.raises(AnalysisError, match=message.replace("(", r"\(").replace(")", r"\)")):
        log_ratios(d, (0, 0), Tables.of(_model(1)))


def test_depth_ratios_of_a_traffic(tmp_path: Path) -> None:
    plan = TrafficPlan(
        messages=120, links=2, duplicate_fraction=0.05, reverse_fraction=0.2, seed=11
    )
    traffic = generate(plan, tmp_path / "t")
    intercepts = traffic.intercepts()
    depths = traffic.depths or ()
    assert any(d.reverse for d in depths) and any(not d.reverse for d in depths)
    tables = Tables.of(CodeModel.default().windows[0])
    got = depth_ratios(intercepts, depths, tables)
    for depth, value in zip(depths, got, strict=True):
        if depth.reverse or depth.first == depth.second:
            assert np.isnan(value)
            continue
        one = intercepts.groups[depth.first][5 * depth.first_at :][: 5 * depth.length]
        two = intercepts.groups[depth.second][5 * depth.second_at :][: 5 * depth.length]
        d = (one.astype(np.int64) - two) % 10
        starts = (text_digit(depth.first_at), text_digit(depth.second_at))
        assert value == pytest.approx(log_ratios(d[None], starts, tables)[0], rel=1e-12)
    # and the pairs that are not in depth score as noise does: below zero on average
    messages, at, length = intercepts.pages()
    full = np.flatnonzero(length == 59)[:40]
    noise = [
        Depth(int(messages[i]), int(messages[j]), int(at[i]) + 1, int(at[j]) + 1, 59)
        for i, j in zip(full[:20], full[20:], strict=True)
        if messages[i] != messages[j]
    ]
    truth = {(d.first, d.second, d.first_at, d.second_at) for d in depths}
    noise = [n for n in noise if (n.first, n.second, n.first_at, n.second_at) not in truth]
    assert depth_ratios(intercepts, noise, tables).mean() < 0
