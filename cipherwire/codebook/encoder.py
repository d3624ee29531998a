"""A codebook's encoding of many texts at once: the batch encoder behind
:meth:`Codebook.encode_many <cipherwire.codebook.book.Codebook.encode_many>`.

The result is exactly ``[codebook.encode(t) for t in texts]`` as one
:class:`~cipherwire.core.messages.MessageSet`; what changes is where the work is done.  Per
text only string methods run; the words are found in the UTF-8 bytes by
:class:`~cipherwire.codebook.words.WordTable`; each distinct word is encoded once by
:func:`~cipherwire.codebook.groups.encode_text` and remembered; the few word boundaries a
phrase may cross (``THE`` of ``THE FOLLOWING``) are found in one vectorised look-up and
encoded as windows; and the codes are gathered and turned into digits in NumPy.
docs/how-to/large-message-sets.md explains the steps, docs/performance.md their cost.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from cipherwire.codebook import spelling
from cipherwire.codebook.groups import GroupTable, encode_text
from cipherwire.codebook.words import Words, WordTable
from cipherwire.core.messages import MessageSet, ranges

#: Characters outside ASCII that normalisation leaves alone and that are single tokens of
#: their own (the book's typographic marks); a text with any other is normalised first.
_SAFE = "".join(sorted(ch for ch in spelling.PUNCTUATION if not ch.isascii()))
_UNSAFE = re.compile(f"[^\\x00-\\x7f{re.escape(_SAFE)}]")

#: Put between texts before one big split: a word of its own that no text has (texts with
#: a NUL go to the codebook's own encoder).
_SEPARATOR = "\n\x00\n"
_SEP = -2  # the separator's word id
_SAMPLE = 65_536  # missed words learned at a time before looking the rest up again
#: Characters of text :meth:`BatchEncoder.encode_many` encodes at once: a slice's NumPy
#: temporaries then reuse memory the allocator hands back, where one slice of the whole
#: text would touch fresh pages and pay their page faults (docs/performance.md).
SLICE_CHARS = 1 << 20
_ALWAYS = -1  # a word that ends with two different phrase starts: always a window

#: Word flags: bit 0, ends with an opener or joiner; 1, starts with a closer or joiner;
#: 2, starts with a closing mark; 3, ends with an opening mark (for joining words).
#: 4, the whole of a phrase's part between two spaces.
_END_EDGE, _START_EDGE, _CLOSES, _OPENS, _MIDDLE = 1, 2, 4, 8, 16

#: The four digits of every code 0000-9999, packed in memory order into one uint32 each.
_CODE_QUADS: NDArray[np.uint32] = (
    np.stack([(np.arange(10_000) // 10**p) % 10 for p in (3, 2, 1, 0)], axis=1)
    .astype(np.uint8)
    .view("<u4")
    .reshape(-1)
)


class BatchEncoder:
    """Encodes many texts with one codebook table; remembers every word it has seen.

    Not thread-safe: use one per thread (a :class:`~cipherwire.codebook.book.Codebook` makes
    and keeps one for :meth:`~cipherwire.codebook.book.Codebook.encode_many`).
    """

    def __init__(self, table: GroupTable) -> None:
        self._table = table
        self._starts = frozenset(table.sizes)  # tokens that begin a phrase
        # token-prefixes of phrases that a space follows, and the token after that space
        self._prefixes: dict[str, int] = {}
        self._next_tokens: dict[str, int] = {}
        pairs: set[tuple[int, int]] = set()
        for tokens in table.phrases:
            for k in range(1, len(tokens) - 1):
                if tokens[k] == " ":
                    prefix = self._prefixes.setdefault("".join(tokens[:k]), len(self._prefixes))
                    token = self._next_tokens.setdefault(tokens[k + 1], len(self._next_tokens) + 1)
                    pairs.add((prefix, token))
        self._width = len(self._next_tokens) + 1
        self._pairs = np.array(sorted(p * self._width + t for p, t in pairs), dtype=np.int64)
        # words a phrase covers whole, between two of its spaces ("SOON" of "AS SOON AS")
        chunks = ["".join(tokens).split(" ") for tokens in table.phrases]
        self._middles = frozenset(c for parts in chunks for c in parts[1:-1])
        self._spaces = max((len(parts) - 1 for parts in chunks), default=0)
        # words: string -> id; per id its codes and what the vectorised steps need
        self._word_ids: dict[str, int] = {"\x00": _SEP}
        self._strings: list[str] = []
        self._codes: list[list[int]] = []
        self._flags: list[int] = []
        self._crossing: list[int] = []  # the phrase prefix the word ends with, or -2/-1
        self._first_token: list[int] = []  # id of its first token among _next_tokens
        self._arrays: dict[str, NDArray[np.int64]] = {}
        self._arrays_for = -1
        self._space_id = self._word(spelling.SPACE)  # a pseudo-word: <SPACE>'s code alone
        self._codes[self._space_id] = [table.space]
        self._words = WordTable()
        self._words.add(["\x00"], [_SEP])
        self._table_holds = len(self._strings)  # the <SPACE> pseudo-word stays out

    # -- words ---------------------------------------------------------------------------

    def _word(self, word: str) -> int:
        """Register *word* (a text without spaces, or a window with them); return its id."""
        tokens, _ = spelling.tokenise(word)
        endings = {
            self._prefixes[suffix]
            for k, token in enumerate(tokens)
            if token in self._starts and (suffix := "".join(tokens[k:])) in self._prefixes
        }
        new = len(self._codes)
        self._strings.append(word)
        self._codes.append(encode_text(self._table, word)[0])
        self._flags.append(
            spelling.tight_after(word) * _END_EDGE
            | spelling.tight_before(word) * _START_EDGE
            | (word[0] in spelling.CLOSERS) * _CLOSES
            | (word[-1] in spelling.OPENERS) * _OPENS
            | (word in self._middles) * _MIDDLE
        )
        self._crossing.append(endings.pop() if len(endings) == 1 else _ALWAYS if endings else -2)
        self._first_token.append(self._next_tokens.get(tokens[0], 0))
        self._word_ids[word] = new
        return new

    def _tables(self) -> dict[str, NDArray[np.int64]]:
        """NumPy copies of the per-word lists (remade after new words)."""
        if len(self._codes) != self._arrays_for:
            lengths = np.fromiter(map(len, self._codes), np.int64, len(self._codes))
            heads = np.zeros(lengths.size + 1, dtype=np.int64)
            np.cumsum(lengths, out=heads[1:])
            self._arrays = {
                "lengths": lengths,
                "heads": heads,
                "pool": np.fromiter(
                    itertools.chain.from_iterable(self._codes), np.int64, int(heads[-1])
                ),
                "flags": np.array(self._flags, dtype=np.uint8),
                "crossing": np.array(self._crossing, dtype=np.int32),
                "first_token": np.array(self._first_token, dtype=np.int64),
            }
            self._arrays_for = len(self._codes)
        return self._arrays

    # -- encoding ------------------------------------------------------------------------

    def encode_many(self, texts: Sequence[str]) -> MessageSet:
        """Encode each text (not yet normalised) as code digits, one message per text.

        Texts of more than :data:`SLICE_CHARS` characters in all are encoded a slice at a
        time, and the slices' digits put end to end.
        """
        sizes = np.fromiter(map(len, texts), np.int64, len(texts))
        ends = np.cumsum(sizes)
        total = int(ends[-1]) if ends.size else 0
        cuts = np.searchsorted(ends, np.arange(SLICE_CHARS, total, SLICE_CHARS), side="right")
        bounds = sorted({0, len(texts), *cuts.tolist()})
        if len(bounds) <= 2:
            return self._encode_slice(texts)
        parts = [self._encode_slice(texts[lo:hi]) for lo, hi in itertools.pairwise(bounds)]
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.concatenate([np.diff(part.offsets) for part in parts]), out=offsets[1:])
        return MessageSet._trusted(np.concatenate([part.digits for part in parts]), offsets)

    def _encode_slice(self, texts: Sequence[str]) -> MessageSet:
        plain: list[int] = []  # ASCII or the book's marks: upper-case and split
        other: list[int] = []  # anything else: normalised first
        nul: list[int] = []  # a NUL character: the codebook's own encoder
        joined = _SEPARATOR.join(texts)
        simple = joined.count("\x00") == max(len(texts) - 1, 0) and all(
            text.isascii() for text in texts
        )
        if not simple:
            joined = ""  # some text needs more than upper() and split(): sort them
            for i, text in enumerate(texts):
                if "\x00" in text:
                    nul.append(i)
                elif text.isascii() or not _UNSAFE.search(text):
                    plain.append(i)
                else:
                    other.append(i)
        else:
            plain = list(range(len(texts)))
        found: list[tuple[list[int], NDArray[np.int64], NDArray[np.int64]]] = []
        if plain:  # upper() is all normalisation does to these; no white space but ASCII
            if not joined:
                joined = _SEPARATOR.join([texts[i] for i in plain])
            data = joined.upper().encode("utf-8")
            found.append((plain, *self._encode_bytes(data, len(plain))))
        if other:  # normalised, their only white space is the single space
            data = _SEPARATOR.join([spelling.normalise(texts[i]) for i in other]).encode("utf-8")
            found.append((other, *self._encode_bytes(data, len(other))))
        if nul:
            lists = [encode_text(self._table, spelling.normalise(texts[i]))[0] for i in nul]
            lengths = np.fromiter(map(len, lists), np.int64, len(lists))
            codes = np.fromiter(itertools.chain.from_iterable(lists), np.int64, int(lengths.sum()))
            found.append((nul, codes, lengths))
        if len(found) == 1:
            _, codes, lengths = found[0]
        else:
            lengths = np.zeros(len(texts), dtype=np.int64)
            for index, _, part_lengths in found:
                lengths[index] = part_lengths
            heads = np.zeros(len(texts) + 1, dtype=np.int64)
            np.cumsum(lengths, out=heads[1:])
            codes = np.empty(int(heads[-1]), dtype=np.int64)
            for index, part_codes, part_lengths in found:
                codes[ranges(heads[:-1][index], part_lengths)] = part_codes
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths * 4, out=offsets[1:])
        digits = np.take(_CODE_QUADS, codes).view(np.uint8)
        return MessageSet._trusted(digits, offsets)

    def _encode_bytes(self, data: bytes, texts: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Codes of *texts* texts, normalised but for their white space and encoded in
        UTF-8 with a NUL word between texts; their words are found in NumPy.

        Returns the codes, end to end, and how many each text has.
        """
        self._sync_table()
        words = Words.of(data)
        head = np.arange(min(len(words), _SAMPLE))
        if head.size and (self._words.find(words, head) == -1).mean() > 0.05:
            self._learn({words.text(i) for i in head.tolist()})  # a vocabulary new to the book
        ids = self._words.find(words)
        missing = np.flatnonzero(ids == -1)  # new words, and words too long for the table
        # A book meeting a vocabulary for the first time: learn the words of a sample of
        # the misses (in text order, so the common words come first) and look again, so
        # that Python sees each new word about once, not each time it occurs.
        while missing.size > _SAMPLE:
            learned = self._learn({words.text(i) for i in missing[:_SAMPLE].tolist()})
            if not learned:
                break
            ids[missing] = self._words.find(words, missing)
            missing = missing[ids[missing] == -1]
        if missing.size:
            seen: dict[str, int] = {}
            for i in missing.tolist():
                word = words.text(i)
                known = seen.get(word)
                if known is None:
                    known = self._word_ids.get(word)
                    known = seen[word] = known if known is not None else self._word(word)
                ids[i] = known
        return self._encode_ids(ids, words.text, texts)

    def _learn(self, words: set[str]) -> int:
        """Register the words of *words* the book does not know; say how many were new."""
        new = [word for word in words if word not in self._word_ids]
        for word in new:
            self._word(word)
        self._sync_table()
        return len(new)

    def _sync_table(self) -> None:
        """Put the words registered since the last call into the NumPy word table."""
        new = range(self._table_holds, len(self._strings))
        if new:
            self._words.add([self._strings[i] for i in new], list(new))
            self._table_holds = len(self._strings)

    def _encode_ids(
        self, ids: NDArray[np.int64], word_at: Callable[[int], str], texts: int
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """From each word's id (NUL words between texts) to the codes of each text."""
        sep = ids == _SEP
        position = np.flatnonzero(~sep)
        text_of = np.cumsum(sep)[position]
        ids = ids[position]
        ids, text_of = self._join_marks(word_at, position, ids, text_of)
        ids, text_of = self._windows(ids, text_of)
        return self._assemble(ids, text_of, texts)

    def _join_marks(
        self,
        word_at: Callable[[int], str],
        position: NDArray[np.int64],
        ids: NDArray[np.int64],
        text_of: NDArray[np.int64],
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Join words around closing and opening marks, as normalisation removes the space."""
        if ids.size < 2:
            return ids, text_of
        flags = self._tables()["flags"][ids]
        join = np.zeros(ids.size, dtype=bool)
        join[1:] = ((flags[1:] & _CLOSES) | (flags[:-1] & _OPENS)).astype(bool)
        join[1:] &= text_of[1:] == text_of[:-1]
        if not join.any():
            return ids, text_of
        for start in np.flatnonzero(~join[:-1] & join[1:]).tolist():
            end = start + 1
            while end < join.size and join[end]:
                end += 1
            word = "".join(word_at(i) for i in position[start:end].tolist())
            known = self._word_ids.get(word)
            ids[start] = known if known is not None else self._word(word)
        keep = ~join
        return ids[keep], text_of[keep]

    def _windows(
        self, ids: NDArray[np.int64], text_of: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Replace each run of words that a phrase may run across by one window of them.

        Boundary ``b`` (after word ``b``) may be crossed only if word ``b`` ends with a
        phrase's start and the next word begins with the phrase's token after the space,
        or if boundary ``b - 1`` may be crossed and word ``b`` is a whole middle part of a
        phrase.  A window starts and ends at boundaries no phrase crosses, so encoding it
        alone is encoding it in place.
        """
        if ids.size < 2 or not self._pairs.size:
            return ids, text_of
        tables = self._tables()
        same = text_of[1:] == text_of[:-1]
        crossing = tables["crossing"][ids[:-1]]
        candidates = np.flatnonzero((crossing != -2) & same)
        keys = (
            crossing[candidates].astype(np.int64) * self._width
            + tables["first_token"][ids[candidates + 1]]
        )
        at = np.minimum(np.searchsorted(self._pairs, keys), self._pairs.size - 1)
        hit = candidates[(crossing[candidates] == _ALWAYS) | (self._pairs[at] == keys)]
        if not hit.size:
            return ids, text_of
        crossed = np.zeros(ids.size - 1, dtype=bool)
        crossed[hit] = True
        frontier = hit
        middle = (tables["flags"] & np.uint8(_MIDDLE)).astype(bool)
        for _ in range(self._spaces - 1):
            frontier = frontier[frontier + 1 < crossed.size] + 1
            frontier = frontier[middle[ids[frontier]] & same[frontier] & ~crossed[frontier]]
            if not frontier.size:
                break
            crossed[frontier] = True
        hit = np.flatnonzero(crossed)
        keep = np.ones(ids.size, dtype=bool)
        for run in np.split(hit, np.flatnonzero(np.diff(hit) != 1) + 1):
            first, last = int(run[0]), int(run[-1]) + 1  # words first..last, spaces between
            text = " ".join(self._strings[i] for i in ids[first : last + 1].tolist())
            known = self._word_ids.get(text)
            ids[first] = known if known is not None else self._word(text)
            keep[first + 1 : last + 1] = False
        return ids[keep], text_of[keep]

    def _assemble(
        self, ids: NDArray[np.int64], text_of: NDArray[np.int64], texts: int
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Gather each word's codes, with <SPACE> where a joiner makes the default wrong."""
        tables = self._tables()
        space = np.zeros(ids.size, dtype=bool)
        if ids.size > 1:
            flags = tables["flags"][ids]
            space[1:] = ((flags[:-1] & _END_EDGE) | (flags[1:] & _START_EDGE)).astype(bool)
            space[1:] &= text_of[1:] == text_of[:-1]
        items = ids
        if space.any():  # put the <SPACE> "word" before each word that needs it
            at = np.arange(ids.size, dtype=np.int64) + np.cumsum(space)
            items = np.empty(ids.size + int(at[-1] - ids.size + 1), dtype=np.int64)
            items[at] = ids
            items[at[space] - 1] = self._space_id
        lengths = tables["lengths"][items]
        starts = tables["heads"][items]
        out = tables["pool"][starts if (lengths == 1).all() else ranges(starts, lengths)]
        ends = np.zeros(ids.size + 1, dtype=np.int64)
        np.cumsum(tables["lengths"][ids] + space, out=ends[1:])
        # text_of never decreases: each text's codes end where the next text's words begin
        bounds = np.searchsorted(text_of, np.arange(texts + 1, dtype=np.int64))
        return out, np.diff(ends[bounds])


__all__ = ["BatchEncoder"]
