"""Moodle GIFT: one question per paragraph, text as ``[html]``.

What GIFT cannot express, and what happens:
- ordering: GIFT has no ordering type. Skipped with a warning listing the ids (``--strict`` fails instead),
  or, with ``--ordering-as-matching``, exported as a matching question (entry -> position).
- hints and free-response model answers (instructor-only): GIFT has no field for them; listed as notes.
- item-level correct/incorrect feedback of matching items (GIFT has no combined feedback): appended to
  the general feedback, labelled, and listed as a note.
- all-or-nothing multiple select, pair-by-pair matching credit, case-only short-answer matching: notes.
- quiz settings: GIFT holds questions only. A ``draw`` has no random selection in GIFT, so every item is
  written and each is listed in a warning (build the draw in Moodle: add random questions from the
  quiz's category); points, attempts, answer display and time limits are set on the Moodle quiz.
Metadata (objectives, difficulty, tags, source) is written as ``//`` comment lines above each question.
"""
from __future__ import annotations

from ..questions import EXPORTED
from .common import Entry, Export, Options, Report
from .gift_syntax import escape


def _comment(entry: Entry) -> list[str]:
    item = entry.item
    parts = entry.path.parts
    shown = "/".join(parts[len(parts) - 1 - parts[::-1].index("exercises"):]) if "exercises" in parts else entry.path.name
    bits = [f"{entry.type} from {shown}"]
    if getattr(item, "objectives", None):
        bits.append("objectives: " + ", ".join(item.objectives))
    if getattr(item, "difficulty", None):
        bits.append(f"difficulty: {item.difficulty}")
    if getattr(item, "tags", None):
        bits.append("tags: " + ", ".join(item.tags))
    source = getattr(item, "source", None)
    if source is not None:
        bits.append(f"source: {source.cite or source.url}")
    return ["// " + "; ".join(bits).replace("\n", " ")]


def export(entries: list[Entry], options: Options) -> Export:
    report = Report("gift")
    blocks = [f"// {options.title}: exported by coursekit (Moodle GIFT, text as HTML)"]
    group = None
    for entry in entries:
        answers = EXPORTED[entry.type].gift(entry, options, report)
        if answers is None:
            continue
        if entry.group != group:
            group = entry.group
            blocks.append(f"$CATEGORY: $course$/{escape(entry.group, html=False)}")
        if entry.draw:
            report.warn("GIFT has no random selection: the quiz's `draw` is not in the file, every item of "
                        "the category is (in Moodle, add random questions from the category)", entry.id)
        if entry.settings.points != 1 or entry.settings.attempts or entry.settings.time_limit:
            report.note("GIFT holds no points, attempts or time limit: set them on the Moodle quiz", entry.id)
        if getattr(entry.item, "hint", None):
            report.note("hints have no place in GIFT: not exported (Moodle XML keeps them)", entry.id)
        prompt = EXPORTED[entry.type].question_text(entry.item)
        lines = _comment(entry)
        lines.append(f"::{escape(entry.id, html=False)}::[html]{escape(prompt)}{answers}")
        blocks.append("\n".join(lines))
        report.exported.append(entry.id)
    return Export(("\n\n".join(blocks) + "\n").encode("utf-8"), report)
