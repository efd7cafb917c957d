"""Translations of the instructor files, kept in gettext catalogs beside the pages' own.

The English YAML stays the one source. Every prose value of a file (``coursekit.schema.prose``) is a
message whose context names its file and entry (``part1/water/quiz.yml#water-iwt-signatory``), so the
same words in two questions can be translated differently and reordering choices loses nothing. The
catalogs sit where sphinx-intl keeps the pages' (``locales/<language>/LC_MESSAGES/exercises.po``), so a
translator works on one set of files with the usual tools. ``update`` refreshes the template and merges
it into each catalog with Babel, which keeps every translation and marks one whose English changed as
fuzzy (needing review); a fuzzy or missing message is shown in English.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from .kinds import KINDS
from .schema.prose import map_prose

LOCALES = "locales"
DOMAIN = "exercises"


def catalog_path(root: Path, language: str) -> Path:
    return Path(root) / LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(root: Path) -> list[str]:
    """The languages the course has an exercise catalog for."""
    folder = Path(root) / LOCALES
    return sorted(p.name for p in folder.iterdir() if catalog_path(root, p.name).is_file()) if folder.is_dir() else []


def template_path(root: Path) -> Path:
    return Path(root) / LOCALES / f"{DOMAIN}.pot"


def context(shown: str, owner: str) -> str:
    """The message context of prose in file ``shown`` (relative to exercises/) inside entry ``owner``."""
    return f"{shown}#{owner}" if owner else shown


def messages(shown: str, data: dict) -> list[tuple[str, str]]:
    """(context, English) of every prose value of one file's plain data, in file order."""
    found: list[tuple[str, str]] = []
    kind = KINDS.get(data.get("kind")) if isinstance(data, dict) else None
    if kind is not None:
        map_prose(kind.model, data, lambda text, _kind, owner: found.append((context(shown, owner), text)) or text)
    return found


def translate(shown: str, data: dict, catalog: Catalog) -> dict:
    """``data`` with every prose value that has a current (not fuzzy) translation replaced by it."""
    def lookup(text: str, _kind: str, owner: str) -> str:
        message = catalog.get(text, context=context(shown, owner))
        return message.string if message is not None and message.string and not message.fuzzy else text
    return map_prose(KINDS[data["kind"]].model, data, lookup)


def load(root: Path, language: str) -> Catalog | None:
    """The exercise catalog of ``language``, or None when there is none; ValueError says why one is unreadable."""
    path = catalog_path(root, language)
    if language == "en" or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=language, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read these translations ({exc}); fix the line it names or restore the file "
                         "from version control") from None


@dataclass(frozen=True)
class Status:
    language: str
    total: int
    translated: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    def __str__(self) -> str:
        return (f"{self.language}: {self.translated:,} of {self.total:,} exercise strings translated, "
                f"{self.fuzzy:,} to review (the English changed), {self.untranslated:,} untranslated")


def status(root: Path, language: str, wanted: list[tuple[str, str]]) -> Status:
    """How much of ``wanted`` (every current message) ``language``'s catalog covers (an unreadable one: none)."""
    try:
        catalog = load(root, language) or Catalog(locale=language)
    except ValueError:   # reported, with the file, by Bank.load
        catalog = Catalog(locale=language)
    translated = fuzzy = 0
    for ctx, text in set(wanted):
        message = catalog.get(text, context=ctx)
        if message is not None and message.string:
            fuzzy += message.fuzzy
            translated += not message.fuzzy
    return Status(language, len(set(wanted)), translated, fuzzy)


def update(root: Path, wanted: list[tuple[str, str]], languages: list[str]) -> list[Path]:
    """Write the template of ``wanted`` (context, English) and merge it into each language's catalog."""
    template = Catalog(project="exercises", fuzzy=False)
    for ctx, text in wanted:
        template.add(text, context=ctx, locations=[(f"exercises/{ctx.partition('#')[0]}", None)])
    written = [_write(template_path(root), template)]
    for language in languages:
        catalog = load(root, language) or Catalog(locale=language, project="exercises", fuzzy=False)
        catalog.update(template, update_header_comment=False)
        written.append(_write(catalog_path(root, language), catalog))
    return written


def _write(path: Path, catalog: Catalog) -> Path:
    """Write atomically: a translator's catalog is never left half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            write_po(out, catalog, width=100, sort_by_file=True, include_previous=True)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path
