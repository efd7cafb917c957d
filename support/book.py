"""THE one way tests and benchmarks build a book: ``jupyter-book build`` exactly as ./build runs it.

Book builds are most of the suite's time, so a build that is already current is reused, never redone:
./build (and ``build_book`` here) leave a stamp file next to the HTML, dated when the build started, and
``is_current`` compares it with every input of the build (book sources, exercises, coursekit's code and
assets, the installed requirements). ``current_build`` holds a file lock while it checks and builds, so
processes that need the same book at once (pytest-xdist workers) build it once.

A book with language editions (``coursekit_languages`` in its ``_config.yml``: the course has en, ar, fr) is
built as ./build builds it: the other languages side by side, each from its generated config into
``_build/editions/<lang>/`` and copied into ``<html>/<lang>/``, then the root edition, whose service worker
and offline zip cover them (:mod:`coursekit.multilingual`). One stamp covers the whole site.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from coursekit.multilingual import course_languages, edition_config, sync
from support.once import file_lock

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = ROOT / ".venv" / "bin" / "jupyter-book"
STRICT_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]
# What a book build reads: the book's configuration, pages and exercise files; the package that renders
# the widgets; and the marker scripts/setup-env.sh rewrites whenever the pinned requirements change.
BOOK_INPUTS = ["_config.yml", "_toc.yml", "book", "exercises", "locales"]
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


def stamp_path(source: Path, path_output: Path | None = None, edition: str = "student", *,
               translated: bool = True) -> Path:
    """The stamp of the last successful build of ``edition`` (outside the HTML, so the site stays as built);
    without ``translated``, of a build of its source language only."""
    return (path_output or source) / "_build" / f".built-{edition}{'' if translated else '-source-language'}"


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
                if not name.endswith(".mo"):   # Sphinx compiles the .po catalogs into .mo files during the build
                    newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
    return newest


def other_languages(source: Path) -> list[str]:
    """The languages built in folders of the site (none for a one-language book)."""
    return course_languages(source / "_config.yml")[1:]


def edition_dir(source: Path, path_output: Path | None, language: str) -> Path:
    """Where the edition of ``language`` is built before it is copied into the site (./build's place)."""
    return (path_output or source) / "_build" / "editions" / language


def is_current(source: Path, path_output: Path | None = None, edition: str = "student", *,
               translated: bool = True) -> bool:
    """True when the last successful build of ``edition`` started after every input was last changed.
    Without ``translated`` the source language is enough: a build of every language counts too."""
    html = html_dir(source, path_output)
    stamps = [stamp_path(source, path_output, edition)] + ([] if translated else
                                                           [stamp_path(source, path_output, edition, translated=False)])
    parts = ["", *other_languages(source)]
    for stamp in stamps:
        needed = parts if stamp == stamps[0] else [""]
        if (stamp.exists() and all((html / part / "index.html").exists() for part in needed)
                and newest_input(source) <= stamp.stat().st_mtime):
            return True
    return False


def build_book(source: Path = ROOT, path_output: Path | None = None, *, edition: str = "student",
               strict: bool = True, quiet: bool = True, env: dict | None = None, check: bool = True,
               translated: bool = True) -> Build:
    """Build ``source`` with Jupyter Book into ``<path_output or source>/_build/html`` (every language edition;
    without ``translated``, the source language only).

    ``strict`` uses ./build's flags (warnings are errors, nitpicky); ``quiet`` passes ``-q`` (without it the
    log keeps Sphinx's progress lines, e.g. "Executed notebook"). With ``check`` a failed build raises
    AssertionError with the end of its log; without, the caller reads ``returncode`` and ``log``.
    """
    flags = (STRICT_FLAGS if strict else ["--keep-going"]) + (["-q"] if quiet else [])
    environment = {**os.environ, "COURSEKIT_EDITION": edition, **(env or {})}
    started_wall, started = time.time(), time.perf_counter()
    # as ./build: a broken exercise file is reported once, before any edition starts
    preflight = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "coursekit.build_problems"],
                               capture_output=True, text=True, cwd=source, env=environment)
    outputs, failed = [(preflight.stdout, preflight.stderr)], preflight.returncode or None
    editions = {}
    for language in other_languages(source) if failed is None and translated else []:   # side by side, as ./build
        folder = edition_dir(source, path_output, language)
        config = edition_config(source / "_config.yml", language, folder / "_config.yml")
        editions[language] = subprocess.Popen(
            [str(JUPYTER_BOOK), "build", str(source), "--config", str(config), "--path-output", str(folder), *flags],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=source, env=environment)
    for language, process in editions.items():
        out, err = process.communicate()
        outputs.append((f"[{language}] {out}", f"[{language}] {err}"))
        if process.returncode == 0:
            sync(edition_dir(source, path_output, language) / "_build" / "html", html_dir(source, path_output) / language)
        elif failed is None:
            failed = process.returncode
    if failed is None:
        command = [str(JUPYTER_BOOK), "build", str(source)]
        if path_output is not None:
            command += ["--path-output", str(path_output)]
        result = subprocess.run(command + flags, capture_output=True, text=True, cwd=source, env=environment)
        returncode, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        returncode, stdout, stderr = failed, "", ""
    build = Build(html_dir(source, path_output), returncode, "\n".join(o for o, _ in outputs) + stdout,
                  "\n".join(e for _, e in outputs) + stderr, time.perf_counter() - started)
    if build.returncode == 0:
        stamp = stamp_path(source, path_output, edition, translated=translated)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        os.utime(stamp, (started_wall, started_wall))
    elif check:
        raise AssertionError(f"book build failed ({source}):\n{build.tail()}")
    return build


def current_build(source: Path = ROOT, path_output: Path | None = None, *, edition: str = "student",
                  translated: bool = True) -> Path:
    """The HTML of ``edition``, built only if it is missing or older than its inputs (without ``translated``,
    its source language is enough)."""
    stamp = stamp_path(source, path_output, edition)
    with file_lock(stamp.with_name(f"{stamp.name}.lock")):
        if not is_current(source, path_output, edition, translated=translated):
            build_book(source, path_output, edition=edition, translated=translated)
    return html_dir(source, path_output)
