"""Directives that put instructor data from exercises/ into book pages.

Text from exercise files is rendered by ``coursekit.schema.markdown`` (raw HTML escaped) and inserted
as HTML; it is never parsed as MyST, so an exercise file cannot smuggle in a directive. Instructor-only
material (facilitator notes, model answers, session plans) is not emitted at all in the student
edition: absent from the HTML, not hidden by CSS.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..bank import course_bank, find_root
from ..schema.errors import ExerciseError
from ..schema.markdown import to_html
from ..strings import catalog, t
from . import assets, dependencies

LEVEL_LABELS = {"remember": "Remember", "understand": "Understand", "explain": "Explain", "apply": "Apply",
                "analyse": "Analyse", "evaluate": "Evaluate", "create": "Create"}


def instructor_edition(env) -> bool:
    return env.config.coursekit_edition == "instructor"


class _BankDirective(SphinxDirective):
    required_arguments = 1
    kind = ""

    def entries(self):
        """The files of ``kind`` for the section argument; every file read becomes a dependency."""
        root = find_root(Path(self.env.srcdir))
        try:
            found = course_bank(root).for_section(self.kind, self.arguments[0])
        except ExerciseError as exc:
            raise self.error(str(exc)) from None
        for path, _ in found:
            self.env.note_dependency(str(path))
        dependencies.record(self.env, self.kind, self.arguments[0])
        return found

    def html(self, text: str, classes: str = "") -> nodes.raw:
        return nodes.raw("", f'<div class="{classes}">{text}</div>' if classes else text, format="html")


class LearningObjectives(_BankDirective):
    """``{learning-objectives} part1/science``: the objectives listed in the section's quiz file."""

    kind = "quiz"

    def run(self):
        found = self.entries()
        objectives = [o for _, quiz in found for o in quiz.objectives]
        if not objectives:
            raise self.error(f"no learning objectives for section {self.arguments[0]!r} in exercises/")
        box = nodes.admonition(classes=["tip", "learning-objectives"])
        box += nodes.title(text=t("book.objectives"))
        box += nodes.paragraph(text=t("book.objectivesLead"))
        items = nodes.bullet_list()
        for objective in objectives:
            items += nodes.list_item("", nodes.paragraph(text=objective.text), ids=[f"objective-{objective.id}"])
        box += items
        return [box]


class DiscussionPrompts(_BankDirective):
    """``{discussion-prompts} part1/science``: prompts, with facilitator notes in the instructor edition."""

    kind = "prompts"

    def run(self):
        found = self.entries()
        if not found:
            raise self.error(f"no prompts file for section {self.arguments[0]!r} in exercises/")
        teacher = instructor_edition(self.env)
        parts = ['<ol class="ck-prompts">']
        for _, file in found:
            for prompt in file.prompts:
                parts.append(f'<li class="ck-prompt-item" id="prompt-{prompt.id}">'
                             f'<span class="ck-level">{LEVEL_LABELS[prompt.level]}</span>{to_html(prompt.prompt)}')
                if teacher:
                    notes = prompt.facilitator_notes
                    parts.append(
                        f'<div class="admonition note ck-facilitator"><p class="admonition-title">'
                        f'{html.escape(t("book.facilitatorNotes"))}</p>'
                        f'<p><strong>{html.escape(t("book.goodDiscussion"))}</strong></p>{to_html(notes.good_discussion)}'
                        f'<p><strong>{html.escape(t("book.misconceptions"))}</strong></p>{to_html(notes.misconceptions)}'
                        f'<p><strong>{html.escape(t("book.followUp"))}</strong></p>{to_html(notes.follow_up)}</div>')
                parts.append("</li>")
        parts.append("</ol>")
        return [self.html("".join(parts))]


class FreeResponse(_BankDirective):
    """``{free-response} part1/science``: writing exercises; model answers in the instructor edition."""

    kind = "free_response"

    def run(self):
        teacher = instructor_edition(self.env)
        parts = []
        for _, file in self.entries():
            for exercise in file.exercises:
                parts.append(f'<div class="admonition ck-exercise" id="exercise-{exercise.id}">'
                             f'<p class="admonition-title">{html.escape(t("book.exercise"))}</p>{to_html(exercise.prompt)}</div>')
                if teacher:
                    parts.append(f'<div class="admonition dropdown toggle ck-solution"><p class="admonition-title">'
                                 f'{html.escape(t("book.modelAnswer"))}</p>{to_html(exercise.model_answer)}</div>')
        return [self.html("".join(parts))] if parts else []


