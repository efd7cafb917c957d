"""Free-response exercises as LMS essay questions: graded by hand, the model answer for graders only."""
from __future__ import annotations

from ..exporters import moodle_syntax as mx, qti_syntax as qti
from ..exporters.common import block
from .base import ExportedType


class EssayType(ExportedType):
    name = "essay"
    cc_profile = "cc.essay.v0p1"

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
