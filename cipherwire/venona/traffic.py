"""Simulated VENONA-era traffic: many cables on several links, some of them in depth.

:func:`generate` writes a *traffic folder*:

``cables.txt``
    every cable, as ``cipherwire encode`` prints them, link by link and in filing order
    on each link, one blank line between cables: the analyst's material
    (:meth:`Traffic.intercepts`);
``pads/<link>.padbook``
    each link's pad book, made by the faulty factory of
    :mod:`cipherwire.venona.production` (labelled so) and used up by the traffic: the
    receiver's copy, so ``cipherwire decode --pad`` reads any cable;
``truth.json``
    what only the generator knows: the plan and seed, each message's link, text and pad
    pages, the duplicated pages and every depth they caused (:class:`~cipherwire.
    analysis.depth.Depth`, with the messages numbered from 0 in ``cables.txt`` order).

Each link (a residency sending to Moscow, with its own pad book) files its messages in
time order from 1 May 1944, when pad page numbers went in clear.  Texts come from
:meth:`~cipherwire.codebook.prose.Prose.telegraphese`, lengths are drawn so that every message has
from ``groups[0]`` to ``groups[1]`` text groups, and each goes as one cable of one part.
The same seed gives the same folder, byte for byte, but for the pad books' creation times.
The folder is built aside and moved into place in one step: a crash leaves nothing
half-written.
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

from cipherwire.analysis.depth import Depth, Intercepts, Use, among
from cipherwire.cable import parts
from cipherwire.cipher.batch import CableBatch
from cipherwire.cipher.clerk import preamble_for
from cipherwire.cipher.files import split_cables
from cipherwire.codebook.book import Codebook
from cipherwire.codebook.prose import Prose, is_range
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import CLOSING, GROUP, GROUPS_PER_PAGE
from cipherwire.core.textfile import new_folder
from cipherwire.errors import BatchError, TrafficError
from cipherwire.pad.book import PadBook
from cipherwire.pad.page import IssuedPages
from cipherwire.telegram.dates import ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Telegram
from cipherwire.venona.production import Production, produce

#: The links traffic is sent on (a residency to Moscow) and the zone it files in.
LINKS: tuple[tuple[str, str], ...] = (
    ("NEW YORK", "America/New_York"),
    ("WASHINGTON", "America/New_York"),
    ("SAN FRANCISCO", "America/Los_Angeles"),
    ("CANBERRA", "Australia/Sydney"),
    ("LONDON", "Europe/London"),
    ("STOCKHOLM", "Europe/Stockholm"),
)
FORMAT = "cipherwire-traffic 1"
_START = dt.datetime(1944, 5, 1, tzinfo=dt.UTC)
_SPAN_DAYS = 600
_KEY = GROUPS_PER_PAGE - 1  # key groups on a page


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


@dataclass(frozen=True)
class Message:
    """One simulated message: its link, serial on that link, filing time, text, its text
    groups, and the pad pages it used (``first_page`` to ``first_page + pages - 1`` of the
    link's book; with ``reversed``, the first page twice, forward and then backwards)."""

    index: int
    link: str
    serial: int
    filed: dt.datetime
    text: str
    first_page: int
    pages: int
    groups: int
    reversed: bool = False

    def uses(self) -> list[tuple[int, Use]]:
        """Each page this message used (its number in the link's book) and how."""
        enciphered = self.groups + CLOSING
        slots = self.pages + self.reversed
        out = []
        for slot in range(slots):
            back = self.reversed and slot == 1
            page = self.first_page + slot - (self.reversed and slot >= 1)
            length = min(_KEY, enciphered - slot * _KEY)
            out.append((page, Use(self.index, slot * GROUPS_PER_PAGE, length, back)))
        return out

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "filed": self.filed.isoformat()}


@dataclass(frozen=True, kw_only=True)
class TrafficSummary:
    """What a traffic folder holds, told in a few lines: how many cables, links, groups
    and pad pages, how faulty the pads and clerks were, and how many depths that made."""

    folder: str
    messages: int
    links: tuple[str, ...]
    groups: int
    pages: int
    duplicate_fraction: float
    reverse_fraction: float
    reversed_messages: int
    depths: int
    seed: int | None

    def __post_init__(self) -> None:
        for name in ("messages", "groups", "pages", "reversed_messages", "depths"):
            value = getattr(self, name)
            if not _is_int(value) or value < 0:
                raise TrafficError(f"{name} must be a whole number 0 or more, not {value!r}")
        if not self.links or not all(isinstance(link, str) for link in self.links):
            raise TrafficError(f"links must be one name or more, not {self.links!r}")

    def to_json(self) -> dict[str, Any]:
        """The summary as a JSON object (the links as a list)."""
        return {**asdict(self), "links": list(self.links)}

    def to_text(self) -> str:
        """The summary as lines of text, each ending in a newline.

        >>> print(TrafficSummary(folder="t", messages=2, links=("NEW YORK",), groups=120,
        ...     pages=4, duplicate_fraction=0.0, reverse_fraction=0.0, reversed_messages=0,
        ...     depths=0, seed=None).to_text(), end="")
        t: 2 cables on 1 link(s), 120 text groups, 4 pad pages
        pads made and used correctly: no page used twice, no depths
        """
        lines = [
            f"{self.folder}: {self.messages} cables on {len(self.links)} link(s), "
            f"{self.groups} text groups, {self.pages} pad pages"
        ]
        if self.duplicate_fraction > 0:
            lines.append(
                f"FAULTY PADS (the lesson): {self.duplicate_fraction:.1%} of the pages also "
                "printed in another link's book"
            )
        if self.reverse_fraction > 0:
            lines.append(
                f"FAULTY CLERKS (the lesson): {self.reversed_messages} messages went on "
                "with their first page read backwards"
            )
        if self.depths:
            lines.append(f"{self.depths} stretches of cable in depth (listed in truth.json)")
        else:
            lines.append("pads made and used correctly: no page used twice, no depths")
        if self.seed is not None:
            lines.append(f"classroom pads from seed {self.seed}: reproducible, NOT SECURE")
        return "".join(f"{line}\n" for line in lines)


