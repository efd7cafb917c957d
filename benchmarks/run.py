"""Benchmarks: build times, test suite, quiz/timeline/page weights and timings against their anchors.

    .venv/bin/python benchmarks/run.py [--quick] [--with-tests] [--only build,tests,slice,quiz,bank,timeline,pages]

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
    only: set = field(default_factory=set)    # the groups to run (see GROUPS)
    data: dict = field(default_factory=dict)  # raw results, written to results.json
    cache: dict = field(default_factory=dict)  # builds shared between groups within one run (not written)


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


def jb_build(source: Path, out: Path, strict: bool = True, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """``jupyter-book build`` as ./build runs it; returns (wall seconds, process)."""
    flags = ["--warningiserror", "--nitpick", "--keep-going", "-q"] if strict else ["--keep-going", "-q"]
    return run([JUPYTER_BOOK, "build", source, "--path-output", out, *flags], cwd=source,
               env={"COURSEKIT_EDITION": "student", **(env or {})})


def failure_reason(result: subprocess.CompletedProcess) -> str:
    """The most telling line of a failed build's log."""
    log = (result.stdout + "\n" + result.stderr).splitlines()
    errors = [line.strip() for line in log if re.search(r"\b\w*(Error|Exception)\b", line)
              and not re.match(r"\s*(RuntimeError:?\s*$|raise |The above exception)", line)]
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




# ================================================================================================
# Shared by the groups below: a static host with gzip, one Chromium, one page visit.
# ================================================================================================

# Every host but 127.0.0.1 resolves to nothing, so a page that reaches for a CDN fails fast (and the
# request is still recorded). Route interception is not used: in Playwright it disables the HTTP cache.
BENCH_FLAGS = [*CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
TEXT_TYPES = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".ipynb", ".md"}


class _StaticHost(_QuietHandler):
    """What a static host (GitHub Pages, say) sends: gzip for text files, Last-Modified, and
    ``Cache-Control: max-age=600``; 304 on If-Modified-Since. HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    use_gzip = True
    cache_control = "max-age=600"
    _compressed: dict = {}

    def end_headers(self):
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (self.use_gzip and path.is_file() and path.suffix in TEXT_TYPES
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        stat = path.stat()
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                import email.utils
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        key = (str(path), stat.st_mtime_ns)
        body = self._compressed.get(key)
        if body is None:
            body = self._compressed[key] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        self.wfile.write(body)
        return None


def serve_static(folder: Path, use_gzip: bool = True) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(type("Host", (_StaticHost,), {"use_gzip": use_gzip}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a browser closing a connection early is not news
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


class chromium:  # noqa: N801 - used as ``with chromium() as browser``
    """One headless Debian Chromium (never ``playwright install``), closed on exit."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        executable = shutil.which("chromium")
        if not executable:
            raise BenchmarkError("Debian's chromium is not installed (apt-get install chromium); never `playwright install`")
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=executable, args=BENCH_FLAGS)
        return self.browser

    def __exit__(self, *exc):
        try:
            self.browser.close()
        finally:
            self._pw.stop()


