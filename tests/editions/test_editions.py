"""Student and instructor editions of the real book, the exercise bank, handouts and the schema reference.

Instructor material is looked for by its actual text from exercises/ (and from the session plans), not by
CSS class: the student edition must not contain it anywhere, the instructor edition must.
"""
from __future__ import annotations

import sys

import html as htmllib
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.schema.jsonschema import SCHEMA_DIR, schemas
from coursekit.schema.markdown import to_html
from coursekit.schema.reference import reachable_models
from coursekit.sphinxext.editions import strip_blocks
from tests.conftest import course_bank
from tests.site.helpers import stylesheets

ROOT = Path(__file__).resolve().parents[2]
BANK = course_bank()
TAG = re.compile(r"<[^>]+>")
SESSION_PLAN_TITLES = ["Session plan: Part I in six 90-minute sessions",
                       "Session plan: Part II in four 90-minute sessions"]
SESSION_COUNTS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}   # the number words a title may use


def plain(markup: str) -> str:
    """Text of HTML, with whitespace collapsed (what a reader or a search would see)."""
    return " ".join(htmllib.unescape(TAG.sub(" ", markup)).split())


def md_text(markdown: str) -> str:
    return plain(to_html(markdown))


@lru_cache(maxsize=8)
def site_text(site: Path) -> str:
    """Every HTML page and every downloadable page source of a built site, as plain text."""
    parts = [plain(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    sources = site / "_sources"
    if sources.is_dir():
        parts += [" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(sources.rglob("*")) if p.is_file()]
    return "\n".join(parts)


def page_text(site: Path, page: str) -> str:
    return plain((site / page).read_text(encoding="utf-8"))


def facilitator_notes() -> list[str]:
    return [md_text(text) for _, f in BANK.of_kind("prompts") for p in f.prompts
            for text in (p.facilitator_notes.good_discussion, p.facilitator_notes.misconceptions,
                         p.facilitator_notes.follow_up)]


def model_answers() -> list[str]:
    return [md_text(e.model_answer) for _, f in BANK.of_kind("free_response") for e in f.exercises]


def prompts_text() -> str:
    """Everything students may see on the bank page: used to rule out answers that a prompt also contains."""
    texts = [md_text(i.prompt) for _, q in BANK.of_kind("quiz") for i in q.items]
    texts += [o.text for _, q in BANK.of_kind("quiz") for o in q.objectives]
    texts += [q.title for _, q in BANK.of_kind("quiz")]
    return " ".join(texts)


def answer_texts() -> list[str]:
    """Distinctive answer-key texts: right choices, ordering entries, matching pairs, accepted answers."""
    found = []
    for _, quiz in BANK.of_kind("quiz"):
        for item in quiz.items:
            if item.type in ("single_choice", "multiple_select"):
                found += [md_text(c.text) for c in item.choices if c.correct]
            elif item.type == "ordering":
                found.append(" ".join(md_text(o) for o in item.order))
            elif item.type == "matching":
                found += [f"{md_text(p.left)} → {md_text(p.right)}" for p in item.pairs]
            elif item.type == "short_text":
                found += list(item.accepted)
    shown = prompts_text()
    return [a for a in found if len(a) >= 12 and a not in shown]


# ---------------------------------------------------------------- student edition: absent, not hidden

def test_student_edition_has_no_facilitator_notes(student_site):
    text = site_text(student_site)
    leaked = [n[:80] for n in facilitator_notes() if n in text]
    assert not leaked, leaked


def test_student_edition_has_no_model_answers(student_site):
    text = site_text(student_site)
    answers = model_answers()
    assert len(answers) >= 8
    leaked = [a[:80] for a in answers if a in text or a[:120] in text]
    assert not leaked, leaked


def test_student_edition_has_no_session_plans(student_site):
    text = site_text(student_site)
    for title in SESSION_PLAN_TITLES:
        assert title not in text
    assert "Exit ticket" not in text and "Before class:" not in text
    for part in ("part1", "part2"):   # not in the downloadable page source either
        source = (student_site / "_sources" / "book" / part / "index.md").read_text(encoding="utf-8")
        assert "instructor-only" not in source and "Session plan" not in source


def test_student_bank_lists_everything_without_answers(student_site):
    page = (student_site / "book" / "exercise-bank.html").read_text(encoding="utf-8")
    text = plain(page)
    for _, quiz in BANK.of_kind("quiz"):
        assert quiz.title in text
        for item in quiz.items:
            assert md_text(item.prompt) in text, item.id
            assert f'id="bank-item-{item.id}"' in page
    for _, prompts in BANK.of_kind("prompts"):
        for prompt in prompts.prompts:
            assert md_text(prompt.prompt) in text, prompt.id
    for _, writing in BANK.of_kind("free_response"):
        for exercise in writing.exercises:
            assert md_text(exercise.prompt) in text, exercise.id
    answers = answer_texts()
    assert len(answers) >= 30
    leaked = [a for a in answers if a in text]
    assert not leaked, leaked[:5]
    for marker in ("ck-answer-key", "ck-facilitator", "ck-solution", "Correct choice(s)", "Accepted answers"):
        assert marker not in page


def exercise_blocks(page: str) -> dict[str, str]:
    """Each writing exercise's HTML on a bank page, by id: its own box and, when present, its model answer."""
    found = {}
    for _, writing in BANK.of_kind("free_response"):
        for exercise in writing.exercises:
            start = page.index(f'id="exercise-{exercise.id}"')
            ends = [page.find(marker, start + 1) for marker in ('class="admonition exercise', '<section id="bank-')]
            found[exercise.id] = page[start:min([e for e in ends if e > 0] or [len(page)])]
    return found


def test_student_bank_shows_each_exercise_criteria_under_its_prompt_and_no_model_answer(student_site):
    page = (student_site / "book" / "exercise-bank.html").read_text(encoding="utf-8")
    blocks = exercise_blocks(page)
    exercises = {e.id: e for _, f in BANK.of_kind("free_response") for e in f.exercises}
    assert len(blocks) == len(exercises) == 20
    for ident, block in blocks.items():
        exercise = exercises[ident]
        text = plain(block)
        assert exercise.criteria, ident
        after_prompt = text[text.index(md_text(exercise.prompt)) + len(md_text(exercise.prompt)):]
        assert after_prompt.lstrip().startswith("A good answer…"), ident
        content = block[:block.index("</section>")]          # the exercise's own box: prompt and checklist
        for point in exercise.criteria:
            assert f"<li>{to_html(point, inline=True)}</li>" in content, (ident, point)
        assert content.count("<li>") == len(exercise.criteria)
        assert md_text(exercise.model_answer)[:120] not in text and "ck-solution" not in block


def test_instructor_bank_shows_the_criteria_and_the_model_answer(instructor_site):
    page = (instructor_site / "book" / "exercise-bank.html").read_text(encoding="utf-8")
    for _, writing in BANK.of_kind("free_response"):
        for exercise in writing.exercises:
            text = plain(exercise_blocks(page)[exercise.id])
            assert all(md_text(point) in text for point in exercise.criteria), exercise.id
            assert "A good answer…" in text and md_text(exercise.model_answer) in text, exercise.id
            assert text.index("A good answer…") < text.index("Model answer")


def test_bank_follows_table_of_contents_order(student_site):
    text = page_text(student_site, "book/exercise-bank.html")
    titles = ["Who cooperates, and why", "Science and technology partnerships", "Education, culture and heritage",
              "Security and peacekeeping",
              "Water and environment",
              "Humanitarian aid", "The nuclear order and the OIC states within it",
              "Peaceful nuclear energy partnerships", "Nonproliferation diplomacy",
              "Case study: the Iran nuclear deal"]
    positions = [text.find(t) for t in titles]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions


# ---------------------------------------------------------------- instructor edition: all of it

def test_instructor_edition_has_facilitator_notes_and_model_answers(instructor_site):
    bank = page_text(instructor_site, "book/exercise-bank.html")
    missing = [n[:80] for n in facilitator_notes() if n not in bank]
    missing += [a[:80] for a in model_answers() if a not in bank]
    assert not missing, missing
    page = (instructor_site / "book" / "exercise-bank.html").read_text(encoding="utf-8")
    # sphinx-exercise's classes on the exercise, sphinx-togglebutton's on the model answer
    assert page.count('class="admonition exercise ck-exercise"') == len(model_answers())
    assert page.count('class="admonition solution dropdown toggle ck-solution"') == len(model_answers())


def test_instructor_bank_has_the_answer_key(instructor_site):
    text = page_text(instructor_site, "book/exercise-bank.html")
    missing = [a for a in answer_texts() if a not in text]
    assert not missing, missing[:5]
    for _, quiz in BANK.of_kind("quiz"):
        for item in quiz.items:
            if item.type == "true_false":
                assert "Answer: " + ("true" if item.answer else "false") in text


def test_instructor_edition_has_session_plans(instructor_site):
    for part, title in zip(("part1", "part2"), SESSION_PLAN_TITLES):
        text = page_text(instructor_site, f"book/{part}/index.html")
        assert title in text
        sessions = SESSION_COUNTS[title.split(" in ")[1].split()[0]]   # the count the title announces
        assert text.count("Exit ticket") == sessions and text.count("90-minute") >= 1


def test_facilitator_notes_on_section_pages_only_in_instructor_edition(student_site, instructor_site):
    _, prompts = BANK.for_section("prompts", "part1/science")[0]
    note = md_text(prompts.prompts[0].facilitator_notes.good_discussion)
    assert note in page_text(instructor_site, "book/part1/science.html")
    assert note not in page_text(student_site, "book/part1/science.html")


# ---------------------------------------------------------------- handouts

@pytest.mark.parametrize("part", ["part1", "part2"])
def test_handout_has_print_stylesheet_and_every_prompt_in_order(student_site, part):
    page = (student_site / "book" / part / "handout.html").read_text(encoding="utf-8")
    assert "coursekit/print.css" in stylesheets(student_site / "book" / part / "handout.html")
    assert "coursekit/print.js" not in page                         # CSS only
    assert (student_site / "_static" / "coursekit" / "print.css").is_file()
    text = plain(page)
    expected = [md_text(p.prompt) for _, f in sorted(BANK.of_kind("prompts"), key=lambda e: _toc_index(e[1].section))
                if f.section.startswith(part + "/") for p in f.prompts]
    positions = [text.find(p) for p in expected]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert page.count('class="ck-write-space"') == len(expected)
    for note in facilitator_notes():
        assert note not in text


def test_print_stylesheet_hides_chrome_and_breaks_pages():
    css = (ROOT / "coursekit" / "static" / "print.css").read_text(encoding="utf-8")
    rules = css[css.index("@media print"):]
    for selector in (".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-footer", "button"):
        assert selector in rules
    assert "break-before: page" in rules and "break-inside: avoid" in rules


def test_print_stylesheet_only_on_pages_that_need_it(student_site):
    assert "coursekit/print.css" not in stylesheets(student_site / "book" / "part1" / "science.html")
    assert "coursekit/print.css" not in stylesheets(student_site / "book" / "intro.html")


def _toc_index(section: str) -> int:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    return toc.find(f"book/{section}\n")


# ---------------------------------------------------------------- schema reference and JSON Schema

def test_schema_reference_lists_every_field_of_every_model(instructor_site):
    page = (instructor_site / "book" / "instructors" / "schema-reference.html").read_text(encoding="utf-8")
    models = reachable_models()
    assert len(models) >= 20
    for model, _ in models:
        name = model.__name__.lower()
        assert f'id="schema-{name}"' in page, model.__name__
        table = page[page.index(f'data-model="{model.__name__}"'):]
        table = table[:table.index("</table>")]
        for field, info in model.model_fields.items():
            assert f'id="schema-{name}-{field}"' in table, f"{model.__name__}.{field}"
            assert info.description, f"{model.__name__}.{field} has no description"
            assert htmllib.escape(info.description) in table


def test_every_public_schema_model_is_documented():
    import inspect

    from pydantic import BaseModel

    from coursekit import questions
    from coursekit.schema import activities, common, quiz, timeline
    documented = {m for m, _ in reachable_models()}
    type_modules = [sys.modules[type(t).__module__] for t in questions.TYPES.values()]
    for module in (activities, common, quiz, timeline, questions.base, questions.choices, *type_modules):
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseModel) and obj.__module__ == module.__name__
                    and not name.startswith("_") and obj.model_fields
                    and not obj.__subclasses__()):   # a shared base is documented through its types
                assert obj in documented, name


def test_committed_json_schemas_are_up_to_date(tmp_path, capsys):
    assert main(["schema", "--output", str(tmp_path), "--root", str(ROOT)]) == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / SCHEMA_DIR).iterdir()}
    assert written == committed == schemas(), "run `coursekit schema` and commit exercises/.schema/"
    assert set(written) == {"quiz.schema.json", "prompts.schema.json", "free-response.schema.json",
                            "timeline.schema.json"}
    out = capsys.readouterr().out
    assert out.count("wrote ") == 4


def test_templates_point_at_the_schemas():
    for name in ("quiz", "prompts", "free-response"):
        first = (ROOT / "coursekit" / "templates" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../.schema/{name}.schema.json"
        # exercises/<part>/<section>/<file>.yml -> ../../.schema/ is exercises/.schema/
        assert (ROOT / "exercises" / "part1" / "science" / "../../.schema" / f"{name}.schema.json").resolve().is_file()


def test_every_exercise_file_is_valid_under_its_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml
    names = {"quiz": "quiz", "prompts": "prompts", "free_response": "free-response", "timeline": "timeline"}
    for path, model in BANK.files.items():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        schema = json.loads((ROOT / SCHEMA_DIR / f"{names[model.kind]}.schema.json").read_text(encoding="utf-8"))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
        assert not errors, (path, errors[:3])


def test_strip_blocks_keeps_code_examples():
    text = "a\n```{instructor-only} Plan\nsecret\n```\nb\n````md\n```{instructor-only}\nexample\n```\n````\n"
    assert strip_blocks(text) == "a\nb\n````md\n```{instructor-only}\nexample\n```\n````\n"
    assert strip_blocks("::::{instructor-only}\nx\n::::\ny\n") == "y\n"
