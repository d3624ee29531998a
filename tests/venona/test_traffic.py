"""Tests for cipherwire.venona.traffic and .folder (simulated traffic with faulty pads and
clerks, and the folder read back) and the depth model it writes down (Depth, Use, shared,
by_indicator, score)."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cipherwire.analysis.depth import Depth, Use, by_indicator, score, shared
from cipherwire.cable.form import Cable
from cipherwire.cipher.clerk import decipher
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose
from cipherwire.codebook.spelling import normalise
from cipherwire.core.sizes import GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError, TrafficError
from cipherwire.pad.book import PadBook
from cipherwire.venona import traffic as traffic_module
from cipherwire.venona.folder import FORMAT, LINKS, Message, Traffic, TrafficSummary
from cipherwire.venona.production import file_name
from cipherwire.venona.traffic import TrafficPlan, generate

PLAN = TrafficPlan(
    messages=300,
    links=3,
    groups=(50, 300),
    duplicate_fraction=0.05,
    reverse_fraction=0.1,
    seed=1944,
)
KEY = GROUPS_PER_PAGE - 1


@pytest.fixture(scope="module")
def traffic(tmp_path_factory: pytest.TempPathFactory) -> Traffic:
    """300 messages on three links, 5% of pages duplicated, 10% of clerks reversing."""
    return generate(PLAN, tmp_path_factory.mktemp("traffic") / "t")


# -- what generate writes ------------------------------------------------------------------


def test_folder_layout(traffic: Traffic) -> None:
    """The folder holds cables.txt, truth.json and one pad book per link, all pages used."""
    folder = traffic.folder
    assert sorted(p.name for p in folder.iterdir()) == ["cables.txt", "pads", "truth.json"]
    names = [name for name, _ in LINKS[:3]]
    assert sorted(p.name for p in (folder / "pads").iterdir()) == sorted(map(file_name, names))
    assert traffic.messages is not None and len(traffic.messages) == len(traffic.cables) == 300
    for name in names:
        used = sum(m.pages for m in traffic.messages if m.link == name)
        with PadBook.open(folder / "pads" / file_name(name)) as book:
            assert book.page_count == used and book.status().left == 0
            assert book.seed is not None and book.fault is not None


def test_truth_file(traffic: Traffic) -> None:
    """truth.json has its format, the plan, the messages, duplicates and depths."""
    truth = json.loads((traffic.folder / "truth.json").read_text("utf-8"))
    assert truth["format"] == FORMAT
    assert truth["plan"]["seed"] == 1944 and truth["plan"]["duplicate_fraction"] == 0.05
    assert len(truth["messages"]) == 300 and len(truth["depths"]) == len(traffic.depths or ())
    assert len(truth["duplicates"]) > 0


def test_by_indicator_finds_exactly_the_truth(traffic: Traffic) -> None:
    """Matching indicators finds every depth the faults made, and nothing else."""
    assert traffic.depths
    found = by_indicator(traffic.intercepts())
    assert found == sorted(traffic.depths)
    result = score(found, traffic.depths)
    assert result.precision == result.recall == 1.0
    assert result.correct == len(traffic.depths)


def test_the_faults_show_in_the_truth(traffic: Traffic) -> None:
    """Some depths join two messages and some lie within a reversed message."""
    assert traffic.messages is not None and traffic.depths is not None
    reversed_ = {m.index for m in traffic.messages if m.reversed}
    assert reversed_
    within = {d.first for d in traffic.depths if d.first == d.second}
    assert within == reversed_  # every reversed message meets itself, and only those
    assert all(d.reverse for d in traffic.depths if d.first == d.second)
    assert any(d.first != d.second for d in traffic.depths)


def test_message_lengths_and_pages(traffic: Traffic) -> None:
    """Text groups within the range; groups on the cable; pages in order in each book."""
    # The cable: the text groups, the two closing groups and an indicator a page used
    # (the reversed page's twice).
    assert traffic.messages is not None
    counts = traffic.intercepts().group_counts
    low, high = PLAN.groups
    next_page = dict.fromkeys((name for name, _ in LINKS[:3]), 1)
    for m in traffic.messages:
        assert low <= m.groups <= high
        assert counts[m.index] == m.groups + 2 + m.pages + m.reversed
        slots = -(-(m.groups + 2) // KEY)
        assert m.pages + m.reversed == slots and (not m.reversed or slots >= 2)
        assert m.first_page == next_page[m.link]
        next_page[m.link] += m.pages


def test_every_cable_deciphers_to_its_text(traffic: Traffic) -> None:
    """Each cable deciphers with its link's book to its message's text, reversed ones too."""
    assert traffic.messages is not None
    book = Codebook.default()
    pads: dict[str, PadBook] = {}
    try:
        for text, message in zip(traffic.cables, traffic.messages, strict=True):
            if message.link not in pads:
                pads[message.link] = PadBook.open(traffic.folder / "pads" / file_name(message.link))
            result = decipher(Cable.from_text(text), book, pads[message.link])
            assert normalise(result.telegram.body) == normalise(message.text), message.index
    finally:
        for pad in pads.values():
            pad.close()
    assert any(m.reversed for m in traffic.messages)


def test_uses_match_the_depths(traffic: Traffic) -> None:
    """Message.uses of the two messages of each depth put their stretch on one page."""
    assert traffic.messages is not None and traffic.depths is not None
    for depth in traffic.depths:
        firsts = [u for _, u in traffic.messages[depth.first].uses()]
        seconds = [u for _, u in traffic.messages[depth.second].uses()]
        one = next(u for u in firsts if u.at < depth.first_at <= u.at + u.length)
        other = next(u for u in seconds if u.at < depth.second_at <= u.at + u.length)
        assert shared(one, other) == depth


def test_same_seed_same_folder(tmp_path: Path, traffic: Traffic) -> None:
    """Generating the plan again gives the same cables.txt and truth.json, byte for byte."""
    again = generate(PLAN, tmp_path / "again")
    for name in ("cables.txt", "truth.json"):
        assert (again.folder / name).read_bytes() == (traffic.folder / name).read_bytes()


def test_load_round_trip(traffic: Traffic) -> None:
    """Traffic.load reads back the messages and depths generate returned."""
    loaded = Traffic.load(traffic.folder)
    assert loaded.messages == traffic.messages
    assert loaded.depths == traffic.depths
    assert len(loaded.cables) == len(traffic.cables)


def test_load_gives_what_generate_returned(traffic: Traffic) -> None:
    """The Traffic generate returns equals the one Traffic.load reads: cables and plan."""
    loaded = Traffic.load(traffic.folder)
    assert loaded.cables == traffic.cables
    assert loaded.plan == traffic.plan


def test_load_without_truth(tmp_path: Path, traffic: Traffic) -> None:
    """An analyst's folder (cables only) loads with no truth."""
    shutil.copy(traffic.folder / "cables.txt", tmp_path / "cables.txt")
    loaded = Traffic.load(tmp_path)
    assert loaded.cables == Traffic.load(traffic.folder).cables
    assert (loaded.plan, loaded.messages, loaded.depths) == (None, None, None)
    assert len(loaded.intercepts()) == 300


