"""Graded settings and draws, as an instructor sets them in quiz.yml and each LMS format receives them."""
from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import course_copy

from coursekit.cli import main

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
GRADED = "settings:\n  draw: 4\n  points: 2\n  attempts: 3\n  show_answers: after_last_attempt\n  time_limit: 20\n"


@pytest.fixture
def course(tmp_path, monkeypatch):
    return course_copy(tmp_path, monkeypatch)


def graded(course: Path, settings: str = GRADED) -> None:
    quiz = course / "exercises" / "part1" / "demo" / "quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("\nitems:\n", "\n" + settings + "items:\n", 1), encoding="utf-8")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def meta_of(archive: zipfile.ZipFile, quiz: str) -> dict[str, str]:
    root = ET.fromstring(archive.read(f"{quiz}/assessment_meta.xml"))
    return {child.tag.removeprefix(CANVAS): child.text for child in root}


def fields(node: ET.Element) -> dict[str, str]:
    return {f.find(f"{QTI}fieldlabel").text: f.find(f"{QTI}fieldentry").text
            for f in node.find(f"{QTI}qtimetadata").findall(f"{QTI}qtimetadatafield")}


def test_defaults_are_what_the_book_does_and_never_a_practice_quiz(course, capsys, tmp_path):
    code, _, _ = run(capsys, "--format", "qti", "-o", str(tmp_path / "q.zip"))
    assert code == 0
    with zipfile.ZipFile(tmp_path / "q.zip") as archive:
        meta = meta_of(archive, "fixture-demo")
        assessment = ET.fromstring(archive.read("fixture-demo/fixture-demo.xml")).find(f"{QTI}assessment")
    assert meta["quiz_type"] == "assignment"                       # graded, so it reaches the gradebook
    assert meta["allowed_attempts"] == "-1" and meta["show_correct_answers"] == "true"
    assert meta["points_possible"] == "8"                           # 8 items written (ordering skipped), 1 each
    assert "time_limit" not in meta
    assert fields(assessment)["cc_maxattempts"] == "unlimited"      # agrees with allowed_attempts now
    assert assessment.find(f".//{QTI}selection_ordering") is None


def test_qti_carries_graded_settings_and_the_draw_as_a_question_group(course, capsys, tmp_path):
    graded(course)
    code, _, err = run(capsys, "--format", "qti", "-o", str(tmp_path / "q.zip"))
    assert code == 0 and "random selection" in err and "fixture-demo (4 of 8)" in err
    with zipfile.ZipFile(tmp_path / "q.zip") as archive:
        meta = meta_of(archive, "fixture-demo")
        assessment = ET.fromstring(archive.read("fixture-demo/fixture-demo.xml")).find(f"{QTI}assessment")
    assert meta["allowed_attempts"] == "3" and meta["time_limit"] == "20" and meta["points_possible"] == "8"
    assert meta["show_correct_answers"] == "true" and meta["show_correct_answers_last_attempt"] == "true"
    assert fields(assessment)["cc_maxattempts"] == "3" and fields(assessment)["qmd_timelimit"] == "20"
    group = assessment.find(f"{QTI}section/{QTI}section")
    selection = group.find(f"{QTI}selection_ordering/{QTI}selection")
    assert selection.find(f"{QTI}selection_number").text == "4"
    assert selection.find(f"{QTI}selection_extension/{QTI}points_per_item").text == "2"
    assert len(group.findall(f"{QTI}item")) == 8
    points = {fields(i.find(f"{QTI}itemmetadata"))["points_possible"] for i in group.findall(f"{QTI}item")}
    assert points == {"2"}


def test_never_showing_answers(course, capsys, tmp_path):
    graded(course, "settings:\n  show_answers: never\n")
    assert run(capsys, "--format", "qti", "-o", str(tmp_path / "q.zip"))[0] == 0
    with zipfile.ZipFile(tmp_path / "q.zip") as archive:
        assert meta_of(archive, "fixture-demo")["show_correct_answers"] == "false"


def test_gift_warns_item_by_item_that_the_draw_is_lost(course, capsys, tmp_path):
    graded(course)
    code, _, err = run(capsys, "--format", "gift", "-o", str(tmp_path / "b.gift"))
    assert code == 0
    line = next(line for line in err.splitlines() if "no random selection" in line)
    assert line.startswith("warning:") and "fx-single" in line and "fx-short" in line
    assert "fx-essay" not in line                       # the free-response file draws nothing
    assert "set them on the Moodle quiz" in err


def test_moodle_xml_points_and_the_category_to_draw_from(course, capsys, tmp_path):
    graded(course)
    code, _, err = run(capsys, "--format", "moodle-xml", "-o", str(tmp_path / "b.xml"))
    assert code == 0 and "fixture-demo (4 of 9)" in err and "random questions" in err
    quiz = ET.parse(tmp_path / "b.xml").getroot()
    category = next(q for q in quiz.findall("question") if q.get("type") == "category"
                    and q.find("category/text").text.endswith("/fixture-demo"))
    assert category.find("info/text").text.endswith(
        "<p>Quiz: add 4 random questions from this category (9 in it), each worth 2 points.</p>")
    assert all(q.get("type") != "random" for q in quiz.findall("question"))   # Moodle XML cannot hold one
    members = list(itertools.takewhile(lambda q: q.get("type") != "category",
                                       quiz.findall("question")[quiz.findall("question").index(category) + 1:]))
    assert len(members) == 9 and "fx-essay" not in [q.find("name/text").text for q in members]
    grades = {q.find("name/text").text: q.find("defaultgrade").text
              for q in quiz.findall("question") if q.get("type") != "category"}
    assert grades["fx-single"] == "2" and grades["fx-essay"] == "1"


@pytest.mark.parametrize("settings, message", [
    ("settings:\n  attempts: 0\n", "attempts"),
    ("settings:\n  show_answers: sometimes\n", "show_answers"),
    ("settings:\n  points: -1\n", "points"),
])
def test_bad_settings_are_one_located_line(course, capsys, tmp_path, settings, message):
    graded(course, settings)
    code, out, err = run(capsys, "--format", "qti", "-o", str(tmp_path / "q.zip"))
    assert code == 1 and not (tmp_path / "q.zip").exists()
    located = [line for line in err.splitlines() if "quiz.yml:" in line and message in line]
    assert located, err
