"""Moodle XML: ``<quiz>`` with one ``<question type=...>`` per item, written with ElementTree.

Types: multichoice (single, and multiple with fraction weights from the course's partial-credit rule),
truefalse, numerical (tolerance; incorrect feedback on a '*' answer), matching, shortanswer (incorrect
feedback on a '*' answer), ordering (Moodle's ``ordering`` question type, qtype_ordering: the plugin must be
installed on Moodle versions that do not ship it), essay for free-response exercises (model answer as
grader information, which students never see). One ``category`` question per quiz file groups them.
Hints become ``<hint>``; objectives, difficulty, tags and the section become Moodle tags. HTML text is
escaped as XML character data, which Moodle's importer reads exactly as it reads its own CDATA.
Points per item are each question's default mark. A quiz with a ``draw`` keeps all its items in its own
category, whose description says how many to draw: Moodle XML carries questions, not quizzes, so the
draw is made in the quiz with "Add a random question" from that category (listed as a note); attempts,
answer display and time limit are quiz settings too, listed as notes to set by hand.
What Moodle grades differently (all-or-nothing multiple select, pair-by-pair matching, case-only short
answers) is listed in the report as notes; each type's elements are written by its module in
:mod:`coursekit.questions`.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from ..questions import EXPORTED
from .common import Entry, Export, Options, Report, block, number
from .moodle_syntax import element, text


def _tags(entry: Entry) -> ET.Element:
    item = entry.item
    tags = [f"section:{entry.section}"] + [f"objective:{o}" for o in getattr(item, "objectives", [])]
    if getattr(item, "difficulty", None):
        tags.append(f"difficulty:{item.difficulty}")
    tags += list(getattr(item, "tags", []))
    return element("tags", children=[element("tag", children=[element("text", tag)]) for tag in tags])


def _category(entry: Entry) -> ET.Element:
    info = html.escape(entry.group_title)
    if entry.draw:
        info += f"<p>Quiz: add {entry.draw} random questions from this category ({entry.size} in it).</p>"
    return element("question", type="category", children=[
        element("category", children=[element("text", f"$course$/top/{entry.group}")]),
        text("info", info)])


def _question(entry: Entry, qtype: str, body: list[ET.Element]) -> ET.Element:
    item = entry.item
    head = [element("name", children=[element("text", entry.id)]),
            text("questiontext", EXPORTED[entry.type].question_text(item)),
            text("generalfeedback", block(getattr(item, "explanation", None))),
            element("defaultgrade", number(entry.settings.points)), element("penalty", "0" if qtype == "essay" else "0.3333333"),
            element("hidden", "0"), element("idnumber", entry.id)]
    hint = getattr(item, "hint", None)
    return element("question", type=qtype, children=[*head, *body, *([text("hint", block(hint))] if hint else []),
                                                     _tags(entry)])


def export(entries: list[Entry], options: Options) -> Export:
    report = Report("moodle-xml")
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {options.title.replace('--', '- -')}: exported by coursekit (Moodle XML) "))
    group = None
    for entry in entries:
        body = EXPORTED[entry.type].moodle(entry, options, report)
        if body is None:
            continue
        if entry.group != group:
            group = entry.group
            quiz.append(_category(entry))
            if entry.draw:
                report.note("draws: the items are in the quiz's category; add that many random questions "
                            "from it to the Moodle quiz", f"{entry.group} ({entry.draw} of {entry.size})")
            if entry.settings.attempts or entry.settings.time_limit or entry.settings.show_answers != "after_each_try":
                report.note("attempts, answer display and time limit are Moodle quiz settings, not in Moodle "
                            "XML: set them on the quiz", entry.group)
        quiz.append(_question(entry, *body))
        report.exported.append(entry.id)
    ET.indent(quiz)
    return Export(ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n", report)
