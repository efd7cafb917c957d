"""The course built in another language, for the right-to-left and locale tests: ``language_site("ar")``.

The one place tests get an Arabic or French site from, so that when ./build makes the language editions
itself (``_build/html/ar/``, ``/fr/``) this function can return those instead. Until then it builds the
student edition with Sphinx's ``language`` set, through a copy of ``_config.yml`` that changes that one key
(jupyter-book's ``--config``; every relative path in it is still read from the book's root), into
``_build/languages/<language>/``. Like the English site, it is built only when an input is newer.
The catalogs under ``locales/`` apply, so the text is in the language as far as it is translated.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from support.book import ROOT, current_build
from support.once import file_lock

LANGUAGES_OUT = ROOT / "_build" / "languages"


def language_config(language: str) -> Path:
    """``_config.yml`` with ``sphinx.config.language`` set, written (only when it changes) beside its build."""
    data = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    data.setdefault("sphinx", {}).setdefault("config", {})["language"] = language
    text = "# written by support/languages.py from _config.yml\n" + yaml.safe_dump(data, allow_unicode=True,
                                                                                    sort_keys=False)
    target = LANGUAGES_OUT / language / "_config.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(target.with_name("config.lock")):
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return target


def language_site(language: str) -> Path:
    """The HTML of the student edition in ``language`` ("ar", "fr"), built here only when not current."""
    return current_build(ROOT, LANGUAGES_OUT / language, config=language_config(language))
