"""The cable form: an enciphered telegram as it went out on the wire.

A :class:`Cable` is one or more parts (:class:`CablePart`), each printed with its head
(``CABLE ... PART ... OF ...``), the shared :class:`~cipherwire.cable.preamble.Preamble` and
its ``GROUPS:`` check, then its five-figure groups ten to a line: its first pad page's
indicator in clear, the enciphered text and two closing groups, the next page's indicator
in clear wherever the text runs onto a new page.  ``Cable.from_text`` and ``Cable.to_text``
round-trip; a digit that arrived unreadable may be written ``?`` (a garbled group), and
anything else that is not a digit is refused.  The layout is our model of the telegraph
preamble (DOMAIN.md §5); docs/tutorial/enciphering.md (section 6) shows it line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cipherwire.cable.preamble import Preamble
from cipherwire.core.sizes import GROUP, GROUPS_PER_LINE
from cipherwire.errors import CableFormatError

_GROUP_PATTERN = re.compile(rf"[0-9?]{{{GROUP}}}")  # as received: '?' marks a garbled figure
_HEAD = re.compile(r"^CABLE (?P<number>\S+) PART (?P<part>\d+) OF (?P<parts>\d+)$")


@dataclass(frozen=True)
class CablePart:
    """One part of a cable: its special (cipher) number and its groups as sent."""

    number: str
    groups: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.number or any(ch.isspace() for ch in self.number):
            raise CableFormatError(f"a part number is one word, got {self.number!r}")
        for i, group in enumerate(self.groups, start=1):
            if not isinstance(group, str) or not _GROUP_PATTERN.fullmatch(group):
                raise CableFormatError(
                    f"part {self.number}: {group!r} is not a five-figure group", group=i
                )


@dataclass(frozen=True, kw_only=True)
class Cable:
    """An enciphered telegram on its cable form: the shared preamble and the parts."""

    parts: tuple[CablePart, ...]
    preamble: Preamble = field(default_factory=Preamble)

    def __post_init__(self) -> None:
        if not self.parts:
            raise CableFormatError("a cable has at least one part")
        if not isinstance(self.preamble, Preamble):
            raise CableFormatError(f"a cable's preamble is a Preamble, got {self.preamble!r}")

    @property
    def group_count(self) -> int:
        """All groups of all parts (the words charged)."""
        return sum(len(p.groups) for p in self.parts)

    # --- text form ---------------------------------------------------------------------

    def to_text(self) -> str:
        """The cable as printed: each part with its preamble, groups ten to a line."""
        shared = self.preamble.to_text()
        blocks = []
        for index, part in enumerate(self.parts, start=1):
            head = part_head(part.number, index, len(self.parts))
            lines = [
                " ".join(part.groups[start : start + GROUPS_PER_LINE])
                for start in range(0, len(part.groups), GROUPS_PER_LINE)
            ]
            blocks.append(f"{head}{shared}GROUPS: {len(part.groups)}\n\n" + "\n".join(lines))
        return "\n\n".join(blocks) + "\n"

    @classmethod
    def from_text(cls, text: str) -> Cable:
        """Read a cable printed by :meth:`to_text` (or typed in by a student).

        Raises:
            CableFormatError: naming the line (and group) of a malformed preamble, a
                group that is not five figures, a wrong group count, a missing or
                repeated part, or parts whose preambles disagree.
        """
        return _Reader(text).read()


def split_cable(text: str) -> tuple[Cable, list[tuple[str, int, int]]]:
    """Read a cable's preambles but leave its groups unread, for a reader of many cables.

    Returns the cable with every part's groups empty, and for each part the text of its
    group lines, the count its ``GROUPS:`` line declares and the line number where the
    groups start.  The preambles are checked as :meth:`Cable.from_text` checks them; the
    groups are not checked at all (:mod:`cipherwire.cipher.batch` checks those of many cables
    in one pass, and calls :meth:`Cable.from_text` for the message of any that fail).
    """
    reader = _Reader(text, lazy=True)
    return reader.read(), reader.blocks


def part_head(number: str, index: int, total: int) -> str:
    """The first line of a part's preamble, with its newline.

    >>> part_head("1691", 1, 2)
    'CABLE 1691 PART 1 OF 2\\n'
    """
    return f"CABLE {number} PART {index} OF {total}\n"


class _Reader:
    """One pass over a cable's text, line by line, keeping the line number for errors."""

    def __init__(self, text: str, *, lazy: bool = False) -> None:
        if not isinstance(text, str):
            raise CableFormatError(f"expected text, got {type(text).__name__}")
        self.lazy = lazy  # keep each part's group lines unread, in self.blocks
        self.blocks: list[tuple[str, int, int]] = []
        self.lines = text.replace("\r\n", "\n").split("\n")
        self.at = 0
        self.shared: dict[str, str] = {}
        self.shared_line: dict[str, int] = {}

    def read(self) -> Cable:
        parts: list[CablePart] = []
        declared = 0
        self.skip_blank()
        if self.at >= len(self.lines):
            raise CableFormatError("the cable is empty: no 'CABLE ... PART ...' line", line=1)
        while self.at < len(self.lines):
            part, index, total = self.read_part()
            if declared and total != declared:
                raise CableFormatError(
                    f"part {part.number} says it is one of {total}, an earlier part said "
                    f"{declared}",
                    line=self.head_line,
                )
            declared = total
            if index != len(parts) + 1:
                raise CableFormatError(
                    f"part {index} of {total} ({part.number}) where part {len(parts) + 1} "
                    "was expected: a part is missing or out of order",
                    line=self.head_line,
                )
            parts.append(part)
            self.skip_blank()
        if len(parts) != declared:
            raise CableFormatError(
                f"the cable has {len(parts)} of its {declared} parts: it is truncated",
                line=len(self.lines),
            )
        return self.build(tuple(parts))

    def skip_blank(self) -> None:
        while self.at < len(self.lines) and not self.lines[self.at].strip():
            self.at += 1

    def read_part(self) -> tuple[CablePart, int, int]:
        self.head_line = self.at + 1
        head = _HEAD.match(self.lines[self.at].strip())
        if not head:
            raise CableFormatError(
                f"expected 'CABLE <number> PART <n> OF <m>', got {self.lines[self.at]!r}",
                line=self.at + 1,
            )
        self.at += 1
        count: int | None = None
        count_line = 0
        while self.at < len(self.lines) and self.lines[self.at].strip():
            raw = self.lines[self.at].strip()
            label, sep, value = raw.partition(":")
            if not sep:
                break
            value = value.strip()
            if label == "GROUPS":
                if not value.isdigit():
                    raise CableFormatError(
                        f"GROUPS must be a number, got {value!r}", line=self.at + 1
                    )
                count, count_line = int(value), self.at + 1
            else:
                self.agree(label, value)
            self.at += 1
        if count is None:
            raise CableFormatError(
                f"part {head.group('number')} has no 'GROUPS:' check", line=self.head_line
            )
        groups: list[str] = []
        self.skip_blank()
        if self.lazy:
            first = self.at
            while self.at < len(self.lines) and self.lines[self.at].strip():
                if _HEAD.match(self.lines[self.at].strip()):
                    break
                self.at += 1
            self.blocks.append(("\n".join(self.lines[first : self.at]), count, first + 1))
            return (
                CablePart(head.group("number"), ()),
                int(head.group("part")),
                int(head.group("parts")),
            )
        while self.at < len(self.lines) and self.lines[self.at].strip():
            line = self.lines[self.at]
            if _HEAD.match(line.strip()):
                break
            for token in line.split():
                if not _GROUP_PATTERN.fullmatch(token):
                    raise CableFormatError(
                        f"part {head.group('number')}: {token!r} is not a five-figure group",
                        line=self.at + 1,
                        group=len(groups) + 1,
                    )
                groups.append(token)
            self.at += 1
        if len(groups) != count:
            raise CableFormatError(
                f"part {head.group('number')} has {len(groups)} groups but its check says "
                f"{count}: groups were lost or added",
                line=count_line,
            )
        part = CablePart(head.group("number"), tuple(groups))
        return part, int(head.group("part")), int(head.group("parts"))

    def agree(self, label: str, value: str) -> None:
        if label in self.shared and self.shared[label] != value:
            raise CableFormatError(
                f"{label} is {value!r} here but {self.shared[label]!r} on line "
                f"{self.shared_line[label]}: the parts disagree",
                line=self.at + 1,
            )
        self.shared[label] = value
        self.shared_line.setdefault(label, self.at + 1)

    def build(self, parts: tuple[CablePart, ...]) -> Cable:
        return Cable(
            parts=parts, preamble=Preamble.from_labels(self.shared, lines=self.shared_line)
        )


__all__ = [
    "Cable",
    "CablePart",
    "part_head",
    "split_cable",
]
