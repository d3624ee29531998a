"""Simulated VENONA-era traffic: many cables on several links, some of them in depth.

:func:`generate` makes the traffic of a :class:`TrafficPlan` and writes it as a traffic
folder (:mod:`cipherwire.venona.folder`): each link, a residency sending to Moscow with its
own pad book from the faulty factory, files its messages in time order from 1 May 1944,
when pad page numbers went in clear; the texts are
:meth:`~cipherwire.codebook.prose.Prose.telegraphese` of ``groups[0]`` to ``groups[1]``
text groups, each sent as a cable of one part, and a plan may have clerks make the reverse
fault.  The same seed gives the same folder, byte for byte, but for the pad books' creation
times; the folder is built aside and moved into place in one step, so a crash leaves
nothing half-written.  docs/tutorial/venona.md runs the lesson.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from cipherwire.analysis.depth import Depth, Use, among
from cipherwire.cable import parts
from cipherwire.cipher.batch import CableBatch
from cipherwire.cipher.clerk import preamble_for
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose, is_range
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUP, GROUPS_PER_PAGE
from cipherwire.core.textfile import new_folder
from cipherwire.errors import TrafficError
from cipherwire.pad.book import PadBook
from cipherwire.pad.page import IssuedPages
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Telegram
from cipherwire.venona.folder import FORMAT, LINKS, Message, Traffic
from cipherwire.venona.production import Production, produce

_START = dt.datetime(1944, 5, 1, tzinfo=dt.UTC)
_SPAN_DAYS = 600


@dataclass(frozen=True, kw_only=True)
class TrafficPlan:
    """What :func:`generate` makes: how many messages on how many links, how long, and
    how faulty the pads and the clerks.

    ``duplicate_fraction`` is the share of all pages used that are also printed in another
    link's book (the 1942 fault); ``reverse_fraction`` the share of messages of two pages
    or more whose clerk, at the end of the first page, went on with the same page read
    backwards instead of a fresh one, showing its indicator again (the "reverse" fault;
    the marking is our model).  Both 0, the default: pads made and used correctly.
    ``text`` is the messages' prose, a :meth:`~cipherwire.codebook.prose.Prose.telegraphese`
    (``truth.json`` keeps its four settings).
    """

    messages: int = 1000
    links: int = 3
    groups: tuple[int, int] = (50, 300)
    duplicate_fraction: float = 0.0
    reverse_fraction: float = 0.0
    seed: int | None = None
    text: Prose = field(default_factory=Prose.telegraphese)

    def __post_init__(self) -> None:
        if not _is_int(self.messages) or not 2 <= self.messages <= 1_000_000:
            raise TrafficError(
                f"messages must be a whole number from 2 to 1,000,000, not {self.messages!r}"
            )
        if not _is_int(self.links) or not 1 <= self.links <= len(LINKS):
            raise TrafficError(
                f"links must be a whole number from 1 to {len(LINKS)}, not {self.links!r}"
            )
        if not (is_range(self.groups, 10) and self.groups[1] <= 2000):
            raise TrafficError(
                f"group lengths must be a range (LOW, HIGH) within 10-2000, not {self.groups!r}"
            )
        if not (isinstance(self.text, Prose) and self.text.is_telegraphese):
            raise TrafficError(f"text must be Prose.telegraphese(...), not {self.text!r}")
        if self.seed is not None and not _is_int(self.seed):
            raise TrafficError(f"the seed must be a whole number, not {self.seed!r}")
        fraction = self.duplicate_fraction
        if not (isinstance(fraction, int | float) and not isinstance(fraction, bool)):
            raise TrafficError(f"the duplicate fraction must be a number, not {fraction!r}")
        if not 0 <= fraction <= 0.5:
            raise TrafficError(f"the duplicate fraction is from 0 to 0.5, not {fraction!r}")
        if fraction > 0 and self.links < 2:
            raise TrafficError("duplicated pages go to another link: use two links or more")
        reverse = self.reverse_fraction
        if not (isinstance(reverse, int | float) and not isinstance(reverse, bool)):
            raise TrafficError(f"the reverse fraction must be a number, not {reverse!r}")
        if not 0 <= reverse <= 1:
            raise TrafficError(f"the reverse fraction is from 0 to 1, not {reverse!r}")

    def to_json(self) -> dict[str, Any]:
        """The plan as a JSON object."""
        prose = self.text
        text = {
            "zipf": prose.zipf,
            "sentence": list(prose.sentence),
            "reference": prose.reference,
            "cover_name": prose.cover_name,
        }
        return {**asdict(self), "groups": list(self.groups), "text": text}


def generate(
    plan: TrafficPlan, out: str | os.PathLike[str], *, codebook: Codebook | None = None
) -> Traffic:
    """Make the traffic of ``plan`` and write it as a new folder ``out`` (what it holds:
    :mod:`cipherwire.venona.folder`).  Raises :class:`~cipherwire.errors.TrafficError` if
    ``out`` exists and is not an empty folder, or its parent folder does not exist."""
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TrafficError("exists and is not an empty folder", path=str(target))
    if not target.parent.is_dir():
        raise TrafficError("the folder to put it in does not exist", path=str(target.parent))
    book = codebook if codebook is not None else Codebook.default()
    rng = np.random.default_rng(None if plan.seed is None else [plan.seed, 1944])
    links = LINKS[: plan.links]
    link_of = np.sort(rng.integers(0, plan.links, plan.messages))  # grouped by link
    texts, groups = _texts(plan, book, rng)
    filed = _filing_times(rng, link_of, links)
    telegrams = [
        _telegram(links[int(link)], serial, when, text)
        for link, serial, when, text in zip(
            link_of.tolist(), _serials(link_of).tolist(), filed, texts, strict=True
        )
    ]
    code = book.encode_many([t.body_as_sent for t in telegrams])
    most = plan.groups[1] + 1  # every message goes as one part
    laid = parts.plan(telegrams, code, groups_per_page=GROUPS_PER_PAGE, max_part_groups=most)
    slots = laid.pages_per_telegram()
    backwards = (rng.random(plan.messages) < plan.reverse_fraction) & (slots >= 2)
    pages = slots - backwards
    # A link that files nothing still gets a book of one page (a pad book has pages).
    per_link = [max(1, int(pages[link_of == i].sum())) for i in range(plan.links)]
    with new_folder(target) as scratch:
        (scratch / "pads").mkdir()
        made = produce(
            scratch / "pads",
            [name for name, _ in links],
            per_link,
            duplicate_fraction=plan.duplicate_fraction,
            seed=plan.seed,
        )
        cables: list[str] = []
        for i, path in enumerate(made.paths):
            mine = np.flatnonzero(link_of == i)
            if mine.size:
                with PadBook.open(path) as pad:
                    batch = _encipher(
                        [telegrams[j] for j in mine.tolist()],
                        code.take(mine),
                        backwards[mine],
                        book,
                        pad,
                        most=most,
                    )
                cables.extend(text.strip("\n") for text in batch.to_texts())
        first_page = _first_pages(link_of, pages)
        messages = tuple(
            Message(
                i,
                t.origin or "",
                int(t.number or 0),
                filed[i],
                texts[i],
                int(first_page[i]),
                int(pages[i]),
                int(groups[i]),
                bool(backwards[i]),
            )
            for i, t in enumerate(telegrams)
        )
        depths = _depths(made, messages)
        (scratch / "cables.txt").write_text("\n".join(cables), encoding="utf-8")
        truth = {
            "format": FORMAT,
            "plan": plan.to_json(),
            "messages": [m.to_json() for m in messages],
            "duplicates": [asdict(d) for d in made.duplicates],
            "depths": [d.to_json() for d in depths],
        }
        (scratch / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return Traffic(target, tuple(cables), plan.to_json(), messages, tuple(depths))


def _encipher(
    telegrams: Sequence[Telegram],
    code: MessageSet,
    backwards: NDArray[np.bool_],
    book: Codebook,
    pad: PadBook,
    *,
    most: int,
) -> CableBatch:
    """The cables of one link's telegrams (one part each), as
    :func:`~cipherwire.cipher.batch.encipher_batch` makes them, but that a clerk who made the
    reverse fault (``backwards``) enciphers a message's second page's worth with its first
    page read backwards, and shows that page's indicator again."""
    laid = parts.plan(telegrams, code, groups_per_page=pad.groups_per_page, max_part_groups=most)
    slots = laid.pages
    issue = slots - backwards

    def finish(issued: IssuedPages) -> CableBatch:
        owner = np.repeat(np.arange(slots.size), slots)
        index = np.arange(owner.size) - np.repeat(np.cumsum(slots) - slots, slots)
        again = backwards[owner] & (index == 1)
        source = issued.offsets[owner] + index - (backwards[owner] & (index >= 1))
        sheets = issued.digits[source].reshape(owner.size, -1, GROUP)
        sheets[again, 1:] = sheets[again, :0:-1]  # key groups last first, indicator kept
        sent = parts.encipher_parts(laid.plain, sheets.reshape(owner.size, -1), slots)
        origin = telegrams[0].origin or ""
        preambles = tuple(preamble_for(t, book, pad.seed, origin=origin) for t in telegrams)
        return CableBatch(sent, laid.part_offsets, laid.numbers, preambles, len(issued))

    return pad.issue_many(issue.tolist(), to=laid.labels, use=finish)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _texts(
    plan: TrafficPlan, book: Codebook, rng: np.random.Generator
) -> tuple[list[str], NDArray[np.int64]]:
    """Texts whose code fills ``plan.groups`` five-figure text groups; and those counts."""
    low, high = plan.groups
    wanted = np.clip(
        np.rint(np.exp(rng.uniform(np.log(low), np.log(high), plan.messages))), low, high
    )
    words = wanted.astype(np.int64)
    texts: list[str] = [""] * plan.messages
    groups = np.zeros(plan.messages, dtype=np.int64)
    redo = np.arange(plan.messages)
    for _ in range(12):
        made = plan.text.texts(rng, words[redo])
        lengths = book.encode_many(made).lengths
        got = -(-lengths // GROUP)
        for j, i in enumerate(redo.tolist()):
            texts[i] = made[j]
        groups[redo] = got
        bad = (got < low) | (got > high)
        if not bad.any():
            return texts, groups
        # Aim again at the length drawn, scaling the words by how far this text missed.
        scale = wanted[redo[bad]] / np.maximum(got[bad], 1)
        words[redo[bad]] = np.maximum(1, np.rint(words[redo[bad]] * scale)).astype(np.int64)
        redo = redo[bad]
    raise TrafficError(f"could not write texts of {low}-{high} groups; widen the range")


def _filing_times(
    rng: np.random.Generator, link_of: NDArray[np.int64], links: Sequence[tuple[str, str]]
) -> list[dt.datetime]:
    """Filing times in order on each link, over 600 days from 1 May 1944, to the minute."""
    minutes = np.rint(rng.uniform(0, _SPAN_DAYS * 24 * 60, link_of.size)).astype(np.int64)
    minutes = minutes[np.lexsort((minutes, link_of))]
    return [
        (_START + dt.timedelta(minutes=m)).astimezone(ZoneInfo(links[link][1]))
        for link, m in zip(link_of.tolist(), minutes.tolist(), strict=True)
    ]


def _serials(link_of: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each message's serial on its link, from 1 (``link_of`` is sorted)."""
    starts = np.searchsorted(link_of, link_of, side="left")
    return np.arange(link_of.size, dtype=np.int64) - starts + 1


def _first_pages(link_of: NDArray[np.int64], pages: NDArray[np.int64]) -> NDArray[np.int64]:
    """The first page each message used in its link's book (pages go out in order)."""
    ends = np.cumsum(pages)
    starts = np.searchsorted(link_of, link_of, side="left")
    before = np.where(starts > 0, ends[np.maximum(starts - 1, 0)], 0)
    return ends - pages - before + 1


def _telegram(link: tuple[str, str], serial: int, when: dt.datetime, text: str) -> Telegram:
    return Telegram(
        number=str(serial),
        kind="CIPHERED TELEGRAM",
        origin=link[0],
        destination="MOSCOW",
        dispatched_time=ArchiveTime.of(when.time()),
        dispatched_date=ArchiveDate.of(when.date()),
        body=text,
        zone=link[1],
    )


def _depths(made: Production, messages: Sequence[Message]) -> list[Depth]:
    """Every two uses of one printed page (a duplicate counts as its original): the
    depths the faults made."""
    same = {(d.target, d.copy): (d.source, d.original) for d in made.duplicates}
    uses: dict[tuple[str, int], list[Use]] = {}
    for m in messages:
        for page, use in m.uses():
            sheet = same.get((m.link, page), (m.link, page))
            uses.setdefault(sheet, []).append(use)
    return sorted(depth for group in uses.values() for depth in among(group))


__all__ = ["TrafficPlan", "generate"]
