"""Benchmarks: build times, test-suite time, and the quiz page against the stock html-manager route.

    .venv/bin/python benchmarks/run.py [--quick] [--with-tests]

Writes benchmarks/results.md (a table, machine first) and benchmarks/results.json. Work files go in
benchmarks/.work/ (git-ignored): book copies, their builds, npm packages for the stock route.
See benchmarks/README.md for what every number means.

Each measurement is one small function returning ``Row``s (and raw data for the JSON); ``main`` lists
them in ``MEASUREMENTS``. To add a comparison (quiz vs jupyterquiz, timeline vs TimelineJS, per-page
weights), write a function ``measure_x(ctx) -> list[Row]`` and append it there.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / ".work"
VENV_BIN = ROOT / ".venv" / "bin"
JUPYTER_BOOK = VENV_BIN / "jupyter-book"
MINIBOOK = ROOT / "tests" / "fixtures" / "minibook"
SLICE_PAGE = "book/part1/slice.html"
BOOK_SOURCES = ["_config.yml", "_toc.yml", "book", "exercises"]

# The stock route's front-end packages (npm), pinned: html-manager 1.0.x is the one ipywidgets 8 embeds.
NPM_PACKAGES = {"requirejs": "2.3.8", "@jupyter-widgets/html-manager": "1.0.15"}
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

sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM_FLAGS  # noqa: E402  (the suite's own flags, one source of truth)


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
    data: dict = field(default_factory=dict)  # raw results, written to results.json


# --------------------------------------------------------------------------------------------- utils

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


def jb_build(source: Path, out: Path, strict: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    """``jupyter-book build`` as ./build runs it; returns (wall seconds, process)."""
    flags = ["--warningiserror", "--nitpick", "--keep-going", "-q"] if strict else ["--keep-going", "-q"]
    return run([JUPYTER_BOOK, "build", source, "--path-output", out, *flags], cwd=source,
               env={"COURSEKIT_EDITION": "student"})


def failure_reason(result: subprocess.CompletedProcess) -> str:
    """The most telling line of a failed build's log."""
    log = (result.stdout + "\n" + result.stderr).splitlines()
    errors = [line.strip() for line in log if re.search(r"\b\w*(Error|Exception)\b", line)]
    return (errors[-1] if errors else (log[-1] if log else f"exit code {result.returncode}"))[:300]


# ------------------------------------------------------------------------------------------ machine

def machine_info() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    os_release = Path("/etc/os-release").read_text() if Path("/etc/os-release").exists() else ""
    pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release, re.M)
    chromium = shutil.which("chromium")
    chromium_version = (subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
                        if chromium else "not installed")
    node = shutil.which("node")
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "ram_gib": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "os": f"{pretty.group(1) if pretty else platform.system()} (kernel {platform.release()})",
        "python": platform.python_version(),
        "chromium": chromium_version,
        "node": subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "none",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "packages": {name: version(name) for name in (
            "jupyter-book", "myst-nb", "sphinx", "sphinx-book-theme", "ipywidgets", "anywidget", "nbclient",
            "playwright", "pytest", "coursekit")},
    }


# ----------------------------------------------------------------------------------- 1. build times

def measure_book_builds(ctx: Context) -> list[Row]:
    """Clean build and no-change rebuild of the real book (a copy); the fixture minibook if it fails."""
    work = WORK / "book"
    src, out = copy_sources(ROOT, work / "src", BOOK_SOURCES), work / "out"
    shutil.rmtree(out, ignore_errors=True)
    clean, result = jb_build(src, out)
    subject, note = "real book", f"{len(list((src / 'book').rglob('*.ipynb')))} notebooks"
    if result.returncode != 0:
        reason = failure_reason(result)
        ctx.data["real_book_failure"] = {"reason": reason, "log_tail": (result.stdout + result.stderr)[-4000:]}
        src, out = copy_sources(MINIBOOK, work / "minibook-src"), work / "minibook-out"
        shutil.rmtree(out, ignore_errors=True)
        clean, result = jb_build(src, out)
        if result.returncode != 0:
            raise BenchmarkError(f"even the fixture minibook does not build: {failure_reason(result)}")
        subject = "fixture minibook (FALLBACK)"
        note = f"the real book does not build yet: {reason}"
    rebuilds = []
    for _ in range(1 if ctx.quick else 3):
        seconds, again = jb_build(src, out)
        if again.returncode != 0:
            raise BenchmarkError(f"no-change rebuild failed: {failure_reason(again)}")
        rebuilds.append(seconds)
    rebuild = statistics.median(rebuilds)
    pages = len(list((out / "_build" / "html").rglob("*.html")))
    ctx.data["builds"] = {"subject": subject, "clean_s": clean, "no_change_rebuild_s": rebuilds,
                          "html_files": pages, "note": note}
    return [
        Row("Build", f"Clean build, {subject}", secs(clean), note=f"{note}; {pages} HTML files; anchor: prototype 2.0 s for 1 notebook, 2.6 s for 2"),
        Row("Build", f"No-change rebuild, {subject}", f"{secs(rebuild)} (min {secs(min(rebuilds))})",
            note=f"same command again, median of {len(rebuilds)}; anchor: prototype 0.9 s"),
    ]


