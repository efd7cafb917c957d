"""The course's directives in a download, per edition: plain Markdown, instructor material only for instructors.

Only the bank and the edition are needed for these, so a stand-in for the Sphinx application is enough;
roles that need the built book (citations, glossary) are tested on the real build in tests/site.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from coursekit.sphinxext.downloads import Page
from tests.conftest import ROOT, course_bank

BANK = course_bank()
SECTION = "part1/water"


def page(edition: str) -> Page:
    app = SimpleNamespace(srcdir=str(ROOT), env=SimpleNamespace(config=SimpleNamespace(coursekit_edition=edition)))
    return Page(app, f"book/{SECTION}")


def convert(edition: str, text: str) -> str:
    return page(edition).converter.convert(text)


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_free_response_has_model_answers_only_for_instructors(edition):
    [(_, file)] = BANK.select("free_response", SECTION)
    out = convert(edition, f"```{{free-response}} {SECTION}\n```\n")
    for exercise in file.exercises:
        assert exercise.prompt.strip().splitlines()[0] in out
        assert (exercise.model_answer.strip().splitlines()[0] in out) == (edition == "instructor")
    assert ("**Model answer**" in out) == (edition == "instructor")
    assert all(line.startswith(">") or not line for line in out.splitlines())  # blockquotes


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_free_response_criteria_follow_each_prompt_in_both_editions(edition):
    [(_, file)] = BANK.select("free_response", SECTION)
    out = convert(edition, f"```{{free-response}} {SECTION}\n```\n")
    assert out.count("> **A good answer…**") == len(file.exercises)
    for exercise in file.exercises:
        prompt_at = out.index(exercise.prompt.strip().splitlines()[0])
        points = [out.index(f"> - {point}\n", prompt_at) for point in exercise.criteria]
        assert prompt_at < out.index("> **A good answer…**", prompt_at) < points[0]
        assert points == sorted(points)                  # in the file's order


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_instructor_only_blocks_only_for_instructors(edition):
    out = convert(edition, "Before.\n\n:::{instructor-only} Session plan\nBring *maps*.\n:::\n\nAfter.\n")
    expected = "Before.\n\n> **Session plan**\n>\n> Bring *maps*.\n\nAfter.\n" if edition == "instructor" \
        else "Before.\n\nAfter.\n"
    assert out == expected


def test_objectives_prompts_and_review_date_are_plain_markdown():
    [(_, quiz)] = BANK.select("quiz", SECTION)
    [(_, prompts)] = BANK.select("prompts", SECTION)
    out = convert("student", f"```{{learning-objectives}} {SECTION}\n```\n\n```{{discussion-prompts}} {SECTION}\n```\n"
                             "\n```{last-reviewed} 2026-11-21\n```\n")
    assert out.startswith("> **Learning objectives**\n>\n> After this section you should be able to:\n>\n> - ")
    assert out.count("\n> - ") == len(quiz.objectives)
    for number, prompt in enumerate(prompts.prompts, 1):
        assert f"\n{number}. *" in out
    assert "Facilitator notes" not in out
    assert out.endswith("*Last reviewed: 21 November 2026.*\n")
