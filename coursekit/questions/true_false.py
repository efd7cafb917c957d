"""True or false: a statement students judge."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..exporters import gift_syntax as gift, moodle_syntax as mx
from ..exporters.common import block
from ..strings import t
from . import choices
from .base import QuestionType, WithFeedback, e, item_feedback_html


class TrueFalse(WithFeedback):
    """A statement students judge true or false."""

    type: Literal["true_false"] = Field(description="Always `true_false`.")
    answer: bool = Field(description="true if the statement in `prompt` is true.")


class TrueFalseType(QuestionType):
    name, model = "true_false", TrueFalse
    cc_profile = "cc.true_false.v0p1"

    def options(self, item) -> int:
        return 2

    def score(self, item, response) -> float:
        return 1.0 if isinstance(response, bool) and response == item.answer else 0.0

    def client(self, item, seed: int = 0) -> dict:
        return {"feedback": item_feedback_html(item), "answer": item.answer}

    def fallback(self, item) -> str:
        return f"<p>{e(t('quiz.true'))} / {e(t('quiz.false'))}</p>"

    def answer(self, item) -> str:
        value = "true" if item.answer else "false"   # the value as the YAML file spells it
        return f"<p>{e(t('answerKey.value'))}: <strong>{value}</strong></p>"

    def paper(self, item, rng) -> str:
        from . import paper_parts as pp

        return pp.instruction("paper.trueFalse") + pp.boxes([e(t("paper.true")), e(t("paper.false"))])

    def from_lms(self, question):
        if question.qtype != "truefalse":
            return None
        by_value = {a.text.strip().lower(): a for a in question.answers}
        if set(by_value) != {"true", "false"}:
            from ..importers.common import Unmappable
            raise Unmappable("a true/false question needs one `true` and one `false` answer")
        value = by_value["true"].fraction > by_value["false"].fraction
        right, wrong = by_value[str(value).lower()], by_value[str(not value).lower()]
        feedback = {k: v for k, v in (("correct", right.feedback), ("incorrect", wrong.feedback)) if v}
        return {"answer": value, **({"feedback": feedback} if feedback else {})}

    def gift(self, entry, options, report) -> str:
        item, fb = entry.item, entry.item.feedback
        wrong = gift.escape(block(fb.incorrect)) if fb and fb.incorrect else ""
        right = gift.escape(block(fb.correct)) if fb and fb.correct else ""
        feedback = f"#{wrong}#{right}" if (wrong or right) else ""
        return "{" + ("TRUE" if item.answer else "FALSE") + feedback + gift.general(entry) + "}"

    def moodle(self, entry, options, report):
        item = entry.item
        right, wrong = mx.item_feedback(item)
        auto = "moodle_auto_format"
        return "truefalse", [mx.answer(100 if item.answer else 0, "true", right if item.answer else wrong, fmt=auto),
                             mx.answer(0 if item.answer else 100, "false", wrong if item.answer else right, fmt=auto)]

    def qti(self, q, entry, options, report) -> bool:
        item = entry.item
        texts = [("True", item.answer, q.right_fb if item.answer else q.wrong_fb),
                 ("False", not item.answer, q.wrong_fb if item.answer else q.right_fb)]
        q.right_fb = q.wrong_fb = ""   # given per choice
        idents = choices.qti_choices(q, entry, texts, multiple=False)
        choices.qti_single_right(q, idents, texts)
        return True


TYPE = TrueFalseType()
