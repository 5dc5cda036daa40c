"""`python -m opsdesk.cli` is the same as the `opsdesk` command."""

import sys

from opsdesk.cli import main

sys.exit(main())
