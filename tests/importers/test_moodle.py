"""Moodle XML as Moodle writes it (CDATA, fractions such as 33.33333, shuffleanswers, categories, Moodle's
default combined feedback) read into course items; what does not map is named with its reason."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.importers.common import ReadError
from coursekit.importers.moodle import read
from coursekit.importers.quizfile import build
from coursekit.schema.quiz import QuizFile

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def imported():
    questions = read((FIXTURES / "moodle-export.xml").read_bytes(), "moodle-export.xml")
    return questions, build(questions, "week-3", "part1/demo", "Imported")


def _item(result, item_id):
    return next(i for i in result.quiz["items"] if i["id"] == item_id)


def test_categories_are_not_questions_and_every_question_is_read(imported):
    questions, _ = imported
    assert len(questions) == 10
    assert {q.category for q in questions} == {"$course$/top/Default for Cooperation 101/Week 3"}
    assert questions[0].settings["shuffleanswers"] == "true"


def test_every_type_that_maps_is_a_valid_item(imported):
    _, result = imported
    types = {i["id"]: i["type"] for i in result.quiz["items"]}
    assert types == {"oic-founding-year-choice": "single_choice", "oic-organs": "multiple_select",
                     "oic-is-a-state": "true_false", "members-count": "numeric", "seats": "matching",
                     "short-form": "short_text"}
    QuizFile.model_validate(result.quiz)   # the file written passes the course's own model


def test_cdata_html_becomes_markdown(imported):
    _, result = imported
    single = _item(result, "oic-founding-year-choice")
    assert single["prompt"] == "In which year was the **OIC** founded?"
    assert single["choices"][1] == {"text": "1945", "feedback": "That is the *UN* Charter."}
    assert single["hint"] == "Think of the Rabat summit."
    assert single["tags"] == ["history"]
    assert single["explanation"] == "It was founded in Rabat in 1969."


def test_thirds_are_right_choices_and_other_weights_are_noted(imported):
    _, result = imported
    organs = _item(result, "oic-organs")
    assert [c.get("correct", False) for c in organs["choices"]] == [True, True, True, False]
    assert any(i == "oic-organs" and "weights differ" in note for i, note in result.notes)


def test_moodle_default_feedback_is_not_the_authors(imported):
    _, result = imported
    assert "feedback" not in _item(result, "seats")


def test_true_false_feedback_follows_the_right_answer(imported):
    _, result = imported
    item = _item(result, "oic-is-a-state")
    assert item["answer"] is False
    assert item["feedback"] == {"correct": "Right: its members are states.",
                                "incorrect": "No: it is an organisation of states."}


def test_what_does_not_map_is_named_with_its_reason(imported):
    _, result = imported
    reasons = dict(result.unmapped)
    assert set(reasons) == {"Partial single", "Essay on cooperation", "Cloze founding", "Seats with a distractor"}
    assert "partial credit (50%)" in reasons["Partial single"]
    assert "free-response" in reasons["Essay on cooperation"]
    assert "multianswer" in reasons["Cloze founding"]
    assert "distractors" in reasons["Seats with a distractor"]


@pytest.mark.parametrize("data, expected", [
    (b"<quiz><question type='truefalse'>", "moodle.xml:1:"),
    (b"<?xml version='1.0'?><!DOCTYPE quiz [<!ENTITY a 'x'>]><quiz/>", "document type declaration"),
    (b"<questions/>", "not Moodle's <quiz>"),
])
def test_bad_files_give_one_located_line(data, expected):
    with pytest.raises(ReadError) as found:
        read(data, "moodle.xml")
    assert expected in str(found.value) and "\n" not in str(found.value)


HOSTILE = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Scripted</text></name>
    <questiontext format="html"><text><![CDATA[<p>Safe?<script>alert(1)</script> <span style="color:red">red</span></p>]]></text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>true</text><feedback><text></text></feedback></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text><feedback><text></text></feedback></answer>
  </question>
  <question type="truefalse">
    <name><text>Linked</text></name>
    <questiontext format="html"><text><![CDATA[<p>See <a href="javascript:alert(1)">this</a>.</p>]]></text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>true</text><feedback><text></text></feedback></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text><feedback><text></text></feedback></answer>
  </question>
</quiz>
"""


def test_scripts_never_come_in_and_unsafe_links_are_refused_by_name():
    questions = read(HOSTILE, "hostile.xml")
    result = build(questions, "hostile", "part1/demo", "Imported")
    (item,) = result.quiz["items"]
    assert item["prompt"] == "Safe? red" and "alert" not in item["prompt"]
    assert any(i == "scripted" and "<span>" in note for i, note in result.notes)
    ((name, reason),) = result.unmapped
    assert name == "Linked" and "javascript:alert(1)" in reason and "not allowed" in reason


def test_whole_question_feedback_of_a_choice_question_is_named_not_dropped_silently():
    from coursekit.importers.common import LmsAnswer, LmsQuestion

    question = LmsQuestion("Own feedback", "multichoice", "Pick one.", settings={"single": "true"},
                           answers=[LmsAnswer(100, "Yes"), LmsAnswer(0, "No")], correct_feedback="Well done.")
    result = build([question], "own", "part1/demo", "Imported")
    assert result.quiz["items"][0]["type"] == "single_choice"
    assert any("has no place in a choice item" in note for _id, note in result.notes)
