"""Re-read the reference list when the book's .bib files change, so a new .bib needs no clean build.

sphinxcontrib-bibtex re-parses the bibliography when ``bibtex_bibfiles`` changes, but a page holding a
``{bibliography}`` directive remembers the files it listed when it was last read; an unchanged page is
not re-read, so its list misses the new file and every key in it is reported missing. This collector
marks outdated every such page whose list differs from the files now configured (sphinxcontrib-bibtex
has already re-read them when the builder started).
"""
from __future__ import annotations

from sphinx.environment.collectors import EnvironmentCollector


class BibliographyFiles(EnvironmentCollector):
    def clear_doc(self, app, env, docname) -> None:
        """Nothing is kept per page."""

    def merge_other(self, app, env, docnames, other) -> None:
        """Nothing is kept per page."""

    def process_doc(self, app, doctree) -> None:
        """Nothing is read from pages."""

    def get_outdated_docs(self, app, env, added, changed, removed) -> list[str]:
        if "cite" not in env.domains:
            return []
        domain = env.get_domain("cite")
        configured = list(domain.bibdata.bibfiles)
        return sorted({key.docname for key, bibliography in domain.bibliographies.items()
                       if bibliography.bibfiles != configured} - set(removed))
