"""Single choice: exactly one right choice."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ..exporters import gift_syntax as gift, moodle_syntax as mx
from ..exporters.common import block, inline
from . import choices
from .base import QuestionType, index


class SingleChoice(choices.ChoiceItem):
    """A question with exactly one right choice."""

    type: Literal["single_choice"] = Field(description="Always `single_choice`.")

    @field_validator("choices")
    @classmethod
    def _exactly_one(cls, value: list[choices.Choice]) -> list[choices.Choice]:
        if sum(c.correct for c in value) > 1:
            raise ValueError("more than one choice is correct; use `type: multiple_select` or mark one")
        return value


class SingleChoiceType(QuestionType):
    name, model = "single_choice", SingleChoice
    cc_profile = "cc.multiple_choice.v0p1"

    def options(self, item) -> int:
        return len(item.choices)

    def score(self, item, response) -> float:
        i = index(response, len(item.choices))
        return 1.0 if i is not None and item.choices[i].correct else 0.0

    def client(self, item, seed: int = 0) -> dict:
        return choices.client(item)

    def fallback(self, item) -> str:
        return choices.fallback(item)

    def answer(self, item) -> str:
        return choices.answer(item)

    def paper(self, item, rng) -> str:
        return choices.paper(item, rng, "paper.one")

    def from_lms(self, question):
        found = choices.from_lms(question, single=True)
        if found is not None:
            partial = [a.fraction for a in question.answers if 0 < a.fraction < 100]
            if partial:
                from ..importers.common import Unmappable
                raise Unmappable(f"a one-answer question gives partial credit ({partial[0]:g}%), which the course's "
                                 "single choice has no place for")
        return found

    def gift(self, entry, options, report) -> str:
        answers = [("=" if c.correct else "~") + gift.escape(inline(c.text)) + gift.feedback(c.feedback)
                   for c in entry.item.choices]
        return "{" + " ".join(answers) + gift.general(entry) + "}"

    def moodle(self, entry, options, report):
        item = entry.item
        return "multichoice", [
            *mx.settings(single="true", shuffleanswers="true", answernumbering="abc", showstandardinstruction="1"),
            *mx.combined(),
            *(mx.answer(100.0 if c.correct else 0.0, inline(c.text), block(c.feedback)) for c in item.choices)]

    def qti(self, q, entry, options, report) -> bool:
        texts = choices.texts(entry.item)
        idents = choices.qti_choices(q, entry, texts, multiple=False)
        choices.qti_single_right(q, idents, texts)
        return True


TYPE = SingleChoiceType()
