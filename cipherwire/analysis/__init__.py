"""Cryptanalysis: frequency statistics, finding depths, reading depths."""
