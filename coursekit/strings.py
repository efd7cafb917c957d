"""The one catalog of user-interface strings, shared by the Python fallbacks and every front end.

English (``strings.json``) is the source. Each other language has ``locales/<language>.json``, which keeps,
with every translation, the English it was made from: when the English changes, the translation is outdated
and the English is used until a translator reviews it (``status`` lists what is untranslated or outdated).
A Sphinx build is in one language, so the extension calls ``use`` once at config time; a kernel running a
notebook of that build starts in it through $COURSEKIT_LANGUAGE.
"""
from __future__ import annotations

import json
import os
import string
from functools import lru_cache
from pathlib import Path

from .formats import number

CATALOG = Path(__file__).parent / "strings.json"
LOCALES = Path(__file__).parent / "locales"
LANGUAGES = ("en", "ar", "fr")  # the OIC's official languages

_language = "en"  # set at the end from $COURSEKIT_LANGUAGE when that names one of LANGUAGES


def use(language: str | None) -> None:
    """Give every later string in ``language`` (None: English)."""
    global _language
    language = language or "en"
    if language not in LANGUAGES:
        raise ValueError(f"coursekit has user-interface strings in {', '.join(LANGUAGES)}, not {language!r}; "
                         "set `language` in _config.yml's sphinx config to one of them")
    _language = language


def language() -> str:
    return _language


@lru_cache(maxsize=1)
def english() -> dict[str, str]:
    return json.loads(CATALOG.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def translations(language: str) -> dict[str, dict[str, str]]:
    """``{key: {"source": English it was made from, "text": translation}}`` for one language."""
    path = LOCALES / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _current(key: str, language: str) -> bool:
    entry = translations(language).get(key)
    source = english()[key]
    return bool(entry) and entry["source"] == source and _placeholders(entry["text"]) == _placeholders(source)


def catalog(language: str | None = None) -> dict[str, str]:
    """Every string in ``language`` (default: the one in use), English where no current translation exists."""
    return _catalog(language or _language)


@lru_cache(maxsize=None)
def _catalog(language: str) -> dict[str, str]:
    if language == "en":
        return english()
    done = translations(language)
    return {k: done[k]["text"] if _current(k, language) else v for k, v in english().items()}


def status(language: str) -> dict[str, list[str]]:
    """The keys a translator still has to do: ``untranslated`` (no entry) and ``outdated`` (English changed)."""
    done = translations(language)
    return {"untranslated": [k for k in english() if k not in done],
            "outdated": [k for k in english() if k in done and not _current(k, language)]}


def section(name: str) -> dict[str, str]:
    """The strings of one front end (e.g. "quiz"), keyed without their section (``check``, not
    ``quiz.check``): each page carries them, so the prefix is bytes a phone downloads for nothing. Strings
    only Python writes (a fallback's, the timeline quiz's) live in sections of their own."""
    prefix = f"{name}."
    return {k.removeprefix(prefix): v for k, v in catalog().items() if k.startswith(prefix)}


def t(key: str, **values) -> str:
    """The string ``key`` with ``{name}`` placeholders filled in, numbers as the language in use writes them."""
    return catalog()[key].format(**{k: number(v, _language) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                                    for k, v in values.items()})


_from_environment = os.environ.get("COURSEKIT_LANGUAGE")
use(_from_environment if _from_environment in LANGUAGES else None)
