"""The agent's message as sent: five-figure groups, and the digit one-time pad on them.

A checkerboard's digits go out in five-figure groups, ten to a line (:func:`format_groups`,
:func:`parse_groups`).  :func:`encipher` adds fresh pages of a
:class:`~cipherwire.pad.book.PadBook` the way the cipher clerk's cables do, each page's
indicator in clear before the groups its key enciphers, and :func:`decipher` finds each
page by its indicator and subtracts the key.  Unlike a cable, the message has no closing
groups (our model): a wrong pad book shows as an unknown indicator or as digits that do
not decode.  docs/explanation/checkerboard.md (section "The one-time pad") explains it.

>>> import pathlib, shutil, tempfile
>>> from cipherwire.checkerboard.board import Checkerboard
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> board = Checkerboard.ct37c()
>>> with PadBook.create(folder / "pads.sqlite", pages=2, seed=1950) as book:
...     sent = encipher(board.encode("Attack at dawn"), book, to="agent 7")
...     print(format_groups(sent), end="")
...     board.decode(decipher(parse_groups(format_groups(sent)), book))
62674 20375 45241 76552 31474
'ATTACK AT DAWN'
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable import parts
from cipherwire.core import digits_from_text, digits_to_text, groups_to_ascii, sub_mod10
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUP
from cipherwire.errors import ArrayTypeError, CheckerboardError
from cipherwire.pad.book import PadBook


def _whole_groups(name: str, digits: NDArray[np.uint8]) -> NDArray[np.uint8]:
    if not isinstance(digits, np.ndarray) or digits.dtype != np.uint8:
        raise ArrayTypeError(f"{name} must be a numpy.ndarray of dtype uint8")
    flat = digits.reshape(-1)
    if flat.size % GROUP:
        raise CheckerboardError(
            f"{flat.size} {name} are not whole five-figure groups ({flat.size % GROUP} "
            "left over); encode with fill=True"
        )
    return flat


def format_groups(digits: NDArray[np.uint8], *, per_line: int = 10) -> str:
    """Print *digits* (``uint8``, shape ``(5 * g,)``) as five-figure groups.

    Groups are separated by a space, *per_line* to a line, and every line, the last
    included, ends with a newline; no digits give ``""``.

    >>> format_groups(digits_from_text("1661717799"))
    '16617 17799\\n'
    """
    flat = _whole_groups("digits", digits)
    return bytes(groups_to_ascii(flat, per_line=per_line)).decode("ascii")


def parse_groups(text: str) -> NDArray[np.uint8]:
    """Read five-figure groups separated by any white space: the digits, ``(5 * g,)``.

    Raises :class:`~cipherwire.errors.CheckerboardError` naming the first group (from 1)
    that is not five ASCII digits.

    >>> digits_to_text(parse_groups(" 16617\\n17799 "))
    '1661717799'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    words = text.split()
    for number, word in enumerate(words, start=1):
        if len(word) != GROUP or not word.isascii() or not word.isdigit():
            raise CheckerboardError(f"group {number}, {word!r}, is not five figures")
    return digits_from_text("".join(words))


def encipher(digits: NDArray[np.uint8], padbook: PadBook, *, to: str) -> NDArray[np.uint8]:
    """Encipher checkerboard *digits* with fresh pages of *padbook*, issued to message *to*.

    *digits* is ``uint8``, whole five-figure groups (``Checkerboard.encode`` fills the
    last one), at least one group.  All the pages needed are issued at once and recorded
    in the pad book's ledger against *to*, so no page is ever used twice.  Returns the
    groups as sent (``uint8``, shape ``(5 * (g + p),)`` for ``g`` text groups on ``p``
    pages): each page's indicator in clear before the groups its key enciphers.

    Raises :class:`~cipherwire.errors.CheckerboardError` for no digits or not whole
    groups, and what :meth:`PadBook.issue <cipherwire.pad.book.PadBook.issue>` raises
    (:class:`~cipherwire.errors.PadExhaustedError` when too few pages are left).
    """
    flat = _whole_groups("digits", digits)
    if not flat.size:
        raise CheckerboardError("nothing to encipher: the message has no digits")
    key_groups = padbook.groups_per_page - 1
    count = -(-flat.size // GROUP // key_groups)
    pages = padbook.issue(count, to=to)
    sent = parts.encipher_parts(
        MessageSet.from_lengths(flat, [flat.size]),
        np.stack([page.digits for page in pages]),
        np.array([count], dtype=np.int64),
    )
    return np.array(sent.digits)


def decipher(sent: NDArray[np.uint8], padbook: PadBook) -> NDArray[np.uint8]:
    """Strip the indicators from the groups *sent* and subtract each page's key.

    *sent* is ``uint8``, whole five-figure groups, as :func:`encipher` returns them; the
    result is the checkerboard digits, ``uint8``, shape ``(5 * g,)``.

    Raises :class:`~cipherwire.errors.PageNotIssuedError` when an indicator names no
    issued page of *padbook* (a wrong pad book, or a group lost or added before it);
    :class:`~cipherwire.errors.CheckerboardError` for no groups, not whole groups, an
    indicator with no text after it, or the same page twice.
    """
    flat = _whole_groups("groups' digits", sent)
    total = flat.size // GROUP
    if not total:
        raise CheckerboardError("nothing to decipher: there are no groups")
    groups = flat.reshape(-1, GROUP)
    cipher: list[NDArray[np.uint8]] = []
    keys: list[NDArray[np.uint8]] = []
    seen: dict[int, int] = {}  # page number -> group of its indicator (from 1)
    at = 0
    while at < total:
        indicator = digits_to_text(groups[at])
        page = padbook.issued_page(indicator)
        if page.number in seen:
            raise CheckerboardError(
                f"group {at + 1}: indicator {indicator!r} (page {page.number}) was already "
                f"used at group {seen[page.number]}; a page is never used twice"
            )
        seen[page.number] = at + 1
        chunk = groups[at + 1 : at + 1 + page.key.size // GROUP].reshape(-1)
        if not chunk.size:
            raise CheckerboardError(
                f"group {at + 1}: indicator {indicator!r} is followed by no text"
            )
        keys.append(page.key[: chunk.size])
        cipher.append(chunk)
        at += 1 + page.key.size // GROUP
    return sub_mod10(np.concatenate(cipher), np.concatenate(keys))


__all__ = ["decipher", "encipher", "format_groups", "parse_groups"]
