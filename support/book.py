"""THE one way tests and benchmarks build a book: ``jupyter-book build`` exactly as ./build runs it.

Book builds are most of the suite's time, so a build that is already current is reused, never redone:
./build (and ``build_book`` here) leave a stamp file next to the HTML, dated when the build started, and
``is_current`` compares it with every input of the build (book sources, exercises, coursekit's code and
assets, the installed requirements). ``current_build`` holds a file lock while it checks and builds, so
processes that need the same book at once (pytest-xdist workers) build it once.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from support.once import file_lock

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = ROOT / ".venv" / "bin" / "jupyter-book"
STRICT_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]
# What a book build reads: the book's configuration, pages and exercise files; the package that renders
# the widgets; and the marker scripts/setup-env.sh rewrites whenever the pinned requirements change.
BOOK_INPUTS = ["_config.yml", "_toc.yml", "book", "exercises"]
CODE_INPUTS = [ROOT / "coursekit", ROOT / ".venv" / ".installed-book"]
SKIP_PARTS = {"_build", "__pycache__", ".ipynb_checkpoints", ".jupyter_cache"}


@dataclass
class Build:
    """One finished ``jupyter-book build``: where the HTML is, its exit code, its output, its wall time."""

    html: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def log(self) -> str:
        return self.stdout + "\n" + self.stderr

    def tail(self, chars: int = 4000) -> str:
        return self.log[-chars:]

    def save(self, path: Path) -> None:
        """Write this build's record as JSON, for another process of the run to ``load``."""
        path.write_text(json.dumps({"html": str(self.html), "returncode": self.returncode, "stdout": self.stdout,
                                    "stderr": self.stderr, "seconds": self.seconds}), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Build:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Path(data.pop("html")), **data)


def html_dir(source: Path, path_output: Path | None = None) -> Path:
    """Where jupyter-book writes the HTML: ``<path-output or source>/_build/html``."""
    return (path_output or source) / "_build" / "html"


def stamp_path(source: Path, path_output: Path | None = None, edition: str = "student") -> Path:
    """The stamp of the last successful build of ``edition`` (outside the HTML, so the site stays as built)."""
    return (path_output or source) / "_build" / f".built-{edition}"


def newest_input(source: Path) -> float:
    """The latest modification time among everything a build of ``source`` reads."""
    newest = 0.0
    for top in [*(source / name for name in BOOK_INPUTS), *CODE_INPUTS]:
        if not top.exists():
            continue
        if top.is_file():
            newest = max(newest, top.stat().st_mtime)
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in SKIP_PARTS and not d.startswith(".")]
            for name in files:
                newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
    return newest


def is_current(source: Path, path_output: Path | None = None, edition: str = "student") -> bool:
    """True when the last successful build of ``edition`` started after every input was last changed."""
    stamp = stamp_path(source, path_output, edition)
    return (stamp.exists() and (html_dir(source, path_output) / "index.html").exists()
            and newest_input(source) <= stamp.stat().st_mtime)


def build_book(source: Path = ROOT, path_output: Path | None = None, *, edition: str = "student",
               strict: bool = True, quiet: bool = True, env: dict | None = None, check: bool = True,
               config: Path | None = None) -> Build:
    """Build ``source`` with Jupyter Book into ``<path_output or source>/_build/html``.

    ``strict`` uses ./build's flags (warnings are errors, nitpicky); ``quiet`` passes ``-q`` (without it the
    log keeps Sphinx's progress lines, e.g. "Executed notebook"). With ``check`` a failed build raises
    AssertionError with the end of its log; without, the caller reads ``returncode`` and ``log``. ``config``
    is another ``_config.yml`` to build with (its relative paths are read from ``source``).
    """
    command = [str(JUPYTER_BOOK), "build", str(source)]
    if config is not None:
        command += ["--config", str(config)]
    if path_output is not None:
        command += ["--path-output", str(path_output)]
    command += STRICT_FLAGS if strict else ["--keep-going"]
    if quiet:
        command.append("-q")
    started_wall, started = time.time(), time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=source,
                            env={**os.environ, "COURSEKIT_EDITION": edition, **(env or {})})
    build = Build(html_dir(source, path_output), result.returncode, result.stdout, result.stderr,
                  time.perf_counter() - started)
    if build.returncode == 0:
        stamp = stamp_path(source, path_output, edition)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        os.utime(stamp, (started_wall, started_wall))
    elif check:
        raise AssertionError(f"book build failed ({source}):\n{build.tail()}")
    return build


def current_build(source: Path = ROOT, path_output: Path | None = None, *, edition: str = "student",
                  config: Path | None = None) -> Path:
    """The HTML of ``edition``, built only if it is missing or older than its inputs."""
    stamp = stamp_path(source, path_output, edition)
    with file_lock(stamp.with_name(f"{stamp.name}.lock")):
        if not is_current(source, path_output, edition) or (config and config.stat().st_mtime > stamp.stat().st_mtime):
            build_book(source, path_output, edition=edition, config=config)
    return html_dir(source, path_output)