BAD_FOLDERS: list[tuple[str, dict[str, str], str]] = [
    ("no-cables", {}, "cables.txt"),
    ("empty-cables", {"cables.txt": "\n\n"}, "no cables"),
    ("text-before-cable", {"cables.txt": "HELLO\nCABLE 1 PART 1 OF 1\n"}, "'HELLO'"),
    ("truth-not-json", {"truth.json": "{"}, "truth.json"),
    ("truth-other-format", {"truth.json": '{"format": "x"}'}, "cipherwire-traffic"),
    ("truth-missing-keys", {"truth.json": json.dumps({"format": FORMAT})}, "truth.json"),
    ("truth-a-list", {"truth.json": "[1, 2]"}, "truth.json"),
]


@pytest.mark.parametrize(
    ("files", "message"), [b[1:] for b in BAD_FOLDERS], ids=[b[0] for b in BAD_FOLDERS]
)
def test_load_bad_folders(
    tmp_path: Path, traffic: Traffic, files: dict[str, str], message: str
) -> None:
    """A folder that cannot be read raises TrafficError naming the file or the problem."""
    if "cables.txt" not in files and files:
        shutil.copy(traffic.folder / "cables.txt", tmp_path / "cables.txt")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(TrafficError) as caught:
        Traffic.load(tmp_path)
    assert message in str(caught.value)


