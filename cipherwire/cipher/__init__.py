"""The cipher clerk's work: :func:`encipher` and :func:`decipher`, one cable or many."""

from cipherwire.cipher.batch import CableBatch, decipher_batch, encipher_batch
from cipherwire.cipher.clerk import Deciphered, decipher, encipher

__all__ = ["CableBatch", "Deciphered", "decipher", "decipher_batch", "encipher", "encipher_batch"]
