"""7. Every page of the real built book as a gzip static host serves it: first and repeat visit, weights."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from benchmarks.browse import READY, by_kind, chromium, visit
from benchmarks.builds import TARGET_FIRST_VISIT, TARGET_WEIGHT_RATIO, real_book
from benchmarks.common import ROOT, BenchmarkError, Context, Row, gzip_sizes, kb, med, met, ms, ratio
from benchmarks.pagebytes import is_site_wide, page_widget_bytes
from benchmarks.quiz import CLICK
from coursekit.multilingual import built_pages
from support.server import serve_static


def page_list(site: Path) -> list[str]:
    """The book's pages in every edition: not the theme's templates under any ``_static`` or ``_sources``
    (``fr/_static/sbt-webpack-macros.html`` was once taken as the text-only page), nor index and search."""
    return [page.relative_to(site).as_posix() for page in built_pages(site) if page.stem not in ("genindex", "search")]


def quiz_anchor(html: str) -> str:
    """The page's "Self-check quiz" jump link (``#id``): the quiz at a section page's foot is rendered as the
    reader comes near it (host.js), so its time to interactive is timed for a reader who follows that link."""
    for target in re.findall(r'<a href="(#[^"]+)"', (re.search(r'<nav class="ck-jump".*?</nav>', html, re.S) or [""])[0]):
        after = html[html.find(f'<section id="{target[1:]}"'):]
        mount = re.search(r'class="ck-widget-mount[^"]*"[^>]*data-module="(\w+)"', after)
        if mount and mount.group(1) == "quiz":
            return target
    raise BenchmarkError("the heaviest section page has no jump link to its quiz")


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
            quiz_link = quiz_anchor((site / heaviest).read_text(encoding="utf-8"))
            to_quiz = base + heaviest + quiz_link
            visit(browser, to_quiz, ready=READY)
            for _ in range(ctx.runs):
                ttis.append(visit(browser, to_quiz, ready=READY, click=CLICK["ours"][0],
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
    widget_gzip = gzip_sizes(site, list(widget_files)) + widget["inline_gzip"]
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
            note=f"{heaviest}{quiz_link} (its jump link to the quiz, "
                 f"which is rendered as the reader comes near it), gzip host, median of {ctx.runs} fresh contexts; DOMContentLoaded "
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
