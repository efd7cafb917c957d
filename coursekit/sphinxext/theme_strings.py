"""The theme's own words in a translated edition.

The themes translate most of their interface through Sphinx's catalogs (the ``sphinx`` domain, where
``locales/<language>/LC_MESSAGES/sphinx.po`` adds what pydata-sphinx-theme and Sphinx have no Arabic for:
"Back to top", "On this page", the colour modes, "Link to this heading"). A few names are written into
their templates in English, with no catalog to reach them: the sidebar toggles' tooltips, the two
navigation landmarks, and the search box's text, which Jupyter Book sets as a theme option. The search
text is set per edition here at config-inited (unless the course sets its own); the others are replaced in
each written page of an edition whose language is not English, once every page is written, from coursekit's
strings (``theme.*``). A theme that renames one of them leaves the English, and
tests/editions/test_languages.py finds it.
"""
from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx

from .. import strings
from ..multilingual import built_pages, nested

JUPYTER_BOOK_SEARCH = "Search this book..."   # jupyter_book/config.py's default search_bar_text
HARD_CODED = {   # the attribute as the theme writes it -> the string that names it
    'title="Toggle primary sidebar"': ("title", "theme.togglePrimary"),
    'title="Toggle secondary sidebar"': ("title", "theme.toggleSecondary"),
    'class="bd-links bd-docs-nav" aria-label="Main"': ("aria-label", "theme.mainNavigation"),
    '<nav aria-label="Page">': ("aria-label", "theme.pageNavigation"),
}


def search_text(app: Sphinx, config) -> None:
    options = dict(config.html_theme_options or {})
    if (config.language or "en") != "en" and options.get("search_bar_text", JUPYTER_BOOK_SEARCH) == JUPYTER_BOOK_SEARCH:
        options["search_bar_text"] = strings.t("theme.searchBook")
        config.html_theme_options = options


def english(written: str, attribute: str) -> str:
    """The English value of ``attribute`` in the markup ``written`` (a key of HARD_CODED)."""
    return written.split(f'{attribute}="', 1)[1].split('"', 1)[0]


def replacement(written: str, attribute: str, key: str) -> str:
    return written.replace(f'{attribute}="{english(written, attribute)}"',
                           f'{attribute}="{html.escape(strings.t(key))}"')


def translate_pages(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html" or (app.config.language or "en") == "en":
        return
    languages = list(app.config.coursekit_languages or [])
    swaps = {written: replacement(written, *named) for written, named in HARD_CODED.items()}
    for page in built_pages(Path(app.outdir), frozenset(nested(languages, app.config.language or "en"))):
        original = page.read_text(encoding="utf-8")
        text = original
        for written, ours in swaps.items():
            text = text.replace(written, ours)
        if text != original:
            page.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", search_text, priority=800)   # after _use_language chose the strings
    app.connect("build-finished", translate_pages, priority=840)   # before the stylesheets (850) and the worker
