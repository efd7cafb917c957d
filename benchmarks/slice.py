"""3. The slice page on two routes: ours (coursekit's static host) against the stock html-manager route."""
from __future__ import annotations

import statistics
import urllib.parse
from pathlib import Path

from benchmarks.browse import READY, off_host
from benchmarks.common import (
    SLICE_PAGE, STOCK_DIR, TARGET_TTI, TARGET_WIDGET_BYTES, BenchmarkError, Context, Row, summary_stats,
    gzip_sizes, kb, ms, ratio)
from benchmarks.pagebytes import page_widget_bytes
from benchmarks.stock import build_slice_sites, ensure_npm_packages
from support.browser import MISSING, chromium_path, launch
from support.server import serve

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


def measure_slice_routes(ctx: Context) -> list[Row]:
    from playwright.sync_api import sync_playwright

    ctx.data["npm_packages"] = ensure_npm_packages()
    sites = build_slice_sites(ctx)
    if not chromium_path():
        raise BenchmarkError(MISSING)
    servers, urls = [], {}
    for route, site in sites.items():
        base, server = serve(site)
        servers.append(server)
        urls[route] = base + SLICE_PAGE
    runs: dict[str, list[dict]] = {"ours": [], "stock": []}
    failures: dict[str, str] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
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


def slice_rows(ctx: Context, sites: dict[str, Path]) -> list[Row]:
    data = ctx.data["slice"]
    runs, page = data["runs"], data["page"]
    summary = {route: {key: summary_stats([r[key] for r in rs]) for key in
                       ("ready_ms", "dcl_ms", "load_ms", "widget_js", "widget_css", "widget_other", "total_bytes",
                        "document_bytes")} for route, rs in runs.items() if rs}
    for route, s in summary.items():
        widget = [r["widget_js"] + r["widget_css"] + r["widget_other"] + page[route]["state"] + page[route]["markup"]
                  for r in runs[route]]
        s["widget_total"] = summary_stats(widget)
        files = sorted({f for r in runs[route] for f in r["widget_files"]})
        s["widget_files"] = files
        # JS and CSS only: font files are compressed formats already, and not fetched in every run
        s["widget_assets_gzip"] = gzip_sizes(sites[route], [f for f in files if f.endswith((".js", ".css"))])
        s["widget_total_gzip"] = s["widget_assets_gzip"] + page[route]["inline_gzip"]
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
