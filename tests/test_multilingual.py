"""The language editions' layout: the generated config of each edition, the copy into the site, and the
relative links of the language switcher (every edition has each page at the same path)."""
from __future__ import annotations

import os
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from coursekit.multilingual import course_languages, edition_config, nested, prefix, sync
from coursekit.sphinxext.switcher import alternate_links, page_urls, site_root, switcher_html

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "ar", "fr"]


def test_the_course_lists_its_three_editions_source_first():
    assert course_languages(ROOT / "_config.yml") == LANGUAGES


def test_edition_config_sets_the_language_and_leaves_the_course_config_alone(tmp_path):
    before = (ROOT / "_config.yml").read_bytes()
    target = edition_config(ROOT / "_config.yml", "ar", tmp_path / "x" / "_config.yml")
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["sphinx"]["config"]["language"] == "ar"
    assert data["sphinx"]["config"]["coursekit_languages"] == LANGUAGES
    english = yaml.safe_load(before)["title"]
    with (ROOT / "locales" / "ar" / "LC_MESSAGES" / "book" / "intro.po").open("rb") as handle:
        root_page = {m.id: m.string for m in read_po(handle) if m.id}
    assert data["title"] == root_page[english] != english   # the title as the root page's catalog has it
    assert data["execute"]["execute_notebooks"] == "force"
    assert (ROOT / "_config.yml").read_bytes() == before
    quick = yaml.safe_load(edition_config(ROOT / "_config.yml", "en", tmp_path / "g.yml", execute=False).read_text())
    assert quick["execute"]["execute_notebooks"] == "off"
    assert "baseurl" not in (data.get("html") or {})   # the course has no published address


def test_an_editions_address_is_its_own_folder_of_the_site(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("html:\n  baseurl: https://example.org/c\nsphinx:\n  config:\n"
                      "    coursekit_languages: [en, ar]\n", encoding="utf-8")
    addresses = {code: yaml.safe_load(edition_config(config, code, tmp_path / f"{code}.yml").read_text())["html"]["baseurl"]
                 for code in ("en", "ar")}
    assert addresses == {"en": "https://example.org/c/", "ar": "https://example.org/c/ar/"}


def test_only_the_root_edition_has_the_others_in_its_folders():
    assert nested(LANGUAGES, "en") == ["ar", "fr"]
    assert nested(LANGUAGES, "ar") == [] and nested([], "en") == []
    assert [prefix(code, LANGUAGES) for code in LANGUAGES] == ["", "ar/", "fr/"]


def test_sync_copies_changes_and_removes_what_the_edition_dropped(tmp_path):
    source, target = tmp_path / "built", tmp_path / "site" / "ar"
    (source / "book").mkdir(parents=True)
    (source / "book" / "a.html").write_text("one", encoding="utf-8")
    (source / "index.html").write_text("index", encoding="utf-8")
    assert sync(source, target) == 2
    os.utime(target / "index.html", (1_000_000, 1_000_000))
    (source / "book" / "a.html").write_text("two", encoding="utf-8")
    (target / "stale.html").write_text("old page", encoding="utf-8")
    (target / "old").mkdir()
    assert sync(source, target) == 1
    assert (target / "book" / "a.html").read_text(encoding="utf-8") == "two"
    assert not (target / "stale.html").exists() and not (target / "old").exists()
    assert (target / "index.html").stat().st_mtime == 1_000_000   # unchanged: not copied, date kept


def test_switcher_links_go_to_the_same_page_in_each_edition():
    assert page_urls(LANGUAGES, "en", "book/part1/science.html") == {
        "en": "../../book/part1/science.html", "ar": "../../ar/book/part1/science.html",
        "fr": "../../fr/book/part1/science.html"}
    assert page_urls(LANGUAGES, "fr", "search.html") == {
        "en": "../search.html", "ar": "../ar/search.html", "fr": "../fr/search.html"}
    for current in LANGUAGES:   # resolved from the page's own place, every link lands on the same page
        urls = page_urls(LANGUAGES, current, "book/part1/science.html")
        here = Path("/site") / prefix(current, LANGUAGES) / "book/part1"
        for code, url in urls.items():
            assert Path(os.path.normpath(here / url)) == Path("/site") / prefix(code, LANGUAGES) / "book/part1/science.html"


def test_each_option_is_named_in_its_own_language_and_the_current_one_not_by_colour_alone():
    urls = page_urls(LANGUAGES, "fr", "book/intro.html")
    markup = switcher_html(LANGUAGES, "fr", urls)
    assert '<span class="ck-visually-hidden">Langue: </span>' in markup
    assert 'lang="ar" hreflang="ar" dir="rtl">العربية</a>' in markup
    assert 'lang="en" hreflang="en">English</a>' in markup
    assert 'hreflang="fr" aria-current="true"><span class="ck-languages__tick" aria-hidden="true">✓</span>Français' in markup
    assert alternate_links(LANGUAGES, "book/intro.html", "") == ""   # no address: relative alternates are invalid
    head = alternate_links(LANGUAGES, "book/intro.html", "https://example.org/c/")
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/c/book/intro.html">' in head
    assert '<link rel="alternate" hreflang="ar" href="https://example.org/c/ar/book/intro.html">' in head
    assert head.count('rel="alternate"') == 4


def test_the_site_address_is_found_from_any_editions_own_address():
    assert site_root("https://example.org/c/fr/", "fr", LANGUAGES) == "https://example.org/c/"
    assert site_root("https://example.org/c", "en", LANGUAGES) == "https://example.org/c/"
    assert site_root("", "ar", LANGUAGES) == ""
