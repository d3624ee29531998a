"""What the reader knows of a message's plaintext before reading a depth: the layouts a
cable part of a given length can have (:func:`plains`, :class:`Plain`: code digits, filler,
end group, check group), the check groups the preambles give away (:func:`check_groups`)
and the cribs a user adds (:class:`Crib`, :func:`with_cribs`).  The layout is explained in
docs/explanation/depths.md ("What the reader knows").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable.parts import check_group
from cipherwire.cipher.batch import CableBatch
from cipherwire.codebook.book import Codebook
from cipherwire.core.sizes import CLOSING, CODE, GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError

_CHECK = re.compile(r"[0-9]{5}")
_CRIB = re.compile(r"^(?P<text>.+)@(?P<message>[0-9]+):(?P<group>[0-9]+)$", re.DOTALL)


@dataclass(frozen=True, eq=False)
class Plain:
    """What the reader knows of one message's plaintext (code digits, filler, closing).

    ``code_digits`` is the length of the code (whole four-figure groups); ``known``
    (``int8``, shape ``(text_groups * 5 + 10,)``) holds each plaintext digit where it is
    known (filler zeros, the end group, the check group when given, cribs) and -1 where
    it is not.
    """

    text_groups: int
    code_digits: int
    known: NDArray[np.int8]


def plains(group_count: int, check: str | None) -> list[Plain]:
    """The plaintext layouts a part of ``group_count`` groups as sent can have.

    The text groups are ``group_count`` less the indicators and the two closing groups;
    the filler count ``F`` follows from ``5 n - F`` being whole code groups, but for
    ``n`` a multiple of 4, ``F`` may be 0 or 4: then there are two layouts.  Empty when
    the count fits no layout.  Raises :class:`~cipherwire.errors.AnalysisError` for a
    ``check`` that is not five figures.
    """
    if check is not None and not (isinstance(check, str) and _CHECK.fullmatch(check)):
        raise AnalysisError(f"a check group is five figures 0-9, not {check!r}")
    pages = -(-group_count // GROUPS_PER_PAGE)
    n = group_count - pages - CLOSING
    if n < 0 or group_count < 1 or -(-(n + CLOSING) // (GROUPS_PER_PAGE - 1)) != pages:
        return []
    out = []
    fillers = [n % CODE] + ([CODE] if n % CODE == 0 and n > 0 else [])
    for filler in fillers:
        known = np.full(GROUP * (n + CLOSING), -1, dtype=np.int8)
        code = GROUP * n - filler
        known[code : GROUP * n] = 0
        known[GROUP * n : GROUP * n + GROUP] = (0, 0, 0, 0, filler)
        if check is not None:
            known[GROUP * (n + 1) :] = [int(c) for c in check]
        out.append(Plain(n, code, known))
    return out


def text_digit(at: int) -> int:
    """The plaintext digit where cable group ``at`` (as sent, indicators counted) begins."""
    return GROUP * (at - at // GROUPS_PER_PAGE - 1)


@dataclass(frozen=True)
class Crib:
    """Known plaintext: ``text`` encoded with the codebook stands from code group ``group``
    (from 1, as :meth:`Reading.to_text` numbers them) of message ``message``."""

    text: str
    message: int
    group: int

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise AnalysisError(f"a crib needs some text, not {self.text!r}")
        for name in ("message", "group"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise AnalysisError(f"a crib's {name} is a whole number, not {value!r}")
        if self.group < 1:
            raise AnalysisError(f"code groups are numbered from 1, not {self.group!r}")

    @classmethod
    def from_text(cls, text: str) -> Crib:
        """Read ``TEXT@MESSAGE:GROUP``, e.g. ``THE FOLLOWING@12:40``."""
        match = _CRIB.match(text.strip())
        if match is None:
            raise AnalysisError(f"a crib is TEXT@MESSAGE:GROUP (e.g. THE@12:40), not {text!r}")
        return cls(match["text"].strip(), int(match["message"]), int(match["group"]))

    def to_text(self) -> str:
        """The form :meth:`from_text` reads."""
        return f"{self.text}@{self.message}:{self.group}"


def check_groups(texts: Sequence[str]) -> tuple[str, ...]:
    """The check group of every part of every cable (``SSSDD``: part number and day filed,
    from the preamble in clear), in the order of :meth:`Intercepts.from_texts`."""
    batch = CableBatch.from_texts(texts)
    out: list[str] = []
    for i, preamble in enumerate(batch.preambles):
        filed = preamble.filed
        day = filed.day if filed is not None else 0
        for p in range(int(batch.part_offsets[i]), int(batch.part_offsets[i + 1])):
            out.append(check_group(batch.numbers[p], day))
    return tuple(out)


def with_cribs(
    found: list[Plain], cribs: list[Crib], codebook: Codebook, start: int, size: int
) -> list[Plain]:
    """The layouts with the cribs' figures known (those the cribs fit); the stretch is
    ``size`` figures from text figure ``start``."""
    groups = max(p.code_digits for p in found) // CODE
    shown = f"{start // CODE + 1}-{min((start + size - 1) // CODE + 1, groups)}"
    spans = []
    for crib in cribs:
        digits = codebook.encode(crib.text).astype(np.int8)
        first = CODE * (crib.group - 1)
        last = first + digits.size
        if last > CODE * groups:
            raise AnalysisError(
                f"crib {crib.to_text()!r}: message {crib.message} has only {groups} code groups"
            )
        if last <= start or first >= min(start + size, CODE * groups):
            raise AnalysisError(
                f"crib {crib.to_text()!r} lies outside the depth (code groups {shown} of "
                f"message {crib.message})"
            )
        spans.append((crib, first, last, digits))
    out = []
    for plain in found:
        if any(last > plain.code_digits for _, _, last, _ in spans):
            continue  # this layout's code is too short for the cribs
        known = plain.known.copy()
        for crib, first, last, digits in spans:
            here = known[first:last]
            if ((here >= 0) & (here != digits)).any():
                raise AnalysisError(
                    f"crib {crib.to_text()!r} contradicts another crib of message {crib.message}"
                )
            known[first:last] = digits
        out.append(Plain(plain.text_groups, plain.code_digits, known))
    return out


__all__ = ["Crib", "Plain", "check_groups", "plains", "text_digit", "with_cribs"]
