"""The quiz file format (coursekit.schema.quiz), the discussion and free-response formats
(coursekit.schema.activities) and the way validate.py turns their errors into located, fixable problems.
"""
from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coursekit.schema.activities import FreeResponseFile, PromptsFile
from coursekit.schema.errors import ExerciseError
from coursekit.questions import ITEM_TYPES
from coursekit.schema.common import normalise
from coursekit.schema.quiz import QuizFile
from coursekit.schema.validate import KINDS, load, validate
from coursekit.schema.yaml_source import YamlSource

FAST = settings(deadline=None, max_examples=60)

ITEMS = {
    "single_choice": {"type": "single_choice", "prompt": "Where is **COMSTECH** based?", "choices": [
        {"text": "Islamabad", "correct": True, "feedback": "Correct."}, {"text": "Jeddah"}]},
    "multiple_select": {"type": "multiple_select", "prompt": "Which are OIC organs?", "scoring": "partial",
                        "choices": [{"text": "ICESCO", "correct": True}, {"text": "SESRIC", "correct": True},
                                    {"text": "CERN"}]},
    "true_false": {"type": "true_false", "prompt": "The OIC was founded in 1969.", "answer": True,
                   "feedback": {"correct": "Yes.", "incorrect": "It was 1969."}},
    "numeric": {"type": "numeric", "prompt": "When did the NPT enter into force?", "answer": 1970,
                "tolerance": 0, "unit": "year"},
    "ordering": {"type": "ordering", "prompt": "Put these in order.",
                 "order": ["IAEA Statute", "NPT opens for signature", "NPT enters into force"]},
    "matching": {"type": "matching", "prompt": "Match them.", "pairs": [
        {"left": "SESAME", "right": "Allan, Jordan"}, {"left": "COMSTECH", "right": "Islamabad"}]},
    "short_text": {"type": "short_text", "prompt": "Name the organisation.",
                   "accepted": ["Organisation of Islamic Cooperation", "OIC"]},
}


def item(kind: str, **changes) -> dict:
    data = copy.deepcopy(ITEMS[kind])
    data["id"] = changes.pop("id", f"{kind.replace('_', '-')}-item")
    data.update(changes)
    return data


def quiz(*items: dict, **changes) -> dict:
    data = {
        "kind": "quiz", "id": "part1-science", "section": "part1/science", "title": "Check your understanding",
        "objectives": [{"id": "science-institutions", "text": "Identify the OIC science bodies."}],
        "items": list(items) or [item(kind) for kind in ITEM_TYPES],
    }
    data.update(changes)
    return data


def errors_of(data: dict, model=QuizFile) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in caught.value.errors()]


def problems_of(data: dict, path: Path = Path("exercises/part1/science/quiz.yml")):
    with pytest.raises(ExerciseError) as caught:
        validate(YamlSource(path, data))
    return caught.value.problems


# ---- the valid shapes --------------------------------------------------------------------------

def test_every_item_type_validates():
    model = QuizFile.model_validate(quiz())
    assert [i.type for i in model.items] == list(ITEM_TYPES)
    assert model.settings.show_answer_after == 2 and model.settings.draw is None
    assert model.items[1].scoring == "partial"


def test_validate_dispatches_on_kind():
    assert set(KINDS) == {"quiz", "prompts", "free_response", "timeline"}
    assert isinstance(validate(YamlSource(Path("q.yml"), quiz())), QuizFile)
    with pytest.raises(ExerciseError, match="unknown kind 'quizzes'"):
        validate(YamlSource(Path("q.yml"), quiz(kind="quizzes")))
    # a caller may force the kind
    with pytest.raises(ExerciseError):
        validate(YamlSource(Path("q.yml"), quiz()), kind="timeline")


