"""The ``cipherwire`` command: a thin layer over functions that return values.

This package is the only place that imports click.  :mod:`~cipherwire.cli.app` holds the
command group, the shared options and :func:`main`, where every error becomes one line on
stderr and a non-zero exit: usage errors exit 2 (as click does), errors cipherwire raises
on purpose exit 1.  Each other module adds the commands of one noun, but for the harness
of ``cipherwire bench``: :mod:`~cipherwire.cli.bench` with its report and its timing.
"""

from cipherwire.cli import (  # noqa: F401  (each module adds its commands to the group)
    analysis,
    batch,
    checkerboard,
    codebooks,
    department,
    pads,
    reading,
    telegrams,
    venona,
    wire,
)
from cipherwire.cli.app import cli, main

__all__ = ["cli", "main"]
