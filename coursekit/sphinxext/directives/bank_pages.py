"""Pages built from the whole bank: the exercise bank and the printable discussion handouts.

Both read every file and record a ("*", "*") query, so a new exercise file appears on them at the
next incremental build with no code change.
"""
from __future__ import annotations

import html

from docutils import nodes
from docutils.parsers.rst import directives

from ...questions import TYPES
from ...schema.markdown import to_html
from ...strings import t
from .. import assets
from .common import BankDirective, exercise_html, instructor_edition, level, prompt_item, raw


def section_node(ident: str, title: str) -> nodes.section:
    section = nodes.section(ids=[ident], names=[nodes.fully_normalize_name(ident)])
    section += nodes.title(text=title)
    return section


def quiz_table(quiz, teacher: bool) -> str:
    e = html.escape
    columns = ["number", "prompt", "type", "objectives", "difficulty"] + (["answer"] if teacher else [])
    head = "".join(f'<th scope="col">{e(t("bank.col." + c))}</th>' for c in columns)
    rows = []
    for n, item in enumerate(quiz.items, 1):
        rows.append(
            f'<tr id="bank-item-{e(item.id)}"><td>{n}</td><td>{to_html(item.prompt)}'
            f'<p class="ck-bank-id"><code>{e(item.id)}</code></p></td><td>{e(t("type." + item.type))}</td>'
            f'<td>{", ".join(f"<code>{e(o)}</code>" for o in item.objectives) or "–"}</td>'
            f'<td>{e(item.difficulty or "–")}</td>'
            + (f'<td class="ck-answer-key">{TYPES[item.type].answer(item)}</td>' if teacher else "") + "</tr>")
    objectives = "".join(f"<li><code>{e(o.id)}</code>: {e(o.text)}</li>" for o in quiz.objectives)
    draw = " " + t("bank.draw", draw=quiz.settings.draw) if quiz.settings.draw else ""
    return (f'<div class="ck-bank-quiz"><h3>{e(quiz.title)}</h3>'
            f'<p>{e(t("bank.quizHead", id=quiz.id, count=len(quiz.items)) + draw)} {e(t("bank.objectives"))}</p>'
            f'<ul class="ck-bank-objectives">{objectives}</ul>'
            f'<div class="pst-scrollable-table-container"><table class="table ck-bank-table">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>')


class ExerciseBank(BankDirective):
    """``{exercise-bank}``: every quiz, prompts and free-response file, by section in book order.

    The student edition lists prompts, types, objectives and difficulty; the instructor edition adds the
    answer key, facilitator notes and model answers, which the student edition does not contain at all.
    """

    def run(self):
        teacher = instructor_edition(self.env)
        by_section: dict[str, dict[str, list]] = {}
        for path, model in self.files("*"):
            if model.kind in ("quiz", "prompts", "free_response"):
                by_section.setdefault(model.section, {}).setdefault(model.kind, []).append((path, model))
        count = {k: sum(len(getattr(m, f)) for s in by_section.values() for _, m in s.get(k, []))
                 for k, f in (("quiz", "items"), ("prompts", "prompts"), ("free_response", "exercises"))}
        summary = t("bank.summary", sections=len(by_section), items=count["quiz"], prompts=count["prompts"],
                    writing=count["free_response"]) + (" " + t("bank.summaryInstructor") if teacher else "")
        result = [raw(f'<p class="ck-bank-summary">{html.escape(summary)}</p>')]
        for section in self.course.in_book_order(by_section):
            files = by_section[section]
            link = self.doc_link(section, t("bank.readSection"))
            if teacher:  # where each section's questions come from: for authors, never for students
                names = ", ".join(f"<code>{html.escape(str(p.relative_to(self.root)))}</code>"
                                  for found in files.values() for p, _ in found)
                meta = t("bank.section", section=f"<code>{html.escape(section)}</code>", link=link, files=names)
            else:
                meta = t("bank.sectionStudent", link=link)
            parts = [f'<p class="ck-bank-meta">{meta}</p>']
            parts += [quiz_table(quiz, teacher) for _, quiz in files.get("quiz", [])]
            for _, prompts in files.get("prompts", []):
                items = "".join(prompt_item(p, teacher, f"bank-prompt-{p.id}") for p in prompts.prompts)
                parts.append(f'<div class="ck-bank-prompts"><h3>{html.escape(prompts.title)}</h3>'
                             f'<ol class="ck-prompts">{items}</ol></div>')
            for _, writing in files.get("free_response", []):
                exercises = "".join(exercise_html(x, teacher, str(n)) for n, x in enumerate(writing.exercises, 1))
                parts.append(f'<div class="ck-bank-writing"><h3>{html.escape(writing.title)}</h3>{exercises}</div>')
            node = section_node(f"bank-{section.replace('/', '-')}", self.course.section_title(section))
            node += raw("".join(parts))
            result.append(node)
        return result


class DiscussionHandout(BankDirective):
    """``{discussion-handout} part1``: the part's discussion prompts, in order, with room to write; printable."""

    required_arguments = 1
    option_spec = {"lines": directives.positive_int}

    def run(self):
        part = self.arguments[0].strip("/")
        found = {m.section: m for _, m in self.files("prompts") if m.section.split("/")[0] == part}
        if not found:
            raise self.error(f"no prompts files for part {part!r} in exercises/")
        assets.need(self.env, "print")
        e = html.escape
        space = "".join('<div class="ck-write-line"></div>' for _ in range(self.options.get("lines", 7)))
        result = [raw(f'<div class="ck-handout-header"><p><span>{e(t("handout.name"))}</span><span class="ck-fill">'
                      f'</span><span>{e(t("handout.date"))}</span><span class="ck-fill ck-fill-short"></span></p>'
                      f'<p class="ck-handout-note">{e(t("handout.thisPage"))}</p></div>')]
        number = 0
        for section in self.course.in_book_order(found):
            items = []
            for prompt in found[section].prompts:
                number += 1
                items.append(f'<li class="ck-handout-prompt" value="{number}" id="handout-{e(prompt.id)}">'
                             f'{level(prompt)}{to_html(prompt.prompt)}'
                             f'<div class="ck-write-space" aria-hidden="true">{space}</div></li>')
            node = section_node(f"handout-{section.replace('/', '-')}", self.course.section_title(section))
            node["classes"].append("ck-handout-section")
            node += raw(f'<ol class="ck-handout-prompts">{"".join(items)}</ol>')
            result.append(node)
        return result
