"""The course's Sphinx extension: widget assets per page, data-driven directives, two editions.

Enable it in ``_config.yml`` under ``sphinx.extra_extensions``. Options:
``coursekit_edition`` ("student" or "instructor"; default from $COURSEKIT_EDITION, else "student");
``coursekit_instructor_pages`` (docname patterns of pages only the instructor edition has).
"""
from __future__ import annotations

import os

from sphinx.application import Sphinx

from .. import __version__
from . import (assets, bibfiles, bibstyle, dependencies, description, downloads, editions, kernels, preflight, search,
               section_quizzes, site, theme, tips, weight)
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
    app.add_config_value("coursekit_instructor_pages", [], "env")
    app.connect("config-inited", _check_edition)
    app.connect("config-inited", editions.drop_instructor_pages, priority=950)  # after sphinx-external-toc's 900
    app.connect("config-inited", theme.quiet_defaults)
    app.connect("builder-inited", preflight.check_bank)
    app.connect("source-read", section_quizzes.add_quiz_cell)
    app.connect("config-inited", kernels.encrypt_kernel_connections)
    app.connect("html-page-context", theme.drop_thebe, priority=900)
    app.connect("doctree-resolved", theme.drop_thebe_config, priority=900)
    app.add_env_collector(assets.PageAssets)
    app.add_env_collector(dependencies.BankQueries)
    app.add_env_collector(bibfiles.BibliographyFiles)
    app.connect("html-page-context", assets.add_page_assets)
    app.connect("build-finished", assets.write_assets)
    app.connect("build-finished", downloads.write_downloads)
    app.connect("build-finished", editions.strip_sources)
    app.connect("build-finished", editions.remove_dropped_output, priority=700)  # before the offline bundle
    site.setup(app)
    description.setup(app)
    weight.setup(app)
    bibstyle.setup(app)
    tips.setup(app)
    search.setup(app)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    # env_version 2: saved widget state escapes < > &, and the progress page carries item shapes;
    # 3: the quiz's fallback marks the parts the saved state leaves to it (assets.share_parts)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 3}
