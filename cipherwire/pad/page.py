"""A page of a one-time pad: :class:`PadPage`, and :class:`IssuedPages`, a bulk issue's pages.

A page holds five-figure groups (60 on the wartime Soviet pads).  The first, top left, is
the page's **indicator**: it goes in clear in front of the message so that the receiver,
who holds an identical copy of the pad, can find the page; it is never used as key.  The
other groups are the key (the additive).  docs/explanation/one-time-pads.md explains the pad.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cipherwire.core import digits_to_text
from cipherwire.core.sizes import GROUP, GROUPS_PER_LINE
from cipherwire.errors import PadBookError


@dataclass(frozen=True, eq=False)
class PadPage:
    """One page of a pad: its number and its digits, the indicator group first.

    ``digits`` is kept as a read-only copy (``uint8``, shape ``(groups * 5,)``).  Pages
    compare equal when number, digits and classroom label agree.
    """

    number: int
    digits: NDArray[np.uint8]
    classroom_seed: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or isinstance(self.number, bool) or self.number < 1:
            raise PadBookError(f"a page number is an int from 1 up, not {self.number!r}")
        if not isinstance(self.digits, np.ndarray) or self.digits.dtype != np.uint8:
            raise TypeError("page digits must be a numpy.ndarray of dtype uint8")
        digits = self.digits.copy()
        if digits.ndim != 1 or digits.size < 2 * GROUP or digits.size % GROUP:
            raise PadBookError(
                f"page {self.number}: {digits.size} digits do not make two or more "
                f"five-figure groups"
            )
        if (digits > 9).any():
            raise PadBookError(f"page {self.number}: digits must be 0-9")
        digits.setflags(write=False)
        object.__setattr__(self, "digits", digits)

    @property
    def indicator(self) -> str:
        """The first group, sent in clear to name the page (never used as key)."""
        return digits_to_text(self.digits[:GROUP])

    @property
    def key(self) -> NDArray[np.uint8]:
        """The additive: every digit after the indicator (read-only, ``uint8``)."""
        return self.digits[GROUP:]

    @property
    def groups(self) -> tuple[str, ...]:
        """All the page's five-figure groups as text, the indicator first."""
        text = digits_to_text(self.digits)
        return tuple(text[i : i + GROUP] for i in range(0, len(text), GROUP))

    def to_text(self) -> str:
        """Render the page as a printed pad sheet: a heading, then ten groups a line.

        A classroom (seeded) page says so in its heading.  No trailing newline.
        """
        heading = f"PAGE {self.number}"
        if self.classroom_seed is not None:
            heading += f"  CLASSROOM PAD — NOT SECURE (seed {self.classroom_seed})"
        groups = self.groups
        lines = [
            " ".join(groups[i : i + GROUPS_PER_LINE])
            for i in range(0, len(groups), GROUPS_PER_LINE)
        ]
        return "\n".join([heading, *lines])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PadPage):
            return NotImplemented
        return (
            self.number == other.number
            and self.classroom_seed == other.classroom_seed
            and np.array_equal(self.digits, other.digits)
        )

    def __hash__(self) -> int:
        return hash((self.number, self.classroom_seed, self.digits.tobytes()))

    def __repr__(self) -> str:
        seed = "" if self.classroom_seed is None else f" classroom_seed={self.classroom_seed}"
        return (
            f"<PadPage number={self.number} indicator={self.indicator!r} "
            f"groups={self.digits.size // GROUP}{seed}>"
        )


@dataclass(frozen=True, eq=False)
class IssuedPages:
    """Pages issued in one transaction to several messages, as arrays (no page objects).

    ``numbers`` (``int64``, shape ``(p,)``) and ``digits`` (``uint8``, shape
    ``(p, groups_per_page * 5)``, read-only, the indicator first on each row) are in
    issue order; message ``i`` got pages ``offsets[i]:offsets[i + 1]`` (``int64``,
    shape ``(m + 1,)``).  Made by
    :meth:`PadBook.issue_many <cipherwire.pad.book.PadBook.issue_many>`.
    """

    numbers: NDArray[np.int64]
    digits: NDArray[np.uint8]
    offsets: NDArray[np.int64]
    classroom_seed: int | None = None

    def __post_init__(self) -> None:
        for array in (self.numbers, self.digits, self.offsets):
            array.setflags(write=False)

    def __len__(self) -> int:
        """The number of pages."""
        return int(self.numbers.size)

    @property
    def indicators(self) -> NDArray[np.uint8]:
        """Each page's indicator digits, ``(p, 5)``."""
        return self.digits[:, :GROUP]

    @property
    def keys(self) -> NDArray[np.uint8]:
        """Each page's key digits (after the indicator), ``(p, (groups_per_page - 1) * 5)``."""
        return self.digits[:, GROUP:]

    def pages(self, message: int) -> tuple[PadPage, ...]:
        """The pages message *message* got, as :class:`PadPage` objects."""
        lo, hi = int(self.offsets[message]), int(self.offsets[message + 1])
        return tuple(
            PadPage(int(self.numbers[i]), self.digits[i], classroom_seed=self.classroom_seed)
            for i in range(lo, hi)
        )


__all__ = ["IssuedPages", "PadPage"]
