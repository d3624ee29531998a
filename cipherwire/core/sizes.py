"""The sizes of the code-plus-additive system, defined once for every package.

The core groups digits in fives too (:func:`cipherwire.core.group`,
:func:`cipherwire.core.groups_to_ascii`), so the sizes live here, below every domain
package; each module imports them by these names and declares none of its own.

>>> GROUP, CODE, GROUPS_PER_PAGE, CLOSING, GROUPS_PER_LINE
(5, 4, 60, 2, 10)
"""

from __future__ import annotations

#: Figures in a cipher group: the code is re-cut into five-figure groups (DOMAIN.md §2).
GROUP = 5
#: Figures in a code group: a word or phrase of the codebook (DOMAIN.md §2).
CODE = 4
#: Groups on a pad page: the indicator, sent in clear, then 59 key groups (DOMAIN.md §2).
GROUPS_PER_PAGE = 60
#: Groups after a part's text: the end group and the serial-and-date group (DOMAIN.md §2).
CLOSING = 2
#: Groups on a printed line of a cable or a pad sheet (our model).
GROUPS_PER_LINE = 10

__all__ = ["CLOSING", "CODE", "GROUP", "GROUPS_PER_LINE", "GROUPS_PER_PAGE"]
