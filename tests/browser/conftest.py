"""The student fixture book: the minibook plus pages built for the browser tests of the quiz.

Built once per run (support.once: one build even when pytest-xdist runs several workers) into a
temporary copy; a test that uses it is ``slow`` (``student_fixture_book`` is in tests/conftest.py's
SLOW_FIXTURES):
- ``part1/learn``: a quiz that exercises teaching (shuffled choices, explanations that wait, partial
  credit, matching with long options, ordering, an item with ``shuffle: false``);
- ``part1/drawn``: a quiz with ``settings.draw``;
- ``part1/hostile``: a quiz, prompts, writing exercises and a timeline (with its quiz) whose every text
  field carries script-like payloads, generated from the schema by ``tests/browser/hostile.py``.
"""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from coursekit.schema.activities import FreeResponseFile, PromptsFile
from coursekit.schema.quiz import QuizFile
from coursekit.schema.timeline import TimelineFile
from support.book import build_book
from support.once import once, run_root
from tests.browser.hostile import hostile, text_fields
from tests.conftest import ROOT

LONG = "the Treaty on the Non-Proliferation of Nuclear Weapons, opened for signature in 1968"
LEARN = {
    "kind": "quiz", "id": "learn", "section": "part1/learn", "title": "Learning by trying",
    "objectives": [{"id": "learn-all", "text": "Practise."}],
    "settings": {"show_answer_after": 2},
    "items": [
        {"id": "l-water", "type": "single_choice", "prompt": "Which river rises in Turkey?",
         "choices": [{"text": "Euphrates", "correct": True, "feedback": "Yes, it rises in eastern Turkey."},
                     {"text": "Nile", "feedback": "The Nile rises far to the south."},
                     {"text": "Indus", "feedback": "The Indus rises in Tibet."},
                     {"text": "Jordan", "feedback": "The Jordan rises near Mount Hermon."}],
         "explanation": "The answer is the Euphrates: it rises in Turkey.", "objectives": ["learn-all"]},
        {"id": "l-multi", "type": "multiple_select", "prompt": "Which are OIC organs?",
         "choices": [{"text": "ICESCO", "correct": True, "feedback": "Correct. ICESCO is a specialised organ."},
                     {"text": "COMSTECH", "correct": True, "feedback": "Correct. COMSTECH is a standing committee."},
                     {"text": "NATO", "feedback": "NATO is not part of the OIC."},
                     {"text": "ASEAN", "feedback": "ASEAN is not part of the OIC."}],
         "explanation": "ICESCO and COMSTECH.", "objectives": ["learn-all"]},
        {"id": "l-fixed", "type": "single_choice", "prompt": "Kept in file order.", "shuffle": False,
         "choices": [{"text": "First choice"}, {"text": "Second choice", "correct": True},
                     {"text": "Third choice"}, {"text": "Fourth choice"}], "objectives": ["learn-all"]},
        {"id": "l-order", "type": "ordering", "prompt": "Earliest first.",
         "order": ["Alpha", "Bravo", "Charlie", "Delta"], "explanation": "Alphabetical.", "objectives": ["learn-all"]},
        {"id": "l-match", "type": "matching", "prompt": "Match the year to the treaty.",
         "pairs": [{"left": "1968", "right": LONG}, {"left": "1996", "right": "the Comprehensive Nuclear-Test-Ban Treaty"},
                   {"left": "2017", "right": "the Treaty on the Prohibition of Nuclear Weapons"}],
         "explanation": "Dates of opening for signature.", "objectives": ["learn-all"]},
        {"id": "l-tf", "type": "true_false", "prompt": "The OIC was founded in 1969.", "answer": True,
         "feedback": {"correct": "Right: Rabat, 1969.", "incorrect": "It was 1969."},
         "explanation": "Rabat summit, 1969.", "objectives": ["learn-all"]},
        {"id": "l-year", "type": "numeric", "prompt": "In which year did the NPT enter into force?", "answer": 1970,
         "unit": "year", "explanation": "It entered into force in 1970.", "objectives": ["learn-all"]},
    ],
}
DRAWN = {
    "kind": "quiz", "id": "drawn", "section": "part1/drawn", "title": "A drawn quiz",
    "objectives": [{"id": "drawn-all", "text": "Answer the drawn items."}],
    "settings": {"draw": 3},
    "items": [{"id": f"d-{n}", "type": "true_false", "prompt": f"Drawn statement number {n}.", "answer": True,
               "objectives": ["drawn-all"]} for n in range(1, 9)],
}

