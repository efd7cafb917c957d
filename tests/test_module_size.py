"""Modules small enough to read in one sitting: none in coursekit/ or benchmarks/ over about 300 lines,
unless its docstring (or, for JavaScript, its opening comment) says why it is longer ("Longer than ...")."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 320   # "about 300"
FILES = sorted(p for folder in ("coursekit", "benchmarks") for p in (ROOT / folder).rglob("*")
               if p.suffix in (".py", ".js") and p.is_file() and ".work" not in p.parts)  # not the benchmarks' work files


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_short_or_says_why(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) <= LIMIT:
        return
    opening = "\n".join(lines[:30])
    assert "Longer than" in opening, f"{path.relative_to(ROOT)} has {len(lines)} lines; split it or say why"
