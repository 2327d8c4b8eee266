"""`python -m reviewer` is the same entry point as the `reviewer` console script."""

import sys

from reviewer.cli import main

# Guarded: the index's worker processes (forkserver) import the main module again.
if __name__ == "__main__":
    sys.exit(main())
