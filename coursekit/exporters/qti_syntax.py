"""QTI 1.2's building blocks (ElementTree), used by each question type's QTI writer."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def material(parent: ET.Element, html: str) -> None:
    sub(sub(parent, "material"), "mattext", html, texttype="text/html")


def feedback(item: ET.Element, ident: str, html: str) -> None:
    if html:
        material(sub(sub(item, "itemfeedback", ident=ident), "flow_mat"), html)


def condition(processing: ET.Element, continue_: str = "No") -> tuple[ET.Element, ET.Element]:
    cond = sub(processing, "respcondition", continue_=continue_)
    return cond, sub(cond, "conditionvar")


def score(cond: ET.Element, value: str = "100", action: str = "Set") -> None:
    sub(cond, "setvar", value, action=action, varname="SCORE")


def show(cond: ET.Element, ident: str) -> None:
    sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


@dataclass
class QtiItem:
    """One ``<item>`` being written. A type's writer fills ``presentation`` and ``processing``; the item's
    right/wrong feedback (``right_fb``/``wrong_fb``) is attached by the file writer afterwards, unless
    the type has already placed it (then it sets them to '')."""

    item: ET.Element
    presentation: ET.Element
    processing: ET.Element
    right_fb: str
    wrong_fb: str