def test_common_fields_are_checked():
    full = item("single_choice", explanation="Because.", hint="Think *Pakistan*.", difficulty="easy",
                objectives=["science-institutions"], tags=["institutions"], source={"cite": "comstech-brief"})
    model = QuizFile.model_validate(quiz(full))
    assert model.items[0].source.cite == "comstech-brief"
    assert any("difficulty" in e for e in errors_of(quiz(item("single_choice", difficulty="trivial"))))
    assert any("tags.0" in e for e in errors_of(quiz(item("single_choice", tags=["  "]))))


@pytest.mark.parametrize(("source", "message"), [
    ({"url": "https://www.oic-oci.org/", "title": "OIC"}, None),
    ({"cite": "oic-charter-2008"}, None),
    ({}, "exactly one of `cite` and `url`"),
    ({"cite": "a", "url": "https://x.org", "title": "x"}, "exactly one of `cite` and `url`"),
    ({"url": "https://www.oic-oci.org/"}, "also needs a `title`"),
    ({"url": "http://www.oic-oci.org/", "title": "OIC"}, "should match pattern"),
    ({"url": "https://a b", "title": "OIC"}, "should match pattern"),
    ({"url": "javascript:alert(1)", "title": "OIC"}, "should match pattern"),
    ({"cite": "Not A Key"}, "should match pattern"),
    ({"cite": "a", "page": 3}, "Extra inputs"),
])
def test_sources(source, message):
    data = quiz(item("single_choice", source=source))
    if message is None:
        QuizFile.model_validate(data)
    else:
        assert any(message in e for e in errors_of(data))


@pytest.mark.parametrize("value", ["ok", "a1-b2", "x" * 80, "part1-science"])
def test_valid_ids(value):
    QuizFile.model_validate(quiz(item("true_false", id=value)))


@pytest.mark.parametrize("value", ["", "A", "a_b", "a--b", "-a", "a-", "a b", "ä", "x" * 81, 12])
def test_invalid_ids(value):
    assert any("items.0" in e and "id" in e for e in errors_of(quiz(item("true_false", id=value))))


@pytest.mark.parametrize("section", ["part1", "part1/science/extra", "Part1/Science", "/science", "part1/"])
def test_invalid_sections(section):
    assert any(e.startswith("section") for e in errors_of(quiz(section=section)))


# ---- choice items --------------------------------------------------------------------------------

def test_single_choice_needs_exactly_one_correct_answer():
    none = item("single_choice", choices=[{"text": "A"}, {"text": "B"}])
    two = item("single_choice", choices=[{"text": "A", "correct": True}, {"text": "B", "correct": True}])
    assert any("no choice is marked `correct: true`" in e for e in errors_of(quiz(none)))
    assert any("more than one choice is correct" in e for e in errors_of(quiz(two)))


def test_multiple_select_needs_at_least_one_correct_answer_and_allows_many():
    none = item("multiple_select", choices=[{"text": "A"}, {"text": "B"}, {"text": "C"}])
    assert any("no choice is marked" in e for e in errors_of(quiz(none)))
    every = item("multiple_select", choices=[{"text": "A", "correct": True}, {"text": "B", "correct": True}])
    QuizFile.model_validate(quiz(every))


def test_choice_items_need_two_choices_and_a_known_scoring_rule():
    assert any("at least 2" in e for e in errors_of(quiz(item("single_choice", choices=[
        {"text": "A", "correct": True}]))))
    assert any("scoring" in e for e in errors_of(quiz(item("multiple_select", scoring="half"))))
    QuizFile.model_validate(quiz(item("multiple_select", scoring="all_or_nothing")))


@pytest.mark.parametrize(("first", "second"), [
    ("Jeddah", "Jeddah"),
    ("Jeddah", "jeddah"),
    ("Jeddah", "  JEDDAH "),
    ("Jeddah", "Jeddah."),
    ("Fès", "Fes"),
    ("Fès", "Fe\u0300s"),          # decomposed
    ("al-Aqṣā", "Al Aqsa"),
    ("Qurʾān", "Quran"),
    ("The Hague", "the   hague!"),
])
@pytest.mark.parametrize("kind", ["single_choice", "multiple_select"])
def test_duplicate_choices_are_refused_even_when_they_differ_only_in_form(kind, first, second):
    data = item(kind, choices=[{"text": "Islamabad", "correct": True}, {"text": first}, {"text": second}])
    assert any("duplicate choice" in e for e in errors_of(quiz(data)))


