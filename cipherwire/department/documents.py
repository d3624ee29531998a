"""A run's documents, made in bulk: every telegram encoded, enciphered, timed on the wire
and deciphered at the far end, with the pages a clerk would have taken.

:class:`Documents` does to every telegram of a run what
:class:`~cipherwire.department.paperwork.Paperwork` does to one, with the same cables, in
array passes at four moments: as the telegrams arrive, a slice of :data:`SLICE` at a time
is encoded, laid out and timed (:meth:`Documents.prepare`); when a clerk starts one, it is
handed the pages :meth:`PadBook.issue <cipherwire.pad.book.PadBook.issue>` would give then
(:meth:`Documents.start`); when it goes on the line, its sending time is what
:meth:`Line.seconds <cipherwire.wire.line.Line.seconds>` gives for the printed cable
(:meth:`Documents.sending_minutes`); and in batches the ledger is written and the cables
are enciphered, printed and deciphered with the receiver's pages (:meth:`Documents.settle`).
docs/performance.md (the department simulation) tells how.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable.form import part_head
from cipherwire.cable.parts import Plan, as_groups, encipher_parts, plan
from cipherwire.cable.preamble import Preamble
from cipherwire.cipher.clerk import preamble_for
from cipherwire.codebook.book import Codebook
from cipherwire.core.messages import MessageSet, ranges
from cipherwire.core.sizes import CODE, GROUP
from cipherwire.department.pages import Allotment, PadClerk
from cipherwire.department.paperwork import PadSupply, as_filed
from cipherwire.department.reading import reads
from cipherwire.department.timing import Timing
from cipherwire.errors import WorkloadError
from cipherwire.pad.page import IssuedPages
from cipherwire.telegram.document import Telegram
from cipherwire.wire.line import Line

#: The origin a cable's preamble gives when the telegram names none.
ORIGIN = "MOSCOW"
#: Telegrams made ready at a time (encoded, laid out and timed together), and in the
#: first slice of a run.
SLICE = 4096
FIRST_SLICE = 256


class Paper(NamedTuple):
    """A telegram's finished documents: its cable as printed, its size, its pad volume,
    whether it deciphered at the far end to the text sent, and its parts' numbers."""

    code_groups: int
    cable_groups: int
    volume: str
    decoded: bool
    cable: str
    parts: tuple[str, ...]


