"""The one catalog of user-interface strings, shared by the Python fallbacks and every front end."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

CATALOG = Path(__file__).parent / "strings.json"


@lru_cache(maxsize=1)
def catalog() -> dict[str, str]:
    return json.loads(CATALOG.read_text(encoding="utf-8"))


def section(*prefixes: str) -> dict[str, str]:
    """The strings whose keys start with one of ``prefixes`` (e.g. "quiz." for the quiz front end)."""
    return {k: v for k, v in catalog().items() if k.startswith(prefixes)}


def t(key: str, **values) -> str:
    """The string ``key`` with ``{name}`` placeholders filled in."""
    return catalog()[key].format(**values)