@FAST
@given(st.text(alphabet="abcdefghij", min_size=1, max_size=8), st.data())
def test_any_case_or_accent_variant_of_a_choice_is_a_duplicate(word, data):
    variant = "".join(data.draw(st.sampled_from([c, c.upper(), c + "\u0301", c + "\u0308"])) for c in word)
    choices = [{"text": "Zzz", "correct": True}, {"text": word}, {"text": unicodedata.normalize("NFC", variant)}]
    assert any("duplicate choice" in e for e in errors_of(quiz(item("single_choice", choices=choices))))


def test_choices_are_strict_mappings():
    assert any("Extra inputs" in e for e in errors_of(quiz(item("single_choice", choices=[
        {"text": "A", "correct": True, "weight": 2}, {"text": "B"}]))))
    assert any("valid boolean" in e for e in errors_of(quiz(item("single_choice", choices=[
        {"text": "A", "correct": "sometimes"}, {"text": "B"}]))))


# ---- the other types -----------------------------------------------------------------------------

@pytest.mark.parametrize("tolerance", [0, 0.0, 0.5, 10])
def test_numeric_tolerance_zero_or_more_is_fine(tolerance):
    QuizFile.model_validate(quiz(item("numeric", tolerance=tolerance)))


@pytest.mark.parametrize(("changes", "message"), [
    ({"tolerance": -1}, "greater than or equal to 0"),
    ({"tolerance": -0.001}, "greater than or equal to 0"),
    ({"tolerance": float("nan")}, ""),
    ({"tolerance": float("inf")}, "finite"),
    ({"answer": float("inf")}, "finite"),
    ({"answer": float("nan")}, "finite"),
    ({"answer": "nineteen seventy"}, "valid number"),
    ({"answer": None}, "valid number"),
    ({"unit": ""}, "at least 1 character"),
])
def test_numeric_rules(changes, message):
    assert any(message in e for e in errors_of(quiz(item("numeric", **changes))))


def test_numeric_answer_may_be_written_as_text_or_integer():
    model = QuizFile.model_validate(quiz(item("numeric", answer="1970", tolerance="0.5")))
    assert model.items[0].answer == 1970.0 and model.items[0].tolerance == 0.5


@pytest.mark.parametrize("order", [[], ["a"], ["a", "b"]])
def test_ordering_needs_at_least_three_entries(order):
    assert any("at least 3" in e for e in errors_of(quiz(item("ordering", order=order))))


def test_ordering_entries_must_differ():
    assert any("duplicate entry" in e for e in errors_of(quiz(item("ordering", order=["One", "Two", "one!"]))))


@pytest.mark.parametrize("pairs", [[], [{"left": "a", "right": "b"}]])
def test_matching_needs_at_least_two_pairs(pairs):
    assert any("at least 2" in e for e in errors_of(quiz(item("matching", pairs=pairs))))


@pytest.mark.parametrize(("pairs", "side"), [
    ([{"left": "A", "right": "x"}, {"left": "a", "right": "y"}], "duplicate left side"),
    ([{"left": "A", "right": "x"}, {"left": "B", "right": "X."}], "duplicate right side"),
])
def test_matching_sides_must_differ(pairs, side):
    assert any(side in e for e in errors_of(quiz(item("matching", pairs=pairs))))


@pytest.mark.parametrize(("accepted", "message"), [
    ([], "at least 1"),
    (["OIC", "?!"], "no letters or digits"),
    (["  "], "at least 1 character"),
])
def test_short_text_needs_usable_answers(accepted, message):
    assert any(message in e for e in errors_of(quiz(item("short_text", accepted=accepted))))


