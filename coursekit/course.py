"""The course as configured: ``_config.yml`` and ``_toc.yml`` read once, and where its files live.

Every caller that needs the course's title, base URL, bibliography files, its sections in book order or
the page of a section asks a :class:`Course` instead of reading the configuration itself, so a setting
has one reader and ``book/<section>`` one spelling.
"""
from __future__ import annotations

import fnmatch
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

BOOK = "book"
EXERCISES = "exercises"
TIMELINE_FILE = Path(EXERCISES) / "timeline.yml"
DEFAULT_TITLE = "Course question bank"
SHORT_TITLE = 12   # characters a launcher shows under an icon before it truncates


SECTION_TITLES = "coursekit_section_titles"


def find_root(start: Path | None = None) -> Path:
    """The course root: $COURSEKIT_ROOT, else the nearest folder above ``start`` with ``exercises/``."""
    if os.environ.get("COURSEKIT_ROOT"):
        return Path(os.environ["COURSEKIT_ROOT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / EXERCISES).is_dir() and (folder / "_config.yml").is_file():
            return folder
    raise FileNotFoundError(f"no course root (a folder with _config.yml and exercises/) above {here}")


def _read(path: Path) -> dict:
    """A YAML mapping, or {} when the file is missing or unreadable (the build reports those itself)."""
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def short_title(title: str) -> str:
    """``title`` in at most 12 characters, for a home-screen label: the title itself when short; else the
    initials of its capitalised words when it has three or more ("International Cooperation and the Islamic
    Ummah": ICIU); else its first words that fit whole, a leading article of one or two letters left out
    ("La coopération internationale...": Coopération; "التعاون الدولي...": التعاون), or its first 12 characters."""
    if len(title) <= SHORT_TITLE:
        return title
    words = title.split()
    initials = "".join(word[0] for word in words if word[0].isupper())
    if len(initials) >= 3:
        return initials[:SHORT_TITLE]
    if len(words) > 1 and len(words[0]) <= 2:
        words = words[1:]
    kept = words[0][:SHORT_TITLE]
    for word in words[1:]:
        if len(kept) + 1 + len(word) > SHORT_TITLE:
            break
        kept += " " + word
    return kept[0].upper() + kept[1:]


@dataclass
class Course:
    """One course folder: its configuration, its table of contents and the places of its files."""

    root: Path
    config: dict = field(init=False, repr=False)
    toc: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.config = _read(self.root / "_config.yml")
        self.toc = _read(self.root / "_toc.yml")

    @classmethod
    def find(cls, start: Path | None = None) -> "Course":
        return cls(find_root(start))

    @property
    def title(self) -> str:
        title = self.config.get("title")
        return str(title) if title else DEFAULT_TITLE

    @property
    def short_title(self) -> str:
        return short_title(self.title)

    @property
    def base_url(self) -> str:
        """The published site's address (``html.baseurl``), '' when not set."""
        html = self.config.get("html") or {}
        return str(html.get("baseurl") or "") if isinstance(html, dict) else ""

    @property
    def bib_files(self) -> list[Path]:
        return [self.root / name for name in self.config.get("bibtex_bibfiles") or [] if isinstance(name, str)]

    @cached_property
    def pages(self) -> list[str]:
        """Every page of the table of contents under ``book/``, as ids ('part1/science'), in book order."""
        found: list[str] = []

        def walk(node) -> None:
            if isinstance(node, dict):
                entry = node.get("file") or node.get("root")
                if isinstance(entry, str) and entry.startswith(BOOK + "/"):
                    found.append(entry.removeprefix(BOOK + "/"))
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.toc)
        return found

    def sphinx_setting(self, name: str, default=None):
        """One value of ``_config.yml``'s ``sphinx.config``."""
        sphinx = self.config.get("sphinx") or {}
        config = (sphinx.get("config") or {}) if isinstance(sphinx, dict) else {}
        return config.get(name, default) if isinstance(config, dict) else default

    @cached_property
    def languages(self) -> list[str]:
        """The course's language editions, its source language first (``coursekit_languages``)."""
        from .multilingual import listed_languages   # not at import: the command line starts without babel

        return listed_languages(self.config)

    def instructor_only(self, page: str) -> bool:
        """Whether a page is in the instructor edition only (``coursekit_instructor_pages`` patterns)."""
        patterns = self.sphinx_setting("coursekit_instructor_pages") or []
        return any(fnmatch.fnmatch(self.docname(page), pattern) for pattern in patterns if isinstance(pattern, str))

    @cached_property
    def parts(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """The student edition's parts in order: (caption, [(page id, depth)]), chapters at depth 0,
        sections at 1; pages only the instructor edition has are left out, and parts left empty too.

        The book's root page (the introduction) comes first, as a part of its own with an empty caption.
        """
        found: list[tuple[str, list[tuple[str, int]]]] = []
        root = self.toc.get("root")
        if isinstance(root, str) and root.startswith(BOOK + "/"):
            found.append(("", [(root.removeprefix(BOOK + "/"), 0)]))

        def pages(nodes, depth: int) -> list[tuple[str, int]]:
            out: list[tuple[str, int]] = []
            for node in nodes if isinstance(nodes, list) else []:
                if isinstance(node, dict) and isinstance(node.get("file"), str) and node["file"].startswith(BOOK + "/"):
                    out.append((node["file"].removeprefix(BOOK + "/"), depth))
                    out += pages(node.get("sections"), depth + 1)
            return out

        for part in self.toc.get("parts") or []:
            if isinstance(part, dict):
                kept = [(page, depth) for page, depth in pages(part.get("chapters"), 0) if not self.instructor_only(page)]
                if kept:
                    found.append((str(part.get("caption") or ""), kept))
        return found

    @cached_property
    def section_pages(self) -> list[str]:
        """The student edition's section pages in book order: the pages listed under a chapter
        (``sections:`` in ``_toc.yml``), which each end with "Mark this section as read"."""
        return [page for _, pages in self.parts for page, depth in pages if depth == 1]

    def in_book_order(self, sections) -> list[str]:
        order = self.pages
        return sorted(set(sections), key=lambda s: (order.index(s) if s in order else len(order), s))

    @staticmethod
    def docname(section: str) -> str:
        """The Sphinx document name of a section's page: ``book/part1/science``."""
        return f"{BOOK}/{section}"

    @staticmethod
    def page_url(section: str) -> str:
        """The built page of a section, relative to the site root: ``book/part1/science.html``."""
        return f"{Course.docname(section)}.html"

    def page_file(self, section: str) -> Path | None:
        """The source of a section's page (a notebook or a Markdown file), None when there is none."""
        for suffix in (".ipynb", ".md"):
            path = self.root / f"{self.docname(section)}{suffix}"
            if path.exists():
                return path
        return None

    def section_title(self, section: str) -> str:
        """The first heading of the section's page, in the language coursekit is giving strings in (the
        page's catalog's translation of it, as the translated edition shows the page); for a course without
        that page (the one a downloaded notebook unpacks, coursekit.portable), the title its config lists
        (``coursekit_section_titles``); else the section id."""
        page = self.page_file(section)
        if page is None:
            listed = self.config.get(SECTION_TITLES)
            return str(listed[section]) if isinstance(listed, dict) and listed.get(section) else section
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".ipynb":
            cells = json.loads(text).get("cells", [])
            text = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")
        for line in text.splitlines():
            if line.startswith("# "):
                return self.translated(page, line[2:].strip())
        return section

    def translated(self, page: Path, text: str) -> str:
        """``text`` of ``page`` as the edition in coursekit's current language shows it."""
        from . import strings

        language = strings.language()
        if language == (self.languages[0] if self.languages else "en"):
            return text
        from .multilingual import page_translations

        doc = page.relative_to(self.root).with_suffix("").as_posix()
        return page_translations(self.root, language, doc).get(text, text)
