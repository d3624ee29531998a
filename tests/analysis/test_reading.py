"""Tests for reading depths (cipherwire.analysis.reading) on simulated traffic: the closing
groups and the key against the pad, cribs, the bulk score, bad input, and the
`cipherwire venona read` command."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Intercepts
from cipherwire.analysis.evaluation import evaluate
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import Crib, check_groups, text_digit
from cipherwire.analysis.reading import NotInDepthError, Reading, Tally, read
from cipherwire.codebook.book import Codebook
from cipherwire.core.messages import MessageSet
from cipherwire.errors import AnalysisError
from cipherwire.pad.book import PadBook
from cipherwire.venona.folder import Traffic
from cipherwire.venona.traffic import TrafficPlan, generate
from tests.analysis.conftest import A_B, Hand
from tests.cli.test_cli import assert_one_line_error, run

WEIGHTS = np.array([1000, 100, 10, 1], dtype=np.int64)
#: A regression floor a little below what this traffic reads, not a target: the prose's
#: entropy keeps frequencies alone far from reading every group (docs/performance.md).
FLOOR = 0.28


@dataclass(frozen=True)
class Lab:
    """A small traffic folder and what the tests need of it."""

    traffic: Traffic
    intercepts: Intercepts
    book: Codebook
    model: CodeModel
    checks: tuple[str, ...]
    codes: MessageSet

    def read(self, depth: Depth, **options: Any) -> Reading:
        return read(self.intercepts, depth, self.book, self.model, checks=self.checks, **options)

    def truth(self, message: int) -> NDArray[np.int64]:
        """The message's true code groups as numbers."""
        return self.codes[message].reshape(-1, 4).astype(np.int64) @ WEIGHTS

    def pad_key(self, depth: Depth) -> NDArray[np.uint8]:
        """The true additive over the depth's stretch, from the first message's pad book."""
        assert self.traffic.messages is not None
        m = self.traffic.messages[depth.first]
        path = self.traffic.folder / "pads" / f"{m.link.lower().replace(' ', '-')}.padbook"
        with PadBook.open(path) as book:
            page = book.page(m.first_page + (depth.first_at - 1) // 60)
        begin = 5 * (depth.first_at % 60 - 1)
        return page.key[begin : begin + 5 * depth.length]

    def shift(self, depth: Depth) -> int:
        return (text_digit(depth.first_at) - text_digit(depth.second_at)) % 4

    def reaches_end(self, depth: Depth) -> tuple[bool, bool]:
        """Whether the stretch takes in each message's closing groups."""
        counts = self.intercepts.group_counts
        return (
            depth.first_at + depth.length >= counts[depth.first],
            depth.second_at + depth.length >= counts[depth.second],
        )


def _lab(plan: TrafficPlan, folder: Path) -> Lab:
    """The traffic of ``plan``, written to ``folder``, and what reading it needs."""
    generate(plan, folder)
    traffic = Traffic.load(folder)
    book = Codebook.default()
    assert traffic.messages is not None and traffic.depths
    return Lab(
        traffic,
        traffic.intercepts(),
        book,
        CodeModel.default(),
        check_groups(traffic.cables),
        book.encode_many([m.text for m in traffic.messages]),
    )


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    """200 messages on two links, 5% of pages duplicated (seed 4): 30 depths."""
    plan = TrafficPlan(messages=200, links=2, duplicate_fraction=0.05, seed=4)
    return _lab(plan, tmp_path_factory.mktemp("reading") / "traffic")


def _depths(lab: Lab) -> tuple[Depth, ...]:
    assert lab.traffic.depths is not None
    return lab.traffic.depths


def _aligned_to_closing(lab: Lab) -> Depth:
    """The longest aligned depth that takes in the first message's closing groups."""
    found = [d for d in _depths(lab) if lab.shift(d) == 0 and lab.reaches_end(d)[0]]
    return max(found, key=lambda d: d.length)


# -- reading the traffic -------------------------------------------------------------------


def test_check_groups_are_the_closing_groups_deciphered(lab: Lab) -> None:
    """The check group from each preamble is what the last group deciphers to."""
    for depth in _depths(lab)[:8]:
        if not lab.reaches_end(depth)[0]:
            continue
        cipher = lab.intercepts.groups[depth.first][-5:]
        plain = (cipher.astype(np.int64) - lab.pad_key(depth)[-5:]) % 10
        assert "".join(map(str, plain)) == lab.checks[depth.first]


def test_aligned_depth_reads_the_other_message_under_the_closing(lab: Lab) -> None:
    """Where the first message closes, the second message's groups are read exactly and
    the additive there is the pad's."""
    depth = _aligned_to_closing(lab)
    reading = lab.read(depth)
    np.testing.assert_array_equal(reading.key[-10:], lab.pad_key(depth)[-10:])
    assert reading.key_known[-10:].all()
    end = text_digit(depth.second_at) + 5 * depth.length  # second message's text figures
    under = ((reading.second.groups - 1) * 4 >= end - 10) & reading.second.whole
    assert under.sum() >= 1
    truth = lab.truth(depth.second)
    assert (reading.second.codes[under] == truth[reading.second.groups[under] - 1]).all()
    assert (reading.second.confidence[under] > 0.999).all()


def test_key_is_the_pad_where_both_readings_are_right(lab: Lab) -> None:
    """Over every figure of a group read right with confidence, the key is the pad's."""
    checked = 0
    for depth in _depths(lab)[:12]:
        reading = lab.read(depth)
        pad = lab.pad_key(depth)
        for side, at in ((reading.first, depth.first_at), (reading.second, depth.second_at)):
            truth = lab.truth(side.message)
            for g, code, p in zip(side.groups, side.codes, side.confidence, strict=True):
                if p < side.threshold or g > truth.size or code != truth[g - 1]:
                    continue
                figures = 4 * (g - 1) + np.arange(4) - text_digit(at)
                figures = figures[(figures >= 0) & (figures < pad.size)]
                assert reading.key_known[figures].all()
                np.testing.assert_array_equal(reading.key[figures], pad[figures])
                checked += 1
    assert checked > 50


def test_cribs_fix_groups_in_both_messages(lab: Lab) -> None:
    """A true word given as a crib is read with certainty, and fixes the other message."""
    depth = max((d for d in _depths(lab) if lab.shift(d) == 0), key=lambda d: d.length)
    before = lab.read(depth)
    truth = lab.truth(depth.first)
    names = {code: text for text, code in lab.book.entries}
    wrong = [
        (int(g), names[int(truth[g - 1])])
        for g, c, whole in zip(
            before.first.groups, before.first.codes, before.first.whole, strict=True
        )
        if whole and c != truth[g - 1] and not names.get(int(truth[g - 1]), "<").startswith("<")
    ]
    (g1, w1), (g2, w2) = wrong[0], wrong[1]
    cribs = [Crib(w1, depth.first, g1), Crib.from_text(f"{w2}@{depth.first}:{g2}")]
    after = lab.read(depth, cribs=cribs)
    offset = (text_digit(depth.second_at) - text_digit(depth.first_at)) // 4
    other = lab.truth(depth.second)
    for g in (g1, g2):
        at = int(np.flatnonzero(after.first.groups == g)[0])
        assert after.first.codes[at] == truth[g - 1] and after.first.confidence[at] > 0.999
        assert after.second.codes[at] == other[g + offset - 1]
        assert after.second.confidence[at] > 0.999
    assert (
        after.score(lab.codes[depth.first], lab.codes[depth.second]).correct
        > before.score(lab.codes[depth.first], lab.codes[depth.second]).correct
    )


def test_reading_reports(lab: Lab) -> None:
    """to_text shows both messages and the groups side by side; to_json is JSON."""
    depth = _aligned_to_closing(lab)
    reading = lab.read(depth)
    text = reading.to_text()
    assert text.startswith(f"DEPTH: messages {depth.first} and {depth.second} share ")
    assert f"MESSAGE {depth.second}: code groups " in text and "KEY (additive" in text
    assert len(text.splitlines()) >= reading.first.groups.size + 8
    data = json.loads(json.dumps(reading.to_json()))
    assert data["depth"] == depth.to_json() and data["shift"] == 0
    assert len(data["first"]["codes"]) == reading.first.groups.size
    assert data["key"].replace(" ", "").replace("?", "").isdigit()


def test_evaluation_over_all_depths(lab: Lab) -> None:
    """The share of code groups read right is a fraction above the measured floor, and
    what the reading claims (probability >= 0.9) is nearly always right."""
    result = evaluate(
        lab.intercepts, _depths(lab), lab.book, lab.model, lab.codes, checks=lab.checks
    )
    total = result.total
    assert 0 <= result.share <= 1 and result.share > FLOOR
    assert total.claimed_correct >= 0.9 * total.claimed > 0
    assert sum(t.groups for t in result.by_shift().values()) == total.groups
    assert sum(t.groups for t in result.by_length().values()) == total.groups
    assert set(result.by_shift()) <= {0, 1, 2, 3}
    assert json.loads(json.dumps(result.to_json()))["total"]["groups"] == total.groups


def _false_depth(lab: Lab) -> Depth:
    """The last three groups of messages 0 and 1, as if they shared additive: both closing
    groups are known, and they cannot both hold."""
    counts = lab.intercepts.group_counts
    ends = [int(counts[m]) - 3 for m in (0, 1)]
    assert all(e % 60 and e % 60 + 3 <= 60 for e in ends)
    return Depth(0, 1, ends[0], ends[1], 3)


def test_evaluation_counts_a_false_depth_as_unread(lab: Lab) -> None:
    """A "depth" whose known closings contradict each other counts with every group wrong."""
    result = evaluate(
        lab.intercepts, [_false_depth(lab)], lab.book, lab.model, lab.codes, checks=lab.checks
    )
    assert result.total.correct == result.total.claimed == 0 and result.total.groups >= 0


# -- bad input -----------------------------------------------------------------------------


def _depth(lab: Lab) -> Depth:
    return _aligned_to_closing(lab)


def _inside(lab: Lab) -> int:
    """A code group of the first message wholly inside the stretch of :func:`_depth`."""
    return text_digit(_depth(lab).first_at) // 4 + 2


def _outside(lab: Lab) -> Crib:
    """A crib on a code group of one of the depth's messages that lies outside it."""
    for depth in _depths(lab):
        for m, at in ((depth.first, depth.first_at), (depth.second, depth.second_at)):
            start = text_digit(at)
            last = (start + 5 * depth.length - 1) // 4 + 1
            if start >= 4:
                return Crib("THE", m, 1)
            if lab.codes[m].size // 4 > last + 1:
                return Crib("THE", m, last + 1)
    raise AssertionError("no depth leaves a group outside")


def _outside_depth(lab: Lab) -> Depth:
    crib = _outside(lab)
    return next(d for d in _depths(lab) if crib.message in (d.first, d.second))


BAD: list[tuple[str, Callable[[Lab], object], str]] = [
    ("no such message", lambda lab: lab.read(Depth(1, 10**6, 1, 1, 5)), "not among the"),
    ("indicator", lambda lab: lab.read(replace(_depth(lab), first_at=0)), "not key groups"),
    ("two pages", lambda lab: lab.read(replace(_depth(lab), length=60)), "not key groups"),
    (
        "crib elsewhere",
        lambda lab: lab.read(_depth(lab), cribs=[Crib("THE", 10**5, 1)]),
        "is not in this depth",
    ),
    (
        "crib past the end",
        lambda lab: lab.read(_depth(lab), cribs=[Crib("THE", _depth(lab).first, 10**4)]),
        "has only",
    ),
    (
        "crib outside",
        lambda lab: lab.read(_outside_depth(lab), cribs=[_outside(lab)]),
        "lies outside the depth",
    ),
    (
        "cribs clash",
        lambda lab: lab.read(
            _depth(lab),
            cribs=[
                Crib("THE", _depth(lab).first, _inside(lab)),
                Crib("AND", _depth(lab).first, _inside(lab)),
            ],
        ),
        "contradicts another crib",
    ),
    ("false depth", lambda lab: lab.read(_false_depth(lab)), "contradict each other"),
    (
        "crib against closing",
        lambda lab: lab.read(_depth(lab), cribs=_clashing_cribs(lab)),
        "contradict each other",
    ),
    ("threshold", lambda lab: lab.read(_depth(lab), threshold=0), "threshold"),
    (
        "model",
        lambda lab: read(lab.intercepts, _depth(lab), lab.book, np.ones(10_000)),  # type: ignore[arg-type]
        "CodeModel",
    ),
    (
        "checks",
        lambda lab: read(lab.intercepts, _depth(lab), lab.book, lab.model, checks=["12301"]),
        "check groups for",
    ),
    ("crib form", lambda lab: Crib.from_text("THE"), "TEXT@MESSAGE:GROUP"),
    ("crib group 0", lambda lab: Crib.from_text("THE@1:0"), "from 1"),
    ("crib text", lambda lab: Crib("  ", 1, 1), "some text"),
    (
        "truth size",
        lambda lab: evaluate(lab.intercepts, [], lab.book, lab.model, lab.codes[:3]),
        "true code streams",
    ),
]


def _clashing_cribs(lab: Lab) -> list[Crib]:
    """Cribs on the second message that the first message's closing rules out."""
    depth = _depth(lab)
    end = (text_digit(depth.second_at) + 5 * depth.length - 10) // 4 + 2  # under the check
    truth = lab.truth(depth.second)
    assert end <= truth.size  # the second message goes on past the first's closing
    wrong = next(w for w in ("THE", "AND", "OF") if lab.book.lookup(w) != f"{truth[end - 1]:04d}")
    return [Crib(wrong, depth.second, end)]


@pytest.mark.parametrize(("case", "call", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input(lab: Lab, case: str, call: Callable[[Lab], object], message: str) -> None:
    """Each bad input raises AnalysisError saying what is wrong."""
    with pytest.raises(AnalysisError, match=message):
        call(lab)


# -- the command ---------------------------------------------------------------------------


def test_cli_reads_a_pair_and_scores_it(lab: Lab, tmp_path: Path) -> None:
    """venona read prints the reading and, with the truth, how much was read right;
    --json gives the same as one object, and 12-345 reads as 12,345."""
    depth = _aligned_to_closing(lab)
    folder = str(lab.traffic.folder)
    done = run("venona", "read", folder, f"{depth.second},{depth.first}", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"DEPTH: messages {depth.first} and {depth.second}")
    assert "TRUTH: " in done.stdout and " code groups in depth read right" in done.stdout
    word = "THE"
    g = int(lab.read(depth).first.groups[2])
    crib = f"{word}@{depth.first}:{g}"
    done = run(
        "venona", "read", folder, f"{depth.first}-{depth.second}", "--json", "--crib", crib,
        home=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    first = data["readings"][0]["first"]
    at = first["groups"].index(g)
    assert first["codes"][at] == lab.book.lookup(word) and first["confidence"][at] == 1.0
    assert 0 <= data["truth"]["share"] <= 1


def _not_in_depth(lab: Lab) -> str:
    pairs = {(d.first, d.second) for d in _depths(lab)}
    a, b = next(p for p in itertools.combinations(range(50), 2) if p not in pairs)
    return f"{a},{b}"


CLI_BAD: list[tuple[str, Callable[[Lab], list[str]], int, str]] = [
    ("pair", lambda lab: ["12"], 2, "not two message numbers"),
    ("crib", lambda lab: ["1,2", "--crib", "THE"], 2, "TEXT@MESSAGE:GROUP"),
    ("unknown", lambda lab: ["1,100000"], 1, "no message 100000"),
    ("not in depth", lambda lab: [_not_in_depth(lab)], 1, "are not in depth"),
]


@pytest.mark.parametrize(("case", "args", "code", "message"), CLI_BAD, ids=[c[0] for c in CLI_BAD])
def test_cli_errors(
    lab: Lab,
    tmp_path: Path,
    case: str,
    args: Callable[[Lab], list[str]],
    code: int,
    message: str,
) -> None:
    """Each mistake is one line on stderr and the right exit code."""
    done = run("venona", "read", str(lab.traffic.folder), *args(lab), home=tmp_path)
    assert_one_line_error(done, code, message)


def test_pair_names_two_messages(lab: Lab, tmp_path: Path) -> None:
    """PAIR is two message numbers, in either order, with , or - and spaces around (one
    twice: a message in depth with itself); half a pair is a usage error."""
    depth = _depths(lab)[0]
    folder = str(lab.traffic.folder)
    heads = set()
    for pair in (f"{depth.second},{depth.first}", f" {depth.first} - {depth.second} "):
        done = run("venona", "read", folder, pair, home=tmp_path)
        assert done.returncode == 0, done.stderr
        heads.add(done.stdout.splitlines()[0])
    assert heads == {next(iter(heads))}
    assert next(iter(heads)).startswith(f"DEPTH: messages {depth.first} and {depth.second}")
    done = run("venona", "read", folder, "15,15", home=tmp_path)
    assert_one_line_error(done, 1, "message 15 is not in depth with itself")
    assert_one_line_error(run("venona", "read", folder, "12,", home=tmp_path), 2, "'12,'")


# -- reverse depths: a page read forward, then backwards -------------------------------------


@pytest.fixture(scope="module")
def back(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    """60 messages on two links, 30% of the long ones with a page read backwards (seed 5):
    18 depths of messages with themselves and 2 reverse depths between messages."""
    plan = TrafficPlan(messages=60, links=2, duplicate_fraction=0.05, reverse_fraction=0.3, seed=5)
    return _lab(plan, tmp_path_factory.mktemp("reverse") / "traffic")


def _reverse(lab: Lab) -> list[Depth]:
    return [d for d in _depths(lab) if d.reverse]


def _closing_backwards(lab: Lab) -> list[Depth]:
    """Messages in depth with themselves whose backwards stretch ends with their closing
    groups, longest first."""
    found = [
        d for d in _reverse(lab) if d.first == d.second and lab.reaches_end(d)[1] and d.length >= 3
    ]
    assert len(found) >= 3
    return sorted(found, key=lambda d: -d.length)


def test_reverse_depth_reads_under_the_closing_groups(back: Lab) -> None:
    """Where a message's closing groups (end of its backwards stretch) meet its first
    stretch, that stretch's code groups are read exactly and the key is the pad's."""
    for depth in _closing_backwards(back)[:3]:
        reading = back.read(depth)
        assert reading.shift is None
        np.testing.assert_array_equal(reading.key[:10], back.pad_key(depth)[:10])
        assert reading.key_known[:10].all()
        start = text_digit(depth.first_at)  # the first stretch meets the closing here
        side = reading.first
        under = ((side.groups - 1) * 4 >= start) & (side.groups * 4 <= start + 10) & side.whole
        assert under.sum() >= 1
        truth = back.truth(depth.first)
        assert (side.codes[under] == truth[side.groups[under] - 1]).all()
        assert (side.confidence[under] > 0.999).all()


def _key_position(depth: Depth, second: bool, figure: int) -> int:
    """Where figure ``figure`` of a stretch sits in the reading's key (first's order)."""
    if not second:
        return figure
    return 5 * (depth.length - 1 - figure // 5) + figure % 5


def test_reverse_key_is_the_pad_where_both_readings_are_right(back: Lab) -> None:
    """Over every figure of a group read right with confidence, on either stretch of a
    message read forward then backwards, the key is the pad's (the page used forward)."""
    checked = 0
    for depth in [d for d in _reverse(back) if d.first == d.second][:6]:
        reading = back.read(depth)
        pad = back.pad_key(depth)
        truth = back.truth(depth.first)
        for i, (side, at) in enumerate(
            ((reading.first, depth.first_at), (reading.second, depth.second_at))
        ):
            for g, code, p in zip(side.groups, side.codes, side.confidence, strict=True):
                if p < side.threshold or g > truth.size or code != truth[g - 1]:
                    continue
                figures = 4 * (g - 1) + np.arange(4) - text_digit(at)
                figures = figures[(figures >= 0) & (figures < pad.size)]
                where = np.array([_key_position(depth, i == 1, int(f)) for f in figures])
                assert reading.key_known[where].all()
                np.testing.assert_array_equal(reading.key[where], pad[where])
                checked += 1
    assert checked > 10


def test_reverse_crib_on_the_backwards_stretch(back: Lab) -> None:
    """A true word given as a crib on the backwards stretch of a message in depth with
    itself is read with certainty, and the group it meets in the first stretch follows."""
    depth = _closing_backwards(back)[0]
    truth = back.truth(depth.first)
    names = {code: text for text, code in back.book.entries}
    g = text_digit(depth.second_at) // 4 + 3  # a code group wholly in the second stretch
    crib = Crib(names[int(truth[g - 1])], depth.first, g)
    reading = back.read(depth, cribs=[crib])
    at = int(np.flatnonzero(reading.second.groups == g)[0])
    assert reading.second.codes[at] == truth[g - 1]
    assert reading.second.confidence[at] == pytest.approx(1.0)


def test_reverse_reading_reports(back: Lab) -> None:
    """to_text says the page was read backwards and how the groups pair; to_json too."""
    depth = _closing_backwards(back)[0]
    reading = back.read(depth)
    text = reading.to_text()
    last = depth.second_at + depth.length - 1
    assert f"page read backwards: group {depth.first_at}+i meets group {last}-i" in text
    assert "code groups last first, as they meet" in text
    data = json.loads(json.dumps(reading.to_json()))
    assert data["shift"] is None and data["depth"]["reverse"] is True
    assert data["second"]["groups"] == reading.second.groups.tolist()


#: A regression floor a little below what these reverse depths read: scored pair of groups
#: by pair of groups, reverse depths read less than forward ones.
REVERSE_FLOOR = 0.18


def test_evaluation_includes_reverse_depths(back: Lab) -> None:
    """evaluate() reads and scores reverse depths too, apart from the forward ones."""
    depths = _reverse(back)[:8]
    result = evaluate(
        back.intercepts, depths, back.book, back.model, back.codes, checks=back.checks
    )
    senses = result.by_sense()
    assert senses["forward"].groups == 0 and senses["reverse"] == result.total
    assert result.by_shift() == {} and result.shifts == (None,) * len(depths)
    assert result.total.groups > 300 and result.share > REVERSE_FLOOR
    assert result.total.claimed_correct >= 0.9 * result.total.claimed > 0
    data = json.loads(json.dumps(result.to_json()))
    assert data["by_sense"]["reverse"]["groups"] == result.total.groups


def test_reverse_depth_between_two_messages(back: Lab) -> None:
    """A duplicated page read forward by one message and backwards by another is read, and
    its score counts each message's own code groups."""
    depth = next(d for d in _reverse(back) if d.first != d.second)
    reading = back.read(depth)
    tally = reading.score(back.codes[depth.first], back.codes[depth.second])
    assert tally.groups == int(reading.first.whole.sum() + reading.second.whole.sum())
    assert 0 < tally.correct <= tally.groups


def test_cli_reads_a_message_in_depth_with_itself(back: Lab, tmp_path: Path) -> None:
    """venona read DIR N,N reads a page read forward and then backwards, with the truth."""
    depth = _closing_backwards(back)[0]
    n = depth.first
    done = run("venona", "read", str(back.traffic.folder), f"{n},{n}", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"DEPTH: messages {n} and {n} share {depth.length} groups")
    assert "page read backwards" in done.stdout and "TRUTH: " in done.stdout
    assert done.stderr == ""


def _not_reversed(lab: Lab) -> str:
    selves = {d.first for d in _reverse(lab) if d.first == d.second}
    n = next(m for m in range(len(lab.intercepts)) if m not in selves)
    return f"{n},{n}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (_not_reversed, "is not in depth with itself"),
        (lambda lab: "100000,100000", "no message 100000"),
        (lambda lab: "7,7,7", "not two message numbers"),
    ],
    ids=["not reversed", "unknown", "three"],
)
def test_cli_errors_on_one_message(
    back: Lab, tmp_path: Path, args: Callable[[Lab], str], message: str
) -> None:
    """Naming one message twice is an error unless it is in depth with itself."""
    done = run("venona", "read", str(back.traffic.folder), args(back), home=tmp_path)
    assert_one_line_error(done, 2 if "two message" in message else 1, message)


# -- on the clerk's hand-made cables -------------------------------------------------------


def test_read_the_hand_made_depth(hand: Hand) -> None:
    """Reading A against B: where the key is known it is the pad's; where a group is
    claimed it is right; the report names both messages and the groups read."""
    checks = check_groups(hand.cables)
    reading = read(hand.intercepts, A_B, hand.book, CodeModel.default(), checks=checks)
    known = reading.key_known
    assert known[56:70].all()  # under B's filler and closing groups
    np.testing.assert_array_equal(reading.key[known], hand.keys[0][:70][known])
    for side in (reading.first, reading.second):
        truth = hand.code[side.message].reshape(-1, 4).astype(np.int64) @ WEIGHTS
        sure = side.confidence >= side.threshold
        inside = side.groups <= truth.size
        assert (side.codes[sure & inside] == truth[side.groups[sure & inside] - 1]).all()
        assert side.recovered == int(sure.sum())
    text = reading.to_text()
    assert text.startswith("DEPTH: messages 0 and 1 share 14 groups of additive")
    assert "code groups aligned" in text and reading.shift == 0


def test_a_false_depth_is_not_in_depth(hand: Hand) -> None:
    """B against D (other pages): NotInDepthError, an AnalysisError and a ValueError,
    saying which messages, with the shift and the whole groups an evaluation counts."""
    with pytest.raises(NotInDepthError) as caught:
        read(hand.intercepts, Depth(1, 3, 1, 1, 14), hand.book, CodeModel.default(),
             checks=check_groups(hand.cables))  # fmt: skip
    error = caught.value
    assert isinstance(error, AnalysisError) and isinstance(error, ValueError)
    assert str(error).startswith("messages 1 and 3: the known figures")
    assert (error.shift, error.groups) == (0, 30)


def test_tally_adds_and_shares() -> None:
    """Tallies add field by field; the share is correct / groups, 1.0 for no groups."""
    a, b = Tally(10, 4, 3, 3), Tally(5, 1, 2, 1)
    assert a + b == Tally(15, 5, 5, 4) == b + a and a + Tally() == a
    assert a.share == 0.4 and Tally().share == 1.0
    assert json.loads(json.dumps((a + b).to_json())) == {
        "groups": 15, "correct": 5, "share": 0.3333, "claimed": 5, "claimed_correct": 4
    }  # fmt: skip