def test_true_false_answer_must_be_a_boolean():
    assert any("valid boolean" in e for e in errors_of(quiz(item("true_false", answer="perhaps"))))
    assert any("Field required" in e for e in errors_of(quiz({k: v for k, v in item("true_false").items()
                                                              if k != "answer"})))


def test_feedback_is_a_mapping_of_correct_and_incorrect():
    assert any("Extra inputs" in e for e in errors_of(quiz(item("true_false", feedback={"right": "Yes"}))))


@pytest.mark.parametrize("kind", ITEM_TYPES)
def test_type_specific_fields_do_not_leak_between_types(kind):
    other = {"single_choice": {"answer": True}, "multiple_select": {"order": ["a", "b", "c"]},
             "true_false": {"tolerance": 1}, "numeric": {"choices": []}, "ordering": {"accepted": ["a"]},
             "matching": {"scoring": "partial"}, "short_text": {"pairs": []}}[kind]
    assert any("Extra inputs" in e for e in errors_of(quiz(item(kind, **other))))


def test_missing_and_unknown_types():
    no_type = {k: v for k, v in item("numeric").items() if k != "type"}
    assert any("Unable to extract tag" in e for e in errors_of(quiz(no_type)))
    assert any("Input tag 'essay'" in e for e in errors_of(quiz(item("numeric", type="essay"))))


def test_markup_in_question_text_is_refused():
    for field in ("prompt", "explanation", "hint"):
        errors = errors_of(quiz(item("numeric", **{field: "See <b>this</b>"})))
        assert any(field in e and "raw HTML" in e for e in errors), field
    bad_choice = item("single_choice", choices=[{"text": "<i>A</i>", "correct": True}, {"text": "B"}])
    assert any("raw HTML" in e for e in errors_of(quiz(bad_choice)))


# ---- the whole file ------------------------------------------------------------------------------

def test_file_level_rules():
    assert any("items: List should have at least 1" in e for e in errors_of(quiz(items=[])))
    assert any("kind" in e for e in errors_of(quiz(kind="timeline")))
    assert any("Extra inputs" in e for e in errors_of(quiz(author="me")))
    assert any("title" in e for e in errors_of(quiz(title="   ")))
    assert any("show_answer_after" in e for e in errors_of(quiz(settings={"show_answer_after": 0})))
    assert any("draw" in e for e in errors_of(quiz(settings={"draw": 0})))


def test_cross_checks_find_duplicate_ids_and_unknown_objectives():
    data = quiz(item("numeric", id="same", objectives=["science-institutions", "ghost"]),
                item("true_false", id="same"),
                objectives=[{"id": "science-institutions", "text": "a"}, {"id": "science-institutions", "text": "b"}])
    found = QuizFile.model_validate(data).cross_check()
    assert (("objectives", 1, "id"), "duplicate objective id 'science-institutions'",
            "give each objective its own id") in found
    assert any(loc == ("items", 1, "id") and "duplicate item id 'same'" in message for loc, message, _ in found)
    assert any(loc == ("items", 0, "objectives", 1) and "unknown objective 'ghost'" in message
               for loc, message, _ in found)


def test_draw_must_fit_the_items():
    data = quiz(item("numeric"), item("true_false"), settings={"draw": 3})
    problems = problems_of(data)
    assert problems[0].message == "settings.draw is 3 but the file has 2 items"
    assert "at most 2" in problems[0].fix
    QuizFile.model_validate(quiz(item("numeric"), item("true_false"), settings={"draw": 2}))


@FAST
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 10**6))
def test_drawn_items_are_reproducible_and_keep_the_file_order(total, count, seed):
    items = [item("true_false", id=f"item-{n}") for n in range(total)]
    model = QuizFile.model_validate(quiz(*items, settings={"seed": seed}))
    drawn = model.drawn_items(count=count)
    ids = [i.id for i in drawn]
    assert len(drawn) == min(count, total)
    assert ids == sorted(ids, key=lambda i: int(i.split("-")[1]))
    assert ids == [i.id for i in model.drawn_items(count=count)]
    assert ids == [i.id for i in model.drawn_items(seed=seed, count=count)]
    assert model.drawn_items() == list(model.items)


