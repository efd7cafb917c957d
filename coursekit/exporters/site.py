"""The built student site as the content of an LMS package (Common Cartridge, SCORM).

Packages carry the pages exactly as the book publishes them: ``_build/html``, the student edition, which
never contains the instructor edition's notes or model answers (those are built into a separate site).
The exporters require that site to exist rather than building it themselves, because a build executes
every notebook and takes minutes; the error says to run ``./build``. Every page's assets are relative
(nothing loads from another host), so the site's folder layout is kept as it is inside the package, with
every language edition (``ar/``, ``fr/``) and their switcher links, and without the offline zip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..course import Course

SITE = Path("_build") / "html"
_SKIPPED = (".buildinfo", ".doctrees/", ".nojekyll")
BUNDLE = "course-offline.zip"   # the offline zip: the whole site again (each language edition links the same file)


class PackageError(Exception):
    """What stops a package from being written, as one line for the instructor."""


@dataclass
class Site:
    """The built pages of ``course`` and the files that go into a package with them."""

    course: Course
    folder: Path

    @classmethod
    def of(cls, course: Course) -> "Site":
        folder = course.root / SITE
        if not (folder / "index.html").is_file():
            raise PackageError(f"no built site at {SITE}/ (index.html missing): run ./build first, then export")
        changed = changed_since_build(course.root, folder)
        if changed is not None:
            raise PackageError(f"{changed.relative_to(course.root).as_posix()} changed after the site was last built, "
                               "so its pages would not match the package's quizzes: run ./build again, then export")
        return cls(course, folder)

    def files(self) -> list[str]:
        """Every file of the site a package carries, as paths relative to the site, sorted."""
        found = []
        for path in sorted(self.folder.rglob("*")):
            name = path.relative_to(self.folder).as_posix()
            if path.is_file() and path.name != BUNDLE and not any(name == s or name.startswith(s) for s in _SKIPPED):
                found.append(name)
        return found

    def page(self, page: str) -> str:
        """A page id's built file, relative to the site ('book/part1/science.html')."""
        return Course.page_url(page)

    def read(self, name: str) -> bytes:
        path = self.folder / name
        if not path.is_file():
            raise PackageError(f"{SITE.as_posix()}/{name} is missing (a page of _toc.yml the site was built "
                               "without): run ./build again, then export")
        return path.read_bytes()

    def title(self, page: str) -> str:
        return self.course.section_title(page)


INPUTS = ("exercises", "book", "_config.yml", "_toc.yml")   # what a build reads, under the course root


def changed_since_build(root: Path, folder: Path) -> Path | None:
    """The newest input of the course changed after its site in ``folder`` was last built, or None.
    Sphinx rewrites ``.buildinfo`` at the end of every HTML build, while pages it did not rebuild keep their
    old dates, so that file dates the build (an instructor's walk: a quiz edited after the build went into
    a SCORM package whose page still showed the old quiz, and nothing said so)."""
    built = folder / ".buildinfo"
    if not built.is_file():
        return None
    dated = [(path.stat().st_mtime, path) for path in _inputs(root)]
    newest = max(dated, default=None)
    return newest[1] if newest is not None and newest[0] > built.stat().st_mtime else None


def _inputs(root: Path):
    """Every file of INPUTS under ``root``, hidden ones (.ipynb_checkpoints, editor files) left out."""
    for name in INPUTS:
        top = root / name
        for path in [top] if top.is_file() else top.rglob("*"):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
                yield path


_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


def with_script(page_html: bytes, script: str) -> bytes:
    """The page with ``script`` (a ``<script>`` element) first in its head, before the page's own scripts."""
    match = _HEAD.search(page_html)
    if match is None:
        raise PackageError("a built page has no <head>: rebuild the site with ./build")
    return page_html[:match.end()] + script.encode("utf-8") + page_html[match.end():]


def relative(from_page: str, target: str) -> str:
    """``target`` (relative to the site) as a link from the page ``from_page`` (also relative to the site)."""
    depth = from_page.count("/")
    return "../" * depth + target
