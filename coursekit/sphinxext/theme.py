"""Quiet, offline theme defaults: the fixes for console noise measured in DESIGN.md.

- pydata-sphinx-theme logs "Got invalid theme mode" when the template variable ``default_mode`` (set
  through ``html_context``) is empty: default to "auto".
- sphinx-thebe declares ``THEBE_JS_URL`` twice and points at a CDN even with launch buttons off,
  and appends a ``text/x-thebe-config`` block naming a Binder repository to every page: unless thebe
  is switched on, drop its scripts, its stylesheet and that block (with its ``kernelName`` script).
- Browsers ask for /favicon.ico when a page names none: name one.
- pydata-sphinx-theme loads fontawesome.js (1.5 MB, deferred) only to swap <i> icons for SVG; its
  stylesheet already has Font Awesome's webfont rules, so ``templates/static/webpack-macros.html``
  drops that script and the icons render from the theme's 156 KB woff2 instead. Measured: it was
  two thirds of a section page's weight, and its long parse delayed the first frame showing a quiz.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

FAVICON = Path(__file__).parent.parent / "static" / "favicon.svg"
TEMPLATES = Path(__file__).parent / "templates"


def quiet_defaults(app: Sphinx, config) -> None:
    context = dict(config.html_context or {})
    context["default_mode"] = context.get("default_mode") or "auto"
    config.html_context = context
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def thebe_enabled(app: Sphinx) -> bool:
    launch = (app.config.html_theme_options or {}).get("launch_buttons", {})
    return bool(launch.get("thebe"))


def drop_thebe(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if thebe_enabled(app):
        return
    scripts = context.get("script_files", [])
    context["script_files"] = [
        s for s in scripts
        if "sphinx-thebe" not in str(getattr(s, "filename", s) or "")
        and "THEBE_JS_URL" not in str(getattr(s, "attributes", {}).get("body", ""))
    ]
    # its stylesheet styles thebe's cells and buttons only: one render-blocking request less per page
    context["css_files"] = [c for c in context.get("css_files", [])
                            if "sphinx-thebe" not in str(getattr(c, "filename", c) or "")]


def drop_thebe_config(app: Sphinx, doctree, docname) -> None:
    """Remove the raw thebe configuration sphinx-thebe appends to every doctree while thebe is off."""
    if thebe_enabled(app):
        return
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if node.parent is doctree and ("text/x-thebe-config" in text or text.strip().startswith("<script>kernelName")):
            doctree.remove(node)