@dataclass(frozen=True, eq=False)
class Traffic:
    """A traffic folder, read back: the cables, and the truth when the folder has it."""

    folder: Path
    cables: tuple[str, ...]
    plan: dict[str, Any] | None
    messages: tuple[Message, ...] | None
    depths: tuple[Depth, ...] | None

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Traffic:
        """Read a traffic folder; ``truth.json`` is optional (an analyst's folder has none).

        Raises :class:`~cipherwire.errors.TrafficError` naming the file that is missing
        or unreadable.
        """
        where = Path(folder)
        if not where.is_dir():
            raise TrafficError("no such traffic folder", path=str(where))
        cables_path = where / "cables.txt"
        try:
            text = cables_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TrafficError(f"cannot read the cables: {exc}", path=str(cables_path)) from None
        cables = tuple(_split_cables(text, path=str(cables_path)))
        if not cables:
            raise TrafficError("no cables in the file", path=str(cables_path))
        truth_path = where / "truth.json"
        if not truth_path.exists():
            return cls(where, cables, None, None, None)
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            if not isinstance(truth, dict) or truth.get("format") != FORMAT:
                raise TrafficError(f"not a truth file of {FORMAT!r}", path=str(truth_path))
            messages = tuple(
                Message(**{**m, "filed": dt.datetime.fromisoformat(m["filed"])})
                for m in truth["messages"]
            )
            depths = tuple(Depth.from_json(d) for d in truth["depths"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise TrafficError(f"cannot read the truth: {exc}", path=str(truth_path)) from None
        return cls(where, cables, truth["plan"], messages, depths)

    def summary(self, *, folder: str | None = None) -> TrafficSummary:
        """What the folder holds, from its truth; *folder* names it in the summary as the
        user wrote it (default: :attr:`folder`).  Raises
        :class:`~cipherwire.errors.TrafficError` if the folder has no ``truth.json``."""
        if self.plan is None or self.messages is None or self.depths is None:
            raise TrafficError(
                "no truth.json: only the generator's folder can be summed up",
                path=str(self.folder),
            )
        links = self.plan["links"]
        return TrafficSummary(
            folder=str(self.folder) if folder is None else folder,
            messages=len(self.messages),
            links=tuple(name for name, _ in LINKS[:links]),
            groups=sum(m.groups for m in self.messages),
            pages=sum(m.pages for m in self.messages),
            duplicate_fraction=self.plan["duplicate_fraction"],
            reverse_fraction=self.plan["reverse_fraction"],
            reversed_messages=sum(m.reversed for m in self.messages),
            depths=len(self.depths),
            seed=self.plan["seed"],
        )

    def intercepts(self) -> Intercepts:
        """The cables as the analyst has them.  Raises
        :class:`~cipherwire.errors.TrafficError` naming ``cables.txt`` and the cable (from
        1, and its line) that cannot be read."""
        try:
            return Intercepts.from_texts(self.cables)
        except BatchError as exc:
            raise TrafficError(str(exc), path=str(self.folder / "cables.txt")) from None


def generate(
    plan: TrafficPlan, out: str | os.PathLike[str], *, codebook: Codebook | None = None
) -> Traffic:
    """Make the traffic of ``plan`` and write it as a new folder ``out`` (see the module
    docstring).  Raises :class:`~cipherwire.errors.TrafficError` if ``out`` exists and is
    not an empty folder, or its parent folder does not exist."""
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


def _split_cables(text: str, *, path: str) -> list[str]:
    """The cables of a ``cables.txt`` (:func:`~cipherwire.cipher.files.split_cables`)."""
    try:
        return split_cables(text)
    except BatchError as exc:
        raise TrafficError(str(exc), path=path) from None


__all__ = ["FORMAT", "LINKS", "Message", "Traffic", "TrafficPlan", "TrafficSummary", "generate"]
