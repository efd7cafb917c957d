"""Every section page ends with "Mark this section as read" (``static/reading.js`` binds it; My progress
lists what was marked). The section pages are the table of contents' sections of the student
edition (``Course.section_pages``), so a new page in ``_toc.yml`` gets the control with no change."""
from __future__ import annotations

import html
import json

from docutils import nodes

from ..course import BOOK, Course, find_root
from ..strings import section, t
from . import assets


def read_mark_html(section_id: str) -> str:
    """The control, hidden until the script runs (without it nothing could be kept)."""
    e = html.escape
    return (f'<div class="ck-read-mark" hidden data-section="{e(section_id)}" '
            f'data-strings="{e(json.dumps(section("read"), ensure_ascii=False))}">'
            f'<button type="button" class="ck-read-toggle" aria-pressed="false">{e(t("read.button"))}</button>'
            f'<p class="ck-read-state" aria-live="polite"></p><p class="ck-read-status" role="status"></p></div>')


def add_read_mark(app, doctree) -> None:
    """doctree-read: append the control to a section page, inside its top section (the article)."""
    docname = app.env.docname
    page = docname.removeprefix(BOOK + "/")
    if page == docname or page not in Course(find_root(app.srcdir)).section_pages:
        return
    top = next(iter(doctree.findall(nodes.section)), doctree)
    top.append(nodes.raw("", read_mark_html(page), format="html"))
    assets.need(app.env, "reading")


def setup(app) -> None:
    app.connect("doctree-read", add_read_mark)
