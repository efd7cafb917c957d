"""The Arabic font served with the site (which font, and why: ``coursekit/arabic_font.py``).

- At build-finished only the woff2 files of the package's Arabic subset, in the two weights the theme uses
  (400 and 700), are copied into ``_static/coursekit/fonts/``, with the package's SIL Open Font License next
  to them (``OFL.txt``), which the licence asks for when the font is redistributed.
- Every page carries the ``@font-face`` rules inline in its head (no extra request), with the package's own
  ``unicode-range`` of the Arabic subset minus the punctuation blocks: a page with no Arabic letter never
  downloads the font, one with an Arabic word gets it.
- The font leads the theme's font stacks; its unicode-range leaves every other letter to the system font.
- The service worker precaches every file of the build (offline.py), so the font works offline; the URLs
  are relative, so it works from file:// and from the offline zip.
A build that cannot find the package warns (an error under ./build's -W) and leaves the font out, so no
page asks for a file that is not there.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..arabic_font import FAMILY, PACKAGE, WEIGHTS, find_package, font_faces, font_file
from .assets import SUBDIR

logger = logging.getLogger(__name__)

FOLDER = "fonts"   # under _static/coursekit/
LICENCE = "OFL.txt"


def font_css(package: Path, url) -> str:
    """The @font-face rules and font stacks; ``url(name)`` is the font file ``name`` as the page links it."""
    stack = f'"{FAMILY}",var(--pst-font-family-base-system)'
    return (font_faces(package, url)
            + f":root{{--pst-font-family-base:{stack};--pst-font-family-heading:{stack}}}")


def _package(app: Sphinx) -> Path | None:
    if not hasattr(app, "_coursekit_font"):
        found = find_package(Path(app.srcdir), app.config.coursekit_arabic_font)
        # a warning (an error under -W) only for a book with an Arabic edition; any other book needs no font
        arabic = "ar" in (app.config.coursekit_languages or []) or (app.config.language or "").startswith("ar")
        if found is None:
            (logger.warning if arabic else logger.info)("the Arabic font is missing: run `npm ci` in the repository (package.json names %s), "
                           "or set coursekit_arabic_font to its folder; pages are built without it", PACKAGE,
                           type="coursekit", subtype="font", once=True)
        app._coursekit_font = found
    return app._coursekit_font


def add_font(app: Sphinx, pagename, templatename, context, doctree) -> None:
    package = _package(app)
    pathto = context.get("pathto")
    if package is None or not callable(pathto):
        return
    css = font_css(package, lambda name: pathto(f"_static/{SUBDIR}{FOLDER}/{name}", 1))
    context["metatags"] = context.get("metatags", "") + f"<style>{css}</style>\n"


def write_font(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html" or (package := _package(app)) is None:
        return
    out = Path(app.outdir) / "_static" / SUBDIR / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for source, name in [*((package / "files" / font_file(w), font_file(w)) for w in WEIGHTS),
                         (package / "LICENSE", LICENCE)]:
        target = out / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)


def setup(app: Sphinx) -> None:
    app.add_config_value("coursekit_arabic_font", "", "env")
    app.connect("html-page-context", add_font)
    app.connect("build-finished", write_font, priority=600)   # before the worker (980) lists the site's files
