"""Moodle GIFT: one question per paragraph, text as ``[html]``.

What GIFT cannot express, and what happens:
- ordering: GIFT has no ordering type. Skipped with a warning listing the ids (``--strict`` fails instead),
  or, with ``--ordering-as-matching``, exported as a matching question (entry -> position).
- hints and free-response model answers (instructor-only): GIFT has no field for them; listed as notes.
- item-level correct/incorrect feedback of matching items (GIFT has no combined feedback): appended to
  the general feedback, labelled, and listed as a note.
- all-or-nothing multiple select, pair-by-pair matching credit, case-only short-answer matching: notes.
Metadata (objectives, difficulty, tags, source) is written as ``//`` comment lines above each question.
"""
from __future__ import annotations

from . import (ALL_OR_NOTHING_NOTE, MATCHING_NOTE, ORDERING_AS_MATCHING_NOTE, SHORT_TEXT_NOTE, Entry, Export,
               Options, Report, block, inline, multiple_select_fractions, number, ordering_as_pairs, percent,
               plain, short_answers)

_SPECIAL = "~=#{}:"


def escape(text: str, html: bool = True) -> str:
    """Escape GIFT's control characters (~ = # { } :) and newlines; a backslash becomes an HTML entity."""
    if html:
        text = text.replace("\\", "&#92;")
    for ch in _SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r", "").replace("\n", "\\n")


def _fb(markdown: str | None) -> str:
    return "#" + escape(block(markdown)) if markdown else ""


def _general(entry: Entry, extra: list[tuple[str, str | None]] = ()) -> str:
    parts = [block(entry.item.explanation)] if getattr(entry.item, "explanation", None) else []
    parts += [f"<p><strong>{label}</strong></p>{block(text)}" for label, text in extra if text]
    return " ####" + escape("".join(parts)) if parts else ""


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


def _matching(entry: Entry, pairs, report: Report, feedback) -> str:
    answers = []
    for left, right in pairs:
        text, changed = plain(right)
        if changed:
            report.note("matching right-hand sides are plain text in Moodle: images and links there became "
                        "text with their address", entry.id)
        answers.append(f"={escape(inline(left))} -> {escape(text, html=False)}")
    extra = []
    if feedback and (feedback.correct or feedback.incorrect):
        report.note("matching feedback for right/wrong answers has no place in GIFT: appended, labelled, "
                    "to the general feedback", entry.id)
        extra = [("If you got every pair right:", feedback.correct), ("Otherwise:", feedback.incorrect)]
    return "{" + " ".join(answers) + _general(entry, extra) + "}"


def _answers(entry: Entry, options: Options, report: Report) -> str | None:
    item, kind = entry.item, entry.type
    if kind == "single_choice":
        answers = [("=" if c.correct else "~") + escape(inline(c.text)) + _fb(c.feedback) for c in item.choices]
        return "{" + " ".join(answers) + _general(entry) + "}"
    if kind == "multiple_select":
        if item.scoring == "all_or_nothing":
            report.note(ALL_OR_NOTHING_NOTE, entry.id)
        answers = [f"~%{percent(w)}%" + escape(inline(c.text)) + _fb(c.feedback)
                   for c, w in zip(item.choices, multiple_select_fractions(item))]
        return "{" + " ".join(answers) + _general(entry) + "}"
    if kind == "true_false":
        fb = item.feedback
        wrong = escape(block(fb.incorrect)) if fb and fb.incorrect else ""
        right = escape(block(fb.correct)) if fb and fb.correct else ""
        feedback = f"#{wrong}#{right}" if (wrong or right) else ""
        return "{" + ("TRUE" if item.answer else "FALSE") + feedback + _general(entry) + "}"
    if kind == "numeric":
        fb = item.feedback
        answer = f"#={escape(number(item.answer))}:{escape(number(item.tolerance))}"
        answer += _fb(fb.correct if fb else None)
        if fb and fb.incorrect:
            answer += " ~" + _fb(fb.incorrect)
        return "{" + answer + _general(entry) + "}"
    if kind == "matching":
        report.note(MATCHING_NOTE, entry.id)
        return _matching(entry, [(p.left, p.right) for p in item.pairs], report, item.feedback)
    if kind == "ordering":
        if not options.ordering_as_matching:
            report.skip("ordering items cannot be expressed in GIFT (no ordering type; "
                        "--ordering-as-matching exports them as matching questions)", entry.id)
            return None
        report.note(ORDERING_AS_MATCHING_NOTE, entry.id)
        return _matching(entry, ordering_as_pairs(item), report, item.feedback)
    if kind == "short_text":
        report.note(SHORT_TEXT_NOTE, entry.id)
        fb = item.feedback
        right = _fb(fb.correct if fb else None)
        answers = [f"={escape(a, html=False)}{right}" for a in short_answers(item)]
        if fb and fb.incorrect:
            answers.append("=%0%*" + _fb(fb.incorrect))
        return "{" + " ".join(answers) + _general(entry) + "}"
    if kind == "essay":
        report.note("free-response model answers are for instructors and have no field in GIFT: "
                    "not exported (Moodle XML keeps them as grader information)", entry.id)
        return "{}"
    report.skip(f"item type {kind!r} is not known to the GIFT exporter", entry.id)
    return None


def export(entries: list[Entry], options: Options) -> Export:
    report = Report("gift")
    blocks = [f"// {options.title}: exported by coursekit (Moodle GIFT, text as HTML)"]
    group = None
    for entry in entries:
        answers = _answers(entry, options, report)
        if answers is None:
            continue
        if entry.group != group:
            group = entry.group
            blocks.append(f"$CATEGORY: $course$/{escape(entry.group, html=False)}")
        if getattr(entry.item, "hint", None):
            report.note("hints have no place in GIFT: not exported (Moodle XML keeps them)", entry.id)
        prompt = block(entry.item.prompt)
        if getattr(entry.item, "unit", None):
            prompt += f"<p>Unit: {inline(entry.item.unit)}</p>"
        lines = _comment(entry)
        lines.append(f"::{escape(entry.id, html=False)}::[html]{escape(prompt)}{answers}")
        blocks.append("\n".join(lines))
        report.exported.append(entry.id)
    return Export(("\n\n".join(blocks) + "\n").encode("utf-8"), report)