RESOURCES_FULL = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const one = (e) => ({url: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
                       type: e.initiatorType || 'navigation'});
  return {
    document: {...one(nav), dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd},
    resources: performance.getEntriesByType('resource').map(one),
    render: window.__ckRender || [],
  };
}"""

# Wraps each coursekit module's render() as it registers (the classic scripts assign into
# window.coursekitModules), so the page reports how long render() took, start to end, per widget.
RENDER_PROBE = """(() => {
  window.__ckRender = [];
  window.coursekitModules = new Proxy({}, {
    set(target, name, module) {
      if (module && typeof module.render === 'function') {
        const render = module.render;
        module = Object.assign({}, module, {render(args) {
          const start = performance.now();
          const result = render(args);
          window.__ckRender.push({module: String(name), start, end: performance.now()});
          return result;
        }});
      }
      target[name] = module;
      return true;
    },
  });
})();"""

# Time to interactive: the first quiz control present, enabled and laid out (see README).
READY_JQ = """() => {
  const el = document.querySelector('.MCButton, .Input-text');
  return el && el.getClientRects().length > 0 ? performance.now() : false;
}"""
READY_TIMELINE = """() => document.querySelector('.ck-tl-marker') ? performance.now() : false"""


def kind_of(url: str) -> str:
    suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
    if suffix in (".woff", ".woff2", ".ttf", ".eot", ".otf"):
        return "font"
    if suffix in (".png", ".svg", ".ico", ".jpg", ".jpeg", ".gif", ".webp"):
        return "image"
    return {".js": "js", ".css": "css", ".html": "html", ".json": "json"}.get(suffix, "other")


def visit(browser, url: str, *, ready: str | None = None, click: str | None = None, accepted: str | None = None,
          probe: bool = False, after: str | None = None, context=None, idle: bool = True) -> dict:
    """One navigation. A fresh context unless ``context`` is given (then the browser cache is shared).
    Returns timings, every resource (transfer / gzip body / decoded bytes), requests, console problems."""
    own = context is None
    if own:
        context = browser.new_context()
        if probe:
            context.add_init_script(RENDER_PROBE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests, console, http_errors, failed = [], [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and http_errors.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and console.append(m.text[:200]))
    page.on("pageerror", lambda e: console.append(f"pageerror: {str(e)[:200]}"))
    result: dict = {}
    try:
        page.goto(url, wait_until="commit")
        if ready:
            result["ready_ms"] = page.wait_for_function(ready, polling="raf").json_value()
        if click:
            target = page.locator(click).first
            target.click()
            result["click_accepted"] = bool(target.evaluate(accepted)) if accepted else True
        if idle:
            page.wait_for_load_state("networkidle")
        else:
            page.wait_for_load_state("load")
        if after:
            result["after"] = page.evaluate(after)
        timing = page.evaluate(RESOURCES_FULL)
    finally:
        page.close()
        if own:
            context.close()
    doc = timing["document"]
    resources = [{**r, "kind": kind_of(r["url"])} for r in timing["resources"]]
    result.update({
        "dcl_ms": doc["dcl"], "load_ms": doc["load"], "document": doc, "resources": resources,
        "render": timing["render"], "requests": requests, "off_host": [u for u in requests if off_host(u)],
        "failed": failed, "console": console, "http_errors": http_errors,
        "transfer": doc["transfer"] + sum(r["transfer"] for r in resources),
        "decoded": doc["decoded"] + sum(r["decoded"] for r in resources),
        "encoded": doc["encoded"] + sum(r["encoded"] for r in resources),
    })
    return result


def by_kind(visit_result: dict, field_name: str = "decoded") -> dict:
    sums = {"html": visit_result["document"][field_name]}
    for r in visit_result["resources"]:
        sums[r["kind"]] = sums.get(r["kind"], 0) + r[field_name]
    return sums


def gz(data: bytes | str) -> int:
    return len(gzip.compress(data.encode() if isinstance(data, str) else data, 6))


def med(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def met(ok: bool) -> str:
    return "yes" if ok else "NO"


def write_notebook(path: Path, title: str, code: str, kernel: dict | None = None) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nBenchmark page."),
                nbformat.v4.new_code_cell(code, metadata={"tags": ["remove-input"]})]
    nb.metadata["kernelspec"] = kernel or {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


# ================================================================================================
# The benchmark book: one small Jupyter Book under .work with the pages the quiz, bank and timeline
# groups measure (our widgets and jupyterquiz side by side, same theme, same build, same server).
# ================================================================================================

JQ_VERSION = "2.9.6.4"               # jupyterquiz from PyPI, in its own venv (never the project's)
JQ_VENV = WORK / "jupyterquiz-venv"
JQ_KERNEL = "jupyterquiz-bench"
JUPYTER_DIR = WORK / "jupyter"       # JUPYTER_PATH for the build: holds the jupyterquiz kernel spec
BENCH_BOOK = WORK / "bench-book"
QUIZ_MIX = {"single_choice": 10, "multiple_select": 5, "numeric": 5}   # the 20 questions, from exercises/
BANK_SIZE, BANK_DRAW = 1000, 20
TIMELINE_EVENTS = 2000
TARGET_TL_RENDER_MS, TARGET_TL_STEP_MS = 100, 16


def ensure_jupyterquiz() -> str:
    """jupyterquiz + ipykernel in benchmarks/.work/jupyterquiz-venv, and a kernel spec for it."""
    python = JQ_VENV / "bin" / "python"
    check = [python, "-c", "import importlib.metadata as m; print(m.version('jupyterquiz'))"]
    installed = subprocess.run(check, capture_output=True, text=True).stdout.strip() if python.exists() else ""
    if installed != JQ_VERSION:
        if not python.exists():
            _, made = run([sys.executable, "-m", "venv", JQ_VENV])
            if made.returncode != 0:
                raise BenchmarkError(f"could not create the jupyterquiz venv: {made.stderr[-500:]}")
        _, result = run([JQ_VENV / "bin" / "pip", "install", "-q", f"jupyterquiz=={JQ_VERSION}", "ipykernel"])
        if result.returncode != 0:
            raise BenchmarkError(f"pip install jupyterquiz failed: {result.stderr[-1000:]}")
        installed = subprocess.run(check, capture_output=True, text=True).stdout.strip()
    spec = JUPYTER_DIR / "kernels" / JQ_KERNEL / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                "display_name": "jupyterquiz benchmark", "language": "python"}))
    return installed


def real_items() -> list:
    """The 20 questions: the first single-choice, multiple-select and numeric items of the course."""
    from coursekit.bank import Bank

    bank = Bank.load(ROOT)
    picked, counts = [], dict.fromkeys(QUIZ_MIX, 0)
    for _, spec in bank.of_kind("quiz"):
        for item in spec.items:
            if item.type in QUIZ_MIX and counts[item.type] < QUIZ_MIX[item.type]:
                picked.append(item)
                counts[item.type] += 1
    if counts != QUIZ_MIX:
        raise BenchmarkError(f"exercises/ lacks the questions the quiz benchmark needs: {counts} of {QUIZ_MIX}")
    return picked


def item_yaml(item) -> dict:
    """An item for the benchmark book's quiz files: objectives and source dropped (the book has neither the
    objectives nor the bibliography they point to; jupyterquiz has no place for either)."""
    return item.model_dump(mode="json", exclude_none=True, exclude={"objectives", "source"})


def quiz_file(quiz_id: str, section: str, title: str, items: list[dict], **settings) -> dict:
    data = {"kind": "quiz", "id": quiz_id, "section": section, "title": title, "items": items}
    if settings:
        data["settings"] = settings
    return data


def jupyterquiz_question(item) -> dict:
    """Our item as jupyterquiz JSON. What does not map is listed in JQ_GAPS."""
    from coursekit.schema.markdown import to_html

    def with_explanation(text):
        return "".join(to_html(t) for t in (text, item.explanation) if t)

    if item.type in ("single_choice", "multiple_select"):
        return {"question": to_html(item.prompt), "type": "multiple_choice" if item.type == "single_choice" else "many_choice",
                "answers": [{"answer": to_html(c.text, inline=True), "correct": c.correct,
                             "feedback": with_explanation(c.feedback) if c.correct else to_html(c.feedback)}
                            for c in item.choices]}
    if item.type == "numeric":
        fb = item.feedback
        prompt = to_html(item.prompt) + (f"<p>({item.unit})</p>" if item.unit else "")
        answers = [{"type": "value", "value": item.answer, "correct": True,
                    "feedback": with_explanation(fb.correct if fb else "Correct")}]
        if item.tolerance:
            answers.append({"type": "range", "range": [item.answer - item.tolerance, item.answer + item.tolerance + 1e-9],
                            "correct": True, "feedback": with_explanation(fb.correct if fb else "Correct")})
        answers.append({"type": "default", "feedback": to_html(fb.incorrect) if fb and fb.incorrect else "Try again."})
        return {"question": prompt, "type": "numeric", "answers": answers}
    raise ValueError(item.type)


JQ_GAPS = {  # each of our item types: how jupyterquiz 2.9.6 can (or cannot) express it
    "single_choice": "yes (multiple_choice)",
    "multiple_select": "partly (many_choice: all-or-nothing only; our default partial credit cannot be expressed)",
    "numeric": "partly (numeric with value/range answers; no unit field, so the unit goes into the question text)",
    "true_false": "only as a two-answer multiple_choice (no true/false type)",
    "short_text": "partly (string type: exact or case-insensitive match; no folding of diacritics, punctuation, "
                  "spacing as our normalise() does)",
    "ordering": "NO (no ordering type)",
    "matching": "NO (no matching type)",
    "(every type)": "no separate explanation or hint (folded into the correct answer's feedback here), no "
                    "source/citation (dropped on both sides), no 'show answer after N tries', no overall score",
}


def synthetic_item(n: int) -> dict:
    """One valid item of the 1,000-question bank; the seven types in turn."""
    from coursekit.questions import ITEM_TYPES

    kind = ITEM_TYPES[n % len(ITEM_TYPES)]
    item = {"id": f"bank-q{n:04d}", "type": kind,
            "prompt": f"Synthetic question {n} on topic {n % 37}: which statement about *case {n}* holds?",
            "explanation": f"Case {n} is explained in section {n % 8 + 1} of the reading.",
            "difficulty": ("easy", "medium", "hard")[n % 3], "tags": [f"topic-{n % 37}"]}
    if kind in ("single_choice", "multiple_select"):
        right = {0} if kind == "single_choice" else {0, 2}
        item["choices"] = [{"text": f"Statement {k} about case {n}", "correct": k in right,
                            "feedback": f"Statement {k} is {'right' if k in right else 'wrong'} for case {n}."}
                           for k in range(4)]
    elif kind == "true_false":
        item.update(answer=n % 2 == 0, feedback={"correct": "Right.", "incorrect": f"See case {n}."})
    elif kind == "numeric":
        item.update(answer=1900 + n % 120, tolerance=n % 3, unit="year",
                    feedback={"correct": "Right.", "incorrect": f"It was {1900 + n % 120}."})
    elif kind == "ordering":
        item["order"] = [f"Step {k} of process {n}" for k in range(4)]
    elif kind == "matching":
        item["pairs"] = [{"left": f"Body {k} of case {n}", "right": f"City {k} of case {n}"} for k in range(3)]
    else:
        item["accepted"] = [f"answer {n}", f"answer number {n}"]
    return item


def synthetic_timeline(real: dict, count: int) -> dict:
    """``count`` valid events over 1900-2020 with the real file's themes, sections and eras."""
    import random

    rng = random.Random(7)
    themes = list(real["themes"])
    sections = {theme: next((s for s, ts in real["sections"].items() if theme in ts), "part1/actors") for theme in themes}
    actors = [f"Actor {k}" for k in range(60)]
    events = []
    for n in range(count):
        year = rng.randint(1900, 2020)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        shape = n % 10
        if shape < 6:
            date = f"{year}-{month:02d}-{day:02d}"
        elif shape < 8:
            date = f"{year}-{month:02d}"
        elif shape == 8:
            date = str(year)
        else:
            date = {"start": f"{year}-{month:02d}-{day:02d}", "end": f"{year}-{month:02d}-{min(day + 3, 28):02d}"}
        theme = themes[n % len(themes)]
        events.append({
            "id": f"ev-{n:04d}", "date": date, "title": f"Synthetic event {n}: a meeting on topic {n % 50}",
            "summary": f"Delegations met to discuss topic {n % 50}. This is synthetic text for event {n}, long enough "
                       f"to look like a real summary of a few sentences about cooperation.",
            "themes": [theme], "actors": rng.sample(actors, 2), "section": sections[theme],
            "sources": [{"title": f"Source for event {n}", "url": f"https://example.org/events/{n}"}],
        })
    return {"kind": "timeline", "themes": real["themes"], "sections": real["sections"], "eras": real["eras"],
            "events": events}


def bench_book(ctx: Context) -> dict:
    """Write and build the benchmark book once per run, with the pages of the groups asked for."""
    if "bench_book" in ctx.cache:
        if isinstance(ctx.cache["bench_book"], BenchmarkError):
            raise ctx.cache["bench_book"]
        return ctx.cache["bench_book"]
    try:
        info = _build_bench_book(ctx)
    except BenchmarkError as exc:
        ctx.cache["bench_book"] = exc
        raise
    ctx.cache["bench_book"] = info
    return info


