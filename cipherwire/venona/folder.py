"""A traffic folder and what it holds: the cables, and the truth only the generator knows.

:func:`~cipherwire.venona.traffic.generate` writes the folder: ``cables.txt``, every cable
as ``cipherwire encode`` prints them, link by link in filing order (the analyst's material,
:meth:`Traffic.intercepts`); ``pads/<link>.padbook``, each link's pad book from the faulty
factory (:mod:`cipherwire.venona.production`), the receiver's copy; and ``truth.json``, the
plan, each :class:`Message` (its link, text and pad pages), the duplicated pages and every
:class:`~cipherwire.analysis.depth.Depth` they caused, messages numbered from 0 in
``cables.txt`` order.  :meth:`Traffic.load` reads a folder back (``truth.json`` is optional)
and :class:`TrafficSummary` tells what it holds.  docs/tutorial/venona.md uses one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cipherwire.analysis.depth import Depth, Intercepts, Use
from cipherwire.cipher.files import split_cables
from cipherwire.core.sizes import CLOSING, GROUPS_PER_PAGE
from cipherwire.errors import BatchError, TrafficError

#: The links traffic is sent on (a residency to Moscow) and the zone it files in.
LINKS: tuple[tuple[str, str], ...] = (
    ("NEW YORK", "America/New_York"),
    ("WASHINGTON", "America/New_York"),
    ("SAN FRANCISCO", "America/Los_Angeles"),
    ("CANBERRA", "Australia/Sydney"),
    ("LONDON", "Europe/London"),
    ("STOCKHOLM", "Europe/Stockholm"),
)
#: What the "format" of a traffic folder's truth.json says.
FORMAT = "cipherwire-traffic 1"
_KEY = GROUPS_PER_PAGE - 1  # key groups on a page


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


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _split_cables(text: str, *, path: str) -> list[str]:
    """The cables of a ``cables.txt`` (:func:`~cipherwire.cipher.files.split_cables`)."""
    try:
        return split_cables(text)
    except BatchError as exc:
        raise TrafficError(str(exc), path=path) from None


__all__ = ["FORMAT", "LINKS", "Message", "Traffic", "TrafficSummary"]