def test_load_missing_folder(tmp_path: Path) -> None:
    """A folder that does not exist raises TrafficError naming it."""
    with pytest.raises(TrafficError, match="no such traffic folder") as caught:
        Traffic.load(tmp_path / "nowhere")
    assert caught.value.path == str(tmp_path / "nowhere")


def test_no_duplicates_no_depths(tmp_path: Path) -> None:
    """With pads made and used correctly there are no depths, and the books say so."""
    plain = generate(TrafficPlan(messages=40, links=2, groups=(20, 120), seed=3), tmp_path / "t")
    assert plain.depths == ()
    assert by_indicator(plain.intercepts()) == []
    for name, _ in LINKS[:2]:
        with PadBook.open(plain.folder / "pads" / file_name(name)) as book:
            assert book.fault is not None and "no page duplicated" in book.fault


def test_a_link_without_messages(tmp_path: Path) -> None:
    """A plan that leaves some links idle (3 messages, 6 links) makes its traffic."""
    plan = TrafficPlan(messages=3, links=6, groups=(10, 40), seed=1)
    made = generate(plan, tmp_path / "t")
    assert made.messages is not None and len(made.messages) == len(made.cables) == 3
    assert made.depths == ()


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    """An existing empty folder is used."""
    (tmp_path / "t").mkdir()
    made = generate(TrafficPlan(messages=5, links=1, groups=(10, 30), seed=1), tmp_path / "t")
    assert (made.folder / "cables.txt").exists()


def test_refuses_a_folder_in_use(tmp_path: Path) -> None:
    """A non-empty folder, a file, or a missing parent is refused, and nothing is written."""
    plan = TrafficPlan(messages=5, links=1, groups=(10, 30), seed=1)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("mine")
    (tmp_path / "file").write_text("mine")
    for target in ("full", "file", "missing/t"):
        with pytest.raises(TrafficError) as caught:
            generate(plan, tmp_path / target)
        assert str(tmp_path / target.split("/")[0]) in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "full"]
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["mine.txt"]


@pytest.mark.parametrize("where", ["_depths", "produce"])
def test_failure_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A failure half way leaves neither the folder nor the scratch folder behind."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the power went out")

    monkeypatch.setattr(traffic_module, where, fail)
    plan = TrafficPlan(messages=10, links=2, groups=(10, 80), duplicate_fraction=0.1, seed=2)
    with pytest.raises(RuntimeError, match="power"):
        generate(plan, tmp_path / "t")
    assert list(tmp_path.iterdir()) == []


# -- the plan ------------------------------------------------------------------------------

BAD_PLANS: list[tuple[str, dict[str, Any], str]] = [
    ("messages-one", {"messages": 1}, "1"),
    ("messages-float", {"messages": 20.0}, "20.0"),
    ("messages-bool", {"messages": True}, "True"),
    ("messages-too-many", {"messages": 1_000_001}, "1000001"),
    ("links-zero", {"links": 0}, "0"),
    ("links-seven", {"links": len(LINKS) + 1}, str(len(LINKS) + 1)),
    ("links-text", {"links": "3"}, "'3'"),
    ("groups-short", {"groups": (9, 50)}, "(9, 50)"),
    ("groups-backwards", {"groups": (60, 50)}, "(60, 50)"),
    ("groups-long", {"groups": (50, 2001)}, "(50, 2001)"),
    ("groups-float", {"groups": (50.0, 300)}, "50.0"),
    ("groups-one-number", {"groups": (50,)}, "(50,)"),
    ("seed-float", {"seed": 1.5}, "1.5"),
    ("seed-text", {"seed": "7"}, "'7'"),
    ("seed-bool", {"seed": True}, "True"),
    ("duplicates-negative", {"duplicate_fraction": -0.01}, "-0.01"),
    ("duplicates-above-half", {"duplicate_fraction": 0.51}, "0.51"),
    ("duplicates-nan", {"duplicate_fraction": math.nan}, "nan"),
    ("duplicates-text", {"duplicate_fraction": "0.1"}, "'0.1'"),
    ("duplicates-bool", {"duplicate_fraction": True}, "True"),
    ("duplicates-one-link", {"duplicate_fraction": 0.1, "links": 1}, "two links"),
    ("reverse-negative", {"reverse_fraction": -0.5}, "-0.5"),
    ("reverse-above-1", {"reverse_fraction": 1.5}, "1.5"),
    ("reverse-bool", {"reverse_fraction": False}, "False"),
    ("text-not-a-model", {"text": "telegraphese"}, "'telegraphese'"),
    ("text-not-telegraphese", {"text": Prose.uniform()}, "Prose(vocabulary=Vocabulary.BOOK"),
    ("text-benchmark", {"text": Prose.benchmark()}, "layout=Layout.LETTER"),
]


