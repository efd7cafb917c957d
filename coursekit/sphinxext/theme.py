"""Quiet, offline theme defaults: the fixes for console noise measured in DESIGN.md.

- pydata-sphinx-theme logs "Got invalid theme mode" when the template variable ``default_mode`` (set
  through ``html_context``) is empty: default to "auto".
- sphinx-thebe declares ``THEBE_JS_URL`` twice and points at a CDN even with launch buttons off:
  drop its scripts unless thebe is switched on.
- Browsers ask for /favicon.ico when a page names none: name one.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

FAVICON = Path(__file__).parent.parent / "static" / "favicon.svg"


def quiet_defaults(app: Sphinx, config) -> None:
    context = dict(config.html_context or {})
    context["default_mode"] = context.get("default_mode") or "auto"
    config.html_context = context
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


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
