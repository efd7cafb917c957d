"""The meta description of every page (coursekit/sphinxext/description.py): the page's title and first
paragraph of running text, plain, escaped, at most 160 characters, one per page and none shared."""
from __future__ import annotations

import html
import re
from types import SimpleNamespace

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from coursekit.sphinxext.description import LIMIT, add_description, page_description, shorten
from tests.site.helpers import html_pages

META = re.compile(r'<meta name="description" content="([^"]*)"')


def rst(text: str) -> nodes.document:
    document = new_document("page", get_default_settings(Parser))
    Parser().parse(text, document)
    return document


def test_a_long_text_is_cut_at_a_word_and_marked():
    text = "word " * 60
    short = shorten(text)
    assert len(short) <= LIMIT and short.endswith("…") and not short.endswith(" …")
    assert shorten("  two\n lines  ") == "two lines"


def test_the_first_running_paragraph_wins_over_boxes_and_tables():
    doctree = rst(".. note::\n\n   By the end of this section you can name three things.\n\n"
                  "Short.\n\nThe Treaty opened for signature on 1 July 1968 in three capitals.\n")
    assert page_description(doctree, "Title", "Course") == "Title. The Treaty opened for signature on 1 July 1968 in three capitals."
    assert page_description(doctree, "Course", "Course").startswith("The Treaty")   # the home page: no title twice


def test_a_page_without_prose_gets_its_title_and_the_course():
    assert page_description(rst("Ok.\n"), "My progress", "The course") == "My progress. The course"


def test_text_that_looks_like_markup_is_escaped_in_the_attribute():
    doctree = rst('He wrote "<script>alert(1)</script>" & left a <b>note</b> for all of us.\n')
    context = {"title": "T", "metatags": ""}
    add_description(SimpleNamespace(config=SimpleNamespace(project="T")), "page", "page.html", context, doctree)
    tag = context["metatags"].strip()
    assert "<script>" not in tag and "&lt;script&gt;" in tag and "&quot;" in tag and "&amp;" in tag
    assert html.unescape(META.search(tag).group(1)).startswith('He wrote "<script>')


def test_a_page_that_sets_its_own_description_keeps_it():
    context = {"title": "T", "metatags": '<meta name="description" content="Mine" />'}
    add_description(SimpleNamespace(config=SimpleNamespace(project="P")), "page", "page.html", context,
                    rst("A paragraph of five words or more here.\n"))
    assert context["metatags"].count('name="description"') == 1 and "Mine" in context["metatags"]


def test_every_built_page_has_one_short_description_of_its_own(site):
    seen = {}
    for rel in html_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # the root redirect is not a page anyone lands on
        found = META.findall(text)
        assert len(found) == 1, f"{rel}: {len(found)} meta descriptions"
        description = html.unescape(found[0])
        assert 20 <= len(description) <= LIMIT, f"{rel}: {description!r}"
        assert "<" not in found[0] and ">" not in found[0], rel
        seen.setdefault(description, []).append(rel)
    shared = {d: pages for d, pages in seen.items() if len(pages) > 1 and not all("genindex" in p or "search" in p for p in pages)}
    assert not shared, f"pages sharing one description: {shared}"
    iran = html.unescape(META.search((site / "book/part2/iran-deal.html").read_text(encoding="utf-8")).group(1))
    assert iran.startswith("Case study: the Iran nuclear deal, 2015 to today. The Joint Comprehensive Plan of Action")
