"""Numeric: a number, such as a year, right within a tolerance."""
from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import Field

from ..exporters import gift_syntax as gift, moodle_syntax as mx, qti_syntax as qti
from ..exporters.common import inline, number
from ..schema.common import Text, western_digits
from ..formats import number as written
from ..strings import language, t
from .base import QuestionType, WithFeedback, e, item_feedback_html

# A number typed by the student: the same grammar as the front end (quiz.js) accepts.
UNIT_LINE = re.compile(r"(?:\A|\n\n)Unit: ([^\n]+)\Z")
NUMBER = re.compile(r"[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[ \t\n\r\f\v]*", re.ASCII)


class Numeric(WithFeedback):
    """A question answered with a number, such as a year."""

    type: Literal["numeric"] = Field(description="Always `numeric`.")
    answer: float = Field(allow_inf_nan=False, description="The right number.")
    tolerance: float = Field(default=0, ge=0, allow_inf_nan=False,
                             description="How far from `answer` a number may be and still count (0 = exact).")
    unit: Text | None = Field(None, description="Shown next to the answer box, e.g. year.")


class NumericType(QuestionType):
    name, model = "numeric", Numeric

    def options(self, item) -> None:
        return None

    def score(self, item, response) -> float:
        value = self.number(response)
        return 1.0 if value is not None and abs(value - item.answer) <= item.tolerance + 1e-9 else 0.0

    @staticmethod
    def number(response) -> float | None:
        """The finite number a response holds (digits of any script, see western_digits), else None: text that
        is no number, or one too large ('1e309'), is not an answer (mirrors typedNumber in 10-score.js)."""
        if isinstance(response, str):
            match = NUMBER.fullmatch(western_digits(response))
            if not match:
                return None
            response = match.group(1)
        elif isinstance(response, bool) or not isinstance(response, (int, float)):
            return None
        try:
            value = float(response)
        except OverflowError:   # an int beyond any float
            return None
        return value if math.isfinite(value) else None

    def client(self, item, seed: int = 0) -> dict:
        return {"feedback": item_feedback_html(item), "answer": item.answer, "tolerance": item.tolerance,
                "unit": item.unit or ""}

    def fallback(self, item) -> str:
        return ""

    def answer(self, item) -> str:
        tolerance = f" ± {written(item.tolerance, language(), grouping=False)}" if item.tolerance else ""
        unit = f" {e(item.unit)}" if item.unit else ""
        return f"<p>{e(t('answerKey.value'))}: <strong>{written(item.answer, language(), grouping=False)}{tolerance}</strong>{unit}</p>"

    def paper(self, item, rng) -> str:
        from . import paper_parts as pp

        return pp.answer_line(item.unit)

    def from_lms(self, question):
        if question.qtype != "numerical":
            return None
        from ..importers.common import Unmappable

        right = [a for a in question.answers if a.fraction >= 100]
        others = [a for a in question.answers if a.fraction < 100]
        if len(right) != 1:
            raise Unmappable(f"{len(right)} fully right numbers; the course's numeric item has exactly one")
        if any(a.fraction > 0 or a.text.strip() != "*" for a in others):
            raise Unmappable("partly right numbers (fractions between 0 and 100); the course gives credit or none")
        try:
            value = float(right[0].text)
        except ValueError:
            raise Unmappable(f"the right answer {right[0].text!r} is not a number") from None
        found = {"answer": int(value) if value.is_integer() else value}
        if right[0].tolerance:
            tolerance = right[0].tolerance
            found["tolerance"] = int(tolerance) if float(tolerance).is_integer() else tolerance
        unit = UNIT_LINE.search(question.text)
        if unit:   # the course's exporters write the unit as the prompt's last paragraph
            found["prompt"], found["unit"] = question.text[:unit.start()].rstrip(), unit.group(1)
        feedback = {k: v for k, v in (("correct", right[0].feedback),
                                      ("incorrect", others[0].feedback if others else "")) if v}
        return {**found, **({"feedback": feedback} if feedback else {})}

    def question_text(self, item) -> str:
        """The prompt and the unit as its last paragraph (which :meth:`from_lms` reads back)."""
        return super().question_text(item) + (f"<p>Unit: {inline(item.unit)}</p>" if item.unit else "")

    def gift(self, entry, options, report) -> str:
        item, fb = entry.item, entry.item.feedback
        answer = f"#={gift.escape(number(item.answer))}:{gift.escape(number(item.tolerance))}"
        answer += gift.feedback(fb.correct if fb else None)
        if fb and fb.incorrect:
            answer += " ~" + gift.feedback(fb.incorrect)
        return "{" + answer + gift.general(entry) + "}"

    def moodle(self, entry, options, report):
        item = entry.item
        right, wrong = mx.item_feedback(item)
        auto = "moodle_auto_format"
        found = [mx.answer(100, number(item.answer), right, [mx.element("tolerance", number(item.tolerance))], fmt=auto)]
        if wrong:
            found.append(mx.answer(0, "*", wrong, [mx.element("tolerance", "0")], fmt=auto))
        return "numerical", found + mx.settings(unitgradingtype="0", unitpenalty="0.1", showunits="3", unitsleft="0")

    def qti(self, q, entry, options, report) -> bool:
        item = entry.item
        resp = qti.sub(q.presentation, "response_str", ident="response1", rcardinality="Single")
        qti.sub(qti.sub(resp, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        cond, var = qti.condition(q.processing)
        either = qti.sub(var, "or")
        qti.sub(either, "varequal", number(item.answer), respident="response1")
        span = qti.sub(either, "and")
        qti.sub(span, "vargte", number(item.answer - item.tolerance), respident="response1")
        qti.sub(span, "varlte", number(item.answer + item.tolerance), respident="response1")
        qti.score(cond)
        return True


TYPE = NumericType()
