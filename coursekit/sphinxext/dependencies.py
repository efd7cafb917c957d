"""Pages that read the exercise bank are rebuilt when what they asked the bank for changes.

Sphinx re-reads a page when a file it depends on changes; that covers an edited exercise file (each
file a page reads is noted as a dependency) but not a new one. So each page also records the bank
queries it made, as (kind, section) with the files that answered, and before reading, every page
whose queries now have a different answer is marked outdated. myst-nb executes exactly the pages
that are re-read, which closes for this book the stale-output gap of MyST-NB issue #299.

Answering needs only each file's kind and section, kept in an index in the Sphinx environment and
re-read only for files whose size or modification time changed, so a build with no change reads none.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.environment.collectors import EnvironmentCollector

from ..bank import yaml_files
from ..course import find_root
from ..schema.errors import ExerciseError
from ..schema.yaml_source import read_yaml


def _queries(env) -> dict[str, dict[tuple[str, str], list[str]]]:
    if not hasattr(env, "coursekit_queries"):
        env.coursekit_queries = {}
    return env.coursekit_queries


def index(env) -> dict[str, tuple]:
    """Each exercise file (relative to the course root) -> ((mtime, size), kind, section)."""
    root = find_root(Path(env.srcdir))
    known = getattr(env, "coursekit_index", {})
    fresh = {}
    for path in yaml_files([root / "exercises"]):
        stat = path.stat()
        key, stamp = str(path.relative_to(root)), (stat.st_mtime_ns, stat.st_size)
        fresh[key] = known[key] if key in known and known[key][0] == stamp else (stamp, *_kind_and_section(path))
    env.coursekit_index = fresh
    return fresh


def _kind_and_section(path: Path) -> tuple:
    try:
        data = read_yaml(path).data
    except ExerciseError:
        return (None, None)  # reported by whatever reads the file for real
    return (data.get("kind"), data.get("section")) if isinstance(data, dict) else (None, None)


def answer(files: dict[str, tuple], kind: str, section: str) -> list[str]:
    """The files of ``kind`` for ``section``; "*" matches anything."""
    return sorted(name for name, (_, k, s) in files.items() if kind in ("*", k) and section in ("*", s))


def record(env, kind: str, section: str) -> None:
    """Note that the page being read asked the bank for ``kind`` files of ``section``."""
    _queries(env).setdefault(env.docname, {})[(kind, section)] = answer(index(env), kind, section)


class BankQueries(EnvironmentCollector):
    """Sphinx's collector for the bank queries each page made: kept per page, merged from parallel
    readers, and turned into outdated pages before a build reads anything."""

    def clear_doc(self, app, env, docname) -> None:
        _queries(env).pop(docname, None)

    def merge_other(self, app, env, docnames, other) -> None:
        for docname in docnames:
            if docname in _queries(other):
                _queries(env)[docname] = _queries(other)[docname]

    def process_doc(self, app, doctree) -> None:
        """Queries are recorded while the page is read (:func:`record`); nothing to add afterwards."""

    def get_outdated_docs(self, app, env, added, changed, removed) -> list[str]:
        queries = _queries(env)
        if not queries:
            return []
        files = index(env)
        return sorted(doc for doc, asked in queries.items()
                      if doc not in removed and any(answer(files, *q) != found for q, found in asked.items()))
