"""Page weight on a slow phone (issue 17), measured from the built files, never timed: what a first visit
to each section page downloads (gzip, as a static host sends it) stays within the budget; the theme's CSS
and icon font are cut to what the site uses; a quiz's prompts and explanations are in the page once.

The first visit is the page, every stylesheet, script, preload and icon it links, what those stylesheets
import, and the first source of every @font-face they hold (counted whole, although a browser fetches
only the fonts a page uses). Lighthouse's own numbers are in benchmarks/lighthouse.py.
"""
from __future__ import annotations

import gzip
import json
import re
import urllib.parse
from pathlib import Path

import yaml

from tests.browser.helpers import saved_state
from tests.conftest import ROOT

BUDGET = 200 * 1024
LINKED = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#]+)"', re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
TEXT = {".html", ".css", ".js", ".svg", ".json"}


def section_pages(site: Path) -> list[str]:
    sections = yaml.safe_load((ROOT / "exercises" / "timeline.yml").read_text(encoding="utf-8"))["sections"]
    return [f"book/{s}.html" for s in sections if (site / f"book/{s}.html").exists()]


def sent(path: Path) -> int:
    """Bytes a gzip static host sends for ``path`` (support/server.py compresses text at level 6)."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in TEXT else len(data)


def css_refs(css: str) -> list[str]:
    """What a stylesheet makes a browser fetch: its imports and images, and of each @font-face only the
    first source (woff2, which every current browser takes; the .ttf after it is never fetched)."""
    faces = FONT_FACE.findall(css)
    refs = [a or b for a, b in CSS_URL.findall(FONT_FACE.sub("", css))]
    return refs + [found[0] for face in faces if (found := [a for a, _ in CSS_URL.findall(face) if a])]


def first_visit(site: Path, page: str) -> dict[str, int]:
    """Every local file a first visit to ``page`` may fetch -> bytes sent."""
    files: dict[str, int] = {}
    todo = [(site / page).resolve()]
    while todo:
        path = todo.pop()
        rel = path.relative_to(site.resolve()).as_posix()
        if rel in files or not path.is_file():
            continue
        files[rel] = sent(path)
        text = path.read_text(encoding="utf-8", errors="replace") if path.suffix in (".html", ".css") else ""
        found = LINKED.findall(text) if path.suffix == ".html" else css_refs(text)
        for ref in found:
            parts = urllib.parse.urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith("data:"):
                continue  # tests/site checks that nothing is fetched from another host
            target = (path.parent / urllib.parse.unquote(parts.path)).resolve()
            if target.suffix != ".html":
                todo.append(target)
    return files


def test_the_heaviest_section_page_fits_the_first_visit_budget(site):
    weights = {page: first_visit(site, page) for page in section_pages(site)}
    assert len(weights) >= 8
    heaviest = max(weights, key=lambda p: sum(weights[p].values()))
    total = sum(weights[heaviest].values())
    biggest = sorted(weights[heaviest].items(), key=lambda kv: -kv[1])[:6]
    assert total <= BUDGET, f"{heaviest}: {total / 1024:.0f} KB on a first visit (gzip); largest files: {biggest}"


def test_the_theme_css_and_icon_font_are_cut_to_what_the_site_uses(site):
    theme_css = site / "_static" / "styles" / "pydata-sphinx-theme.css"
    font = site / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    assert theme_css.stat().st_size < 120_000, "the theme's stylesheet was not trimmed (396 KB as shipped)"
    assert font.stat().st_size < 20_000, "the icon font was not subset (153 KB as shipped)"
    css = theme_css.read_text(encoding="utf-8")
    assert ".bd-sidebar-primary" in css and '[data-theme="dark"]' in css.replace("[data-theme=dark]", '[data-theme="dark"]')
    assert ".fa-bars:before" in css or ".fa-bars::before" in css   # the menu icon the header shows


def test_a_quiz_ships_its_prompts_and_explanations_once(site):
    page = "book/part2/iran-deal.html"
    text = (site / page).read_text(encoding="utf-8")
    quiz = next(m["state"]["quiz"] for m in saved_state(text, as_shipped=True).values() if m["state"].get("_module") == "quiz")
    for n, item in enumerate(quiz["items"]):
        assert item["prompt"] == {"$part": f"quiz.items.{n}.prompt"}, item["id"]
        assert f'data-ck-part="quiz.items.{n}.prompt"' in text
        if isinstance(item.get("explanation"), dict):
            assert f'data-ck-part="quiz.items.{n}.explanation"' in text
    states = re.findall(r'<script type="application/(?:vnd\.jupyter\.widget-state\+json|json" class="ck-state)">(.*?)</script>',
                        text, re.S)
    assert states  # in the head, or in each widget's mount
    for state in states:
        assert "ck-part" not in state and json.loads(state)


def test_the_widget_state_comes_after_the_text_above_it(site):
    """Each widget's saved state is in its own mount, not in the head: the course timeline's 138 KB of
    state came before the page's first line of text, which a phone on slow 4G had to fetch first (its
    largest contentful paint was 2.6 s). Now the article starts within the first 32 KB of the page."""
    for page in ("book/timeline.html", "book/part2/iran-deal.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "widget-state+json" not in text, page
        assert text.index("<article") < 32_000, (page, text.index("<article"))
        mounts = re.findall(r'<div class="ck-widget-mount"[^>]*><script type="application/json" class="ck-state">', text)
        assert len(mounts) == text.count('class="ck-widget-mount"') >= 2, page
