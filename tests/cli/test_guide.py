"""The instructor guide's walk-through, replayed: every `coursekit` command the guide shows runs in a copy
of the course and prints what the guide shows (numbers masked: line numbers and file counts move as
the course grows). The guide is book/instructors/add-a-question.md; its YAML snippet is the edit made
between the two checks, first with the typo the guide makes, then corrected."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coursekit.cli import main

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "book" / "instructors" / "add-a-question.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)


def masked(text: str) -> list[str]:
    return [re.sub(r"\d+", "N", line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def course(tmp_path, monkeypatch):
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    return tmp_path


def replay(capsys, block: str) -> None:
    """Run the block's `$ coursekit ...` command and compare its output with the block's other lines."""
    command, *expected = block.strip().splitlines()
    assert command.startswith("$ coursekit "), command
    main(command.removeprefix("$ coursekit ").split())
    out, err = capsys.readouterr()
    assert masked(out + err) == masked("\n".join(expected)) or sorted(masked(out + err)) == sorted(masked("\n".join(expected))), \
        f"{command}\nguide:\n" + "\n".join(expected) + "\nactual:\n" + out + err


def test_the_walk_through_does_what_the_guide_shows(course, capsys):
    console = [b for b in blocks("console") if b.startswith("$ coursekit")]
    new_file, refused, check_typo, check_fixed = console
    replay(capsys, new_file)
    replay(capsys, refused)
    [snippet] = [b for b in blocks("yaml") if "type: numeric" in b]   # the other shows a writing exercise
    quiz = course / "exercises" / "part1" / "science" / "quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.rstrip("\n") + "\n" + snippet, encoding="utf-8")
    replay(capsys, check_typo)
    quiz.write_text(text.rstrip("\n") + "\n" + snippet.replace("science-sesam]", "science-sesame]"), encoding="utf-8")
    replay(capsys, check_fixed)