@pytest.mark.parametrize(
    ("options", "message"), [b[1:] for b in BAD_PLANS], ids=[b[0] for b in BAD_PLANS]
)
def test_bad_plans_are_refused(options: dict[str, Any], message: str) -> None:
    """Each bad setting raises TrafficError quoting the value."""
    with pytest.raises(TrafficError) as caught:
        TrafficPlan(**options)
    assert message in str(caught.value)


def test_plan_to_json() -> None:
    """The plan's JSON has every setting, the text model's too, and is plain JSON values."""
    data = TrafficPlan(seed=4, text=Prose.telegraphese(zipf=1.2)).to_json()
    assert data["seed"] == 4 and data["groups"] == [50, 300] and data["text"]["zipf"] == 1.2
    assert data["text"] == {"zipf": 1.2, "sentence": [5, 16], "reference": 0.08, "cover_name": 0.15}
    assert json.loads(json.dumps(data)) == data


# -- depths --------------------------------------------------------------------------------


def _pairs(depth: Depth) -> set[frozenset[tuple[int, int]]]:
    """The (message, group) pairs a depth says share their key."""
    return {
        frozenset(
            {
                (depth.first, depth.first_at + i),
                (depth.second, depth.second_at + (depth.length - 1 - i if depth.reverse else i)),
            }
        )
        for i in range(depth.length)
    }


def _brute_force(one: Use, other: Use) -> set[frozenset[tuple[int, int]]]:
    """Every (message, group) pair of the two uses that takes the same key group."""

    def keys(use: Use) -> dict[int, int]:
        return {use.at + 1 + g: (KEY - 1 - g if use.backwards else g) for g in range(use.length)}

    mine, theirs = keys(one), keys(other)
    return {
        frozenset({(one.message, g), (other.message, h)})
        for g, k in mine.items()
        for h, j in theirs.items()
        if k == j
    }


