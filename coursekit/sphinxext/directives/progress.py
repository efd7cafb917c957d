"""``{progress-summary}``: every quiz of the course, filled in by ``static/progress.js`` from what the
quizzes saved in the student's browser."""
from __future__ import annotations

import html
import json
import re

from ...strings import section, t
from ...widgets.quiz import attempt_size, item_shape
from .. import assets
from .common import BankDirective, raw


def _excerpt(markdown: str, length: int = 160) -> str:
    """A prompt as short plain text, to name it in the list of the student's answers."""
    text = " ".join(re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", markdown).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


class ProgressSummary(BankDirective):
    def run(self):
        quizzes = self.files("quiz")
        order = self.course.in_book_order({q.section for _, q in quizzes})
        quizzes.sort(key=lambda pq: (order.index(pq[1].section), pq[0]))
        e = html.escape
        data, rows = [], []
        for _, quiz in quizzes:
            data.append({"id": quiz.id, "title": quiz.title, "section": quiz.section, "total": attempt_size(quiz),
                         "items": [item_shape(item) for item in quiz.items]})  # to check saved entries
            rows.append(f'<tr data-quiz="{e(quiz.id)}"><th scope="row">{self.doc_link(quiz.section, quiz.title)}</th>'
                        f'<td class="ck-answered">–</td><td class="ck-points">–</td></tr>')
        strings = section("progress.")
        assets.need(self.env, "progress")
        answers = [{"id": f"{prefix}-{entry.id}", "section": file.section, "prompt": _excerpt(entry.prompt),
                    "href": self.page_href(file.section) + f"#{prefix}-{entry.id}"}
                   for kind, field, prefix in (("prompts", "prompts", "prompt"), ("free_response", "exercises", "exercise"))
                   for _, file in self.files(kind) for entry in getattr(file, field)]
        return [raw(
            f'<div class="ck-progress" data-quizzes="{e(json.dumps(data))}" data-strings="{e(json.dumps(strings))}">'
            f'<p>{e(t("progress.privacy"))}</p>'
            f'<table class="table ck-progress-table"><caption>{e(t("progress.caption"))}</caption>'
            f'<thead><tr><th scope="col">{e(t("progress.quiz"))}</th><th scope="col">{e(t("progress.answered"))}</th>'
            f'<th scope="col">{e(t("progress.score"))}</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">{e(t("progress.total"))}</th><td class="ck-total-answered">–</td>'
            f'<td class="ck-total-points">–</td></tr></tfoot></table>'
            f'<div class="ck-progress-actions">'
            f'<button type="button" class="ck-export-json" hidden>{e(t("progress.exportJson"))}</button>'
            f'<button type="button" class="ck-export-csv" hidden>{e(t("progress.exportCsv"))}</button>'
            f'<button type="button" class="ck-reset-all" hidden>{e(t("progress.reset"))}</button></div>'
            f'<p class="ck-progress-status" role="status" aria-live="polite"></p>'
            f'<section class="ck-own-answers" data-answers="{e(json.dumps(answers))}">'
            f'<h2>{e(t("progress.answersHeading"))}</h2><p class="ck-answers-none">{e(t("progress.answersNone"))}</p>'
            f'<ol class="ck-answer-list"></ol></section>'
            f'<noscript><p>{e(t("progress.noscript"))}</p></noscript></div>')]


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
                    f'data-strings="{e(json.dumps(section("continue.")))}"></div>')]
