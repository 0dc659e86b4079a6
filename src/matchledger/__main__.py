"""``python -m matchledger`` runs the command line."""

import sys

from matchledger.cli import main

if __name__ == "__main__":
    sys.exit(main())
