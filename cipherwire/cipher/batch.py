"""Many telegrams enciphered at once, exactly as one by one: a day's (or a year's) traffic.

:func:`encipher_batch` gives the cables :func:`cipherwire.cipher.clerk.encipher` would make
of the telegrams one after the other, with the same pad pages: the texts are encoded and
laid out together (:mod:`cipherwire.cable.parts`), their pages issued in one transaction
and the key added in one kernel call.  A :class:`CableBatch` prints every cable in one
pass over all the groups, and :func:`decipher_batch` reads a batch back.  Only string work
stays a Python loop over the telegrams: each text as sent, its part numbers, ledger label
and preamble.  docs/how-to/large-message-sets.md shows the batch at work.

>>> import pathlib, shutil, tempfile
>>> from cipherwire import Codebook, PadBook, Telegram, encipher
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> telegrams = [Telegram(body="We agree."), Telegram(body="Send the report.", number="7")]
>>> with PadBook.create(folder / "a.sqlite", pages=10, seed=1950) as book:
...     batch = encipher_batch(telegrams, Codebook.default(), book)
>>> len(batch), batch.group_count, batch.pages
(2, 13, 2)
>>> with PadBook.create(folder / "b.sqlite", pages=10, seed=1950) as book:
...     one_by_one = [encipher(t, Codebook.default(), book) for t in telegrams]
>>> batch.to_texts() == [cable.to_text() for cable in one_by_one]
True
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable.form import Cable, CablePart, part_head, split_cable
from cipherwire.cable.parts import MAX_PART_GROUPS, encipher_parts, indicators, plan
from cipherwire.cable.preamble import Preamble
from cipherwire.cipher.clerk import Deciphered, decipher, preamble_for, read_parts
from cipherwire.codebook.book import Codebook
from cipherwire.core import ascii_text, digits_to_text, sub_mod10
from cipherwire.core.messages import MessageSet, ranges
from cipherwire.core.sizes import CLOSING, GROUP
from cipherwire.errors import BatchError, CipherwireError
from cipherwire.pad.book import PadBook
from cipherwire.pad.page import IssuedPages
from cipherwire.telegram.document import Telegram

_SPACE = 10**GROUP  # five-figure groups as numbers
_WEIGHTS = 10 ** np.arange(GROUP - 1, -1, -1, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class CableBatch:
    """The cables of many telegrams, as arrays.

    ``groups`` holds each part's groups as sent (indicators included) as digits, all
    parts of all telegrams in order; telegram ``i`` has parts
    ``part_offsets[i]:part_offsets[i + 1]``, numbered ``numbers``; ``preambles[i]`` is its
    cable's preamble (:func:`cipherwire.cipher.clerk.preamble_for`); ``pages`` is how many
    pad pages the batch used.
    """

    groups: MessageSet
    part_offsets: NDArray[np.int64]
    numbers: tuple[str, ...]
    preambles: tuple[Preamble, ...]
    pages: int
    garbled: NDArray[np.bool_] | None = None
    _printed: list[tuple[str, NDArray[np.int64]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> CableBatch:
        """Read many printed cables at once (what :meth:`to_texts` prints, or typed in).

        Each preamble is read line by line as :meth:`Cable.from_text
        <cipherwire.cable.form.Cable.from_text>` reads it; the groups of all cables are checked
        and turned into digits in one pass.  A figure that arrived unreadable (``?``) is
        read as 0 and marked in ``garbled`` (``bool``, one per digit of ``groups``).
        ``pages`` is 0: a reader issues none.

        Raises :class:`~cipherwire.errors.BatchError` naming the cable (from 1) and
        giving :meth:`Cable.from_text <cipherwire.cable.form.Cable.from_text>`'s message for
        the first cable that is malformed, or if there are none.
        """
        texts = list(texts)
        if not texts:
            raise BatchError("nothing to read: no cables")
        blocks: list[str] = []
        counts: list[int] = []
        owners: list[int] = []
        numbers: list[str] = []
        preambles: list[Preamble] = []
        part_counts: list[int] = []
        for i, text in enumerate(texts):
            try:
                shell, parts = split_cable(text)
            except CipherwireError as exc:
                raise BatchError(str(exc), entry=f"cable {i + 1}") from exc
            numbers.extend(part.number for part in shell.parts)
            preambles.append(shell.preamble)
            part_counts.append(len(parts))
            for block, count, _ in parts:
                blocks.append(block)
                counts.append(count)
                owners.append(i)
        groups, garbled, bad = _read_groups(blocks, counts)
        if bad is not None:
            cable = owners[bad]
            try:
                Cable.from_text(texts[cable])
            except CipherwireError as exc:
                raise BatchError(str(exc), entry=f"cable {cable + 1}") from exc
            raise BatchError("malformed groups", entry=f"cable {cable + 1}")  # pragma: no cover
        part_offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(part_counts, out=part_offsets[1:])
        return cls(groups, part_offsets, tuple(numbers), tuple(preambles), 0, garbled)

    def __len__(self) -> int:
        """The number of telegrams (cables)."""
        return len(self.preambles)

    @property
    def group_count(self) -> int:
        """Groups on all cables, indicators and closing groups included."""
        return self.groups.size // GROUP

    def printed(self) -> tuple[str, NDArray[np.int64]]:
        """Every part's groups as printed (``groups.printed_groups()``), made once."""
        cached = self._printed
        if not cached:
            text, at = self.groups.printed_groups()
            if self.garbled is not None and self.garbled.any():
                where = np.flatnonzero(self.garbled)
                marked = np.frombuffer(bytearray(text, "ascii"), dtype=np.uint8)
                marked[where // GROUP * (GROUP + 1) + where % GROUP] = ord("?")
                text = ascii_text(marked)
            cached.append((text, at))
        return cached[0]

    def to_texts(self) -> list[str]:
        """Every cable as :meth:`Cable.to_text <cipherwire.cable.form.Cable.to_text>` prints it."""
        text, at = self.printed()
        bounds = at.tolist()
        counts = (np.diff(at) // (GROUP + 1)).tolist()
        heads = self.part_offsets.tolist()
        numbers = self.numbers
        out = []
        shared_of: dict[Preamble, str] = {}
        for i, preamble in enumerate(self.preambles):
            shared = shared_of.get(preamble)
            if shared is None:
                shared = shared_of.setdefault(preamble, preamble.to_text())
            first, last = heads[i], heads[i + 1]
            if last - first == 1:  # most telegrams: one part
                out.append(
                    f"{part_head(numbers[first], 1, 1)}{shared}GROUPS: {counts[first]}\n\n"
                    f"{text[bounds[first] : bounds[last]]}"
                )
                continue
            out.append(
                "\n".join(
                    f"{part_head(numbers[p], p - first + 1, last - first)}{shared}"
                    f"GROUPS: {counts[p]}\n\n{text[bounds[p] : bounds[p + 1]]}"
                    for p in range(first, last)
                )
            )
        return out

    def cable(self, index: int) -> Cable:
        """Telegram *index*'s cable as a :class:`~cipherwire.cable.form.Cable` object."""
        first, last = int(self.part_offsets[index]), int(self.part_offsets[index + 1])
        parts = []
        for p in range(first, last):
            text = digits_to_text(self.groups[p])
            if self.garbled is not None:
                marks = self.garbled[self.groups.offsets[p] : self.groups.offsets[p + 1]]
                text = "".join("?" if m else ch for ch, m in zip(text, marks.tolist(), strict=True))
            groups = tuple(text[i : i + GROUP] for i in range(0, len(text), GROUP))
            parts.append(CablePart(self.numbers[p], groups))
        return Cable(parts=tuple(parts), preamble=self.preambles[index])

    def cables(self) -> list[Cable]:
        """Every cable as a :class:`~cipherwire.cable.form.Cable` object (slower than
        :meth:`to_texts`: each group becomes a checked string)."""
        return [self.cable(i) for i in range(len(self))]


#: Byte classes for reading groups: 1 a figure, 2 an unreadable figure, 3 white space
#: (what ``str.split`` splits on in ASCII), 0 anything else.
_CLASS = np.zeros(256, dtype=np.uint8)
_CLASS[ord("0") : ord("9") + 1] = 1
_CLASS[ord("?")] = 2
_CLASS[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = 3


def _read_groups(
    blocks: list[str], counts: list[int]
) -> tuple[MessageSet, NDArray[np.bool_], int | None]:
    """The groups of many parts' group lines, checked in one pass.

    Returns the digits (one message per block), the unreadable-figure mask, and None; or,
    if a block is malformed (a token that is not five figures or ``?``, a count that
    differs from *counts*), the index of the first such block in place of None.
    """
    empty = MessageSet._trusted(np.zeros(0, np.uint8), np.zeros(1, np.int64))
    joined = "\n".join(blocks) + "\n"
    lengths = np.fromiter(map(len, blocks), np.int64, len(blocks)) + 1
    block_heads = np.cumsum(lengths) - lengths
    if not joined.isascii():
        bad = next(i for i, block in enumerate(blocks) if not block.isascii())
        return empty, np.zeros(0, bool), bad
    raw = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    kind = _CLASS[raw]
    if (kind == 0).any():
        at = int(np.argmax(kind == 0))
        return empty, np.zeros(0, bool), int(np.searchsorted(block_heads, at, side="right")) - 1
    figure = kind < 3
    edges = np.diff(figure.view(np.int8), prepend=0, append=0)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    owner = np.searchsorted(block_heads, starts, side="right") - 1
    found = np.bincount(owner, minlength=len(blocks))
    wrong = (found != np.asarray(counts, dtype=np.int64)) | (
        np.bincount(owner, weights=(ends - starts) != 5, minlength=len(blocks)) > 0
    )
    if wrong.any():
        return empty, np.zeros(0, bool), int(np.argmax(wrong))
    digits = raw[figure] - np.uint8(ord("0"))
    unreadable = kind[figure] == 2
    digits[unreadable] = 0
    offsets = np.zeros(len(blocks) + 1, dtype=np.int64)
    np.cumsum(found * GROUP, out=offsets[1:])
    return MessageSet._trusted(digits, offsets), unreadable, None


def encipher_batch(
    telegrams: Sequence[Telegram],
    codebook: Codebook,
    padbook: PadBook,
    *,
    origin: str = "MOSCOW",
    max_part_groups: int = MAX_PART_GROUPS,
) -> CableBatch:
    """Encipher many telegrams at once: the cables :func:`~cipherwire.cipher.clerk.encipher`
    would make of them one after the other, with the same pages.

    All the pages are issued in one transaction, each telegram's recorded against it in
    the ledger as :func:`~cipherwire.cipher.clerk.encipher` records them.

    Raises :class:`~cipherwire.errors.BatchError` if there are no telegrams or an entry is
    not a :class:`~cipherwire.telegram.document.Telegram`, and what
    :meth:`PadBook.issue_many <cipherwire.pad.book.PadBook.issue_many>` raises
    (:class:`~cipherwire.errors.PadExhaustedError`: nothing is issued then).
    """
    telegrams = list(telegrams)
    if not telegrams:
        raise BatchError("nothing to encipher: the batch has no telegrams")
    for i, telegram in enumerate(telegrams):
        if not isinstance(telegram, Telegram):
            raise BatchError(f"entry {i} is not a Telegram: {type(telegram).__name__}")
    code = codebook.encode_many([t.body_as_sent for t in telegrams])
    laid = plan(
        telegrams, code, groups_per_page=padbook.groups_per_page, max_part_groups=max_part_groups
    )

    # The preambles are made while the ledger is written, and only the origin can make
    # one fail (the telegrams, the codebook and the pad book checked the rest): check it
    # before any page is issued.
    Preamble(origin=origin)

    def finish(issued: IssuedPages) -> CableBatch:  # runs while the ledger is written
        sent = encipher_parts(laid.plain, issued.digits, laid.pages)
        preambles = tuple(preamble_for(t, codebook, padbook.seed, origin=origin) for t in telegrams)
        batch = CableBatch(sent, laid.part_offsets, laid.numbers, preambles, len(issued))
        batch.printed()  # the groups as text, ready for to_texts
        return batch

    return padbook.issue_many(laid.pages_per_telegram().tolist(), to=laid.labels, use=finish)


def decipher_batch(
    batch: CableBatch,
    codebook: Codebook,
    padbook: PadBook,
    *,
    names: Sequence[str] | None = None,
) -> list[Deciphered]:
    """Decipher and decode every cable of a batch with the receiver's copy of the pad
    book: what :func:`~cipherwire.cipher.clerk.decipher` gives for each cable, in order.

    The pages are looked up once for every indicator of the batch, and the key is taken
    off the groups of all parts in one kernel call; then each part's closing groups are
    checked and each cable's code groups decoded (:func:`~cipherwire.cipher.clerk.read_parts`,
    as :func:`~cipherwire.cipher.clerk.decipher` does).  A part with figures that arrived
    unreadable, or with a page read backwards (its indicator shown twice), or whose
    indicator names no issued page, goes through :func:`~cipherwire.cipher.clerk.decipher` itself.

    Raises :class:`~cipherwire.errors.BatchError` naming the first cable that does not
    read (``cable 3``, counting from 1, or its entry in ``names``), with the message
    :func:`~cipherwire.cipher.clerk.decipher` gives for it (the original error as its cause).

    >>> import pathlib, shutil, tempfile
    >>> from cipherwire import Codebook, PadBook, Telegram
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> telegrams = [Telegram(body="We agree."), Telegram(body="Send the report.")]
    >>> with PadBook.create(folder / "pads.sqlite", pages=10, seed=1950) as book:
    ...     sent = encipher_batch(telegrams, Codebook.default(), book)
    ...     received = CableBatch.from_texts(sent.to_texts())
    ...     [d.telegram.body for d in decipher_batch(received, Codebook.default(), book)]
    ['WE AGREE.', 'SEND THE REPORT.']
    >>> shutil.rmtree(folder)
    """
    plains, slow = _take_off_key(batch, padbook)
    out: list[Deciphered] = []
    numbers = batch.numbers
    counts = (batch.groups.lengths // GROUP).tolist()
    heads = batch.part_offsets.tolist()
    for i, preamble in enumerate(batch.preambles):
        first, last = heads[i], heads[i + 1]
        try:
            if slow[first:last].any():
                out.append(decipher(batch.cable(i), codebook, padbook))
                continue
            parts = [(numbers[p], counts[p]) for p in range(first, last)]
            mine = [
                (plains[p], np.zeros(plains[p].size, dtype=np.bool_)) for p in range(first, last)
            ]
            out.append(read_parts(preamble, parts, mine, codebook))
        except CipherwireError as exc:
            raise BatchError(str(exc), entry=names[i] if names else f"cable {i + 1}") from exc
    return out


def _take_off_key(batch: CableBatch, padbook: PadBook) -> tuple[MessageSet, NDArray[np.bool_]]:
    """Every part's plaintext (indicators gone, key taken off) and which parts must go
    the slow way instead (``bool``, one a part; their plaintext is then meaningless)."""
    groups = batch.groups
    parts = len(groups)
    per_page = padbook.groups_per_page - 1  # key groups a page
    counts = groups.lengths // GROUP
    shown, at = indicators(groups, groups_per_page=per_page + 1)
    cut = groups.digits.reshape(-1, GROUP)
    values = cut[at].astype(np.int64) @ _WEIGHTS
    distinct = np.unique(values)
    names, digits = padbook.issued_pages([f"{value:05d}" for value in distinct.tolist()])
    where = np.searchsorted(distinct, np.array([int(name) for name in names], dtype=np.int64))
    keys = np.zeros((distinct.size, per_page * GROUP), dtype=np.uint8)
    keys[where] = digits[:, GROUP:]
    found = np.zeros(distinct.size, dtype=np.bool_)
    found[where] = True  # the others (no such page, never issued): decipher says which
    row = np.searchsorted(distinct, values)
    owner = np.repeat(np.arange(parts, dtype=np.int64), shown)
    slow = counts < 1 + CLOSING
    slow[owner[~found[row]]] = True
    pairs = np.sort(owner * _SPACE + values)
    slow[(pairs[1:][pairs[1:] == pairs[:-1]]) // _SPACE] = True  # a page read backwards
    if batch.garbled is not None and batch.garbled.any():
        hit = np.flatnonzero(batch.garbled)
        slow[np.searchsorted(groups.offsets, hit, side="right") - 1] = True
    text = np.ones(cut.shape[0], dtype=np.bool_)
    text[at] = False
    sizes = counts - shown
    within = ranges(np.zeros(parts, dtype=np.int64), sizes)
    page = row[np.repeat(np.cumsum(shown) - shown, sizes) + within // per_page]
    key = keys.reshape(-1, per_page, GROUP)[page, within % per_page]
    plain = sub_mod10(cut[text], key, check=False).reshape(-1)
    return MessageSet.from_lengths(plain, sizes * GROUP), slow


__all__ = ["CableBatch", "decipher_batch", "encipher_batch"]
