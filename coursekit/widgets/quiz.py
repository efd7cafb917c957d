"""The self-check quiz widget."""
from __future__ import annotations

import html
import random
from pathlib import Path

import traitlets

from ..bank import course_bank, find_root
from ..bibliography import reference_html
from ..schema.errors import ExerciseError, Problem
from ..schema.markdown import to_html
from ..schema.quiz import QuizFile, normalise
from ..strings import t
from .base import CourseWidget, module_css, module_source


class Quiz(CourseWidget):
    """A quiz from a quiz file. Live, ``answers``, ``score`` and ``total`` follow the student's work."""

    _esm = module_source("quiz")
    _css = module_css("quiz")
    _module = traitlets.Unicode("quiz").tag(sync=True)
    quiz = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    score = traitlets.Float(0).tag(sync=True)
    total = traitlets.Int(0).tag(sync=True)

    def __init__(self, spec: QuizFile, *, source: Path | None = None, queries: list[tuple[str, str]] = ()):
        self.spec = spec
        super().__init__(sources=[source] if source else [], queries=queries,
                         quiz=client_data(spec), total=attempt_size(spec))

    @classmethod
    def all_for_section(cls, section: str) -> list["Quiz"]:
        """Every quiz file of a book section, in file order; a new file joins without code changes."""
        bank = course_bank(find_root())
        found = bank.for_section("quiz", section)
        if not found:
            raise ExerciseError([Problem(bank.root / "exercises", 0, 0, f"section {section!r} has no quiz file",
                                         f"create one with `coursekit new quiz --section {section}`")])
        return [cls(spec, source=path.relative_to(bank.root), queries=[("quiz", section)]) for path, spec in found]

    @classmethod
    def for_section(cls, section: str) -> "Quiz":
        """The quiz of a book section, e.g. ``Quiz.for_section("part1/science")``; one file expected."""
        quizzes = cls.all_for_section(section)
        if len(quizzes) != 1:
            raise ExerciseError([Problem(quizzes[0]._sources[0], 0, 0,
                                         f"section {section!r} has {len(quizzes)} quiz files",
                                         "use show_quizzes(section) to show them all, or Quiz.from_id(...)")])
        return quizzes[0]

    @classmethod
    def from_id(cls, quiz_id: str, **kwargs) -> "Quiz":
        bank = course_bank(find_root())
        for path, spec in bank.of_kind("quiz"):
            if spec.id == quiz_id:
                return cls(spec, source=path.relative_to(bank.root), **kwargs)
        raise KeyError(f"no quiz with id {quiz_id!r} under exercises/")

    def stable_repr(self) -> str:
        return f"Quiz(id={self.spec.id!r}, section={self.spec.section!r})"

    def fallback_html(self) -> str:
        questions, answers = [], []
        for item in self.spec.items:  # every item: the draw happens in the browser
            questions.append(f"<li>{to_html(item.prompt)}{_fallback_body(item)}</li>")
            answers.append(f"<li>{_fallback_answer(item)}{to_html(item.explanation)}</li>")
        return (
            f'<div class="ck-fallback ck-quiz-fallback"><p class="ck-fallback-title">'
            f"{html.escape(self.spec.title)}</p>"
            f'<p class="ck-noscript-note">{html.escape(t("quiz.noscript"))}</p>'
            f"<ol>{''.join(questions)}</ol><details><summary>{html.escape(t('quiz.answers'))}</summary>"
            f"<ol>{''.join(answers)}</ol></details></div>"
        )


def attempt_size(spec: QuizFile) -> int:
    """How many items one attempt has (and so the score total): ``settings.draw``, else every item."""
    return min(spec.settings.draw or len(spec.items), len(spec.items))


def item_shape(item) -> dict:
    """What checking a saved answer needs (quiz/30-storage.js validEntry): the item's type and size."""
    size = len(getattr(item, "choices", None) or getattr(item, "order", None) or getattr(item, "pairs", None) or [])
    return {"id": item.id, "type": item.type, "size": size}


def client_data(spec: QuizFile) -> dict:
    """What the front end needs: rendered, escaped HTML and the answer key, nothing else. Every item
    ships, with ``draw``: the browser draws per learner and attempt (coursekit/widgets/quiz/20-shuffle.js)."""
    return {
        "id": spec.id,
        "title": spec.title,
        "section": spec.section,
        "showAnswerAfter": spec.settings.show_answer_after,
        "draw": spec.settings.draw,
        "items": [_client_item(spec, item) for item in spec.items],
    }


