"""Shared by the site-quality tests: the list of built pages and small browser helpers."""
from __future__ import annotations

import re
from pathlib import Path

from coursekit.multilingual import built_pages, course_languages
from tests.browser.helpers import reach_widgets
from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Wait for CSS transitions and animations to finish (the theme animates colours when the mode
# changes and focus rings when focus moves), capped so an endless animation cannot hang a test.
SETTLE = """async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const done = Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
}"""


def html_pages(site: Path, language: str | None = None) -> list[str]:
    """Every built HTML page of the root edition (or of ``language``'s, in its folder), relative to the site root.

    The other language editions (``ar/``, ``fr/``) are the same pages from the same templates: the crawls
    over every page check the root edition, and tests/editions/test_languages.py checks what differs.
    """
    folder = site / language if language else site
    others = course_languages(site_config(site))[1:] if not language else ()
    return [page.relative_to(site).as_posix() for page in built_pages(folder, others)]


def stylesheets(page: Path) -> list[str]:
    """The stylesheets ``page`` (a built HTML file) applies, in order, as paths under its edition's
    ``_static``: its one bundle expanded into the files it was made of (coursekit/sphinxext/stylesheets.py)."""
    from coursekit.sphinxext.stylesheets import HREF, LINK, PREFIX, parts_of

    html = page.read_text(encoding="utf-8")
    found = []
    for link in LINK.finditer(html, 0, html.find("</head>")):
        path = (page.parent / HREF.search(link.group(0)).group(1).split("?")[0]).resolve()
        static = next(parent for parent in path.parents if parent.name == "_static")
        parts = parts_of(path, static) if path.name.startswith(PREFIX) else [path]
        found += [part.relative_to(static).as_posix() for part in parts]
    return found


def site_config(site: Path) -> Path:
    """The _config.yml of the book a built site came from (``<book>/_build/html``, or a copy: the course's)."""
    book = site.parent.parent
    return book / "_config.yml" if (book / "_config.yml").is_file() else ROOT / "_config.yml"


REFRESH = re.compile(r"""<meta[^>]*http-equiv=["']?refresh["']?[^>]*content=["']?\d+;\s*url=([^"'>]+)""", re.I)


def redirect_target(site: Path, rel: str) -> str | None:
    """Where a meta-refresh page (the root index.html) sends the reader, relative to the site root."""
    match = REFRESH.search((site / rel).read_text(encoding="utf-8"))
    return (Path(rel).parent / match.group(1)).as_posix() if match else None


def goto(page, site: Path, base: str, rel: str) -> None:
    """Open a built page; for a redirect page, wait until its target has loaded."""
    page.goto(base + rel, wait_until="load")
    target = redirect_target(site, rel)
    if target:
        page.wait_for_url(base + target, wait_until="load")


def wait_mounted(page) -> int:
    """Reach every widget on the page as a reader does and wait until each has mounted; how many there are."""
    return reach_widgets(page)


def settle(page) -> None:
    page.evaluate(SETTLE)