# ---- validate.py: located problems ---------------------------------------------------------------

def test_problems_name_the_field_and_a_fix_for_every_error_type():
    data = quiz(item("numeric", tolerance=-1, answer="x", promt="typo", id="Bad Id"),
                item("single_choice", choices="Islamabad"), item("true_false", answer=None),
                {"id": "no-type", "prompt": "?"}, item("ordering", order=["a"]), settings={"draw": "many"},
                section=7)
    problems = problems_of(data)
    assert len(problems) >= 8
    for problem in problems:
        assert problem.fix, f"no fix for {problem.message!r}"
        assert "(top level)" not in problem.message
    messages = "\n".join(p.message for p in problems)
    for field in ("items.0.tolerance", "items.0.answer", "items.0.promt", "items.0.id", "items.1.choices",
                  "items.2.answer", "items.3", "items.4.order", "settings.draw", "section"):
        assert field in messages, field
    typo = next(p for p in problems if "promt" in p.message)
    assert typo.fix == "remove `promt` or check its spelling"


def test_missing_fields_are_named_in_message_and_fix():
    data = quiz(item("numeric"))
    del data["items"][0]["prompt"]
    del data["title"]
    fixes = {p.message: p.fix for p in problems_of(data)}
    assert fixes["items.0.prompt: Field required"] == "add the field `prompt:`"
    assert fixes["title: Field required"] == "add the field `title:`"


def test_value_error_messages_are_split_into_message_and_fix():
    problems = problems_of(quiz(item("single_choice", choices=[{"text": "A"}, {"text": "B"}])))
    assert problems[0].message == "items.0.choices: no choice is marked `correct: true`"
    assert problems[0].fix == "mark the right answer"


def test_problem_lines_follow_the_yaml(tmp_path):
    path = tmp_path / "quiz.yml"
    path.write_text("""\
kind: quiz
id: part1-science
section: part1/science
title: "Quiz"
items:
  - id: year
    type: numeric
    prompt: "When?"
    answer: 1970
    tolerance: -5
  - id: seat
    type: single_choice
    prompt: "Where?"
    choices:
      - text: "Rabat"
      - text: "Jeddah"
""", encoding="utf-8")
    with pytest.raises(ExerciseError) as caught:
        load(path)
    where = {p.message.split(":")[0]: (p.line, p.column) for p in caught.value.problems}
    assert where == {"items.0.tolerance": (10, 5), "items.1.choices": (14, 5)}
    assert all(str(p).startswith(f"{path}:") for p in caught.value.problems)


# ---- normalise -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Makkah al-Mukarramah", "makkah al mukarramah"),
    ("  makkah   AL mukarramah ", "makkah al mukarramah"),
    ("al-Aqṣā", "al aqsa"),
    ("ʿal aqsa", "al aqsa"),
    ("Qurʾān", "quran"),
    ("ʻOkina", "okina"),
    ("Fès", "fes"),
    ("Fe\u0300s", "fes"),
    ("Ærø", "ærø"),
    ("Straße", "straße"),
    ("ﬁne", "fine"),
    ("x²", "x2"),
    ("Organisation_of-Islamic.Cooperation", "organisation of islamic cooperation"),
    ("\u0301!?", ""),
    ("", ""),
    ("ab\u034fcd", "abcd"),        # a mark with combining class 0 is dropped like the others
    ("جدة", "جده"),                 # taa marbuta and haa are one letter to a reader typing an answer
    ("مَكَّة", "مكه"),               # Arabic vowel marks are diacritics too
    ("إيران", "ايران"),             # hamza below alef, above alef, madda: all plain alef
    ("أمم", "امم"),
    ("آسيا", "اسيا"),
    ("ٱلله", "الله"),               # alef wasla
    ("مصطفى", "مصطفي"),             # alif maqsura and yaa
    ("مسئول", "مسيول"),             # hamza over yaa, over waw
    ("مؤتمر", "موتمر"),
    ("كتـــاب", "كتاب"),            # tatweel stretches a word, it is not a letter
    ("فارسی کشور", "فارسي كشور"),   # Persian yeh and keheh
    ("عام ١٩٧٠ أو ۱۹۷۰", "عام 1970 او 1970"),
])
def test_normalise_examples(text, expected):
    assert normalise(text) == expected