def _client_item(spec: QuizFile, item) -> dict:
    data = {
        "id": item.id,
        "type": item.type,
        "prompt": to_html(item.prompt),
        "hint": to_html(item.hint),
        "explanation": to_html(item.explanation),
        "source": _source_html(item.source),
    }
    feedback = getattr(item, "feedback", None)
    if item.type in ("single_choice", "multiple_select"):
        data["choices"] = [{"html": to_html(c.text, inline=True), "feedback": to_html(c.feedback)}
                           for c in item.choices]
        data["correct"] = [i for i, c in enumerate(item.choices) if c.correct]
        data["shuffle"] = item.shuffle
        if item.type == "multiple_select":
            data["scoring"] = item.scoring
    else:
        data["feedback"] = {"correct": to_html(feedback.correct) if feedback else "",
                            "incorrect": to_html(feedback.incorrect) if feedback else ""}
    if item.type == "true_false":
        data["answer"] = item.answer
    elif item.type == "numeric":
        data.update(answer=item.answer, tolerance=item.tolerance, unit=item.unit or "")
    elif item.type == "ordering":
        data["entries"] = [to_html(o, inline=True) for o in item.order]
        data["shown"] = _shuffled(len(item.order), spec, item.id)
        data["shuffle"] = item.shuffle
    elif item.type == "matching":
        data["lefts"] = [to_html(p.left, inline=True) for p in item.pairs]
        data["rights"] = [to_html(p.right, inline=True) for p in item.pairs]
        data["shown"] = _shuffled(len(item.pairs), spec, item.id)
        data["shuffle"] = item.shuffle
    elif item.type == "short_text":
        data["accepted"] = sorted({normalise(a) for a in item.accepted})
        data["display"] = html.escape(item.accepted[0])
    return data


def _shuffled(n: int, spec: QuizFile, item_id: str) -> list[int]:
    """The fixed order of an item with ``shuffle: false`` (ordering, matching): never the answer itself."""
    order = list(range(n))
    rng = random.Random(f"{spec.settings.seed}:{item_id}")
    while order == list(range(n)):
        rng.shuffle(order)
    return order


def _source_html(source) -> str:
    if source is None:
        return ""
    if source.cite:
        return reference_html(find_root(), source.cite)
    title = html.escape(source.title or source.url)
    return f'<a href="{html.escape(source.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'


def _fallback_body(item) -> str:
    if item.type in ("single_choice", "multiple_select"):
        return "<ul>" + "".join(f"<li>{to_html(c.text, inline=True)}</li>" for c in item.choices) + "</ul>"
    if item.type == "true_false":
        return f"<p>{html.escape(t('quiz.true'))} / {html.escape(t('quiz.false'))}</p>"
    if item.type == "ordering":
        shown = random.Random(item.id).sample(item.order, len(item.order))
        return "<ul>" + "".join(f"<li>{to_html(o, inline=True)}</li>" for o in shown) + "</ul>"
    if item.type == "matching":
        rights = random.Random(item.id).sample([p.right for p in item.pairs], len(item.pairs))
        return ("<ul>" + "".join(f"<li>{to_html(p.left, inline=True)}</li>" for p in item.pairs) + "</ul><ul>"
                + "".join(f"<li>{to_html(r, inline=True)}</li>" for r in rights) + "</ul>")
    return ""


def _fallback_answer(item) -> str:
    if item.type in ("single_choice", "multiple_select"):
        return "; ".join(to_html(c.text, inline=True) for c in item.choices if c.correct)
    if item.type == "true_false":
        return html.escape(t("quiz.true") if item.answer else t("quiz.false"))
    if item.type == "numeric":
        unit = f" {html.escape(item.unit)}" if item.unit else ""
        tol = f" (± {item.tolerance:g})" if item.tolerance else ""
        return f"{item.answer:g}{tol}{unit}"
    if item.type == "ordering":
        return " → ".join(to_html(o, inline=True) for o in item.order)
    if item.type == "matching":
        return "; ".join(f"{to_html(p.left, inline=True)} — {to_html(p.right, inline=True)}" for p in item.pairs)
    return html.escape(item.accepted[0])


def show_quizzes(section: str) -> None:
    """Display every quiz of a section: what section pages call, so added quiz files appear there."""
    from IPython.display import display

    for quiz in Quiz.all_for_section(section):
        display(quiz)
