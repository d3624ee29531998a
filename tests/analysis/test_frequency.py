"""Tests for frequency analysis (cipherwire.analysis.frequency): counts, index of
coincidence, chi-square and its p-value, the `cipherwire frequency` command, and the lesson
itself: the code stream is uneven, the cable is flat."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipherwire.analysis.frequency import Frequencies, compare
from cipherwire.analysis.source import Source
from cipherwire.analysis.uniformity import (
    PValueMethod,
    Uniformity,
    chi_square_sf,
    gamma_p,
    gamma_q,
)
from cipherwire.codebook.book import Codebook
from cipherwire.core import digits_from_text
from cipherwire.core.messages import MessageSet
from cipherwire.errors import (
    AnalysisError,
    ArrayTypeError,
    ArrayValueError,
)
from cipherwire.telegram.document import Telegram
from tests.cli.test_cli import SEED, assert_one_line_error, run

PNG = b"\x89PNG\r\n\x1a\n"


def digits(text: str) -> np.ndarray[Any, np.dtype[np.uint8]]:
    return digits_from_text(text.replace(" ", ""))


# -- known answers -------------------------------------------------------------------------


def test_counts_ic_and_chi_square_by_hand() -> None:
    """1122 1122 in pairs: counts, IC and chi-square worked out by hand."""
    f = Frequencies.of(digits("11221122"), group=2)
    assert f.digit_counts.tolist() == [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]
    assert f.group_counts.shape == (100,) and f.group_counts[[11, 22]].tolist() == [2, 2]
    assert f.group_counts.sum() == 4 and f.leftover == 0
    # IC = (4*3 + 4*3) / (8*7); expected 0.8 a digit: (2 * 3.2^2 + 8 * 0.8^2) / 0.8 = 32
    assert f.digits.coincidences == 12
    assert f.digits.ic == pytest.approx(24 / 56)
    assert f.digits.ic_normalised == pytest.approx(240 / 56)
    assert f.digits.chi_square == pytest.approx(32.0)
    # 8 digits over 10 categories (N < K): P(Poisson(8 * 7 / 20) >= 12 pairs)
    assert f.digits.df == 9 and f.digits.method is PValueMethod.COINCIDENCES
    tail = 1 - math.fsum(math.exp(-2.8) * 2.8**k / math.factorial(k) for k in range(12))
    assert f.digits.p_value == pytest.approx(tail, rel=1e-6)
    # groups: 4 of 100 categories, N < K, so the p-value counts coinciding pairs (2)
    assert f.groups.coincidences == 2 and f.groups.ic == pytest.approx(4 / 12)
    mean = 4 * 3 / (2 * 100)
    assert f.groups.method is PValueMethod.COINCIDENCES
    assert f.groups.p_value == pytest.approx(-math.expm1(-mean) - mean * math.exp(-mean))
    assert f.most_common(3) == [("11", 2), ("22", 2)]


def test_uniform_digits_have_chi_square_zero() -> None:
    """Each digit twice: chi-square 0, p-value 1, IC x 10 = 10 * 20 / 380."""
    f = Frequencies.of(digits("0123456789" * 2), group=5)
    assert f.digits.chi_square == pytest.approx(0.0, abs=1e-9)
    assert f.digits.p_value == pytest.approx(1.0)
    assert f.digits.ic_normalised == pytest.approx(10 * 20 / 380)
    assert f.most_common() == [("01234", 2), ("56789", 2)]


def test_chi_square_p_value_by_hand() -> None:
    """Eleven 0s and one each of 1-9: X2 = (9^2 + 9 * 1^2) / 2 = 45 on 9 df."""
    f = Frequencies.of(digits("0" * 10 + "0123456789"), group=1)
    assert f.digits.method is PValueMethod.CHI_SQUARE and f.digits.chi_square == pytest.approx(45)
    # Q(9/2, x) = erfc(sqrt(x)) + exp(-x) * sum_{k<4} x^(k+1/2) / Gamma(k+3/2), x = 45 / 2
    x = 22.5
    terms = (x ** (k + 0.5) / math.gamma(k + 1.5) for k in range(4))
    want = math.erfc(math.sqrt(x)) + math.exp(-x) * math.fsum(terms)
    assert f.digits.p_value == pytest.approx(want, rel=1e-9)
    assert f.groups.p_value == f.digits.p_value  # groups of 1 are the digits


def test_groups_are_cut_in_each_message() -> None:
    """Groups start again at each message; the digits short of a group are left over."""
    f = Frequencies.of(MessageSet.from_texts(["12345678", "1234"]), group=3)
    assert f.most_common() == [("123", 2), ("456", 1)]
    assert f.leftover == 3 and f.digits.total == 12 and f.groups.total == 3
    flat = Frequencies.of(digits("123456789012"), group=5)
    assert flat.leftover == 2 and flat.groups.total == 2


def test_to_text_and_to_json() -> None:
    """The table shows the counts and both tests; the JSON holds the same figures."""
    f = Frequencies.of(digits("11221122"), group=2)
    text = f.to_text(top=1)
    assert "8 digits, 4 groups of 2 (none left over)" in text
    assert "most frequent groups of 2: 11 (2)\n" in text
    assert "chi-square" in text and "coincidences" in text
    data = json.loads(json.dumps(f.to_json(top=1)))
    assert data["digit_counts"][1] == 4 and data["distinct_groups"] == 2
    assert data["digits"]["chi_square"] == pytest.approx(32.0)
    assert data["groups"]["p_value_from"] == "coincidences"
    assert data["most_common"] == [{"group": "11", "count": 2}]
    flat = Frequencies.of(digits("0123456789"), group=2)
    assert "no group of 2 comes twice" in flat.to_text()


# -- the incomplete gamma function ---------------------------------------------------------


@pytest.mark.parametrize(
    ("statistic", "df", "p"),
    [
        (3.841459, 1, 0.05),
        (6.634897, 1, 0.01),
        (16.919, 9, 0.05),
        (21.666, 9, 0.01),
        (124.342, 100, 0.05),
        (135.807, 100, 0.01),
        (1074.679, 1000, 0.05),
    ],
    ids=["1-5%", "1-1%", "9-5%", "9-1%", "100-5%", "100-1%", "1000-5%"],
)
def test_chi_square_table(statistic: float, df: int, p: float) -> None:
    """The critical values of printed chi-square tables give their p-values."""
    assert chi_square_sf(statistic, df) == pytest.approx(p, rel=2e-4)


def _poisson_cdf(n: int, x: float) -> float:
    """Q(n, x) for whole n: P(Poisson(x) < n), summed in log space."""
    return math.fsum(math.exp(k * math.log(x) - x - math.lgamma(k + 1)) for k in range(n))


@given(st.integers(1, 20_000), st.floats(0.3, 1.7))
def test_gamma_q_is_the_poisson_sum(n: int, ratio: float) -> None:
    """For whole a, Q(a, x) is the Poisson distribution function; P + Q = 1."""
    x = n * ratio
    want = _poisson_cdf(n, x)
    assert gamma_q(n, x) == pytest.approx(want, rel=1e-8, abs=1e-300)
    assert gamma_p(n, x) + gamma_q(n, x) == pytest.approx(1.0)


@given(st.floats(0.0, 50.0))
def test_gamma_q_half_is_erfc(x: float) -> None:
    """Q(1/2, x) = erfc(sqrt(x)): chi-square with one degree of freedom."""
    assert gamma_q(0.5, x) == pytest.approx(math.erfc(math.sqrt(x)), rel=1e-9, abs=1e-300)


def test_large_degrees_of_freedom() -> None:
    """Five-figure groups: 99,999 degrees of freedom, against the normal approximation."""
    df = 99_999
    sd = math.sqrt(2 * df)
    assert chi_square_sf(df + 1.6449 * sd, df) == pytest.approx(0.05, rel=0.02)
    assert chi_square_sf(df + 2.3263 * sd, df) == pytest.approx(0.01, rel=0.05)
    assert chi_square_sf(df * 2, df) < 1e-300


# -- properties ----------------------------------------------------------------------------

streams = st.lists(st.integers(0, 9), min_size=8, max_size=300).map(
    lambda xs: np.array(xs, dtype=np.uint8)
)


def _ic(items: list[Any]) -> float:
    n = len(items)
    return sum(c * (c - 1) for c in Counter(items).values()) / (n * (n - 1))


@given(streams, st.integers(1, 4))
def test_ic_matches_a_pure_python_reference(stream: np.ndarray[Any, Any], size: int) -> None:
    """IC and chi-square of digits and groups equal a Counter-based reference."""
    whole = stream.size // size
    if whole < 2:
        return
    f = Frequencies.of(stream, group=size)
    text = "".join(map(str, stream.tolist()))
    groups = [text[i * size : (i + 1) * size] for i in range(whole)]
    assert f.digits.ic == pytest.approx(_ic(list(text)))
    assert f.groups.ic == pytest.approx(_ic(groups))
    n, k = len(groups), 10**size
    counts = Counter(groups)
    chi = sum((counts.get(f"{v:0{size}d}", 0) - n / k) ** 2 / (n / k) for v in range(k))
    assert f.groups.chi_square == pytest.approx(chi)
    assert int(f.digit_counts.sum()) == stream.size
    assert int(f.group_counts.sum()) == whole and f.leftover == stream.size - whole * size


@given(streams, st.permutations(list(range(10))))
def test_digit_tests_ignore_the_names_of_digits(
    stream: np.ndarray[Any, Any], permutation: list[int]
) -> None:
    """Renaming the digits by a fixed permutation changes neither IC nor chi-square."""
    renamed = np.array(permutation, dtype=np.uint8)[stream]
    a, b = Frequencies.of(stream, group=1), Frequencies.of(renamed, group=1)
    assert a.digits.ic == pytest.approx(b.digits.ic)
    assert a.digits.chi_square == pytest.approx(b.digits.chi_square)
    assert a.groups.p_value == pytest.approx(b.groups.p_value)


# -- the lesson ----------------------------------------------------------------------------


def test_the_pad_flattens_the_seed(seed: Telegram, seed_cable: str) -> None:
    """The seed's code stream is far from uniform; its cable is not rejected at 1 %."""
    code = Codebook.default().encode(seed.body_as_sent)
    plain = Frequencies.of(code, group=4)
    assert plain.groups.p_value < 1e-100 and plain.groups.ic_normalised > 100
    assert plain.digits.p_value < 1e-6
    sent = Source.read(seed_cable)
    for size in (4, 5):
        flat = Frequencies.of(sent.messages, group=size)
        assert flat.digits.p_value > 0.01 and flat.groups.p_value > 0.01
        assert flat.groups.ic_normalised < 2
    both = compare(code, sent.messages, group=4)
    assert both.group_ic_ratio > 100 and both.digit_ic_ratio > 1.03


