"""`python -m coursekit`: the same as the `coursekit` command."""
import sys

from .cli import main

sys.exit(main())
