"""Ordering: entries students put in order (shown shuffled)."""
from __future__ import annotations

import random
from typing import Literal

from pydantic import Field, field_validator

from ..exporters import gift_syntax as gift, moodle_syntax as mx
from ..exporters.common import ORDERING_AS_MATCHING_NOTE, inline, ordering_as_pairs
from ..schema.markdown import Markdown, to_html
from ..strings import t
from . import matching
from .base import SHUFFLE, QuestionType, WithFeedback, e, indices, item_feedback_html, listing, shuffled, unique

CANNOT = "ordering items cannot be expressed in {format} (no ordering type; --ordering-as-matching exports them " \
         "as matching questions)"


class Ordering(WithFeedback):
    """Entries students put in order (shown shuffled)."""

    type: Literal["ordering"] = Field(description="Always `ordering`.")
    order: list[Markdown] = Field(min_length=3, description="The entries in the CORRECT order.")
    shuffle: bool = Field(True, description=SHUFFLE)

    @field_validator("order")
    @classmethod
    def _distinct(cls, order: list[str]) -> list[str]:
        unique(order, "entry")
        return order


class OrderingType(QuestionType):
    name, model = "ordering", Ordering

    def options(self, item) -> None:
        return None

    def score(self, item, response) -> float:
        return 1.0 if indices(response, len(item.order)) == list(range(len(item.order))) else 0.0

    def client(self, item, seed: int = 0) -> dict:
        return {"feedback": item_feedback_html(item), "entries": [to_html(o, inline=True) for o in item.order],
                "shown": shuffled(len(item.order), f"{seed}:{item.id}"), "shuffle": item.shuffle}

    def fallback(self, item) -> str:
        shown = random.Random(item.id).sample(item.order, len(item.order))
        return listing("ul", [to_html(o, inline=True) for o in shown])

    def answer(self, item) -> str:
        return f"<p>{e(t('answerKey.order'))}:</p>{listing('ol', [to_html(o, inline=True) for o in item.order])}"

    def paper(self, item, rng) -> str:
        from . import paper_parts as pp

        return pp.instruction("paper.order") + pp.boxes(pp.in_order([pp.inline(o) for o in item.order], rng))

    def from_lms(self, question):
        if question.qtype != "ordering":
            return None
        ranked = sorted(question.answers, key=lambda a: a.fraction)   # Moodle numbers the entries in order
        if len(ranked) < 3:
            from ..importers.common import Unmappable
            raise Unmappable(f"{len(ranked)} entries; the course orders at least 3")
        if question.settings.get("selecttype", "ALL") != "ALL":
            question.notes.append("Moodle showed a subset of the entries; the course shows them all")
        return {"order": [a.text for a in ranked], **({"feedback": question.feedback()} if question.feedback() else {})}

    def gift(self, entry, options, report) -> str | None:
        if not options.ordering_as_matching:
            report.skip(CANNOT.format(format="GIFT"), entry.id)
            return None
        report.note(ORDERING_AS_MATCHING_NOTE, entry.id)
        return gift.matching(entry, ordering_as_pairs(entry.item), report, entry.item.feedback)

    def moodle(self, entry, options, report):
        report.note("ordering items use Moodle's `ordering` question type (qtype_ordering), graded all or "
                    "nothing as in the course; install that plugin where Moodle does not ship it", entry.id)
        right, wrong = mx.item_feedback(entry.item)
        return "ordering", [
            *mx.settings(layouttype="VERTICAL", selecttype="ALL", selectcount="0", gradingtype="ALL_OR_NOTHING",
                         showgrading="SHOW", numberingstyle="none"),
            *mx.combined(right, wrong), *mx.settings(shownumcorrect="1"),
            *(mx.answer(f"{n}", inline(text)) for n, text in enumerate(entry.item.order, 1))]

    def qti(self, q, entry, options, report) -> bool:
        if not options.ordering_as_matching:
            report.skip(CANNOT.format(format="QTI 1.2 for Canvas"), entry.id)
            return False
        report.note(ORDERING_AS_MATCHING_NOTE, entry.id)
        matching.qti_pairs(q, entry, ordering_as_pairs(entry.item), report)
        return True


TYPE = OrderingType()
