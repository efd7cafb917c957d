"""The language switcher in every page's header, and the page's ``hreflang`` alternates in its head.

A site of several editions (``coursekit_languages``, see :mod:`coursekit.multilingual`) has each page at
the same path in every edition, the first language at the root and the others in their own folders. So
"this page in French" is a relative link: up to the site root, into the other edition's folder, down the
page's own path. Relative links work on a host at any path, from ``file://`` and inside the offline zip,
and they need no script: the switcher is a ``<details>`` disclosure (a native button for keyboard, touch
and screen readers) holding plain links, each named in its own language with ``lang`` and ``hreflang``;
the current one is marked ``aria-current`` and with a visible tick, not by colour. A book with one
language (the default) gets neither.

The head's ``<link rel="alternate" hreflang>`` is for search engines, which take only fully-qualified
URLs there (a relative one is an error to them and to Lighthouse's SEO audit). So those are written only
when the site's address is known (``html.baseurl``), as that address plus the edition's folder and the
page's path; without it the switcher's own ``hreflang`` links are the page's counterparts.
"""
from __future__ import annotations

import html
from sphinx.application import Sphinx

from .. import strings
from ..multilingual import NAMES, prefix

TEMPLATE = "coursekit-languages.html"
RTL = {"ar"}



def editions(app: Sphinx) -> list[str]:
    """The site's languages when this build is one of its editions, else []."""
    languages = list(app.config.coursekit_languages or [])
    return languages if len(languages) > 1 and (app.config.language or "en") in languages else []


def page_urls(languages: list[str], current: str, page_uri: str) -> dict[str, str]:
    """``{language: relative URL of the page in that edition}`` from ``page_uri`` (relative to its edition)."""
    to_site = "../" * page_uri.count("/") + ("../" if prefix(current, languages) else "")
    return {language: to_site + prefix(language, languages) + page_uri for language in languages}


def switcher_html(languages: list[str], current: str, urls: dict[str, str]) -> str:
    label = html.escape(strings.catalog(current if current in strings.LANGUAGES else "en")["site.language"])
    items = []
    for language in languages:
        direction = ' dir="rtl"' if language in RTL else ""
        mark = ' aria-current="true"' if language == current else ""
        tick = '<span class="ck-languages__tick" aria-hidden="true">✓</span>' if language == current else ""
        items.append(f'<li><a class="ck-languages__option" href="{html.escape(urls[language])}" lang="{language}" '
                     f'hreflang="{language}"{direction}{mark}>{tick}{html.escape(NAMES.get(language, language))}</a></li>')
    return (f'<details class="ck-languages"><summary class="btn ck-languages__button">'
            f'<span class="ck-visually-hidden">{label}: </span>'
            f'<span lang="{current}">{html.escape(NAMES.get(current, current))}</span></summary>'
            f'<ul class="ck-languages__list">{"".join(items)}</ul></details>')


def site_root(base_url: str, current: str, languages: list[str]) -> str:
    """The whole site's address from an edition's ``html.baseurl`` (which ends in the edition's folder,
    see :func:`coursekit.multilingual.edition_config`); '' when the address is not known."""
    if not base_url:
        return ""
    return (base_url.rstrip("/") + "/").removesuffix(prefix(current, languages))


def alternate_links(languages: list[str], page_uri: str, root: str) -> str:
    """The head's ``<link rel="alternate">`` for every edition, and x-default for the first (the source):
    absolute URLs under the site's address ``root``; nothing when that address is not known."""
    if not root:
        return ""
    urls = {language: root + prefix(language, languages) + page_uri for language in languages}
    lines = [f'<link rel="alternate" hreflang="{language}" href="{html.escape(urls[language])}">' for language in languages]
    lines.append(f'<link rel="alternate" hreflang="x-default" href="{html.escape(urls[languages[0]])}">')
    return "\n".join(lines) + "\n"


def add_switcher(app: Sphinx, pagename, templatename, context, doctree) -> None:
    languages = editions(app)
    if not languages:
        return
    current = app.config.language or "en"
    page_uri = app.builder.get_target_uri(pagename)
    context["coursekit_languages_html"] = switcher_html(languages, current, page_urls(languages, current, page_uri))
    root = site_root(app.config.html_baseurl or "", current, languages)
    context["metatags"] = context.get("metatags", "") + alternate_links(languages, page_uri, root)


def add_to_header(app: Sphinx, config) -> None:
    """Put the switcher's template in the article header, before the theme's buttons: they keep their
    places at the end of the row (and their menus, such as the download one, open where they did)."""
    if len(config.coursekit_languages or []) < 2:
        return
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [end] if isinstance(end, str) else list(end)
    if TEMPLATE not in end:
        options["article_header_end"] = [TEMPLATE, *end]
    config.html_theme_options = options


def setup(app: Sphinx) -> None:
    app.add_config_value("coursekit_languages", [], "html")
    app.connect("config-inited", add_to_header)
    app.connect("html-page-context", add_switcher)
