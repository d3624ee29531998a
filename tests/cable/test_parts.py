"""Tests for cipherwire.cable.parts: the one definition of a cable's layout, many parts at once."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cipherwire.cable import parts
from cipherwire.core import digits_to_text
from cipherwire.core.messages import MessageSet
from cipherwire.telegram.document import Telegram


def reference_counts(codes: int, special: int, max_part_groups: int) -> int:
    """How many parts, as the clerk counts them (the float form of the original code)."""
    wanted = special or math.ceil(codes * 4 / 5 / max_part_groups)
    return max(1, min(wanted, codes)) if codes else 1


def reference_part(code: str, number: str, day: int, pages: list[str], per_page: int) -> list[str]:
    """One part by hand: code, filler, 0000F, SSSDD; key page by page; indicators in clear."""
    filler = -len(code) % 5
    plain = code + "0" * filler + f"0000{filler}" + parts.check_group(number, day)
    keys = "".join(page[5:] for page in pages)[: len(plain)]
    sent = "".join(str((int(p) + int(k)) % 10) for p, k in zip(plain, keys, strict=True))
    groups = [sent[i : i + 5] for i in range(0, len(sent), 5)]
    out: list[str] = []
    for i, page in enumerate(pages):
        out.append(page[:5])
        out.extend(groups[i * (per_page - 1) : (i + 1) * (per_page - 1)])
    return out


@given(st.integers(0, 3000), st.integers(0, 6), st.integers(1, 400))
def test_part_counts_match_reference(codes: int, special: int, max_part_groups: int) -> None:
    """The integer rule gives the clerk's count for every size."""
    found = parts.part_counts(
        np.array([codes]), np.array([special]), max_part_groups=max_part_groups
    )
    assert found.tolist() == [reference_counts(codes, special, max_part_groups)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.sampled_from([(), ("1691", "1692"), ("77",)])),
        min_size=1,
        max_size=6,
    ),
    st.integers(3, 60),
    st.integers(5, 120),
    st.data(),
)
def test_layout_matches_reference(
    sizes: list[tuple[int, tuple[str, ...]]],
    per_page: int,
    max_part_groups: int,
    data: st.DataObject,
) -> None:
    """Parts, plaintext, key and indicators for many telegrams equal the part-by-part hand."""
    telegrams = [
        Telegram(body="x", serial=str(i), special_numbers=sp) for i, (_, sp) in enumerate(sizes)
    ]
    codes = [
        data.draw(st.text(alphabet="0123456789", min_size=4 * n, max_size=4 * n)) for n, _ in sizes
    ]
    plan = parts.plan(
        telegrams,
        MessageSet.from_texts(codes),
        groups_per_page=per_page,
        max_part_groups=max_part_groups,
    )
    pages_needed = int(plan.pages.sum())
    rng = np.random.default_rng(len(codes))
    page_digits = rng.integers(0, 10, (pages_needed, per_page * 5)).astype(np.uint8)
    sent = parts.encipher_parts(plan.plain, page_digits, plan.pages).texts()
    page_texts = [digits_to_text(row) for row in page_digits]
    expected: list[str] = []
    numbers: list[str] = []
    used = 0
    for telegram, code in zip(telegrams, codes, strict=True):
        count = reference_counts(len(code) // 4, len(telegram.special_numbers), max_part_groups)
        mine = parts.part_numbers(telegram, count)
        numbers.extend(mine)
        bounds = [len(code) // 4 * i // count for i in range(count + 1)]
        for i, number in enumerate(mine):
            part = code[bounds[i] * 4 : bounds[i + 1] * 4]
            need = math.ceil((len(part) + -len(part) % 5 + 10) / 5 / (per_page - 1))
            groups = reference_part(part, number, 0, page_texts[used : used + need], per_page)
            expected.append("".join(groups))
            used += need
    assert used == pages_needed
    assert list(plan.numbers) == numbers
    assert sent == expected


def test_check_group_carries_the_day_filed(seed: Telegram) -> None:
    """The seed, filed on the 7th, closes each part with 0000F and SSS07."""
    plan = parts.plan([seed], MessageSet.from_texts(["2522" * 300]), groups_per_page=60)
    assert plan.numbers == ("1691", "1692")
    for text in plan.plain.texts():
        end, check = text[-10:-5], text[-5:]
        assert end[:4] == "0000" and check[3:] == "07"
    assert [t[-5:-2] for t in plan.plain.texts()] == ["691", "692"]
    assert plan.pages_per_telegram().tolist() == [int(plan.pages.sum())]
