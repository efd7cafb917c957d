"""Shared fixtures: the built books, a loopback web server, and headless Chromium through Playwright.

Every book is built once per run and shared (support/book.py has the one build helper): the student
edition ./test already built is reused while it is current, the instructor edition likewise (in
_build/instructor, where ./build --instructor puts it), and the fixture minibook is built once into a
temporary copy that the Sphinx extension tests also rebuild incrementally (each leaves it as built).

Under pytest-xdist (``-n 2``) each book is still built once (support/once.py), and tests are sent to
workers a file at a time (``--dist loadfile``): a module's fixtures are made once, and nbval's cells of
one notebook stay in order in one kernel. Files are sent longest first, by their time in the last measured run
(support/durations.py), so both workers finish together. Some minibook tests edit it and rebuild, so every test that
uses the minibook holds its lock while it runs: no worker reads it halfway through another's rebuild.
(``--dist loadgroup`` would be finer, but pytest-xdist 3.8 cannot set its groups under pytest 9.)

The browser is Debian's chromium driven by Playwright (never a downloaded browser). With CI=true a
missing browser fails the run; elsewhere browser tests are skipped with the reason.
"""
from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

from coursekit.bank import Bank
from support.book import Build, build_book, current_build
from support.browser import MISSING, chromium_path, launch
from support.durations import load as recorded_durations, longest_first
from support.languages import language_site
from support.once import file_lock, once, run_root
from support.server import serve as serve_folder
from support.wheel import build_dist, make_venv, wheel_in

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTOR_OUT = ROOT / "_build" / "instructor"
MINIBOOK = ROOT / "tests" / "fixtures" / "minibook"
AS_BUILT = "as-built"   # beside the shared minibook's copy: the same folder as its build left it
# Fixtures that make every test using them slow: a book the suite builds itself (the student edition is
# ./test's own build), or a JupyterLab server. Other slow tests carry @pytest.mark.slow themselves.
SLOW_FIXTURES = {"minibook_build", "student_fixture_book", "instructor_site", "jupyterlab", "jupyterlab_download"}


def pytest_configure(config):
    dist = getattr(config.option, "dist", "no")
    if getattr(config.option, "numprocesses", None) and dist != "loadfile":
        raise pytest.UsageError(f"with -n, use --dist loadfile (not {dist}): a module's fixtures are made once, and "
                                "nbval's cells of one notebook must run in one worker, in order")
    config.option.loadscopereorder = False   # xdist's order (most tests first) would send one-test crawls last


def pytest_collection_modifyitems(items):
    """Mark ``slow`` every test that needs one of SLOW_FIXTURES, directly or through another fixture, and
    nbval's notebook cells (each notebook of the book executed in a kernel: the execution half of a build);
    then order the files longest first (support/durations.py)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
    slow = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}
    items[:] = longest_first(items, recorded_durations(), slow)


@pytest.fixture(autouse=True)
def _minibook_turn(request, tmp_path_factory):
    """A test that uses the shared minibook holds its lock while it runs (see the module docstring)."""
    if "minibook_build" not in request.fixturenames:
        yield
        return
    with file_lock(run_root(tmp_path_factory.getbasetemp()) / "minibook-in-use.lock"):
        yield


@pytest.fixture(scope="session")
def site() -> Path:
    """The built student edition: ./test's build when current, else built here (once)."""
    return current_build(ROOT)


@pytest.fixture(scope="session")
def instructor_site() -> Path:
    """The built instructor edition (./build --instructor's folder), built here only when not current; in
    English, which is all its tests read (the fixture book's test builds an instructor edition's translations)."""
    return current_build(ROOT, INSTRUCTOR_OUT, edition="instructor", translated=False)


@pytest.fixture(scope="session")
def arabic_site() -> Path:
    """The course in Arabic (right to left): the edition ./build makes beside the English (support.languages)."""
    return language_site("ar")