def _build_bench_book(ctx: Context) -> dict:
    import yaml

    groups = ctx.only & {"quiz", "bank", "timeline"}
    src, out = BENCH_BOOK / "src", BENCH_BOOK / "out"
    shutil.rmtree(BENCH_BOOK, ignore_errors=True)
    (src / "book").mkdir(parents=True)
    (src / "exercises").mkdir()
    config = yaml.safe_load((MINIBOOK / "_config.yml").read_text())
    config["title"] = "Benchmark book"
    config["exclude_patterns"] = ["_build/*", "exercises/*", "data/*"]
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (src / "book" / "intro.md").write_text("# Benchmark book\n\nPages measured by benchmarks/run.py.\n")
    pages: list[str] = []
    info: dict = {"pages": {}}

    def dump(path: Path, data) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")

    show = "from coursekit import show_quizzes\nshow_quizzes({!r})"
    if "quiz" in groups:
        info["jupyterquiz"] = ensure_jupyterquiz()
        items = real_items()
        dumped = [item_yaml(i) for i in items]
        dump(src / "exercises/bench/one/quiz.yml", quiz_file("bench-one", "bench/one", "Check your understanding", dumped))
        for k in range(5):
            dump(src / f"exercises/bench/five/quiz-{k + 1}.yml",
                 quiz_file(f"bench-five-{k + 1}", "bench/five", f"Check your understanding ({k + 1} of 5)",
                           [{**d, "id": d["id"] + "-b"} for d in dumped[k::5]]))  # ids are unique course-wide
        questions = [jupyterquiz_question(i) for i in items]
        (src / "data").mkdir()
        (src / "data" / "jq-one.json").write_text(json.dumps(questions, ensure_ascii=False))
        for k in range(5):
            (src / "data" / f"jq-five-{k + 1}.json").write_text(json.dumps(questions[k::5], ensure_ascii=False))
        kernel = {"name": JQ_KERNEL, "display_name": "jupyterquiz benchmark", "language": "python"}
        load = "import json, pathlib\nfrom jupyterquiz import display_quiz\ndata = pathlib.Path({!r})\n"
        write_notebook(src / "book/ours-one.ipynb", "Ours: one quiz, 20 questions", show.format("bench/one"))
        write_notebook(src / "book/ours-five.ipynb", "Ours: five quizzes, 4 questions each", show.format("bench/five"))
        write_notebook(src / "book/jq-one.ipynb", "jupyterquiz: one quiz, 20 questions",
                       load.format(str(src / "data")) + "display_quiz(json.loads((data / 'jq-one.json').read_text()))",
                       kernel)
        write_notebook(src / "book/jq-five.ipynb", "jupyterquiz: five quizzes, 4 questions each",
                       load.format(str(src / "data")) + "".join(
                           f"display_quiz(json.loads((data / 'jq-five-{k + 1}.json').read_text()))\n" for k in range(5)),
                       kernel)
        pages += ["ours-one", "ours-five", "jq-one", "jq-five"]
        info["questions"] = {t: sum(i.type == t for i in items) for t in QUIZ_MIX}
        info["question_ids"] = [i.id for i in items]
    if "bank" in groups:
        dump(src / "exercises/bench/draw/quiz.yml",
             quiz_file("bench-bank", "bench/draw", "A draw from the 1,000-question bank",
                       [synthetic_item(n) for n in range(BANK_SIZE)], draw=BANK_DRAW, seed=0))
        write_notebook(src / "book/bank-draw.ipynb", f"A {BANK_DRAW}-item draw from {BANK_SIZE:,} questions",
                       show.format("bench/draw"))
        pages.append("bank-draw")
    if "timeline" in groups:
        real = yaml.safe_load((ROOT / "exercises" / "timeline.yml").read_text(encoding="utf-8"))
        dump(src / "exercises/timeline.yml", synthetic_timeline(real, TIMELINE_EVENTS))
        write_notebook(src / "book/timeline-2000.ipynb", f"{TIMELINE_EVENTS:,} synthetic events",
                       "from coursekit import Timeline\nTimeline.all()")
        pages.append("timeline-2000")
    toc = {"format": "jb-book", "root": "book/intro", "chapters": [{"file": f"book/{p}"} for p in pages]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    seconds, result = jb_build(src, out, strict=False, env={"JUPYTER_PATH": str(JUPYTER_DIR)})
    if result.returncode != 0:
        raise BenchmarkError(f"the benchmark book does not build: {failure_reason(result)}")
    info.update(src=src, out=out, site=out / "_build" / "html", build_s=seconds,
                warnings=[line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line][:20])
    ctx.data["bench_book"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in info.items()}
    return info


# ----------------------------------------------------------------------- 4. quiz vs jupyterquiz

QUIZ_PAGES = {"ours-one": "ours", "jq-one": "jq", "ours-five": "ours", "jq-five": "jq"}
CLICK = {"ours": (".ck-quiz input",
                  "el => (el.type === 'radio' || el.type === 'checkbox') ? el.checked : document.activeElement === el"),
         "jq": (".MCButton, .Input-text",
                "el => el.tagName === 'INPUT' || /correctButton|incorrectButton/.test(el.className) "
                "|| Boolean(el.querySelector('input:checked'))")}
COUNT_QUIZZES = """() => ({
  quizzes: document.querySelectorAll('.ck-quiz, [data-shufflequestions]').length,
  questions: document.querySelectorAll('.ck-quiz .ck-item, .MultipleChoiceQn, .ManyChoiceQn, .NumericQn').length,
})"""


def jupyterquiz_parts(book: dict, page: str) -> list[str]:
    """What jupyterquiz put into the page: each display_quiz call's HTML (container + <style>) and its
    inline script, as myst-nb saved them (read from the executed notebook, wrapped as in the page)."""
    nb = json.loads((book["out"] / "_build" / "jupyter_execute" / "book" / f"{page}.ipynb").read_text())
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/javascript" in data:
                parts.append('<script type="application/javascript">' + "".join(data["application/javascript"]) + "</script>")
            elif "text/html" in data:
                parts.append("".join(data["text/html"]))
    return parts


def quiz_page_bytes(book: dict, page: str, route: str, fetched: dict) -> dict:
    """Quiz bytes of one page: ours = coursekit JS + CSS files + saved state + mount markup (fallback
    included); jupyterquiz = its inline HTML + CSS + JS + question JSON. Uncompressed and gzip -6."""
    html_file = book["site"] / "book" / f"{page}.html"
    if route == "ours":
        widget = page_widget_bytes(html_file)
        files = {p: b for p, b in fetched.items() if "/_static/coursekit/" in p}
        js = sum(b for p, b in files.items() if p.endswith(".js"))
        css = sum(b for p, b in files.items() if p.endswith(".css"))
        gzip_files = gzip_sizes(book["site"], list(files))
        text = html_file.read_text(encoding="utf-8")
        found = re.search(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', text, re.S)
        models = json.loads(found.group(1).replace("<\\/", "</"))["state"].values() if found else []
        strings = sum(len(json.dumps(m["state"].get("strings", {}), ensure_ascii=False, separators=(",", ":")).encode())
                      for m in models)
        quiz_data = sum(len(json.dumps(m["state"].get("quiz", {}), ensure_ascii=False, separators=(",", ":")).encode())
                        for m in models)
        return {"js": js, "css": css, "state_strings": strings, "state_quiz": quiz_data, "inline": widget["state"] + widget["markup"], "state": widget["state"],
                "markup": widget["markup"], "total": js + css + widget["state"] + widget["markup"],
                "gzip": gzip_files + widget["state_gzip"] + widget["markup_gzip"], "files": sorted(files)}
    parts = jupyterquiz_parts(book, page)
    text = "".join(parts)
    if "show_questions" not in html_file.read_text(encoding="utf-8"):
        raise BenchmarkError(f"{page}: jupyterquiz's script is not in the built page")
    js = sum(len(p.encode()) for p in parts if p.startswith("<script"))
    css = sum(len(m.encode()) for p in parts for m in re.findall(r"<style>.*?</style>", p, re.S))
    return {"js": js, "css": css, "inline": len(text.encode()), "total": len(text.encode()), "gzip": gz(text),
            "calls": sum(p.startswith("<script") for p in parts),
            "js_per_call": js / max(1, sum(p.startswith("<script") for p in parts))}


def measure_quiz_vs_jupyterquiz(ctx: Context) -> list[Row]:
    book = bench_book(ctx)
    base, server = serve_static(book["site"])
    runs: dict[str, list[dict]] = {p: [] for p in QUIZ_PAGES}
    try:
        with chromium() as browser:
            for page in QUIZ_PAGES:  # warm-up, discarded
                visit(browser, base + f"book/{page}.html", ready=READY if QUIZ_PAGES[page] == "ours" else READY_JQ)
            for _ in range(ctx.runs):
                for page, route in QUIZ_PAGES.items():
                    selector, accepted = CLICK[route]
                    runs[page].append(visit(browser, base + f"book/{page}.html",
                                            ready=READY if route == "ours" else READY_JQ,
                                            click=selector, accepted=accepted, after=COUNT_QUIZZES))
    finally:
        server.shutdown()
    summary = {}
    for page, route in QUIZ_PAGES.items():
        rs = runs[page]
        first = rs[0]
        fetched = {urllib.parse.urlsplit(r["url"]).path: r["decoded"] for r in first["resources"]}
        counts = {(r["after"]["quizzes"], r["after"]["questions"]) for r in rs}
        if route == "ours" and any(r["off_host"] for r in rs):
            raise BenchmarkError(f"{page}: requests left 127.0.0.1: {rs[0]['off_host']}")
        if not all(r.get("click_accepted") for r in rs):
            raise BenchmarkError(f"{page}: the first quiz control did not accept the click")
        summary[page] = {
            "bytes": quiz_page_bytes(book, page, route, fetched),
            "ready_ms": _stats([r["ready_ms"] for r in rs]), "dcl_ms": _stats([r["dcl_ms"] for r in rs]),
            "page_decoded": first["decoded"], "page_transfer_gzip": first["transfer"],
            "rendered": sorted(counts), "off_host": sorted({u for r in rs for u in r["off_host"]}),
            "console": sorted({c for r in rs for c in r["console"]}),
        }
    for a, b in (("ours-one", "jq-one"), ("ours-five", "jq-five")):
        if summary[a]["rendered"] != summary[b]["rendered"] or len(summary[a]["rendered"]) != 1:
            raise BenchmarkError(f"{a} and {b} render different quizzes (quizzes, questions): "
                                 f"{summary[a]['rendered']} vs {summary[b]['rendered']}")
    ctx.data["quiz_vs_jupyterquiz"] = {"jupyterquiz": book.get("jupyterquiz"), "questions": book["questions"],
                                       "question_ids": book["question_ids"], "type_coverage": JQ_GAPS,
                                       "summary": summary, "runs": {p: [{k: v for k, v in r.items() if k != "resources"}
                                                                        for r in rs] for p, rs in runs.items()}}
    rows = []
    for n, label, target, frac in (("one", "one quiz (20 questions)", "<= 1x", 1.0),
                                   ("five", "five quizzes (4 questions each)", "< 1/2", 0.5)):
        o, j = summary[f"ours-{n}"], summary[f"jq-{n}"]
        ob, jb = o["bytes"], j["bytes"]
        ok = ob["total"] <= jb["total"] if frac == 1.0 else ob["total"] < frac * jb["total"]
        rows += [
            Row("Quiz vs jupyterquiz", f"Quiz bytes, {label}", kb(ob["total"]), kb(jb["total"]), ratio(ob["total"], jb["total"]),
                target, met(ok),
                f"uncompressed. Ours: JS {kb(ob['js'])} + CSS {kb(ob['css'])} (files, once per page) + saved state "
                f"{kb(ob['state'])} (quiz data {kb(ob['state_quiz'])}, UI strings catalog {kb(ob['state_strings'])} "
                f"= one copy per widget) + mount markup with no-JS fallback {kb(ob['markup'])}. jupyterquiz: "
                f"{jb['calls']} inline scripts {kb(jb['js'])} (about {kb(jb['js_per_call'])} per display_quiz call, "
                f"question JSON included) + container HTML and <style> {kb(jb['total'] - jb['js'])}"),
            Row("Quiz vs jupyterquiz", f"Quiz bytes gzip, {label}", kb(ob["gzip"]), kb(jb["gzip"]),
                ratio(ob["gzip"], jb["gzip"]), target, met(ob["gzip"] <= frac * jb["gzip"] if frac == 1.0
                                                           else ob["gzip"] < frac * jb["gzip"]),
                "gzip -6: ours per file + state + markup; jupyterquiz its inline parts together (as in the document)"),
            Row("Quiz vs jupyterquiz", f"Total page bytes, {label}", f"{kb(o['page_decoded'])} ({kb(o['page_transfer_gzip'])} gzip)",
                f"{kb(j['page_decoded'])} ({kb(j['page_transfer_gzip'])} gzip)", ratio(o["page_decoded"], j["page_decoded"]),
                note="same theme and build; document + every resource, fresh context; uncompressed (transferred with gzip)"),
            Row("Quiz vs jupyterquiz", f"Time to interactive, {label}",
                f"{ms(o['ready_ms']['median'])} (min {ms(o['ready_ms']['min'])})",
                f"{ms(j['ready_ms']['median'])} (min {ms(j['ready_ms']['min'])})",
                ratio(o["ready_ms"]["median"], j["ready_ms"]["median"]),
                note=f"first quiz control present and laid out (ours `.ck-quiz input`, jupyterquiz `.MCButton`), then "
                     f"clicked; median of {ctx.runs}; DOMContentLoaded {ms(o['dcl_ms']['median'])} vs "
                     f"{ms(j['dcl_ms']['median'])}. jupyterquiz's inline scripts run while the page parses; our "
                     f"host is async and mounts once the document is parsed"),
        ]
    rendered = summary["ours-five"]["rendered"][0]
    rows.append(Row("Quiz vs jupyterquiz", "Same questions rendered", f"{rendered[0]} quizzes, {rendered[1]} questions",
                    f"{summary['jq-five']['rendered'][0][0]} quizzes, {summary['jq-five']['rendered'][0][1]} questions",
                    note=f"five-quiz page; mix {book['questions']} taken from exercises/; jupyterquiz {book.get('jupyterquiz')} "
                         f"in its own venv; its requests off 127.0.0.1: {summary['jq-one']['off_host'] or 'none'}"))
    rows.append(Row("Quiz vs jupyterquiz", "Our item types jupyterquiz cannot express", "", "",
                    note="; ".join(f"{k}: {v}" for k, v in JQ_GAPS.items())))
    return rows


# ------------------------------------------------------------------- 5. a 1,000-question bank

def measure_bank(ctx: Context) -> list[Row]:
    from coursekit.bank import Bank
    from coursekit.widgets.quiz import Quiz

    book = bench_book(ctx)
    src = book["src"]
    bank_file = src / "exercises" / "bench" / "draw" / "quiz.yml"
    repeats = 3 if ctx.quick else 5
    loads = []
    for _ in range(repeats):
        start = time.perf_counter()
        bank = Bank.load(src, [bank_file])
        loads.append(time.perf_counter() - start)
    if bank.errors:
        raise BenchmarkError(f"the synthetic bank is invalid: {bank.errors[0]}")
    spec = next(iter(bank.files.values()))
    checks = []
    for _ in range(1 if ctx.quick else 3):
        seconds, result = run([VENV_BIN / "coursekit", "check", "--root", src, bank_file], cwd=src)
        if result.returncode != 0:
            raise BenchmarkError(f"coursekit check failed on the synthetic bank: {(result.stdout + result.stderr)[-500:]}")
        checks.append(seconds)
    check_line = (result.stdout.strip().splitlines() or [""])[-1]
    whole, result = run([VENV_BIN / "coursekit", "check", "--root", src], cwd=src)
    construct, fallback, state = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        quiz = Quiz(spec, source=bank_file.relative_to(src))
        construct.append(time.perf_counter() - start)
        start = time.perf_counter()
        html_text = quiz.fallback_html()
        fallback.append(time.perf_counter() - start)
        start = time.perf_counter()
        quiz.get_state()
        state.append(time.perf_counter() - start)
    drawn = len(quiz.quiz["items"])
    base, server = serve_static(book["site"])
    runs = []
    try:
        with chromium() as browser:
            visit(browser, base + "book/bank-draw.html", ready=READY, probe=True)
            for _ in range(ctx.runs):
                runs.append(visit(browser, base + "book/bank-draw.html", ready=READY, probe=True, after=COUNT_QUIZZES))
    finally:
        server.shutdown()
    renders = [next((r["end"] - r["start"] for r in v["render"] if r["module"] == "quiz"), None) for v in runs]
    items_shown = {v["after"]["questions"] for v in runs}
    if items_shown != {BANK_DRAW} or drawn != BANK_DRAW:
        raise BenchmarkError(f"the bank page shows {items_shown} items, the draw has {drawn}; expected {BANK_DRAW}")
    ctx.data["bank"] = {"items": len(spec.items), "types": sorted({i.type for i in spec.items}),
                        "file_bytes": bank_file.stat().st_size, "bank_load_s": loads, "check_s": checks,
                        "check_output": check_line, "check_whole_bench_exercises_s": whole,
                        "quiz_construct_s": construct, "fallback_html_s": fallback, "get_state_s": state,
                        "fallback_bytes": len(html_text.encode()), "render_ms": renders,
                        "ready_ms": [v["ready_ms"] for v in runs], "dcl_ms": [v["dcl_ms"] for v in runs]}
    return [
        Row("Bank (1,000 questions)", "Validation: Bank.load", f"{secs(med(loads))} (min {secs(min(loads))})",
            note=f"in-process, median of {repeats}; one {kb(bank_file.stat().st_size)} YAML file, {len(spec.items):,} items "
                 f"of all 7 types, line-aware reading + pydantic + cross-checks; 0 errors"),
        Row("Bank (1,000 questions)", "Validation: `coursekit check FILE`", f"{secs(med(checks))} (min {secs(min(checks))})",
            note=f"a new process each time (interpreter start and imports included); median of {len(checks)}; says: {check_line}"),
        Row("Bank (1,000 questions)", f"Quiz construction, {BANK_DRAW}-item draw", f"{med(construct) * 1000:,.1f} ms",
            note=f"Quiz(spec) from the loaded bank: the draw, Markdown to HTML, the answer key, the widget; median of "
                 f"{repeats}; get_state() {med(state) * 1000:,.1f} ms"),
        Row("Bank (1,000 questions)", f"Fallback HTML, {BANK_DRAW}-item draw", f"{med(fallback) * 1000:,.1f} ms",
            note=f"the escaped no-JavaScript version ({kb(len(html_text.encode()))})"),
        Row("Bank (1,000 questions)", "Browser: quiz render() start to end", f"{med(renders):,.1f} ms (min {min(r for r in renders if r is not None):,.1f} ms)",
            note=f"{BANK_DRAW} items mounted by the static host, measured by wrapping the module's render(); median of {ctx.runs}"),
        Row("Bank (1,000 questions)", "Browser: time to interactive, draw page", f"{ms(med(v['ready_ms'] for v in runs))}",
            note=f"navigation start to the first input usable; DOMContentLoaded {ms(med(v['dcl_ms'] for v in runs))}"),
    ]


# ----------------------------------------------------------------------------- 6. the timeline

TIMELINE_STEPS = """async () => {
  const root = document.querySelector('.ck-timeline');
  const zoomIn = root.querySelector('.ck-tl-zoom-in'), zoomOut = root.querySelector('.ck-tl-zoom-out');
  const theme = root.querySelector('.ck-tl-theme'), search = root.querySelector('.ck-tl-search');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  // one step: the event handler, then the style and layout it causes (forced), as the next frame would
  const step = (action) => { const t0 = performance.now(); action(); root.getBoundingClientRect(); return performance.now() - t0; };
  await frame();
  const markers0 = root.querySelectorAll('.ck-tl-marker').length;
  const zoom = [], markers = [], filter = [], text = [];
  for (let i = 0; i < 12; i++) {
    zoom.push(step(() => (i < 6 ? zoomIn : zoomOut).click()));
    markers.push(root.querySelectorAll('.ck-tl-marker').length);
    await frame();
  }
  const values = [...theme.options].map((o) => o.value).filter(Boolean);
  for (let i = 0; i < 12; i++) {
    const value = i % 2 ? '' : values[(i / 2) % values.length];
    filter.push(step(() => { theme.value = value; theme.dispatchEvent(new Event('change', {bubbles: true})); }));
    await frame();
  }
  for (const query of ['meeting', 'topic 7', 'event 1999', '', 'delegations', '']) {
    text.push(step(() => { search.value = query; search.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); }));
    await frame();
  }
  return {markers0, zoom, markers, filter, text, status: root.querySelector('.ck-tl-status').textContent,
          events: Number((root.querySelector('.ck-tl-status').textContent.match(/(\\d[\\d,]*)\\D*$/) || [0, 0])[1].replace(',', ''))};
}"""


TL_NPM = {name: NPM_PACKAGES[name] for name in ("@knight-lab/timelinejs", "vis-timeline")}
TL_COMPARE = WORK / "timeline-compare"
TL_READY = {"ours": READY_TIMELINE,
            "timelinejs": "() => document.querySelector('.tl-timemarker') ? performance.now() : false",
            "vis-timeline": "() => document.querySelector('.vis-item') ? performance.now() : false"}
TL_COUNT = """() => document.querySelectorAll('.ck-tl-marker, .tl-timemarker, .vis-item').length"""


def _tl_parts(date: str) -> dict:
    keys = ("year", "month", "day")
    return {k: int(v) for k, v in zip(keys, date.split("-"))}


def build_timeline_compare() -> dict:
    """Three tiny local pages showing the course's real events: ours (host + module, as the book
    serves them), TimelineJS (its dist, script_path local) and vis-timeline (standalone UMD build).
    Event data lives in data.js (or, ours, in the saved-state script) and is left out of the bytes."""
    from coursekit.schema.markdown import to_html
    from coursekit.schema.validate import load
    from coursekit.sphinxext.assets import served
    from coursekit.widgets.timeline import Timeline

    spec = load(ROOT / "exercises" / "timeline.yml")
    shutil.rmtree(TL_COMPARE, ignore_errors=True)
    nm = WORK / "node_modules"
    # ours: the same files the book serves
    ours = TL_COMPARE / "ours"
    (ours / "assets").mkdir(parents=True)
    for name, suffix in (("host", ".js"), ("host", ".css"), ("timeline", ".js"), ("timeline", ".css")):
        (ours / "assets" / f"{name}{suffix}").write_text(served(name, suffix))  # exactly what the book serves
    widget = Timeline(spec, None, site_url="")
    state = {k: v for k, v in widget.get_state().items() if k not in ("_esm", "_css", "layout", "strings")}
    bundle = {"version_major": 2, "version_minor": 0,
              "state": {"m1": {"model_name": "AnyModel", "model_module": "anywidget", "state": state}}}
    (ours / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>'
        '<link rel="stylesheet" href="assets/host.css"><link rel="stylesheet" href="assets/timeline.css">'
        '<script async src="assets/timeline.js"></script><script async src="assets/host.js"></script></head>'
        '<body style="max-width:960px;margin:auto"><div class="ck-widget-mount" data-model-id="m1" data-module="timeline"></div>'
        '<script type="application/vnd.jupyter.widget-state+json">'
        + json.dumps(bundle, ensure_ascii=False).replace("</", "<\\/") + "</script></body></html>")
    events = spec.events
    # TimelineJS: dist/js + locale, dist/css (+ the font css it asks for), served locally
    tl = TL_COMPARE / "timelinejs"
    dist = nm / "@knight-lab" / "timelinejs" / "dist"
    shutil.copytree(dist / "js", tl / "tl" / "js", ignore=shutil.ignore_patterns("*.map", "*.txt"))
    shutil.copytree(dist / "css", tl / "tl" / "css", ignore=shutil.ignore_patterns("*.map"))
    tl_data = {"events": [{
        "start_date": _tl_parts(e.date.start), **({"end_date": _tl_parts(e.date.end)} if e.date.end else {}),
        "text": {"headline": e.title, "text": to_html(e.summary)}, "group": spec.themes.get(e.themes[0], e.themes[0]),
        "unique_id": e.id} for e in events],
        "eras": [{"start_date": _tl_parts(a.start), "end_date": _tl_parts(a.end), "text": {"headline": a.label}}
                 for a in spec.eras]}
    (tl / "data.js").write_text("window.TL_DATA = " + json.dumps(tl_data, ensure_ascii=False) + ";")
    (tl / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>'
        '<link rel="stylesheet" href="tl/css/timeline.css"><script src="tl/js/timeline.js"></script>'
        '<script src="data.js"></script></head><body><div id="tl" style="width:100%;height:600px"></div>'
        "<script>window.timeline = new TL.Timeline('tl', window.TL_DATA, {script_path: new URL('tl/js/', location.href).href, "
        "language: 'en', font: 'default'});</script></body></html>")
    # vis-timeline: the standalone UMD build (its CSS is bundled into the JS)
    vis = TL_COMPARE / "vis-timeline"
    (vis / "lib").mkdir(parents=True)
    shutil.copy2(nm / "vis-timeline" / "standalone" / "umd" / "vis-timeline-graph2d.min.js", vis / "lib")

    def vis_date(text: str) -> str:
        parts = text.split("-") + ["01", "01"]
        return "-".join(parts[:3])

    items = [{"id": e.id, "content": e.title, "start": vis_date(e.date.start),
              **({"end": vis_date(e.date.end)} if e.date.end else {})} for e in events]
    (vis / "data.js").write_text("window.VIS_ITEMS = " + json.dumps(items, ensure_ascii=False) + ";")
    (vis / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vis-timeline</title>'
        '<script src="lib/vis-timeline-graph2d.min.js"></script><script src="data.js"></script></head><body>'
        '<div id="vis"></div><script>window.timeline = new vis.Timeline(document.getElementById("vis"), '
        "new vis.DataSet(window.VIS_ITEMS), {});</script></body></html>")
    versions = {name: json.loads((nm / name / "package.json").read_text())["version"] for name in TL_NPM}
    return {"events": len(events), "versions": versions}


def _library_bytes(v: dict) -> dict:
    """JS, CSS and other library files a timeline page fetched (the document and data.js left out)."""
    out = {"js": 0, "css": 0, "other": 0, "js_gzip": 0, "css_gzip": 0, "other_gzip": 0, "files": []}
    for r in v["resources"]:
        if r["url"].endswith("/data.js"):
            continue
        bucket = r["kind"] if r["kind"] in ("js", "css") else "other"
        out[bucket] += r["decoded"]
        out[bucket + "_gzip"] += r["encoded"]
        out["files"].append([urllib.parse.urlsplit(r["url"]).path, r["decoded"], r["encoded"]])
    return out


def measure_timeline(ctx: Context) -> list[Row]:
    ctx.data["npm_packages"] = ensure_npm_packages()
    book = bench_book(ctx)
    compare = build_timeline_compare()
    base, server = serve_static(book["site"])
    cbase, cserver = serve_static(TL_COMPARE)
    url = base + "book/timeline-2000.html"
    loads, steps, lib = [], [], {}
    try:
        with chromium() as browser:
            visit(browser, url, ready=READY_TIMELINE, probe=True)
            for n in range(ctx.runs):
                v = visit(browser, url, ready=READY_TIMELINE, probe=True, after=TIMELINE_STEPS if n < 3 else None)
                loads.append(v)
                if n < 3:
                    steps.append(v["after"])
            for name in TL_READY:
                page = cbase + f"{name}/index.html"
                visit(browser, page, ready=TL_READY[name])
                vs = [visit(browser, page, ready=TL_READY[name], after=TL_COUNT) for _ in range(3)]
                lib[name] = {**_library_bytes(vs[0]), "ready_ms": med(x["ready_ms"] for x in vs),
                             "shown": vs[0]["after"], "off_host": sorted({u for x in vs for u in x["off_host"]}),
                             "requests": vs[0]["requests"], "console": sorted({c for x in vs for c in x["console"]})}
    finally:
        server.shutdown()
        cserver.shutdown()
    renders = [next((r["end"] - r["start"] for r in v["render"] if r["module"] == "timeline"), None) for v in loads]
    if None in renders:
        raise BenchmarkError("the 2,000-event timeline never rendered")
    if lib["ours"]["off_host"]:
        raise BenchmarkError(f"our timeline page left 127.0.0.1: {lib['ours']['off_host']}")
    zoom = [x for s in steps for x in s["zoom"]]
    filt = [x for s in steps for x in s["filter"]]
    text = [x for s in steps for x in s["text"]]
    ctx.data["timeline"] = {"events": TIMELINE_EVENTS, "render_ms": renders, "ready_ms": [v["ready_ms"] for v in loads],
                            "steps": steps, "compare": {**compare, "pages": lib}}
    o = lib["ours"]
    rows = [
        Row("Timeline", f"First render, {TIMELINE_EVENTS:,} events", f"{med(renders):,.1f} ms (min {min(renders):,.1f} ms)",
            target=f"<= {TARGET_TL_RENDER_MS} ms", met=met(med(renders) <= TARGET_TL_RENDER_MS),
            note=f"module render() start to end as the static host mounts it (wrapped in the page; includes the "
                 f"layout it forces to read the axis width); median of {ctx.runs} fresh loads; first marker on screen "
                 f"{ms(med(v['ready_ms'] for v in loads))} after navigation; {steps[0]['markers0']} marker nodes drawn "
                 f"for {TIMELINE_EVENTS:,} events (crowded ones clustered)"),
        Row("Timeline", "Zoom step (+ / − button)", f"{med(zoom):,.1f} ms (max {max(zoom):,.1f} ms)",
            target=f"<= {TARGET_TL_STEP_MS} ms", met=met(med(zoom) <= TARGET_TL_STEP_MS),
            note=f"click handler + the style/layout it causes (forced with getBoundingClientRect); median of {len(zoom)} "
                 f"(6 in, 6 out, 3 page loads); markers after each step: {steps[0]['markers']}"),
        Row("Timeline", "Filter step (theme select)", f"{med(filt):,.1f} ms (max {max(filt):,.1f} ms)",
            target=f"<= {TARGET_TL_STEP_MS} ms", met=met(med(filt) <= TARGET_TL_STEP_MS),
            note=f"change handler (filter all {TIMELINE_EVENTS:,}, refit, redraw) + style/layout; median of {len(filt)}; "
                 f"text search (Enter) median {med(text):,.1f} ms, max {max(text):,.1f} ms"),
    ]
    for name in ("timelinejs", "vis-timeline"):
        t = lib[name]
        ours_b, theirs_b = o["js"] + o["css"], t["js"] + t["css"]
        ours_g, theirs_g = o["js_gzip"] + o["css_gzip"], t["js_gzip"] + t["css_gzip"]
        label = {"timelinejs": f"TimelineJS {compare['versions']['@knight-lab/timelinejs']}",
                 "vis-timeline": f"vis-timeline {compare['versions']['vis-timeline']} (standalone)"}[name]
        rows.append(Row("Timeline", f"JS + CSS bytes vs {label}", f"{kb(ours_b)} ({kb(ours_g)} gzip)",
                        f"{kb(theirs_b)} ({kb(theirs_g)} gzip)", ratio(ours_b, theirs_b), "< 1/10",
                        met(ours_b < theirs_b / 10),
                        f"same {compare['events']} real events from exercises/timeline.yml, event data aside; "
                        f"ours JS {kb(o['js'])} + CSS {kb(o['css'])} (host + module, unminified); theirs JS {kb(t['js'])} + "
                        f"CSS {kb(t['css'])}" + (f" + other files {kb(t['other'])} (locale JSON, font CSS)" if t["other"] else "")
                        + f"; gzip ratio {ours_g / theirs_g:.3f}; rendered {t['shown']} vs ours {o['shown']} item nodes; "
                        f"ready {ms(t['ready_ms'])} vs ours {ms(o['ready_ms'])}; tried to reach off 127.0.0.1: "
                        + (", ".join(sorted({urllib.parse.urlsplit(u).netloc for u in t["off_host"]})) or "nothing")))
    return rows


# ----------------------------------------------------------------- 7. site: rebuilds and pages

TARGET_NO_CHANGE_S = 3.0
TARGET_WEIGHT_RATIO = 1.2
TARGET_FIRST_VISIT = 1024 * 1024
PROFILE_PROBES = [  # (label, file suffix, function): cumulative time under cProfile
    ("imports, all modules", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("  of which jsonschema -> rfc3987_syntax (compiles a lark grammar at import)", "rfc3987_syntax/__init__.py", "<module>"),
    ("  of which jupyter_book.sphinx and its imports", "jupyter_book/sphinx.py", "<module>"),
    ("Sphinx() set-up: config, extensions, saved environment", "sphinx/application.py", "__init__"),
    ("  load_extension (setup() of every extension)", "sphinx/registry.py", "load_extension"),
    ("  reading the pickled environment", "sphinx/application.py", "_load_existing_env"),
    ("Sphinx.build", "sphinx/application.py", "build"),
    ("  read phase (what is outdated, env-updated)", "sphinx/builders/__init__.py", "read"),
    ("    sphinxcontrib-bibtex env_updated (formats every reference again)", "sphinxcontrib/bibtex/domain.py", "env_updated"),
    ("    coursekit env-get-outdated (exercise look-ups)", "coursekit/sphinxext/dependencies.py", None),
    ("  write phase", "sphinx/builders/__init__.py", "write"),
    ("  finish: static files, search index, build-finished hooks", "sphinx/builders/html/__init__.py", "finish"),
    ("    copy_static_files", "sphinx/builders/html/__init__.py", "copy_static_files"),
    ("    coursekit write_assets", "coursekit/sphinxext/assets.py", "write_assets"),
]


def real_book(ctx: Context) -> dict:
    """The real book's clean build (a copy under .work/book), once per run; the minibook if it fails."""
    if "real_book" in ctx.cache:
        return ctx.cache["real_book"]
    work = WORK / "book"
    src, out = copy_sources(ROOT, work / "src", BOOK_SOURCES), work / "out"
    shutil.rmtree(out, ignore_errors=True)
    clean, result = jb_build(src, out)
    info = {"src": src, "out": out, "clean_s": clean, "subject": "real book", "fallback": False,
            "note": f"{len(list((src / 'book').rglob('*.ipynb')))} notebooks"}
    if result.returncode != 0:
        reason = failure_reason(result)
        ctx.data["real_book_failure"] = {"reason": reason, "log_tail": (result.stdout + result.stderr)[-4000:]}
        src, out = copy_sources(MINIBOOK, work / "minibook-src"), work / "minibook-out"
        shutil.rmtree(out, ignore_errors=True)
        clean, result = jb_build(src, out)
        if result.returncode != 0:
            raise BenchmarkError(f"even the fixture minibook does not build: {failure_reason(result)}")
        info.update(src=src, out=out, clean_s=clean, subject="fixture minibook (FALLBACK)", fallback=True,
                    note=f"the real book does not build yet: {reason}")
    info["site"] = out / "_build" / "html"
    ctx.cache["real_book"] = info
    return info


def profile_rebuild(src: Path, out: Path) -> dict:
    """Where a no-change rebuild's time goes: the same command under cProfile, cumulative times."""
    import pstats

    prof = WORK / "no-change-rebuild.prof"
    flags = ["--warningiserror", "--nitpick", "--keep-going", "-q"]
    wall, result = run([VENV_BIN / "python", "-m", "cProfile", "-o", prof, JUPYTER_BOOK, "build", src,
                        "--path-output", out, *flags], cwd=src, env={"COURSEKIT_EDITION": "student"})
    if result.returncode != 0 or not prof.exists():
        return {"error": failure_reason(result)}
    stats = pstats.Stats(str(prof)).stats
    total = max(v[3] for k, v in stats.items() if k[2] == "<module>" and k[0].endswith("jupyter-book")) \
        if any(k[0].endswith("jupyter-book") for k in stats) else sum(v[2] for v in stats.values())
    probes = []
    for label, suffix, name in PROFILE_PROBES:
        found = [v[3] for k, v in stats.items() if k[0].endswith(suffix) and (name is None or k[2] == name)]
        probes.append({"label": label, "s": max(found) if found else None})
    top = sorted(((v[3], f"{Path(k[0]).parent.name}/{Path(k[0]).name}:{k[2]}") for k, v in stats.items()
                  if "site-packages" in k[0] or "coursekit" in k[0]), reverse=True)[:25]
    return {"wall_profiled_s": wall, "profiled_total_s": total, "probes": probes, "top_cumulative": top}


def measure_book_builds(ctx: Context) -> list[Row]:
    """Clean build, no-change rebuilds (profiled if over target), incremental rebuild after one edit."""
    book = real_book(ctx)
    src, out, clean, subject, note = book["src"], book["out"], book["clean_s"], book["subject"], book["note"]
    rebuilds = []
    for _ in range(1 if ctx.quick else 3):
        seconds, again = jb_build(src, out)
        if again.returncode != 0:
            raise BenchmarkError(f"no-change rebuild failed: {failure_reason(again)}")
        rebuilds.append(seconds)
    rebuild = statistics.median(rebuilds)
    pages = len(list((out / "_build" / "html").rglob("*.html")))
    rows = [
        Row("Build", f"Clean build, {subject}", secs(clean), note=f"{note}; {pages} HTML files; anchor: prototype 2.0 s for 1 notebook, 2.6 s for 2"),
        Row("Build", f"No-change rebuild, {subject}", f"{secs(rebuild)} (min {secs(min(rebuilds))})",
            target=f"<= {TARGET_NO_CHANGE_S:.0f} s", met=met(rebuild <= TARGET_NO_CHANGE_S),
            note=f"same command again, median of {len(rebuilds)}; anchor: prototype 0.9 s"),
    ]
    profile = None
    if rebuild > TARGET_NO_CHANGE_S:
        profile = profile_rebuild(src, out)
        if "error" not in profile:
            total = profile["profiled_total_s"]
            parts = "; ".join(f"{p['label'].strip()} {p['s']:.2f} s ({p['s'] / total:.0%})"
                              for p in profile["probes"] if p["s"] is not None and p["s"] >= 0.05)
            rows.append(Row("Build", "No-change rebuild: where the time goes (cProfile)", f"{secs(total)} profiled",
                            note=f"cumulative times, overlapping (indented = part of the line above; profiling slows "
                                 f"Python ~1.5-2x, so read the shares): {parts}. Full list in results.json "
                                 f"(builds.profile)"))
    # incremental: edit one quiz file of the copy, rebuild, count the notebooks executed again
    execute_dir = out / "_build" / "jupyter_execute"
    before = {p: p.stat().st_mtime_ns for p in execute_dir.rglob("*.ipynb")}
    quizzes = sorted((src / "exercises").rglob("quiz.yml"))
    incremental = None
    if quizzes:
        edited = quizzes[len(quizzes) // 2]
        text = edited.read_text(encoding="utf-8")
        new = re.sub(r'^title: "', 'title: "Edited: ', text, count=1, flags=re.M)
        edited.write_text(new if new != text else text + "\n# edited by benchmarks/run.py\n", encoding="utf-8")
        seconds, again = jb_build(src, out)
        if again.returncode != 0:
            raise BenchmarkError(f"incremental rebuild failed: {failure_reason(again)}")
        executed = sorted(str(p.relative_to(execute_dir)) for p in execute_dir.rglob("*.ipynb")
                          if before.get(p) != p.stat().st_mtime_ns)
        incremental = {"edited": str(edited.relative_to(src)), "s": seconds, "executed": executed}
        rows.append(Row("Build", "Incremental rebuild after one quiz-file edit", secs(seconds),
                        note=f"edited {incremental['edited']} (its title) in the benchmark copy; notebooks executed "
                             f"again: {len(executed)} ({', '.join(executed) or 'none'})"))
    ctx.data["builds"] = {"subject": subject, "clean_s": clean, "no_change_rebuild_s": rebuilds, "html_files": pages,
                          "note": note, "profile": profile, "incremental": incremental}
    return rows


def is_site_wide(url: str) -> bool:
    """coursekit's theme files, which every page of the book loads (not widget assets)."""
    return Path(urllib.parse.urlsplit(url).path).name.startswith("theme")


def page_list(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not str(p.relative_to(site)).startswith(("_", "genindex", "search")))


def measure_pages(ctx: Context) -> list[Row]:
    """Every page of the real built book, as a gzip static host serves it: first and repeat visit."""
    import yaml

    book = real_book(ctx)
    site = book["site"]
    sections = list((yaml.safe_load((ROOT / "exercises" / "timeline.yml").read_text()) or {}).get("sections", {}))
    section_pages = [f"book/{s}.html" for s in sections if (site / f"book/{s}.html").exists()]
    base, server = serve_static(site)
    pages: dict[str, dict] = {}
    ttis = []
    try:
        with chromium() as browser:
            for path in page_list(site):
                context = browser.new_context()
                try:
                    first = visit(browser, base + path, context=context)
                    second = visit(browser, base + path, context=context)
                finally:
                    context.close()
                widget_files = sorted(urllib.parse.urlsplit(r["url"]).path for r in first["resources"]
                                      if "/_static/coursekit/" in r["url"] and not is_site_wide(r["url"]))
                pages[path] = {
                    "decoded": by_kind(first, "decoded"), "gzip_body": by_kind(first, "encoded"),
                    "first_transfer": first["transfer"], "first_decoded": first["decoded"],
                    "repeat_transfer": second["transfer"], "requests": len(first["requests"]),
                    "repeat_requests_from_network": sum(1 for r in second["resources"] if r["transfer"] > 0)
                                                    + (second["document"]["transfer"] > 0),
                    "widget_files": widget_files, "mounts": (site / path).read_text(encoding="utf-8").count("ck-widget-mount"),
                    "site_wide_coursekit": sorted({urllib.parse.urlsplit(r["url"]).path for r in first["resources"]
                                                   if "/_static/coursekit/" in r["url"] and is_site_wide(r["url"])}),
                    "off_host": first["off_host"], "http_errors": first["http_errors"],
                    "console": first["console"],
                }
            if not section_pages:
                raise BenchmarkError("no section page found in the built book")
            heaviest = max(section_pages, key=lambda p: pages[p]["first_transfer"])
            visit(browser, base + heaviest, ready=READY)
            for _ in range(ctx.runs):
                ttis.append(visit(browser, base + heaviest, ready=READY, click=CLICK["ours"][0],
                                  accepted=CLICK["ours"][1], probe=True))
    finally:
        server.shutdown()
    off = {p: d["off_host"] for p, d in pages.items() if d["off_host"]}
    if off:
        raise BenchmarkError(f"pages of the book requested hosts other than 127.0.0.1: {off}")
    part = heaviest.split("/")[1] if heaviest.count("/") >= 2 else ""
    text_only = [p for p, d in pages.items() if not d["mounts"] and not d["widget_files"]]
    preferred = [p for p in text_only if p == f"book/{part}/reading-the-essay.html"]
    plain = preferred[0] if preferred else min(text_only, key=lambda p: pages[p]["first_transfer"])
    h, t = pages[heaviest], pages[plain]
    weight_ratio = h["first_transfer"] / t["first_transfer"]
    worst_section = max(pages[p]["first_transfer"] for p in section_pages)
    html_file = site / heaviest
    widget = page_widget_bytes(html_file)
    widget_files = {f: (site / f.lstrip("/")).stat().st_size for f in h["widget_files"]}
    widget_total = sum(widget_files.values()) + widget["state"] + widget["markup"]
    widget_gzip = gzip_sizes(site, list(widget_files)) + widget["state_gzip"] + widget["markup_gzip"]
    ready = [v["ready_ms"] for v in ttis]
    ctx.data["pages"] = {"pages": pages, "section_pages": section_pages, "heaviest": heaviest, "text_only": plain,
                         "heaviest_widget": {"files": widget_files, **widget, "total": widget_total, "gzip": widget_gzip},
                         "tti_ms": ready, "render_ms": [v["render"] for v in ttis]}

    def weights(d: dict, key: str) -> str:
        s = d[key]
        return (f"HTML {kb(s.get('html', 0))}, JS {kb(s.get('js', 0))}, CSS {kb(s.get('css', 0))}, fonts "
                f"{kb(s.get('font', 0))}, images {kb(s.get('image', 0))}, other {kb(s.get('json', 0) + s.get('other', 0))}")

    rows = [Row("Site pages", f"{p}", f"{kb(d['first_transfer'])} first / {kb(d['repeat_transfer'])} repeat",
                note=f"{'section page; ' if p in section_pages else ''}{d['requests']} requests; uncompressed: "
                     f"{weights(d, 'decoded')}; repeat visit fetched {d['repeat_requests_from_network']} responses "
                     f"from the network (the rest from cache)")
            for p, d in pages.items()]
    rows += [
        Row("Site", "First visit, heaviest section page (gzip, transferred)", kb(h["first_transfer"]),
            target="< 1 MB", met=met(worst_section < TARGET_FIRST_VISIT),
            note=f"{heaviest}: fresh browser context, served gzip with Cache-Control max-age=600 like a static host; "
                 f"{kb(h['first_decoded'])} uncompressed; gzip bodies: {weights(h, 'gzip_body')}"),
        Row("Site", "Repeat visit, heaviest section page", kb(h["repeat_transfer"]),
            note="a second navigation (new tab) in the same context: what the browser cache does not already hold. "
                 "Every file is served with Cache-Control max-age=600 (GitHub Pages' policy), so within 10 minutes "
                 "nothing is fetched; later visits revalidate (304s, headers only)"),
        Row("Site", "Heaviest section page vs text-only page (first visit, gzip)",
            f"{kb(h['first_transfer'])} vs {kb(t['first_transfer'])}", ratio=f"{weight_ratio:.2f}",
            target=f"<= {TARGET_WEIGHT_RATIO}", met=met(weight_ratio <= TARGET_WEIGHT_RATIO),
            note=f"text-only page: {plain} (same theme, no widget); uncompressed ratio "
                 f"{h['first_decoded'] / t['first_decoded']:.2f}; the difference: widget files "
                 f"{kb(sum(widget_files.values()))}, saved state {kb(widget['state'])}, widget markup with fallback "
                 f"{kb(widget['markup'])}, HTML {kb(h['decoded']['html'])} vs {kb(t['decoded']['html'])}"),
        Row("Site", "Time to interactive quiz, heaviest section page", f"{ms(med(ready))} (min {ms(min(ready))})",
            note=f"{heaviest}, gzip host, median of {ctx.runs} fresh contexts; DOMContentLoaded "
                 f"{ms(med(v['dcl_ms'] for v in ttis))}"),
    ]
    # the same run's anchors
    slice_summary = ctx.data.get("slice", {}).get("summary", {})
    jq = ctx.data.get("quiz_vs_jupyterquiz", {}).get("summary", {}).get("jq-one", {}).get("bytes")
    tljs = ctx.data.get("timeline", {}).get("compare", {}).get("pages", {}).get("timelinejs")
    if "stock" in slice_summary:
        stock = slice_summary["stock"]
        rows.append(Row("Site", "Heaviest section page widget bytes vs stock html-manager route",
                        f"{kb(widget_total)} ({kb(widget_gzip)} gzip)",
                        f"{kb(stock['widget_total']['median'])} ({kb(stock['widget_total_gzip'])} gzip)",
                        ratio(widget_total, stock["widget_total"]["median"]),
                        note="ours: every coursekit file + state + markup of this page (quiz and timeline); stock: the "
                             "slice page's one quiz on the offline html-manager route (measured above); the stock route "
                             f"needs those bytes for any widget; time to interactive {ms(med(ready))} vs stock "
                             f"{ms(stock['ready_ms']['median'])} on its slice page ({med(ready) / stock['ready_ms']['median']:.2f})"))
    if jq and tljs:
        anchor = jq["total"] + tljs["js"] + tljs["css"]
        anchor_gz = jq["gzip"] + tljs["js_gzip"] + tljs["css_gzip"]
        rows.append(Row("Site", "Heaviest section page widget bytes vs jupyterquiz + TimelineJS",
                        f"{kb(widget_total)} ({kb(widget_gzip)} gzip)", f"{kb(anchor)} ({kb(anchor_gz)} gzip)",
                        ratio(widget_total, anchor),
                        note="the anchors' equivalent of a quiz and a timeline: jupyterquiz's one-quiz page (20 questions) "
                             "+ TimelineJS JS + CSS (event data aside), both from this run; gzip ratio "
                             f"{widget_gzip / anchor_gz:.3f}"))
    return rows


# (group, measurement), in running order; --only picks groups. "tests" runs only with --with-tests.
MEASUREMENTS = [
    ("build", measure_book_builds),
    ("tests", measure_test_suite),
    ("slice", measure_slice_routes),
    ("quiz", measure_quiz_vs_jupyterquiz),
    ("bank", measure_bank),
    ("timeline", measure_timeline),
    ("pages", measure_pages),
]
GROUPS = [g for g, _ in MEASUREMENTS]


# ------------------------------------------------------------------------------------------ output

def write_results(ctx: Context, machine: dict, rows: list[Row], error: str | None) -> None:
    m = machine
    npm = ctx.data.get("npm_packages", {})
    lines = [
        "# Benchmark results",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM",
        f"- OS: {m['os']}; Python {m['python']}; {m['chromium']}; Node {m['node']}",
        f"- Date: {m['date']}; mode: {'--quick ' if ctx.quick else ''}N={ctx.runs} browser runs per page"
        f"{'; with tests' if ctx.with_tests else ''}; groups: {', '.join(ctx.data.get('groups', []))}; wall time "
        f"{ctx.data.get('benchmark_wall_s', 0) / 60:.1f} min ("
        + ", ".join(f"{g} {s:.0f} s" for g, s in ctx.data.get("group_wall_s", {}).items()) + ")",
        f"- Load average (1/5/15 min) at start: {' / '.join(map(str, m['load_average_at_start']))}; before the "
        f"browser runs: {' / '.join(map(str, ctx.data.get('load_average', {}).get('measure_slice_routes', ['n/a'])))}"
        + (" (**busy machine: other processes competed for the 2 cores; timings are noisy**)"
           if max(m["load_average_at_start"][0], ctx.data.get("load_average", {}).get("measure_slice_routes", [0])[0])
           > (m["cores"] or 1) else ""),
        "- Python packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        "- Anchors (npm, served locally): "
        + (", ".join(f"{k} {v}" for k, v in npm.items()) + f"; the stock route's anywidget AMD module from anywidget "
           f"{version('anywidget')}" if npm else "not measured")
        + (f"; jupyterquiz {ctx.data['quiz_vs_jupyterquiz']['jupyterquiz']} (PyPI, own venv under benchmarks/.work)"
           if "quiz_vs_jupyterquiz" in ctx.data else ""),
        "",
    ]
    if error:
        lines += [f"**BENCHMARK FAILED: {error}**", ""]
    lines += ["| Section | Measurement | Ours | Anchor (stock route, jupyterquiz, TimelineJS, vis-timeline) | Ours/anchor | Target | Met | Notes |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        cells = [r.section, r.metric, r.ours, r.stock, r.ratio, r.target, r.met, r.note]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "Ours = coursekit's static host; stock = myst-nb's html-manager route made offline; jupyterquiz, "
              "TimelineJS and vis-timeline as named in each row (see benchmarks/README.md). Times are medians (min in "
              "brackets) over fresh browser contexts.", ""]
    (BENCH / "results.md").write_text("\n".join(lines), encoding="utf-8")
    payload = {"machine": machine, "quick": ctx.quick, "runs_per_route": ctx.runs, "error": error,
               "rows": [asdict(r) for r in rows], **ctx.data}
    (BENCH / "results.json").write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 browser runs per page instead of 7, 1 rebuild instead of 3")
    parser.add_argument("--with-tests", action="store_true", help="also time the whole test suite")
    parser.add_argument("--only", default="", metavar="GROUPS",
                        help=f"comma-separated groups to run, from: {', '.join(GROUPS)} (default: all; "
                             "'tests' also needs --with-tests unless named here)")
    args = parser.parse_args(argv)
    only = {g.strip() for g in args.only.split(",") if g.strip()} or set(GROUPS)
    unknown = only - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
    with_tests = args.with_tests or (bool(args.only) and "tests" in only)
    ctx = Context(quick=args.quick, with_tests=with_tests, runs=3 if args.quick else 7, only=only)
    WORK.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    rows: list[Row] = []
    errors = []
    started = time.perf_counter()
    ctx.data["groups"] = [g for g in GROUPS if g in only]
    for group, measure in MEASUREMENTS:
        if group not in only:
            continue
        step = time.perf_counter()
        print(f"[benchmarks] {group}: {measure.__name__} ...", flush=True)
        ctx.data.setdefault("load_average", {})[measure.__name__] = [round(x, 2) for x in os.getloadavg()]
        try:
            rows += measure(ctx)
        except BenchmarkError as exc:
            errors.append(f"{measure.__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a broken group must not hide the others' numbers
            import traceback

            ctx.data.setdefault("tracebacks", {})[measure.__name__] = traceback.format_exc()
            errors.append(f"{measure.__name__}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        if errors and errors[-1].startswith(measure.__name__ + ":"):
            print(f"[benchmarks] FAILED {errors[-1]}", file=sys.stderr, flush=True)
        seconds = time.perf_counter() - step
        ctx.data.setdefault("group_wall_s", {})[group] = seconds
        print(f"[benchmarks] {group} done in {seconds:.1f} s", flush=True)
    ctx.data["benchmark_wall_s"] = time.perf_counter() - started
    write_results(ctx, machine, rows, "; ".join(errors) or None)
    print((BENCH / "results.md").read_text(encoding="utf-8"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
