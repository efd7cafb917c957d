"""The book's bibliography, for quiz items that cite a key: one formatted, linked reference each.

The .bib files are the course's ``bibtex_bibfiles`` (:attr:`coursekit.course.Course.bib_files`) (the ones Sphinx's
bibliography uses), read with pybtex, which sphinxcontrib-bibtex already depends on.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_file
from pybtex.richtext import Text

from .course import Course


def entries(root: Path) -> dict:
    """Every entry of the book's bibliography by key (lower case, as BibTeX compares keys)."""
    files = Course(root).bib_files
    return _entries(tuple((f, f.stat().st_mtime_ns) for f in files if f.exists()))


@lru_cache(maxsize=4)
def _entries(files: tuple) -> dict:
    found = {}
    for path, _ in files:
        for key, entry in parse_file(str(path)).entries.items():
            found[key.lower()] = entry
    return found


def plain(latex: str) -> str:
    """A .bib field as readers see it: braces dropped, LaTeX quote marks and accents decoded (two
    backticks become an opening curly quote), by pybtex's own parser, as in the reference list."""
    return Text.from_latex(latex).render_as("text")


def reference_html(root: Path, key: str) -> str:
    """'Author (year). Title.' with the title linked to the entry's URL; escaped."""
    entry = entries(root)[key.lower()]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = "; ".join(plain(str(p)) for p in people) or plain(entry.fields.get("organization", ""))
    year = entry.fields.get("year", "n.d.")
    title = plain(entry.fields.get("title", key))
    linked = html.escape(title)
    if entry.fields.get("url", "").startswith("https://"):
        linked = (f'<a href="{html.escape(entry.fields["url"])}" target="_blank" rel="noopener noreferrer">'
                  f"{linked}</a>")
    return f"{html.escape(names)} ({html.escape(year)}). {linked}." if names else f"{linked} ({html.escape(year)})."
