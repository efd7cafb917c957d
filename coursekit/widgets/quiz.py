"""The self-check quiz widget."""
from __future__ import annotations

import html
from pathlib import Path

import traitlets

from ..bank import course_bank
from ..bibliography import reference_html
from ..course import find_root
from ..questions import TYPES, allowed_tries
from ..schema.errors import ExerciseError, Problem
from ..schema.markdown import to_html
from ..schema.quiz import QuizFile
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
        """Every item's prompt and offered answers, then the answer key. The prompt and explanation carry
        ``data-ck-part`` (their path in the widget state), so that the built page keeps one copy of each:
        the build drops them from the saved state and the host reads them back from here (see
        ``coursekit.sphinxext.assets.share_parts``)."""
        questions, answers = [], []
        for n, item in enumerate(self.spec.items):  # every item: the draw happens in the browser
            kind = TYPES[item.type]
            questions.append(f"<li>{_part(n, 'prompt', to_html(item.prompt))}{kind.fallback(item)}</li>")
            answers.append(f"<li>{kind.answer(item)}{_part(n, 'explanation', to_html(item.explanation))}</li>")
        return (
            f'<div class="ck-fallback ck-quiz-fallback"><p class="ck-fallback-title">'
            f"{html.escape(self.spec.title)}</p>"
            f'<p class="ck-noscript-note">{html.escape(t("fallback.noscript"))}</p>'
            f"<ol>{''.join(questions)}</ol><details><summary>{html.escape(t('fallback.answers'))}</summary>"
            f"<ol>{''.join(answers)}</ol></details></div>"
        )


def _part(n: int, field: str, text: str) -> str:
    """``text`` marked as the state's ``quiz.items[n].<field>`` (an empty text needs no copy)."""
    return f'<div data-ck-part="quiz.items.{n}.{field}">{text}</div>' if text else ""


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
    return {
        "id": item.id,
        "type": item.type,
        "prompt": to_html(item.prompt),
        "hint": to_html(item.hint),
        "explanation": to_html(item.explanation),
        "source": _source_html(item.source),
        "tries": allowed_tries(item, spec.settings.show_answer_after),
        **TYPES[item.type].client(item, spec.settings.seed),
    }


def _source_html(source) -> str:
    if source is None:
        return ""
    if source.cite:
        return reference_html(find_root(), source.cite)
    title = html.escape(source.title or source.url)
    return f'<a href="{html.escape(source.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'


def show_quizzes(section: str) -> None:
    """Display every quiz of a section: what section pages call, so added quiz files appear there."""
    from IPython.display import display

    for quiz in Quiz.all_for_section(section):
        display(quiz)
