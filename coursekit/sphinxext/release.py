"""A release build of a translated edition refuses to publish English where a translation should be.

Sphinx shows the English of every message its catalog lacks, or has only as fuzzy (a translation whose
English has changed since): right while translators work, wrong in a published Arabic or French edition.
While it reads a page, Sphinx marks each translatable node ``translated`` or not; this collector keeps,
per page, how many were not and the first few of them (kept in the environment, so a release build after
an ordinary one knows the pages it did not read again: a page is re-read whenever its catalog changes).
With ``coursekit_release`` (``./build --release``, or ``COURSEKIT_RELEASE=1``) a translated edition stops
before writing, listing each page's untranslated or outdated strings and the exercise files' ones
(:func:`coursekit.translations.status`); an ordinary build only counts them. The source edition has
nothing to check.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.nodes import extract_messages

SHOWN = 3   # untranslated messages quoted per page


def release_from_environment() -> bool:
    return os.environ.get("COURSEKIT_RELEASE", "").lower() in ("1", "true", "yes")


def translated_edition(config) -> bool:
    languages = list(config.coursekit_languages or [])
    source = languages[0] if languages else "en"
    return bool(config.language) and config.language != source


def untranslated(doctree: nodes.document) -> list[str]:
    """The text of every node Sphinx left in English on this page (no current translation); for a page
    with no catalog at all (Sphinx then marks nothing), every message it has."""
    marked = [node for node in doctree.findall(nodes.Element) if "translated" in node]
    if marked:
        return [" ".join(node.astext().split()) for node in marked if not node["translated"]]
    return [" ".join(message.split()) for _node, message in extract_messages(doctree)]


class Untranslated(EnvironmentCollector):
    """``env.coursekit_untranslated``: {docname: [untranslated texts]} of the pages of a translated edition."""

    def clear_doc(self, app, env, docname) -> None:
        getattr(env, "coursekit_untranslated", {}).pop(docname, None)

    def merge_other(self, app, env, docnames, other) -> None:
        mine = env.__dict__.setdefault("coursekit_untranslated", {})
        theirs = getattr(other, "coursekit_untranslated", {})
        mine.update({doc: theirs[doc] for doc in docnames if doc in theirs})

    def process_doc(self, app, doctree) -> None:
        if translated_edition(app.config):
            app.env.__dict__.setdefault("coursekit_untranslated", {})[app.env.docname] = untranslated(doctree)


def report(pages: dict[str, list[str]], exercises, language: str) -> list[str]:
    """The lines a refused release prints (empty when everything is translated)."""
    lines = []
    for doc in sorted(d for d, texts in pages.items() if texts):
        texts = pages[doc]
        quoted = "; ".join(f'"{text[:60]}{"…" if len(text) > 60 else ""}"' for text in texts[:SHOWN])
        lines.append(f"locales/{language}/LC_MESSAGES/{doc}.po: {len(texts)} string(s) untranslated or outdated "
                     f"(fuzzy), e.g. {quoted}")
    if exercises is not None and (exercises.untranslated or exercises.fuzzy):
        lines.append(f"locales/{language}/LC_MESSAGES/exercises.po: {exercises.untranslated} string(s) untranslated, "
                     f"{exercises.fuzzy} outdated (fuzzy)")
    if lines:
        lines.append(f"coursekit: the {language} release build stopped: translate or review these strings (a PO "
                     "editor such as Poedit opens the files; `coursekit check` counts them), or build without --release")
    return lines


def check_release(app, env) -> None:
    """env-updated: in a release build of a translated edition, stop on any untranslated or outdated string."""
    if not app.config.coursekit_release or not translated_edition(app.config):
        return
    from .. import translations
    from ..bank import Bank
    from ..course import find_root

    exercises = None
    try:
        root = find_root(Path(app.srcdir))
    except FileNotFoundError:
        root = None
    if root is not None:
        exercises = translations.status(root, app.config.language, Bank.load(root, language="en").messages())
    lines = report(getattr(env, "coursekit_untranslated", {}), exercises, app.config.language)
    if lines:
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(1)


def setup(app) -> None:
    app.add_config_value("coursekit_release", release_from_environment(), "")   # no re-read: pages keep their counts
    app.add_env_collector(Untranslated)
    app.connect("env-updated", check_release)
