"""A faulty pad factory: pad books with pages duplicated into other books (the 1942 fault).

In early 1942 the Soviet pad producer printed duplicate pages and shipped them to unrelated
users, each page reused at most once (DOMAIN.md §3).  :func:`produce` makes the pad books of
several links that way: each book's pages are fresh but for a given fraction of all pages,
which are whole copies, indicator included, of pages of *another* link's book (which pages,
uniformly at random and never within one book, is our model).  A faulty book is never made
by accident: it must be asked for, every book with a duplicate says so itself
(:attr:`PadBook.fault <cipherwire.pad.book.PadBook.fault>`), and the :class:`Production`
record lists every duplicated page.  The digits come from the operating system's secure
generator or, with a seed, the labelled classroom stream.  docs/tutorial/venona.md uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from cipherwire.core.csprng import random_digits
from cipherwire.core.sizes import GROUP, GROUPS_PER_PAGE
from cipherwire.errors import PadBookError, TrafficError
from cipherwire.pad.book import PadBook
from cipherwire.pad.bookfile import MAX_PAGES

_WEIGHTS = np.array([10_000, 1_000, 100, 10, 1], dtype=np.int64)
_NAME = re.compile(r"[A-Z][A-Z -]*[A-Z]")


@dataclass(frozen=True)
class Duplicate:
    """One duplicated page: ``original`` page of book ``source`` printed again as page
    ``copy`` of book ``target`` (book names as in :attr:`Production.books`)."""

    source: str
    original: int
    target: str
    copy: int


@dataclass(frozen=True)
class Production:
    """What :func:`produce` made: the books (one per link), their sizes and files, and
    every duplicated page."""

    books: tuple[str, ...]
    pages: tuple[int, ...]
    paths: tuple[Path, ...]
    duplicates: tuple[Duplicate, ...]
    seed: int | None

    def book_seed(self, index: int) -> int | None:
        """The classroom seed of book ``index`` (``seed * 1000 + index``), or None."""
        return None if self.seed is None else self.seed * 1000 + index


def file_name(book: str) -> str:
    """The file a book is kept in: ``NEW YORK`` -> ``new-york.padbook``."""
    return book.lower().replace(" ", "-") + ".padbook"


def produce(
    folder: Path,
    books: Sequence[str],
    pages: Sequence[int],
    *,
    duplicate_fraction: float,
    seed: int | None = None,
    groups_per_page: int = GROUPS_PER_PAGE,
) -> Production:
    """Print the pad books of ``books`` (one per link) into ``folder``, ``pages[i]`` pages
    for book ``i``, with ``round(duplicate_fraction * sum(pages))`` pages duplicated.

    Raises :class:`~cipherwire.errors.TrafficError` for a fraction outside 0 to 0.5, too
    few books to duplicate between, a book name that is not capital letters (and spaces
    or hyphens inside), or a size out of range; what :meth:`PadBook.from_pages
    <cipherwire.pad.book.PadBook.from_pages>` and :meth:`PadBook.create
    <cipherwire.pad.book.PadBook.create>` raise for the files.
    """
    books, sizes = tuple(books), tuple(pages)
    _check(books, sizes, duplicate_fraction)
    paths = [folder / file_name(name) for name in books]
    for path in paths:  # refused before any book is written
        if path.exists() or path.is_symlink():
            raise PadBookError(f"will not overwrite {str(path)!r}: the file exists")
    size = groups_per_page * GROUP
    choose = np.random.default_rng(None if seed is None else [seed, 42])
    # Each book's stream runs on past its pages: the rest redraws repeated indicators.
    digits = [
        _draw(n * size + _spare(n), None if seed is None else seed * 1000 + i)
        for i, n in enumerate(sizes)
    ]
    sheets = [d[: n * size].reshape(n, size) for d, n in zip(digits, sizes, strict=True)]
    duplicates = _choose(choose, books, sizes, round(duplicate_fraction * sum(sizes)))
    # The factory numbers its pages: an indicator is printed on one page of all the
    # books (our model), so a repeated indicator is always a duplicated page.
    taken = np.zeros(10**GROUP, dtype=bool)
    keep = [np.zeros(n, dtype=bool) for n in sizes]
    index = {name: i for i, name in enumerate(books)}
    for dup in duplicates:
        a, b = index[dup.source], index[dup.target]
        value = int(sheets[a][dup.original - 1, :GROUP].astype(np.int64) @ _WEIGHTS)
        if taken[value]:  # two duplicated pages drew one indicator: redraw the original's
            spare = _draw(GROUP * 64, None if seed is None else -(seed * 1000 + a) - 1)
            fresh = spare.reshape(-1, GROUP).astype(np.int64) @ _WEIGHTS
            pick = int(np.flatnonzero(~taken[fresh])[0])
            sheets[a][dup.original - 1, :GROUP] = spare[pick * GROUP : (pick + 1) * GROUP]
            value = int(fresh[pick])
        taken[value] = True
        sheets[b][dup.copy - 1] = sheets[a][dup.original - 1]
        keep[a][dup.original - 1] = keep[b][dup.copy - 1] = True
    for i in range(len(books)):
        _unique_indicators(sheets[i], keep[i], taken, digits[i][sizes[i] * size :])
    written: list[Path] = []
    try:
        for i, (name, path) in enumerate(zip(books, paths, strict=True)):
            mine = sum(name in (d.source, d.target) for d in duplicates)
            fault = (
                f"FAULTY PRODUCTION (VENONA LESSON): {mine} of {sizes[i]} pages are also "
                "printed in another book"
                if mine
                else "VENONA LESSON PAD FACTORY: no page duplicated in this book"
            )
            book_seed = None if seed is None else seed * 1000 + i
            PadBook.from_pages(path, sheets[i], seed=book_seed, fault=fault).close()
            written.append(path)
    except BaseException:
        for path in written:  # all the books or none
            path.unlink(missing_ok=True)
        raise
    return Production(books, sizes, tuple(paths), duplicates, seed)


def _check(books: tuple[str, ...], sizes: tuple[int, ...], fraction: float) -> None:
    if not books or len(books) != len(sizes):
        raise TrafficError(f"need one page count per book: {len(books)} books, {len(sizes)} counts")
    for name in books:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise TrafficError(f"a book is named in capitals, e.g. 'NEW YORK', not {name!r}")
    if len(set(books)) != len(books):
        raise TrafficError(f"two books share a name: {books!r}")
    for n in sizes:
        if not (isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_PAGES):
            raise TrafficError(f"a book has 1 to {MAX_PAGES} pages, not {n!r}")
    if isinstance(fraction, bool) or not (
        isinstance(fraction, int | float) and 0 <= fraction <= 0.5
    ):
        raise TrafficError(f"the duplicate fraction is from 0 to 0.5, not {fraction!r}")
    if fraction > 0 and len(books) < 2:
        raise TrafficError("pages are duplicated into another link's book: need two or more books")


def _spare(pages: int) -> int:
    """Digits drawn beyond a book's pages for redrawing indicators: enough for every page
    (about ``pages * all pages / 100,000`` repeat one already taken)."""
    return GROUP * (pages + 64)


def _draw(n: int, seed: int | None) -> NDArray[np.uint8]:
    return random_digits(n) if seed is None else random_digits(n, seed=seed)


def _choose(
    rng: np.random.Generator, books: tuple[str, ...], sizes: tuple[int, ...], count: int
) -> tuple[Duplicate, ...]:
    """``count`` (original, copy) pairs of pages in different books, no page used twice.

    The pages are taken in a random order; each is paired, if it can be, with a page of
    another book still waiting (of the book with the most waiting), the earlier of the two
    the original: greedy, and never short of pairs while two books have pages waiting.
    """
    total = sum(sizes)
    most = min(total // 2, total - max(sizes))  # the most pairs across books there can be
    if count > most:
        raise TrafficError(
            f"cannot duplicate {count} of {total} pages: each is copied at most once, "
            f"into another book ({most} at most here)"
        )
    starts = np.cumsum((0, *sizes))
    waiting: list[list[int]] = [[] for _ in books]
    out: list[Duplicate] = []
    for slot in rng.permutation(total).tolist():
        if len(out) == count:
            break
        book = int(np.searchsorted(starts, slot, side="right") - 1)
        other = max(
            (b for b in range(len(books)) if b != book and waiting[b]),
            key=lambda b: len(waiting[b]),
            default=None,
        )
        if other is None:
            waiting[book].append(slot)
            continue
        original = waiting[other].pop()
        out.append(  # the page seen first is the original
            Duplicate(
                books[other],
                original - int(starts[other]) + 1,
                books[book],
                slot - int(starts[book]) + 1,
            )
        )
    if len(out) < count:  # pragma: no cover - the greedy pairing reaches `most`
        raise TrafficError(f"placed {len(out)} of {count} duplicates")
    return tuple(sorted(out, key=lambda d: (books.index(d.source), d.original)))


def _unique_indicators(
    sheet: NDArray[np.uint8],
    keep: NDArray[np.bool_],
    taken: NDArray[np.bool_],
    spare: NDArray[np.uint8],
) -> None:
    """Redraw, in place and from the ``spare`` digits, every indicator of ``sheet`` that
    is ``taken`` (by another book, or a duplicated page) or repeats one of this book;
    rows marked ``keep`` (duplicated pages) stay.  Marks the indicators taken."""
    rows = np.flatnonzero(~keep)
    used = 0
    while True:
        values = sheet[rows, :GROUP].astype(np.int64) @ _WEIGHTS
        first = np.zeros(values.size, dtype=bool)
        first[np.unique(values, return_index=True)[1]] = True
        redo = rows[~first | taken[values]]
        if redo.size == 0:
            taken[values] = True
            return
        need = redo.size * GROUP
        if used + need > spare.size:  # pragma: no cover - needs thousands of repeats
            raise TrafficError("ran out of spare digits for unique indicators")
        sheet[redo, :GROUP] = spare[used : used + need].reshape(redo.size, GROUP)
        used += need


__all__ = ["Duplicate", "Production", "file_name", "produce"]
