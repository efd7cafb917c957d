"""`coursekit check` on hostile files: how long each takes to be refused (target: within 5 s each).

Each file is at the size limit or built to be slow (a 990 KB flow list, 250,000 block entries, absurd
nesting, an alias bomb, thousands of invalid items, one 990 KB line); devices and pipes are refused
before anything is read. Times are wall seconds of the whole command, median of three.
"""
from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

from benchmarks.common import VENV_BIN, Row, run, secs

TARGET_S = 5.0
HEAD = "kind: quiz\nid: hostile\nsection: part1/hostile\ntitle: t\n"


def hostile_files(folder: Path) -> dict[str, Path]:
    files = {
        "990 KB flow list": HEAD + "items: [" + ", ".join(["1"] * 329_000) + "]\n",
        "250,000 block entries": HEAD + "items:\n" + "- 1\n" * 245_000,
        "flow nesting 5,000 deep": "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "block nesting 600 deep": "".join(" " * i + f"k{i}:\n" for i in range(600)) + " " * 600 + "x\n",
        "alias bomb": "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)),
        "3,000 invalid items": HEAD + "items:\n" + "".join(f"  - {{id: q{i}, type: single_choice}}\n" for i in range(3000)),
        "one 990 KB line": HEAD + "note: " + "x" * 990_000 + "\n",
    }
    paths = {}
    for label, text in files.items():
        path = folder / f"{len(paths):02d}.yml"
        path.write_text(text, encoding="utf-8")
        paths[label] = path
    fifo = folder / "pipe.yml"
    os.mkfifo(fifo)
    paths["a named pipe"] = fifo
    paths["/dev/zero"] = Path("/dev/zero")
    return paths


def measure_hostile(ctx) -> list[Row]:
    rows, data = [], {}
    with tempfile.TemporaryDirectory() as folder:
        for label, path in hostile_files(Path(folder)).items():
            times, first = [], None
            for _ in range(3):
                seconds, result = run([VENV_BIN / "coursekit", "check", path], cwd=Path(folder))
                times.append(seconds)
                first = first or (result.stdout + result.stderr).splitlines()[0][:160]
            median = statistics.median(times)
            data[label] = {"median_s": median, "runs_s": times, "first_line": first}
            rows.append(Row("Hostile files", f"coursekit check: {label}", secs(median), target=f"<= {TARGET_S:g} s",
                            met="yes" if median <= TARGET_S else "NO", note=first.split(": ", 1)[-1][:90]))
    ctx.data["hostile"] = data
    return rows
