"""Links: every external URL in our sources is well-formed https, and every internal link in the built
book resolves to a file that exists (and, with a #fragment, to an id in that file).

Cross-references inside the book are already checked by the nitpicky build (-n -W); this catches what
Sphinx does not see: raw HTML links, links written by coursekit (widget fallbacks, the offline bundle),
theme navigation, and URLs in data files. External sites are not contacted (no network here).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pybtex.database import parse_file

from coursekit.schema.yaml_source import read_yaml
from tests.conftest import ROOT
from tests.site.helpers import html_pages

TIMELINE = ROOT / "exercises" / "timeline.yml"
BIBS = sorted((ROOT / "book" / "references").glob("*.bib"))
IN_TEXT = re.compile(r"""(?:https?|ftp)://[^\s"'<>\])}]*|\bwww\.[^\s"'<>\])}]*""", re.I)
BAD_CHARS = set('<>"{}|\\^`')


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed https URL, or None."""
    if any(ch.isspace() for ch in url):
        return "contains whitespace"
    if BAD_CHARS & set(url):
        return f"contains {''.join(sorted(BAD_CHARS & set(url)))!r}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as error:
        return f"unparsable ({error})"
    if parts.scheme != "https":
        return f"scheme is {parts.scheme or 'missing'!r}, not https"
    host = parts.hostname or ""
    if "." not in host.strip(".") or host.endswith(".") or ".." in host:
        return f"host {host!r} is not a domain name"
    if not re.fullmatch(r"[a-z0-9.-]+", host) or any(label.startswith("-") or label.endswith("-") for label in host.split(".")):
        return f"host {host!r} has characters a domain name cannot have"
    return None


def _strings(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, str(index)))
    elif isinstance(value, str):
        yield path, value


def timeline_urls() -> list[tuple[str, str]]:
    found = []
    for path, text in _strings(read_yaml(TIMELINE).data):
        where = f"timeline.yml:{'/'.join(path)}"
        if path and path[-1] == "url":
            found.append((where, text))
        else:
            found.extend((where, url) for url in IN_TEXT.findall(text))
    return found


def bib_urls() -> list[tuple[str, str]]:
    found = []
    for bib in BIBS:
        for key, entry in parse_file(str(bib), bib_format="bibtex").entries.items():
            for field, text in entry.fields.items():
                where = f"{bib.name}:{key}/{field}"
                if field.lower() == "url":
                    found.append((where, text))
                else:
                    found.extend((where, url) for url in IN_TEXT.findall(text))
    return found


@pytest.mark.parametrize("source", ["timeline", "bibliography"])
def test_every_external_url_is_well_formed_https(source):
    urls = timeline_urls() if source == "timeline" else bib_urls()
    assert len(urls) >= 50, f"too few URLs found in the {source}: is the reader broken?"
    bad = [f"{where}: {url!r}: {problem}" for where, url in urls if (problem := url_problem(url))]
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize("url, problem", [
    ("https://www.iaea.org/newscenter", None),
    ("http://www.iaea.org/", "scheme"),
    ("https://www.iaea .org/", "whitespace"),
    ("https://localhost/x", "domain"),
    ("https:/www.iaea.org", "domain"),
    ("www.iaea.org/x", "scheme"),
    ("https://www.iaea.org:99999/", "unparsable"),
    ("https://exa_mple.org/", "characters"),
])
def test_the_url_check_itself(url, problem):
    found = url_problem(url)
    assert (found is None) if problem is None else (problem in (found or "")), found


# -- internal links in the built HTML -----------------------------------------------------------------

LINKING = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src", "source": "src",
           "iframe": "src", "audio": "src", "video": "src", "track": "src", "embed": "src", "form": "action"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        target = attrs.get(LINKING.get(tag, ""))
        if target is not None:
            self.links.append(target)


def _parse(path: Path, cache: dict) -> _Page:
    if path not in cache:
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


@pytest.mark.slow  # a whole-site crawl
def test_every_internal_link_resolves(site):
    cache: dict[Path, _Page] = {}
    broken, checked = [], 0
    root = site.resolve()
    for rel in html_pages(site):
        page = (site / rel).resolve()
        for link in _parse(page, cache).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # external (checked at the source) or mailto:/data:
            checked += 1
            if link.startswith("/"):
                broken.append(f"{rel}: {link!r} is root-relative (breaks from file:// and in subfolders)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root):
                broken.append(f"{rel}: {link!r} leaves the site")
            elif not target.is_file():
                broken.append(f"{rel}: {link!r} -> missing {target.relative_to(root)}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target, cache).ids:
                broken.append(f"{rel}: {link!r} -> no id {parts.fragment!r} in {target.relative_to(root)}")
    assert checked > 500, checked
    assert broken == [], f"{len(broken)} broken internal links:\n" + "\n".join(broken[:50])
