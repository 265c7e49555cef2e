"""``python -m extractors``: see ``extractors.cli``."""

import sys

from extractors.cli import main

if __name__ == "__main__":
    sys.exit(main())
