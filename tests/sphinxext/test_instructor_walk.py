"""What a new instructor does, in the fixture book: add a quiz to a Markdown section page and to a
notebook page that has no quiz cell, build, and find each quiz on its page; then break a file and get
one located line per problem, the page that reads it, and no traceback."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "minibook"
BIN = ROOT / ".venv" / "bin"
pytestmark = pytest.mark.slow

QUIZ = """\
kind: quiz
id: {id}
section: {section}
title: "{title}"
items:
  - id: {id}-one
    type: true_false
    prompt: "The OIC was founded in 1969."
    answer: true
"""


def run(book: Path, *cmd) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=book)


def build(book: Path) -> subprocess.CompletedProcess:
    return run(book, BIN / "jupyter-book", "build", ".", "--warningiserror", "--nitpick", "--keep-going", "-q")


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    book = tmp_path_factory.mktemp("walk") / "book"
    shutil.copytree(FIXTURE, book, ignore=shutil.ignore_patterns("_build"))
    (book / "book" / "part1" / "notes.md").write_text("# Reading notes\n\nA Markdown page.\n", encoding="utf-8")
    notebook = json.loads((book / "book" / "part1" / "types.ipynb").read_text(encoding="utf-8"))
    notebook["cells"] = [{"cell_type": "markdown", "metadata": {}, "source": "# A page with no quiz cell"},
                         {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                          "source": "1 + 1"}]
    (book / "book" / "part1" / "bare.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    toc = (book / "_toc.yml").read_text(encoding="utf-8").rstrip()
    (book / "_toc.yml").write_text(toc + "\n  - file: book/part1/notes\n  - file: book/part1/bare\n", encoding="utf-8")
    for section, title in (("part1/notes", "Notes quiz"), ("part1/bare", "Bare quiz")):
        target = book / "exercises" / section / "quiz.yml"
        target.parent.mkdir(parents=True)
        target.write_text(QUIZ.format(id=section.replace("/", "-"), section=section, title=title), encoding="utf-8")
    result = build(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book


@pytest.mark.parametrize(("page", "title"), [("notes", "Notes quiz"), ("bare", "Bare quiz")])
def test_a_quiz_file_appears_on_its_section_page_whatever_the_page(book, page, title):
    html = (book / "_build" / "html" / "book" / "part1" / f"{page}.html").read_text(encoding="utf-8")
    assert 'data-module="quiz"' in html and title in html
    assert "show_quizzes" not in html                      # the added cell's code is not shown
    source = (book / "book" / "part1" / f"{page}{'.md' if page == 'notes' else '.ipynb'}").read_text(encoding="utf-8")
    assert title not in source and "show_quizzes" not in source    # the author's file is untouched


def test_a_broken_file_stops_the_build_with_located_lines_and_no_traceback(book):
    quiz = book / "exercises" / "part1" / "notes" / "quiz.yml"
    good = quiz.read_text(encoding="utf-8")
    quiz.write_text(good.replace("    answer: true\n", "    answer: perhaps\n").replace("title:", "titel:"),
                    encoding="utf-8")
    try:
        result = build(book)
    finally:
        quiz.write_text(good, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output and "Look above for the cause" not in output
    lines = [line for line in output.splitlines() if line.startswith("exercises/part1/notes/quiz.yml:")]
    assert len(lines) == len(set(lines)) >= 2                  # each problem once
    assert any(":9:5: error: items.0.answer" in line and "(fix: write true or false)" in line for line in lines)
    assert "  read by book/part1/notes.md" in output
    assert output.rstrip().endswith("shows the full tracebacks)")
