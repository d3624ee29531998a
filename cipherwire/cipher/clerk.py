"""The cipher clerk's work: a telegram becomes a cable, and a cable a telegram again.

:func:`encipher` encodes the text as sent (:attr:`Telegram.body_as_sent`) into four-figure
code groups, lays them out in the parts of a cable (:mod:`cipherwire.cable.parts`) and adds
fresh one-time pad pages without carry, each page's indicator in clear: the Soviet
code-plus-additive of DOMAIN.md §2, with an end group ``0000F`` and a check group
``SSSDD`` after the text (their layouts are our model).  :func:`decipher` reverses every
step and checks both closing groups, so a wrong pad book or a garbled closing group is
reported, never decoded into a wrong text without warning; a page whose indicator stands a
second time in one part is read backwards there, the VENONA lesson's reverse fault
(:mod:`cipherwire.venona.traffic`, our model).  Only the text travels enciphered: the
header goes in the cable's preamble, the Moscow file's own annotations stay in Moscow.
docs/tutorial/enciphering.md explains each step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from cipherwire.cable.form import Cable, CablePart
from cipherwire.cable.parts import (
    MAX_PART_GROUPS,
    check_group,
    encipher_parts,
    plan,
)
from cipherwire.cable.preamble import Preamble
from cipherwire.codebook.book import Codebook
from cipherwire.core import digits_from_text, sub_mod10
from cipherwire.core.messages import MessageSet
from cipherwire.core.sizes import CLOSING, CODE, GROUP
from cipherwire.errors import CableFormatError
from cipherwire.pad.book import PadBook
from cipherwire.telegram.dates import MOSCOW, ArchiveDate, ArchiveTime
from cipherwire.telegram.document import Telegram

#: What a cable's CODEBOOK line says when the book has no name (decoding then needs it).
UNNAMED_CODEBOOK = "unnamed"


@dataclass(frozen=True)
class Deciphered:
    """What the receiving clerk reads: the telegram, and the groups that could not be read.

    ``flagged`` holds ``(part number, code group number, what went wrong)`` for each code
    group that could not be decoded (garbled in transit); code groups are numbered from 1
    over the whole message.
    """

    telegram: Telegram
    flagged: tuple[tuple[str, int, str], ...] = ()


def encipher(
    telegram: Telegram,
    codebook: Codebook,
    padbook: PadBook,
    *,
    origin: str = "MOSCOW",
    max_part_groups: int = MAX_PART_GROUPS,
) -> Cable:
    """Encipher a telegram's text as sent into a cable, using fresh pages of ``padbook``.

    The telegram goes in as many parts as it has special numbers (or, without them, in
    parts of at most ``max_part_groups`` text groups).  All the pages it needs are issued
    in one transaction and recorded in the pad book as issued to this telegram.  The
    layout is :mod:`cipherwire.cable.parts`'s, the same as for a batch of telegrams
    (:func:`cipherwire.cipher.batch.encipher_batch`).
    """
    preamble = preamble_for(telegram, codebook, padbook.seed, origin=origin)
    code = codebook.encode(telegram.body_as_sent)
    laid = plan(
        [telegram],
        MessageSet.from_lengths(code, [code.size]),
        groups_per_page=padbook.groups_per_page,
        max_part_groups=max_part_groups,
    )
    pages = padbook.issue(int(laid.pages.sum()), to=laid.labels[0])
    sent = encipher_parts(laid.plain, np.stack([p.digits for p in pages]), laid.pages)
    parts = tuple(
        CablePart(number, tuple(text[i : i + GROUP] for i in range(0, len(text), GROUP)))
        for number, text in zip(laid.numbers, sent.texts(), strict=True)
    )
    return Cable(parts=parts, preamble=preamble)


def preamble_for(
    telegram: Telegram, codebook: Codebook, classroom_seed: int | None, *, origin: str
) -> Preamble:
    """The preamble of the cable a telegram becomes: its header fields, ``origin`` where it
    names none, the codebook's name and the seed of a classroom pad book (None for others).

    Raises :class:`~cipherwire.errors.CableFormatError` if ``origin`` is needed and is not
    one line of text.
    """
    return Preamble(
        priority=telegram.priority,
        origin=telegram.origin or origin,
        destination=telegram.destination,
        addressee=telegram.addressee,
        office=telegram.office,
        reference=telegram.number,
        serial=telegram.serial,
        classification=telegram.classification,
        codebook=codebook.name or UNNAMED_CODEBOOK,
        filed=(
            telegram.dispatched or telegram.received
            if telegram.dispatched_time is not None or telegram.received_time is not None
            else None
        ),
        classroom_seed=classroom_seed,
    )


def decipher(cable: Cable, codebook: Codebook, padbook: PadBook) -> Deciphered:
    """Decipher and decode a cable with the receiver's copy of the pad book.

    Raises:
        PageNotIssuedError: an indicator names no page issued from ``padbook``.
        CableFormatError: a closing group does not decipher as it must (wrong pad book,
            or the cable was garbled there), naming the part and group.
    """
    plains = [_decipher_part(part, padbook) for part in cable.parts]
    parts = [(part.number, len(part.groups)) for part in cable.parts]
    return read_parts(cable.preamble, parts, plains, codebook)


def read_parts(
    preamble: Preamble,
    parts: Sequence[tuple[str, int]],
    plains: Sequence[tuple[NDArray[np.uint8], NDArray[np.bool_]]],
    codebook: Codebook,
) -> Deciphered:
    """The receiving clerk's last steps, once the key is off every part: check each part's
    closing groups, join the code groups and decode them.

    ``preamble`` is the cable's preamble, ``parts`` each part's number and groups as sent
    (indicators included), ``plains`` each part's plaintext digits (closing groups
    included) with the marks of figures that arrived unreadable.  Raises
    :class:`~cipherwire.errors.CableFormatError` as :func:`decipher` does.
    """
    code_parts: list[NDArray[np.uint8]] = []
    unreadable: list[NDArray[np.bool_]] = []
    filed = preamble.filed
    day = filed.day if filed is not None else 0
    numbers = [number for number, _ in parts]
    for (number, last), (plain, bad) in zip(parts, plains, strict=True):
        body, closing = plain[: -CLOSING * GROUP], plain[-CLOSING * GROUP :]
        # digits 0-9 (the key subtracted modulo 10): two short texts need none of the
        # checks and chunking that core.digits_to_text gives long arrays
        closing_text = (closing + np.uint8(48)).tobytes().decode("ascii")
        end, check = closing_text[:GROUP], closing_text[GROUP:]
        if bad[-CLOSING * GROUP :].any():
            raise CableFormatError(
                f"part {number}: a closing group arrived garbled; ask for it to be repeated",
                group=last - 1,
            )
        if not (end.startswith("0000") and end[4] in "01234"):
            raise CableFormatError(
                f"part {number}: the end group deciphers to {end!r}, not '0000F': "
                "wrong pad book, or the cable is garbled",
                group=last - 1,
            )
        if check != check_group(number, day):
            raise CableFormatError(
                f"part {number}: the check group deciphers to {check!r}, expected "
                f"{check_group(number, day)!r} (part number and day filed)",
                group=last,
            )
        keep = len(body) - int(end[4])
        code_parts.append(body[:keep])
        unreadable.append(bad[:keep])
    code = np.concatenate(code_parts)
    if len(code) % CODE:
        raise CableFormatError(
            f"the text is {len(code)} figures long, not whole four-figure code groups: "
            "a part is truncated or garbled"
        )
    bad_all = np.concatenate(unreadable).reshape(-1, CODE).any(axis=1)
    garbled = [int(i) + 1 for i in np.flatnonzero(bad_all)]
    decoded = codebook.decode_groups(code, garbled=garbled)
    starts = np.cumsum([0] + [len(c) // CODE for c in code_parts])
    flagged = []
    for group in decoded.unknown:
        index = int(np.searchsorted(starts, group, side="left")) - 1
        why = "garbled in transit" if group in garbled else "not in the codebook"
        flagged.append((numbers[max(index, 0)], group, why))
    return Deciphered(_telegram_of(preamble, numbers, decoded.text), tuple(flagged))


def _decipher_part(
    part: CablePart, padbook: PadBook
) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """Strip the indicators and subtract the key: plaintext digits and unreadable marks."""
    groups = part.groups
    if len(groups) < 1 + CLOSING:
        raise CableFormatError(
            f"part {part.number} has {len(groups)} groups; it needs at least an indicator "
            "and the two closing groups",
            group=len(groups),
        )
    cipher: list[str] = []
    keys: list[NDArray[np.uint8]] = []
    seen: set[str] = set()
    at = 0
    while at < len(groups):
        if "?" in groups[at]:
            raise CableFormatError(
                f"part {part.number}: the indicator {groups[at]!r} arrived garbled; ask for "
                "it to be repeated",
                group=at + 1,
            )
        page = padbook.issued_page(groups[at])
        per_page = len(page.key) // GROUP
        key = page.key
        if groups[at] in seen:  # the page again: read backwards (the reverse fault)
            key = key.reshape(per_page, GROUP)[::-1].reshape(-1)
        seen.add(groups[at])
        chunk = list(groups[at + 1 : at + 1 + per_page])
        cipher.extend(chunk)
        keys.append(key[: len(chunk) * GROUP])
        at += 1 + per_page
    text = "".join(cipher)
    bad = np.frombuffer(text.encode("ascii"), dtype=np.uint8) == ord("?")
    digits = digits_from_text(text.replace("?", "0"))
    plain = sub_mod10(digits, np.concatenate(keys))
    return plain, bad


def _telegram_of(preamble: Preamble, numbers: Sequence[str], body: str) -> Telegram:
    filed = preamble.filed
    zone = filed.tzinfo.key if filed is not None and isinstance(filed.tzinfo, ZoneInfo) else MOSCOW
    return Telegram(
        office=preamble.office,
        number=preamble.reference,
        special_numbers=tuple(numbers),
        kind="CIPHERED TELEGRAM",
        origin=preamble.origin,
        destination=preamble.destination,
        addressee=preamble.addressee,
        classification=preamble.classification,
        priority=preamble.priority,
        serial=preamble.serial,
        body=body,
        dispatched_time=ArchiveTime.of(filed.time()) if filed else None,
        dispatched_date=ArchiveDate.of(filed.date()) if filed else None,
        zone=zone,
    )


__all__ = [
    "MAX_PART_GROUPS",
    "UNNAMED_CODEBOOK",
    "Deciphered",
    "decipher",
    "encipher",
    "preamble_for",
    "read_parts",
]