def test_calibration_on_uniform_streams() -> None:
    """On random digits the p-values reject about as often as they should (seeded)."""
    rng = np.random.default_rng(1950)
    for size, n in ((5, 1420), (4, 1400), (1, 500)):
        ps = [Frequencies.of(rng.integers(0, 10, n, dtype=np.uint8), group=size).groups.p_value
              for _ in range(300)]  # fmt: skip
        assert 0.0 <= float(np.mean(np.array(ps) < 0.05)) <= 0.09


BAD: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("list", lambda: Frequencies.of([1, 2, 3]), ArrayTypeError, "not list"),  # type: ignore[arg-type]
    ("int64", lambda: Frequencies.of(np.arange(9)), ArrayTypeError, "dtype uint8"),  # type: ignore[arg-type]
    ("2-d", lambda: Frequencies.of(np.zeros((2, 5), np.uint8)), ArrayValueError, "(2, 5)"),
    ("digit 10", lambda: Frequencies.of(np.array([1, 10], np.uint8)), ArrayValueError, "10"),
    ("group 0", lambda: Frequencies.of(digits("1234"), group=0), AnalysisError, "0"),
    ("group 7", lambda: Frequencies.of(digits("1234"), group=7), AnalysisError, "7"),
    ("group True", lambda: Frequencies.of(digits("12"), group=True), AnalysisError, "True"),
    ("one group", lambda: Frequencies.of(digits("1234567")), AnalysisError, "too little"),
    ("empty", lambda: Frequencies.of(MessageSet.from_texts([])), AnalysisError, "too little"),
    ("top -1", lambda: Frequencies.of(digits("12"), group=1).most_common(-1), AnalysisError, "-1"),
    ("counts float", lambda: Uniformity.of(np.ones(3)), ArrayTypeError, "integers"),
    ("counts 1", lambda: Uniformity.of(np.array([5])), ArrayValueError, "2 or more"),
    ("gamma a=0", lambda: gamma_q(0, 1), AnalysisError, "a > 0"),
    ("gamma x<0", lambda: gamma_p(1, -1), AnalysisError, "x >= 0"),
    ("df 0", lambda: chi_square_sf(1.0, 0), AnalysisError, "0"),
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_inputs(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """Each bad input raises its error, naming the offending value."""
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)


