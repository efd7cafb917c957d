"""A ``<meta name="description">`` on every page, so search engines and link previews show what the page
teaches instead of the first words of the theme's navigation (Lighthouse's SEO audit counts a page
without one as a failure).

The description is the page's title (which tells apart pages that open alike, such as each part's
discussion handout) and its first paragraph of running text: admonitions (the learning-objectives
box, tips), sidebars, tables, footnotes, citations and the glossary are skipped, because their
opening words say "By the end of this section ..." or "Question 1" rather than what the page is about.
A page with no such paragraph falls back to its objectives, then to its title and the course's name.
It is plain text cut at a word boundary to at most ``LIMIT`` characters and escaped for the attribute;
a page that sets its own description (MyST ``html_meta``) keeps it.
"""
from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

LIMIT = 160
SKIP = (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.table, nodes.footnote, nodes.citation,
        nodes.comment, nodes.field_list, nodes.definition_list, addnodes.glossary)
OWN = re.compile(r'<meta\b[^>]*\bname="description"', re.I)


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-(") + "…"


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIP):
            return True
        parent = parent.parent
    return False


def page_description(doctree: nodes.document, title: str, project: str) -> str:
    """The description of one page (see the module docstring); never empty."""
    named = f"{title}. " if title and title != project else ""
    for paragraph in doctree.findall(nodes.paragraph):
        if not _skipped(paragraph):
            text = paragraph.astext().strip()
            if len(text.split()) >= 5:
                return shorten(named + text)
    for box in doctree.findall(nodes.admonition):
        if "learning-objectives" in box.get("classes", []):
            items = [item.astext() for item in box.findall(nodes.list_item)]
            if items:
                return shorten(f"{title}: " + "; ".join(items))
    return shorten(f"{title}. {project}" if title and title != project else project)


def add_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None:  # genindex, search: Sphinx's own pages
        text = shorten(f"{context.get('title') or pagename}. {app.config.project}")
    else:
        title = html.unescape(re.sub(r"<[^>]+>", "", str(context.get("title") or ""))).strip()
        text = page_description(doctree, title, app.config.project)
    metatags = str(context.get("metatags") or "")
    if OWN.search(metatags):
        return
    context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_description)
