"""Pages that read the exercise bank are rebuilt when what they asked the bank for changes.

Sphinx re-reads a page when a file it depends on changes; that covers an edited exercise file (each
file a page reads is noted as a dependency) but not a new one. So each page also records the bank
queries it made, as (kind, section) with the files that answered, and before reading, every page
whose queries now have a different answer is marked outdated. myst-nb executes exactly the pages
that are re-read, which closes for this book the stale-output gap of MyST-NB issue #299.
"""
from __future__ import annotations

from pathlib import Path

from ..bank import Bank, find_root


def _queries(env) -> dict[str, dict[tuple[str, str], list[str]]]:
    if not hasattr(env, "coursekit_queries"):
        env.coursekit_queries = {}
    return env.coursekit_queries


def answer(bank: Bank, kind: str, section: str) -> list[str]:
    """The files (relative to the course root) of ``kind`` for ``section``; "*" matches anything."""
    return sorted(
        str(path.relative_to(bank.root)) for path, model in bank.files.items()
        if kind in ("*", getattr(model, "kind", None)) and section in ("*", getattr(model, "section", None))
    )


def record(env, kind: str, section: str) -> None:
    """Note that the page being read asked the bank for ``kind`` files of ``section``."""
    bank = Bank.load(find_root(Path(env.srcdir)))
    _queries(env).setdefault(env.docname, {})[(kind, section)] = answer(bank, kind, section)


def outdated(app, env, added, changed, removed) -> list[str]:
    queries = _queries(env)
    if not queries:
        return []
    bank = Bank.load(find_root(Path(env.srcdir)))
    return sorted(doc for doc, asked in queries.items()
                  if doc not in removed and any(answer(bank, *q) != files for q, files in asked.items()))


def purge(app, env, docname) -> None:
    _queries(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    for docname in docnames:
        if docname in _queries(other):
            _queries(env)[docname] = _queries(other)[docname]
