"""6. The timeline: a 2,000-event page (render, zoom, filter) and the course's events against TimelineJS and
vis-timeline. Kept apart (``measure_timeline``, ``build_timeline_compare``) so timeline work edits one module."""
from __future__ import annotations

import json
import shutil
import urllib.parse

from benchmarks.benchbook import TARGET_TL_RENDER_MS, TARGET_TL_STEP_MS, TIMELINE_EVENTS, bench_book
from benchmarks.browse import READY_TIMELINE, chromium, visit
from benchmarks.common import NPM_PACKAGES, ROOT, WORK, BenchmarkError, Context, Row, kb, med, met, ms, ratio
from benchmarks.stock import ensure_npm_packages
from support.server import serve_static

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
    renders = [next((r["drawn"] - r["start"] for r in v["render"] if r["module"] == "timeline" and r.get("drawn")), None)
               for v in loads]
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
            note=f"module render() start, as the static host mounts it, to its first draw (the first ResizeObserver "
                 f"report after render: the widget draws when its axis width is reported), so it includes the page's "
                 f"layout before that report; median of {ctx.runs} fresh loads; first marker on screen "
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
                        f"ours JS {kb(o['js'])} + CSS {kb(o['css'])} (host + module, as the book serves them: terser and csso); theirs JS {kb(t['js'])} + "
                        f"CSS {kb(t['css'])}" + (f" + other files {kb(t['other'])} (locale JSON, font CSS)" if t["other"] else "")
                        + f"; gzip ratio {ours_g / theirs_g:.3f}; rendered {t['shown']} vs ours {o['shown']} item nodes; "
                        f"ready {ms(t['ready_ms'])} vs ours {ms(o['ready_ms'])}; tried to reach off 127.0.0.1: "
                        + (", ".join(sorted({urllib.parse.urlsplit(u).netloc for u in t["off_host"]})) or "nothing")))
    return rows
