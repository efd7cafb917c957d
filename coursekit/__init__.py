"""coursekit: quizzes, timelines and exercise tooling for a Jupyter Book course.

The widgets are imported on first use (PEP 562), so the command line and the schema start without
loading anywidget, ipywidgets or the notebook stack.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Quiz", "Timeline", "show_quizzes"]

_WIDGETS = {"Quiz": "quiz", "show_quizzes": "quiz", "Timeline": "timeline"}


def __getattr__(name: str):
    if name in _WIDGETS:
        from importlib import import_module

        return getattr(import_module(f".widgets.{_WIDGETS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
