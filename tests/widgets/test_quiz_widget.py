"""The quiz widget's Python side: what its client data carries, how its module is assembled, and the
My progress page script built from the quiz's own storage part."""
from __future__ import annotations

import re

from coursekit.schema.quiz import QuizFile
from coursekit.sphinxext.assets import page_script, served
from coursekit.widgets.base import HERE, module_parts, module_source
from coursekit.widgets.quiz import attempt_size, client_data, item_shape

QUIZ = {"kind": "quiz", "id": "demo", "section": "part1/demo", "title": "Demo", "settings": {"draw": 2},
        "items": [
            {"id": "a", "type": "single_choice", "prompt": "?", "choices": [{"text": "x", "correct": True}, {"text": "y"}]},
            {"id": "b", "type": "ordering", "prompt": "?", "order": ["p", "q", "r"], "shuffle": False},
            {"id": "c", "type": "matching", "prompt": "?", "pairs": [{"left": "l", "right": "r"}, {"left": "m", "right": "s"}]},
            {"id": "d", "type": "numeric", "prompt": "?", "answer": 1, "unit": "<img src=x onerror=alert(1)>"},
        ]}


def test_client_data_ships_every_item_and_the_draw():
    spec = QuizFile.model_validate(QUIZ)
    data = client_data(spec)
    assert [i["id"] for i in data["items"]] == ["a", "b", "c", "d"] and data["draw"] == 2
    assert attempt_size(spec) == 2
    assert spec.drawn_items() != list(spec.items) and len(spec.drawn_items()) == 2  # exports still draw at build


def test_shuffle_defaults_to_true_and_can_be_turned_off():
    data = {i["id"]: i for i in client_data(QuizFile.model_validate(QUIZ))["items"]}
    assert data["a"]["shuffle"] is True and data["c"]["shuffle"] is True and data["b"]["shuffle"] is False
    assert data["b"]["shown"] != [0, 1, 2]  # the fixed order of an unshuffled ordering item is never the answer
    assert "shuffle" not in data["d"]


def test_a_choice_item_allows_one_scored_try_fewer_than_its_options():
    def tries(show_answer_after=None):
        settings = {} if show_answer_after is None else {"settings": {"show_answer_after": show_answer_after}}
        items = [*QUIZ["items"], {"id": "e", "type": "true_false", "prompt": "?", "answer": True},
                 {"id": "f", "type": "multiple_select", "prompt": "?",
                  "choices": [{"text": t, "correct": t == "w"} for t in "wxyz"]}]
        data = client_data(QuizFile.model_validate({**QUIZ, **settings, "items": items}))
        return {i["id"]: i["tries"] for i in data["items"]}

    # a (2 choices) and e (true/false) get 1; ordering, matching and numeric keep the quiz's tries
    assert tries() == {"a": 1, "b": 2, "c": 2, "d": 2, "e": 1, "f": 2}
    assert tries(5) == {"a": 1, "b": 5, "c": 5, "d": 5, "e": 1, "f": 3}
    assert tries(1) == {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1}   # a lower setting still holds


def test_item_shapes_for_checking_saved_entries():
    spec = QuizFile.model_validate(QUIZ)
    assert [item_shape(i) for i in spec.items] == [
        {"id": "a", "type": "single_choice", "size": 2}, {"id": "b", "type": "ordering", "size": 3},
        {"id": "c", "type": "matching", "size": 2}, {"id": "d", "type": "numeric", "size": 0}]


def test_the_module_is_assembled_from_parts_and_the_old_file_is_gone():
    parts = [p.name for p in module_parts("quiz")]
    assert parts == ["common.js", "10-score.js", "20-shuffle.js", "30-storage.js", "40-controls.js", "90-render.js"]
    assert not (HERE / "quiz.js").exists()
    source = module_source("quiz")
    assert len(re.findall(r"^export\b", source, re.M)) == 1
    assert len(re.findall(r"\bfunction announce\(", source)) == 1
    assert "function announce(" in (HERE / "common.js").read_text(encoding="utf-8")


def test_announce_exists_once_across_every_front_end_source():
    sources = [*HERE.glob("*.js"), *HERE.glob("*/*.js"), *(HERE.parent / "static").glob("*.js")]
    defined = [p.name for p in sources if re.search(r"\b(function announce\b|announce\s*=)", p.read_text(encoding="utf-8"))]
    assert defined == ["common.js"]


def test_the_progress_page_script_is_built_from_the_quiz_storage_part():
    storage = (HERE / "quiz" / "30-storage.js").read_text(encoding="utf-8")
    script = page_script("progress")
    assert script.count(storage) == 1
    own = (HERE.parent / "static" / "progress.js").read_text(encoding="utf-8")
    assert "coursekit:v" not in own and "STORAGE_PREFIX =" not in own  # no second copy of key or checks
    assert served("progress", ".js")  # minified without error


def test_the_fallback_marks_each_prompt_and_explanation_as_its_state_path():
    from coursekit.widgets.quiz import Quiz

    data = {**QUIZ, "items": [{**QUIZ["items"][0], "prompt": "Who *wrote* it, 1 < 2?", "explanation": "Because."},
                              QUIZ["items"][1]]}
    spec = QuizFile.model_validate(data)
    fallback = Quiz(spec).fallback_html()
    items = client_data(spec)["items"]
    assert f'<div data-ck-part="quiz.items.0.prompt">{items[0]["prompt"]}</div>' in fallback
    assert f'<div data-ck-part="quiz.items.0.explanation">{items[0]["explanation"]}</div>' in fallback
    assert "<em>wrote</em>" in items[0]["prompt"] and "1 &lt; 2" in items[0]["prompt"]   # rendered once, the same in both
    assert 'data-ck-part="quiz.items.1.explanation"' not in fallback      # nothing to share: no empty part
