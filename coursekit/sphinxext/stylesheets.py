"""One stylesheet per page (issue 17): every ``<link rel="stylesheet">`` of a page joined into one file.

A section page named sixteen stylesheets (Sphinx's, the theme's, four extensions', coursekit's), every one
of them blocking the first paint, and a phone on a slow connection fetches them six at a time, a round trip
each batch. Measured with Lighthouse's mobile preset on the Iran page: first contentful paint 2.2 s with
the sixteen, 1.3 s with one file of the same rules. At build-finished, once every page and stylesheet is
final (after the theme's CSS is trimmed, before the service worker and the zip list the site's files),
each page's stylesheets, in their order, become one file ``_static/coursekit/styles-<digest>.css`` (the
cascade is the same: the same rules in the same order), its relative ``url()`` references rewritten for
its own folder; pages with the same list share the file, and the digest of its content names it, so a
browser's cache never holds a stale one.

Why by hand: Sphinx has no bundling of its own, and the theme writes two of the links in its template,
out of ``css_files``' reach. Each bundle starts with the list of its parts, so a page an incremental build
did not write again is bundled again from the current parts; bundles no page names any more are removed.
The parts stay in the site (another edition, a handout or an export may name them).
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx

from ..multilingual import built_pages, nested
from .assets import SUBDIR

PREFIX = "styles-"
HEADER = "/* coursekit stylesheet bundle: "
LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
HREF = re.compile(r'\bhref="([^"]+)"')
URL = re.compile(r"""url\(\s*(["']?)([^)"']+)\1\s*\)""")
CHARSET = re.compile(r'@charset\s+"[^"]*";\s*', re.I)
# pydata-sphinx-theme gives its light palette to ``html:not([data-theme])``, a page its script has not yet
# given a mode. The page's <html> says data-theme="auto" (theme.py's default_mode) until the theme's deferred
# script resolves it to light or dark, and a reader without JavaScript keeps "auto": no palette matched at
# all, and the sticky header was see-through over the text. The bundle gives "auto" (or no mode) that palette.
NO_MODE = "html:not([data-theme])"
UNRESOLVED = "html:not([data-theme=light]):not([data-theme=dark])"


def local_file(page: Path, href: str, out: Path) -> Path | None:
    """The site file a page's stylesheet link names, or None (another host, or no such file)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/", href, re.I) or "{{" in href:
        return None
    path = (page.parent / href.split("?", 1)[0].split("#", 1)[0]).resolve()
    return path if path.is_file() and out in path.parents else None


def relocated(css: str, source: Path, target_dir: Path) -> str:
    """``css`` of the file ``source`` with its relative ``url()`` references valid from ``target_dir``, and
    the theme's palette for a page without a mode given to a page whose mode is not yet resolved."""
    def fix(match: re.Match) -> str:
        quote, url = match.groups()
        if re.match(r"^(data:|[a-z][a-z0-9+.-]*:|/|#)", url, re.I):
            return match.group(0)
        path, _, rest = url.partition("?")
        moved = posixpath.relpath((source.parent / path).resolve().as_posix(), target_dir.resolve().as_posix())
        return f"url({quote}{moved}{'?' + rest if rest else ''}{quote})"
    return URL.sub(fix, CHARSET.sub("", css)).replace(NO_MODE, UNRESOLVED)


def bundle_text(parts: list[Path], static: Path, target_dir: Path) -> str:
    names = " ".join(part.relative_to(static).as_posix() for part in parts)
    body = "\n".join(relocated(part.read_text(encoding="utf-8"), part, target_dir) for part in parts)
    return f'@charset "UTF-8";\n{HEADER}{names} */\n{body}'


def parts_of(bundle: Path, static: Path) -> list[Path]:
    """The stylesheets a bundle this module wrote was made of (read from its header)."""
    for line in bundle.read_text(encoding="utf-8").splitlines()[:2]:
        if line.startswith(HEADER):
            return [static / name for name in line[len(HEADER):].removesuffix(" */").split()]
    return []


def bundle_pages(out: Path, skip: frozenset[str] = frozenset()) -> int:
    """Give every page of the edition under ``out`` one stylesheet; returns the number of bundles."""
    out = out.resolve()
    static = out / "_static"
    folder = static / SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[tuple, str] = {}
    for page in built_pages(out, skip):
        html = page.read_text(encoding="utf-8")
        head_end = html.find("</head>")
        links = [m for m in LINK.finditer(html, 0, max(head_end, 0)) if HREF.search(m.group(0))]
        files = [local_file(page, HREF.search(m.group(0)).group(1), out) for m in links]
        if not links or None in files:
            continue   # no stylesheet, or one from elsewhere: left as it is
        if len(files) == 1 and files[0].parent == folder and files[0].name.startswith(PREFIX):
            files = parts_of(files[0], static)   # bundled by an earlier build: again, from its current parts
            if not files or not all(part.is_file() for part in files):
                continue
        key = tuple(files)
        if key not in written:
            text = bundle_text(files, static, folder)
            name = f"{PREFIX}{hashlib.sha256(text.encode()).hexdigest()[:12]}.css"
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text:
                (folder / name).write_text(text, encoding="utf-8")
            written[key] = name
        href = posixpath.relpath((folder / written[key]).as_posix(), page.parent.as_posix())
        bundled = {link.group(0) for link in links}
        first = links[0]
        rest = LINK.sub(lambda m: "" if m.group(0) in bundled else m.group(0), html[first.end():head_end])
        text = f'{html[:first.start()]}<link rel="stylesheet" href="{href}" />\n{rest}{html[head_end:]}'
        if text != html:
            page.write_text(text, encoding="utf-8")
    for stale in folder.glob(f"{PREFIX}*.css"):
        if stale.name not in written.values():
            stale.unlink()
    return len(written)


def write_bundles(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    languages = list(app.config.coursekit_languages or [])
    bundle_pages(Path(app.outdir), frozenset(nested(languages, app.config.language or "en")))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_bundles, priority=850)  # after the theme's CSS is trimmed (800),
    # before the manifest and service worker (970, 980) and the zip (990) list the site's files
