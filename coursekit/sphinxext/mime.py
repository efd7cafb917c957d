"""A myst-nb mime-render plugin: a coursekit widget becomes a mount point around its fallback.

Registered under the ``myst_nb.mime_renderers`` entry point. For a widget-view output that carries
coursekit metadata, it emits ``<div class="ck-widget-mount" data-model-id=… data-module=…>`` holding the
widget's escaped no-JavaScript fallback, and records the exercise files the widget read as Sphinx
dependencies, so that editing one re-reads (and so re-executes) exactly the pages that use it.
Any other widget is refused with a warning, because the static book has no html-manager to show it.
In a book that does not enable ``coursekit.sphinxext`` the plugin steps aside (myst-nb's default
rendering applies), which is how the benchmarks build the stock html-manager route.
"""
from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes

from ..course import find_root
from ..widgets.base import METADATA_KEY
from . import dependencies

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXTENSION = "coursekit.sphinxext"


class CoursekitWidgetRenderer:
    """The plugin class myst-nb loads; see ``myst_nb.core.render.MimeRenderPlugin``."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline):
        env = getattr(renderer.renderer, "sphinx_env", None)
        if data.mime_type != WIDGET_VIEW or env is None or EXTENSION not in env.app.extensions:
            return None
        meta = (data.output_metadata or {}).get(METADATA_KEY)
        if not meta:
            renderer.logger.warning(
                "a widget that is not a coursekit widget cannot render in the static book",
                subtype="widget", line=data.line)
            return []
        view = data.content if isinstance(data.content, dict) else {}
        root = find_root(Path(env.srcdir))
        for source in meta.get("sources", []):
            env.note_dependency(str(root / source))
        for kind, section in meta.get("queries", []):
            dependencies.record(env, kind, section)
        mount = (
            f'<div class="ck-widget-mount" data-model-id="{html.escape(str(view.get("model_id", "")))}" '
            f'data-module="{html.escape(meta["module"])}">{meta["fallback"]}</div>'
        )
        return [nodes.raw(text=mount, format="html", classes=["output", "coursekit"])]
