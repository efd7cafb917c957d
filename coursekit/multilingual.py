"""The language editions of one site: which languages, where each one lives, and the config that builds it.

The course lists its languages in ``_config.yml`` (``sphinx.config.coursekit_languages``), the source
language first. The first is built at the site root, exactly where a one-language book would be, so every
URL it had keeps working; every other language is a complete edition of its own in a folder named after
its code (``_build/html/ar/``). A page is at the same path inside each edition, which is what lets the
language switcher and the ``hreflang`` links go to "this page in Arabic" with a relative link that works
from a host, from ``file://`` and inside the offline zip.

Jupyter Book's CLI has no option for the language, and Sphinx must know it before any extension loads
(the theme's and Sphinx's own strings are chosen then). So each other edition is built from a config file
generated here: the course's ``_config.yml`` with ``sphinx.config.language`` set, written under
``_build/`` (never over a user's file) and passed with ``jupyter-book build --config``, into its own
``_build/editions/<lang>/`` (doctrees and executed notebooks apart), then copied into the site (``sync``).
``./build`` and ``support/book.py`` both do this; ``python -m coursekit.multilingual`` is their command-line
side. The root edition is built last, so that its service worker and offline zip see the whole site.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import sys
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

import yaml
from babel.messages.pofile import PoFileError, read_po

# Each language named in its own language: what a reader looks for in a switcher.
NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}
CONFIG = "_config.yml"


def course_languages(config_path: Path) -> list[str]:
    """The languages ``coursekit_languages`` in that ``_config.yml`` lists (none listed, or no such file: []).
    A config Jupyter Book cannot read either is left for the build to report."""
    try:
        data = yaml.safe_load(Path(config_path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    return listed_languages(data)


def listed_languages(data) -> list[str]:
    """The languages a ``_config.yml`` already read (``data``) lists in ``sphinx.config.coursekit_languages``."""
    sphinx = data.get("sphinx") if isinstance(data, dict) else None
    config = sphinx.get("config") if isinstance(sphinx, dict) else None
    listed = config.get("coursekit_languages") if isinstance(config, dict) else None
    return [str(code) for code in listed] if isinstance(listed, list) else []


def page_translations(root: Path, language: str, doc: str) -> dict[str, str]:
    """``{English: translation}`` of one page's catalog (``doc``: the page's path without suffix), the
    strings a translated edition shows: translated and not fuzzy, as Sphinx takes them. {} without one."""
    path = Path(root) / "locales" / language / "LC_MESSAGES" / f"{doc}.po"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read_translations(path, language, stamp)


@lru_cache(maxsize=64)
def _read_translations(path: Path, language: str, stamp: int) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError):
        return {}   # coursekit check and the release build report the catalog itself
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def prefix(language: str, languages: list[str]) -> str:
    """The folder of ``language``'s edition relative to the site root: '' for the first, else 'ar/'."""
    return "" if not languages or language == languages[0] else f"{language}/"


def nested(languages: list[str], language: str) -> list[str]:
    """The editions in folders under ``language``'s output: the other languages when it is the root one."""
    return list(languages[1:]) if languages and language == languages[0] else []


def built_pages(folder: Path, skip: Collection[str] = ()) -> list[Path]:
    """The HTML pages built in ``folder`` and under it, sorted. Not the theme's templates that Sphinx copies
    under ``_static`` (nor anything in a folder whose name starts with ``_`` or ``.``, at any depth: an
    edition inside the root one has its own ``_static``), and not the folders in ``skip`` at its top (the
    editions nested in the root one, when only the root edition's pages are wanted)."""
    pages = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not (d.startswith(("_", ".")) or (Path(here) == folder and d in skip))]
        pages += [Path(here) / name for name in files if name.endswith(".html")]
    return sorted(pages)


def edition_config(config_path: Path, language: str, target: Path, *, execute: bool = True) -> Path:
    """Write ``target``: the course's config with ``language`` set (and, without ``execute``, no notebook
    run: for the gettext builder, which reads only the Markdown). The site's address (``html.baseurl``), when
    set, becomes the edition's own folder there, so Sphinx's canonical link names the edition's page and not
    the source language's. Returns ``target``."""
    data = yaml.safe_load(Path(config_path).read_text(encoding="utf-8")) or {}
    languages = listed_languages(data)
    html = data.get("html")
    if isinstance(html, dict) and html.get("baseurl"):
        html["baseurl"] = str(html["baseurl"]).rstrip("/") + "/" + prefix(language, languages)
    sphinx = data.setdefault("sphinx", {}) or {}
    data["sphinx"] = sphinx
    config = sphinx.setdefault("config", {}) or {}
    sphinx["config"] = config
    config["language"] = language
    for key in ("title", "author"):  # the theme shows both on every page
        if isinstance(data.get(key), str) and languages and language != languages[0]:
            data[key] = translated_text(Path(config_path).parent, language, data[key])
    if not execute:
        data.setdefault("execute", {})["execute_notebooks"] = "off"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = f"# Generated by coursekit.multilingual from {config_path.name}: edit that file, not this one.\n"
    target.write_text(text + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def translated_text(root: Path, language: str, text: str) -> str:
    """The course's title (or author) in ``language``: as the root page's catalog translates it (that page
    shows the title), else as the edition's catalog of interface words (``sphinx.po``, beside the theme's
    "By" of the author line) does, else as it is. The root page is the one ``_toc.yml`` names first."""
    try:
        toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        toc = {}
    root_doc = str(toc.get("root", "")).removesuffix(".md").removesuffix(".ipynb") if isinstance(toc, dict) else ""
    found = page_translations(root, language, root_doc).get(text) if root_doc else None
    return found or page_translations(root, language, "sphinx").get(text, text)


def sync(source: Path, target: Path) -> int:
    """Make ``target`` a copy of the folder ``source``: copy new and changed files (with their dates, so a
    static host's validators stay right), delete what ``source`` no longer has. Returns the files copied.

    Why a copy: each edition is built in its own ``_build/editions/<lang>/`` (its own doctrees and executed
    notebooks, which myst-nb always puts beside the HTML folder, so the HTML folder cannot be inside the
    root edition's site), and the site is then one plain folder that any host, zip or rsync takes as it is.
    """
    copied = 0
    target.mkdir(parents=True, exist_ok=True)
    for folder, dirs, files in os.walk(source):
        here = Path(folder)
        there = target / here.relative_to(source)
        there.mkdir(exist_ok=True)
        for name in files:
            if not (there / name).is_file() or not filecmp.cmp(here / name, there / name, shallow=False):
                shutil.copy2(here / name, there / name)
                copied += 1
        for name in set(os.listdir(there)) - set(files) - set(dirs):
            path = there / name
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    return copied


def main(argv: list[str]) -> int:
    """``others`` prints the languages built in folders; ``config LANG TARGET`` writes an edition's config;
    ``sync SOURCE TARGET`` copies a built edition into the site."""
    config_path = Path(CONFIG)
    if argv[:1] == ["others"] and len(argv) == 1:
        print(" ".join(course_languages(config_path)[1:]))
        return 0
    if argv[:1] == ["config"] and len(argv) == 3:
        edition_config(config_path, argv[1], Path(argv[2]))
        return 0
    if argv[:1] == ["sync"] and len(argv) == 3:
        sync(Path(argv[1]), Path(argv[2]))
        return 0
    print("usage: python -m coursekit.multilingual others | config LANGUAGE TARGET.yml | sync SOURCE TARGET",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
