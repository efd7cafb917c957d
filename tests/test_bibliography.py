"""Cited sources in quiz items: formatted from the book's bibliography, and checked to exist."""
from __future__ import annotations

from pathlib import Path

from coursekit.bank import Bank
from coursekit.bibliography import reference_html

BIB = """@misc{un-charter,
  author = {{United Nations}},
  title = {Charter of the {United Nations} <b>bold</b>},
  year = {1945},
  url = {https://www.un.org/en/about-us/un-charter/full-text},
}
"""
QUIZ = """kind: quiz
id: demo
section: part1/demo
title: Demo
items:
  - id: demo-1
    type: true_false
    prompt: "The UN Charter was signed in 1945."
    answer: true
    source: {cite: %s}
"""


def course(tmp_path: Path, key: str) -> Path:
    (tmp_path / "_config.yml").write_text("bibtex_bibfiles: [refs.bib]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "exercises" / "part1" / "demo").mkdir(parents=True)
    (tmp_path / "exercises" / "part1" / "demo" / "quiz.yml").write_text(QUIZ % key, encoding="utf-8")
    return tmp_path


def test_a_cited_key_becomes_an_escaped_linked_reference(tmp_path):
    root = course(tmp_path, "un-charter")
    html = reference_html(root, "UN-Charter")
    assert html.startswith("United Nations (1945). <a href=\"https://www.un.org/")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html


def test_an_unknown_key_is_a_located_error_with_a_fix(tmp_path):
    bank = Bank.load(course(tmp_path, "no-such-key"))
    [problem] = bank.errors
    assert problem.line == 10 and "no bibliography entry 'no-such-key'" in problem.message
    assert "bibtex_bibfiles" in problem.fix


def test_every_key_the_course_cites_exists():
    root = Path(__file__).resolve().parent.parent
    assert [str(p) for p in Bank.load(root).errors] == []
