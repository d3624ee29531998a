"""Finding the words of a text in NumPy: white-space splitting and an exact word table.

:class:`WordTable` maps words (1 to 16 bytes of UTF-8) to integer ids and looks up every
word of a large byte buffer at once: the buffer is split at ASCII white space with array
operations, each word's bytes are packed into two 64-bit keys (exact: the key *is* the
word, with its length), and the keys are looked up in an open-addressing hash table held in
NumPy arrays.  It is the fast path of :mod:`cipherwire.codebook.encoder`, in place of
``str.split`` and a dictionary look-up per word; a word it cannot hold (longer than 16
bytes, or not yet in the table) is a miss, for the caller to handle in Python.

>>> table = WordTable()
>>> table.add(["WE", "AGREE", "."], [0, 1, 2])
>>> buffer = b"WE  AGREE\\tNOW ."
>>> ids, starts, ends = table.lookup(buffer)
>>> ids.tolist(), [buffer[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
([0, 1, -1, 2], [b'WE', b'AGREE', b'NOW', b'.'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: The ASCII characters ``str.split()`` treats as white space.
WHITE_SPACE = bytes([9, 10, 11, 12, 13, 28, 29, 30, 31, 32])
#: The longest word the table holds, in bytes (two 64-bit keys).
LONGEST = 16
_WORD_BYTE = bytes(0 if b in WHITE_SPACE else 1 for b in range(256))  # for bytes.translate
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [2**64 - 1], dtype=np.uint64)
_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xC2B2AE3D27D4EB4F)
_MISSING = -1
_EMPTY = -32  # the tag of an empty slot: no id, length 0


def split_spans(data: bytes) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Start and end offsets of the words of *data* as ``str.split()`` finds them in a
    text whose only white space is ASCII (:data:`WHITE_SPACE`: ``\\t \\n \\v \\f \\r``,
    the separators ``\\x1c``-``\\x1f`` and the space; ``bytes.split`` leaves out the
    separators).

    >>> split_spans(b" ab  c\\n")
    (array([1, 5]), array([3, 6]))
    """
    word = np.frombuffer(data.translate(_WORD_BYTE), dtype=np.int8)  # 1 in a word, else 0
    if not word.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    changes = np.flatnonzero(word[1:] != word[:-1]) + 1  # where a word starts or ends
    if word[0]:
        changes = np.concatenate([np.zeros(1, dtype=np.int64), changes])
    if word[-1]:
        changes = np.concatenate([changes, np.array([word.size], dtype=np.int64)])
    return changes[0::2], changes[1::2]


def _keys(
    padded: NDArray[np.uint8], starts: NDArray[np.int64], lengths: NDArray[np.int64]
) -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """Each word's first and second eight bytes as little-endian integers, zero beyond it.

    *padded* must have at least 16 bytes after the last word start.
    """
    windows = np.ndarray(
        shape=(padded.size - 7,), dtype="<u8", buffer=padded, offset=0, strides=(1,)
    )
    first = windows[starts]
    first &= _MASKS[np.minimum(lengths, 8)]
    second = np.zeros(starts.size, dtype=np.uint64)
    long = np.flatnonzero(lengths > 8)  # most words fit in the first key
    second[long] = windows[starts[long] + 8] & _MASKS[np.minimum(lengths[long] - 8, 8)]
    return first, second


def _slots(first: NDArray[np.uint64], second: NDArray[np.uint64], bits: int) -> NDArray[np.int64]:
    mixed = first * _MIX1
    mixed ^= second * _MIX2
    mixed >>= np.uint64(64 - bits)
    return mixed.view(np.int64)


