"""``python -m vrp_metrics``: see ``vrp_metrics.cli``."""

import sys

from vrp_metrics.cli import main

if __name__ == "__main__":
    sys.exit(main())
