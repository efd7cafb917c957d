"""The course in another language, for the right-to-left and locale tests: ``language_site("ar")``.

The one place tests get an Arabic or French site from: the edition ./build makes beside the English
(``_build/html/ar/``, ``/fr/``; coursekit.multilingual), built with the English only when an input is newer.
"""
from __future__ import annotations

from pathlib import Path

from support.book import ROOT, current_build


def language_site(language: str) -> Path:
    """The HTML of the student edition in ``language`` ("ar", "fr")."""
    return current_build(ROOT) / language
