"""The layout of a cable: how code digits become the groups of each part, for any number
of telegrams at once.

This is the one definition of the clerk's layout: :func:`cipherwire.cipher.clerk.encipher`
runs it on one telegram and :func:`cipherwire.cipher.batch.encipher_batch` on thousands, so
the two give the same cables.  The code groups are cut into parts (:func:`part_counts`,
:func:`split_parts`); each part's plaintext is its code digits, filler zeros and the closing
groups ``0000F`` and ``SSSDD`` (:func:`plain_parts`, :func:`check_group`); its groups as
sent are each pad page's indicator in clear followed by plaintext plus key
(:func:`encipher_parts`).  All of it but the part numbers and ledger labels is array
operations over all parts of all telegrams; docs/tutorial/enciphering.md lays out one
telegram step by step.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import add_mod10, digits_from_text
from cipherwire.core.messages import MessageSet, ranges
from cipherwire.core.sizes import CLOSING, CODE, GROUP
from cipherwire.errors import ArrayValueError
from cipherwire.telegram.document import Telegram

#: Most five-figure text groups in one part when the telegram gives no special numbers
#: (our model; the seed's 260-odd groups went as two parts).
MAX_PART_GROUPS = 200


def part_counts(
    code_groups: NDArray[np.int64], special: NDArray[np.int64], *, max_part_groups: int
) -> NDArray[np.int64]:
    """How many parts each telegram goes in (``int64``, one per telegram).

    *code_groups* is each telegram's number of four-figure code groups, *special* its
    number of special (part) numbers, 0 when it has none.  With special numbers there are
    that many parts, else ``ceil(4 * groups / (5 * max_part_groups))``; never more parts
    than code groups, and always at least one.

    >>> part_counts(np.array([0, 10, 300, 3]), np.array([0, 0, 0, 5]), max_part_groups=200)
    array([1, 1, 2, 3])
    """
    if isinstance(max_part_groups, bool) or not isinstance(max_part_groups, int):
        raise ArrayValueError(f"max_part_groups must be an int, not {max_part_groups!r}")
    if max_part_groups < 1:
        raise ArrayValueError(f"max_part_groups must be 1 or more, not {max_part_groups!r}")
    codes = np.asarray(code_groups, dtype=np.int64)
    wanted = np.where(special > 0, special, -(-CODE * codes // (GROUP * max_part_groups)))
    return np.where(codes > 0, np.maximum(1, np.minimum(wanted, codes)), 1)


def part_numbers(telegram: Telegram, count: int) -> tuple[str, ...]:
    """The cipher numbers of a telegram's *count* parts: its special numbers when there
    are as many, else ``<serial or number or 1>-1``, ``-2``, ..."""
    if len(telegram.special_numbers) == count:
        return telegram.special_numbers
    base = telegram.serial or telegram.number or "1"
    if count == 1:
        return (f"{base}-1",)
    return tuple(f"{base}-{i}" for i in range(1, count + 1))


@functools.lru_cache(maxsize=65_536)
def check_group(number: str, day: int) -> str:
    """The check group ``SSSDD``: the last three figures of the part number, the day filed.

    >>> check_group("1691", 7), check_group("2522-1", 0), check_group("X", 31)
    ('69107', '22100', '00031')
    """
    figures = "".join(filter(str.isdigit, number))[-3:].rjust(3, "0")
    return f"{figures}{day:02d}"


def filed_day(telegram: Telegram) -> int:
    """The day of the month the telegram was filed (dispatched, else received), or 0."""
    if telegram.dispatched_time is None and telegram.received_time is None:
        return 0  # no stamp has a time: neither is a moment (the common case in bulk)
    filed = telegram.dispatched or telegram.received
    return filed.day if filed is not None else 0


def ledger_label(telegram: Telegram, numbers: Sequence[str]) -> str:
    """What the pad book's ledger says the pages of this telegram went to."""
    return (
        f"{_label(telegram.office, telegram.number, telegram.serial)}, parts {', '.join(numbers)}"
    )


@functools.lru_cache(maxsize=4096)
def _label(office: str | None, number: str | None, serial: str | None) -> str:
    return " ".join(x for x in (office, number, serial and f"({serial})") if x) or "telegram"


@dataclass(frozen=True)
class Plan:
    """The parts of many telegrams, laid out and ready for their pad pages.

    ``plain`` holds each part's plaintext (whole five-figure groups), all parts of all
    telegrams in order; telegram ``i`` has parts ``part_offsets[i]:part_offsets[i + 1]``,
    numbered ``numbers``; part ``p`` needs ``pages[p]`` pad pages, and the pages of
    telegram ``i`` are recorded against ``labels[i]``.
    """

    plain: MessageSet
    part_offsets: NDArray[np.int64]
    numbers: tuple[str, ...]
    pages: NDArray[np.int64]
    labels: tuple[str, ...]

    def pages_per_telegram(self) -> NDArray[np.int64]:
        """How many pages each telegram needs, all its parts together."""
        firsts = np.zeros(self.pages.size + 1, dtype=np.int64)
        np.cumsum(self.pages, out=firsts[1:])
        return firsts[self.part_offsets[1:]] - firsts[self.part_offsets[:-1]]


