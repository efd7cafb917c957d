"""The pages' translation catalogs: how much of each language is done, and refreshing them from the English.

Sphinx's gettext workflow keeps one catalog per page, ``locales/<language>/LC_MESSAGES/book/<page>.po``
(``gettext_compact`` off, so translators can share the work page by page). ``refresh`` is that workflow in
one step: Sphinx's gettext builder writes the templates of the current English (the instructor edition,
so its pages are in them too; no notebook is run, the templates come from the Markdown only), and
sphinx-intl merges them into each language's catalogs. sphinx-intl merges with Babel: no translation is
lost, one whose English changed is marked fuzzy (to review, with the old English kept as ``#|``), one whose
English is gone is kept as obsolete (``#~``). ``status`` counts what ``coursekit check`` reports (an
obsolete message counts only when it was translated: the work a translator may want to carry over).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from .multilingual import edition_config

DOMAIN = "exercises"   # the exercise files' catalog, beside the pages' (coursekit.translations)


def page_catalogs(root: Path, language: str) -> list[Path]:
    folder = Path(root) / "locales" / language / "LC_MESSAGES"
    return sorted(p for p in folder.rglob("*.po") if p != folder / f"{DOMAIN}.po") if folder.is_dir() else []


@dataclass(frozen=True)
class PageStatus:
    language: str
    total: int
    translated: int
    fuzzy: int
    obsolete: int
    unreadable: tuple[str, ...] = ()

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.obsolete and not self.unreadable

    def __str__(self) -> str:
        text = (f"{self.language}: {self.translated:,} of {self.total:,} page strings translated, {self.fuzzy:,} to "
                f"review (the English changed), {self.untranslated:,} untranslated, {self.obsolete:,} no longer "
                "in the English")
        return text + (f"; unreadable: {', '.join(self.unreadable)}" if self.unreadable else "")


def status(root: Path, language: str) -> PageStatus:
    """The counts over every page catalog of ``language`` (as of the last refresh of the catalogs)."""
    total = translated = fuzzy = obsolete = 0
    unreadable = []
    for path in page_catalogs(root, language):
        try:
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language, abort_invalid=True)
        except (PoFileError, ValueError, UnicodeDecodeError):
            unreadable.append(path.relative_to(root).as_posix())
            continue
        for message in catalog:
            if not message.id:
                continue   # the header
            total += 1
            if message.string and message.fuzzy:
                fuzzy += 1
            elif message.string:
                translated += 1
        obsolete += sum(1 for message in catalog.obsolete.values() if message.string)   # translations left over
    return PageStatus(language, total, translated, fuzzy, obsolete, tuple(unreadable))


def _tool(name: str) -> str:
    """A command of the environment coursekit runs in (the book's: jupyter-book and sphinx-intl)."""
    found = Path(sys.executable).parent / name
    if not found.exists():
        raise FileNotFoundError(f"{name} is not installed next to {sys.executable}: refreshing the page catalogs "
                                "needs the book's environment (./build makes it; coursekit[book] plus sphinx-intl)")
    return str(found)


def refresh(root: Path, languages: list[str]) -> str:
    """Rewrite every language's page catalogs from the current English; returns sphinx-intl's report."""
    root = Path(root)
    with tempfile.TemporaryDirectory(prefix="coursekit-gettext-") as scratch:
        config = edition_config(root / "_config.yml", "en", Path(scratch) / "_config.yml", execute=False)
        built = subprocess.run([_tool("jupyter-book"), "build", str(root), "--config", str(config), "--builder",
                                "custom", "--custom-builder", "gettext", "--path-output", scratch, "-q"],
                               capture_output=True, text=True, cwd=root,
                               env={**os.environ, "COURSEKIT_EDITION": "instructor"})
        if built.returncode:
            raise RuntimeError("the gettext build failed:\n" + (built.stdout + built.stderr)[-3000:])
        templates = Path(scratch) / "_build" / "gettext"
        (templates / "sphinx.pot").unlink(missing_ok=True)   # Sphinx's and the themes' words: their catalogs, and
        # locales/<language>/LC_MESSAGES/sphinx.po (by hand) for what they lack, which this never rewrites
        shutil.rmtree(templates / "_static", ignore_errors=True)
        command = [_tool("sphinx-intl"), "update", "-p", str(templates), "-d", str(root / "locales")]
        for language in languages:
            command += ["-l", language]
        merged = subprocess.run(command, capture_output=True, text=True, cwd=root)
        if merged.returncode:
            raise RuntimeError("sphinx-intl update failed:\n" + (merged.stdout + merged.stderr)[-3000:])
        return merged.stdout
