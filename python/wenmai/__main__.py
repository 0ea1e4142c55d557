"""``python -m wenmai``: the same as the ``wenmai`` command."""

import sys

from wenmai.cli import main

sys.exit(main())
