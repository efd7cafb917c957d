"""The bibliography style ``coursekit``: pybtex's ``plain`` without changing the case of titles.

pybtex's ``plain`` (and ``unsrt``) style runs every article and web-page title through
``capitalize()``, the BibTeX convention of sentence case that assumes the .bib file braces every
capital that must stay. The course's .bib files hold titles exactly as their sources print them
("U.S., Saudi Arabia Announce Nuclear Cooperation", "IAEA Resolution to report Iran..."), so sentence
case turned them into "U.s., saudi arabia announce..." in the reference list and in the citation
tooltips. Keeping the case the source used is right for every entry, so the style does that instead
of asking authors to brace each capital in 300 entries.

In the Arabic and French editions an entry whose source publishes the same document in that language
links that version too, after its URL: a UN official document (every one is issued in the six official
languages under one symbol, ``https://undocs.org/<language>/<symbol>``) and a static page of the OIC's own
site (trilingual, ``lan=en`` / ``lan=ar`` / ``lan=fr``; its news items are not: each language has its own). The reference keeps its original title, as cited.

Registered as a pybtex formatting plugin by :func:`setup`; ``_config.yml`` selects it with
``bibtex_default_style: coursekit`` (the reference list and the tooltips use it).
"""
from __future__ import annotations

import re

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, href, join, sentence, words

from .. import strings

NAME = "coursekit"
UN_DOCUMENT = re.compile(r"^https?://(?:www\.)?undocs\.org/(?!(?:ar|zh|en|fr|ru|es)/)(\S+)$")
# the site's static pages only (page/?p_id=...): a news item (topic/?t_id=...) has its own id per language
OIC_PAGE = re.compile(r"^(https?://(?:www\.)?oic-oci\.org/page/[^#]*[?&]lan=)en\b")
LANGUAGE_VERSIONS = ("ar", "fr")  # the other official languages of the OIC, and of the UN


def language_version(url: str, language: str) -> str | None:
    """The address of the document at ``url`` in ``language``, when its publisher has one there, else None."""
    if language not in LANGUAGE_VERSIONS:
        return None
    if match := UN_DOCUMENT.match(url):
        return f"https://undocs.org/{language}/{match.group(1)}"
    if OIC_PAGE.match(url):
        return OIC_PAGE.sub(lambda m: m.group(1) + language, url, count=1)
    return None


class Style(PlainStyle):
    """``plain``, with titles in the capitalisation of the .bib file."""

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_url(self, e):
        version = language_version(e.fields.get("url", ""), strings.language())
        plain = super().format_url(e)
        return words[plain, join["(", href(version)[strings.t("bib.languageVersion")], ")"]] if version else plain


def setup(app) -> None:
    register_plugin("pybtex.style.formatting", NAME, Style)
