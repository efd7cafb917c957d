"""What the two choice types (single choice, multiple select) share: the choice, its checks and output."""
from __future__ import annotations

from pydantic import Field, field_validator

from ..exporters import qti_syntax as qti
from ..exporters.common import block, inline
from ..schema.common import Strict
from ..schema.markdown import Markdown, to_html
from ..strings import t
from .base import SHUFFLE, ItemBase, e, listing, unique


class Choice(Strict):
    """One choice of a single-choice or multiple-select item."""

    text: Markdown = Field(description="The choice as students see it.")
    correct: bool = Field(False, description="true for a right choice.")
    feedback: Markdown | None = Field(None, description="Shown when the student picks this choice: why it is right or wrong.")


class ChoiceItem(ItemBase):
    choices: list[Choice] = Field(min_length=2, description="The choices; each learner sees them in an order of "
                                                            "their own. Mark the right ones `correct: true`.")
    shuffle: bool = Field(True, description=SHUFFLE)

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[Choice]) -> list[Choice]:
        unique([c.text for c in choices], "choice")
        if not any(c.correct for c in choices):
            raise ValueError("no choice is marked `correct: true`; mark the right answer")
        return choices


def client(item) -> dict:
    return {"choices": [{"html": to_html(c.text, inline=True), "feedback": to_html(c.feedback)} for c in item.choices],
            "correct": [i for i, c in enumerate(item.choices) if c.correct], "shuffle": item.shuffle}


def fallback(item) -> str:
    return listing("ul", [to_html(c.text, inline=True) for c in item.choices])


def answer(item, note: str = "") -> str:
    right = [to_html(c.text, inline=True) for c in item.choices if c.correct]
    return f"<p>{e(t('answerKey.choices'))}{note}:</p>{listing('ul', right)}"


def paper(item, rng, how: str) -> str:
    from . import paper_parts as pp

    return pp.instruction(how) + pp.boxes(pp.in_order([pp.inline(c.text) for c in item.choices], rng))


def from_lms(question, single: bool) -> dict | None:
    """Moodle's multichoice as choices: a choice is right when its fraction is above 0."""
    from ..importers.common import Unmappable

    if question.qtype != "multichoice" or (question.settings.get("single", "true") != "false") != single:
        return None
    if not any(a.fraction > 0 for a in question.answers):
        raise Unmappable("no answer has a positive fraction, so no choice is right")
    if question.correct_feedback or question.incorrect_feedback:
        question.notes.append("feedback for a right or wrong answer as a whole has no place in a choice item "
                              "(each choice has its own): not imported")
    found = []
    for answer in question.answers:
        choice = {"text": answer.text}
        if answer.fraction > 0:
            choice["correct"] = True
        if answer.feedback:
            choice["feedback"] = answer.feedback
        found.append(choice)
    return {"choices": found}


def qti_choices(q: qti.QtiItem, entry, texts: list[tuple[str, bool, str]], multiple: bool) -> list[str]:
    """Write (html, correct, feedback) choices as a QTI ``response_lid``; return their idents."""
    lid = qti.sub(q.presentation, "response_lid", ident="response1", rcardinality="Multiple" if multiple else "Single")
    render = qti.sub(lid, "render_choice")
    idents = [f"{entry.id}-{n}" for n in range(len(texts))]
    for ident, (text, _correct, feedback) in zip(idents, texts):
        qti.material(qti.sub(render, "response_label", ident=ident), text)
        if feedback:
            cond, var = qti.condition(q.processing, "Yes")
            qti.sub(var, "varequal", ident, respident="response1")
            qti.show(cond, f"{ident}_fb")
            qti.feedback(q.item, f"{ident}_fb", feedback)
    return idents


def qti_single_right(q: qti.QtiItem, idents: list[str], texts: list[tuple[str, bool, str]]) -> None:
    cond, var = qti.condition(q.processing)
    right = next(i for i, (_t, c, _f) in zip(idents, texts) if c)
    qti.sub(var, "varequal", right, respident="response1")
    qti.score(cond)


def texts(item) -> list[tuple[str, bool, str]]:
    return [(inline(c.text), c.correct, block(c.feedback)) for c in item.choices]
