"""What every data directive shares: reading the bank, dependencies, editions, book order, HTML pieces.

Text from exercise files is rendered by ``coursekit.schema.markdown`` (raw HTML escaped) and inserted
as HTML; it is never parsed as MyST, so an exercise file cannot smuggle in a directive. Instructor-only
material is not emitted at all in the student edition: absent from the HTML, not hidden by CSS.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...bank import Bank, course_bank
from ...course import Course, find_root
from ...questions.essay import criteria_html
from ...schema.errors import ExerciseError
from ...schema.markdown import to_html
from ...strings import section as ui_strings, t
from .. import dependencies


def instructor_edition(env) -> bool:
    return env.config.coursekit_edition == "instructor"


class BankDirective(SphinxDirective):
    """A directive that reads the course bank; every file it reads, and what it asked, rebuilds it."""

    def bank(self) -> Bank:
        try:
            return course_bank(self.root)
        except ExerciseError as exc:
            raise self.error(str(exc)) from None

    @property
    def root(self) -> Path:
        return find_root(Path(self.env.srcdir))

    @property
    def course(self) -> Course:
        return Course(self.root)

    def files(self, kind: str, section: str = "*") -> list:
        """The (path, model) files of ``kind`` ("*" for any) for ``section`` ("*" for all), noted as read."""
        found = self.bank().select(kind, section)
        for path, _ in found:
            self.env.note_dependency(str(path))
        dependencies.record(self.env, kind, section)
        return found

    def page_href(self, section: str) -> str:
        """The address of a section's page, relative to the page being written."""
        return self.env.app.builder.get_relative_uri(self.env.docname, Course.docname(section))

    def doc_link(self, section: str, text: str) -> str:
        return f'<a class="reference internal" href="{html.escape(self.page_href(section))}">{html.escape(text)}</a>'


def raw(markup: str) -> nodes.raw:
    return nodes.raw("", markup, format="html")


def level(prompt) -> str:
    return f'<span class="ck-level">{html.escape(t("level." + prompt.level))}</span>'


def facilitator_notes(notes) -> str:
    e = html.escape
    return (f'<div class="admonition note ck-facilitator"><p class="admonition-title">{e(t("book.facilitatorNotes"))}</p>'
            f'<p><strong>{e(t("book.goodDiscussion"))}</strong></p>{to_html(notes.good_discussion)}'
            f'<p><strong>{e(t("book.misconceptions"))}</strong></p>{to_html(notes.misconceptions)}'
            f'<p><strong>{e(t("book.followUp"))}</strong></p>{to_html(notes.follow_up)}</div>')


def answer_box(ident: str, section: str) -> str:
    """A box for the student's own answer, kept in the browser (coursekit/static/answers.js); hidden
    until that script runs, since without it nothing could be kept."""
    e = html.escape
    strings = json.dumps(ui_strings("answer"), ensure_ascii=False)
    return (f'<div class="ck-answer" hidden data-answer-id="{e(ident)}" data-section="{e(section)}" '
            f'data-strings="{e(strings)}"><label for="answer-{e(ident)}">{e(t("answer.label"))}</label>'
            f'<textarea id="answer-{e(ident)}" rows="5"></textarea>'
            f'<p class="ck-answer-status" aria-live="polite"></p><div class="ck-answer-print"></div></div>')


def prompt_item(prompt, teacher: bool, ident: str, answer_section: str | None = None) -> str:
    """One discussion prompt as a list item; facilitator notes only for the instructor edition, and a box
    for the student's own answer (when ``answer_section`` is given) only for the student edition."""
    notes = facilitator_notes(prompt.facilitator_notes) if teacher else ""
    box = answer_box(f"prompt-{prompt.id}", answer_section) if answer_section and not teacher else ""
    return f'<li class="ck-prompt-item" id="{ident}">{level(prompt)}{to_html(prompt.prompt)}{notes}{box}</li>'


def exercise_html(exercise, teacher: bool, number: str = "", answer_section: str | None = None) -> str:
    """A free-response exercise in sphinx-exercise's markup, its criteria under the prompt in both
    editions; its model answer as a sphinx-togglebutton dropdown in the instructor edition, a box for the
    student's own answer in the student edition."""
    title = html.escape(t("book.exercise") + (f" {number}" if number else ""))
    box = answer_box(f"exercise-{exercise.id}", answer_section) if answer_section and not teacher else ""
    out = (f'<div class="admonition exercise ck-exercise" id="exercise-{exercise.id}">'
           f'<p class="admonition-title">{title}</p><section class="exercise-content">{to_html(exercise.prompt)}'
           f'{criteria_html(exercise)}</section>{box}</div>')
    if teacher:
        out += (f'<div class="admonition solution dropdown toggle ck-solution" id="model-answer-{exercise.id}">'
                f'<p class="admonition-title">{html.escape(t("book.modelAnswer"))}</p>'
                f'<section class="solution-content">{to_html(exercise.model_answer)}</section></div>')
    return out
