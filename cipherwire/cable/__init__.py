"""The cable form: :class:`Cable` and its parts, and how code digits are laid out in them."""

from cipherwire.cable.form import Cable, CablePart, split_cable

__all__ = ["Cable", "CablePart", "split_cable"]
