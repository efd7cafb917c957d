"""Multiple select: several right choices, with partial credit or all-or-nothing."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..exporters import gift_syntax as gift, moodle_syntax as mx, qti_syntax as qti
from ..exporters.common import ALL_OR_NOTHING_NOTE, block, inline, multiple_select_fractions, percent
from . import choices
from .base import QuestionType, e, indices


class MultipleSelect(choices.ChoiceItem):
    """Partial credit: (right choices ticked - wrong choices ticked) / right choices, never below 0."""

    type: Literal["multiple_select"] = Field(description="Always `multiple_select`.")
    scoring: Literal["partial", "all_or_nothing"] = Field("partial", description="partial: credit per right choice, "
                                                                               "minus wrong ones; all_or_nothing: "
                                                                               "only the exact set scores.")


class MultipleSelectType(QuestionType):
    name, model = "multiple_select", MultipleSelect
    cc_profile = "cc.multiple_response.v0p1"

    def options(self, item) -> int:
        return len(item.choices)

    def score(self, item, response) -> float:
        found = indices(response, len(item.choices))
        if found is None:
            return 0.0
        picked = set(found)
        right = {i for i, c in enumerate(item.choices) if c.correct}
        if item.scoring == "all_or_nothing":
            return 1.0 if picked == right else 0.0
        return max(0.0, (len(picked & right) - len(picked - right)) / len(right))

    def client(self, item, seed: int = 0) -> dict:
        return {**choices.client(item), "scoring": item.scoring}

    def fallback(self, item) -> str:
        return choices.fallback(item)

    def answer(self, item) -> str:
        return choices.answer(item, f' <span class="ck-bank-scoring">({e(item.scoring.replace("_", " "))})</span>')

    def paper(self, item, rng) -> str:
        return choices.paper(item, rng, "paper.several")

    def from_lms(self, question):
        found = choices.from_lms(question, single=False)
        if found is None:
            return None
        right = sum(1 for a in question.answers if a.fraction > 0)
        rule = [(100.0 if a.fraction > 0 else -100.0) / right for a in question.answers]
        if any(abs(a.fraction - w) > 0.01 for a, w in zip(question.answers, rule)):
            question.notes.append("multiple-answer weights differ from the course's rule (+100/right per right "
                                  "choice, -100/right per wrong one); the course's rule now applies")
        return {"scoring": "partial", **found}

    def gift(self, entry, options, report) -> str:
        item = entry.item
        if item.scoring == "all_or_nothing":
            report.note(ALL_OR_NOTHING_NOTE, entry.id)
        answers = [f"~%{percent(w)}%" + gift.escape(inline(c.text)) + gift.feedback(c.feedback)
                   for c, w in zip(item.choices, multiple_select_fractions(item))]
        return "{" + " ".join(answers) + gift.general(entry) + "}"

    def moodle(self, entry, options, report):
        item = entry.item
        if item.scoring == "all_or_nothing":
            report.note(ALL_OR_NOTHING_NOTE, entry.id)
        weights = multiple_select_fractions(item)
        return "multichoice", [
            *mx.settings(single="false", shuffleanswers="true", answernumbering="abc", showstandardinstruction="1"),
            *mx.combined(),
            *(mx.answer(w, inline(c.text), block(c.feedback)) for c, w in zip(item.choices, weights))]

    def qti(self, q, entry, options, report) -> bool:
        texts = choices.texts(entry.item)
        idents = choices.qti_choices(q, entry, texts, multiple=True)
        report.note("multiple-select items: Canvas grades multiple answers with its own partial-credit "
                    "setting; the course's rule is +100/right per right choice, -100/right per wrong one", entry.id)
        cond, var = qti.condition(q.processing)
        both = qti.sub(var, "and")
        for ident, (_text, correct, _fb) in zip(idents, texts):
            target = both if correct else qti.sub(both, "not")
            qti.sub(target, "varequal", ident, respident="response1")
        qti.score(cond)
        return True


TYPE = MultipleSelectType()
