"""``python -m procedurekit``: the command line."""

import sys

from procedurekit.cli import main

if __name__ == "__main__":
    sys.exit(main())
