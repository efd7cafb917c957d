"""4. Quiz against jupyterquiz: bytes and time to interactive for one 20-question quiz and five small ones."""
from __future__ import annotations

import json
import re
import urllib.parse

from benchmarks.benchbook import JQ_GAPS, bench_book
from benchmarks.browse import READY, READY_JQ, chromium, visit
from benchmarks.common import BenchmarkError, Context, Row, summary_stats, gz, gzip_sizes, kb, met, ms, ratio
from benchmarks.pagebytes import is_site_wide, page_models, page_widget_bytes
from support.browser import ALL_MOUNTED, REACH_WIDGETS
from support.server import serve_static

QUIZ_PAGES = {"ours-one": "ours", "jq-one": "jq", "ours-five": "ours", "jq-five": "jq"}
CLICK = {"ours": (".ck-quiz input",
                  "el => (el.type === 'radio' || el.type === 'checkbox') ? el.checked : document.activeElement === el"),
         "jq": (".MCButton, .Input-text",
                "el => el.tagName === 'INPUT' || /correctButton|incorrectButton/.test(el.className) "
                "|| Boolean(el.querySelector('input:checked'))")}
# Counted once the reader has scrolled past every quiz: ours are rendered as the reader comes near them.
COUNT_QUIZZES = f"""async () => {{
  await ({REACH_WIDGETS})();
  while (!({ALL_MOUNTED})()) await new Promise(requestAnimationFrame);
  return {{
    quizzes: document.querySelectorAll('.ck-quiz, [data-shufflequestions]').length,
    questions: document.querySelectorAll('.ck-quiz .ck-item, .MultipleChoiceQn, .ManyChoiceQn, .NumericQn').length,
  }};
}}"""


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


def widget_files(site, fetched: dict) -> dict:
    """The coursekit files a page fetched that are the widget's own (not the site-wide chrome): a page's
    stylesheet bundle (coursekit/sphinxext/stylesheets.py) counts as the widget stylesheets it holds."""
    from coursekit.sphinxext.stylesheets import PREFIX, parts_of

    files = {}
    for path, size in fetched.items():
        name = path.rsplit("/", 1)[-1]
        if "/_static/coursekit/" in path and name.startswith(PREFIX):
            static = site / "_static"
            for part in parts_of(site / path.lstrip("/"), static):
                rel = "/_static/" + part.relative_to(static).as_posix()
                if rel.startswith("/_static/coursekit/") and not is_site_wide(rel):
                    files[rel] = part.stat().st_size
        elif "/_static/coursekit/" in path and not is_site_wide(path):
            files[path] = size
    return files


def quiz_page_bytes(book: dict, page: str, route: str, fetched: dict) -> dict:
    """Quiz bytes of one page: ours = the coursekit JS + CSS files the quiz brings (not the site-wide ones
    every page loads: theme fixes, navigation, pop-ups) + saved state + mount markup (fallback included);
    jupyterquiz = its inline HTML + CSS + JS + question JSON. Uncompressed and gzip -6."""
    html_file = book["site"] / "book" / f"{page}.html"
    if route == "ours":
        widget = page_widget_bytes(html_file)
        files = widget_files(book["site"], fetched)
        js = sum(b for p, b in files.items() if p.endswith(".js"))
        css = sum(b for p, b in files.items() if p.endswith(".css"))
        gzip_files = gzip_sizes(book["site"], list(files))
        models = page_models(html_file.read_text(encoding="utf-8"))
        strings = sum(len(json.dumps(m["state"].get("strings", {}), ensure_ascii=False, separators=(",", ":")).encode())
                      for m in models)
        quiz_data = sum(len(json.dumps(m["state"].get("quiz", {}), ensure_ascii=False, separators=(",", ":")).encode())
                        for m in models)
        return {"js": js, "css": css, "state_strings": strings, "state_quiz": quiz_data, "inline": widget["state"] + widget["markup"], "state": widget["state"],
                "markup": widget["markup"], "total": js + css + widget["state"] + widget["markup"],
                "gzip": gzip_files + widget["inline_gzip"], "files": sorted(files)}
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
            "ready_ms": summary_stats([r["ready_ms"] for r in rs]), "dcl_ms": summary_stats([r["dcl_ms"] for r in rs]),
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
                "gzip -6: ours each file, then state and markup together as the page holds them; jupyterquiz its inline parts together (as in the document)"),
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