class WordTable:
    """An exact table of short ASCII words and their ids, looked up in bulk."""

    def __init__(self) -> None:
        self._bits = 4
        self._empty(1 << self._bits)
        self._count = 0

    def _empty(self, size: int) -> None:
        """Make the table *size* empty slots: each a word's two keys and its tag (the
        word's id times 32 plus its length; ``_EMPTY`` for no word)."""
        self._first = np.zeros(size, dtype=np.uint64)
        self._second = np.zeros(size, dtype=np.uint64)
        self._tag = np.full(size, _EMPTY, dtype=np.int64)

    def __len__(self) -> int:
        return self._count

    def add(self, words: Sequence[str], ids: Sequence[int]) -> None:
        """Put *words* (new to the table) with their *ids*.

        A word is held by its UTF-8 bytes; one that does not fit (empty, or longer than
        :data:`LONGEST` bytes) is left out, and looking it up is always a miss.
        """
        pairs = [(w.encode("utf-8"), i) for w, i in zip(words, ids, strict=True)]
        keep = [(w, i) for w, i in pairs if 0 < len(w) <= LONGEST]
        if not keep:
            return
        encoded = [w for w, _ in keep]
        lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
        starts = np.zeros(len(encoded), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        padded = np.frombuffer(b"".join(encoded) + bytes(LONGEST), dtype=np.uint8)
        first, second = _keys(padded, starts, lengths)
        tags = np.array([i for _, i in keep], dtype=np.int64) * 32 + lengths
        if 4 * (self._count + len(keep)) > self._tag.size:  # at most a quarter full
            self._grow(self._count + len(keep))
        self._insert(first, second, tags)
        self._count += len(keep)

    def _grow(self, needed: int) -> None:
        held = self._tag != _EMPTY
        old = (self._first[held], self._second[held], self._tag[held])
        while (1 << self._bits) < 8 * needed:
            self._bits += 1
        self._empty(1 << self._bits)
        self._insert(*old)

    def _insert(
        self, first: NDArray[np.uint64], second: NDArray[np.uint64], tags: NDArray[np.int64]
    ) -> None:
        slots = _slots(first, second, self._bits)
        mask = (1 << self._bits) - 1
        todo = np.arange(tags.size)
        while todo.size:
            at = slots[todo]
            free = self._tag[at] == _EMPTY
            # of several new words wanting one free slot, the first takes it
            winner = np.zeros(todo.size, dtype=bool)
            winner[np.unique(at, return_index=True)[1]] = True
            place = free & winner
            chosen = todo[place]
            self._first[at[place]] = first[chosen]
            self._second[at[place]] = second[chosen]
            self._tag[at[place]] = tags[chosen]
            todo = todo[~place]
            slots[todo] = (slots[todo] + 1) & mask

    def lookup(self, data: bytes) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """The id of every white-space separated word of *data* (-1 for a miss), and
        each word's start and end offset."""
        words = Words.of(data)
        return self.find(words), words.starts, words.ends

    def find(self, words: Words, which: NDArray[np.int64] | None = None) -> NDArray[np.int64]:
        """The id of each of *words* (or of those at the positions *which*), -1 if none."""
        if which is None:
            first, second, lengths = words.first, words.second, words.lengths
        else:
            first, second, lengths = words.first[which], words.second[which], words.lengths[which]
        slots = _slots(first, second, self._bits)
        mask = (1 << self._bits) - 1
        # the first probe, for every word at once (a word longer than the table holds has
        # a length no slot has, so it finds no match and is a miss)
        tag = self._tag[slots]
        hit = self._first[slots] == first
        hit &= self._second[slots] == second
        hit &= tag & 31 == lengths  # the empty tag, -32, has length 0: never a match
        ids = np.where(hit, tag >> 5, _MISSING)
        todo = np.flatnonzero(~hit & (tag != _EMPTY))  # the slot holds another word
        while todo.size:  # linear probing, for the few that collided
            at = (slots[todo] + 1) & mask
            slots[todo] = at
            tag = self._tag[at]
            hit = (self._first[at] == first[todo]) & (self._second[at] == second[todo])
            hit &= tag & 31 == lengths[todo]
            ids[todo[hit]] = tag[hit] >> 5
            todo = todo[~hit & (tag != _EMPTY)]
        return ids


@dataclass(frozen=True, eq=False)
class Words:
    """The words of a byte buffer: where each starts and ends, and its two keys."""

    data: bytes
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]
    lengths: NDArray[np.int64]
    first: NDArray[np.uint64]
    second: NDArray[np.uint64]

    @classmethod
    def of(cls, data: bytes) -> Words:
        """Split *data* at ASCII white space (:func:`split_spans`) and key every word."""
        padded = np.frombuffer(data + bytes(LONGEST), dtype=np.uint8)
        starts, ends = split_spans(data)
        lengths = ends - starts
        first, second = _keys(padded, starts, lengths)
        return cls(data, starts, ends, lengths, first, second)

    def __len__(self) -> int:
        return int(self.starts.size)

    def text(self, i: int) -> str:
        """Word *i*, decoded from UTF-8."""
        return self.data[int(self.starts[i]) : int(self.ends[i])].decode("utf-8")


__all__ = ["LONGEST", "WHITE_SPACE", "WordTable", "Words", "split_spans"]
