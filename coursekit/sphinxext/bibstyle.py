"""The bibliography style ``coursekit``: pybtex's ``plain`` without changing the case of titles.

pybtex's ``plain`` (and ``unsrt``) style runs every article and web-page title through
``capitalize()``, the BibTeX convention of sentence case that assumes the .bib file braces every
capital that must stay. The course's .bib files hold titles exactly as their sources print them
("U.S., Saudi Arabia Announce Nuclear Cooperation", "IAEA Resolution to report Iran..."), so sentence
case turned them into "U.s., saudi arabia announce..." in the reference list and in the citation
tooltips. Keeping the case the source used is right for every entry, so the style does that instead
of asking authors to brace each capital in 300 entries.

Registered as a pybtex formatting plugin by :func:`setup`; ``_config.yml`` selects it with
``bibtex_default_style: coursekit`` (the reference list and the tooltips use it).
"""
from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence

NAME = "coursekit"


class Style(PlainStyle):
    """``plain``, with titles in the capitalisation of the .bib file."""

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def setup(app) -> None:
    register_plugin("pybtex.style.formatting", NAME, Style)
