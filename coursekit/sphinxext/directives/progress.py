"""``{progress-summary}``: every quiz of the course, filled in by ``static/progress.js`` from what the
quizzes saved in the student's browser."""
from __future__ import annotations

import html
import json
import re

from ...strings import section, t
from ...widgets.quiz import attempt_size, item_shape
from .. import assets
from .book_quizzes import book_quizzes
from .common import BankDirective, raw


def _excerpt(markdown: str, length: int = 160) -> str:
    """A prompt as short plain text, to name it in the list of the student's answers."""
    text = " ".join(re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", markdown).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


class ProgressSummary(BankDirective):
    """Every quiz of the book with its score, the sections read and a course progress bar, what to do
    next, the student's own answers, export and import (``static/progress.js`` fills it in)."""

    def run(self):
        e = html.escape
        pages = self.course.pages
        data, rows = [], []
        for page, quiz in book_quizzes(self):
            named = page == quiz.section or quiz.title.endswith(self.course.section_title(quiz.section))
            title = quiz.title if named else f"{quiz.title}: {self.course.section_title(quiz.section)}"
            data.append({"id": quiz.id, "title": title, "section": quiz.section, "total": attempt_size(quiz),
                         "href": self.page_href(page), "order": pages.index(page),
                         "items": [item_shape(item) for item in quiz.items]})  # to check saved entries
            rows.append(f'<tr data-quiz="{e(quiz.id)}"><th scope="row"><a class="reference internal" '
                        f'href="{e(self.page_href(page))}">{e(title)}</a></th>'
                        f'<td class="ck-answered">–</td><td class="ck-points">–</td></tr>')
        sections = [{"id": page, "title": self.course.section_title(page), "href": self.page_href(page),
                     "order": pages.index(page)} for page in self.course.section_pages]
        assets.need(self.env, "progress")
        answers = [{"id": f"{prefix}-{entry.id}", "section": file.section, "prompt": _excerpt(entry.prompt),
                    "href": self.page_href(file.section) + f"#{prefix}-{entry.id}"}
                   for kind, field, prefix in (("prompts", "prompts", "prompt"), ("free_response", "exercises", "exercise"))
                   for _, file in self.files(kind) for entry in getattr(file, field)]
        attrs = {"data-quizzes": data, "data-sections": sections, "data-strings": section("progress"),
                 "data-course": self.course.title}
        return [raw(
            f'<div class="ck-progress" {_data_attributes(attrs)}>'
            f'<p>{e(t("progress.privacy"))}</p>'
            f'{_overview()}'
            f'<table class="table ck-progress-table"><caption>{e(t("progress.caption"))}</caption>'
            f'<thead><tr><th scope="col">{e(t("progress.quiz"))}</th><th scope="col">{e(t("progress.answered"))}</th>'
            f'<th scope="col">{e(t("progress.score"))}</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">{e(t("progress.total"))}</th><td class="ck-total-answered">–</td>'
            f'<td class="ck-total-points">–</td></tr></tfoot></table>'
            f'{_sections_table(sections)}'
            f'<div class="ck-progress-actions">'
            f'<button type="button" class="ck-export-json" hidden>{e(t("progress.exportJson"))}</button>'
            f'<button type="button" class="ck-export-csv" hidden>{e(t("progress.exportCsv"))}</button>'
            f'<button type="button" class="ck-reset-all" hidden>{e(t("progress.reset"))}</button></div>'
            f'{_tools()}'
            f'<p class="ck-progress-status" role="status" aria-live="polite"></p>'
            f'<section class="ck-own-answers" data-answers="{e(json.dumps(answers))}">'
            f'<h2>{e(t("progress.answersHeading"))}</h2><p class="ck-answers-none">{e(t("progress.answersNone"))}</p>'
            f'<ol class="ck-answer-list"></ol></section>'
            f'<noscript><p>{e(t("progress.noscript"))}</p></noscript></div>')]


def _data_attributes(attrs: dict) -> str:
    return " ".join(f'{name}="{html.escape(json.dumps(value, ensure_ascii=False))}"' for name, value in attrs.items())


def _overview() -> str:
    """The course progress bar (a <progress> with its label and the same in words) and what to do next."""
    e = html.escape
    return (f'<div class="ck-overview" hidden><label for="ck-course-bar">{e(t("progress.bar"))}</label> '
            f'<progress id="ck-course-bar" class="ck-course-bar" max="1" value="0" aria-describedby="ck-course-text">'
            f'</progress><p id="ck-course-text" class="ck-course-text"></p>'
            f'<h2>{e(t("progress.nextHeading"))}</h2><p class="ck-next"></p></div>')


def _sections_table(sections: list[dict]) -> str:
    e = html.escape
    rows = "".join(f'<tr data-section="{e(s["id"])}"><th scope="row"><a class="reference internal" href="{e(s["href"])}">'
                   f'{e(s["title"])}</a></th><td class="ck-read-cell">–</td></tr>' for s in sections)
    return (f'<h2>{e(t("progress.sectionsHeading"))}</h2><table class="table ck-sections-table">'
            f'<caption>{e(t("progress.sectionsCaption"))}</caption><thead><tr><th scope="col">{e(t("progress.section"))}'
            f'</th><th scope="col">{e(t("progress.read"))}</th></tr></thead><tbody>{rows}</tbody></table>')


def _tools() -> str:
    """The learner's name for exports and the import of an export file; hidden until the script runs."""
    e = html.escape
    return (f'<div class="ck-progress-tools" hidden><p><label for="ck-learner-name">{e(t("progress.nameLabel"))}</label>'
            f'<input type="text" id="ck-learner-name" class="ck-learner-name" maxlength="200" autocomplete="name"></p>'
            f'<p><label for="ck-import-file">{e(t("progress.importLabel"))}</label>'
            f'<input type="file" id="ck-import-file" class="ck-import-file" accept=".json,application/json"></p></div>')


class ContinueHere(BankDirective):
    """``{continue-here}``: on the home page, "continue where you left off" for a learner with progress
    (filled in by ``static/continue.js`` from the quizzes' saved records; hidden for a new learner)."""

    def run(self):
        quizzes = self.files("quiz")
        order = self.course.in_book_order({q.section for _, q in quizzes})
        quizzes.sort(key=lambda pq: (order.index(pq[1].section), pq[0]))
        data = [{"id": q.id, "section": q.section, "total": attempt_size(q), "title": self.course.section_title(q.section),
                 "href": self.page_href(q.section), "items": [item_shape(item) for item in q.items]}
                for _, q in quizzes]
        assets.need(self.env, "continue")
        e = html.escape
        return [raw(f'<div class="ck-continue" hidden data-quizzes="{e(json.dumps(data))}" '
                    f'data-strings="{e(json.dumps(section("continue")))}"></div>')]