# Valid instances with every optional field present; hostile() fills every text field with payloads.
_SOURCE = {"url": "https://example.org/source", "title": "x", "publisher": "x"}
HOSTILE_QUIZ = {
    "kind": "quiz", "id": "hostile", "section": "part1/hostile", "title": "x",
    "objectives": [{"id": "hostile-all", "text": "x"}],
    "settings": {"show_answer_after": 1},
    "items": [
        {"id": "h-single", "type": "single_choice", "prompt": "x", "hint": "x", "explanation": "x", "tags": ["x"],
         "source": _SOURCE, "difficulty": "easy", "objectives": ["hostile-all"],
         "choices": [{"text": "a", "correct": True, "feedback": "x"}, {"text": "b", "feedback": "x"}]},
        {"id": "h-multi", "type": "multiple_select", "prompt": "x", "hint": "x", "explanation": "x", "tags": ["x"],
         "source": _SOURCE, "choices": [{"text": "a", "correct": True, "feedback": "x"}, {"text": "b", "feedback": "x"}]},
        {"id": "h-tf", "type": "true_false", "prompt": "x", "answer": True, "hint": "x", "explanation": "x",
         "source": _SOURCE, "feedback": {"correct": "x", "incorrect": "x"}},
        {"id": "h-numeric", "type": "numeric", "prompt": "x", "answer": 1970, "tolerance": 1, "unit": "x",
         "hint": "x", "explanation": "x", "source": _SOURCE, "feedback": {"correct": "x", "incorrect": "x"}},
        {"id": "h-order", "type": "ordering", "prompt": "x", "order": ["a", "b", "c"], "hint": "x", "explanation": "x",
         "source": _SOURCE, "feedback": {"correct": "x", "incorrect": "x"}},
        {"id": "h-match", "type": "matching", "prompt": "x", "pairs": [{"left": "a", "right": "b"}, {"left": "c", "right": "d"}],
         "hint": "x", "explanation": "x", "source": _SOURCE, "feedback": {"correct": "x", "incorrect": "x"}},
        {"id": "h-short", "type": "short_text", "prompt": "x", "accepted": ["x"], "hint": "x", "explanation": "x",
         "source": _SOURCE, "feedback": {"correct": "x", "incorrect": "x"}},
    ],
}
HOSTILE_PROMPTS = {
    "kind": "prompts", "section": "part1/hostile", "title": "x",
    "prompts": [{"id": "hp-one", "level": "explain", "prompt": "x", "objectives": ["hostile-all"],
                 "facilitator_notes": {"good_discussion": "x", "misconceptions": "x", "follow_up": "x"}}],
}
HOSTILE_FREE = {
    "kind": "free_response", "section": "part1/hostile", "title": "x",
    "exercises": [{"id": "hf-one", "prompt": "x", "objectives": ["hostile-all"], "criteria": ["x", "x"],
                   "model_answer": "x"}],
}
HOSTILE_TIMELINE = {
    "kind": "timeline", "themes": {"hostile": "x"}, "sections": {"part1/hostile": ["hostile"]},
    "eras": [{"id": "era-one", "label": "x", "start": "1900", "end": "2000"}],
    "events": [{"id": f"he-{n}", "date": date, "title": "x", "summary": "x", "themes": ["hostile"], "actors": ["x"],
                "section": "part1/hostile", "sources": [{"title": "x", "url": "https://example.org/e", "publisher": "x"}],
                "date_note": "x"}
               for n, date in enumerate(["1945-03-22", {"start": "1969-09-22", "end": "1969-09-25"}, "1972", "1990-05"])],
}
HOSTILE_FILES = [  # (path under exercises/, model, template)
    ("part1/hostile/quiz.yml", QuizFile, HOSTILE_QUIZ),
    ("part1/hostile/prompts.yml", PromptsFile, HOSTILE_PROMPTS),
    ("part1/hostile/free-response.yml", FreeResponseFile, HOSTILE_FREE),
    ("timeline.yml", TimelineFile, HOSTILE_TIMELINE),
]
PAGES = {
    "learn": ["from coursekit import show_quizzes\nshow_quizzes(\"part1/learn\")"],
    "drawn": ["from coursekit import show_quizzes\nshow_quizzes(\"part1/drawn\")"],
    "hostile": ["from coursekit import Timeline\nTimeline.for_section(\"part1/hostile\")",
                "from coursekit import show_quizzes\nshow_quizzes(\"part1/hostile\")",
                "from coursekit import Timeline\nTimeline.quiz_for_section(\"part1/hostile\", seed=1, count=3)"],
}
MARKDOWN = {
    "hostile": "# Hostile text\n\n```{learning-objectives} part1/hostile\n```\n\n"
               "```{discussion-prompts} part1/hostile\n```\n\n```{free-response} part1/hostile\n```\n",
}


