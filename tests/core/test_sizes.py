"""The sizes of the system (cipherwire.core.sizes): defined once, used everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import cipherwire
from cipherwire.core import sizes

PACKAGE = Path(cipherwire.__file__).parent
NAMES = ("GROUP", "CODE", "GROUPS_PER_PAGE", "CLOSING", "GROUPS_PER_LINE", "PAGE")
DECLARED = re.compile(rf"^(?:DEFAULT_)?_?(?:{'|'.join(NAMES)}) *(?::[^=]*)?= ", re.M)


def test_sizes_are_the_system_of_domain_section_2() -> None:
    """Five figures a group, four a code group, 60 groups a page, two closing, ten a line."""
    assert (sizes.GROUP, sizes.CODE, sizes.GROUPS_PER_PAGE, sizes.CLOSING) == (5, 4, 60, 2)
    assert sizes.GROUPS_PER_LINE == 10


def test_no_module_declares_a_size_of_its_own() -> None:
    """Only cipherwire/core/sizes.py assigns the size names at module level."""
    declaring = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "sizes.py" and DECLARED.search(path.read_text(encoding="utf-8"))
    )
    assert declaring == []


def test_the_guard_sees_a_declaration() -> None:
    """The pattern of the test above matches the declarations it must refuse."""
    for line in ("_GROUP = 5", "GROUP = 5", "DEFAULT_GROUPS_PER_PAGE = 60", "PAGE = 60"):
        assert DECLARED.search(line + "\n"), line
    assert not DECLARED.search("MAX_GROUP = 6\n")
