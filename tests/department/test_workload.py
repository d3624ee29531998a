"""Tests for workloads: telegram files in order, seeded synthetic traffic, rates and rhythm."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from cipherwire.codebook.book import Codebook
from cipherwire.department.workload import Lengths, Rhythm, Workload, parse_rate
from cipherwire.errors import InputFileError, WorkloadError
from cipherwire.telegram.document import Precedence, Telegram

MSK = ZoneInfo("Europe/Moscow")
START = dt.datetime(1950, 12, 7, tzinfo=MSK)
SEED_FILE = Path(__file__).parents[2] / "seeds" / "000_ee3f4792618692d7.txt"


def test_telegram_files_arrive_at_their_received_stamps() -> None:
    """The seed arrives at 19:10 Moscow time, TOP PRIORITY, for BEIJING."""
    workload = Workload.from_files([SEED_FILE])
    (arrival,) = workload.arrivals
    assert (arrival.time, arrival.precedence, arrival.destination, arrival.source) == (
        dt.datetime(1950, 12, 7, 19, 10, tzinfo=MSK),
        Precedence.TOP,
        "BEIJING",
        str(SEED_FILE),
    )
    assert workload.start == arrival.time


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (["To BEIJING\n\nNo stamp at all.\n"], "no time of receipt"),
        (["Received 10 hours 05 minutes\n7/XII.1950\n\nNowhere to go.\n"], "no destination"),
        (
            [
                "Received 11 hours 00 minutes\n7/XII.1950\nTo BEIJING\n\nLater.\n",
                "Received 10 hours 00 minutes\n7/XII.1950\nTo BEIJING\n\nEarlier.\n",
            ],
            "give the telegrams in the order",
        ),
    ],
    ids=["missing", "no-destination", "out-of-order"],
)
def test_bad_telegram_workloads(tmp_path: Path, texts: list[str], message: str) -> None:
    """A missing stamp, no destination or files out of order are errors naming the file."""
    paths = [_write(tmp_path, f"t{i}.txt", text) for i, text in enumerate(texts)]
    with pytest.raises(WorkloadError, match=message) as caught:
        Workload.from_files(paths)
    assert str(paths[-1]) in str(caught.value)


def test_missing_file_is_an_input_file_error(tmp_path: Path) -> None:
    """A file that is not there is the usual input error."""
    with pytest.raises(InputFileError, match="no such file"):
        Workload.from_files([tmp_path / "missing.txt"])


def test_synthetic_traffic_is_reproducible() -> None:
    """One seed, one workload (texts included); another seed, another."""
    rates = {Precedence.TOP: 1.0, Precedence.ORDINARY: 4.0}
    a = Workload.synthetic(hours=24, rates=rates, start=START, seed=9)
    b = Workload.synthetic(hours=24, rates=rates, start=START, seed=9)
    c = Workload.synthetic(hours=24, rates=rates, start=START, seed=10)
    assert a == b and a != c
    assert [x.telegram for x in a.arrivals] == [x.telegram for x in b.arrivals]


def test_each_class_has_its_own_stream() -> None:
    """Changing the ordinary rate leaves the TOP PRIORITY arrivals as they were."""
    one = Workload.synthetic(
        hours=48,
        rates={Precedence.TOP: 1.0, Precedence.ORDINARY: 2.0},
        start=START,
        seed=4,
        texts=False,
    )
    two = Workload.synthetic(
        hours=48,
        rates={Precedence.TOP: 1.0, Precedence.ORDINARY: 9.0},
        start=START,
        seed=4,
        texts=False,
    )

    def tops(w: Workload) -> list[dt.datetime]:
        return [a.time for a in w.arrivals if a.precedence is Precedence.TOP]

    assert tops(one) == tops(two) and len(two) > len(one)


def test_poisson_counts_and_the_day_night_rhythm() -> None:
    """Over 200 days: the mean count is the rate (4 sd), and 15:00 is 3x busier than 03:00."""
    hours, rate = 24 * 200, 5.0
    workload = Workload.synthetic(
        hours=hours, rates={Precedence.URGENT: rate}, start=START, seed=1, texts=False
    )
    n = len(workload)
    assert abs(n - rate * hours) < 4 * np.sqrt(rate * hours)
    local = np.array([a.time.astimezone(MSK).hour for a in workload.arrivals])
    peak, trough = np.sum(local == 15), np.sum(local == 3)
    # the rate at 15:00-16:00 averages about 1.49x the mean, at 03:00-04:00 about 0.51x
    assert 2.6 < peak / trough < 3.3
    flat = Workload.synthetic(
        hours=hours,
        rates={Precedence.URGENT: rate},
        start=START,
        seed=1,
        texts=False,
        rhythm=Rhythm(amplitude=0.0),
    )
    flat_hours = np.array([a.time.hour for a in flat.arrivals])
    assert 0.85 < np.sum(flat_hours == 15) / np.sum(flat_hours == 3) < 1.15


def test_lengths_are_lognormal_words_that_encode_one_group_each() -> None:
    """Median 120 words; the synthetic words are the book's, one code group a word."""
    lengths = Lengths().draw(np.random.default_rng(1), 20_000)
    assert 115 <= np.median(lengths) <= 125 and lengths.min() >= 10
    workload = Workload.synthetic(hours=24, rates={Precedence.ORDINARY: 2.0}, start=START, seed=2)
    book = Codebook.default()
    for arrival in workload.arrivals[:10]:
        telegram = arrival.telegram
        assert isinstance(telegram, Telegram)
        words = len(telegram.body_as_sent.split())
        groups = len(book.encode(telegram.body_as_sent)) // 4
        assert words <= groups <= words + 1  # a phrase may join two words; the final stop
        assert telegram.received == arrival.time.replace(second=0, microsecond=0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("top=2/h", (Precedence.TOP, 2.0)),
        ("URGENT = 0.5", (Precedence.URGENT, 0.5)),
        ("ordinary=48/d", (Precedence.ORDINARY, 2.0)),
        ("ordinary=0/h", (Precedence.ORDINARY, 0.0)),
    ],
)
def test_parse_rate(text: str, expected: tuple[Precedence, float]) -> None:
    """CLASS=N/h, CLASS=N (hourly) and CLASS=N/d (daily)."""
    assert parse_rate(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("top=-1/h", "must be zero or more"),
        ("top=abc/h", "is not a number"),
        ("top=nan", "must be zero or more"),
        ("secret=1/h", "unknown precedence class 'secret'"),
        ("top", "does not parse"),
        ("top=1/week", "does not parse"),
    ],
)
def test_bad_rates(text: str, message: str) -> None:
    """Negative, non-numeric and unknown-class rates are errors quoting the input."""
    with pytest.raises(WorkloadError, match=message):
        parse_rate(text)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hours": 0}, "positive number"),
        ({"hours": float("nan")}, "positive number"),
        ({"rates": {Precedence.TOP: -1.0}}, "must be >= 0"),
        ({"start": dt.datetime(1950, 12, 7)}, "zone-aware"),
        ({"destinations": [("BEIJING", 0.0)]}, "not all zero"),
    ],
)
def test_bad_synthetic_workloads(kwargs: dict[str, object], message: str) -> None:
    """Synthetic workloads check their arguments."""
    arguments: dict[str, object] = {
        "hours": 1.0,
        "rates": {Precedence.TOP: 1.0},
        "start": START,
        "seed": 1,
        **kwargs,
    }
    with pytest.raises(WorkloadError, match=message):
        Workload.synthetic(**arguments)  # type: ignore[arg-type]
