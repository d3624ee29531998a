"""Reading the archive form of a telegram: which printed text is which field.

:func:`read` returns a :class:`FoundFields`: the values found, and a *layout*, the document
with each recognised value replaced by a ``{placeholder}``, so that nothing it does not
understand is dropped.  The header is read downwards to the first line of prose
(:mod:`~cipherwire.telegram.archive.header`), the trailer upwards from the last line
(:mod:`~cipherwire.telegram.archive.trailer`), and the body is what lies between (our model
of the archive form).  The reader is lenient and raises nothing but
:class:`~cipherwire.errors.TelegramFormatError`; docs/tutorial/telegram.md shows the
layouts it reads.
"""

from cipherwire.telegram.archive.lines import FoundFields, escape
from cipherwire.telegram.archive.reader import read

__all__ = ["FoundFields", "escape", "read"]
