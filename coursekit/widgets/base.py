"""The base of every course widget: an anywidget with a stable repr and a no-JavaScript fallback.

Each widget is a Python class plus one ES module (``<name>.js``, ``export default { render }``) and its
CSS. anywidget hosts the module live in Jupyter; in the static book, ``coursekit/static/host.js`` mounts
the same module against the state myst-nb saved into the page (see ``coursekit.sphinxext``).
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from .. import strings

HERE = Path(__file__).parent
METADATA_KEY = "coursekit"


def module_parts(name: str) -> list[Path]:
    """The files a widget's ES module is assembled from: common.js, then every ``<name>/*.js`` in
    file-name order (``10-score.js``, ``20-shuffle.js``, ... ``90-render.js``).

    Parts share one scope and import nothing, so the served file stays one classic script that also
    works from file://; the last part ends with the module's single ``export default { ... }``.
    """
    return [HERE / "common.js", *sorted((HERE / name).glob("*.js"))]


def module_source(name: str) -> str:
    """A widget's ES module: its parts (``module_parts``) joined in order."""
    return "\n".join(part.read_text(encoding="utf-8") for part in module_parts(name))


def is_widget(name: str) -> bool:
    """True when ``name`` is a widget module (a folder of parts)."""
    return (HERE / name).is_dir()


def module_css(name: str, live: bool = True) -> str:
    """A widget's stylesheet: the shared rules (common.css), its own ``<name>.css``, and for a live widget
    live.css (JupyterLab's colours; the built book leaves it out)."""
    parts = ["common.css", f"{name}.css", *(["live.css"] if live else [])]
    return "".join((HERE / part).read_text(encoding="utf-8") for part in parts)


class CourseWidget(anywidget.AnyWidget):
    """Subclasses set ``_esm = module_source(name)``, ``_css = module_css(name)`` and ``_module = name``,
    and implement ``stable_repr`` and ``fallback_html``."""

    _module = traitlets.Unicode().tag(sync=True)
    strings = traitlets.Dict().tag(sync=True)

    def __init__(self, *, sources: list[Path] = (), queries: list[tuple[str, str]] = (), **kwargs):
        """``sources``: the files the widget read; ``queries``: the (kind, section) bank look-ups that
        found them, so the book is rebuilt when a look-up would find something else (a new file)."""
        super().__init__(**kwargs)
        self.strings = strings.section(self._module)  # live: the module's own UI strings
        self._sources = [Path(s) for s in sources]
        self._queries = [list(q) for q in queries]

    def stable_repr(self) -> str:
        raise NotImplementedError

    def fallback_html(self) -> str:
        """Escaped HTML that stands in for the widget without JavaScript and in print."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.stable_repr()

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        metadata = dict(metadata or {})
        metadata[METADATA_KEY] = {
            "module": self._module,
            "fallback": self.fallback_html(),
            "sources": [str(s) for s in self._sources],
            "queries": self._queries,
        }
        return data, metadata
