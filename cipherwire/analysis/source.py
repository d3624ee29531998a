"""What a file to count holds: cables, plain digit groups, or a text to encode.

:meth:`Source.read` tells cables (as ``cipherwire encode`` prints them; only the
enciphered groups are counted, the indicators in clear and garbled groups are left out)
from a file of digits; :meth:`Source.encode` gives the code stream of a telegram or a
plain text.  :mod:`cipherwire.analysis.frequency` counts what a source holds.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from cipherwire.cable.form import Cable
from cipherwire.cipher.batch import CableBatch
from cipherwire.codebook.book import Codebook
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUP, GROUPS_PER_PAGE
from cipherwire.errors import AnalysisError, ArrayTypeError, BatchError
from cipherwire.telegram.document import Telegram


class SourceKind(enum.Enum):
    """What a file analysed held."""

    CABLES = "cables"  # cables as `cipherwire encode` prints them: the enciphered groups
    DIGITS = "digits"  # digits in any layout, white space ignored
    CODE = "code"  # a telegram's text, encoded with a codebook


_HEAD = re.compile(r"^CABLE \S+ PART (\d+) OF \d+$")
_DIGIT_LINE = re.compile(r"[0-9\s]+")


@dataclass(frozen=True, eq=False)
class Source:
    """Digits to count, and what was left out to get them.

    ``messages`` holds one message per cable part (cables), or one in all.  For cables,
    ``indicators`` counts the groups left out because they stand in clear (each page's
    indicator) and ``garbled`` the groups left out because a figure is unreadable.
    """

    kind: SourceKind
    messages: MessageSet
    cables: int = 0
    indicators: int = 0
    garbled: int = 0
    codebook: str | None = None

    @classmethod
    def read(cls, text: str, *, groups_per_page: int = GROUPS_PER_PAGE) -> Source:
        """Read cables (the first line ``CABLE ... PART ...``) or a file of digits.

        Of each cable part only the enciphered groups are kept: the groups at positions
        1, ``groups_per_page + 1``, ... of a part are pad indicators in clear and are left
        out, and so are garbled groups (with a ``?``).  The closing groups are enciphered
        and kept.  Raises :class:`~cipherwire.errors.CableFormatError` (or
        :class:`~cipherwire.errors.BatchError`) for a malformed cable,
        :class:`ArrayValueError` for a character in a digit file that is not a digit or
        white space, and :class:`AnalysisError` for anything else.
        """
        if not isinstance(text, str):
            raise ArrayTypeError(f"text must be a str, not {type(text).__name__}")
        if isinstance(groups_per_page, bool) or not isinstance(groups_per_page, int):
            raise AnalysisError(f"groups_per_page must be an int, not {groups_per_page!r}")
        if groups_per_page < 2:
            raise AnalysisError(f"groups_per_page must be 2 or more, not {groups_per_page!r}")
        lines = text.splitlines()
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise AnalysisError("nothing to count: the text is empty")
        head = lines[first].strip()
        if head.startswith("CABLE "):
            return cls._cables(lines, first, groups_per_page)
        if _DIGIT_LINE.fullmatch(head):
            flat = MessageSet.from_text(text.replace("\t", " ").replace("\r", " ")).digits
            return cls(SourceKind.DIGITS, MessageSet.from_lengths(flat, [flat.size]))
        raise AnalysisError(
            f"line {first + 1}: expected a cable as `cipherwire encode` prints it (a first "
            f"line 'CABLE <number> PART <n> OF <m>') or digits in groups, not {head[:40]!r}: "
            "a telegram or a text must be encoded first"
        )

    @classmethod
    def _cables(cls, lines: list[str], first: int, groups_per_page: int) -> Source:
        starts = [first] + [
            i for i in range(first + 1, len(lines))
            if (m := _HEAD.match(lines[i].strip())) and m.group(1) == "1"
        ]  # fmt: skip
        chunks = [
            "\n".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)
        ]
        try:
            batch = CableBatch.from_texts(chunks)
        except BatchError as exc:  # read the bad one alone, to name the line in the file
            if exc.entry is not None and exc.entry.startswith("cable "):
                bad = int(exc.entry.removeprefix("cable ")) - 1
                Cable.from_text("\n" * starts[bad] + chunks[bad])
            raise
        parts = batch.groups
        grouped = parts.digits.reshape(-1, GROUP)
        counts = parts.lengths // GROUP
        within = np.arange(grouped.shape[0]) - np.repeat(parts.offsets[:-1] // GROUP, counts)
        indicator = within % groups_per_page == 0
        garbled = np.zeros(grouped.shape[0], dtype=bool)
        if batch.garbled is not None:
            garbled = batch.garbled.reshape(-1, GROUP).any(axis=1) & ~indicator
        keep = ~(indicator | garbled)
        owner = np.repeat(np.arange(len(parts)), counts)
        kept = np.bincount(owner[keep], minlength=len(parts)) * GROUP
        messages = MessageSet.from_lengths(np.ascontiguousarray(grouped[keep]).reshape(-1), kept)
        return cls(
            SourceKind.CABLES,
            messages,
            cables=len(batch),
            indicators=int(indicator.sum()),
            garbled=int(garbled.sum()),
        )

    @classmethod
    def encode(cls, text: str, codebook: Codebook) -> Source:
        """The code stream of a telegram (or plain text: a telegram without a header).

        The text as sent (:attr:`Telegram.body_as_sent`) is encoded with *codebook*.
        Raises :class:`AnalysisError` if *codebook* is not a :class:`Codebook`.
        """
        if not isinstance(codebook, Codebook):
            raise AnalysisError(f"codebook must be a Codebook, not {type(codebook).__name__}")
        digits = codebook.encode(Telegram.from_text(text).body_as_sent)
        return cls(
            SourceKind.CODE,
            MessageSet.from_lengths(digits, [digits.size]),
            codebook=codebook.name or "unnamed",
        )

    def describe(self) -> str:
        """One line: what was counted and what was left out."""
        n = self.messages.size
        if self.kind is SourceKind.CODE:
            return f"code stream: {n // 4:,} code groups of codebook {self.codebook!r}"
        if self.kind is SourceKind.DIGITS:
            return f"digit file: {n:,} digits"
        return (
            f"{self.cables:,} cable(s), {len(self.messages):,} part(s): {n // 5:,} enciphered "
            f"groups counted; left out: {self.indicators:,} indicator(s) in clear, "
            f"{self.garbled:,} garbled group(s)"
        )

    def to_json(self) -> dict[str, Any]:
        """What was counted, as a JSON-ready dict."""
        out: dict[str, Any] = {"kind": self.kind.value, "digits": self.messages.size}
        if self.kind is SourceKind.CABLES:
            out |= {
                "cables": self.cables,
                "parts": len(self.messages),
                "indicators_left_out": self.indicators,
                "garbled_groups_left_out": self.garbled,
            }
        if self.kind is SourceKind.CODE:
            out |= {"codebook": self.codebook, "code_groups": self.messages.size // 4}
        return out


__all__ = ["Source", "SourceKind"]
