"""Page weight on a slow phone (issue 17): the theme's CSS cut to what the site uses, its icon font cut to
the icons the site shows, its scripts out of the way of the first paint.

Measured on the heaviest section page before this: 537 KB of theme CSS (484 KB of it matching nothing)
blocked the first paint, and Font Awesome's solid font (153 KB) loaded for a dozen icons. At
build-finished, when every page is written:

- every stylesheet under ``_static/`` except coursekit's own goes through ``css_purge.purge`` with the
  words of every HTML and JavaScript file of the site, so rules for classes that scripts add stay;
- each Font Awesome webfont the trimmed CSS still names is subset (fontTools) to the code points the
  trimmed CSS still holds (``content: "\\f0c9"``, the theme's ``--pst-icon-*`` variables), so every icon
  keeps its glyph and the font shrinks to a few KB;
- what no reader's browser loads leaves the site (``drop_unloaded``): the theme's source maps (for a
  developer's tools; 3.6 MB per edition) and the comments that name them, the TrueType fallbacks of
  fonts that also come as woff2 (every browser with a service worker reads woff2; 700 KB, not subset),
  and Font Awesome's SVG script (1.5 MB), which no page names since the icon font does its work. The
  service worker precaches every file of the site, so each of these was downloaded on a first visit.

The theme and Sphinx's extensions put their scripts in the head as plain ``<script src>``, each one
stopping the parser until it has downloaded and run, so a phone shows nothing until all of them have
(``defer_scripts`` makes them ``defer``: same order, after parsing). Only ``documentation_options.js``
stays as it is, because inline scripts in the head assign to its ``DOCUMENTATION_OPTIONS`` at once; and
the search page keeps all its scripts as they are (its body runs searchtools.js, which needs doctools.js). The
search index and Sphinx's search scripts, which the theme loads on every page for a search-as-you-type
that is off, are left to the search page (``templates/layout.html``).

Sphinx copies theme files again only when they differ from the output, and some extensions write theme
files once; so the untouched original of each file is kept beside the doctrees and used again whenever
the output still holds our last trimmed copy: an incremental build that adds a class gets its rules back.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

from sphinx.application import Sphinx

from .assets import SUBDIR
from .offline import WORKER
from .css_purge import purge, words

ICON_FONTS = "vendor/fontawesome/webfonts"
THEME_SCRIPTS = "scripts"   # pydata-sphinx-theme's and sphinx-book-theme's bundles under _static
UNLOADED_SUFFIXES = (".map", ".ttf", ".js")
SOURCE_MAP_JS = re.compile(rb"\n//# sourceMappingURL=[^\n]*\s*$")
SOURCE_MAP_CSS = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
TRUETYPE_FALLBACK = re.compile(r',\s*url\([^)]*\.ttf\)\s*format\("truetype"\)')
CODEPOINT = re.compile(r"\\([ef][0-9a-fA-F]{3})(?![0-9a-fA-F])")
PRISTINE = "coursekit-pristine"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Originals:
    """The untouched copy of each output file we rewrite, kept under the doctree folder."""

    def __init__(self, root: Path):
        self.root = root
        self.manifest_path = root / "manifest.json"
        try:
            self.manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.manifest = {}

    def original(self, rel: str, current: bytes) -> bytes:
        """What ``rel`` held before we rewrote it: the saved copy while the output is still ours."""
        saved = self.root / rel
        if self.manifest.get(rel) == _digest(current) and saved.is_file():
            return saved.read_bytes()
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_bytes(current)
        return current

    def written(self, rel: str, data: bytes) -> None:
        self.manifest[rel] = _digest(data)

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.manifest_path.write_text(json.dumps(self.manifest, indent=1, sort_keys=True), encoding="utf-8")


def site_words(out: Path) -> set[str]:
    """Every word of the site's pages and scripts: the classes and ids a rule may need."""
    found: set[str] = set()
    for path in out.rglob("*"):
        if path.suffix in (".html", ".js") and path.is_file():
            found |= words(path.read_text(encoding="utf-8", errors="replace"))
    return found


def subset_font(data: bytes, codepoints: set[int]) -> bytes:
    """``data`` (woff2) with only the glyphs of ``codepoints``."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its INFO lines would fill the build log

    font = TTFont(io.BytesIO(data))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    return buffer.getvalue()


def drop_unloaded(out: Path, static: Path, originals: Originals) -> None:
    """Remove the theme's files that no page, stylesheet or script of the site names (source maps once
    their comments are gone, TrueType fallbacks once the CSS names only woff2, unused scripts)."""
    for path in sorted(static.glob(f"{THEME_SCRIPTS}/*.js")):
        rel = path.relative_to(static).as_posix()
        data = SOURCE_MAP_JS.sub(b"", originals.original(rel, path.read_bytes()))
        write_if_other(path, data)
        originals.written(rel, data)
    def candidate(path: Path) -> bool:
        rel = path.relative_to(static).as_posix()
        return (not rel.startswith(SUBDIR) and path.suffix in UNLOADED_SUFFIXES
                and (path.suffix != ".js" or rel.startswith(THEME_SCRIPTS + "/")))

    inside = {path for path in static.rglob("*") if path.is_file()}
    readers = [path for path in out.rglob("*") if path.is_file() and path.suffix in (".html", ".css", ".js")
               and path.name != WORKER and not (path.suffix == ".html" and "_static" in path.relative_to(out).parts)
               and not (path in inside and candidate(path))]   # a theme's macros under _static are no page
    named = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in readers)
    for path in sorted(inside):
        if candidate(path) and path.name not in named:
            path.unlink()


def write_if_other(path: Path, data: bytes) -> None:
    if path.read_bytes() != data:
        path.write_bytes(data)


def trim_site(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    originals = Originals(Path(app.doctreedir) / PRISTINE)
    used = site_words(out)
    trimmed_css = []
    for path in sorted(static.rglob("*.css")):
        rel = path.relative_to(static).as_posix()
        if rel.startswith(SUBDIR):
            continue
        source = originals.original(rel, path.read_bytes()).decode("utf-8")
        text = TRUETYPE_FALLBACK.sub("", SOURCE_MAP_CSS.sub("", purge(source, used)))
        trimmed_css.append(text)
        data = text.encode("utf-8")
        write_if_other(path, data)
        originals.written(rel, data)
    codepoints = {int(c, 16) for text in trimmed_css for c in CODEPOINT.findall(text)}
    drop_unloaded(out, static, originals)
    fonts = static / ICON_FONTS
    for path in sorted(fonts.glob("*.woff2")) if fonts.is_dir() else ():
        rel = path.relative_to(static).as_posix()
        data = subset_font(originals.original(rel, path.read_bytes()), codepoints)
        write_if_other(path, data)
        originals.written(rel, data)
    originals.save()


KEEP_BLOCKING = ("documentation_options.js",)


def defer_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every external script of the page that would block the parser loads ``defer`` instead."""
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files")
    if not isinstance(scripts, list) or pagename == "search":
        return  # the theme's search page runs searchtools.js in its body, which needs doctools.js at once
    for n, script in enumerate(scripts):
        name = str(getattr(script, "filename", "") or "")
        attributes = dict(getattr(script, "attributes", {}) or {})
        if (not name or "async" in attributes or "defer" in attributes or attributes.get("type") == "module"
                or name.rsplit("/", 1)[-1] in KEEP_BLOCKING):
            continue
        scripts[n] = _JavaScript(script.filename, priority=script.priority, **attributes, defer="defer")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", defer_scripts, priority=990)  # after every extension has added its own
    app.connect("build-finished", trim_site, priority=800)  # after every page and asset, before the offline zip
