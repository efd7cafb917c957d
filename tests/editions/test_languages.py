"""The Arabic and French editions of one site, built as ./build builds them.

The course's own site (``site``, ./build's): each page's language switcher links the same page in every
edition (no head alternates: the course has no published address, and those must be absolute; the fixture
book sets one and gets them, with each edition's canonical link its own), each edition its own service worker over its own folder, one offline zip holding every edition, and
Sphinx's and the theme's own strings in the edition's language. A small book with a few translated strings
(the fixture minibook plus a glossary, built once per run with all three editions): a glossary reference
whose target is the English term (``{term}`الماء المالح <brine>```) resolves with -W in the Arabic edition,
an untranslated string falls back to English, a release build stops on the untranslated strings naming
their catalogs, and ``coursekit translations --pages`` refreshes the catalogs keeping every translation and
marking a changed English fuzzy.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from coursekit.course import Course
from coursekit.multilingual import NAMES
from support.book import build_book
from support.once import once, run_root
from tests.conftest import MINIBOOK, ROOT
from tests.site.helpers import html_pages

LANGUAGES = ["en", "ar", "fr"]
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCHER_LINK = re.compile(r'<a class="ck-languages__option" href="([^"]+)" lang="([^"]+)"')
ADDRESS = "https://course.example.org/ummah/"   # the multibook's html.baseurl (a reserved example domain)
INTRO_EN = "Desalination leaves {term}`brine` behind, and {term}`the salty rest <brine>` must be diluted."
INTRO_AR = "تترك التحلية {term}`الماء المالح <brine>` وراءها، ويجب تخفيف {term}`البقية المالحة <brine>`."
GLOSSARY = "# Glossary\n\n```{glossary}\nbrine\n  The very salty water left over after desalination.\n```\n"


def catalog(messages: dict[str, str]) -> str:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return header + "".join(f"msgid {json.dumps(k, ensure_ascii=False)}\nmsgstr {json.dumps(v, ensure_ascii=False)}\n\n"
                            for k, v in messages.items())


def make_multibook(book: Path) -> None:
    """The minibook with a glossary, three languages, and Arabic catalogs for its intro and glossary."""
    shutil.copytree(MINIBOOK, book, ignore=shutil.ignore_patterns("_build"))
    config = book / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("html:\n", f"html:\n  baseurl: {ADDRESS}\n"),
                      encoding="utf-8")
    (book / "book" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    with (book / "book" / "intro.md").open("a", encoding="utf-8") as handle:
        handle.write("\n" + INTRO_EN + "\n")
    with (book / "_toc.yml").open("a", encoding="utf-8") as handle:
        handle.write("  - file: book/glossary\n")
    with (book / "_config.yml").open("a", encoding="utf-8") as handle:
        handle.write('    locale_dirs: ["locales"]\n    gettext_compact: false\n    gettext_location: false\n'
                     "    coursekit_languages: [en, ar, fr]\n")
    pages = book / "locales" / "ar" / "LC_MESSAGES" / "book"
    pages.mkdir(parents=True)
    (pages / "intro.po").write_text(catalog({"Fixture": "كتاب الاختبار", INTRO_EN: INTRO_AR}), encoding="utf-8")
    (pages / "glossary.po").write_text(catalog({"Glossary": "مسرد المصطلحات", "brine": "الماء المالح"}),
                                       encoding="utf-8")


@pytest.fixture(scope="session")
def multibook(tmp_path_factory) -> Path:
    """The three-language fixture book, built once per run (strict, as ./build); its folder."""
    def make(folder: Path) -> None:
        make_multibook(folder / "book")
        build_book(folder / "book")
    return once(run_root(tmp_path_factory.getbasetemp()) / "multibook", make) / "book"


def test_every_page_of_every_edition_links_its_counterparts_and_they_exist(site):
    for language in LANGUAGES:
        pages = html_pages(site, None if language == "en" else language)
        assert len(pages) > 20, language
        for rel in pages:
            text = (site / rel).read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in text:
                continue   # the root redirect to the first page
            # the course sets no html.baseurl: search engines reject relative alternates, so there are none
            assert not ALTERNATE.search(text), rel
            switcher = re.search(r'<details class="ck-languages">.*?</details>', text, re.S)
            assert switcher, rel
            found = dict((code, href) for href, code in SWITCHER_LINK.findall(switcher.group(0)))
            assert set(found) == set(LANGUAGES), rel
            inner = rel if language == "en" else rel.removeprefix(f"{language}/")   # the page's path in its edition
            for code in LANGUAGES:
                target = ((site / rel).parent / found[code]).resolve()
                assert target.is_file(), (rel, code, found[code])
                assert target == (site / ("" if code == "en" else code) / inner).resolve(), (rel, code)
                assert f'lang="{code}" hreflang="{code}"' in switcher.group(0) and NAMES[code] in switcher.group(0)


def test_with_the_site_address_set_each_edition_names_absolute_alternates_and_its_own_canonical(multibook):
    site = multibook / "_build" / "html"
    for language, folder in (("en", ""), ("ar", "ar/"), ("fr", "fr/")):
        text = (site / folder / "book" / "intro.html").read_text(encoding="utf-8")
        assert dict(ALTERNATE.findall(text)) == {
            "en": f"{ADDRESS}book/intro.html", "ar": f"{ADDRESS}ar/book/intro.html",
            "fr": f"{ADDRESS}fr/book/intro.html", "x-default": f"{ADDRESS}book/intro.html"}, language
        assert f'<link rel="canonical" href="{ADDRESS}{folder}book/intro.html"' in text, language


def test_each_edition_speaks_its_language_in_the_theme_and_sphinx_strings(site):
    for language, search in (("ar", "بحث"), ("fr", "Recherche")):
        page = (site / language / "book" / "intro.html").read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]*\blang="{language}"', page)
        assert f'search-button__default-text">{search}<' in page, language   # the theme's own catalog
        manifest = json.loads((site / language / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == language


def test_one_worker_per_edition_and_one_zip_of_every_edition(site):
    root_worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"book/intro.html"' in root_worker and '"ar/' not in root_worker and '"fr/' not in root_worker
    for language in ("ar", "fr"):
        worker = (site / language / "sw.js").read_text(encoding="utf-8")
        assert '"book/intro.html"' in worker and "course-offline" not in worker
        assert (site / language / "course-offline.zip").samefile(site / "course-offline.zip")
    with zipfile.ZipFile(site / "course-offline.zip") as archive:
        names = set(archive.namelist())
    for language in ("", "ar/", "fr/"):
        assert f"course-offline/{language}book/intro.html" in names
    assert not any(name.endswith("/course-offline.zip") for name in names)


@pytest.mark.slow
def test_a_glossary_reference_to_the_english_term_resolves_in_the_arabic_edition(multibook):
    html = multibook / "_build" / "html"
    intro = (html / "ar" / "book" / "intro.html").read_text(encoding="utf-8")
    assert "تترك التحلية" in intro   # translated, and built with -W: no unknown term
    links = re.findall(r'<a class="reference internal" href="glossary.html#term-brine"[^>]*>(.*?)</a>', intro, re.S)
    assert len(links) == 2 and "الماء المالح" in links[0] and "البقية المالحة" in links[1]
    glossary = (html / "ar" / "book" / "glossary.html").read_text(encoding="utf-8")
    assert re.search(r'<dt id="term-brine">الماء المالح', glossary)


@pytest.mark.slow
def test_an_untranslated_string_is_shown_in_english(multibook):
    html = multibook / "_build" / "html"
    assert "A text-only page." in (html / "ar" / "book" / "intro.html").read_text(encoding="utf-8")
    french = (html / "fr" / "book" / "intro.html").read_text(encoding="utf-8")
    assert "Desalination leaves" in french and re.search(r'<html[^>]* lang="fr"', french)


@pytest.mark.slow
def test_a_release_build_stops_on_untranslated_strings_and_names_their_catalogs(multibook, tmp_path):
    # into its own folder: the shared build stays as it is (a release build there would need a rebuild after)
    build = build_book(multibook, tmp_path / "release", env={"COURSEKIT_RELEASE": "1"}, check=False)
    assert build.returncode == 1
    assert "Traceback" not in build.log
    assert re.search(r"locales/ar/LC_MESSAGES/book/intro\.po: 1 string\(s\) untranslated or outdated \(fuzzy\), "
                     r'e\.g\. "A text-only page\."', build.log), build.tail()
    assert "locales/ar/LC_MESSAGES/book/part1/slice.po" in build.log
    assert "locales/ar/LC_MESSAGES/book/glossary.po: 1 string(s)" in build.log   # its definition only
    assert "the ar release build stopped" in build.log and "the fr release build stopped" in build.log


@pytest.mark.slow
def test_refreshing_the_page_catalogs_keeps_translations_and_marks_changed_english_fuzzy(multibook, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(multibook, book, ignore=shutil.ignore_patterns("_build"))
    intro = book / "book" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("must be diluted", "must be diluted well"),
                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "coursekit", "translations", "--language", "ar", "fr", "--pages",
                             "--root", str(book)], capture_output=True, text=True, cwd=book, timeout=600)
    assert result.returncode == 0, result.stderr + result.stdout
    assert re.search(r"^ar: 3 of \d+ page strings translated, 1 to review", result.stdout, re.M), result.stdout
    with (book / "locales" / "ar" / "LC_MESSAGES" / "book" / "intro.po").open("rb") as handle:
        ar = read_po(handle)
    changed = ar[INTRO_EN.replace("must be diluted", "must be diluted well")]
    assert changed.fuzzy and changed.string == INTRO_AR   # the old translation kept, to review
    assert ar["Fixture"].string == "كتاب الاختبار" and not ar["Fixture"].fuzzy
    assert ar["A text-only page."].string == ""        # new to this catalog: untranslated
    assert (book / "locales" / "fr" / "LC_MESSAGES" / "book" / "part1" / "slice.po").is_file()   # started


@pytest.mark.slow
def test_the_instructor_edition_is_built_in_every_language(multibook, tmp_path):
    """./build --instructor makes the Arabic and French instructor editions too (the suite's own instructor
    edition of the course is built in English only: support.book, translated=False)."""
    book = tmp_path / "book"
    shutil.copytree(multibook, book, ignore=shutil.ignore_patterns("_build"))
    with (book / "book" / "intro.md").open("a", encoding="utf-8") as handle:
        handle.write("\n```{instructor-only} Session plan\nTen minutes on brine, then the glossary.\n```\n")
    build_book(book, book / "_build" / "instructor", edition="instructor")
    html = book / "_build" / "instructor" / "_build" / "html"
    for language in ("", "ar", "fr"):
        page = (html / language / "book" / "intro.html").read_text(encoding="utf-8")
        assert re.search(rf'<html[^>]*\blang="{language or "en"}"', page), language
        assert "Ten minutes on brine, then the glossary." in page, language   # untranslated: in English
    assert "تترك التحلية" in (html / "ar" / "book" / "intro.html").read_text(encoding="utf-8")


def test_a_translated_edition_names_each_section_by_its_own_heading(site):
    """My progress lists every section, and the course timeline's checks name their sections: in the
    Arabic and French editions by the heading those editions show, never the English one."""
    from coursekit import strings
    from coursekit.course import Course

    course = Course(ROOT)
    english = {section: course.section_title(section) for section in course.section_pages}
    for language in ("ar", "fr"):
        try:
            strings.use(language)
            titles = {section: course.section_title(section) for section in course.section_pages}
            check = strings.t("timelineQuiz.title", section=titles["part2/iran-deal"])
        finally:
            strings.use("en")
        assert all(titles[s] != english[s] for s in titles), language   # every heading is translated
        progress = plain_text(site / language / "book" / "progress.html")
        timeline = plain_text(site / language / "book" / "timeline.html")
        assert check in timeline, language
        for section, title in english.items():
            assert title not in progress, (language, section)
            assert titles[section] in progress, (language, section)
        assert english["part2/iran-deal"] not in timeline, language


def plain_text(page: Path) -> str:
    """A page's HTML with entities and JSON escapes read back, so a title is found wherever it stands."""
    import html

    text = html.unescape(page.read_text(encoding="utf-8"))
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def english_interface_words() -> set[str]:
    """What the themes, Sphinx and coursekit write round a page in English: pydata-sphinx-theme's catalog,
    the words its and sphinx-book-theme's templates hard-code, Sphinx's heading links, our jump links."""
    import pydata_sphinx_theme

    from coursekit.sphinxext.theme_strings import HARD_CODED, JUPYTER_BOOK_SEARCH, english

    with (Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot").open("rb") as handle:
        theme = {m.id for m in read_po(handle) if m.id and isinstance(m.id, str) and "%" not in m.id and "<" not in m.id}
    hard = {english(written, attribute) for written, (attribute, _) in HARD_CODED.items()}
    author = Course(ROOT).config["author"]  # the theme's author line, "By The course authors", on every page
    return theme | hard | {JUPYTER_BOOK_SEARCH, "Link to this heading", "Index", "Exercises on this page", "Timeline",
                           "Self-check quiz", author}


SAME_WORD = {"fr": {"Index"}}   # French words spelt as the English ones
INTERFACE_ATTRIBUTE = re.compile(r'(?:aria-label|title|data-bs-title|placeholder)="([^"]+)"')


def test_the_translated_editions_interface_has_no_english_word_of_the_themes(site):
    import html

    english = english_interface_words()
    assert {"Back to top", "Toggle primary sidebar", "Main", "On this page"} <= english
    for language in ("ar", "fr"):
        for rel in ("book/intro.html", "book/part2/iran-deal.html", "book/timeline.html"):
            text = (site / language / rel).read_text(encoding="utf-8")
            start, end = text.find("<article"), text.find("</article>")
            chrome = re.sub(r"<script.*?</script>|<style.*?</style>", "", text[:start] + text[end:], flags=re.S)
            words = {html.unescape(v).strip() for v in INTERFACE_ATTRIBUTE.findall(text)}
            words |= {html.unescape(v).strip() for v in re.findall(r">([^<>]+)<", chrome)}
            assert sorted(words & english - SAME_WORD.get(language, set())) == [], (language, rel)
            assert "Sections of " not in text, (language, rel)
