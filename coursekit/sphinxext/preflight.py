"""Stop a build with broken exercise files before any page runs (the lines: ``coursekit.build_problems``).

The extension loads the bank once when the builder starts and, if it has errors, prints each located
problem once and ends the build with exit code 1 and no Python traceback (``SystemExit`` passes through
Sphinx and Jupyter Book). ``./build --verbose`` (``COURSEKIT_VERBOSE=1``) skips this.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..bank import yaml_files
from ..build_problems import stopping
from ..course import find_root


def check_bank(app) -> None:
    """builder-inited: refuse to start a build whose exercise files have errors."""
    if os.environ.get("COURSEKIT_VERBOSE"):
        return
    try:
        root = find_root(Path(app.srcdir))
    except FileNotFoundError:
        return   # not a coursekit course: nothing to check
    stamp = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in yaml_files([root / "exercises"])]
    if getattr(app.env, "coursekit_clean_bank", None) == stamp:
        return   # unchanged since a build found it clean: no need to read it again
    lines = stopping(root)
    if lines:
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(1)
    app.env.coursekit_clean_bank = stamp
