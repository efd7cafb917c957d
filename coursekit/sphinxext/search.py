"""Search result snippets from ``file://``, where Sphinx's search shows titles only.

Sphinx's search page fetches every result page with ``fetch()`` to cut a snippet out of its text. A
page opened from disk (the offline copy) may not fetch other files, so each result showed only its
title and the console logged a failed request per result. Each build therefore writes
``_static/coursekit/search-pages.js``: the text of every page, reduced to what the snippet needs
(the text, and the ``<section id>`` structure the search uses to cut a snippet for a section hit).
``static/search-offline.js``, on the search page only, loads it from disk when the page is a
``file://`` one and answers those page requests from it; over http nothing changes.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx

from .assets import SUBDIR, write_if_changed

DATA = "search-pages.js"
SCRIPT = "search-offline.js"
MAIN = re.compile(r'<main\b[^>]*role="main"[^>]*>(.*)</main>', re.S)
DROP = re.compile(r'<(script|style|template)\b.*?</\1>|<a class="headerlink".*?</a>|<!--.*?-->', re.S)
KEEP = re.compile(r'(<section\b[^>]*?\bid="[^"]*"[^>]*>|</section>)|<[^>]+>')


def page_text(markup: str) -> str | None:
    """A built page's main content as text, keeping its ``<section id>`` tags, in a ``role="main"`` div."""
    main = MAIN.search(markup)
    if not main:
        return None
    body = DROP.sub(" ", main.group(1))

    def keep(match: re.Match) -> str:
        tag = match.group(1)
        if not tag:
            return " "
        ident = re.search(r'\bid="([^"]*)"', tag)
        return "</section>" if tag == "</section>" else f'<section id="{ident.group(1)}">'
    body = KEEP.sub(keep, body)
    body = " ".join(body.split())
    return f'<div role="main">{body}</div>'


def add_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        app.add_js_file(SUBDIR + SCRIPT, loading_method="defer", priority=900)


def write_pages(app: Sphinx, exception) -> None:
    if exception or app.builder.name != "html":
        return
    out = Path(app.outdir)
    pages = {}
    for docname in sorted(app.env.found_docs):
        path = out / app.builder.get_target_uri(docname)
        if path.is_file():
            text = page_text(path.read_text(encoding="utf-8"))
            if text:
                pages[docname] = text
    data = json.dumps(pages, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    folder = out / "_static" / SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    write_if_changed(folder / DATA, f"window.coursekitSearchPages = {data};\n")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_script)
    app.connect("build-finished", write_pages, priority=800)  # before the offline bundle (990)
