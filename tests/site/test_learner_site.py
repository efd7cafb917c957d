"""The self-learner's way around the built student edition, read from its HTML: navigation, home page,
jump links, term definitions, references in the capitalisation of their sources, offline search data.

The browser side (tapping and keyboard) is in tests/site/test_learner_browser.py.
"""
from __future__ import annotations

import html as htmllib
import json
import re

import pytest
from pybtex.database import parse_file

from coursekit.bibliography import plain
from coursekit.course import Course
from coursekit.sphinxext.bibstyle import Style, language_version
from tests.conftest import ROOT

TAG = re.compile(r"<[^>]+>")
TITLE_ATTR = re.compile(r'<a class="reference internal" href="[^"]*references\.html#[^"]*" title="([^"]*)"')


def text_of(markup: str) -> str:
    return " ".join(htmllib.unescape(TAG.sub(" ", markup)).split())


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def sidebar(markup: str) -> str:
    start = markup.index('<nav class="bd-links bd-docs-nav"')
    return markup[start:markup.index("</nav>", start)]


# -- the bibliography style -------------------------------------------------------------------------

def test_style_keeps_the_capitalisation_of_titles():
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    bib = parse_string(r"""@misc{a, title = {U.S., Saudi Arabia Announce Nuclear Cooperation}, year = {2008}}
@article{b, title = {IAEA Resolution on ``Safeguards'' in the Middle East}, author = {Mohamed ElBaradei},
  journal = {IAEA Bulletin}, year = {2005}}""", "bibtex")
    text = find_plugin("pybtex.backends", "plaintext")()
    rendered = [e.text.render(text) for e in Style().format_entries(bib.entries.values())]
    assert any("U.S., Saudi Arabia Announce Nuclear Cooperation" in r for r in rendered), rendered
    assert any("IAEA Resolution on \u201cSafeguards\u201d in the Middle East" in r for r in rendered), rendered


@pytest.mark.parametrize(("url", "language", "expected"), [
    ("https://undocs.org/S/RES/2231(2015)", "ar", "https://undocs.org/ar/S/RES/2231(2015)"),
    ("https://undocs.org/A/RES/3263(XXIX)", "fr", "https://undocs.org/fr/A/RES/3263(XXIX)"),
    ("https://undocs.org/S/RES/2231(2015)", "en", None),  # the English edition cites the address as it is
    ("https://undocs.org/fr/S/RES/2231(2015)", "ar", None),  # already one language's: left as cited
    ("https://oic-oci.org/page/?lan=en&p_id=38&p_ref=14", "ar", "https://oic-oci.org/page/?lan=ar&p_id=38&p_ref=14"),
    ("https://www.oic-oci.org/page/?lan=en&p_id=52&p_ref=26", "fr", "https://www.oic-oci.org/page/?lan=fr&p_id=52&p_ref=26"),
    ("https://www.oic-oci.org/topic/?lan=en&t_id=5453", "fr", None),  # a news item: its own id in each language
    ("https://ww1.oic-oci.org/ex-summit/english/about.htm", "ar", None),  # an old page, in English only
    ("https://www.iaea.org/about/overview/statute", "fr", None),
])
def test_a_source_published_in_the_editions_language_is_found_by_its_address(url, language, expected):
    assert language_version(url, language) == expected


@pytest.mark.parametrize(("language", "label"), [("ar", "هذه الوثيقة بالعربية"), ("fr", "ce document en français")])
def test_the_arabic_and_french_reference_lists_link_the_un_and_oic_documents_in_their_language(site, language, label):
    """Every UN document cited by its symbol, and every static page of the OIC's site cited in English, has the
    same document in the edition's language beside it, in the reference list of that edition."""
    markup = read(site, f"{language}/book/references.html")
    cited = set(re.findall(r'href="(https://undocs\.org/(?![a-z]{2}/)[^"]+|https://(?:www\.)?oic-oci\.org/page/[^"]*lan=en[^"]*)"', markup))
    assert len(cited) >= 15 and any("oic-oci" in url for url in cited), cited
    for url in cited:
        version = htmllib.escape(language_version(htmllib.unescape(url), language))
        assert f'<a class="reference external" href="{version}">{label}</a>' in markup, url