# -- the command -----------------------------------------------------------------------------


def test_cli_cable_and_code_stream(tmp_path: Path, seed_cable: str) -> None:
    """frequency reads a cable (file or stdin) and, with --encode, a telegram's code."""
    (tmp_path / "seed.cable").write_text(seed_cable, encoding="utf-8")
    done = run("frequency", str(tmp_path / "seed.cable"), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 cable(s), 2 part(s): 284 enciphered groups counted")
    assert "p-value from" in done.stdout and "no group of 5 comes twice" in done.stdout
    code = run("frequency", "--encode", SEED, "--json", "--top", "2", home=tmp_path)
    data = json.loads(code.stdout)
    assert data["source"]["code_groups"] == 350 and data["group"] == 4
    assert data["groups"]["p_value"] < 1e-100 and len(data["most_common"]) == 2
    piped = run("frequency", "-", "--group", "4", "--json", home=tmp_path, stdin=seed_cable)
    assert json.loads(piped.stdout)["groups"]["p_value"] > 0.01


def test_cli_plot(tmp_path: Path) -> None:
    """--plot writes a PNG; a folder is refused before any work."""
    out = tmp_path / "f.png"
    done = run("frequency", "--encode", SEED, "--plot", str(out), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(PNG) and f"wrote {out}" in done.stderr
    folder = run("frequency", "--encode", SEED, "--plot", str(tmp_path), home=tmp_path)
    assert_one_line_error(folder, 2, "is a folder")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((SEED,), 1, "line 3: expected a cable"),
        (("seeds",), 2, "is a folder"),
        ((SEED, "--codebook", "x.tsv"), 2, "--codebook and --one-part go with --encode"),
        ((SEED, "--group", "9"), 2, "9"),
    ],
    ids=["telegram-without-encode", "folder", "codebook-alone", "group-9"],
)
def test_cli_errors(tmp_path: Path, args: tuple[str, ...], code: int, message: str) -> None:
    """Wrong input is one error line and the right exit status."""
    assert_one_line_error(run("frequency", *args, home=tmp_path), code, message)
