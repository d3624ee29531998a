"""How long the department's cables take on the wire, for thousands of cables at once.

:meth:`Timing.count` gives the Morse units or ITA2 codes of many texts in a few NumPy
passes, the counts :meth:`Line.seconds <cipherwire.wire.line.Line.seconds>` makes a
character at a time, and :meth:`Timing.seconds` turns a count into exactly the seconds it
gives; a text the fast tables do not cover (a procedure sign, a letter outside ASCII) is
counted by the wire module itself, which also raises its
:class:`~cipherwire.errors.WireError`.  The counts add up over the pieces of a cable, so
that a run times a cable before its pad pages are chosen (:meth:`Timing.fixed_counts`);
docs/performance.md (the department simulation) tells why.

>>> from cipherwire.wire.line import Line
>>> timing = Timing.of(Line())
>>> text = "CABLE 1691 PART 1 OF 2\\nGROUPS: 3\\n\\n58203 01946 77777\\n"
>>> timing.seconds(int(timing.count([text])[0])) == Line().seconds(text)
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable.form import Cable, CablePart, part_head
from cipherwire.cable.preamble import Preamble
from cipherwire.core.sizes import GROUPS_PER_LINE
from cipherwire.wire import ita2, morse
from cipherwire.wire.line import Line, Telegraphy

#: Units of the PARIS standard word, its word space included (what ``wpm`` counts).
_PARIS = 50
_WHITE = np.zeros(256, dtype=bool)
_WHITE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True  # what str.split() splits ASCII on
_MISSING = 255
_SLICE = 8192  # texts counted at a time


def _morse_marks() -> NDArray[np.int64]:
    """Units of each ASCII character without the gap after it (elements and the one-unit
    gaps between them); 0 for white space, -1 for what the table does not cover."""
    marks = np.full(256, -1, dtype=np.int64)
    for name, code in morse.CODES.items():
        if len(name) == 1:
            value = sum(1 if e == "." else 3 for e in code) + len(code) - 1
            marks[ord(name)] = value
            if name.isalpha():
                marks[ord(name.lower())] = value
    marks[_WHITE] = 0
    marks[ord("<")] = -1  # a procedure sign: the wire module reads those
    return marks


def _ita2_sides() -> NDArray[np.uint8]:
    """The case of each ASCII character on ITA2: 0 either, 1 letters, 2 figures, 255 not
    carried."""
    sides = np.full(256, _MISSING, dtype=np.uint8)
    for letter, figure in zip(ita2.LETTERS, ita2.FIGURES, strict=True):
        for char, case in ((letter, 1), (figure, 2)):
            if char is not None:
                sides[ord(char)] = 0 if letter == figure else case
                if char.isalpha():
                    sides[ord(char.lower())] = case
    return sides


_MARKS = _morse_marks()
_SIDES = _ita2_sides()


def _joined(texts: Sequence[str]) -> tuple[NDArray[np.uint8], NDArray[np.int64], list[int]]:
    """The texts as one byte array, each after an ``A`` and before a newline, where each
    text starts (after its ``A``) and ends, ``(m + 1,)``, and which are not ASCII (left out
    and counted by the wire module).  The ``A`` puts every text in the letters case and in
    a word of its own, as if it were sent alone; it is not counted."""
    odd = [i for i, text in enumerate(texts) if not text.isascii()]
    if odd:
        texts = [text if text.isascii() else "" for text in texts]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 2
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    raw = np.frombuffer(("A" + "\nA".join(texts) + "\n").encode("ascii"), dtype=np.uint8)
    return raw, bounds, odd


def _totals(per_byte: NDArray[np.int64], bounds: NDArray[np.int64]) -> NDArray[np.int64]:
    """Sum ``per_byte`` over each text: from after its ``A`` to before its newline."""
    running = np.zeros(per_byte.size + 1, dtype=np.int64)
    np.cumsum(per_byte, out=running[1:])
    totals: NDArray[np.int64] = running[bounds[1:] - 1] - running[bounds[:-1] + 1]
    return totals


def _in_slices(
    counter: Callable[[Sequence[str]], NDArray[np.int64]], texts: Sequence[str]
) -> NDArray[np.int64]:
    """Apply a counter to the texts a slice at a time (its arrays stay in the caches)."""
    pieces = [counter(texts[i : i + _SLICE]) for i in range(0, len(texts), _SLICE)]
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)


def morse_units(texts: Sequence[str]) -> NDArray[np.int64]:
    """Each text's length in Morse units as :meth:`Line.seconds` counts it (white space
    runs are word spaces, the last word has its word space): ``int64``, shape ``(m,)``.

    The same as ``morse.units(" ".join(text.split()))`` for each text.
    """
    return _in_slices(_morse_units, texts)


def _morse_units(texts: Sequence[str]) -> NDArray[np.int64]:
    raw, bounds, odd = _joined(texts)
    marks = _MARKS[raw]
    sent = ~_WHITE[raw]
    last = np.empty_like(sent)  # a character that ends a word
    last[:-1] = sent[:-1] & ~sent[1:]
    last[-1] = sent[-1]
    units = np.where(sent, marks + np.where(last, 7, 3), 0)
    totals = _totals(units, bounds)
    bad = np.add.reduceat((marks < 0).astype(np.int64), bounds[:-1]) > 0
    for i in sorted(set(odd) | set(np.flatnonzero(bad).tolist())):
        totals[i] = morse.units(" ".join(texts[i].split()))
    return totals


def ita2_codes(texts: Sequence[str]) -> NDArray[np.int64]:
    """How many ITA2 codes each text takes on a teleprinter, shifts and CR LF included:
    ``int64``, shape ``(m,)``; the same as ``ita2.encode(text).size`` for each text."""
    return _in_slices(_ita2_codes, texts)


def _ita2_codes(texts: Sequence[str]) -> NDArray[np.int64]:
    raw, bounds, odd = _joined(texts)
    sides = _SIDES[raw]
    codes = (raw == 10).astype(np.int64) + 1  # a newline is CR LF
    cased = np.flatnonzero((sides == 1) | (sides == 2))
    case = sides[cased]
    codes[cased[1:][case[1:] != case[:-1]]] += 1  # a shift where the case changes
    totals = _totals(codes, bounds)
    bad = np.add.reduceat((sides == _MISSING).astype(np.int64), bounds[:-1]) > 0
    for i in sorted(set(odd) | set(np.flatnonzero(bad).tolist())):
        totals[i] = ita2.encode(texts[i]).size
    return totals


@dataclass(frozen=True)
class Timing:
    """How one line counts a cable (Morse units or ITA2 codes) and how long a count takes;
    make it with :meth:`of`."""

    line: Line
    morse: bool = field(init=False)
    #: Morse: the units of each figure 0-9 without the gap after it (``int64``, ``(10,)``,
    #: read-only); None on a teleprinter, where every figure is one code.
    figure_units: NDArray[np.int64] | None = field(init=False, repr=False, compare=False)
    _unit: Fraction = field(init=False, repr=False)

    def __post_init__(self) -> None:
        morse_line = self.line.via is Telegraphy.MORSE
        object.__setattr__(self, "morse", morse_line)
        figures = _MARKS[ord("0") : ord("9") + 1].copy() if morse_line else None
        if figures is not None:
            figures.setflags(write=False)
        object.__setattr__(self, "figure_units", figures)
        # morse.duration's unit for the PARIS standard, in exact fractions
        object.__setattr__(self, "_unit", Fraction(60) / (_PARIS * Fraction(self.line.wpm)))

    @classmethod
    def of(cls, line: Line) -> Timing:
        """The timing of ``line`` (Morse or teleprinter, at its speed)."""
        return cls(line)

    def count(self, texts: Sequence[str]) -> NDArray[np.int64]:
        """Each text's Morse units or ITA2 codes, as :meth:`Line.seconds` counts them."""
        return morse_units(texts) if self.morse else ita2_codes(texts)

    def seconds(self, count: int) -> float:
        """The seconds :meth:`Line.seconds` gives for a text of ``count`` units or codes."""
        if self.morse:  # as morse.duration: exact fractions, rounded once
            return float(count * self._unit)
        return count * (6 + ita2.STOP_BITS) / self.line.baud  # as ita2.duration

    def fixed_counts(
        self,
        shared: Sequence[str],
        numbers: Sequence[str],
        groups: NDArray[np.int64],
        part_offsets: NDArray[np.int64],
    ) -> NDArray[np.int64]:
        """The count of each cable but for its pad and its figures: ``int64``, ``(m,)``.

        Cable ``i`` has the shared preamble ``shared[i]`` (no ``PAD:`` line) and parts
        ``part_offsets[i]:part_offsets[i + 1]``, numbered ``numbers`` with ``groups``
        groups each.  Its full count is this, plus :meth:`pad_line` for each part, plus
        (Morse) :attr:`figure_units` of every figure of its groups.  Each cable is
        printed as :meth:`Cable.to_text <cipherwire.cable.form.Cable.to_text>` prints it but
        with one group ``00000`` a part, counted, and the other groups added back: on Morse
        each group adds 19 units of gaps besides its figures' marks, and on a teleprinter
        a group block goes in the figures case from end to end, so only the number of
        groups counts.
        """
        parts = np.diff(part_offsets).tolist()
        heads = part_offsets.tolist()
        counts = groups.tolist()
        texts = []
        for i, preamble in enumerate(shared):  # each group block as one group "00000"
            first, total = heads[i], parts[i]
            texts.append(
                "\n\n".join(
                    f"{part_head(numbers[p], p - first + 1, total)}{preamble}"
                    f"GROUPS: {counts[p]}\n\n00000"
                    for p in range(first, first + total)
                )
                + "\n"
            )
        skeleton = self.count(texts)
        per_cable = np.add.reduceat(groups, part_offsets[:-1]) if len(shared) else groups[:0]
        if self.morse:  # each group a word: 19 units of gaps besides its figures' marks
            zeros = 5 * int(_MARKS[ord("0")]) + 19
            fixed: NDArray[np.int64] = skeleton - zeros * np.diff(part_offsets) + 19 * per_cable
            return fixed
        # ITA2: g groups in L lines send 6g + L - 2 codes; the skeleton's one group sends 5
        lines = -(-groups // GROUPS_PER_LINE)
        extra = 6 * (groups - 1) + (lines - 1)
        return skeleton + (np.add.reduceat(extra, part_offsets[:-1]) if len(shared) else 0)

    def pad_line(self, seed: int | None) -> int:
        """What the ``PAD: CLASSROOM PAD ...`` line of a classroom pad with ``seed`` adds
        to each part of a cable (0 for a book that is not a classroom book)."""
        return 0 if seed is None else _pad_line(self.line.via, seed)


@functools.lru_cache(maxsize=256)
def _pad_line(via: Telegraphy, seed: int) -> int:
    """The PAD line's count: the difference it makes to a one-part cable, counted by the
    wire module itself."""
    part = CablePart("1-1", ("00000", "00000", "00000"))
    texts = [
        Cable(parts=(part,), preamble=Preamble(codebook="x", classroom_seed=s)).to_text()
        for s in (seed, None)
    ]
    if via is Telegraphy.MORSE:
        with_pad, without = (morse.units(" ".join(text.split())) for text in texts)
    else:
        with_pad, without = (ita2.encode(text).size for text in texts)
    return with_pad - without


__all__ = ["Timing", "ita2_codes", "morse_units"]
