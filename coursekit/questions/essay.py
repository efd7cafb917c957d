"""Free-response exercises as LMS essay questions: graded by hand, the model answer for graders only.

Students see the prompt and, under it, the exercise's criteria as an "A good answer…" checklist: what to
cover, never the answer. :func:`criteria_html` is that checklist wherever it appears (the book's pages,
every export's question text, the printed papers), so it is escaped and worded the same everywhere.
"""
from __future__ import annotations

import html

from ..exporters import moodle_syntax as mx, qti_syntax as qti
from ..exporters.common import block
from ..schema.markdown import to_html
from ..strings import t
from .base import ExportedType


def criteria_html(exercise) -> str:
    """The exercise's criteria as escaped HTML under a heading, or "" when it has none."""
    if not exercise.criteria:
        return ""
    points = "".join(f"<li>{to_html(point, inline=True)}</li>" for point in exercise.criteria)
    return (f'<div class="ck-criteria"><p class="ck-criteria-title"><strong>{html.escape(t("book.criteria"))}'
            f'</strong></p><ul class="ck-criteria-list">{points}</ul></div>')


class EssayType(ExportedType):
    name = "essay"
    cc_profile = "cc.essay.v0p1"

    def question_text(self, item) -> str:
        """The prompt and the checklist, which students need in view while they write."""
        return super().question_text(item) + criteria_html(item)

    def gift(self, entry, options, report) -> str:
        report.note("free-response model answers are for instructors and have no field in GIFT: "
                    "not exported (Moodle XML keeps them as grader information)", entry.id)
        return "{}"

    def moodle(self, entry, options, report):
        return "essay", [
            *mx.settings(responseformat="editor", responserequired="1", responsefieldlines="15", attachments="0",
                         attachmentsrequired="0"),
            mx.text("graderinfo", block(entry.item.model_answer)), mx.text("responsetemplate", "")]

    def qti(self, q, entry, options, report) -> bool:
        report.note("free-response model answers are for instructors and have no field in QTI 1.2 for "
                    "Canvas: not exported (Moodle XML keeps them as grader information)", entry.id)
        resp = qti.sub(q.presentation, "response_str", ident="response1", rcardinality="Single")
        qti.sub(qti.sub(resp, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        qti.sub(qti.condition(q.processing)[1], "other")   # nothing scored: graded by hand
        return True


TYPE = EssayType()
