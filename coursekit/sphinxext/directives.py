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
        parts = [_exercise_html(exercise, teacher) for _, file in self.entries() for exercise in file.exercises]
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


# ---------------------------------------------------------------- the whole bank, handouts, schema

TYPE_LABELS = {"single_choice": "single choice", "multiple_select": "multiple select", "true_false": "true/false",
               "numeric": "numeric", "ordering": "ordering", "matching": "matching", "short_text": "short text"}


def toc_sections(root: Path) -> list[str]:
    """Section ids ('part1/science') of the book, in table-of-contents order."""
    import yaml

    path = root / "_toc.yml"
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("file"), str) and node["file"].startswith("book/"):
                found.append(node["file"].removeprefix("book/"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if path.exists():
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def section_title(root: Path, section: str) -> str:
    """The first heading of the section's page (notebook or Markdown), else the section id."""
    for suffix in (".ipynb", ".md"):
        page = root / "book" / f"{section}{suffix}"
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        if suffix == ".ipynb":
            cells = json.loads(text).get("cells", [])
            text = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")
        for line in text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return section


def _in_toc_order(root: Path, sections) -> list[str]:
    order = toc_sections(root)
    return sorted(set(sections), key=lambda s: (order.index(s) if s in order else len(order), s))


def _answer_key(item) -> str:
    """The answer of a quiz item as HTML (instructor edition only)."""
    kind = item.type
    if kind in ("single_choice", "multiple_select"):
        right = "".join(f"<li>{to_html(c.text, inline=True)}</li>" for c in item.choices if c.correct)
        extra = f" <span class=\"ck-bank-scoring\">({item.scoring.replace('_', ' ')})</span>" \
            if kind == "multiple_select" else ""
        return f"<p>Correct choice(s){extra}:</p><ul>{right}</ul>"
    if kind == "true_false":
        return f"<p>Answer: <strong>{'true' if item.answer else 'false'}</strong></p>"
    if kind == "numeric":
        value = f"{item.answer:g}"
        tolerance = f" ± {item.tolerance:g}" if item.tolerance else ""
        unit = f" {html.escape(item.unit)}" if item.unit else ""
        return f"<p>Answer: <strong>{value}{tolerance}</strong>{unit}</p>"
    if kind == "ordering":
        return "<p>Correct order:</p><ol>" + "".join(f"<li>{to_html(o, inline=True)}</li>" for o in item.order) + "</ol>"
    if kind == "matching":
        pairs = "".join(f"<li>{to_html(p.left, inline=True)} → {to_html(p.right, inline=True)}</li>" for p in item.pairs)
        return f"<p>Pairs:</p><ul>{pairs}</ul>"
    if kind == "short_text":
        accepted = "".join(f"<li>{html.escape(a)}</li>" for a in item.accepted)
        return f"<p>Accepted answers:</p><ul>{accepted}</ul>"
    return ""


def _facilitator_notes(notes) -> str:
    return (f'<div class="admonition note ck-facilitator"><p class="admonition-title">'
            f'{html.escape(t("book.facilitatorNotes"))}</p>'
            f'<p><strong>{html.escape(t("book.goodDiscussion"))}</strong></p>{to_html(notes.good_discussion)}'
            f'<p><strong>{html.escape(t("book.misconceptions"))}</strong></p>{to_html(notes.misconceptions)}'
            f'<p><strong>{html.escape(t("book.followUp"))}</strong></p>{to_html(notes.follow_up)}</div>')


def _exercise_html(exercise, teacher: bool, number: str = "") -> str:
    """A free-response exercise in sphinx-exercise's markup; its model answer as a sphinx-togglebutton dropdown."""
    title = html.escape(t("book.exercise") + (f" {number}" if number else ""))
    out = (f'<div class="admonition exercise ck-exercise" id="exercise-{exercise.id}">'
           f'<p class="admonition-title">{title}</p><section class="exercise-content">{to_html(exercise.prompt)}'
           f'</section></div>')
    if teacher:
        out += (f'<div class="admonition solution dropdown toggle ck-solution" id="model-answer-{exercise.id}">'
                f'<p class="admonition-title">{html.escape(t("book.modelAnswer"))}</p>'
                f'<section class="solution-content">{to_html(exercise.model_answer)}</section></div>')
    return out


class _WholeBank(SphinxDirective):
    """A directive that reads every file of the bank and is re-read when any file appears or goes."""

    def bank(self):
        root = find_root(Path(self.env.srcdir))
        try:
            bank = course_bank(root)
        except ExerciseError as exc:
            raise self.error(str(exc)) from None
        dependencies.record(self.env, "*", "*")
        for path in bank.files:
            self.env.note_dependency(str(path))
        return root, bank

    def doc_link(self, section: str, text: str) -> str:
        href = self.env.app.builder.get_relative_uri(self.env.docname, f"book/{section}") \
            if hasattr(self.env.app.builder, "get_relative_uri") else f"book/{section}"
        return f'<a class="reference internal" href="{html.escape(href)}">{html.escape(text)}</a>'

    def section_node(self, ident: str, title: str) -> nodes.section:
        section = nodes.section(ids=[ident], names=[nodes.fully_normalize_name(ident)])
        section += nodes.title(text=title)
        return section


class ExerciseBank(_WholeBank):
    """``{exercise-bank}``: every quiz, prompts and free-response file, by section in book order.

    The student edition lists prompts, types, objectives and difficulty; the instructor edition adds the
    answer key, facilitator notes and model answers. They are not emitted at all in the student edition.
    """

    def run(self):
        root, bank = self.bank()
        teacher = instructor_edition(self.env)
        by_section: dict[str, dict[str, list]] = {}
        for path, model in sorted(bank.files.items()):
            kind = getattr(model, "kind", "")
            if kind in ("quiz", "prompts", "free_response"):
                by_section.setdefault(model.section, {}).setdefault(kind, []).append((path, model))
        result = []
        totals = {k: sum(len(getattr(m, f)) for s in by_section.values() for _, m in s.get(k, []))
                  for k, f in (("quiz", "items"), ("prompts", "prompts"), ("free_response", "exercises"))}
        summary = (f'<p class="ck-bank-summary">{len(by_section)} sections: {totals["quiz"]} quiz items, '
                   f'{totals["prompts"]} discussion prompts and {totals["free_response"]} free-response exercises'
                   f'{" (instructor edition: with answers, facilitator notes and model answers)" if teacher else ""}.'
                   f'</p>')
        result.append(nodes.raw("", summary, format="html"))
        for section in _in_toc_order(root, by_section):
            files = by_section[section]
            title = section_title(root, section)
            node = self.section_node(f"bank-{section.replace('/', '-')}", title)
            parts = [f'<p class="ck-bank-meta">Section <code>{html.escape(section)}</code>: '
                     f'{self.doc_link(section, "read the section")}. Files: '
                     + ", ".join(f"<code>{html.escape(str(p.relative_to(root)))}</code>"
                                 for ms in files.values() for p, _ in ms) + ".</p>"]
            for _, quiz in files.get("quiz", []):
                parts.append(self.quiz_html(quiz, teacher))
            for _, prompts in files.get("prompts", []):
                parts.append(f'<div class="ck-bank-prompts"><h3>{html.escape(prompts.title)}</h3><ol class="ck-prompts">')
                for prompt in prompts.prompts:
                    parts.append(f'<li class="ck-prompt-item" id="bank-prompt-{prompt.id}"><span class="ck-level">'
                                 f'{LEVEL_LABELS[prompt.level]}</span>{to_html(prompt.prompt)}')
                    if teacher:
                        parts.append(_facilitator_notes(prompt.facilitator_notes))
                    parts.append("</li>")
                parts.append("</ol></div>")
            for _, writing in files.get("free_response", []):
                parts.append(f'<div class="ck-bank-writing"><h3>{html.escape(writing.title)}</h3>')
                for n, exercise in enumerate(writing.exercises, 1):
                    parts.append(_exercise_html(exercise, teacher, str(n)))
                parts.append("</div>")
            node += nodes.raw("", "".join(parts), format="html")
            result.append(node)
        return result

    def quiz_html(self, quiz, teacher: bool) -> str:
        e = html.escape
        objectives = "".join(f'<li><code>{e(o.id)}</code>: {e(o.text)}</li>' for o in quiz.objectives)
        head = ("<tr><th scope=\"col\">#</th><th scope=\"col\">Prompt</th><th scope=\"col\">Type</th>"
                "<th scope=\"col\">Objectives</th><th scope=\"col\">Difficulty</th>"
                + ("<th scope=\"col\">Answer</th>" if teacher else "") + "</tr>")
        rows = []
        for n, item in enumerate(quiz.items, 1):
            rows.append(
                f'<tr id="bank-item-{e(item.id)}"><td>{n}</td><td>{to_html(item.prompt)}'
                f'<p class="ck-bank-id"><code>{e(item.id)}</code></p></td>'
                f'<td>{e(TYPE_LABELS.get(item.type, item.type))}</td>'
                f'<td>{", ".join(f"<code>{e(o)}</code>" for o in item.objectives) or "–"}</td>'
                f'<td>{e(item.difficulty or "–")}</td>'
                + (f'<td class="ck-answer-key">{_answer_key(item)}</td>' if teacher else "") + "</tr>")
        draw = f" Each visit shows {quiz.settings.draw} of them." if quiz.settings.draw else ""
        return (f'<div class="ck-bank-quiz"><h3>{e(quiz.title)}</h3>'
                f'<p>Quiz <code>{e(quiz.id)}</code>, {len(quiz.items)} items.{draw} Learning objectives:</p>'
                f'<ul class="ck-bank-objectives">{objectives}</ul>'
                f'<div class="pst-scrollable-table-container"><table class="table ck-bank-table">'
                f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div></div>')


class DiscussionHandout(_WholeBank):
    """``{discussion-handout} part1``: the part's discussion prompts, in order, with room to write; printable."""

    required_arguments = 1
    option_spec = {"lines": directives.positive_int}

    def run(self):
        root, bank = self.bank()
        part = self.arguments[0].strip("/")
        lines = self.options.get("lines", 7)
        found = {m.section: m for _, m in bank.of_kind("prompts") if m.section.split("/")[0] == part}
        if not found:
            raise self.error(f"no prompts files for part {part!r} in exercises/")
        assets.need(self.env, "print")
        e = html.escape
        head = ('<div class="ck-handout-header"><p><span>Name:</span><span class="ck-fill"></span>'
                '<span>Date:</span><span class="ck-fill ck-fill-short"></span></p></div>')
        result = [nodes.raw("", head, format="html")]
        number = 0
        for section in _in_toc_order(root, found):
            prompts = found[section]
            node = self.section_node(f"handout-{section.replace('/', '-')}", section_title(root, section))
            node["classes"].append("ck-handout-section")
            items = []
            for prompt in prompts.prompts:
                number += 1
                space = "".join('<div class="ck-write-line"></div>' for _ in range(lines))
                items.append(f'<li class="ck-handout-prompt" value="{number}" id="handout-{e(prompt.id)}">'
                             f'<span class="ck-level">{LEVEL_LABELS[prompt.level]}</span>{to_html(prompt.prompt)}'
                             f'<div class="ck-write-space" aria-hidden="true">{space}</div></li>')
            node += nodes.raw("", f'<ol class="ck-handout-prompts">{"".join(items)}</ol>', format="html")
            result.append(node)
        return result


class SchemaReference(SphinxDirective):
    """``{schema-reference}``: every model of coursekit.schema as tables, generated from the code."""

    def run(self):
        from ..schema.reference import model_docs

        assets.need(self.env, "print")  # tables print cleanly too
        result = []
        for doc in model_docs():
            node = nodes.section(ids=[f"schema-{doc.name.lower()}"], names=[nodes.fully_normalize_name(doc.name)])
            node += nodes.title(text=doc.title)
            e = html.escape
            rows = "".join(
                f'<tr id="schema-{doc.name.lower()}-{e(f.name)}"><td><code>{e(f.name)}</code></td>'
                f'<td>{e(f.type)}</td><td>{"required" if f.required else "optional"}</td>'
                f'<td>{"<code>" + e(f.default) + "</code>" if f.default is not None else "–"}</td>'
                f'<td>{e(f.constraints) or "–"}</td><td>{e(f.description) or "–"}</td></tr>'
                for f in doc.fields)
            body = (f'<p>{e(doc.description)}</p>' if doc.description else "") + (
                f'<p class="ck-schema-used">{e(doc.used_in)}</p>' if doc.used_in else "") + (
                f'<div class="pst-scrollable-table-container"><table class="table ck-schema-table" '
                f'data-model="{e(doc.name)}"><thead><tr><th scope="col">Field</th><th scope="col">Type</th>'
                f'<th scope="col">Required</th><th scope="col">Default</th><th scope="col">Constraints</th>'
                f'<th scope="col">Description</th></tr></thead><tbody>{rows}</tbody></table></div>')
            node += nodes.raw("", body, format="html")
            result.append(node)
        return result


DIRECTIVES.update({
    "exercise-bank": ExerciseBank,
    "discussion-handout": DiscussionHandout,
    "schema-reference": SchemaReference,
})
