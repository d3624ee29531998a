"""The wire: Morse, the teleprinter (ITA2) and Vernam's tape, and the line between.

:class:`Line` carries a cable and returns a :class:`Transmission`; :mod:`~cipherwire.wire.morse`,
:mod:`~cipherwire.wire.ita2` and :mod:`~cipherwire.wire.vernam` are the codes themselves.
"""

from cipherwire.wire import ita2, morse, vernam
from cipherwire.wire.line import Garble, Line, Telegraphy, Transmission
from cipherwire.wire.vernam import KeyTape

__all__ = ["Garble", "KeyTape", "Line", "Telegraphy", "Transmission", "ita2", "morse", "vernam"]
