"""GIFT's building blocks, used by each question type's GIFT writer and by the GIFT file writer."""
from __future__ import annotations

from .common import Entry, Report, block, inline, plain

_SPECIAL = "~=#{}:"
# The labels under which a matching item's right/wrong feedback goes into the general feedback (GIFT has no
# combined feedback); the importer recognises them and puts the feedback back.
RIGHT_LABEL, WRONG_LABEL = "If you got every pair right:", "Otherwise:"


def escape(text: str, html: bool = True) -> str:
    """Escape GIFT's control characters (~ = # { } :) and newlines; a backslash becomes an HTML entity."""
    if html:
        text = text.replace("\\", "&#92;")
    for ch in _SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r", "").replace("\n", "\\n")


def feedback(markdown: str | None) -> str:
    """``#feedback`` after an answer, or nothing."""
    return "#" + escape(block(markdown)) if markdown else ""


def general(entry: Entry, extra: list[tuple[str, str | None]] = ()) -> str:
    """The general feedback (``####``): the explanation, plus labelled texts GIFT has no other place for."""
    parts = [block(entry.item.explanation)] if getattr(entry.item, "explanation", None) else []
    parts += [f"<p><strong>{label}</strong></p>{block(text)}" for label, text in extra if text]
    return " ####" + escape("".join(parts)) if parts else ""


def matching(entry: Entry, pairs, report: Report, item_feedback) -> str:
    """A matching question's answers from (left, right) Markdown pairs."""
    answers = []
    for left, right in pairs:
        text, changed = plain(right)
        if changed:
            report.note("matching right-hand sides are plain text in Moodle: images and links there became "
                        "text with their address", entry.id)
        answers.append(f"={escape(inline(left))} -> {escape(text, html=False)}")
    extra = []
    if item_feedback and (item_feedback.correct or item_feedback.incorrect):
        report.note("matching feedback for right/wrong answers has no place in GIFT: appended, labelled, "
                    "to the general feedback", entry.id)
        extra = [(RIGHT_LABEL, item_feedback.correct), (WRONG_LABEL, item_feedback.incorrect)]
    return "{" + " ".join(answers) + general(entry, extra) + "}"
