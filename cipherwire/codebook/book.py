"""The :class:`Codebook`: words and phrases <-> four-figure code groups, as digits.

A book turns normalised text (:func:`normalise`) into a flat ``uint8`` array of digits, four
a group, and back: words and phrases in the book take a group each (longest phrase first),
other words are spelled, digit runs go as figures and any other character by code point, so
that ``decode(encode(t)) == normalise(t)`` for every string.  The grammar of the groups is
:mod:`cipherwire.codebook.groups`, the file format :mod:`cipherwire.codebook.bookfile`;
docs/explanation/codebooks.md explains the design.

>>> book = Codebook.generate(["the following", "agree", "with"], two_part=False)
>>> book.decode(book.encode("Agree with the following: Zhou Enlai."))
'AGREE WITH THE FOLLOWING: ZHOU ENLAI.'
"""

from __future__ import annotations

import functools
import itertools
import os
import random
import secrets
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from cipherwire.codebook import bookfile, spelling
from cipherwire.codebook.encoder import BatchEncoder
from cipherwire.codebook.groups import (
    GroupTable,
    digits_from_groups,
    encode_text,
    groups_from_digits,
    read_groups,
)
from cipherwire.codebook.spelling import check_plaintext, normalise
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import CODE
from cipherwire.errors import CodebookError

CODE_SPACE = 10**CODE
"""How many four-figure codes there are (0000-9999)."""

_BATCH_LOCK = threading.RLock()


@dataclass(frozen=True)
class Decoded:
    """What lenient decoding recovered: the text, and the code groups it could not read.

    ``unknown`` holds 1-based group numbers: groups not in the book (garbled in transit)
    or out of place (a ``<CHAR>`` cut short, an ``<END SPELL>`` with no spelling open).
    Each is shown in ``text`` as ``[?1234]``.
    """

    text: str
    unknown: tuple[int, ...] = ()


