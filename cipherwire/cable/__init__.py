"""The cable form: :class:`Cable` and its parts, and how code digits are laid out in them."""

from cipherwire.cable.form import Cable, CablePart, split_cable
from cipherwire.cable.preamble import Preamble

__all__ = ["Cable", "CablePart", "Preamble", "split_cable"]