class InstructorOnly(SphinxDirective):
    """``{instructor-only}``: book content (a session plan, say) that only the instructor edition has."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self):
        if not instructor_edition(self.env):
            return []
        box = nodes.admonition(classes=["note", "ck-instructor-only"])
        box += nodes.title(text=self.arguments[0] if self.arguments else t("book.forInstructors"))
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


class LastReviewed(SphinxDirective):
    """``{last-reviewed} 2026-11-21``: when the page's facts were last checked."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self):
        try:
            when = dt.date.fromisoformat(self.arguments[0])
        except ValueError:
            raise self.error(f"last-reviewed date {self.arguments[0]!r} is not YYYY-MM-DD") from None
        if when > dt.date.today():
            raise self.error(f"last-reviewed date {when} is in the future")
        text = t("book.lastReviewed", date=f"{when.day} {when:%B %Y}")
        return [nodes.paragraph(text=text, classes=["ck-last-reviewed"])]


class ProgressSummary(SphinxDirective):
    """``{progress-summary}``: every quiz of the course, filled in from the student's saved progress."""

    def run(self):
        root = find_root(Path(self.env.srcdir))
        try:
            bank = course_bank(root)
        except ExerciseError as exc:
            raise self.error(str(exc)) from None
        toc = (root / "_toc.yml").read_text(encoding="utf-8") if (root / "_toc.yml").exists() else ""

        def toc_position(entry):
            position = toc.find(f"book/{entry[1].section}\n")
            return (position if position >= 0 else len(toc), entry[0])

        in_toc_order = sorted(bank.of_kind("quiz"), key=toc_position)
        quizzes, body = [], []
        dependencies.record(self.env, "quiz", "*")
        for path, quiz in in_toc_order:
            self.env.note_dependency(str(path))
            total = len(quiz.drawn_items())
            quizzes.append({"id": quiz.id, "title": quiz.title, "section": quiz.section, "total": total})
            href = self.env.app.builder.get_relative_uri(self.env.docname, f"book/{quiz.section}")
            body.append(f'<tr data-quiz="{html.escape(quiz.id)}"><th scope="row"><a href="{html.escape(href)}">'
                        f'{html.escape(quiz.title)}</a></th><td class="ck-answered">–</td>'
                        f'<td class="ck-points">–</td></tr>')
        strings = {k: v for k, v in catalog().items() if k.startswith("progress.")}
        assets.need(self.env, "progress")
        e = html.escape
        table = (
            f'<div class="ck-progress" data-quizzes="{e(json.dumps(quizzes))}" data-strings="{e(json.dumps(strings))}">'
            f'<p>{e(t("progress.privacy"))}</p>'
            f'<table class="table ck-progress-table"><caption>{e(t("progress.caption"))}</caption>'
            f'<thead><tr><th scope="col">{e(t("progress.quiz"))}</th><th scope="col">{e(t("progress.answered"))}</th>'
            f'<th scope="col">{e(t("progress.score"))}</th></tr></thead><tbody>{"".join(body)}</tbody>'
            f'<tfoot><tr><th scope="row">{e(t("progress.total"))}</th><td class="ck-total-answered">–</td>'
            f'<td class="ck-total-points">–</td></tr></tfoot></table>'
            f'<div class="ck-progress-actions">'
            f'<button type="button" class="ck-export-json" hidden>{e(t("progress.exportJson"))}</button>'
            f'<button type="button" class="ck-export-csv" hidden>{e(t("progress.exportCsv"))}</button>'
            f'<button type="button" class="ck-reset-all" hidden>{e(t("progress.reset"))}</button></div>'
            f'<p class="ck-progress-status" role="status" aria-live="polite"></p>'
            f'<noscript><p>{e(t("progress.noscript"))}</p></noscript></div>'
        )
        return [nodes.raw("", table, format="html")]


DIRECTIVES = {
    "progress-summary": ProgressSummary,
    "learning-objectives": LearningObjectives,
    "discussion-prompts": DiscussionPrompts,
    "free-response": FreeResponse,
    "instructor-only": InstructorOnly,
    "last-reviewed": LastReviewed,
}
