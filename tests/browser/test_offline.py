"""Offline: no page of the built book loads or references anything from another host."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.helpers import goto, wait_mounted
from tests.site.helpers import html_pages as edition_pages

EXTERNAL_ASSET = re.compile(
    r"""<(?:script|img|iframe|audio|video|source)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\brel=["']?(?:stylesheet|preload|icon|modulepreload)[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//[^>]*\brel=["']?(?:stylesheet|preload|icon|modulepreload)""",
    re.I,
)
CSS_REMOTE = re.compile(r"""(?:url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//)""", re.I)


def html_pages(site: Path) -> list[Path]:
    """Every page of every language edition."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_no_built_html_references_an_external_asset(site):
    offenders = {}
    for page in html_pages(site):
        hits = EXTERNAL_ASSET.findall(page.read_text(encoding="utf-8"))
        if hits:
            offenders[str(page.relative_to(site))] = hits[:3]
    assert offenders == {}


def test_no_stylesheet_loads_remote_fonts_or_images(site):
    offenders = [str(css.relative_to(site)) for css in site.rglob("*.css")
                 if CSS_REMOTE.search(css.read_text(encoding="utf-8", errors="replace"))]
    assert offenders == []


@pytest.mark.browser
@pytest.mark.slow  # a whole-site crawl
def test_every_page_requests_only_its_own_host_and_logs_no_error_or_warning(site, site_url, watched):
    """One crawl, two checks: nothing fetched from another host, nothing on the console (errors,
    warnings, uncaught exceptions, failed requests), with every widget mounted."""
    foreign, noisy, failed = {}, {}, {}
    watched.page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")  # not: cancelled by navigation
                    and watched.console.append(("requestfailed", f"{r.url} {r.failure}")))
    watched.page.on("response", lambda r: r.status >= 400 and watched.console.append(("http", f"{r.status} {r.url}")))
    for page in [site / rel for rel in edition_pages(site)]:   # the root edition's (the others: same templates)
        watched.requests.clear()
        watched.console.clear()
        rel = str(page.relative_to(site))
        goto(watched.page, site, site_url, rel)  # the root index.html redirects: wait for its target
        wait_mounted(watched.page)
        watched.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))")
        outside = [u for u in watched.requests if not u.startswith(site_url) and not u.startswith("data:")]
        if outside:
            foreign[rel] = outside
        if watched.problems:
            noisy[rel] = watched.problems
        broken = [text for kind, text in watched.console if kind in ("requestfailed", "http")]
        if broken:
            failed[rel] = broken
    assert foreign == {}
    assert noisy == {}
    assert failed == {}
