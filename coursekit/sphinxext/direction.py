"""Right-to-left pages: ``<html lang dir>`` from the build's language, the theme mirrored, code kept left to right.

- The writing direction comes from CLDR through Babel (``coursekit.formats.direction``), never from a list of
  codes, so any right-to-left language gets ``dir="rtl"`` and every other ``dir="ltr"``.
- pydata-sphinx-theme writes ``<html lang=...>`` from a ``{% set html_tag %}`` in its own layout, which runs
  after any template of ours could set it; so the page is given its ``dir`` as it is rendered, by wrapping
  the builder's template renderer (one attribute on the first ``<html`` tag, nothing else touched).
- Code blocks stay left to right (``<pre dir="ltr">``): code, commands and paths read the same in every
  language, and the bidirectional algorithm would otherwise move their punctuation.
- In a right-to-left build every page also gets ``static/rtl.css``: the theme's rules written with physical
  sides (the phone drawers sliding in from the left, borders, icon offsets) mirrored under ``[dir="rtl"]``.
  That file is coursekit's own, so css_purge (which trims only the theme's CSS) leaves it whole.
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from ..formats import direction
from .assets import SUBDIR, served, write_if_changed

RTL_CSS = "rtl.css"
HTML_TAG = re.compile(r"<html\b[^>]*>")
PRE_TAG = re.compile(r"<pre\b(?![^>]*\bdir=)")


def with_direction(page: str, writing: str) -> str:
    """``page`` (a whole HTML document) with ``dir`` on its ``<html>`` tag, when that has none."""
    tag = HTML_TAG.search(page)
    if tag is None or re.search(r"\sdir=", tag.group(0)):
        return page
    return f'{page[:tag.start()]}<html dir="{writing}"{page[tag.start() + 5:]}'


def code_left_to_right(body: str) -> str:
    """``body`` with ``dir="ltr"`` on every ``<pre>`` that has no direction of its own."""
    return PRE_TAG.sub('<pre dir="ltr"', body)


def build_direction(app: Sphinx) -> str:
    return direction(app.config.language)


def wrap_renderer(app: Sphinx) -> None:
    """Give every page the build's direction as it is rendered (see the module docstring)."""
    if app.builder.format != "html":
        return
    writing = build_direction(app)
    templates = app.builder.templates
    render = templates.render
    if getattr(render, "coursekit_direction", False):
        return

    def render_with_direction(template: str, context: dict) -> str:
        return with_direction(render(template, context), writing)

    render_with_direction.coursekit_direction = True
    templates.render = render_with_direction
    if writing == "rtl":
        app.add_css_file(SUBDIR + RTL_CSS, priority=905)   # after theme-fixes.css (900), which it may refine


def keep_code_ltr(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and "<pre" in body and build_direction(app) == "rtl":
        context["body"] = code_left_to_right(body)


def write_rtl_css(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html" or build_direction(app) != "rtl":
        return
    out = Path(app.outdir) / "_static" / SUBDIR
    out.mkdir(parents=True, exist_ok=True)
    stem = RTL_CSS.rsplit(".", 1)[0]
    write_if_changed(out / RTL_CSS, served(stem, ".css"))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", wrap_renderer)
    app.connect("html-page-context", keep_code_ltr, priority=960)
    app.connect("build-finished", write_rtl_css)
