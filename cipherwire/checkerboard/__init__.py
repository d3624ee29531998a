"""The agents' straddling checkerboard (:class:`Checkerboard`) and the digit pad on it."""

from cipherwire.checkerboard.board import Checkerboard
from cipherwire.checkerboard.cells import Mark, Symbol
from cipherwire.checkerboard.pad import decipher, encipher, format_groups, parse_groups

__all__ = [
    "Checkerboard",
    "Mark",
    "Symbol",
    "decipher",
    "encipher",
    "format_groups",
    "parse_groups",
]
