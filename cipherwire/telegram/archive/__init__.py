"""Reading the archive form of a telegram: which printed text is which field.

Archive translations of 1944–1953 telegrams vary a great deal: fields are missing,
reordered, several to a line, wrapped over two lines, or printed as a table.  This package
reads such a document line by line and returns a :class:`FoundFields`: the field values found,
and a *layout* — the document itself with every recognised value replaced by a named
``{placeholder}`` — so that nothing the reader does not understand is ever dropped, and the
document can be printed back exactly (:meth:`cipherwire.telegram.document.Telegram.to_text`).

The reader is lenient: whatever it does not recognise stays in the layout as literal text,
and a document with only a body is a valid telegram.  It raises nothing but
:class:`~cipherwire.errors.TelegramFormatError`.

How the document is split (our model of the archive form):

* the **header** (:mod:`~cipherwire.telegram.archive.header`) is read downwards from the first line
  until the first line of prose or a line opening with the outgoing serial ("2522.
  Immediately visit ...");
* the **trailer** (:mod:`~cipherwire.telegram.archive.trailer`) is read upwards from the last line:
  copies / distribution list, the document date, the signing official (alone, beside a
  date, or letter-spaced), a closing instruction such as "Telegraph the fulfillment.", and
  archivists' notes printed after the signature;
* everything between is the **body**.

What each field looks like in print is in :mod:`~cipherwire.telegram.archive.patterns`; the
layout mechanism in :mod:`~cipherwire.telegram.archive.lines`.
"""

from cipherwire.telegram.archive.lines import FoundFields, escape
from cipherwire.telegram.archive.reader import read

__all__ = ["FoundFields", "escape", "read"]
