"""Directives for one section page: its objectives, prompts, writing exercises, review date, and
instructor-only content."""
from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...strings import t
from .. import assets
from .common import BankDirective, exercise_html, instructor_edition, prompt_item, raw


class LearningObjectives(BankDirective):
    """``{learning-objectives} part1/science``: the objectives listed in the section's quiz files."""

    required_arguments = 1

    def run(self):
        objectives = [o for _, quiz in self.files("quiz", self.arguments[0]) for o in quiz.objectives]
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


class DiscussionPrompts(BankDirective):
    """``{discussion-prompts} part1/science``: prompts, with facilitator notes in the instructor edition."""

    required_arguments = 1

    def run(self):
        found = self.files("prompts", self.arguments[0])
        if not found:
            raise self.error(f"no prompts file for section {self.arguments[0]!r} in exercises/")
        teacher = instructor_edition(self.env)
        section = self.arguments[0]
        items = "".join(prompt_item(p, teacher, f"prompt-{p.id}", section) for _, file in found for p in file.prompts)
        if not teacher:
            assets.need(self.env, "answers")
        return [raw(f'<ol class="ck-prompts">{items}</ol>')]


class FreeResponse(BankDirective):
    """``{free-response} part1/science``: writing exercises; model answers in the instructor edition."""

    required_arguments = 1

    def run(self):
        teacher = instructor_edition(self.env)
        section = self.arguments[0]
        parts = [exercise_html(e, teacher, answer_section=section)
                 for _, file in self.files("free_response", section) for e in file.exercises]
        if parts and not teacher:
            assets.need(self.env, "answers")
        return [raw("".join(parts))] if parts else []


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

    def run(self):
        try:
            when = dt.date.fromisoformat(self.arguments[0])
        except ValueError:
            raise self.error(f"last-reviewed date {self.arguments[0]!r} is not YYYY-MM-DD") from None
        if when > dt.date.today():
            raise self.error(f"last-reviewed date {when} is in the future")
        return [nodes.paragraph(text=t("book.lastReviewed", date=f"{when.day} {when:%B %Y}"),
                                classes=["ck-last-reviewed"])]