def bib_titles() -> list[tuple[str, str]]:
    """(key, title as readers should see it) for every entry of the book's .bib files."""
    found = []
    for path in Course(ROOT).bib_files:
        for key, entry in parse_file(str(path)).entries.items():
            if "title" in entry.fields:
                found.append((key, plain(entry.fields["title"])))
    return found


def case_problems(titles: list[tuple[str, str]], rendered: str) -> list[str]:
    """Titles that appear in ``rendered`` only with another capitalisation (lowercased acronyms, names)."""
    lowered = rendered.lower()
    return [f"{key}: {title!r}" for key, title in titles
            if title.lower() in lowered and title not in rendered]


def test_reference_list_keeps_every_title_as_the_bib_file_has_it(site):
    titles = bib_titles()
    markup = read(site, "book/references.html")
    start = markup.index('<div role="list" class="citation-list">')
    page = text_of(markup[start:markup.index("</section>", start)])
    shown = [t for _, t in titles if t.lower() in page.lower()]
    assert len(shown) >= 300, f"only {len(shown)} of {len(titles)} titles found in the reference list"
    assert case_problems(titles, page) == []
    for leak in ("``", "''", "\\'", "{", "}"):
        assert leak not in page, f"LaTeX markup {leak!r} in the reference list"
    assert "U.S., Saudi Arabia Announce Nuclear Cooperation" in page  # from the issue
    assert "IAEA Resolution to report Iran" in page


def test_citation_tooltips_keep_the_capitalisation_and_show_no_latex(site):
    titles = bib_titles()
    attrs = []
    for path in sorted((site / "book").rglob("*.html")):
        attrs += [htmllib.unescape(a) for a in TITLE_ATTR.findall(path.read_text(encoding="utf-8"))]
    assert len(attrs) >= 200
    joined = "\n".join(attrs)
    assert case_problems(titles, joined) == []
    assert not [a for a in attrs if "``" in a or "''" in a or "{" in a], "LaTeX markup in a citation tooltip"


