"""The wire: Morse, the teleprinter (ITA2) and Vernam's tape, and the line between."""