@pytest.fixture(scope="session")
def french_site() -> Path:
    return language_site("fr")


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a static server for ``folder`` on 127.0.0.1."""
    servers = []

    def start(folder: Path) -> str:
        base, server = serve_folder(folder)
        servers.append(server)
        return base

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(site, serve) -> str:
    return serve(site)


@pytest.fixture(scope="session")
def browser():
    if not chromium_path():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()


class Watched:
    """A page plus what it logged and requested."""

    def __init__(self, page):
        self.page = page
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        page.on("request", lambda r: self.requests.append(r.url))

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "warning", "pageerror")]


@pytest.fixture
def watched(browser):
    """A fresh browser context (empty localStorage) with a watched page."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Watched(page)
    context.close()


@pytest.fixture(scope="session")
def minibook_build(tmp_path_factory) -> Build:
    """The fixture book (tests/fixtures/minibook) copied to a temporary folder and built once, log kept.

    Built without -q, so the log has Sphinx's progress lines too. Tests that edit this copy to check
    incremental rebuilds put it back with ``restore_minibook`` before they end, so every user sees it as
    built here.
    """
    def make(folder: Path) -> None:
        shutil.copytree(MINIBOOK, folder / "book", ignore=shutil.ignore_patterns("_build"))
        build_book(folder / "book", quiet=False).save(folder / "build.json")
        shutil.copytree(folder / "book", folder / AS_BUILT, symlinks=True)

    return Build.load(once(run_root(tmp_path_factory.getbasetemp()) / "minibook", make) / "build.json")


def restore_minibook(book: Path) -> None:
    """Put the shared minibook back exactly as built (sources, environment, doctrees, HTML, their times) from
    the copy made right after its build, at the same path, so Sphinx finds it current: undoing an edit this
    way costs a copy, where building the book again cost a Jupyter Book run and a notebook execution."""
    shutil.rmtree(book)
    shutil.copytree(book.parent / AS_BUILT, book, symlinks=True)


@pytest.fixture(scope="session")
def minibook(minibook_build) -> Path:
    """The folder of the built fixture book (sources and its _build)."""
    return minibook_build.html.parent.parent


@pytest.fixture(scope="session")
def fixture_site(minibook_build) -> Path:
    """The fixture book's HTML."""
    return minibook_build.html


@pytest.fixture(scope="session")
def fixture_url(fixture_site, serve) -> str:
    return serve(fixture_site)


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The folder of coursekit's wheel and sdist, made once per run."""
    return once(run_root(tmp_path_factory.getbasetemp()) / "dist", build_dist)


@pytest.fixture(scope="session")
def wheel(dist) -> Path:
    return wheel_in(dist)


@pytest.fixture(scope="session")
def core_env(tmp_path_factory, wheel) -> Path:
    """The bin folder of a fresh environment with only the wheel and its core dependencies, made once per run
    (the packaging tests and the test that runs each generated download alone share it; neither changes it)."""
    folder = once(run_root(tmp_path_factory.getbasetemp()) / "core-env", lambda f: make_venv(f / "env", str(wheel)))
    return folder / "env" / "bin"


@functools.cache
def course_bank() -> Bank:
    """The course's own exercise bank (exercises/, errors raised), read once per process: reading it is
    seconds of line-aware YAML parsing, and the test modules that take it as their data only read it."""
    return Bank.load(ROOT).raise_errors()


def run_axe(page, selector: str) -> list[dict]:
    """axe-core (from npm, installed by ./test) run inside ``selector``; returns its violations."""
    source = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    page.add_script_tag(content=source)
    result = page.evaluate(
        "async (sel) => await axe.run(document.querySelector(sel), "
        "{resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})",
        selector,
    )
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


def course_copy(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the fixture bank (tests/exporters/fixtures/bank) as the working folder, found as the course."""
    target = tmp_path / "bank"
    shutil.copytree(ROOT / "tests" / "exporters" / "fixtures" / "bank", target)
    monkeypatch.chdir(target)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    return target
