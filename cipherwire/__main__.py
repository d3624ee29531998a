"""``python -m cipherwire``: the same as the ``cipherwire`` command."""

from cipherwire.cli import main

if __name__ == "__main__":
    main()