@FAST
@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_tidy(text):
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert all(not unicodedata.category(ch).startswith("M") for ch in once)


@FAST
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_normalise_ignores_ascii_case_and_punctuation(text):
    assert normalise(text) == normalise(text.upper()) == normalise(text.swapcase())
    # ^ and ` are modifier symbols (like the transliteration marks): dropped, not turned into spaces
    kept = "".join("" if c in "^`" else c if c.isalnum() else " " for c in text.lower())
    assert normalise(text) == " ".join(kept.split())


# ---- prompts and free-response files -------------------------------------------------------------

def prompts(*entries: dict, **changes) -> dict:
    entry = {"id": "why-sesame", "level": "explain", "prompt": "Explain *why*.",
             "facilitator_notes": {"good_discussion": "a", "misconceptions": "b", "follow_up": "c"}}
    data = {"kind": "prompts", "section": "part1/science", "prompts": list(entries) or [entry]}
    data.update(changes)
    return data


def test_prompts_file():
    model = PromptsFile.model_validate(prompts())
    assert model.title == "Discussion" and model.prompts[0].level == "explain"
    base = prompts()["prompts"][0]
    assert any("level" in e for e in errors_of(prompts({**base, "level": "discuss"}), PromptsFile))
    assert any("facilitator_notes" in e for e in errors_of(
        prompts({k: v for k, v in base.items() if k != "facilitator_notes"}), PromptsFile))
    assert any("raw HTML" in e for e in errors_of(prompts({**base, "prompt": "<script>x</script>"}), PromptsFile))
    assert any("at least 1" in e for e in errors_of(prompts(prompts=[]), PromptsFile))
    notes = {**base["facilitator_notes"], "answer_key": "x"}
    assert any("Extra inputs" in e for e in errors_of(prompts({**base, "facilitator_notes": notes}), PromptsFile))


def test_prompt_ids_must_be_unique_and_the_duplicate_is_located():
    base = prompts()["prompts"][0]
    problems = problems_of(prompts(base, {**base}, {**base, "id": "other"}))
    assert [(p.message, p.fix) for p in problems] == [
        ("duplicate prompt id 'why-sesame'", "give each prompt its own `id`")]


def test_free_response_file():
    entry = {"id": "essay", "prompt": "Write.", "model_answer": "A model answer."}
    data = {"kind": "free_response", "section": "part1/science", "exercises": [entry]}
    assert FreeResponseFile.model_validate(data).title == "Write about it"
    assert any("model_answer" in e for e in errors_of(
        {**data, "exercises": [{"id": "essay", "prompt": "Write."}]}, FreeResponseFile))
    problems = problems_of({**data, "exercises": [entry, dict(entry)]})
    assert problems[0].message == "duplicate exercise id 'essay'"


def free_response(**changes) -> dict:
    entry = {"id": "essay", "prompt": "Write.", "model_answer": "A model answer.", **changes}
    return {"kind": "free_response", "section": "part1/science", "exercises": [entry]}


