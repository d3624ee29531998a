"""Tests for cipherwire.analysis.evaluation: readings of many depths scored against the
true code streams."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cipherwire.analysis.depth import Depth
from cipherwire.analysis.evaluation import Evaluation, evaluate
from cipherwire.analysis.model import CodeModel
from cipherwire.analysis.plaintext import check_groups
from cipherwire.analysis.reading import Tally, read
from cipherwire.codebook.book import Codebook
from cipherwire.core.messages import MessageSet
from cipherwire.errors import AnalysisError
from cipherwire.venona.traffic import TrafficPlan, generate
from tests.analysis.conftest import A_B, A_D, Hand

FALSE = Depth(1, 3, 1, 1, 14)  # B and D, on different pages: not in depth


def _codes(hand: Hand) -> MessageSet:
    return MessageSet.from_list(list(hand.code))


def _evaluate(hand: Hand, depths: list[Depth], **options: object) -> Evaluation:
    return evaluate(
        hand.intercepts,
        depths,
        hand.book,
        CodeModel.default(),
        _codes(hand),
        checks=check_groups(hand.cables),
        **options,  # type: ignore[arg-type]
    )


def test_each_tally_is_the_reading_scored(hand: Hand) -> None:
    """evaluate() tallies what read() gives for each depth, scored against the truth."""
    result = _evaluate(hand, [A_B, A_D])
    assert result.depths == (A_B, A_D) and result.shifts == (0, 3)
    checks = check_groups(hand.cables)
    for depth, tally in zip(result.depths, result.tallies, strict=True):
        reading = read(hand.intercepts, depth, hand.book, CodeModel.default(), checks=checks)
        assert tally == reading.score(hand.code[depth.first], hand.code[depth.second])
        assert 0 < tally.correct <= tally.groups and tally.claimed_correct <= tally.claimed
    assert result.total == result.tallies[0] + result.tallies[1]
    assert result.share == result.total.correct / result.total.groups


def test_a_false_depth_counts_every_group_unread(hand: Hand) -> None:
    """B against D cannot be read (their closing groups clash): its whole groups count,
    none right, none claimed."""
    result = _evaluate(hand, [FALSE])
    (tally,) = result.tallies
    assert result.shifts == (0,) and tally == Tally(30)  # 15 whole groups in each
    assert result.share == 0.0


def test_the_breakdowns_add_up(hand: Hand) -> None:
    """By shift, by sense and by length the tallies add up to the total."""
    result = _evaluate(hand, [A_B, A_D, FALSE])
    total = result.total
    assert set(result.by_shift()) == {0, 3}
    assert result.by_shift()[3] == result.tallies[1]
    assert result.by_sense() == {"forward": total, "reverse": Tally()}
    lengths = result.by_length()
    assert list(lengths) == ["1-9", "10-29", "30-49", "50-59"]
    assert lengths["10-29"] == total and sum(lengths.values(), Tally()) == total
    assert list(result.by_length((5,))) == ["1-4", "5-59"]
    data = json.loads(json.dumps(result.to_json()))
    assert data["depths"] == 3 and data["total"]["groups"] == total.groups
    assert data["by_shift"]["3"]["correct"] == result.tallies[1].correct


def test_no_depths(hand: Hand) -> None:
    """Nothing to read: an empty evaluation, whose share is 1.0 by convention."""
    result = _evaluate(hand, [])
    assert result.tallies == () and result.total == Tally() and result.share == 1.0
    assert result.by_shift() == {} and result.to_json()["total"]["groups"] == 0


def test_reverse_depths_are_tallied_apart(tmp_path: Path) -> None:
    """Pages read backwards have no shift and count as "reverse"."""
    plan = TrafficPlan(messages=2, links=1, groups=(110, 118), reverse_fraction=1.0, seed=12)
    traffic = generate(plan, tmp_path / "t")
    assert traffic.messages is not None and traffic.depths is not None
    book = Codebook.default()
    codes = book.encode_many([m.text for m in traffic.messages])
    result = evaluate(
        traffic.intercepts(),
        traffic.depths,
        book,
        CodeModel.default(),
        codes,
        checks=check_groups(traffic.cables),
    )
    assert len(result.depths) == 2 and result.shifts == (None, None)
    assert result.by_shift() == {} and result.by_sense()["reverse"] == result.total
    assert result.total.groups > 100 and result.total.correct > 0


@pytest.mark.parametrize(
    ("options", "quoted"),
    [
        ({"codes": 3}, "3 true code streams for 4 intercepts"),
        ({"threshold": 0}, "not 0"),
        ({"threshold": 1.5}, "not 1.5"),
        ({"model": "default"}, "not str"),
    ],
    ids=["codes", "threshold 0", "threshold 1.5", "model"],
)
def test_bad_input(hand: Hand, options: dict[str, object], quoted: str) -> None:
    """Truth for another number of messages, a threshold that is not a probability above
    0, a model that is not a CodeModel: AnalysisError quoting it."""
    codes = _codes(hand)[: options.pop("codes")] if "codes" in options else _codes(hand)  # type: ignore[misc]
    model = options.pop("model", CodeModel.default())
    with pytest.raises(AnalysisError) as caught:
        evaluate(hand.intercepts, [A_B], hand.book, model, codes, **options)  # type: ignore[arg-type]
    assert quoted in str(caught.value)


def test_the_share_is_a_fraction(hand: Hand) -> None:
    """A lower threshold claims more groups; the share read right does not change."""
    strict = _evaluate(hand, [A_B], threshold=0.99)
    loose = _evaluate(hand, [A_B], threshold=0.1)
    assert loose.total.claimed >= strict.total.claimed
    assert loose.total.correct == strict.total.correct
    assert 0 <= loose.share <= 1 and np.isclose(loose.share, strict.share)