class Documents:
    """The documents of every telegram of a run: ``telegrams[i]`` goes to the pads of
    ``destinations[i]`` and on ``lines[i]``; see the module docstring.  Telegrams are
    numbered from 0 in the order given."""

    def __init__(
        self,
        telegrams: Sequence[Telegram],
        destinations: Sequence[str],
        lines: Sequence[Line],
        *,
        codebook: Codebook,
        pads: PadSupply,
    ) -> None:
        if not len(telegrams) == len(destinations) == len(lines):
            raise WorkloadError(
                f"{len(telegrams)} telegrams but {len(destinations)} destinations and "
                f"{len(lines)} lines: give one of each for every telegram"
            )
        self._telegrams, self._destinations = list(telegrams), list(destinations)
        self._lines = list(lines)
        self._codebook = codebook
        self._clerk = PadClerk(pads)
        self._timings: dict[int, Timing] = {}  # by the line object
        self._plans: list[Plan] = []  # one a slice
        self._slice_of: list[int] = []  # each telegram's slice, and its place in it
        self._local: list[int] = []
        self._ready = 0  # telegrams made ready
        # each telegram's, as it is made ready
        self._code_groups: list[int] = []
        self._pages: list[int] = []
        self._groups_sent: list[int] = []
        self._parts: list[tuple[str, ...]] = []
        self._shared: list[str] = []  # the cable preamble every part repeats, but the pad
        self._fixed: list[int] = []
        self._timing: list[Timing] = []
        self._allotted: dict[int, Allotment] = {}
        self._papers: dict[int, Paper] = {}

    def __len__(self) -> int:
        """The number of telegrams."""
        return len(self._telegrams)

    @property
    def pads(self) -> PadSupply:
        """Where the pages come from."""
        return self._clerk.supply

    def prepare(self, upto: int) -> None:
        """Make ready every telegram before number ``upto``, a slice at a time: encode,
        lay out and time them (raises what the codebook and the wire model raise)."""
        while self._ready < min(upto, len(self)):
            size = SLICE if self._ready else min(FIRST_SLICE, SLICE)
            self._prepare_slice(self._ready, min(self._ready + size, len(self)))

    def code_groups(self, telegram: int) -> int:
        """How many code groups ``telegram`` encodes to (once made ready)."""
        return self._code_groups[telegram]

    def start(self, telegram: int) -> None:
        """A clerk starts enciphering ``telegram``: hand it its pad pages."""
        labels = self._plans[self._slice_of[telegram]].labels
        self._allotted[telegram] = self._clerk.allot(
            telegram,
            self._destinations[telegram],
            self._pages[telegram],
            to=labels[self._local[telegram]],
        )

    def sending_minutes(self, telegram: int) -> float:
        """How long ``telegram``'s cable takes on its line, in minutes (once it has its
        pages): what :meth:`Line.seconds <cipherwire.wire.line.Line.seconds>` gives for it.
        Asked once a telegram: its allotment is not kept after."""
        allotment = self._allotted.pop(telegram)
        timing = self._timing[telegram]
        pad = timing.pad_line(self._clerk.seed(allotment.volume))
        count = self._fixed[telegram] + len(self._parts[telegram]) * pad
        figures = timing.figure_units
        if figures is not None:  # Morse: the figures of the groups count
            count += self._figure_units(telegram, allotment, figures)
        return timing.seconds(count) / 60.0

    def settle(self, *, background: bool = False) -> None:
        """Issue every page handed out so far and finish those telegrams' documents.

        With ``background``, on a thread of their own while the caller goes on (the
        ledger is written by SQLite without the GIL): the call returns at once, and the
        next :meth:`settle` or :meth:`wait` waits for them and raises what they raised.
        Either way the documents settled before are finished first.
        """
        self._clerk.issue(self._finish, background=background)

    def wait(self) -> None:
        """Wait for documents being finished in the background, if they are (see
        :meth:`settle`)."""
        self._clerk.wait()

    def paper(self, telegram: int) -> Paper:
        """The finished documents of ``telegram`` (after :meth:`settle`), handed over
        once: the documents keep no copy (a year's run holds a hundred thousand, and the
        fewer objects a run keeps, the less the garbage collector has to look through)."""
        return self._papers.pop(telegram)

    def close(self) -> None:
        """Close the pad books (once the ledger being written, if it is, is written: what
        that raised is not raised again here, as :meth:`wait` would)."""
        try:
            with contextlib.suppress(Exception):  # closing after a failure, told already
                self._clerk.wait()
        finally:
            self._clerk.supply.close()

    # --- making ready ----------------------------------------------------------------

    def _prepare_slice(self, first: int, last: int) -> None:
        filed = [as_filed(t) for t in self._telegrams[first:last]]
        code = self._codebook.encode_many([t.body_as_sent for t in filed])
        laid = plan(filed, code, groups_per_page=self._clerk.supply.groups_per_page)
        self._slice_of += [len(self._plans)] * (last - first)
        self._local += range(last - first)
        self._plans.append(laid)
        heads = laid.part_offsets.tolist()
        sent = laid.plain.lengths // GROUP + laid.pages  # the groups each part sends
        self._code_groups += (code.lengths // CODE).tolist()
        self._pages += laid.pages_per_telegram().tolist()
        self._groups_sent += np.add.reduceat(sent, laid.part_offsets[:-1]).tolist()
        self._parts += [laid.numbers[heads[i] : heads[i + 1]] for i in range(last - first)]
        shared = [preamble_for(t, self._codebook, None, origin=ORIGIN).to_text() for t in filed]
        self._shared += shared
        fixed = np.zeros(last - first, dtype=np.int64)
        on: dict[int, list[int]] = {}  # by the line object: its telegrams in this slice
        for i, line in enumerate(self._lines[first:last]):
            if id(line) not in self._timings:
                self._timings[id(line)] = Timing.of(line)
            on.setdefault(id(line), []).append(i)
            self._timing.append(self._timings[id(line)])
        for key, telegrams_on in on.items():
            mine = np.array(telegrams_on, dtype=np.int64)
            counts = np.diff(laid.part_offsets)[mine]
            parts = ranges(laid.part_offsets[mine], counts)
            offsets = np.zeros(mine.size + 1, dtype=np.int64)
            np.cumsum(counts, out=offsets[1:])
            fixed[mine] = self._timings[key].fixed_counts(
                [shared[i] for i in telegrams_on],
                [laid.numbers[p] for p in parts.tolist()],
                sent[parts],
                offsets,
            )
        self._fixed += fixed.tolist()
        self._ready = last

    # --- the documents ---------------------------------------------------------------

    def _figure_units(self, telegram: int, allotment: Allotment, units: NDArray[np.int64]) -> int:
        """The Morse units of the figures of ``telegram``'s groups as sent (``units`` of
        each figure), from its pages read unissued: each part's pages' indicators, and its
        plaintext plus the key of its pages, page after page (:func:`cipherwire.cable.parts.
        encipher_parts`)."""
        laid, local = self._plans[self._slice_of[telegram]], self._local[telegram]
        lo, hi = laid.part_offsets[local : local + 2].tolist()
        sheets = self._clerk.digits(allotment)
        total, at = 0, 0
        for part in range(lo, hi):
            plain = laid.plain[part]
            pages = sheets[at : at + int(laid.pages[part])]
            at += pages.shape[0]
            key = pages[:, GROUP:].reshape(-1)[: plain.size]
            total += int(units[pages[:, :GROUP]].sum()) + int(units[(plain + key) % 10].sum())
        return total

    def _gather(
        self, telegrams: list[int]
    ) -> tuple[MessageSet, NDArray[np.int64], NDArray[np.int64]]:
        """The plaintext of the parts of ``telegrams``, in this order, the pages each part
        takes, and the part offsets of each telegram among them."""
        chosen = np.array(telegrams, dtype=np.int64)
        counts = np.fromiter((len(self._parts[t]) for t in telegrams), np.int64, chosen.size)
        offsets = np.zeros(chosen.size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        lengths = np.empty(int(offsets[-1]), dtype=np.int64)
        pages = np.empty(int(offsets[-1]), dtype=np.int64)
        slices = np.fromiter((self._slice_of[t] for t in telegrams), np.int64, chosen.size)
        local = np.fromiter((self._local[t] for t in telegrams), np.int64, chosen.size)
        picks = []
        for s in np.unique(slices).tolist():  # where each slice's parts go, and their sizes
            mask = slices == s
            laid = self._plans[s]
            mine = ranges(laid.part_offsets[local[mask]], counts[mask])
            places = ranges(offsets[:-1][mask], counts[mask])
            lengths[places] = laid.plain.lengths[mine]
            pages[places] = laid.pages[mine]
            picks.append((laid, mine, places))
        starts = np.zeros(lengths.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        digits = np.empty(int(starts[-1]), dtype=np.uint8)
        groups = as_groups(digits)  # a view: the groups are moved whole
        for laid, mine, places in picks:
            size = lengths[places] // GROUP
            source = as_groups(laid.plain.digits)
            groups[ranges(starts[places] // GROUP, size)] = source[
                ranges(laid.plain.offsets[mine] // GROUP, size)
            ]
        plain = MessageSet.from_arrays(digits, starts, copy=False)
        return plain, pages, offsets

    def _finish(self, volume: str, telegrams: list[int], pages: IssuedPages) -> None:
        """Encipher, print and decipher the cables of ``telegrams``, which were issued
        ``pages`` of ``volume`` in this order."""
        plain, per_part, offsets = self._gather(telegrams)
        sent = encipher_parts(plain, pages.digits, per_part)
        texts = self._print(telegrams, sent, offsets, pages.classroom_seed)
        good = reads(sent, plain, pages, offsets).tolist()
        for k, telegram in enumerate(telegrams):
            self._papers[telegram] = Paper(
                code_groups=self._code_groups[telegram],
                cable_groups=self._groups_sent[telegram],
                volume=volume,
                decoded=good[k],
                cable=texts[k],
                parts=self._parts[telegram],
            )

    def _print(
        self,
        telegrams: list[int],
        sent: MessageSet,
        offsets: NDArray[np.int64],
        seed: int | None,
    ) -> list[str]:
        """Each cable as :meth:`Cable.to_text <cipherwire.cable.form.Cable.to_text>` prints it,
        laid out as :meth:`CableBatch.to_texts <cipherwire.cipher.batch.CableBatch.to_texts>` does,
        with the preambles made beforehand and the pad's line added to them."""
        text, at = sent.printed_groups()
        bounds = at.tolist()
        counts = (sent.lengths // GROUP).tolist()
        pad = Preamble(classroom_seed=seed).to_text()  # the PAD line comes last
        heads = offsets.tolist()
        out = []
        for k, telegram in enumerate(telegrams):
            shared, numbers = self._shared[telegram] + pad, self._parts[telegram]
            first, total = heads[k], len(numbers)
            out.append(
                "\n".join(
                    f"{part_head(number, j + 1, total)}{shared}GROUPS: {counts[first + j]}"
                    f"\n\n{text[bounds[first + j] : bounds[first + j + 1]]}"
                    for j, number in enumerate(numbers)
                )
            )
        return out


__all__ = ["FIRST_SLICE", "ORIGIN", "SLICE", "Documents", "Paper"]
