"""A pytest plugin for benchmarks/suite.py: when each test ran, and in which xdist worker.

``--dist loadfile`` keeps each test file in one worker, so one long file sent last can leave a worker
running minutes after the other is idle. Wall time alone cannot show that; this timeline can. Loaded
with ``-p benchmarks.worker_timeline`` and $COURSEKIT_TIMELINE naming a file, each worker appends one JSON
line per test (its node id, the worker, when its setup started and its teardown ended); ``summarise``
turns the lines into each worker's span and busy time and each group's (top folder's) and file's total
(the files' totals are the record support/durations.py orders the next run by).
"""
from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Around a test's setup, call and teardown, in the process that runs it (never xdist's controller)."""
    started = time.time()
    yield
    target = os.environ.get("COURSEKIT_TIMELINE")
    if target:
        line = {"test": item.nodeid, "worker": os.environ.get("PYTEST_XDIST_WORKER", "main"),
                "start": started, "end": time.time()}
        with open(target, "a", encoding="utf-8") as handle:   # one short line per write: workers do not interleave
            handle.write(json.dumps(line) + "\n")


def group(nodeid: str) -> str:
    """The part of the suite a test belongs to: its folder under tests/ (or book/ for nbval's notebooks)."""
    parts = nodeid.split("::")[0].split("/")
    if parts[0] == "book":
        return "book"
    return "/".join(parts[:2]) if len(parts) > 2 else "tests (top level)"


def summarise(path: Path) -> dict:
    """Each worker's first start, last end (seconds from the run's first test) and busy time; each group's
    and each file's summed test time (setup, call and teardown), the longest first."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return {"workers": {}, "groups": {}, "files": {}}
    zero = min(line["start"] for line in lines)
    workers: dict[str, dict] = {}
    groups: dict[str, float] = defaultdict(float)
    files: dict[str, float] = defaultdict(float)
    for line in lines:
        took = line["end"] - line["start"]
        mine = workers.setdefault(line["worker"], {"first_s": line["start"] - zero, "last_s": 0.0, "busy_s": 0.0,
                                                   "tests": 0})
        mine["first_s"] = min(mine["first_s"], line["start"] - zero)
        mine["last_s"] = max(mine["last_s"], line["end"] - zero)
        mine["busy_s"] += took
        mine["tests"] += 1
        groups[group(line["test"])] += took
        files[line["test"].split("::")[0]] += took

    def ranked(totals: dict[str, float]) -> dict[str, float]:
        return {name: round(total, 1) for name, total in sorted(totals.items(), key=lambda kv: -kv[1])}

    return {"workers": {name: {key: round(value, 1) for key, value in data.items()} for name, data in
                        sorted(workers.items())},
            "groups": ranked(groups), "files": ranked(files)}
