"""The notebook a section page offers for download follows its edition: the instructor's carries the
facilitator notes as plain Markdown, the student's carries none of them (nor any instructor file)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import course_bank

BANK = course_bank()
PAGE = "book/part1/water"


def download(site: Path) -> tuple[dict, str]:
    notebook = json.loads((site / "_sources" / f"{PAGE}.ipynb").read_text(encoding="utf-8"))
    markdown = "\n".join(c["source"] for c in notebook["cells"] if c["cell_type"] == "markdown")
    return notebook, markdown


def notes() -> list[str]:
    [(_, prompts)] = BANK.select("prompts", "part1/water")
    return [p.facilitator_notes.good_discussion.strip() for p in prompts.prompts]


def test_instructor_download_has_the_facilitator_notes(instructor_site):
    notebook, markdown = download(instructor_site)
    assert notebook["metadata"]["coursekit"]["edition"] == "instructor"
    assert "**Facilitator notes**" in markdown
    missing = [n[:60] for n in notes() if " ".join(n.split())[:60] not in " ".join(markdown.replace(">", " ").split())]
    assert missing == []


def test_student_download_has_none(student_site):
    notebook, markdown = download(student_site)
    text = json.dumps(notebook)
    assert notebook["metadata"]["coursekit"]["edition"] == "student"
    assert "Facilitator notes" not in text and "prompts.yml" not in text
    assert [n[:60] for n in notes() if n[:60] in markdown] == []
