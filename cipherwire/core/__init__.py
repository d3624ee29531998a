"""The NumPy core: kernels on ``uint8`` arrays, the text boundary, message sets, digit files.

Nothing here knows of telegrams, codebooks or pads; the domain packages build on it.
See docs/architecture.md for where it stands and docs/performance.md for its speed.
"""

from cipherwire.core._engine.chunks import map_spans
from cipherwire.core.boundary import (
    ascii_text,
    digits_from_ascii,
    digits_from_text,
    digits_to_ascii,
    digits_to_text,
    group,
    groups_to_ascii,
    letters_from_text,
    letters_to_text,
)
from cipherwire.core.csprng import random_digits
from cipherwire.core.kernels import (
    KERNELS,
    add_mod10,
    add_mod26,
    elementwise,
    letter_pad,
    sub_mod10,
    sub_mod26,
    xor5,
)
from cipherwire.core.messages import MessageSet, ranges
from cipherwire.core.operands import check_range

__all__ = [
    "KERNELS",
    "MessageSet",
    "add_mod10",
    "add_mod26",
    "ascii_text",
    "check_range",
    "digits_from_ascii",
    "digits_from_text",
    "digits_to_ascii",
    "digits_to_text",
    "elementwise",
    "group",
    "groups_to_ascii",
    "letter_pad",
    "letters_from_text",
    "letters_to_text",
    "map_spans",
    "random_digits",
    "ranges",
    "sub_mod10",
    "sub_mod26",
    "xor5",
]