@pytest.mark.parametrize("criteria", [
    ["Names the organ that took each decision and its date", "Weighs *both* positions, each attributed"],
    ["One", "Two", "Three", "Four", "Five"],
    ["Cites the [treaty text](https://treaties.un.org/) for each claim", "x" * 240],
])
def test_criteria_of_two_to_five_short_lines_are_accepted(criteria):
    model = FreeResponseFile.model_validate(free_response(criteria=criteria))
    assert model.exercises[0].criteria == criteria


def test_criteria_are_optional_for_the_schema():
    assert FreeResponseFile.model_validate(free_response()).exercises[0].criteria == []


@pytest.mark.parametrize("criteria, message, fix", [
    (["Only one"], "exercises.0.criteria: List should have at least 2 items after validation, not 1",
     "add more entries"),
    ([], "exercises.0.criteria: List should have at least 2 items after validation, not 0", "add more entries"),
    (["a", "b", "c", "d", "e", "f"], "exercises.0.criteria: List should have at most 5 items after validation, not 6",
     "remove entries, keeping the most important"),
    (["Names the organ", "x" * 241], "exercises.0.criteria.1: String should have at most 240 characters",
     "shorten the text"),
    (["Names the organ", "- a list inside a point"],
     "exercises.0.criteria.1: a checklist point is one line of text (no list, heading, quote or code block)",
     "write it as a plain sentence"),
    (["Names the organ", "first line\nsecond line"], "exercises.0.criteria.1: a checklist point is one line",
     "join the lines, or split it into two points"),
    (["Names the organ", "<b>bold</b>"], "exercises.0.criteria.1: raw HTML '<b>' is not allowed",
     "use Markdown (**bold**, *italic*, [link](https://...), lists)"),
    (["Names the organ", " "], "exercises.0.criteria.1: the text is empty",
     "write it, or remove the field if it is optional"),
    (["Names the organ", 3], "exercises.0.criteria.1: Input should be a valid string", "write text (put it in quotes)"),
    ("Names the organ", "exercises.0.criteria: Input should be a valid list", "write a list (lines starting with '- ')"),
])
def test_bad_criteria_give_one_located_problem_each(criteria, message, fix):
    problems = problems_of(free_response(criteria=criteria), Path("exercises/part1/science/free-response.yml"))
    assert [(p.message, p.fix) for p in problems] == [(message, fix)]


# ---- round trip through YAML ---------------------------------------------------------------------

TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 :#-'\",.?ʿʾéçş", min_size=1, max_size=30) \
    .filter(lambda t: t.strip() and not t.lstrip().startswith(("-", "#")) and "  " not in t)


@st.composite
def valid_quiz(draw) -> dict:
    kinds = draw(st.lists(st.sampled_from(ITEM_TYPES), min_size=1, max_size=7))
    items = []
    for n, kind in enumerate(kinds):
        data = item(kind, id=f"item-{n}", prompt=draw(TEXT))
        if kind in ("single_choice", "multiple_select"):
            texts = draw(st.lists(TEXT, min_size=2, max_size=5, unique_by=normalise).filter(
                lambda ts: all(normalise(t) for t in ts)))
            right = draw(st.integers(0, len(texts) - 1))
            data["choices"] = [{"text": t, "correct": i == right} for i, t in enumerate(texts)]
        elif kind == "numeric":
            data["answer"] = draw(st.floats(-1e6, 1e6, allow_nan=False))
            data["tolerance"] = draw(st.floats(0, 100, allow_nan=False))
        items.append(data)
    return quiz(*items, title=draw(TEXT), settings={"draw": draw(st.integers(1, len(items))), "seed": 3})


@FAST
@given(valid_quiz())
def test_any_valid_quiz_written_as_yaml_loads_back_unchanged(tmp_path_factory, data):
    from ruamel.yaml import YAML

    path = tmp_path_factory.mktemp("roundtrip") / "quiz.yml"
    writer = YAML(typ="safe", pure=True)
    writer.default_flow_style = False
    with path.open("w", encoding="utf-8") as handle:
        writer.dump(data, handle)
    assert load(path).model_dump() == QuizFile.model_validate(data).model_dump()
