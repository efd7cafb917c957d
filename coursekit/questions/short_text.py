"""Short text: a word or phrase, matched ignoring case, spacing, punctuation and diacritics."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..exporters import gift_syntax as gift, moodle_syntax as mx, qti_syntax as qti
from ..exporters.common import SHORT_TEXT_NOTE, short_answers
from ..schema.common import KeepsOriginal, Text, normalise
from ..strings import t
from .base import QuestionType, WithFeedback, e, item_feedback_html, listing


class ShortText(WithFeedback):
    """Accepted answers match ignoring case, spacing, punctuation and diacritics."""

    type: Literal["short_text"] = Field(description="Always `short_text`.")
    accepted: Annotated[list[Text], KeepsOriginal()] = Field(
        min_length=1, description="Every answer that counts as right (a translation adds its answers to these).")

    @field_validator("accepted")
    @classmethod
    def _not_blank(cls, accepted: list[str]) -> list[str]:
        if any(not normalise(a) for a in accepted):
            raise ValueError("an accepted answer has no letters or digits; write it with letters or digits, or remove it")
        return accepted


class ShortTextType(QuestionType):
    name, model = "short_text", ShortText
    cc_profile = "cc.fib.v0p1"

    def options(self, item) -> None:
        return None

    def score(self, item, response) -> float:
        if not isinstance(response, str):
            return 0.0
        given = normalise(response)
        return 1.0 if given and given in {normalise(a) for a in item.accepted} else 0.0

    def client(self, item, seed: int = 0) -> dict:
        return {"feedback": item_feedback_html(item), "accepted": sorted({normalise(a) for a in item.accepted}),
                "display": e(item.accepted[0])}

    def fallback(self, item) -> str:
        return ""

    def answer(self, item) -> str:
        return f"<p>{e(t('answerKey.accepted'))}:</p>{listing('ul', [e(a) for a in item.accepted])}"

    def paper(self, item, rng) -> str:
        from . import paper_parts as pp

        return pp.answer_line()

    def from_lms(self, question):
        if question.qtype != "shortanswer":
            return None
        from ..importers.common import Unmappable

        right = [a for a in question.answers if a.fraction >= 100]
        others = [a for a in question.answers if a.fraction < 100]
        if not right:
            raise Unmappable("no fully right answer")
        if any(a.fraction > 0 or a.text.strip() != "*" for a in others):
            raise Unmappable("partly right answers (fractions between 0 and 100); the course gives credit or none")
        if question.settings.get("usecase") == "1":
            question.notes.append("case-sensitive answers now match ignoring case, as the course always does")
        accepted: list[str] = []
        for answer in (a.text.strip() for a in right):   # drop the folded forms the exporters add
            if not any(answer.lower() in (a.lower(), normalise(a)) for a in accepted):
                accepted.append(answer)
        feedback = {k: v for k, v in (("correct", right[0].feedback),
                                      ("incorrect", others[0].feedback if others else "")) if v}
        return {"accepted": accepted, **({"feedback": feedback} if feedback else {})}

    def gift(self, entry, options, report) -> str:
        report.note(SHORT_TEXT_NOTE, entry.id)
        fb = entry.item.feedback
        right = gift.feedback(fb.correct if fb else None)
        answers = [f"={gift.escape(a, html=False)}{right}" for a in short_answers(entry.item)]
        if fb and fb.incorrect:
            answers.append("=%0%*" + gift.feedback(fb.incorrect))
        return "{" + " ".join(answers) + gift.general(entry) + "}"

    def moodle(self, entry, options, report):
        report.note(SHORT_TEXT_NOTE, entry.id)
        right, wrong = mx.item_feedback(entry.item)
        auto = "moodle_auto_format"
        found = [*mx.settings(usecase="0"), *(mx.answer(100, a, right, fmt=auto) for a in short_answers(entry.item))]
        if wrong:
            found.append(mx.answer(0, "*", wrong, fmt=auto))
        return "shortanswer", found

    def qti(self, q, entry, options, report) -> bool:
        report.note(SHORT_TEXT_NOTE, entry.id)
        resp = qti.sub(q.presentation, "response_str", ident="response1", rcardinality="Single")
        qti.sub(qti.sub(resp, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        cond, var = qti.condition(q.processing)
        for answer in short_answers(entry.item):
            qti.sub(var, "varequal", answer, respident="response1")
        qti.score(cond)
        return True


TYPE = ShortTextType()
