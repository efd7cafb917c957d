"""Offline after one visit, and installable: the service worker and the app manifest of the built site.

- ``sw.js`` at the site root is ``static/sw.js`` with the list of every file the site serves and the
  build's version filled in. The list is made at build-finished from the output folder itself, so it is
  exactly what was written (pages, assets, notebooks, search index), minus the offline zip (the whole site
  again) and dotfiles. The version hashes every name and content: any change to the site is a new worker,
  which the browser installs whole and which then deletes the old build's cache (see ``static/sw.js``).
- ``manifest.webmanifest`` names the course (its title from :class:`coursekit.course.Course`), where it
  starts, shows it standalone, and lists icons drawn at build (``icons.py``), so a
  phone can install it to its home screen. Every page links it and carries the theme's background as
  ``theme-color``, the light one with both in data attributes: ``static/offline.js``, on every page
  (``site.EVERY_PAGE``), registers the worker and switches the colour with the theme's own light/dark
  mode (the reader's choice, which a ``media`` query on the tag could not follow; the Nu checker this
  project validates with does not know that attribute on ``<meta>`` either).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx

from ..course import Course, find_root, short_title
from ..formats import direction
from ..multilingual import nested
from .assets import STATIC, SUBDIR
from .icons import icon_png
from .minify import javascript
from .site import BUNDLE

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
THEME_COLOURS = {"light": "#ffffff", "dark": "#14181e"}   # pydata-sphinx-theme's page background in each mode
ICONS = ((192, "any"), (512, "any"), (512, "maskable"))


def icon_name(size: int, purpose: str) -> str:
    return f"icon-{'maskable-' if purpose == 'maskable' else ''}{size}.png"


def precache_files(root: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every file of the site under ``root`` the worker keeps, as URLs relative to the root, sorted; the
    top-level folders in ``skip`` (other editions, with workers of their own) are left out."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (folder == str(root) and d in skip)]
        for name in files:
            if name.startswith(".") or name == WORKER or name.startswith(BUNDLE):   # not the zip (the site again)
                continue
            found.append((Path(folder) / name).relative_to(root).as_posix())
    return sorted(found)


def build_version(root: Path, files: list[str]) -> str:
    """A hash of the names and contents of ``files``: equal for equal sites, new for any change."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256((root / name).read_bytes()).digest())
    return digest.hexdigest()[:20]


def worker_source(files: list[str], version: str) -> str:
    """The text of sw.js for a site of ``files`` at ``version`` (names as URLs: a space or ``#`` escaped)."""
    template = javascript((STATIC / WORKER).read_text(encoding="utf-8"))
    urls = json.dumps([quote(name) for name in files], ensure_ascii=False)
    return template.replace("__VERSION__", version).replace("__FILES__", urls)


def write_worker(root: Path, skip: frozenset[str] = frozenset()) -> str:
    """Write ``root``/sw.js for the site as it now is (without the folders in ``skip``); return its version."""
    files = precache_files(root, skip)
    version = build_version(root, files)
    _write_bytes(root / WORKER, worker_source(files, version).encode("utf-8"))
    return version


def manifest(title: str, start_url: str, language: str) -> dict:
    """The web app manifest of an edition titled ``title`` in ``language`` (URLs relative to the manifest,
    at the edition's root): a phone installs the Arabic edition under its Arabic name, right to left."""
    icons = [{"src": f"_static/{SUBDIR}{icon_name(size, purpose)}", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": purpose} for size, purpose in ICONS]
    return {"name": title, "short_name": short_title(title), "lang": language, "dir": direction(language),
            "start_url": start_url, "scope": "./", "id": "./", "display": "standalone",
            "theme_color": THEME_COLOURS["light"], "background_color": THEME_COLOURS["light"], "icons": icons}


def write_manifest(app: Sphinx, exception) -> None:
    """The manifest and its icons; written before the worker, which lists them."""
    if exception or app.builder.format != "html":
        return
    root = Path(app.outdir)
    title = app.config.html_title or Course(find_root(Path(app.srcdir))).title  # the edition's, translated
    data = manifest(title, app.builder.get_target_uri(app.config.root_doc), app.config.language or "en")
    _write_bytes(root / MANIFEST, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    icons = root / "_static" / SUBDIR
    icons.mkdir(parents=True, exist_ok=True)
    for size, purpose in ICONS:
        _write_bytes(icons / icon_name(size, purpose), icon_png(size, purpose == "maskable"))


def write_service_worker(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    languages = list(app.config.coursekit_languages or [])
    write_worker(Path(app.outdir), frozenset(nested(languages, app.config.language or "en")))


def head_tags(pathto) -> str:
    """The <head> lines of a page whose ``pathto(name, 1)`` gives the URL of a file at the site root."""
    lines = [f'<link rel="manifest" href="{pathto(MANIFEST, 1)}">',
             f'<link rel="apple-touch-icon" href="{pathto("_static/" + SUBDIR + icon_name(192, "any"), 1)}">']
    colours = " ".join(f'data-{mode}="{colour}"' for mode, colour in THEME_COLOURS.items())
    lines.append(f'<meta name="theme-color" content="{THEME_COLOURS["light"]}" {colours}>')
    return "\n".join(lines) + "\n"


def add_head_tags(app: Sphinx, pagename, templatename, context, doctree) -> None:
    pathto = context.get("pathto")
    if callable(pathto):
        context["metatags"] = context.get("metatags", "") + head_tags(pathto)


def _write_bytes(path: Path, data: bytes) -> None:
    """Write only a change, so an unchanged file keeps its date (and a static host's cache stays valid)."""
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_head_tags)
    app.connect("build-finished", write_manifest, priority=970)
    app.connect("build-finished", write_service_worker, priority=980)   # after every other file, before the zip (990)
