"""What every benchmark group shares: paths, the row and context types, formatting, one build command.

A group (one module each) is a function ``measure_x(ctx) -> list[Row]``; it puts its raw data into
``ctx.data`` (written to results.json) and returns the rows of results.md.
"""
from __future__ import annotations

import gzip
import importlib.metadata
import os
import re
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from support.book import Build, build_book

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / ".work"
VENV_BIN = ROOT / ".venv" / "bin"
MINIBOOK = ROOT / "tests" / "fixtures" / "minibook"
SLICE_PAGE = "book/part1/slice.html"
BOOK_SOURCES = ["_config.yml", "_toc.yml", "book", "exercises"]

# The stock route's front-end packages (npm), pinned: html-manager 1.0.x is the one ipywidgets 8 embeds.
NPM_PACKAGES = {"requirejs": "2.3.8", "@jupyter-widgets/html-manager": "1.0.15",
                # the timeline anchors (issue 4), installed with them
                "@knight-lab/timelinejs": "3.9.11", "vis-timeline": "8.5.4"}
STOCK_DIR = "_static/stock"          # where the stock route's files are served from, in the built site
STOCK_CDN = "/_static/stock/cdn/"    # data-jupyter-widgets-cdn: a local, empty folder (nothing reaches a CDN)
# The inline script before embed-amd.js: requirejs finds anywidget's AMD module in _static/stock/, and
# html-manager's bundled CSS finds its font files there too (webpack derives their URL from the requirejs
# URL of the named modules embed-amd.js defines, "@jupyter-widgets/base", ".../html-manager/dist/libembed-amd";
# without these two paths the fonts 404 next to the page).
STOCK_PATHS_CONFIG = ('require.config({paths: {"anywidget": "/_static/stock/anywidget", '
                      '"@jupyter-widgets": "/_static/stock", "@jupyter-widgets/html-manager/dist": "/_static/stock"}});')

TARGET_WIDGET_BYTES = 1 / 20         # issue 2: ours <= 1/20 of the stock route's widget bytes
TARGET_TTI = 1 / 3                   # issue 2: ours <= 1/3 of the stock route's time to interactive


class BenchmarkError(RuntimeError):
    """Something that makes a number meaningless: stop loudly."""


@dataclass
class Row:
    """One line of results.md. ``ours``/``stock`` are display strings; raw numbers live in the JSON."""

    section: str
    metric: str
    ours: str
    stock: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""
    note: str = ""


@dataclass
class Context:
    quick: bool
    with_tests: bool
    runs: int
    only: set = field(default_factory=set)    # the groups to run (see GROUPS)
    data: dict = field(default_factory=dict)  # raw results, written to results.json
    cache: dict = field(default_factory=dict)  # builds shared between groups within one run (not written)


def run(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    return time.perf_counter() - start, result


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MB"


def secs(s: float) -> str:
    return f"{s:.2f} s"


def ms(x: float) -> str:
    return f"{x:,.0f} ms"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f} (1/{b / a:.1f})" if a and b else "n/a"


def copy_sources(source: Path, dest: Path, items: list[str] | None = None) -> Path:
    """A fresh copy of a book's sources (never its _build) in ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in items or [p.name for p in source.iterdir()]:
        src = source / name
        if name in ("_build", ".jupyter_cache") or not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("_build", "__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def jb_build(source: Path, out: Path, strict: bool = True, env: dict | None = None) -> tuple[float, Build]:
    """``jupyter-book build`` as ./build runs it (support.book, as the tests build); returns (wall seconds, build)."""
    build = build_book(source, out, strict=strict, env=env, check=False)
    return build.seconds, build


def failure_reason(result: subprocess.CompletedProcess | Build) -> str:
    """The most telling line of a failed build's log."""
    log = (result.stdout + "\n" + result.stderr).splitlines()
    errors = [line.strip() for line in log if re.search(r"\b\w*(Error|Exception)\b", line)
              and not re.match(r"\s*(RuntimeError:?\s*$|raise |The above exception)", line)]
    return (errors[-1] if errors else (log[-1] if log else f"exit code {result.returncode}"))[:300]


def summary_stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def gzip_sizes(site: Path, paths: list[str]) -> int:
    return sum(len(gzip.compress((site / p.lstrip("/")).read_bytes(), 6)) for p in paths if (site / p.lstrip("/")).is_file())


def gz(data: bytes | str) -> int:
    return len(gzip.compress(data.encode() if isinstance(data, str) else data, 6))


def med(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def met(ok: bool) -> str:
    return "yes" if ok else "NO"
