"""Shared fixtures: the built book, a loopback web server, and headless Chromium through Playwright.

The browser is Debian's chromium driven by Playwright (never a downloaded browser). With CI=true a
missing browser fails the run; elsewhere browser tests are skipped with the reason.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def build_book(path_output: Path, edition: str = "student", source: Path = ROOT) -> Path:
    """Build ``source`` with Jupyter Book into ``path_output``; raise with the log on failure."""
    env = {**os.environ, "COURSEKIT_EDITION": edition}
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(source), "--path-output", str(path_output),
         "--warningiserror", "--nitpick", "--keep-going", "-q"],
        capture_output=True, text=True, env=env, cwd=source,
    )
    if result.returncode != 0:
        raise AssertionError(f"book build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return path_output / "_build" / "html" if path_output != ROOT else SITE


@pytest.fixture(scope="session")
def site() -> Path:
    """The built student edition (./test builds it first; built here if missing)."""
    if not (SITE / "index.html").exists():
        build_book(ROOT)
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a static server for ``folder`` on 127.0.0.1."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(site, serve) -> str:
    return serve(site)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        message = "Debian's chromium is not installed (./test installs it with apt-get)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
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
def fixture_site(tmp_path_factory) -> Path:
    """The fixture book (tests/fixtures/minibook) built once into a temporary copy."""
    book = tmp_path_factory.mktemp("fixture-site") / "book"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minibook", book, ignore=shutil.ignore_patterns("_build"))
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book), "--warningiserror", "--nitpick",
         "--keep-going", "-q"], capture_output=True, text=True, cwd=book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build" / "html"


@pytest.fixture(scope="session")
def fixture_url(fixture_site, serve) -> str:
    return serve(fixture_site)


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
