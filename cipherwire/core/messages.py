"""Many messages at once: one flat array of digits and the offsets where each begins.

A :class:`MessageSet` holds ``m`` messages of decimal digits as Apache Arrow holds a list
column: ``digits`` (``uint8``, shape ``(n,)``) is every message's digits end to end and
``offsets`` (``int64``, shape ``(m + 1,)``) says where each one starts, so that an
operation on all of them (enciphering, regrouping, printing) is a few NumPy calls, never
a loop per message; :func:`ranges` is the index of a ragged gather.
docs/how-to/large-message-sets.md shows them at work.

>>> ms = MessageSet.from_texts(["2522", "0000007"])
>>> ms.lengths.tolist()
[4, 7]
>>> ms.regroup()[0].to_text()
'25220\\n00000 07000\\n'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Self, overload

import numpy as np
from numpy.typing import NDArray

from cipherwire.core.boundary import ascii_text, digits_from_ascii, digits_to_ascii
from cipherwire.core.kernels import add_mod10, sub_mod10
from cipherwire.core.operands import check_layout, check_offsets, check_range
from cipherwire.core.sizes import GROUP, GROUPS_PER_LINE
from cipherwire.errors import ArrayTypeError, ArrayValueError

_SPACE, _NEWLINE, _ZERO = ord(" "), ord("\n"), ord("0")


def ranges(starts: NDArray[np.int64], lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    """Concatenate ``arange(s, s + l)`` for each start and length, without a loop.

    The index array of a ragged gather: ``flat[ranges(starts, lengths)]`` is the pieces
    ``flat[s:s + l]`` end to end.

    >>> ranges(np.array([10, 0, 5]), np.array([2, 0, 3])).tolist()
    [10, 11, 5, 6, 7]
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    heads = np.cumsum(lengths) - lengths
    return np.repeat(np.asarray(starts, dtype=np.int64) - heads, lengths) + np.arange(
        int(heads[-1] + lengths[-1]) if lengths.size else 0, dtype=np.int64
    )


