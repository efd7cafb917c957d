"""The course's Sphinx extension: widget assets per page, data-driven directives, two editions.

Enable it in ``_config.yml`` under ``sphinx.extra_extensions``. Options:
``coursekit_edition`` ("student" or "instructor"; default from $COURSEKIT_EDITION, else "student").
"""
from __future__ import annotations

import os

from sphinx.application import Sphinx

from .. import __version__
from . import assets, dependencies, downloads, editions, site, theme
from .directives import DIRECTIVES


def _offline_widgets(app: Sphinx, config) -> None:
    """No CDN: coursekit's host replaces myst-nb's default require.js + html-manager scripts."""
    config.nb_ipywidgets_js = {}


def _check_edition(app: Sphinx, config) -> None:
    if config.coursekit_edition not in ("student", "instructor"):
        raise ValueError(f"coursekit_edition must be 'student' or 'instructor', not {config.coursekit_edition!r}")


def setup(app: Sphinx) -> dict:
    app.add_config_value("coursekit_edition", os.environ.get("COURSEKIT_EDITION", "student"), "env")
    app.connect("config-inited", _offline_widgets, priority=100)
    app.connect("config-inited", _check_edition)
    app.connect("config-inited", theme.quiet_defaults)
    app.connect("html-page-context", theme.drop_thebe, priority=900)
    app.connect("doctree-resolved", theme.drop_thebe_config, priority=900)
    app.add_env_collector(assets.PageAssets)
    app.add_env_collector(dependencies.BankQueries)
    app.connect("html-page-context", assets.add_page_assets)
    app.connect("build-finished", assets.write_assets)
    app.connect("build-finished", downloads.write_downloads)
    app.connect("build-finished", editions.strip_sources)
    site.setup(app)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
