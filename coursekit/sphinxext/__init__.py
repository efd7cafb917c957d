"""The course's Sphinx extension: widget assets per page, data-driven directives, two editions.

Enable it in ``_config.yml`` under ``sphinx.extra_extensions``. Options:
``coursekit_edition`` ("student" or "instructor"; default from $COURSEKIT_EDITION, else "student");
``coursekit_instructor_pages`` (docname patterns of pages only the instructor edition has);
``coursekit_languages`` (the site's language editions, source first: ``switcher.py``, ``coursekit.multilingual``);
``coursekit_release`` (refuse untranslated strings in a translated edition: ``release.py``).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import __version__, strings
from . import (assets, bibfiles, bibstyle, captions, dependencies, description, direction, downloads, editions, fonts,
               kernels, offline, preflight, reading, release, search, section_quizzes, site, stylesheets, switcher,
               theme, theme_strings, tips, weight)
from .directives import DIRECTIVES

logger = logging.getLogger(__name__)


def _offline_widgets(app: Sphinx, config) -> None:
    """No CDN: coursekit's host replaces myst-nb's default require.js + html-manager scripts."""
    config.nb_ipywidgets_js = {}


def _check_edition(app: Sphinx, config) -> None:
    if config.coursekit_edition not in ("student", "instructor"):
        raise ValueError(f"coursekit_edition must be 'student' or 'instructor', not {config.coursekit_edition!r}")


def _use_language(app: Sphinx, config) -> None:
    """Widgets and generated text follow the book's ``language``; one coursekit has no strings for is English.

    The notebooks' kernels are other processes: they inherit the language through $COURSEKIT_LANGUAGE.
    """
    language = config.language or "en"
    if language not in strings.LANGUAGES:
        logger.warning("coursekit has no user-interface strings in %r (it has %s): quizzes and timelines are in "
                       "English", language, ", ".join(strings.LANGUAGES), type="coursekit", subtype="language")
        language = "en"
    strings.use(language)
    os.environ["COURSEKIT_LANGUAGE"] = language


def code_digest() -> str:
    """A digest of coursekit's own files. Registered as an "html" config value, so that Sphinx's build info
    changes with the code that writes every page, and the next build rewrites them all (without reading or
    executing a source again); otherwise an incremental build keeps pages written by the previous code."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".js", ".css", ".html", ".json"}:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app: Sphinx) -> dict:
    app.add_config_value("coursekit_code", code_digest(), "html")
    app.add_config_value("coursekit_edition", os.environ.get("COURSEKIT_EDITION", "student"), "env")
    app.connect("config-inited", _offline_widgets, priority=100)
    app.add_config_value("coursekit_instructor_pages", [], "env")
    app.connect("config-inited", _check_edition)
    app.connect("config-inited", _use_language)
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
    switcher.setup(app)
    release.setup(app)
    offline.setup(app)
    description.setup(app)
    weight.setup(app)
    stylesheets.setup(app)
    captions.setup(app)
    theme_strings.setup(app)
    bibstyle.setup(app)
    tips.setup(app)
    search.setup(app)
    reading.setup(app)
    direction.setup(app)
    fonts.setup(app)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    # env_version 2: saved widget state escapes < > &, and the progress page carries item shapes;
    # 3: every page links the app manifest and registers the service worker (offline.py)
    # 4: section pages end with "Mark this section as read" (added when a page is read)
    # 5: a timeline's eras carry their dates, for the key under the axis (pages saved before lack them)
    # 6: the quiz's fallback marks the parts the saved state leaves to it (assets.share_parts)
    # 7: the strings pages give their scripts are keyed without their section (strings.section)
    # 8: the progress page's strings say when nothing new can be saved (progress.notSaving)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 8}
