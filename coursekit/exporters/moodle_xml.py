"""Moodle XML: ``<quiz>`` with one ``<question type=...>`` per item, written with ElementTree.

Types: multichoice (single, and multiple with fraction weights from the course's partial-credit rule),
truefalse, numerical (tolerance; incorrect feedback on a '*' answer), matching, shortanswer (incorrect
feedback on a '*' answer), ordering (Moodle's ``ordering`` question type, qtype_ordering: the plugin must be
installed on Moodle versions that do not ship it), essay for free-response exercises (model answer as
grader information, which students never see). One ``category`` question per quiz file groups them.
Hints become ``<hint>``; objectives, difficulty, tags and the section become Moodle tags. HTML text is
escaped as XML character data, which Moodle's importer reads exactly as it reads its own CDATA.
Points per item are each question's default mark; attempts, answer display and time limit are quiz
settings, listed as notes to set by hand.

Draws. Moodle XML carries questions and categories, never a quiz, and it cannot carry Moodle's own random
questions either: in Moodle's source, ``question/format.php`` (``qformat_default::exportprocess``) skips
them ("do not export random questions"), ``question/format/xml/format.php`` (``qformat_xml::import_question``)
has no ``random`` branch and hands unknown types to the question types, and ``question/type/random``
(``qtype_random``) writes or reads no XML of its own. So what Moodle supports is what its own export does:
one category per quiz file (``$course$/top/<quiz id>``), holding
exactly the items written, whose description says how many random questions to add from it and what each
is worth; the instructor adds them in the quiz (listed as a note, and in ``book/instructors/lms-moodle.md``).
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
    return element("question", type="category", children=[
        element("category", children=[element("text", f"$course$/top/{entry.group}")]),
        text("info", f"<p>{html.escape(entry.group_title)}</p>")])


def _draw(category: ET.Element, entry: Entry, written: int) -> str:
    """The category's description for a draw, and the note's '<quiz> (k of n)': never more to draw than
    the items the category holds."""
    pick = min(entry.draw, written)
    info = category.find("info/text")
    points = number(entry.settings.points)
    info.text += (f"<p>Quiz: add {pick} random questions from this category ({written} in it), "
                  f"each worth {points} {'point' if points == '1' else 'points'}.</p>")
    return f"{entry.group} ({pick} of {written})"


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
    categories: dict[str, tuple[ET.Element, Entry]] = {}
    written: dict[str, int] = {}
    for entry in entries:
        body = EXPORTED[entry.type].moodle(entry, options, report)
        if body is None:
            continue
        if entry.group not in categories:
            categories[entry.group] = (_category(entry), entry)
            quiz.append(categories[entry.group][0])
            if entry.settings.attempts or entry.settings.time_limit or entry.settings.show_answers != "after_each_try":
                report.note("attempts, answer display and time limit are Moodle quiz settings, not in Moodle "
                            "XML: set them on the quiz", entry.group)
        quiz.append(_question(entry, *body))
        written[entry.group] = written.get(entry.group, 0) + 1
        report.exported.append(entry.id)
    for group, (category, first) in categories.items():
        if first.draw:
            report.note("draws: Moodle XML cannot hold a random question; the items are in the quiz's "
                        "category: add that many random questions from it to the Moodle quiz",
                        _draw(category, first, written[group]))
    ET.indent(quiz)
    return Export(ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n", report)
