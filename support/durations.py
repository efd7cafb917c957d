"""The longest test files first: how ./test keeps its two xdist workers finishing together.

``--dist loadfile`` hands out whole files. pytest-xdist's default order is by number of tests, so a file
with one long test (a whole-site crawl, a validator run over every page) was handed out last and kept one
worker busy for minutes after the other had finished. Longest first is the classic fix (the longest
processing time rule): files are sent in the order of their time in the last measured run, which
benchmarks/suite.py writes to tests/durations.json from its per-worker timeline. A file the record does
not know yet (new, or renamed) is guessed from its marks: long if any of its tests is slow.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

RECORD = Path(__file__).resolve().parent.parent / "tests" / "durations.json"
GUESS_SLOW_S = 60.0      # an unknown file with a slow test: as long as a typical book-building file
GUESS_FAST_S = 1.0


def load(record: Path = RECORD) -> dict[str, float]:
    """{test file: seconds} of the last measured run, or {} when there is no readable record."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(name): float(seconds) for name, seconds in data.items()} if isinstance(data, dict) else {}


def save(files: dict[str, float], record: Path = RECORD) -> None:
    """Write the record, longest first (the order the files will be sent in), one file a line."""
    ranked = dict(sorted(((name, round(seconds, 1)) for name, seconds in files.items()), key=lambda kv: (-kv[1], kv[0])))
    record.write_text(json.dumps(ranked, indent=0) + "\n", encoding="utf-8")


def longest_first(items: list, seconds: dict[str, float], slow: Iterable[str] = ()) -> list:
    """``items`` (pytest's, in collection order) regrouped file by file, the longest file first; each file's
    own tests keep their order (nbval's cells of a notebook must run in order)."""
    slow = set(slow)
    by_file: dict[str, list] = {}
    for item in items:
        by_file.setdefault(item.nodeid.split("::")[0], []).append(item)

    def cost(name: str) -> float:
        return seconds.get(name, GUESS_SLOW_S if name in slow else GUESS_FAST_S)

    ordered = sorted(by_file, key=cost, reverse=True)   # stable: equal costs keep collection order
    return [item for name in ordered for item in by_file[name]]