# ----------------------------------------------------------------------------------- 2. test suite

def measure_test_suite(ctx: Context) -> list[Row]:
    if not ctx.with_tests:
        return [Row("Tests", "Test suite wall time", "not run", note="pass --with-tests to measure it")]
    wall, result = run([VENV_BIN / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else f"exit code {result.returncode}"
    ctx.data["tests"] = {"wall_s": wall, "exit_code": result.returncode, "summary": summary}
    return [Row("Tests", "Test suite wall time (pytest -q)", secs(wall), note=f"reported, not asserted: {summary}")]


# --------------------------------------------------------------------- 3. the slice page, two routes

def ensure_npm_packages() -> dict[str, str]:
    """Install the stock route's npm packages into benchmarks/.work (once); return exact versions."""
    def installed(name: str) -> str | None:
        manifest = WORK / "node_modules" / name / "package.json"
        return json.loads(manifest.read_text())["version"] if manifest.exists() else None

    if any(installed(name) != wanted for name, wanted in NPM_PACKAGES.items()):
        if not shutil.which("npm"):
            raise BenchmarkError("npm is needed to fetch the stock route's require.js and html-manager")
        specs = [f"{name}@{wanted}" for name, wanted in NPM_PACKAGES.items()]
        _, result = run(["npm", "install", "--prefix", WORK, "--no-audit", "--no-fund", "--ignore-scripts",
                         "--loglevel=error", *specs])
        if result.returncode != 0:
            raise BenchmarkError(f"npm install failed:\n{result.stderr[-2000:]}")
    return {name: installed(name) for name in NPM_PACKAGES}


def stock_config(config_text: str) -> str:
    """The minibook's _config.yml without coursekit.sphinxext, with a local html-manager route."""
    import yaml

    config = yaml.safe_load(config_text)
    sphinx = config.setdefault("sphinx", {})
    sphinx["extra_extensions"] = [e for e in sphinx.get("extra_extensions", []) if e != "coursekit.sphinxext"]
    sphinx.setdefault("config", {})["nb_ipywidgets_js"] = {
        # myst-nb adds these, in order, to pages with saved widget state; relative names land in _static/.
        "stock/require.js": {},
        "": {"body": STOCK_PATHS_CONFIG},  # an inline script (Sphinx writes no src for an empty name)
        "stock/embed-amd.js": {"data-jupyter-widgets-cdn": STOCK_CDN},
    }
    return yaml.safe_dump(config, sort_keys=False)


def install_stock_assets(site: Path) -> dict[str, str]:
    """Copy require.js, html-manager's dist (embed-amd.js and the fonts it loads) and anywidget's AMD
    module into the built site's _static/stock/; returns {served file: origin}."""
    import anywidget

    stock = site / STOCK_DIR
    shutil.rmtree(stock, ignore_errors=True)
    (stock / "cdn").mkdir(parents=True)
    (stock / "cdn" / "README.txt").write_text("Empty on purpose: data-jupyter-widgets-cdn points here so that "
                                             "html-manager never falls back to a real CDN.\n")
    dist = WORK / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    copied = {"require.js": "npm requirejs/require.js"}
    shutil.copy2(WORK / "node_modules" / "requirejs" / "require.js", stock / "require.js")
    for path in dist.iterdir():  # embed-amd.js finds its fonts next to itself
        if path.name == "embed-amd.js" or path.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
            shutil.copy2(path, stock / path.name)
    copied["embed-amd.js"] = "npm @jupyter-widgets/html-manager/dist/embed-amd.js (+ its font files)"
    shutil.copy2(Path(anywidget.__file__).parent / "nbextension" / "index.js", stock / "anywidget.js")
    copied["anywidget.js"] = f"PyPI anywidget {version('anywidget')}: anywidget/nbextension/index.js"
    return copied


def build_slice_sites(ctx: Context) -> dict[str, Path]:
    """Build the minibook twice: our route (as the tests build it) and the stock route."""
    sites, builds = {}, {}
    for route in ("ours", "stock"):
        src = copy_sources(MINIBOOK, WORK / f"slice-{route}" / "src")
        out = WORK / f"slice-{route}" / "out"
        shutil.rmtree(out, ignore_errors=True)
        if route == "stock":
            (src / "_config.yml").write_text(stock_config((MINIBOOK / "_config.yml").read_text()))
        seconds, result = jb_build(src, out, strict=(route == "ours"))
        if result.returncode != 0:
            raise BenchmarkError(f"{route} route: the slice book does not build: {failure_reason(result)}")
        site = out / "_build" / "html"
        if route == "stock":
            ctx.data["stock_assets"] = install_stock_assets(site)
        sites[route], builds[route] = site, seconds
    ctx.data["slice_builds_s"] = builds
    return sites


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


class _WidgetMarkup(HTMLParser):
    """Byte spans of widget markup in a page: coursekit mount points (with their fallback) and myst-nb's
    widget-view scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.spans, self._depth, self._start, self._script = text, [], 0, None, None
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._start is not None and tag == "div":
            self._depth += 1
        elif tag == "div" and "ck-widget-mount" in (attrs.get("class") or "").split():
            self._start, self._depth = self._offset(), 1
        elif tag == "script" and attrs.get("type") == "application/vnd.jupyter.widget-view+json":
            self._script = self._offset()

    def handle_endtag(self, tag):
        if tag == "div" and self._start is not None:
            self._depth -= 1
            if self._depth == 0:
                self.spans.append(self.text[self._start:self._offset() + len("</div>")])
                self._start = None
        elif tag == "script" and self._script is not None:
            self.spans.append(self.text[self._script:self._offset() + len("</script>")])
            self._script = None


def page_widget_bytes(html_file: Path) -> dict:
    """Saved widget state and widget markup of a built page, in bytes as served (and gzipped)."""
    text = html_file.read_text(encoding="utf-8")
    states = re.findall(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', text, re.S)
    parser = _WidgetMarkup(text)
    parser.feed(text)
    markup = parser.spans + ([f"<script>{STOCK_PATHS_CONFIG}</script>"] if STOCK_PATHS_CONFIG in text else [])
    state_bytes = "".join(states).encode()
    markup_bytes = "".join(markup).encode()
    state = json.loads(re.sub(r"^<script[^>]*>|</script>$", "", states[0]).replace("<\\/", "</")) if states else {}
    esm = sum(len(str(m.get("state", {}).get("_esm", ""))) + len(str(m.get("state", {}).get("_css", "")))
              for m in state.get("state", {}).values())
    return {"state": len(state_bytes), "state_gzip": len(gzip.compress(state_bytes, 6)),
            "state_module_source_chars": esm, "models": len(state.get("state", {})),
            "markup": len(markup_bytes), "markup_gzip": len(gzip.compress(markup_bytes, 6)),
            "html_file": html_file.stat().st_size}


READY = """() => {
  const input = document.querySelector('.ck-quiz input');
  return input && !input.disabled && input.getClientRects().length > 0 ? performance.now() : false;
}"""
RESOURCES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    document: {url: nav.name, transfer: nav.transferSize, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd},
    resources: performance.getEntriesByType('resource').map(e => ({url: e.name, transfer: e.transferSize,
                                                                  body: e.encodedBodySize, type: e.initiatorType})),
  };
}"""


def widget_kind(url: str, route: str) -> str | None:
    """Which widget bucket a fetched URL belongs to on ``route`` (None: not a widget asset)."""
    path = urllib.parse.urlsplit(url).path
    prefix = "/_static/coursekit/" if route == "ours" else f"/{STOCK_DIR}/"
    if not path.startswith(prefix):
        return None
    return {".js": "js", ".css": "css"}.get(Path(path).suffix, "other")


def off_host(url: str) -> bool:
    """True for any request that does not stay on 127.0.0.1 (blob:/data: of the page itself are local)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "data":
        return False
    if parts.scheme == "blob":
        parts = urllib.parse.urlsplit(url[len("blob:"):])
    return parts.scheme not in ("http", "https") or parts.hostname != "127.0.0.1"


def measure_once(browser, url: str, route: str) -> dict:
    """One fresh context: time to an interactive quiz, a click on it, and every byte fetched."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests, console, http_errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: r.status >= 400 and http_errors.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    try:
        page.goto(url, wait_until="commit")
        ready_ms = page.wait_for_function(READY, polling="raf").json_value()
        first = page.locator(".ck-quiz input").first
        first.click()
        accepted = first.evaluate(
            "el => (el.type === 'radio' || el.type === 'checkbox') ? el.checked : document.activeElement === el")
        page.wait_for_load_state("networkidle")
        timing = page.evaluate(RESOURCES)
        quizzes = page.locator(".ck-quiz").count()
        items = page.locator(".ck-quiz .ck-item").count()
    finally:
        context.close()
    fetched = [{**r, "kind": widget_kind(r["url"], route)} for r in timing["resources"]]
    buckets = {kind: sum(r["transfer"] for r in fetched if r["kind"] == kind) for kind in ("js", "css", "other")}
    return {
        "ready_ms": ready_ms, "click_accepted": bool(accepted), "quizzes": quizzes, "items": items,
        "dcl_ms": timing["document"]["dcl"], "load_ms": timing["document"]["load"],
        "document_bytes": timing["document"]["transfer"],
        "total_bytes": timing["document"]["transfer"] + sum(r["transfer"] for r in fetched),
        "widget_js": buckets["js"], "widget_css": buckets["css"], "widget_other": buckets["other"],
        "widget_files": sorted({urllib.parse.urlsplit(r["url"]).path for r in fetched if r["kind"]}),
        "requests": requests, "off_host": [u for u in requests if off_host(u)],
        "console": console, "http_errors": http_errors,
        "largest": sorted(([r["transfer"], r["url"]] for r in fetched), reverse=True)[:8],
    }


def gzip_sizes(site: Path, paths: list[str]) -> int:
    return sum(len(gzip.compress((site / p.lstrip("/")).read_bytes(), 6)) for p in paths if (site / p.lstrip("/")).is_file())


def measure_slice_routes(ctx: Context) -> list[Row]:
    from playwright.sync_api import sync_playwright

    ctx.data["npm_packages"] = ensure_npm_packages()
    sites = build_slice_sites(ctx)
    executable = shutil.which("chromium")
    if not executable:
        raise BenchmarkError("Debian's chromium is not installed (apt-get install chromium); never `playwright install`")
    servers, urls = [], {}
    for route, site in sites.items():
        base, server = serve(site)
        servers.append(server)
        urls[route] = base + SLICE_PAGE
    runs: dict[str, list[dict]] = {"ours": [], "stock": []}
    failures: dict[str, str] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            try:
                for route in runs:  # one discarded warm-up per route (server threads, OS file cache)
                    try:
                        measure_once(browser, urls[route], route)
                    except Exception as exc:  # noqa: BLE001 - reported below, with what was measured
                        failures[route] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
                for _ in range(ctx.runs):  # interleaved, so drift affects both routes alike
                    for route in runs:
                        if route not in failures:
                            runs[route].append(measure_once(browser, urls[route], route))
            finally:
                browser.close()
    finally:
        for server in servers:
            server.shutdown()

    off = {route: sorted({u for r in rs for u in r["off_host"]}) for route, rs in runs.items()}
    ctx.data["slice"] = {"urls": urls, "runs": runs, "failures": failures, "off_host": off,
                         "page": {route: page_widget_bytes(site / SLICE_PAGE) for route, site in sites.items()}}
    if any(off.values()):
        raise BenchmarkError(f"requests left 127.0.0.1: {off}")
    if "ours" in failures:
        raise BenchmarkError(f"our route's quiz never became interactive: {failures['ours']}")
    for route, rs in runs.items():
        if rs and not all(r["click_accepted"] for r in rs):
            raise BenchmarkError(f"{route} route: the quiz did not accept the click")
    rendered = {route: {(r["quizzes"], r["items"]) for r in rs} for route, rs in runs.items() if rs}
    if len(rendered) == 2 and rendered["ours"] != rendered["stock"]:
        raise BenchmarkError(f"the two routes render different quizzes (quizzes, items): {rendered}")
    return slice_rows(ctx, sites)


def _stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def slice_rows(ctx: Context, sites: dict[str, Path]) -> list[Row]:
    data = ctx.data["slice"]
    runs, page = data["runs"], data["page"]
    summary = {route: {key: _stats([r[key] for r in rs]) for key in
                       ("ready_ms", "dcl_ms", "load_ms", "widget_js", "widget_css", "widget_other", "total_bytes",
                        "document_bytes")} for route, rs in runs.items() if rs}
    for route, s in summary.items():
        widget = [r["widget_js"] + r["widget_css"] + r["widget_other"] + page[route]["state"] + page[route]["markup"]
                  for r in runs[route]]
        s["widget_total"] = _stats(widget)
        files = sorted({f for r in runs[route] for f in r["widget_files"]})
        s["widget_files"] = files
        # JS and CSS only: font files are compressed formats already, and not fetched in every run
        s["widget_assets_gzip"] = gzip_sizes(sites[route], [f for f in files if f.endswith((".js", ".css"))])
        s["widget_total_gzip"] = s["widget_assets_gzip"] + page[route]["state_gzip"] + page[route]["markup_gzip"]
    data["summary"] = summary
    if "stock" in data["failures"]:
        reason = data["failures"]["stock"]
        return [Row("Quiz page", "Stock route", "see note", "FAILED",
                    note=f"the stock route's quiz never became interactive offline ({reason}); only our route "
                         f"was measured: time to interactive {ms(summary['ours']['ready_ms']['median'])}, "
                         f"widget bytes {kb(summary['ours']['widget_total']['median'])}")]

    o, s = summary["ours"], summary["stock"]
    n = ctx.runs

    def both(key: str, fmt, target: float | None = None, note: str = "", label: str = "") -> Row:
        om, sm = o[key]["median"], s[key]["median"]
        met = ("yes" if om <= target * sm else "NO") if target else ""
        return Row("Quiz page", label or key, f"{fmt(om)} (min {fmt(o[key]['min'])})",
                   f"{fmt(sm)} (min {fmt(s[key]['min'])})", ratio(om, sm),
                   f"<= 1/{round(1 / target)}" if target else "", met, note)

    po, ps = page["ours"], page["stock"]
    paired = statistics.median(a["ready_ms"] / b["ready_ms"] for a, b in zip(runs["ours"], runs["stock"]))
    data["paired_ready_ratio_median"] = paired
    first_o, first_s = runs["ours"][0], runs["stock"][0]

    def problems(route: str) -> str:
        rs = runs[route]
        errors = sorted({e for r in rs for e in r["http_errors"]})
        console = sorted({c for r in rs for c in r["console"] if c.split(":")[0] in ("error", "pageerror")})
        return f"{len(errors)} HTTP errors, {len(console)} distinct console errors"

    rows = [
        Row("Quiz page", "Quiz rendered and clicked in every run",
            f"{first_o['quizzes']} quiz, {first_o['items']} items", f"{first_s['quizzes']} quiz, {first_s['items']} items",
            note=f"requests off 127.0.0.1: none on either route ({sum(len(r['requests']) for r in runs['ours'])} "
                 f"and {sum(len(r['requests']) for r in runs['stock'])} requests recorded); ours: {problems('ours')}; "
                 f"stock: {problems('stock')}"),
        both("widget_total", kb, TARGET_WIDGET_BYTES, label="Widget bytes, total",
             note="widget JS + CSS + other widget files + saved state + widget markup; transferred, uncompressed "
                  "(http.server does not gzip)"),
        both("widget_js", kb, label="Widget JS transferred",
             note="ours: _static/coursekit/*.js (host + module); stock: require.js + embed-amd.js + anywidget.js"),
        both("widget_css", kb, label="Widget CSS transferred",
             note="stock: no CSS file (embed-amd.js injects its CSS; the quiz CSS rides in the saved state)"),
        both("widget_other", kb, label="Other widget files transferred",
             note="stock: html-manager's Font Awesome files, fetched only in runs where a glyph using them "
                  "painted before the quiz rendered"),
        Row("Quiz page", "Saved widget state (script element)", kb(po["state"]), kb(ps["state"]),
            ratio(po["state"], ps["state"]),
            note=f"{po['models']} vs {ps['models']} models; module source (_esm+_css) in state: "
                 f"{po['state_module_source_chars']:,} vs {ps['state_module_source_chars']:,} chars"),
        Row("Quiz page", "Widget markup in the page", kb(po["markup"]), kb(ps["markup"]),
            ratio(po["markup"], ps["markup"]),
            note="ours: mount point with its no-JavaScript fallback; stock: widget-view scripts + requirejs paths config"),
        both("total_bytes", kb, label="Total page bytes transferred", note="document + every resource, fresh context"),
        Row("Quiz page", "Widget JS + CSS + state + markup if served gzipped (estimate)", kb(o["widget_total_gzip"]),
            kb(s["widget_total_gzip"]), ratio(o["widget_total_gzip"], s["widget_total_gzip"]),
            note="gzip -6 of the same files, state and markup (fonts left out); not a transfer measurement"),
        both("ready_ms", ms, TARGET_TTI, label="Time to interactive quiz",
             note=f"navigation start to first `.ck-quiz input` present, enabled, visible (raf polling); "
                  f"then clicked and checked; median of {n} fresh contexts; ratio of minima "
                  f"{o['ready_ms']['min'] / s['ready_ms']['min']:.3f}, median of paired runs {paired:.3f}; "
                  f"ours is ready {o['ready_ms']['median'] - o['dcl_ms']['median']:,.0f} ms after "
                  f"DOMContentLoaded, stock {s['ready_ms']['median'] - s['dcl_ms']['median']:,.0f} ms"),
        both("dcl_ms", ms, label="DOMContentLoaded", note="for context"),
        both("load_ms", ms, label="load event end", note="for context"),
    ]
    return rows


MEASUREMENTS = [measure_book_builds, measure_test_suite, measure_slice_routes]


# ------------------------------------------------------------------------------------------ output

def write_results(ctx: Context, machine: dict, rows: list[Row], error: str | None) -> None:
    m = machine
    npm = ctx.data.get("npm_packages", {})
    lines = [
        "# Benchmark results",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM",
        f"- OS: {m['os']}; Python {m['python']}; {m['chromium']}; Node {m['node']}",
        f"- Date: {m['date']}; mode: {'--quick ' if ctx.quick else ''}N={ctx.runs} browser runs per route"
        f"{'; with tests' if ctx.with_tests else ''}",
        f"- Load average (1/5/15 min) at start: {' / '.join(map(str, m['load_average_at_start']))}; before the "
        f"browser runs: {' / '.join(map(str, ctx.data.get('load_average', {}).get('measure_slice_routes', ['n/a'])))}"
        + (" (**busy machine: other processes competed for the 2 cores; timings are noisy**)"
           if max(m["load_average_at_start"][0], ctx.data.get("load_average", {}).get("measure_slice_routes", [0])[0])
           > (m["cores"] or 1) else ""),
        "- Python packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        "- Stock route (npm, served from the site's _static/stock/): "
        + (", ".join(f"{k} {v}" for k, v in npm.items()) + f", anywidget AMD module from anywidget {version('anywidget')}"
           if npm else "not measured"),
        "",
    ]
    if error:
        lines += [f"**BENCHMARK FAILED: {error}**", ""]
    lines += ["| Section | Measurement | Ours | Stock route | Ours/stock | Target | Met | Notes |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        cells = [r.section, r.metric, r.ours, r.stock, r.ratio, r.target, r.met, r.note]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "Ours = coursekit's static host; stock = myst-nb's html-manager route made offline "
              "(see benchmarks/README.md). Times are medians (min in brackets) over fresh browser contexts.", ""]
    (BENCH / "results.md").write_text("\n".join(lines), encoding="utf-8")
    payload = {"machine": machine, "quick": ctx.quick, "runs_per_route": ctx.runs, "error": error,
               "rows": [asdict(r) for r in rows], **ctx.data}
    (BENCH / "results.json").write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 browser runs per route instead of 7")
    parser.add_argument("--with-tests", action="store_true", help="also time the whole test suite")
    args = parser.parse_args(argv)
    ctx = Context(quick=args.quick, with_tests=args.with_tests, runs=3 if args.quick else 7)
    WORK.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    rows: list[Row] = []
    error = None
    started = time.perf_counter()
    for measure in MEASUREMENTS:
        step = time.perf_counter()
        print(f"[benchmarks] {measure.__name__} ...", flush=True)
        ctx.data.setdefault("load_average", {})[measure.__name__] = [round(x, 2) for x in os.getloadavg()]
        try:
            rows += measure(ctx)
        except BenchmarkError as exc:
            error = f"{measure.__name__}: {exc}"
            print(f"[benchmarks] FAILED {error}", file=sys.stderr, flush=True)
            break
        print(f"[benchmarks] {measure.__name__} done in {time.perf_counter() - step:.1f} s", flush=True)
    ctx.data["benchmark_wall_s"] = time.perf_counter() - started
    write_results(ctx, machine, rows, error)
    print((BENCH / "results.md").read_text(encoding="utf-8"))
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(main())
