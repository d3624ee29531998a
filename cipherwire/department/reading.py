"""The clerks at the far end: a batch of cables deciphered with the receiver's pages.

:func:`reads` does what :func:`cipherwire.cipher.clerk.decipher` does to one cable, for
every part of a batch at once: each indicator is looked up among the pad pages, and a part
reads when its groups as they arrived are exactly its plaintext (code groups, filler, the
end group and the check group) enciphered with the pages its indicators name, which is
the same, figure by figure, as taking the key off and comparing (``c - k = p`` exactly when
``p + k = c``).  The code groups are not turned back into words: the lines carry a cable
without garbles (our model), and the codebook guarantees ``decode(encode(t)) ==
normalise(t)``, so a cable whose code groups come back exactly reads as its telegram.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable import parts
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import GROUP
from cipherwire.pad.page import IssuedPages

_WEIGHTS = np.array([10_000, 1_000, 100, 10, 1], dtype=np.int64)


def reads(
    received: MessageSet,
    plain: MessageSet,
    pages: IssuedPages,
    part_offsets: NDArray[np.int64],
) -> NDArray[np.bool_]:
    """Whether each cable of a batch deciphers to its plaintext: ``bool``, ``(m,)``.

    ``received`` holds every part's groups as they arrived, ``plain`` every part's
    plaintext (the same parts in the same order), ``pages`` the pad pages the receiver
    can look up (at least one), and cable ``i`` has parts ``part_offsets[i]:part_offsets[i
    + 1]``.
    """
    cables = part_offsets.size - 1
    per_page = pages.digits.shape[1] // GROUP
    indicators, at = parts.indicators(received, groups_per_page=per_page)
    if not np.array_equal(plain.lengths // GROUP, received.lengths // GROUP - indicators):
        return np.zeros(cables, dtype=bool)  # not even the same number of groups
    asked = received.digits.reshape(-1, GROUP)[at].astype(np.int64) @ _WEIGHTS
    known = pages.indicators.astype(np.int64) @ _WEIGHTS
    order = np.argsort(known, kind="stable")
    rows = order[np.minimum(np.searchsorted(known, asked, sorter=order), known.size - 1)]
    found = known[rows] == asked
    again = parts.encipher_parts(plain, pages.digits[rows], indicators)
    wrong = np.flatnonzero(again.digits != received.digits)
    part_of = np.searchsorted(received.offsets, wrong, side="right") - 1
    lost = np.repeat(np.arange(indicators.size), indicators)[~found]  # no page of that name
    bad_parts = np.concatenate([part_of, lost])
    ok: NDArray[np.bool_] = np.ones(cables, dtype=bool)
    ok[np.searchsorted(part_offsets, bad_parts, side="right") - 1] = False
    return ok


__all__ = ["reads"]