def test_quiz_references_decode_latex_too(tmp_path):
    from coursekit.bibliography import reference_html

    (tmp_path / "_config.yml").write_text("bibtex_bibfiles: [refs.bib]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(r"""@misc{k, author = {{Organisation of Islamic Cooperation}},
  title = {{\'E}tats membres: the ``Cairo Initiative''}, year = {2024}}""", encoding="utf-8")
    assert reference_html(tmp_path, "k") == ("Organisation of Islamic Cooperation (2024). "
                                              "\u00c9tats membres: the \u201cCairo Initiative\u201d.")


# -- navigation and editions ------------------------------------------------------------------------

def test_student_sidebar_names_each_part_once_and_has_no_instructor_pages(site):
    for rel in ("book/intro.html", "book/part1/science.html", "book/glossary.html"):
        nav = text_of(sidebar(read(site, rel)))
        for part in ("Part I: International cooperation", "Part II: International nuclear cooperation"):
            assert nav.count(part) == 1, (rel, part, nav[:400])
        assert "For instructors" not in nav and "instructors/" not in sidebar(read(site, rel))
        assert "Exercise bank" in nav
    assert "book/instructors" not in read(site, "searchindex.js")
    assert not list((site / "book").glob("instructors/*.html"))  # nor left over from an earlier build
    home = text_of(read(site, "book/intro.html"))
    assert "instructor pages in the instructor edition" in home  # what the home page promises is true


def test_drop_instructor_pages_leaves_the_rest_of_the_site_map():
    from types import SimpleNamespace

    from sphinx_external_toc.parsing import parse_toc_yaml

    from coursekit.sphinxext.editions import drop_instructor_pages

    site_map = parse_toc_yaml(ROOT / "_toc.yml")
    config = SimpleNamespace(coursekit_instructor_pages=["book/instructors/*"], coursekit_edition="student",
                             external_site_map=site_map, exclude_patterns=[], source_suffix={".md": "myst-nb"})
    drop_instructor_pages(SimpleNamespace(srcdir=str(ROOT)), config)
    assert not [d for d in site_map if d.startswith("book/instructors/")]
    assert "book/exercise-bank" in site_map and "book/part1/science" in site_map
    captions = [t.caption for t in site_map.root.subtrees]
    assert "For instructors" not in captions and "Reference" in captions
    assert "book/instructors/index.md" in config.exclude_patterns
    instructor = SimpleNamespace(**{**vars(config), "coursekit_edition": "instructor",
                                    "external_site_map": parse_toc_yaml(ROOT / "_toc.yml"), "exclude_patterns": []})
    drop_instructor_pages(SimpleNamespace(srcdir=str(ROOT)), instructor)
    assert "book/instructors/index" in instructor.external_site_map and instructor.exclude_patterns == []


# -- home page, jump links, terms -------------------------------------------------------------------

def test_home_page_opens_with_what_how_long_and_where_to_start(site):
    page = read(site, "book/intro.html")
    start = page.index('class="ck-start')
    panel = page[start:page.index("</div>\n", page.index('href="part1/index.html"', start))]
    assert "Organisation of Islamic Cooperation" in text_of(panel)
    assert re.search(r"About \d+ to \d+ hours", text_of(panel))
    assert '<div class="ck-continue" hidden data-quizzes=' in panel  # static/continue.js fills it
    assert re.search(r'<a class="reference internal" href="part1/index.html">(<span[^>]*>)?Start the course', panel)
    assert start < page.index('<section id="who-this-course-is-for"')


@pytest.mark.parametrize("rel", ["book/part1/science.html", "book/part2/iran-deal.html"])
def test_section_pages_jump_to_their_timeline_and_quiz(site, rel):
    page = read(site, rel)
    nav = re.search(r'<nav class="ck-jump" aria-label="Exercises on this page"><ul>(.*?)</ul></nav>', page)
    assert nav and page.index("</h1>") < nav.start() < page.index('class="ck-widget-mount"')
    links = dict((text, anchor) for anchor, text in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(1)))
    assert set(links) == {"Timeline", "Self-check quiz"}
    for text, module in (("Timeline", "timeline"), ("Self-check quiz", "quiz")):
        section = page[page.index(f'<section id="{links[text]}"'):]
        assert section.index(f'data-module="{module}"') < section.index("</section>"), (text, links[text])


def test_term_links_carry_their_definition(site):
    glossary = read(site, "book/glossary.html")
    page = read(site, "book/part1/science.html")
    links = re.findall(r'<a class="reference internal" href="\.\./glossary\.html#(term-[^"]+)" title="([^"]+)">', page)
    assert len(links) >= 3
    for anchor, title in links:
        entry = glossary[glossary.index(f'id="{anchor}"'):]
        definition = text_of(entry[entry.index("<dd>"):entry.index("</dd>")])
        assert htmllib.unescape(title) == definition, anchor


def test_offline_search_has_every_page_text(site):
    data = read(site, "_static/coursekit/search-pages.js")
    pages = json.loads(data[data.index("{"):data.rindex("}") + 1])
    assert "book/part1/science" in pages and "book/glossary" in pages
    science = pages["book/part1/science"]
    assert science.startswith('<div role="main">') and '<section id="check-your-understanding">' in science
    assert "<script" not in science and "COMSTECH" in science
    assert "coursekit/search-offline.js" in read(site, "search.html")
    assert "coursekit/search-offline.js" not in read(site, "book/part1/science.html")


def test_a_student_build_removes_pages_an_earlier_build_left(tmp_path):
    from types import SimpleNamespace

    from coursekit.sphinxext.editions import remove_dropped_output

    old = tmp_path / "book" / "instructors" / "index.html"
    source = tmp_path / "_sources" / "book" / "instructors" / "index.md"
    kept = tmp_path / "book" / "intro.html"
    for path in (old, source, kept):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"),
                          coursekit_dropped_pages={"book/instructors/index"})
    remove_dropped_output(app, None)
    assert not old.exists() and not source.exists() and kept.exists()