def _notebook(name: str) -> dict:
    cells = [{"cell_type": "markdown", "id": "title", "metadata": {},
              "source": MARKDOWN.get(name, f"# {name.title()}\n")}]
    cells += [{"cell_type": "code", "execution_count": None, "id": f"cell-{n}", "metadata": {"tags": ["remove-input"]},
               "outputs": [], "source": code} for n, code in enumerate(PAGES[name])]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                         "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def hostile_files() -> tuple[dict[str, dict], set[str], set[str]]:
    """{path: data} of the hostile files, the text fields filled, and the text fields the schema has."""
    covered, expected, files = set(), set(), {}
    for path, model, template in HOSTILE_FILES:
        data = hostile(model, template, covered)
        model.model_validate(data)  # still a valid file: the payloads are text, not structure
        files[path] = data
        expected |= text_fields(model)
    return files, covered, expected


def build_student_book(book) -> None:
    """Write the student fixture book (see the module docstring) into the folder ``book`` and build it."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "minibook", book, ignore=shutil.ignore_patterns("_build"))
    files, _, _ = hostile_files()
    files |= {"part1/learn/quiz.yml": LEARN, "part1/drawn/quiz.yml": DRAWN}
    for path, data in files.items():
        target = book / "exercises" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in PAGES:
        (book / "book" / "part1" / f"{name}.ipynb").write_text(json.dumps(_notebook(name)), encoding="utf-8")
    toc = (book / "_toc.yml").read_text(encoding="utf-8")
    toc += "".join(f"  - file: book/part1/{name}\n" for name in PAGES)
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    build_book(book)  # strict, as ./build; a failed build fails with the end of its log


@pytest.fixture(scope="session")
def student_fixture_book(tmp_path_factory):
    """The student fixture book's folder, built once per run."""
    folder = once(run_root(tmp_path_factory.getbasetemp()) / "student-site", lambda f: build_student_book(f / "book"))
    return folder / "book"


@pytest.fixture(scope="session")
def student_site(student_fixture_book):
    """The built student fixture book's HTML."""
    return student_fixture_book / "_build" / "html"


@pytest.fixture(scope="session")
def student_url(student_site, serve) -> str:
    return serve(student_site)


@pytest.fixture
def phone(browser):
    """A phone: 390 x 844, touch, mobile; fresh storage. Yields (context, page)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield context
    context.close()
