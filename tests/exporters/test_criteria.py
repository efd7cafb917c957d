"""A writing exercise's criteria travel with it into every export that carries free-response items,
where students see them with the prompt, and the model answer never does: the fixture bank's ``fx-essay``
exported as an instructor would, each file read back with xml.etree, zipfile or the GIFT reader."""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest

from tests.exporters.packages import make_course
from tests.exporters.test_exporters import _qti, export, read_gift
from tests.conftest import course_copy

PROMPT = "<p>In 200 words, explain who acts in the OIC.</p>"
CHECKLIST = ('<p class="ck-criteria-title"><strong>A good answer…</strong></p><ul class="ck-criteria-list">'
             "<li>Names <em>each</em> organ that decides, and who sits in it</li>"
             "<li>Compares the organs' powers &amp; limits</li></ul>")
MODEL_ANSWER = "Member states act through the summit"


def assert_prompt_then_criteria(text: str) -> None:
    assert text.startswith(PROMPT), text[:120]
    assert CHECKLIST in text and text.index(CHECKLIST) > text.index(PROMPT)
    assert MODEL_ANSWER not in text


@pytest.fixture
def course(tmp_path, monkeypatch):
    return course_copy(tmp_path, monkeypatch)


def test_gift_essay_text_has_the_criteria(course, capsys, tmp_path):
    output = tmp_path / "bank.gift"
    assert export(capsys, "gift", output)[0] == 0
    [essay] = [q for q in read_gift(output.read_text(encoding="utf-8")) if q["name"] == "fx-essay"]
    assert essay["type"] == "essay"
    assert_prompt_then_criteria(essay["text"].removeprefix("[html]"))
    assert MODEL_ANSWER not in output.read_text(encoding="utf-8")


def test_moodle_essay_question_text_has_the_criteria_and_the_grader_the_model_answer(course, capsys, tmp_path):
    output = tmp_path / "bank.xml"
    assert export(capsys, "moodle-xml", output)[0] == 0
    [essay] = [q for q in ET.parse(output).getroot().iter("question") if q.findtext("name/text") == "fx-essay"]
    assert_prompt_then_criteria(essay.findtext("questiontext/text"))
    assert essay.findtext("responsetemplate/text") in ("", None)   # the student's box starts empty
    assert MODEL_ANSWER in essay.findtext("graderinfo/text")


def test_qti_essay_material_has_the_criteria(course, capsys, tmp_path):
    output = tmp_path / "bank.zip"
    assert export(capsys, "qti", output)[0] == 0
    archive, items = _qti(output)
    [essay] = [i for i in items if i.get("ident") == "fx-essay"]
    ns = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    assert_prompt_then_criteria(essay.find(f"{ns}presentation/{ns}material/{ns}mattext").text)
    assert not any(MODEL_ANSWER in archive.read(name).decode("utf-8") for name in archive.namelist())


def test_common_cartridge_assignment_description_has_the_criteria(tmp_path, monkeypatch, capsys):
    root = make_course(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    output = tmp_path / "course.imscc"
    assert export(capsys, "cc", output)[0] == 0
    with zipfile.ZipFile(output) as archive:
        assignment = ET.fromstring(archive.read("assignment-fx-essay/assignment.xml"))
        [text] = [node.text for node in assignment.iter() if node.tag.endswith("text") and node.text]
        assert_prompt_then_criteria(text)
        assert not any(MODEL_ANSWER in archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
