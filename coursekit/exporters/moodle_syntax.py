"""Moodle XML's building blocks (ElementTree), used by each question type's Moodle writer."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .common import block, percent


def element(tag: str, text: str | None = None, children: list[ET.Element] = (), **attrs: str) -> ET.Element:
    node = ET.Element(tag, attrs)
    if text is not None:
        node.text = text
    node.extend(children)
    return node


def text(tag: str, html: str, fmt: str = "html") -> ET.Element:
    """``<tag format="html"><text>...</text></tag>``; ElementTree escapes the HTML, which Moodle reads back."""
    return element(tag, children=[element("text", html)], format=fmt)


def answer(fraction: float | str, content: str, feedback: str = "", extra: list[ET.Element] = (),
           fmt: str = "html") -> ET.Element:
    frac = fraction if isinstance(fraction, str) else percent(fraction)
    return element("answer", children=[element("text", content), *extra, text("feedback", feedback)],
                   fraction=frac, format=fmt)


def combined(correct: str = "", incorrect: str = "", partial: str | None = None) -> list[ET.Element]:
    return [text("correctfeedback", correct),
            text("partiallycorrectfeedback", incorrect if partial is None else partial),
            text("incorrectfeedback", incorrect)]


def settings(**values: str) -> list[ET.Element]:
    """Plain ``<name>value</name>`` settings, in the order given."""
    return [element(name, value) for name, value in values.items()]


def item_feedback(item) -> tuple[str, str]:
    """An item's (right, wrong) feedback as HTML, '' where absent."""
    fb = getattr(item, "feedback", None)
    if fb is None or isinstance(fb, str):
        return "", ""
    return block(fb.correct), block(fb.incorrect)
