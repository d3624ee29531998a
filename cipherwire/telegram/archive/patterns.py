"""What the fields of a period telegram look like in print: the reader's patterns.

Register and special numbers ("No.", "Nº", "NºNº", "#"), the document kind, stations,
addressees, markings (classification and priority), copies lists, serials opening the
body, signatures (alone, beside a date, letter-spaced) and closing instructions; and the
tests for a line of prose and for a line that is only a date.
"""

from __future__ import annotations

import re

from cipherwire.errors import CipherwireError
from cipherwire.telegram.dates import ArchiveDate, search_date, search_time

_NO = r"(?:No\.?:?|N[º°o]\.?(?:N[º°o]\.?)?|#)"
NUMBER = re.compile(
    rf"(?P<label>(?<![\w.])(?:Special|Spets\.?|Spec\.|Issuing|Copy|Ref|Reissue)?\s*){_NO}\s*"
    r"(?P<value>[A-Z]{0,2}\d[\w/.-]*(?<![.,]))"
)
SPECIAL = re.compile(
    rf"\b(?:Special|Spets\.?|Spec\.)\s*{_NO}?\s*(?:nos?\.?\s*)?(?P<nums>\d[\w/-]*(?:\s*,\s*\d[\w/-]*)*)",
    re.IGNORECASE,
)
KIND = re.compile(
    r"^\s*(?P<kind>(?:copy\s+of\s+an?\s+(?:outgoing|incoming)\s+|ciphered\s+|coded\s+"
    r"|enciphered\s+|incoming\s+|outgoing\s+)?(?:telegram|cable|radiogram))\b",
    re.IGNORECASE,
)
OFFICE_BEFORE_NUMBER = re.compile(r"^\s*(?P<office>[A-Z][\w .'-]*?)\s*$")
DEPARTMENT = re.compile(r"^\s*(?P<dep>(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+[Dd]epartment)\b(?!:)")
EVENT = re.compile(
    r"\b(?P<kw>Received|Sent|Dispatched|Transmitted)\b:?(?:\s+(?:on|at))?:?", re.IGNORECASE
)
FROM = re.compile(
    r"^\s*from:?\s+(?P<origin>[A-Za-z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*)*?)"
    r"(?=\s*(?:$|[|.,;]|\s+(?:No\b|N[º°]|#|\d)))",
    re.IGNORECASE,
)
TO_PAIR = re.compile(r"^\s*To:?\s+(?P<dest>\S.*?)\s+To:?\s+(?P<addr>\S.*?)\.?\s*$")
DESTINATION = re.compile(
    r"^\s*(?:Destination|Where):\s*(?P<dest>\S.*?)(?:\s+To [Ww]hom:\s*(?P<addr>\S.*?))?\.?\s*$"
)
TO_WHOM = re.compile(r"^\s*To [Ww]hom:\s*(?P<addr>\S.*?)\.?\s*$")
TO_ONE = re.compile(r"^\s*To:?\s+(?P<who>[^|:]+?)\.?\s*$")
CLASSIFICATION = re.compile(
    r"\b(?P<c>special\s+file|top\s+secret|strictly\s+secret|strictly\s+confidential|secret"
    r"|confidential)\b",
    re.IGNORECASE,
)
PRIORITY = re.compile(
    r"\b(?P<p>top\s+priority|extremely\s+urgent|out\s+of\s+turn|lightning|immediate|urgent"
    r"|priority)\b",
    re.IGNORECASE,
)
COPIES = re.compile(
    r"(?P<label>\b(?:Copies|Copy to|Distribution(?: list)?(?:\s*[-–]\s*\d+\s+copies)?)\s*:\s*)"
    r"(?P<items>\S.*?)\s*$"
)
SERIAL = re.compile(r"^(?P<lead>\s*)(?P<serial>\d{1,6})\.\s+(?=\S)")
NUMBERED_COPY = re.compile(
    r"^\s*\d{1,2}\s*[-–.)]\s*(?P<item>[^\W\d_][\w'()-]*(?: [\w'()-]+){0,4}?)\s*$"
)
OFFICIAL = re.compile(
    r"^\s*(?:No\.?\s*\d+\s+)?(?P<name>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)?)(?:\[\w{1,4}\])?\.?\s*$"
)
SPACED_OFFICIAL = re.compile(r"^\s*(?P<name>[A-Z](?: [a-z]){3,}|[A-Z](?: [A-Z]){3,})\s*$")
NAME_NEAR_DATE = re.compile(r"^\s*(?P<name>[A-Z][A-Za-z'-]+)\.?\s*$")
INSTRUCTION = re.compile(
    r"^\s*(?P<ins>(?:Telegraph|Wire|Confirm|Report|Inform|Acknowledge)\b[^.]{0,60}\.)\s*$"
)
_WORD = re.compile(r"\b[^\W\d_][\w'’-]*")

PLACE_LIKE = re.compile(r"^[A-Z][A-Z .'-]+$")


def without_stamps(text: str) -> str:
    """The text with every date and time in it blanked out."""
    for search in (search_date, lambda t: search_time(t, bare_digits=False)):
        while (found := search(text)) is not None:
            _, s, e = found
            text = text[:s] + " " * (e - s) + text[e:]
    return text


def prose(text: str) -> bool:
    """A line of running text (the body), as opposed to a header line."""
    if "|" in text:
        return False
    words = _WORD.findall(without_stamps(text))
    if len(words) < 6:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower * 5 >= len(words) * 2


JUNK = " \t.,;:'`~\"/|"


def date_span(text: str) -> tuple[ArchiveDate, int, int] | None:
    """The date that makes up the whole line (stray OCR punctuation around it allowed)."""
    start = len(text) - len(text.lstrip(JUNK))
    end = len(text.rstrip(JUNK))
    core = text[start:end]
    if not core or not any(ch.isdigit() for ch in core):
        return None
    for stop in (end, end + 1):  # "15 Nov." keeps its full stop
        try:
            return ArchiveDate.from_text(text[start:stop]), start, stop
        except CipherwireError:
            continue
    return None


def whole_date(text: str) -> ArchiveDate | None:
    found = date_span(text)
    return found[0] if found else None


OFFICE_LABEL = re.compile(r"^\s*Office:\s*(?P<office>\S.*?)\s*$")