def plan(
    telegrams: Sequence[Telegram],
    code: MessageSet,
    *,
    groups_per_page: int,
    max_part_groups: int = MAX_PART_GROUPS,
) -> Plan:
    """Lay out the code digits of each telegram (``code[i]`` for ``telegrams[i]``) in parts.

    Raises :class:`ArrayValueError` if the counts differ or a message of *code* is not
    whole four-figure groups.
    """
    if len(telegrams) != len(code):
        raise ArrayValueError(f"{len(telegrams)} telegrams but {len(code)} code messages")
    lengths = code.lengths
    if lengths.size and int((lengths % CODE).max()):
        i = int(np.argmax(lengths % CODE))
        raise ArrayValueError(f"message {i} is not whole four-figure code groups")
    special = np.fromiter(
        (len(t.special_numbers) for t in telegrams), dtype=np.int64, count=len(telegrams)
    )
    counts = part_counts(lengths // CODE, special, max_part_groups=max_part_groups)
    numbers: list[str] = []
    labels: list[str] = []
    checks: list[str] = []
    for telegram, count in zip(telegrams, counts.tolist(), strict=True):
        mine = part_numbers(telegram, count)
        day = filed_day(telegram)
        numbers.extend(mine)
        labels.append(ledger_label(telegram, mine))
        if count == 1:
            checks.append(check_group(mine[0], day))
        else:
            checks.extend(check_group(number, day) for number in mine)
    parts = split_parts(code, counts)
    plain = plain_parts(parts, digits_from_text("".join(checks)).reshape(-1, GROUP))
    part_offsets = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(counts, out=part_offsets[1:])
    return Plan(
        plain=plain,
        part_offsets=part_offsets,
        numbers=tuple(numbers),
        pages=pages_needed(plain.lengths, groups_per_page=groups_per_page),
        labels=tuple(labels),
    )


def split_parts(code: MessageSet, counts: NDArray[np.int64]) -> MessageSet:
    """Cut each telegram's code digits into *counts* parts (the digits stay where they are).

    Part ``j`` of ``c`` holds code groups ``n * j // c`` to ``n * (j + 1) // c`` of the
    telegram's ``n``.

    >>> split_parts(MessageSet.from_texts(["111122223333"]), np.array([2])).texts()
    ['1111', '22223333']
    """
    groups = code.lengths // CODE
    telegram = np.repeat(np.arange(len(code), dtype=np.int64), counts)
    heads = np.zeros(len(code) + 1, dtype=np.int64)
    np.cumsum(counts, out=heads[1:])
    j = np.arange(telegram.size, dtype=np.int64) - heads[telegram]
    starts = code.offsets[:-1][telegram] + groups[telegram] * j // counts[telegram] * CODE
    offsets = np.append(starts, code.size).astype(np.int64)
    return MessageSet._trusted(code.digits, offsets)


def _runs(first: bool, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.bool_]:
    """``a[0]`` times *first*, ``b[0]`` times not, ``a[1]`` times *first*, ...: a mask."""
    counts = np.empty(2 * a.size, dtype=np.int64)
    counts[0::2], counts[1::2] = a, b
    values = np.tile(np.array([first, not first]), a.size)
    return np.repeat(values, counts)


def plain_parts(parts: MessageSet, checks: NDArray[np.uint8]) -> MessageSet:
    """Each part's plaintext: its code digits, filler zeros, ``0000F`` and its check group.

    *checks* (``uint8``, shape ``(parts, 5)``) holds the check groups.

    >>> checks = digits_from_text("69107").reshape(1, 5)
    >>> plain_parts(MessageSet.from_texts(["25221234"]), checks).texts()
    ['25221234000000269107']
    """
    lengths = parts.lengths
    filler = -lengths % GROUP
    tail = filler + CLOSING * GROUP
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(lengths + tail, out=offsets[1:])
    closing = np.zeros((len(parts), CLOSING * GROUP), dtype=np.uint8)
    closing[:, GROUP - 1] = filler
    closing[:, GROUP:] = checks
    tails = np.zeros(int(tail.sum()), dtype=np.uint8)  # the filler zeros, then the closing
    tail_heads = np.cumsum(tail)
    tails[ranges(tail_heads - CLOSING * GROUP, np.full(len(parts), CLOSING * GROUP))] = (
        closing.reshape(-1)
    )
    code = _runs(True, lengths, tail)  # where the code digits go, the tails elsewhere
    out = np.empty(int(offsets[-1]), dtype=np.uint8)
    out[code] = parts.digits
    out[~code] = tails
    return MessageSet._trusted(out, offsets)


def pages_needed(plain_lengths: NDArray[np.int64], *, groups_per_page: int) -> NDArray[np.int64]:
    """Pad pages each part needs: its groups over the key groups of a page, rounded up."""
    key_groups = groups_per_page - 1
    return -(-(plain_lengths // GROUP) // key_groups)


def indicators(
    sent: MessageSet, *, groups_per_page: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Where the indicators in clear stand in parts as sent (``sent``: each part's
    groups, indicators included): how many each part shows (its first group, then every
    ``groups_per_page``-th), and their numbers among all the groups of ``sent``, end to
    end (rows of ``sent.digits.reshape(-1, 5)``).

    >>> shown, at = indicators(MessageSet.from_lengths(np.zeros(40, np.uint8), [15, 25]),
    ...                        groups_per_page=3)
    >>> shown.tolist(), at.tolist()
    ([1, 2], [0, 3, 6])
    """
    counts = sent.lengths // GROUP
    shown = -(-counts // groups_per_page)
    heads = np.zeros(shown.size, dtype=np.int64)
    at = np.repeat(sent.offsets[:-1] // GROUP, shown) + ranges(heads, shown) * groups_per_page
    return shown, at


def encipher_parts(
    plain: MessageSet, page_digits: NDArray[np.uint8], pages: NDArray[np.int64]
) -> MessageSet:
    """Add the key and put the indicators in: each part's groups as sent.

    Parameters
    ----------
    plain : MessageSet
        Each part's plaintext, whole five-figure groups.
    page_digits : ndarray of uint8, shape (p, groups_per_page * 5)
        The pad pages issued, in order, each row the indicator and then the key.
    pages : ndarray of int64, shape (len(plain),)
        How many pages each part takes, in order (``sum(pages) == p``).

    Returns
    -------
    MessageSet
        Each part's groups as sent: the first page's indicator, up to
        ``groups_per_page - 1`` groups of plaintext plus key, the next page's indicator,
        and so on.
    """
    per_page = page_digits.shape[1] // GROUP  # groups on a page, the indicator first
    key_groups = per_page - 1
    count = page_digits.shape[0]
    if int(pages.sum()) != count:
        raise ArrayValueError(f"the parts need {int(pages.sum())} pages, {count} were given")
    groups = plain.lengths // GROUP
    # used[page, g]: key group g of the page carries a text group.  Every page of a part
    # is used whole but its last, which is used for the part's remaining groups.
    last = np.cumsum(pages) - 1
    used = np.ones((count, key_groups), dtype=bool)
    used[last] = np.arange(key_groups) < (groups - (pages - 1) * key_groups)[:, None]
    # The text's groups laid in the key groups they take, page by page (zeros in the
    # unused ones), moved five figures at a time; then the key added page by page.
    laid = np.zeros((count, key_groups * GROUP), dtype=np.uint8)
    as_groups(laid)[used.reshape(-1)] = as_groups(plain.digits)
    out = np.empty((count, per_page * GROUP), dtype=np.uint8)
    out[:, :GROUP] = page_digits[:, :GROUP]  # each page's indicator, then its groups
    add_mod10(laid, page_digits[:, GROUP:], out=out[:, GROUP:], check=False)
    kept = np.ones((count, per_page), dtype=bool)  # the groups that go in the cable
    kept[:, 1:] = used
    heads = np.zeros(len(plain) + 1, dtype=np.int64)
    np.cumsum(groups + pages, out=heads[1:])
    sent = as_groups(out)[kept.reshape(-1)].view(np.uint8)
    return MessageSet._trusted(sent, heads * GROUP)


_GROUP_ITEM = np.dtype((np.void, GROUP))


def as_groups(digits: NDArray[np.uint8]) -> NDArray[np.void]:
    """Digits as five-figure groups, one item each: ``(n // 5,)`` of a 5-byte type.

    A view when the digits lie one after the other (writing to it writes to them), else
    a view of a contiguous copy.  Gathering or scattering groups this way moves each as
    one item rather than as five bytes.  Raises ``ValueError`` if the digits are not whole
    groups.

    >>> groups = as_groups(np.arange(10, dtype=np.uint8))
    >>> groups.shape, groups[[1, 0]].view(np.uint8).tolist()
    ((2,), [5, 6, 7, 8, 9, 0, 1, 2, 3, 4])
    """
    return np.ascontiguousarray(digits).reshape(-1).view(_GROUP_ITEM)


__all__ = [
    "MAX_PART_GROUPS",
    "Plan",
    "as_groups",
    "check_group",
    "encipher_parts",
    "filed_day",
    "indicators",
    "ledger_label",
    "pages_needed",
    "part_counts",
    "part_numbers",
    "plain_parts",
    "plan",
    "split_parts",
]
