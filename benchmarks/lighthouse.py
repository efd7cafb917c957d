"""8. Lighthouse on a slow phone (issue 17): every kind of page of the real book, and the quiz against jupyterquiz.

Lighthouse 12.2.3 (npm, pinned in benchmarks/package.json and its lockfile, installed by ``npm ci`` into
benchmarks/.work/lighthouse the first time; never by ./test) drives Debian's chromium (CHROME_PATH) with its
default mobile preset: a Moto G Power-sized screen, 4x CPU slow-down and simulated slow 4G (150 ms RTT,
1.6 Mbit/s). The site is served gzip-compressed from 127.0.0.1 (``support.server.serve_static``). Each page
kind is audited ``RUNS`` times, pages interleaved; the table gives medians.

Time until the first quiz accepts an answer and the quiz's gzip bytes come from the ``quiz`` group of the same
invocation (ours against jupyterquiz on the same benchmark page, real browser, no throttling); this group runs
it when it was not asked for.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess

from benchmarks.builds import real_book
from benchmarks.common import BENCH, ROOT, WORK, BenchmarkError, Context, Row, kb, met, ms
from support.book import is_current
from support.browser import CHROMIUM_FLAGS, MISSING, chromium_path
from support.server import serve_static

LIGHTHOUSE = "12.2.3"
TOOLS = WORK / "lighthouse"
CLI = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
# page kind -> page of the built book (the heaviest section page is found at run time)
PAGE_KINDS = {"home": "book/intro.html", "section (quiz + timeline)": None, "course timeline": "book/timeline.html",
              "reference list": "book/references.html", "my progress": "book/progress.html"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "cls": "cumulative-layout-shift",
           "tbt": "total-blocking-time", "si": "speed-index", "bytes": "total-byte-weight"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100,
           "fcp": 1800, "lcp": 2000, "cls": 0.02}
FIRST_VISIT_BUDGET = 200 * 1024   # heaviest section page, first visit, gzip


def ensure_lighthouse() -> str:
    """``npm ci`` of benchmarks/package.json into .work/lighthouse, unless that version is already there."""
    installed = TOOLS / "node_modules" / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == LIGHTHOUSE:
        return LIGHTHOUSE
    if not shutil.which("npm"):
        raise BenchmarkError("npm is not installed; Lighthouse comes from npm (benchmarks/package.json)")
    TOOLS.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(BENCH / name, TOOLS / name)
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS,
                          capture_output=True, text=True)
    if done.returncode != 0 or not installed.exists():
        raise BenchmarkError(f"npm ci (lighthouse {LIGHTHOUSE}) failed: {(done.stderr or done.stdout)[-500:]}")
    return json.loads(installed.read_text())["version"]


def audit(url: str, out_json) -> dict:
    """One Lighthouse run (mobile preset, simulated slow 4G) of ``url``: scores, metrics, what failed."""
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    cmd = ["node", str(CLI), url, "--output=json", f"--output-path={out_json}", "--quiet",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium_path()},
                          timeout=300)
    if done.returncode != 0 or not out_json.exists():
        raise BenchmarkError(f"lighthouse failed on {url}: {(done.stderr or done.stdout)[-400:]}")
    lhr = json.loads(out_json.read_text())
    if lhr.get("runtimeError"):
        raise BenchmarkError(f"lighthouse on {url}: {lhr['runtimeError'].get('message')}")
    audits = lhr["audits"]
    failing = sorted({ref["id"] for name in CATEGORIES[1:] for ref in lhr["categories"][name]["auditRefs"]
                      if ref.get("weight") and (audits[ref["id"]].get("score") is not None)
                      and audits[ref["id"]]["score"] < 1})
    return {
        "scores": {name: round(100 * (lhr["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "metrics": {key: audits[name].get("numericValue") for key, name in METRICS.items()},
        "failing": failing,
        "render_blocking": [i.get("url") for i in audits.get("render-blocking-resources", {})
                            .get("details", {}).get("items", [])],
        "lighthouse": lhr.get("lighthouseVersion"), "user_agent": lhr.get("environment", {}).get("hostUserAgent"),
        "throttling": lhr.get("configSettings", {}).get("throttling"),
        "form_factor": lhr.get("configSettings", {}).get("formFactor"),
    }


def site_to_audit(ctx: Context) -> tuple:
    """The real book: this run's clean build if another group made one, else ./build's current student
    edition (read only), else a clean build of our own."""
    if "real_book" in ctx.cache:
        return ctx.cache["real_book"]["site"], "this run's clean build"
    if is_current(ROOT):
        return ROOT / "_build" / "html", "./build's current _build/html (read only)"
    return real_book(ctx)["site"], "this run's clean build"


def heaviest_section(site) -> str:
    """The section page (listed under ``sections:`` in exercises/timeline.yml) with the most gzip bytes of HTML."""
    import gzip

    import yaml

    sections = (yaml.safe_load((ROOT / "exercises" / "timeline.yml").read_text()) or {}).get("sections", {})
    pages = [f"book/{s}.html" for s in sections if (site / f"book/{s}.html").exists()]
    if not pages:
        raise BenchmarkError("no section page in the built book")
    return max(pages, key=lambda p: len(gzip.compress((site / p).read_bytes(), 6)))


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def measure_lighthouse(ctx: Context) -> list[Row]:
    version = ensure_lighthouse()
    if not chromium_path():
        raise BenchmarkError(MISSING)
    quiz_rows = []
    if "quiz_vs_jupyterquiz" not in ctx.data:
        from benchmarks.quiz import measure_quiz_vs_jupyterquiz

        ctx.only = ctx.only | {"quiz"}   # the benchmark book then holds the quiz pages
        quiz_rows = measure_quiz_vs_jupyterquiz(ctx)
    site, which = site_to_audit(ctx)
    pages = {kind: page or heaviest_section(site) for kind, page in PAGE_KINDS.items()}
    runs = 3 if ctx.quick else min(5, max(3, ctx.runs // 2))
    results: dict[str, list[dict]] = {kind: [] for kind in pages}
    scratch = WORK / "lighthouse-runs"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    base, server = serve_static(site)
    try:
        for n in range(runs):
            for kind, page in pages.items():
                ctx.data.setdefault("lighthouse_load", []).append(os.getloadavg()[0])
                results[kind].append(audit(base + page, scratch / f"{n}-{kind.split()[0]}.json"))
    finally:
        server.shutdown()
    summary = {}
    for kind, rs in results.items():
        summary[kind] = {
            "page": pages[kind],
            "scores": {c: median(r["scores"][c] for r in rs) for c in CATEGORIES},
            "metrics": {m: median(r["metrics"][m] for r in rs) for m in METRICS},
            "failing": sorted({a for r in rs for a in r["failing"]}),
            "render_blocking": sorted({u for r in rs for u in r["render_blocking"]}),
        }
    ctx.data["lighthouse"] = {"version": version, "site": str(site), "site_from": which, "runs": runs,
                              "summary": summary, "per_run": results}
    rows = []
    for kind, s in summary.items():
        sc, mt = s["scores"], s["metrics"]
        ok = (sc["performance"] >= TARGETS["performance"] and all(sc[c] >= 100 for c in CATEGORIES[1:])
              and mt["fcp"] <= TARGETS["fcp"] and mt["lcp"] <= TARGETS["lcp"] and mt["cls"] <= TARGETS["cls"])
        rows.append(Row(
            "Lighthouse (mobile, slow 4G)", f"{kind}: {s['page']}",
            f"perf {sc['performance']:.0f}, a11y {sc['accessibility']:.0f}, BP {sc['best-practices']:.0f}, "
            f"SEO {sc['seo']:.0f}; FCP {ms(mt['fcp'])}, LCP {ms(mt['lcp'])}, CLS {mt['cls']:.3f}",
            target="perf >= 95, others 100; FCP <= 1,800 ms, LCP <= 2,000 ms, CLS <= 0.02", met=met(ok),
            note=f"median of {runs}; TBT {ms(mt['tbt'])}, speed index {ms(mt['si'])}, transferred "
                 f"{kb(mt['bytes'])}; failing audits: {', '.join(s['failing']) or 'none'}; render-blocking: "
                 f"{', '.join(u.rsplit('/', 1)[-1].split('?')[0] for u in s['render_blocking']) or 'none'}"))
    heavy = summary["section (quiz + timeline)"]["metrics"]["bytes"]
    rows.append(Row("Lighthouse (mobile, slow 4G)", "First visit, heaviest section page (transferred, gzip host)",
                    kb(heavy), target="<= 200 KB", met=met(heavy <= FIRST_VISIT_BUDGET),
                    note=f"Lighthouse's total-byte-weight, median; site: {which}; Lighthouse {version}, "
                         f"load average during the runs {min(ctx.data['lighthouse_load']):.1f} to "
                         f"{max(ctx.data['lighthouse_load']):.1f} on {os.cpu_count()} cores"))
    quiz = ctx.data.get("quiz_vs_jupyterquiz", {}).get("summary", {})
    if "ours-one" in quiz and "jq-one" in quiz:
        o, j = quiz["ours-one"], quiz["jq-one"]
        rows.append(Row("Lighthouse (mobile, slow 4G)", "One quiz vs jupyterquiz: time until it accepts an answer",
                        ms(o["ready_ms"]["median"]), ms(j["ready_ms"]["median"]),
                        f"{o['ready_ms']['median'] / j['ready_ms']['median']:.2f}", "<= jupyterquiz",
                        met(o["ready_ms"]["median"] <= j["ready_ms"]["median"]),
                        "quiz group of this run: first control laid out, then clicked and checked; median"))
        rows.append(Row("Lighthouse (mobile, slow 4G)", "One quiz vs jupyterquiz: bytes gzip",
                        kb(o["bytes"]["gzip"]), kb(j["bytes"]["gzip"]),
                        f"{o['bytes']['gzip'] / j['bytes']['gzip']:.2f}", "<= jupyterquiz",
                        met(o["bytes"]["gzip"] <= j["bytes"]["gzip"]),
                        "quiz group of this run: ours JS + CSS files + state + markup with the no-JS fallback"))
    return quiz_rows + rows
