"""Matching: pairs students match, all pairs right to score."""
from __future__ import annotations

import random
from typing import Literal

from pydantic import Field, field_validator

from ..exporters import gift_syntax as gift, moodle_syntax as mx, qti_syntax as qti
from ..exporters.common import MATCHING_NOTE, inline, number, plain
from ..schema.common import Strict
from ..schema.markdown import Markdown, to_html
from ..strings import t
from .base import SHUFFLE, QuestionType, WithFeedback, e, indices, item_feedback_html, listing, shuffled, unique

PLAIN_RIGHT_NOTE = ("matching right-hand sides are plain text in {lms}: images and links there became text with "
                    "their address")


class Pair(Strict):
    """One pair of a matching item."""

    left: Markdown = Field(description="The entry students match from.")
    right: Markdown = Field(description="Its match (the right-hand sides are shuffled).")


class Matching(WithFeedback):
    """Pairs students match."""

    type: Literal["matching"] = Field(description="Always `matching`.")
    pairs: list[Pair] = Field(min_length=2, description="The right pairs; each side must be distinct.")
    shuffle: bool = Field(True, description=SHUFFLE)

    @field_validator("pairs")
    @classmethod
    def _distinct(cls, pairs: list[Pair]) -> list[Pair]:
        unique([p.left for p in pairs], "left side")
        unique([p.right for p in pairs], "right side")
        return pairs


def qti_pairs(q: qti.QtiItem, entry, pairs: list[tuple[str, str]], report) -> None:
    """(left, right) Markdown pairs as one QTI ``response_lid`` per left side, credit shared per pair."""
    rights = []
    for _left, right in pairs:
        text, changed = plain(right)
        if changed:
            report.note(PLAIN_RIGHT_NOTE.format(lms="Canvas"), entry.id)
        rights.append(text)
    right_ids = [f"{entry.id}-r{n}" for n in range(len(pairs))]
    share = number(round(100 / len(pairs), 4))
    for n, (left, _right) in enumerate(pairs):
        lid = qti.sub(q.presentation, "response_lid", ident=f"response_{entry.id}-l{n}")
        qti.material(lid, inline(left))
        render = qti.sub(lid, "render_choice")
        for ident, text in zip(right_ids, rights):
            qti.sub(qti.sub(qti.sub(render, "response_label", ident=ident), "material"), "mattext", text)
        cond, var = qti.condition(q.processing, "Yes")
        qti.sub(var, "varequal", right_ids[n], respident=f"response_{entry.id}-l{n}")
        qti.score(cond, share, "Add")
    if q.right_fb:   # shown only when every pair is right
        cond, var = qti.condition(q.processing, "Yes")
        every = qti.sub(var, "and")
        for n in range(len(pairs)):
            qti.sub(every, "varequal", right_ids[n], respident=f"response_{entry.id}-l{n}")
        qti.show(cond, "correct_fb")
        qti.feedback(q.item, "correct_fb", q.right_fb)
        q.right_fb = ""


def _labelled_feedback(question) -> None:
    """Put back the right/wrong feedback the GIFT writer appended, labelled, to the general feedback."""
    labels = [f"**{gift.RIGHT_LABEL}**", f"**{gift.WRONG_LABEL}**"]
    parts = question.general_feedback.split("\n\n")
    if not any(p in labels for p in parts):
        return
    kept, current = [], None
    found = {labels[0]: [], labels[1]: []}
    for part in parts:
        if part in labels:
            current = part
        elif current:
            found[current].append(part)
        else:
            kept.append(part)
    question.general_feedback = "\n\n".join(kept)
    question.correct_feedback = question.correct_feedback or "\n\n".join(found[labels[0]])
    question.incorrect_feedback = question.incorrect_feedback or "\n\n".join(found[labels[1]])


class MatchingType(QuestionType):
    name, model = "matching", Matching

    def options(self, item) -> None:
        return None

    def score(self, item, response) -> float:
        return 1.0 if indices(response, len(item.pairs)) == list(range(len(item.pairs))) else 0.0

    def client(self, item, seed: int = 0) -> dict:
        return {"feedback": item_feedback_html(item), "lefts": [to_html(p.left, inline=True) for p in item.pairs],
                "rights": [to_html(p.right, inline=True) for p in item.pairs],
                "shown": shuffled(len(item.pairs), f"{seed}:{item.id}"), "shuffle": item.shuffle}

    def fallback(self, item) -> str:
        rights = random.Random(item.id).sample([p.right for p in item.pairs], len(item.pairs))
        return (listing("ul", [to_html(p.left, inline=True) for p in item.pairs])
                + listing("ul", [to_html(r, inline=True) for r in rights]))

    def answer(self, item) -> str:
        pairs = [f"{to_html(p.left, inline=True)} → {to_html(p.right, inline=True)}" for p in item.pairs]
        return f"<p>{e(t('answerKey.pairs'))}:</p>{listing('ul', pairs)}"

    def paper(self, item, rng) -> str:
        from . import paper_parts as pp

        lefts = "".join(f'<li><span class="ck-paper-fill ck-paper-fill-short"></span> {pp.inline(p.left)}</li>'
                        for p in item.pairs)
        rights = pp.in_order([pp.inline(p.right) for p in item.pairs], rng)
        return pp.instruction("paper.match") + f'<ol class="ck-paper-lefts">{lefts}</ol>' + pp.lettered(rights)

    def from_lms(self, question):
        if question.qtype != "matching":
            return None
        if any(not left.strip() for left, _right in question.pairs):
            from ..importers.common import Unmappable
            raise Unmappable("extra right-hand answers with no question (distractors); the course matches "
                             "pairs only")
        from ..importers.markup import escape

        _labelled_feedback(question)
        pairs = [{"left": left, "right": escape(right)} for left, right in question.pairs]
        return {"pairs": pairs, **({"feedback": question.feedback()} if question.feedback() else {})}

    def gift(self, entry, options, report) -> str:
        report.note(MATCHING_NOTE, entry.id)
        return gift.matching(entry, [(p.left, p.right) for p in entry.item.pairs], report, entry.item.feedback)

    def moodle(self, entry, options, report):
        report.note(MATCHING_NOTE, entry.id)
        right, wrong = mx.item_feedback(entry.item)
        found = [*mx.settings(shuffleanswers="true"), *mx.combined(right, wrong)]
        for pair in entry.item.pairs:
            text, changed = plain(pair.right)
            if changed:
                report.note(PLAIN_RIGHT_NOTE.format(lms="Moodle"), entry.id)
            found.append(mx.element("subquestion", format="html", children=[
                mx.element("text", inline(pair.left)), mx.element("answer", children=[mx.element("text", text)])]))
        return "matching", found

    def qti(self, q, entry, options, report) -> bool:
        report.note(MATCHING_NOTE, entry.id)
        qti_pairs(q, entry, [(p.left, p.right) for p in entry.item.pairs], report)
        return True


TYPE = MatchingType()
