"""Moodle XML as Moodle writes it: ``<quiz>`` of ``<question type=...>``, texts in CDATA, fractions such as
33.33333, ``category`` pseudo-questions, settings such as ``shuffleanswers`` as child elements.

Read with ElementTree. A document type declaration is refused before parsing: Moodle never writes one,
and refusing it rules out entity-expansion tricks in a file that came from elsewhere.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .common import LmsAnswer, LmsQuestion, ReadError
from .markup import to_markdown

# The texts Moodle fills in when the author wrote none: not the author's feedback, so not imported.
MOODLE_DEFAULTS = {"Your answer is correct.", "Your answer is partially correct.", "Your answer is incorrect."}
# Elements that are the question's structure, not a setting.
_STRUCTURE = {"name", "questiontext", "generalfeedback", "answer", "subquestion", "hint", "tags", "tag",
              "correctfeedback", "partiallycorrectfeedback", "incorrectfeedback", "defaultgrade", "penalty",
              "hidden", "idnumber", "graderinfo", "responsetemplate", "units", "unit", "dataset_definitions"}


def _text(node: ET.Element | None) -> str:
    found = node.find("text") if node is not None else None
    return (found.text or "") if found is not None else ""


def _markdown(node: ET.Element | None, notes: list[str]) -> str:
    """A ``<tag format=...><text>`` field as Markdown: HTML converted, plain text escaped."""
    if node is None:
        return ""
    raw = _text(node)
    if node.get("format", "html") in ("html", "moodle_auto_format") and "<" in raw:
        text, found = to_markdown(raw)
        notes.extend(n for n in found if n not in notes)
        return text
    text, _ = to_markdown(raw.replace("\n", "<br>") if node.get("format") == "plain_text" else raw)
    return text


def _fraction(value: str | None, where: str) -> float:
    try:
        return float(value or 0)
    except ValueError:
        raise ReadError(f"{where}: fraction {value!r} is not a number") from None


def read(data: bytes, shown: str) -> list[LmsQuestion]:
    if b"<!DOCTYPE" in data[:4096].upper():
        raise ReadError(f"{shown}: a document type declaration (<!DOCTYPE) is not allowed; Moodle never writes one")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ReadError(f"{shown}:{line}:{column + 1}: error: not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    if root.tag != "quiz":
        raise ReadError(f"{shown}: the root element is <{root.tag}>, not Moodle's <quiz>")
    found, category, draw = [], "", None
    for n, node in enumerate(root.findall("question"), 1):
        qtype = node.get("type", "")
        if qtype == "category":
            category = _text(node.find("category"))
            asked = re.search(r"add (\d+) random questions from this category", _text(node.find("info")))
            draw = int(asked.group(1)) if asked else None
            continue
        notes: list[str] = []
        q = LmsQuestion(name=_text(node.find("name")).strip() or f"question {n}", qtype=qtype, category=category,
                        draw=draw, notes=notes)
        q.settings = {child.tag: (child.text or "").strip() for child in node
                      if child.tag not in _STRUCTURE and len(child) == 0}
        idnumber = (node.findtext("idnumber") or "").strip()
        if idnumber:
            q.settings["idnumber"] = idnumber
        q.text = _markdown(node.find("questiontext"), notes)
        q.general_feedback = _markdown(node.find("generalfeedback"), notes)
        q.correct_feedback, q.incorrect_feedback = (
            "" if text in MOODLE_DEFAULTS else text
            for text in (_markdown(node.find(tag), notes) for tag in ("correctfeedback", "incorrectfeedback")))
        hints = [_markdown(h, notes) for h in node.findall("hint")]
        hints = [h for h in hints if h]
        q.hint = hints[0] if hints else ""
        if len(hints) > 1:
            notes.append(f"{len(hints)} hints; the course keeps the first")
        for answer in node.findall("answer"):
            tolerance = answer.findtext("tolerance")
            plain = answer.get("format") in ("moodle_auto_format", "plain_text") or qtype in ("shortanswer", "numerical")
            text = _text(answer) if plain else _markdown(answer, notes)
            q.answers.append(LmsAnswer(_fraction(answer.get("fraction"), f"{shown}: {q.name}"), text.strip(),
                                       _markdown(answer.find("feedback"), notes),
                                       float(tolerance) if tolerance not in (None, "") else 0.0))
        for sub in node.findall("subquestion"):
            q.pairs.append((_markdown(sub, notes), _text(sub.find("answer")).strip()))
        q.tags = [(t.findtext("text") or "").strip() for t in node.findall("tags/tag")]
        found.append(q)
    return found
