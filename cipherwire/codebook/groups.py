"""The code-group stream: how a book's table carries text as four-figure groups, and back.

This is the grammar under :class:`~cipherwire.codebook.book.Codebook`: a message is a
sequence of pieces (a book entry, matched longest first; a punctuation mark; a word spelled
between ``<SPELL>`` and ``<END SPELL>``; a digit run between ``<FIGURES>`` and ``<END
FIGURES>``; ``<CHAR>`` and a code point), with ``<SPACE>`` or ``<JOIN>`` between two pieces
whose spacing is not the default.  docs/explanation/codebooks.md explains each piece.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from cipherwire.codebook import spelling
from cipherwire.core.sizes import CODE
from cipherwire.errors import CodebookError

_PLACES = 10 ** np.arange(CODE - 1, -1, -1, dtype=np.int64)  # 1000, 100, 10, 1
_TEXT, _UNIT, _SPELL, _END_SPELL, _FIGURES, _END_FIGURES, _CHAR, _SPACE, _JOIN = range(9)
_CONTROL_KINDS = {
    spelling.SPELL: _SPELL,
    spelling.END_SPELL: _END_SPELL,
    spelling.FIGURES: _FIGURES,
    spelling.END_FIGURES: _END_FIGURES,
    spelling.CHAR: _CHAR,
    spelling.SPACE: _SPACE,
    spelling.JOIN: _JOIN,
}
_UNIT_NAMES = {f"<{unit}>": unit for unit in spelling.SPELL_UNITS}
_PUNCTUATION_NAMES = {name: char for char, name in spelling.PUNCTUATION.items()}


class GroupTable:
    """Lookup structures built once from a book's ``(plaintext, code)`` entries.

    The entries must hold every name in :data:`cipherwire.codebook.spelling.RESERVED`; phrases
    are indexed by their first token with their lengths in tokens, longest first, so
    matching costs a few dictionary look-ups a token.
    """

    def __init__(self, entries: tuple[tuple[str, int], ...]) -> None:
        self.code_of = dict(entries)
        self.names = {code: text for text, code in entries}
        self.kinds: dict[int, tuple[int, str]] = {}
        #: The words, phrases and marks: code -> (text, whether the default puts no space
        #: before it, and none after it), for the decoder's fast path.
        self.texts: dict[int, tuple[str, bool, bool]] = {}
        self.single: dict[str, tuple[int, int]] = {}
        self.phrases: dict[tuple[str, ...], tuple[int, int]] = {}
        self.punctuation: dict[str, int] = {}
        sizes: dict[str, set[int]] = {}
        for text, code in entries:
            if text in _CONTROL_KINDS:
                self.kinds[code] = (_CONTROL_KINDS[text], text)
            elif text in _UNIT_NAMES:
                self.kinds[code] = (_UNIT, _UNIT_NAMES[text])
            elif text in _PUNCTUATION_NAMES:
                self.kinds[code] = (_TEXT, _PUNCTUATION_NAMES[text])
                self.punctuation[_PUNCTUATION_NAMES[text]] = code
            else:
                self.kinds[code] = (_TEXT, text)
                tokens, kinds = spelling.tokenise(text)
                value = (code, kinds.count(spelling.LETTERS))
                if len(tokens) == 1:
                    self.single[text] = value
                else:
                    self.phrases[tuple(tokens)] = value
                    sizes.setdefault(tokens[0], set()).add(len(tokens))
        self.sizes = {first: tuple(sorted(s, reverse=True)) for first, s in sizes.items()}
        for code, (kind, text) in self.kinds.items():
            if kind == _TEXT:
                self.texts[code] = (text, spelling.tight_before(text), spelling.tight_after(text))
        self.units = {unit: self.code_of[f"<{unit}>"] for unit in spelling.SPELL_UNITS}
        self.spell = self.code_of[spelling.SPELL]
        self.end_spell = self.code_of[spelling.END_SPELL]
        self.figures = self.code_of[spelling.FIGURES]
        self.end_figures = self.code_of[spelling.END_FIGURES]
        self.char = self.code_of[spelling.CHAR]
        self.space = self.code_of[spelling.SPACE]
        self.join = self.code_of[spelling.JOIN]


def encode_text(table: GroupTable, text: str) -> tuple[list[int], int, int]:
    """Return the codes for an already normalised ``text``, its word count and spelled count.

    Words are letter runs; a word is spelled when no entry carries it.
    """
    tokens, kinds = spelling.tokenise(text)
    out: list[int] = []
    previous: str | None = None
    spaced = False
    words = spelled = 0
    count = len(tokens)
    start = 0
    while start < count:
        token, kind = tokens[start], kinds[start]
        if kind == spelling.SPACE_TOKEN:
            spaced, start = True, start + 1
            continue
        end = start + 1
        match = None
        for size in table.sizes.get(token, ()):
            match = table.phrases.get(tuple(tokens[start : start + size]))
            if match is not None:
                end = start + size
                break
        else:
            match = table.single.get(token)
        piece = "".join(tokens[start:end])
        if match is not None:
            codes, words = [match[0]], words + match[1]
        elif kind == spelling.LETTERS:
            codes, words, spelled = _spell(table, token), words + 1, spelled + 1
        elif kind == spelling.DIGITS:
            codes = [table.figures, *spelling.pack_figures(token), table.end_figures]
        elif token in table.punctuation:
            codes = [table.punctuation[token]]
        else:
            codes = [table.char, *spelling.pack_code_point(token)]
        if previous is not None and spaced != spelling.default_space(previous, piece):
            out.append(table.space if spaced else table.join)
        out.extend(codes)
        previous, spaced, start = piece, False, end
    return out, words, spelled


def _spell(table: GroupTable, word: str) -> list[int]:
    codes = [table.spell]
    for unit in spelling.spell_units(word):
        code = table.units.get(unit)
        if code is None:
            codes.extend((table.char, *spelling.pack_code_point(unit)))
        else:
            codes.append(code)
    codes.append(table.end_spell)
    return codes


def digits_from_groups(codes: list[int]) -> NDArray[np.uint8]:
    """Spell codes 0-9999 as digits: ``uint8``, shape ``(4 * len(codes),)``.

    >>> digits_from_groups([2522, 7]).tolist()
    [2, 5, 2, 2, 0, 0, 0, 7]
    """
    values = np.array(codes, dtype=np.int64).reshape(-1, 1)
    return ((values // _PLACES) % 10).astype(np.uint8).reshape(-1)


def groups_from_digits(digits: NDArray[np.uint8]) -> list[int]:
    """Check a digit array (1-D ``uint8``, values 0-9, whole groups) and read its codes.

    >>> groups_from_digits(np.array([2, 5, 2, 2, 0, 0, 0, 7], dtype=np.uint8))
    [2522, 7]
    """
    if not isinstance(digits, np.ndarray):
        raise CodebookError(
            f"code digits must be a numpy uint8 array, not {type(digits).__name__!r}"
        )
    if digits.dtype != np.uint8:
        raise CodebookError(f"code digits must have dtype 'uint8', not {str(digits.dtype)!r}")
    if digits.ndim != 1:
        raise CodebookError(f"code digits must be one-dimensional, not shape {digits.shape!r}")
    whole, rest = divmod(digits.size, CODE)
    if rest:
        tail = "".join(str(int(d)) for d in digits[CODE * whole :])
        raise CodebookError(
            f"{digits.size} digits are not whole four-figure groups: last group {tail!r} is short",
            group=whole + 1,
        )
    wrong = np.flatnonzero(digits > 9)
    if wrong.size:
        at = int(wrong[0])
        group = digits[at - at % CODE : at - at % CODE + CODE].tolist()
        raise CodebookError(
            f"digit value {int(digits[at])!r} in {group!r} is not a figure 0-9",
            group=at // CODE + 1,
        )
    codes: list[int] = (digits.reshape(-1, CODE).astype(np.int64) @ _PLACES).tolist()
    return codes


def read_groups(table: GroupTable, codes: list[int]) -> tuple[str, list[tuple[int, str]]]:
    """Decode codes leniently: return the text and ``(group, message)`` problems in order.

    Each group that cannot be read (not in the book, or out of place) is numbered from 1
    in the problems and shown as ``[?1234]`` in the text.
    """
    return _Reader(table, codes).read()


class _Reader:
    """One pass of the decoder over a list of codes; collects the problems it meets."""

    def __init__(self, table: GroupTable, codes: list[int]) -> None:
        self.table = table
        self.codes = codes
        self.parts: list[str] = []
        self.previous: str | None = None
        self.tight: bool = False  # no space after the previous piece by default
        self.override: bool | None = None
        self.override_at = 0
        self.problems: list[tuple[int, str]] = []

    def flag(self, at: int, why: str, *, entry: bool = True) -> str:
        """Record a problem with the group at 0-based ``at``; return its ``[?1234]`` mark.

        ``entry`` is false for a group that carries a value (figures, half a code point)
        rather than a book entry: its problem is ``why``, in the book or not.
        """
        code = self.codes[at]
        if code < 0:  # digits that arrived unreadable (see Codebook.decode_groups)
            self.problems.append((at + 1, "code group was garbled in transit"))
            return "[?]"
        quoted = repr(f"{code:04d}")
        name = self.table.names.get(code)
        if name is None and entry:
            self.problems.append((at + 1, f"code group {quoted} is not in the book"))
        elif name is None:
            self.problems.append((at + 1, f"code group {quoted} {why}"))
        else:
            self.problems.append((at + 1, f"code group {quoted} ({name}) {why}"))
        return f"[?{code:04d}]"

    def put(self, piece: str) -> None:
        """Append one piece of text, with the space the default rule or an override gives
        (:func:`cipherwire.codebook.spelling.default_space`)."""
        if self.previous is not None:
            space = self.override
            if space is None:
                space = not (self.tight or spelling.tight_before(piece))
            if space:
                self.parts.append(" ")
        self.parts.append(piece)
        self.previous, self.override, self.tight = piece, None, spelling.tight_after(piece)

    def read_texts(self, at: int) -> int:
        """Put the run of words and marks from ``at`` (each one group of the book, the
        common case: :meth:`put` inlined, on the table's spacing flags); return the index
        after the run."""
        texts, codes, parts = self.table.texts, self.codes, self.parts
        count = len(codes)
        previous, override, tight = self.previous, self.override, self.tight
        while at < count:
            found = texts.get(codes[at])
            if found is None:
                break
            piece, before, after = found
            if previous is not None and (not (tight or before) if override is None else override):
                parts.append(" ")
            parts.append(piece)
            previous, override, tight = piece, None, after
            at += 1
        self.previous, self.override, self.tight = previous, override, tight
        return at

    def read(self) -> tuple[str, list[tuple[int, str]]]:
        """Decode every group; return the text and the problems sorted by group."""
        at, count = 0, len(self.codes)
        while at < count:
            at = self.read_texts(at)
            if at == count:
                break
            entry = self.table.kinds.get(self.codes[at])
            if entry is None:
                self.put(self.flag(at, ""))
                at += 1
                continue
            kind, text = entry
            if kind == _TEXT:
                self.put(text)
                at += 1
            elif kind in (_SPACE, _JOIN):
                if self.previous is None or self.override is not None:
                    self.put(self.flag(at, "is out of place: it must stand between two pieces"))
                else:
                    self.override, self.override_at = kind == _SPACE, at
                at += 1
            elif kind == _SPELL:
                at = self.read_spelling(at)
            elif kind == _FIGURES:
                at = self.read_figures(at)
            elif kind == _CHAR:
                char, at = self.read_char(at)
                self.put(char)
            else:
                self.put(self.flag(at, "is out of place: no spelling or figures are open"))
                at += 1
        if self.override is not None:
            self.parts.append(" " + self.flag(self.override_at, "is out of place at the end"))
        self.problems.sort()
        return "".join(self.parts), self.problems

    def read_char(self, at: int) -> tuple[str, int]:
        """Read ``<CHAR>`` and its two groups at ``at``; return the character and next index."""
        if at + 2 >= len(self.codes):
            return self.flag(at, "is cut short: it needs two groups after it"), at + 1
        high, low = self.codes[at + 1], self.codes[at + 2]
        if high < 0 or low < 0:  # half the code point arrived unreadable: the character is lost
            why = "gives no code point: the other group after <CHAR> was garbled in transit"
            return self.flag(at + 1, why, entry=False) + self.flag(at + 2, why, entry=False), at + 3
        char = spelling.unpack_code_point(high, low)
        if char is None:
            first, second = _code_point_faults(high, low)
            marks = self.flag(at + 1, first, entry=False) + self.flag(at + 2, second, entry=False)
            return marks, at + 3
        return char, at + 3

    def read_spelling(self, start: int) -> int:
        """Read a spelled word from ``<SPELL>`` at ``start``; return the next index."""
        letters: list[str] = []
        at, count = start + 1, len(self.codes)
        closed = False
        while at < count and not closed:
            entry = self.table.kinds.get(self.codes[at])
            if entry is not None and entry[0] == _UNIT:
                letters.append(entry[1])
                at += 1
            elif entry is not None and entry[0] == _CHAR:
                char, at = self.read_char(at)
                letters.append(char)
            elif entry is not None and entry[0] == _END_SPELL:
                if not letters:
                    letters.append(self.flag(at, "is out of place: the spelling is empty"))
                closed, at = True, at + 1
            elif entry is None:
                letters.append(self.flag(at, ""))
                at += 1
            else:
                letters.append(self.flag(at, "is out of place inside a spelling"))
                closed, at = True, at + 1
        if not closed:
            letters.insert(0, self.flag(start, "is never closed by <END SPELL>"))
        self.put("".join(letters))
        return at

    def read_figures(self, start: int) -> int:
        """Read a digit run from ``<FIGURES>`` at ``start``; return the next index."""
        digits: list[str] = []
        at, count = start + 1, len(self.codes)
        while at < count:
            figures = spelling.unpack_figures(self.codes[at])
            if figures is None:
                why = f"is not a figure group: {_figures_fault(self.codes[at])}"
                digits.append(self.flag(at, why, entry=False))
                at += 1
                break
            digits.append(figures[0])
            at += 1
            if figures[1]:
                if at < count and self.codes[at] == self.table.end_figures:
                    at += 1
                elif at < count:
                    digits.append(self.flag(at, "is out of place: <END FIGURES> expected"))
                    at += 1
                else:
                    digits.insert(0, self.flag(start, "is never closed by <END FIGURES>"))
                break
        else:
            digits.insert(0, self.flag(start, "is never closed by <END FIGURES>"))
        self.put("".join(digits))
        return at


def _figures_fault(code: int) -> str:
    """What makes ``code`` no figure group (``T D D D``: T 0 to 3, zeros after T figures)."""
    count, body = divmod(code, 1000)
    if not 0 <= count <= 3:
        return (
            f"its first figure {count} is neither 0 (three figures, more groups follow) "
            "nor 1 to 3 (the figures in the last group)"
        )
    filler = f"{body:03d}"[count:]
    return f"the last group holds {count} figure(s), so its filler {filler!r} must be zeros"


def _code_point_faults(high: int, low: int) -> tuple[str, str]:
    """What is wrong with each of the two groups after ``<CHAR>`` that name no code point."""
    top_high, top_low = divmod(spelling.MAX_CODE_POINT, 10_000)
    top = f"U+{spelling.MAX_CODE_POINT:X} is '{top_high:04d}' '{top_low:04d}'"
    if high > top_high:
        return (
            f"is out of range after <CHAR>: a code point's first group is at most "
            f"'{top_high:04d}' ({top})",
            f"gives no code point after <CHAR> '{high:04d}', which is out of range",
        )
    return (
        f"gives no code point before '{low:04d}', which is out of range after it",
        f"is out of range after <CHAR> '{high:04d}': a code point's second group is then "
        f"at most '{top_low:04d}' ({top})",
    )


__all__ = [
    "GroupTable",
    "digits_from_groups",
    "encode_text",
    "groups_from_digits",
    "read_groups",
]
