"""Export, import, export again gives the same questions: every quiz of the course, in Moodle XML and GIFT.

Each quiz file is exported on its own, imported into a fresh course with `coursekit import`, checked with
`coursekit check`, and exported again; the two exports must be byte for byte the same questions. Only
what an LMS file cannot carry may differ: the category's description (the quiz title, which `--title`
gives back here) and the GIFT comment's file path and source title.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.course import Course

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_BANK = ROOT / "tests" / "exporters" / "fixtures" / "bank"
QUIZZES = sorted((ROOT / "exercises").glob("*/*/quiz.yml")) + [FIXTURE_BANK / "exercises/part1/demo/quiz.yml"]


def _run(capsys, *argv) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "Traceback" not in out + err
    return err


def _questions(data: str, fmt: str) -> str:
    """The export without what is not a question: the file's header comment."""
    lines = data.splitlines()
    return "\n".join(lines[1:] if fmt == "gift" else [line for line in lines if "exported by coursekit" not in line])


@pytest.mark.parametrize("fmt, suffix", [("moodle-xml", ".xml"), ("gift", ".gift")])
@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda p: "/".join(p.parts[-3:-1]))
def test_export_import_export_gives_the_same_questions(tmp_path, monkeypatch, capsys, quiz, fmt, suffix):
    from coursekit.schema.validate import load

    model = load(quiz)
    first = tmp_path / f"first{suffix}"
    root = quiz.parents[3]
    _run(capsys, "export", str(quiz), "--format", fmt, "--output", str(first), "--root", str(root))
    course = tmp_path / "course"
    (course / "exercises").mkdir(parents=True)
    shutil.copy(root / "_config.yml", course / "_config.yml")
    for bib in Course(root).bib_files:   # cited sources must resolve in the new course too
        (course / bib.relative_to(root)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(bib, course / bib.relative_to(root))
    target = course / "exercises" / model.section / "quiz.yml"
    _run(capsys, "import", str(first), "--output", str(target), "--section", model.section, "--title", model.title)
    monkeypatch.chdir(course)
    _run(capsys, "check")
    second = tmp_path / f"second{suffix}"
    _run(capsys, "export", "--format", fmt, "--output", str(second))
    before, after = (_questions(p.read_text(encoding="utf-8"), fmt) for p in (first, second))
    if fmt == "gift":   # the comment names the source's file; an imported url source has its address as title
        before, after = (re.sub(r"^// (\w+) from \S+", r"// \1", text, flags=re.M) for text in (before, after))
    assert after == before
