"""Weak sources: citations whose URL is on a site a careful reader cannot trust.

The course promises that every fact is cited to the document at its home. Document mirrors,
encyclopedia copies, blogs and content farms creep in because they are what a search finds first,
and nothing in a build notices: the link works. So the sites are listed, with the reason for each,
in ``book/references/weak-domains.txt``, and ``coursekit check`` warns (never fails) on every
bibliography entry and timeline source that uses one, naming the file and line to fix. The same
counts feed the test that keeps weak citations under 3% of the course's citations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .course import Course
from .schema.errors import Problem
from .schema.yaml_source import YamlSource

WEAK_DOMAINS_FILE = Path("book/references/weak-domains.txt")
FIX = "cite the document at its home (treaty collection, UN documents, iaea.org, oic-oci.org, the publisher)"


@dataclass(frozen=True)
class Citation:
    """One cited URL ("" if none): a bibliography entry or one source of a timeline event."""

    path: Path
    line: int
    column: int
    url: str


def weak_domains(root: Path) -> frozenset[str]:
    """The listed domains, lower case; none if the course has no list."""
    path = Path(root) / WEAK_DOMAINS_FILE
    if not path.exists():
        return frozenset()
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def is_weak(url: str, domains: frozenset[str]) -> bool:
    """True if the URL's host is a listed domain or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def bib_citations(root: Path) -> list[Citation]:
    """Every entry of the book's .bib files, located at its url field (or its first line if none)."""
    found = []
    for path in Course(root).bib_files:
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        start = None
        for number, line in enumerate(lines, 1):
            if re.match(r"\s*@\w+\s*\{", line) and not re.match(r"\s*@(comment|string|preamble)\b", line, re.I):
                if start is not None:
                    found.append(Citation(path, start, 1, ""))
                start = number
            url = re.match(r"\s*url\s*=\s*[{\"]\s*([^}\"]*)", line, re.I)
            if url and start is not None:
                found.append(Citation(path, number, line.lower().index("url") + 1, url.group(1).strip()))
                start = None
        if start is not None:
            found.append(Citation(path, start, 1, ""))
    return found


def timeline_citations(timelines: list[tuple[Path, object]], sources: dict[Path, YamlSource]) -> list[Citation]:
    """Every source of every event in the timeline file(s), located at its url."""
    found = []
    for path, model in timelines:
        for n, event in enumerate(model.events):
            for m, source in enumerate(event.sources):
                loc = ("events", n, "sources", m, "url")
                line, column = sources[path].position(loc) if path in sources else (0, 0)
                found.append(Citation(path, line, column, str(source.url)))
    return found


def weak_source_problems(root: Path, timelines: list[tuple[Path, object]],
                         sources: dict[Path, YamlSource]) -> list[Problem]:
    """A warning for each weak citation, and one more for each event whose sources are all weak."""
    try:
        domains = weak_domains(root)
        cited = bib_citations(root) + timeline_citations(timelines, sources) if domains else []
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(Path(root) / WEAK_DOMAINS_FILE, 1, 1, f"cannot check sources for weak sites: {exc}",
                        "keep the list and the .bib files as UTF-8 text", "warning")]
    if not domains:
        return []
    problems = []
    for citation in cited:
        if is_weak(citation.url, domains):
            host = urlsplit(citation.url).hostname
            problems.append(Problem(citation.path, citation.line, citation.column,
                                    f"weak source: {host} is listed in {WEAK_DOMAINS_FILE}", FIX, "warning"))
    for path, model in timelines:
        for n, event in enumerate(model.events):
            if all(is_weak(str(s.url), domains) for s in event.sources):
                line, column = sources[path].position(("events", n, "id")) if path in sources else (0, 0)
                problems.append(Problem(path, line, column, f"event {event.id!r} rests only on weak sources",
                                        "add a source at the document's home", "warning"))
    return problems