@dataclass(frozen=True, eq=False, repr=False)
class MessageSet:
    """Messages of decimal digits: a flat ``digits`` array and the ``offsets`` into it.

    ``digits`` is ``uint8``, shape ``(n,)``, values 0-9; ``offsets`` is ``int64``, shape
    ``(m + 1,)``, starting at 0, never decreasing and ending at ``n``.  Both are kept
    read-only.  Building a set checks all of this and raises
    :class:`~cipherwire.errors.ArrayTypeError` or :class:`~cipherwire.errors.ArrayValueError`
    naming what is wrong; use :meth:`from_arrays`, :meth:`from_lengths`,
    :meth:`from_list` or :meth:`from_texts`.  A set of no messages is a set like any
    other (``offsets == [0]``); operations that need messages refuse it.
    """

    digits: NDArray[np.uint8]
    offsets: NDArray[np.int64]

    def __post_init__(self) -> None:
        digits = self.digits
        if not isinstance(digits, np.ndarray):
            raise ArrayTypeError(
                f"digits must be a numpy.ndarray of dtype uint8, not {type(digits).__name__}"
            )
        if digits.dtype != np.uint8:
            raise ArrayTypeError(f"digits must have dtype uint8, not {digits.dtype}")
        if digits.ndim != 1:
            raise ArrayValueError(f"digits must be one-dimensional, not of shape {digits.shape}")
        offsets = check_offsets(self.offsets)
        check_layout(digits, offsets)
        try:
            check_range("digits", digits, 9)
        except ArrayValueError:
            at = int(np.argmax(digits > 9))
            message = int(np.searchsorted(offsets, at, side="right")) - 1
            raise ArrayValueError(
                f"digits holds {int(digits[at])!r} at position {at} (message {message}, "
                f"digit {at - int(offsets[message])}), not a digit (0-9)"
            ) from None
        self._freeze(digits, offsets)

    def _freeze(self, digits: NDArray[np.uint8], offsets: NDArray[np.int64]) -> None:
        digits, offsets = digits.view(), offsets.view()
        digits.setflags(write=False)
        offsets.setflags(write=False)
        object.__setattr__(self, "digits", digits)
        object.__setattr__(self, "offsets", offsets)

    @classmethod
    def _trusted(cls, digits: NDArray[np.uint8], offsets: NDArray[np.int64]) -> Self:
        """Wrap arrays an operation of this module made (known good) without checking."""
        made = object.__new__(cls)
        made._freeze(digits, offsets.astype(np.int64, copy=False))
        return made

    # -- named constructors -----------------------------------------------------------

    @classmethod
    def from_arrays(
        cls, digits: NDArray[np.uint8], offsets: NDArray[Any], *, copy: bool = True
    ) -> Self:
        """A set from a digit array and its offsets (any integer dtype), checked.

        With ``copy=False`` the set keeps read-only views of the arrays given (no copy
        of a large array); changing those arrays afterwards changes the set unchecked.
        """
        if copy and isinstance(digits, np.ndarray):
            digits = digits.copy()
        if copy and isinstance(offsets, np.ndarray):
            offsets = offsets.copy()
        return cls(digits, offsets)

    @classmethod
    def from_lengths(cls, digits: NDArray[np.uint8], lengths: Sequence[int] | NDArray[Any]) -> Self:
        """A set from a digit array and the length of each message, in order.

        Raises :class:`ArrayValueError` for a negative length or lengths that do not add
        up to the number of digits.
        """
        sizes = np.asarray(lengths)
        if sizes.dtype.kind not in "iu" or sizes.ndim != 1:
            if sizes.size == 0 and sizes.ndim == 1:
                sizes = sizes.astype(np.int64)
            else:
                raise ArrayTypeError("lengths must be a one-dimensional sequence of integers")
        if sizes.size and int(sizes.min()) < 0:
            i = int(np.argmax(sizes < 0))
            raise ArrayValueError(f"message {i} has a negative length {int(sizes[i])}")
        offsets = np.zeros(sizes.size + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        return cls.from_arrays(digits, offsets)

    @classmethod
    def from_list(cls, messages: Sequence[NDArray[np.uint8]]) -> Self:
        """A set from a list of digit arrays (one copy, end to end)."""
        for i, message in enumerate(messages):
            if not isinstance(message, np.ndarray) or message.dtype != np.uint8:
                raise ArrayTypeError(f"message {i} is not a numpy.ndarray of dtype uint8")
            if message.ndim != 1:
                raise ArrayValueError(f"message {i} is not one-dimensional: {message.shape}")
        lengths = np.fromiter((m.size for m in messages), dtype=np.int64, count=len(messages))
        digits = np.concatenate(messages) if messages else np.zeros(0, dtype=np.uint8)
        return cls.from_lengths(digits, lengths)

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Self:
        """A set from one string of ASCII digits per message (spaces allowed and ignored).

        Raises :class:`ArrayValueError` naming the message and position of the first
        character that is neither a digit nor a space.
        """
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise ArrayTypeError(f"message {i} is not a str: {text!r}")
            if "\n" in text:
                raise ArrayValueError(f"message {i} has a line break; give one line each")
        joined = "\n".join(texts) + "\n" if texts else ""
        return cls.from_text(joined)

    @classmethod
    def from_text(cls, text: str) -> Self:
        """Read the text form written by :meth:`to_text`: one message a line.

        Digits may be grouped with spaces in any way; every line, the last included,
        ends with a newline (a missing last newline is tolerated).  An empty line is an
        empty message.

        Raises :class:`ArrayValueError` naming the line (from 1) and column of the first
        character that is not a digit, a space or a line break.
        """
        if not isinstance(text, str):
            raise ArrayTypeError(f"text must be a str, not {type(text).__name__}")
        if text and not text.endswith("\n"):
            text += "\n"
        try:
            raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        except UnicodeEncodeError as exc:
            raise _text_error(text, exc.start) from None
        newline = raw == _NEWLINE
        keep = ~(newline | (raw == _SPACE))
        digits = raw[keep]
        try:
            digits = digits_from_ascii(digits)
        except ArrayValueError:
            bad = np.flatnonzero(keep)[int(np.argmax((digits - _ZERO) > 9))]
            raise _text_error(text, int(bad)) from None
        line_ends = np.flatnonzero(newline)
        offsets = np.zeros(line_ends.size + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(keep, dtype=np.int64)[line_ends]
        return cls._trusted(digits, offsets)

    # -- the text form ----------------------------------------------------------------

    def to_text(self, *, group: int = GROUP) -> str:
        """One line per message: its digits in groups of *group*, single spaces between.

        The last group of a message may be short; an empty message is an empty line.
        :meth:`from_text` reads it back.
        """
        if isinstance(group, bool) or not isinstance(group, int) or group < 1:
            raise ArrayValueError(f"group must be an int of 1 or more, not {group!r}")
        lengths = self.lengths
        seps = np.maximum(lengths - 1, 0) // group + 1  # spaces and the newline
        out_lengths = lengths + seps
        out_offsets = np.zeros(len(self) + 1, dtype=np.int64)
        np.cumsum(out_lengths, out=out_offsets[1:])
        out = np.full(int(out_offsets[-1]), _SPACE, dtype=np.uint8)
        within = np.arange(self.size, dtype=np.int64) - np.repeat(self.offsets[:-1], lengths)
        dest = np.repeat(out_offsets[:-1], lengths) + within + within // group
        out[dest] = digits_to_ascii(self.digits, check=False)
        out[out_offsets[1:] - 1] = _NEWLINE
        return ascii_text(out)

    # -- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of messages."""
        return int(self.offsets.size - 1)

    @property
    def size(self) -> int:
        """The number of digits in all messages."""
        return int(self.digits.size)

    @property
    def lengths(self) -> NDArray[np.int64]:
        """Each message's number of digits (``int64``, shape ``(m,)``)."""
        return np.diff(self.offsets)

    def message_ids(self) -> NDArray[np.int64]:
        """The message each digit belongs to (``int64``, shape ``(n,)``)."""
        return np.repeat(np.arange(len(self), dtype=np.int64), self.lengths)

    @overload
    def __getitem__(self, index: int) -> NDArray[np.uint8]: ...
    @overload
    def __getitem__(self, index: slice) -> MessageSet: ...
    def __getitem__(self, index: int | slice) -> NDArray[np.uint8] | MessageSet:
        """Message *index* (a read-only view of its digits), or a set of a slice of them."""
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self))
            if step != 1:
                return self.take(np.arange(first, stop, step))
            stop = max(stop, first)
            lo, hi = int(self.offsets[first]), int(self.offsets[stop])
            return MessageSet._trusted(self.digits[lo:hi], self.offsets[first : stop + 1] - lo)
        if isinstance(index, bool) or not isinstance(index, int | np.integer):
            raise ArrayTypeError(f"a message index is an int or a slice, not {index!r}")
        i = int(index) + (len(self) if index < 0 else 0)
        if not 0 <= i < len(self):
            raise IndexError(f"message {index} of a set of {len(self)}")
        return self.digits[int(self.offsets[i]) : int(self.offsets[i + 1])]

    def __iter__(self) -> Iterator[NDArray[np.uint8]]:
        for i in range(len(self)):
            yield self[i]

    def texts(self) -> list[str]:
        """Each message's digits as one string (no spaces)."""
        text = ascii_text(digits_to_ascii(self.digits, check=False))
        bounds = self.offsets.tolist()
        return [text[lo:hi] for lo, hi in itertools.pairwise(bounds)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MessageSet):
            return NotImplemented
        return np.array_equal(self.offsets, other.offsets) and np.array_equal(
            self.digits, other.digits
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if len(self) <= 4 and self.size <= 60:
            return f"MessageSet.from_texts({self.texts()!r})"
        return f"<MessageSet messages={len(self)} digits={self.size}>"

    # -- bulk operations ----------------------------------------------------------------

    def take(self, indices: Sequence[int] | NDArray[Any]) -> MessageSet:
        """A set of the messages at *indices*, in that order (repeats allowed)."""
        index = np.asarray(indices, dtype=np.int64).reshape(-1)
        if index.size and (int(index.min()) < -len(self) or int(index.max()) >= len(self)):
            raise IndexError(f"a message index is out of range for a set of {len(self)}")
        index = np.where(index < 0, index + len(self), index)
        lengths = self.lengths[index]
        offsets = np.zeros(index.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return MessageSet._trusted(self.digits[ranges(self.offsets[index], lengths)], offsets)

    @classmethod
    def concat(cls, sets: Sequence[MessageSet]) -> MessageSet:
        """All messages of *sets*, in order, as one set."""
        if not sets:
            return MessageSet._trusted(np.zeros(0, np.uint8), np.zeros(1, np.int64))
        digits = np.concatenate([s.digits for s in sets])
        shifts = np.cumsum([0] + [s.size for s in sets[:-1]])
        offsets = np.concatenate(
            [np.zeros(1, np.int64)]
            + [s.offsets[1:] + shift for s, shift in zip(sets, shifts, strict=True)]
        )
        return MessageSet._trusted(digits, offsets)

    def regroup(self, size: int = GROUP, *, fill: int = 0) -> tuple[MessageSet, NDArray[np.int64]]:
        """Complete every message to whole groups of *size* with filler digits *fill*.

        Returns the new set and how many filler digits each message got (0 to size - 1),
        as a clerk completes the last five-figure group with zeros.
        """
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ArrayValueError(f"size must be an int of 1 or more, not {size!r}")
        if isinstance(fill, bool) or not isinstance(fill, int) or not 0 <= fill <= 9:
            raise ArrayValueError(f"fill must be a digit 0-9, not {fill!r}")
        lengths = self.lengths
        filler = -lengths % size
        offsets = np.zeros(len(self) + 1, dtype=np.int64)
        np.cumsum(lengths + filler, out=offsets[1:])
        if not filler.any():  # whole groups already
            return MessageSet._trusted(self.digits.copy(), offsets), filler
        out = np.full(int(offsets[-1]), fill, dtype=np.uint8)
        # the digits go everywhere but the filler at each message's end: a mask of one
        # byte a digit, where an index of every digit would take eight
        keep = np.ones(out.size, dtype=bool)
        keep[ranges(offsets[1:] - filler, filler)] = False
        out[keep] = self.digits
        return MessageSet._trusted(out, offsets), filler

    def groups(self, size: int = GROUP) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
        """The digits as groups, ``(g, size)``, and each message's group offsets ``(m + 1,)``.

        Raises :class:`ArrayValueError` if a message is not whole groups (see
        :meth:`regroup`).
        """
        lengths = self.lengths
        if lengths.size and int((lengths % size).max()) != 0:
            i = int(np.argmax(lengths % size != 0))
            raise ArrayValueError(
                f"message {i} has {int(lengths[i])} digits, not whole groups of {size}"
            )
        return self.digits.reshape(-1, size), self.offsets // size

    def printed_groups(
        self, *, size: int = GROUP, per_line: int = GROUPS_PER_LINE
    ) -> tuple[str, NDArray[np.int64]]:
        """Every message printed as groups, *per_line* to a line, in one string.

        Each message's text is its groups separated by spaces, each line (the last
        included) ending with a newline; message ``i`` is ``text[at[i]:at[i + 1]]``.
        Made in one pass for all messages; raises :class:`ArrayValueError` if a message
        is not whole groups.

        >>> text, at = MessageSet.from_texts(["1234567890", "", "55555"]).printed_groups(per_line=1)
        >>> text, at.tolist()
        ('12345\\n67890\\n55555\\n', [0, 12, 12, 18])
        """
        if isinstance(per_line, bool) or not isinstance(per_line, int) or per_line < 1:
            raise ArrayValueError(f"per_line must be an int of 1 or more, not {per_line!r}")
        groups, heads = self.groups(size)
        counts = np.diff(heads)
        cells = np.empty((groups.shape[0], size + 1), dtype=np.uint8)
        np.add(groups, _ZERO, out=cells[:, :size])
        cells[:, size] = _SPACE
        full = counts // per_line  # whole lines: a newline after their last group
        line = ranges(np.zeros(len(self), dtype=np.int64), full)  # 0, 1, ... in each message
        cells[np.repeat(heads[:-1], full) + line * per_line + per_line - 1, size] = _NEWLINE
        cells[heads[1:][counts > 0] - 1, size] = _NEWLINE
        return ascii_text(cells), heads * (size + 1)

    def _check_key(self, key: MessageSet | NDArray[np.uint8]) -> NDArray[np.uint8]:
        if isinstance(key, MessageSet):
            if not np.array_equal(key.offsets, self.offsets):
                raise ArrayValueError(
                    "the key set's messages are not as long as the text's: "
                    f"lengths {key.lengths[:5].tolist()}... against {self.lengths[:5].tolist()}..."
                )
            return key.digits
        if not isinstance(key, np.ndarray) or key.dtype != np.uint8 or key.ndim != 1:
            raise ArrayTypeError("a key is a MessageSet or a one-dimensional uint8 array")
        if key.size != self.size:
            raise ArrayValueError(f"the key has {key.size} digits, the messages {self.size}")
        return key

    def encipher(self, key: MessageSet | NDArray[np.uint8]) -> MessageSet:
        """Add *key* (a set of the same shape, or a flat array as long) without carry."""
        flat = self._check_key(key)
        checked = not isinstance(key, MessageSet)
        return MessageSet._trusted(add_mod10(self.digits, flat, check=checked), self.offsets)

    def decipher(self, key: MessageSet | NDArray[np.uint8]) -> MessageSet:
        """Subtract *key* (a set of the same shape, or a flat array as long) without borrow."""
        flat = self._check_key(key)
        checked = not isinstance(key, MessageSet)
        return MessageSet._trusted(sub_mod10(self.digits, flat, check=checked), self.offsets)


def _text_error(text: str, at: int) -> ArrayValueError:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return ArrayValueError(
        f"line {line}, column {column}: {text[at]!r} is not a digit, a space or a line break"
    )


__all__ = ["MessageSet", "ranges"]