def _check_entries(entries: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Validate entries (no line numbers: the parser checks those first) and sort them."""
    ordered = tuple(sorted(entries))
    seen_codes: set[int] = set()
    seen_texts: set[str] = set()
    for text, code in ordered:
        if not isinstance(code, int) or not 0 <= code < CODE_SPACE:
            raise CodebookError(f"code {code!r} is not in 0000-9999")
        check_plaintext(text)
        if code in seen_codes:
            raise CodebookError(f"duplicate code {code:04d}")
        if text in seen_texts:
            raise CodebookError(f"duplicate plaintext {text!r}")
        seen_codes.add(code)
        seen_texts.add(text)
    missing = sorted(spelling.RESERVED - seen_texts)
    if missing:
        raise CodebookError(f"missing control groups: {', '.join(map(repr, missing))}")
    return ordered


@dataclass(frozen=True, repr=False)
class Codebook:
    """A codebook: plaintext words and phrases <-> four-figure code groups.

    Build one with :meth:`default`, :meth:`generate`, :meth:`from_text` or :meth:`load`.
    ``entries`` are ``(plaintext, code)`` pairs in alphabetical order, codes as integers
    0-9999.  In a one-part book the codes ascend with the plaintext; in a two-part book
    they are assigned at random, so the decoding order (by code) tells nothing about the
    encoding order (by plaintext).
    """

    entries: tuple[tuple[str, int], ...]
    two_part: bool
    name: str | None = None
    seed: int | None = None
    _table: GroupTable = field(init=False, repr=False, compare=False, hash=False)
    _batch: list[BatchEncoder] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        entries = _check_entries(self.entries)
        if not self.two_part:
            for (text, code), (_, following) in itertools.pairwise(entries):
                if following <= code:
                    raise CodebookError(f"one-part book: code after {text!r} does not ascend")
        if self.name is not None and (not self.name or " ".join(self.name.split()) != self.name):
            raise CodebookError(f"book name {self.name!r} must be one line of single spaces")
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "_table", GroupTable(entries))
        object.__setattr__(self, "_batch", [])

    # -- constructors ------------------------------------------------------------------

    @classmethod
    def default(cls, *, one_part: bool = False) -> Codebook:
        """Return the shipped diplomatic codebook (``codebook/data/codebook.tsv``), cached.

        With ``one_part=True``, the same vocabulary as a one-part book (codes ascending
        with the plaintext), named ``<name>-one-part``: easy to read, and weak.

        >>> book = Codebook.default()
        >>> book.two_part, "ARMISTICE" in book, "THE FOLLOWING" in book
        (True, True, True)
        >>> Codebook.default(one_part=True).name
        'cipherwire-diplomatic-1950-one-part'
        """
        return _default_one_part_book() if one_part else _default_book()

    @classmethod
    def named(cls, name: str) -> Codebook:
        """Return the shipped codebook called *name*: :meth:`default` or its one-part form.

        Raises :class:`~cipherwire.errors.CodebookError` if no shipped book has that name
        (a book of one's own is read with :meth:`load`).

        >>> Codebook.named("cipherwire-diplomatic-1950") is Codebook.default()
        True
        >>> Codebook.named("cipherwire-diplomatic-1950-one-part").two_part
        False
        """
        two_part = _default_book().name
        one_part = f"{two_part}-one-part"
        if name == two_part:
            return _default_book()
        if name == one_part:  # built only when asked for: it takes a moment
            return _default_one_part_book()
        raise CodebookError(
            f"no shipped codebook is named {name!r} (shipped: {two_part!r}, {one_part!r})"
        )

    @classmethod
    def generate(
        cls,
        vocabulary: Iterable[str],
        *,
        two_part: bool = True,
        seed: int | None = None,
        name: str | None = None,
    ) -> Codebook:
        """Make a book of ``vocabulary`` plus every control, punctuation and spell group.

        Entries are normalised and deduplicated.  A two-part book draws its codes with
        ``random.Random(seed)`` (from the operating system's randomness when ``seed`` is
        None); a one-part book numbers the entries 0000, 0001, ... in alphabetical order
        and ignores ``seed``.

        >>> book = Codebook.generate(["Moscow", "moscow ", "Peking"], two_part=False)
        >>> book.lookup("MOSCOW"), book.lookup("peking"), len(book)
        ('0069', '0070', 71)
        """
        words: dict[str, None] = {}
        for raw in vocabulary:
            text = normalise(raw)
            if not text:
                raise CodebookError(f"vocabulary entry {raw!r} is empty once normalised")
            if spelling.is_reserved_form(text):
                raise CodebookError(
                    f"vocabulary entry {raw!r} has the <...> form kept for control groups"
                )
            words[text] = None
        plaintexts = sorted(spelling.RESERVED | words.keys())
        if len(plaintexts) > CODE_SPACE:
            raise CodebookError(
                f"{len(plaintexts)} entries do not fit the {CODE_SPACE:,} four-figure codes"
            )
        codes: list[int]
        if two_part:
            rng = random.Random(seed) if seed is not None else secrets.SystemRandom()
            codes = rng.sample(range(CODE_SPACE), len(plaintexts))
        else:
            codes, seed = list(range(len(plaintexts))), None
        return cls(tuple(zip(plaintexts, codes, strict=True)), two_part, name=name, seed=seed)

    @classmethod
    def from_text(cls, text: str) -> Codebook:
        """Read a book from the text format written by :meth:`to_text`.

        Format: UTF-8, ``#`` header lines at the top (``# cipherwire-codebook 1``, then
        ``# kind: two-part`` or ``# kind: one-part``, optional ``# name: ...`` and
        ``# seed: N``; other ``#`` lines are comments), then one ``CODE<TAB>PLAINTEXT``
        line per entry, CODE exactly four figures, PLAINTEXT normalised.  Blank lines are
        skipped.  Errors say the line and quote the value.
        """
        entries, two_part, name, seed = bookfile.parse(text)
        return cls(entries, two_part, name=name, seed=seed)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Codebook:
        """Read a book from a UTF-8 file in the :meth:`from_text` format."""
        return cls.from_text(Path(path).read_text(encoding="utf-8"))

    # -- the text format ---------------------------------------------------------------

    def to_text(self) -> str:
        """Write the book in the text format (entries in encoding order), ending in a newline."""
        return bookfile.format_book(
            self.entries, two_part=self.two_part, name=self.name, seed=self.seed
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the book to ``path`` atomically (a temporary file, then :func:`os.replace`).

        A file that is replaced keeps its permissions; a new one is readable by its owner
        only, as befits a codebook.
        """
        bookfile.write(Path(path), self.to_text())

    # -- looking things up -------------------------------------------------------------

    def lookup(self, word_or_phrase: str) -> str | None:
        """Return the code of a word, phrase or control name as four figures, or None.

        >>> Codebook.default().lookup("<SPELL>") is not None
        True
        """
        code = self._table.code_of.get(normalise(word_or_phrase))
        return None if code is None else f"{code:04d}"

    def __contains__(self, word_or_phrase: object) -> bool:
        """Say whether the book has an entry for this (normalised) word or phrase."""
        return isinstance(word_or_phrase, str) and self.lookup(word_or_phrase) is not None

    def __len__(self) -> int:
        """Return the number of entries, control groups included."""
        return len(self.entries)

    def __repr__(self) -> str:
        """Summarise the book (the full entry list would not be readable)."""
        kind = "two-part" if self.two_part else "one-part"
        return f"<Codebook name={self.name!r} {kind} entries={len(self)} seed={self.seed!r}>"

    def encoding_table(self) -> tuple[tuple[str, str], ...]:
        """Return ``(plaintext, code)`` pairs in encoding order (alphabetical)."""
        return tuple((text, f"{code:04d}") for text, code in self.entries)

    def decoding_table(self) -> tuple[tuple[str, str], ...]:
        """Return ``(plaintext, code)`` pairs in decoding order (by code)."""
        by_code = sorted(self.entries, key=lambda entry: entry[1])
        return tuple((text, f"{code:04d}") for text, code in by_code)

    def page(
        self,
        number: int,
        *,
        order: Literal["encoding", "decoding"] = "encoding",
        rows: int = 50,
    ) -> str:
        """Return page ``number`` (from 1) of one section of the book, as a handout.

        >>> book = Codebook.generate(["agree"], two_part=False, name="demo")
        >>> print(book.page(1, rows=3))
        demo, one-part, encoding section (by plaintext), page 1 of 24
        0000  <A>
        0001  <APOSTROPHE>
        0002  <B>
        """
        if order not in ("encoding", "decoding"):
            raise CodebookError(f"order must be 'encoding' or 'decoding', not {order!r}")
        if rows < 1:
            raise CodebookError(f"rows must be at least 1, not {rows!r}")
        table = self.encoding_table() if order == "encoding" else self.decoding_table()
        pages = -(-len(table) // rows)
        if not 1 <= number <= pages:
            raise CodebookError(f"page {number!r} is not in 1-{pages}")
        kind = "two-part" if self.two_part else "one-part"
        how = "by plaintext" if order == "encoding" else "by code"
        title = (
            f"{self.name or 'codebook'}, {kind}, {order} section ({how}), page {number} of {pages}"
        )
        chunk = table[(number - 1) * rows : number * rows]
        return "\n".join([title, *(f"{code}  {text}" for text, code in chunk)])

    # -- encoding ----------------------------------------------------------------------

    def encode(self, text: str) -> NDArray[np.uint8]:
        """Encode ``normalise(text)`` as code digits: ``uint8``, shape ``(4 * groups,)``.

        >>> book = Codebook.generate(["agree"], two_part=False)
        >>> book.encode("agree").tolist()
        [0, 0, 6, 9]
        """
        return digits_from_groups(encode_text(self._table, normalise(text))[0])

    def encode_many(self, texts: Sequence[str]) -> MessageSet:
        """Encode many texts at once: ``[book.encode(t) for t in texts]`` as one message set.

        The same digits, made in bulk (:mod:`cipherwire.codebook.encoder`): per text only string
        methods run, per distinct word the book's encoder runs once (the book remembers
        the words it has seen), and the rest is NumPy.

        >>> book = Codebook.generate(["agree"], two_part=False)
        >>> book.encode_many(["agree", "", "agree agree"]).texts()
        ['0069', '', '00690069']
        """
        if isinstance(texts, str):
            raise CodebookError("encode_many takes a sequence of texts, not one str")
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise CodebookError(f"text {i} is not a str: {text!r}")
        with _BATCH_LOCK:  # one encoder per book, used by one thread at a time
            if not self._batch:
                self._batch.append(BatchEncoder(self._table))
            return self._batch[0].encode_many(texts)

    def coverage(self, text: str) -> float:
        """Return the share of the text's words (letter runs) carried without spelling.

        A text with no words has coverage 1.0.

        >>> Codebook.generate(["agree"]).coverage("We agree")
        0.5
        """
        _, words, spelled = encode_text(self._table, normalise(text))
        return 1.0 if words == 0 else (words - spelled) / words

    # -- decoding ----------------------------------------------------------------------

    def decode_groups(self, digits: NDArray[np.uint8], *, garbled: Iterable[int] = ()) -> Decoded:
        """Decode code digits leniently: unreadable groups become ``[?1234]`` in the text.

        ``garbled`` lists code groups (numbered from 1) whose digits arrived unreadable;
        they are flagged and shown as ``[?]``.

        >>> book = Codebook.generate(["agree"], two_part=False)
        >>> book.decode_groups(np.array([0, 0, 6, 9, 9, 9, 9, 9], dtype=np.uint8))
        Decoded(text='AGREE [?9999]', unknown=(2,))
        """
        codes = groups_from_digits(digits)
        for group in garbled:
            if 1 <= group <= len(codes):
                codes[group - 1] = -1
        text, problems = read_groups(self._table, codes)
        return Decoded(text, tuple(group for group, _ in problems))

    def decode(self, digits: NDArray[np.uint8]) -> str:
        """Decode code digits strictly: a group that cannot be read raises CodebookError."""
        text, problems = read_groups(self._table, groups_from_digits(digits))
        if problems:
            group, message = problems[0]
            raise CodebookError(message, group=group)
        return text


@functools.cache
def _default_one_part_book() -> Codebook:
    book = _default_book()
    vocabulary = [text for text, _ in book.entries if text not in spelling.RESERVED]
    return Codebook.generate(vocabulary, two_part=False, name=f"{book.name}-one-part")


@functools.cache
def _default_book() -> Codebook:
    data = resources.files("cipherwire.codebook").joinpath("data/codebook.tsv")
    return Codebook.from_text(data.read_text(encoding="utf-8"))


__all__ = ["CODE_SPACE", "Codebook", "Decoded", "normalise"]
