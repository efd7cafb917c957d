"""``python -m benchmarks``: the same as ``benchmarks/run.py``."""
import sys

from benchmarks.run import main

sys.exit(main())