uses = st.builds(
    Use,
    message=st.integers(0, 5),
    at=st.integers(0, 5).map(lambda page: page * GROUPS_PER_PAGE),
    length=st.integers(1, KEY),
    backwards=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(one=uses, other=uses)
def test_shared_matches_brute_force(one: Use, other: Use) -> None:
    """shared() of two messages' uses of a page is symmetric and names exactly the shared keys."""
    assume(one.message != other.message)
    depth = shared(one, other)
    assert depth == shared(other, one)
    expected = _brute_force(one, other)
    if not expected:
        assert depth is None
        return
    assert depth is not None
    assert _pairs(depth) == expected
    assert depth.reverse == (one.backwards != other.backwards)
    assert Depth.from_json(depth.to_json()) == depth


@settings(max_examples=100, deadline=None)
@given(length=st.integers(1, KEY), first=st.integers(0, 3), gap=st.integers(1, 3))
def test_shared_within_a_reversed_message(length: int, first: int, gap: int) -> None:
    """A page read forward, then backwards, by one message is a reverse depth with itself."""
    forward = Use(7, first * GROUPS_PER_PAGE, KEY)
    backward = Use(7, (first + gap) * GROUPS_PER_PAGE, length, backwards=True)
    depth = shared(forward, backward)
    assert depth is not None and depth == shared(backward, forward)
    assert depth.reverse and depth.first == depth.second == 7
    assert depth.length == length
    assert _pairs(depth) == _brute_force(forward, backward)


@settings(max_examples=200, deadline=None)
@given(
    values=st.tuples(*[st.integers(-1, 200)] * 5),
    reverse=st.booleans(),
)
def test_depth_invariants(values: tuple[int, int, int, int, int], reverse: bool) -> None:
    """A Depth is in order, of positive length, reverse within one message; its JSON reads back."""
    first, second, first_at, second_at, length = values
    valid = (
        min(values) >= 0
        and length >= 1
        and (first, first_at) < (second, second_at)
        and (first != second or reverse)
    )
    if not valid:
        with pytest.raises(AnalysisError):
            Depth(*values, reverse=reverse)
        return
    depth = Depth(*values, reverse=reverse)
    assert Depth.from_json(depth.to_json()) == depth
    assert depth.key == (first, second, first_at, second_at, reverse)


BAD_DEPTHS: list[tuple[str, Callable[[], object]]] = [
    ("bool-number", lambda: Depth(True, 2, 1, 1, 5)),
    ("float-number", lambda: Depth(0, 2, 1.0, 1, 5)),  # type: ignore[arg-type]
    ("reverse-not-bool", lambda: Depth(0, 2, 1, 1, 5, 1)),  # type: ignore[arg-type]
    ("json-none", lambda: Depth.from_json(None)),
    ("json-list", lambda: Depth.from_json([0, 1, 1, 1, 5])),
    ("json-missing", lambda: Depth.from_json({"first": 0, "second": 1})),
    ("json-text", lambda: Depth.from_json({"first": "0", "second": 1, "first_at": 1,
                                           "second_at": 1, "length": 5})),
]  # fmt: skip


@pytest.mark.parametrize("call", [b[1] for b in BAD_DEPTHS], ids=[b[0] for b in BAD_DEPTHS])
def test_bad_depths(call: Callable[[], object]) -> None:
    """Malformed depths raise AnalysisError."""
    with pytest.raises(AnalysisError):
        call()


def test_message_uses_of_a_reversed_message() -> None:
    """A reversed message uses its first page forward, then backwards, then the next pages."""
    filed = dt.datetime(1944, 5, 1, tzinfo=dt.UTC)
    message = Message(0, "NEW YORK", 1, filed, "X.", 10, 2, 150, reversed=True)
    enciphered = 150 + 2
    assert [(page, use) for page, use in message.uses()] == [
        (10, Use(0, 0, KEY)),
        (10, Use(0, GROUPS_PER_PAGE, KEY, True)),
        (11, Use(0, 2 * GROUPS_PER_PAGE, enciphered - 2 * KEY)),
    ]


def test_score_counts_by_key() -> None:
    """Findings are scored by messages, positions and sense; nothing found is precision 1."""
    truth = [Depth(0, 1, 1, 1, 59), Depth(2, 3, 61, 1, 20), Depth(4, 4, 1, 61, 59, True)]
    found = [Depth(0, 1, 1, 1, 40), Depth(2, 3, 1, 1, 20), Depth(4, 4, 1, 61, 59, True)]
    result = score(found, truth)
    assert (result.found, result.true, result.correct) == (3, 3, 2)
    assert result.precision == result.recall == pytest.approx(2 / 3)
    empty = score([], truth)
    assert (empty.precision, empty.recall) == (1.0, 0.0)
    assert score([], []).to_json() == {
        "found": 0, "true": 0, "correct": 0, "precision": 1.0, "recall": 1.0,
    }  # fmt: skip


def test_depths_sort_in_order() -> None:
    """Depths sort by first message, then second, then positions."""
    depths = [Depth(3, 4, 1, 1, 5), Depth(0, 9, 61, 1, 5), Depth(0, 2, 1, 1, 5)]
    assert sorted(depths) == [depths[2], depths[1], depths[0]]


def test_plan_groups_are_respected_for_short_messages(tmp_path: Path) -> None:
    """Short messages (10-20 groups) stay within the range too; one page each."""
    made = generate(TrafficPlan(messages=30, links=2, groups=(10, 20), seed=9), tmp_path / "t")
    assert made.messages is not None
    assert all(10 <= m.groups <= 20 and m.pages == 1 for m in made.messages)
    assert np.array_equal(made.intercepts().group_counts, [m.groups + 3 for m in made.messages])


def test_unreadable_cables_name_the_file(tmp_path: Path) -> None:
    """A cables.txt that does not read gives a TrafficError naming the file and the cable."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "cables.txt").write_text("garbage\n")
    with pytest.raises(TrafficError, match=r"cables\.txt: line 1: expected a CABLE line"):
        Traffic.load(folder)
    (folder / "cables.txt").write_text(
        "CABLE 1-1 PART 1 OF 1\nFROM: NEW YORK\nTO: MOSCOW\nGROUPS: 3\n\n12345 12ab3 12345\n"
    )
    with pytest.raises(TrafficError, match=r"cables\.txt: cable 1: .*'12ab3'"):
        Traffic.load(folder).intercepts()


def test_summary_counts_what_the_folder_holds(traffic: Traffic) -> None:
    """Traffic.summary adds up the messages, groups, pages and depths of the truth."""
    messages = traffic.messages or ()
    summary = traffic.summary()
    assert summary.folder == str(traffic.folder)
    assert summary.messages == PLAN.messages == len(messages)
    assert summary.links == tuple(name for name, _ in LINKS[: PLAN.links])
    assert summary.groups == sum(m.groups for m in messages)
    assert summary.pages == sum(m.pages for m in messages)
    assert summary.reversed_messages == sum(m.reversed for m in messages) > 0
    assert summary.depths == len(traffic.depths or ()) > 0
    assert (summary.duplicate_fraction, summary.reverse_fraction, summary.seed) == (
        0.05,
        0.1,
        1944,
    )
    assert Traffic.load(traffic.folder).summary() == summary
    assert traffic.summary(folder="as/typed/").folder == "as/typed/"


def test_summary_as_text_and_json(traffic: Traffic) -> None:
    """The summary's text names the faults, the depths and the seed; its JSON every count."""
    summary = traffic.summary(folder="t")
    lines = summary.to_text().splitlines(keepends=True)
    assert lines[0] == (
        f"t: {summary.messages} cables on 3 link(s), {summary.groups} text groups, "
        f"{summary.pages} pad pages\n"
    )
    assert lines[1].startswith("FAULTY PADS (the lesson): 5.0% of the pages")
    assert lines[2].startswith(f"FAULTY CLERKS (the lesson): {summary.reversed_messages} ")
    assert lines[3] == f"{summary.depths} stretches of cable in depth (listed in truth.json)\n"
    assert lines[4] == "classroom pads from seed 1944: reproducible, NOT SECURE\n"
    assert len(lines) == 5
    data = summary.to_json()
    assert list(data) == [
        "folder", "messages", "links", "groups", "pages", "duplicate_fraction",
        "reverse_fraction", "reversed_messages", "depths", "seed",
    ]  # fmt: skip
    assert data["links"] == list(summary.links) and data["depths"] == summary.depths
    assert json.loads(json.dumps(data)) == data


def test_summary_of_correct_pads_says_so(tmp_path: Path) -> None:
    """Pads made and used correctly: no fault lines, and no depths."""
    plan = TrafficPlan(messages=4, links=1, groups=(10, 20))
    text = generate(plan, tmp_path / "t").summary(folder="t").to_text()
    assert "FAULTY" not in text and "seed" not in text
    assert text.endswith("pads made and used correctly: no page used twice, no depths\n")


def test_summary_needs_the_truth(traffic: Traffic, tmp_path: Path) -> None:
    """An analyst's folder (no truth.json) cannot be summed up: a TrafficError naming it."""
    folder = tmp_path / "analyst"
    folder.mkdir()
    (folder / "cables.txt").write_text("\n\n".join(traffic.cables), encoding="utf-8")
    with pytest.raises(TrafficError, match=r"no truth\.json") as raised:
        Traffic.load(folder).summary()
    assert str(folder) in str(raised.value)


@pytest.mark.parametrize(
    ("field", "value"), [("messages", -1), ("depths", 1.5), ("links", ()), ("pages", True)]
)
def test_summary_checks_itself(field: str, value: object) -> None:
    """A summary with a negative or non-integer count, or no links, is refused."""
    good: dict[str, Any] = {
        "folder": "t", "messages": 2, "links": ("NEW YORK",), "groups": 20, "pages": 2,
        "duplicate_fraction": 0.0, "reverse_fraction": 0.0, "reversed_messages": 0,
        "depths": 0, "seed": None,
    }  # fmt: skip
    TrafficSummary(**good)
    with pytest.raises(TrafficError, match=field):
        TrafficSummary(**{**good, field: value})
