"""The data a downloaded notebook carries: bundled from the course, unpacked and validated like exercises/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursekit.portable import bundle, setup_source, unpack
from coursekit.schema.errors import ExerciseError
from tests.conftest import ROOT

WATER = [ROOT / "exercises/part1/water/quiz.yml", ROOT / "exercises/timeline.yml",
         ROOT / "exercises/part1/water/prompts.yml", ROOT / "exercises/part1/water/free-response.yml"]


@pytest.fixture
def course_env(monkeypatch):
    """Whatever unpack sets, $COURSEKIT_ROOT is back to the repository's afterwards."""
    monkeypatch.setenv("COURSEKIT_ROOT", str(ROOT))


def test_bundle_has_the_widget_files_and_no_instructor_file():
    files = bundle(ROOT, WATER)
    assert sorted(files) == ["_config.yml", "exercises/part1/water/quiz.yml", "exercises/timeline.yml",
                             "references.bib"]
    assert "".join(files["exercises/part1/water/quiz.yml"]) == WATER[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("section", ["part1/water", "part1/actors"])
def test_unpacked_notebook_data_shows_the_same_quiz_and_timeline(course_env, section):
    from coursekit import Quiz, Timeline

    quiz, timeline = Quiz.for_section(section), Timeline.for_section(section)
    check = Timeline.quiz_for_section(section, seed=1).spec.title   # "Timeline check: <the page's heading>"
    assert section not in check
    files = [ROOT / "exercises" / section / name for name in ("quiz.yml", "prompts.yml")]
    exec(setup_source(bundle(ROOT, [*files, ROOT / "exercises/timeline.yml"])), {})  # the setup cell, as run
    root = Path(os.environ["COURSEKIT_ROOT"])
    assert root != ROOT and (root / "exercises" / section / "quiz.yml").exists()
    assert not (root / "exercises" / section / "prompts.yml").exists()
    assert any(item.source and item.source.cite for item in quiz.spec.items)  # cited references travel too
    assert Quiz.for_section(section).quiz == quiz.quiz
    assert Timeline.for_section(section).events == timeline.events
    assert Timeline.quiz_for_section(section, seed=1).spec.title == check   # the unpacked course has no pages


def test_bad_data_is_reported_at_its_place_in_the_course(course_env):
    files = bundle(ROOT, WATER[:1])
    files["exercises/part1/water/quiz.yml"] = [line.replace("kind: quiz", "kind: quizz")
                                                for line in files["exercises/part1/water/quiz.yml"]]
    with pytest.raises(ExerciseError) as caught:
        unpack(files)
    assert str(caught.value).startswith("exercises/part1/water/quiz.yml:1:")


@pytest.mark.parametrize("name", ["../escape.yml", "/etc/x.yml"])
def test_files_stay_inside_the_course(course_env, name):
    with pytest.raises(ValueError, match="not a path inside the course"):
        unpack({name: ["x: 1\n"]})


def test_in_jupyter_bad_data_shows_located_lines_not_a_traceback(course_env, capsys):
    from IPython.core.interactiveshell import InteractiveShell

    files = bundle(ROOT, WATER[:1])
    files["exercises/part1/water/quiz.yml"][0] = "kind: quizz\n"
    shell = InteractiveShell.instance()
    try:
        result = shell.run_cell(setup_source(files))
    finally:
        InteractiveShell.clear_instance()
    shown = capsys.readouterr().out
    assert not result.success and os.environ["COURSEKIT_ROOT"] == str(ROOT)  # the broken data is not used
    assert shown.startswith("exercises/part1/water/quiz.yml:1:") and "Traceback" not in shown
