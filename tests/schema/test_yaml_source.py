"""Reading instructor YAML safely (coursekit.schema.yaml_source) and the corpus of malformed files.

Every file in ``malformed/`` starts with two comment lines::

    # expect: <part of the message the error must carry>
    # line: <the line the error must point to>

and must be refused by ``coursekit.schema.validate.load`` with an ExerciseError (never a traceback)
whose problem names the file, that line, and a fix.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.schema.errors import ExerciseError, Problem
from coursekit.schema.validate import load
from coursekit.schema.yaml_source import MAX_BYTES, read_yaml

HERE = Path(__file__).parent
CORPUS = sorted((HERE / "malformed").glob("*.yml"))

VALID_QUIZ = """\
kind: quiz
id: valid-quiz
section: part1/science
title: "Check your understanding"
objectives:
  - id: valid-objective
    text: "Identify the city."
items:
  - id: valid-item
    type: single_choice
    prompt: "Which city hosts COMSTECH?"
    choices:
      - text: "Islamabad"
        correct: true
      - text: "Jeddah"
    objectives: [valid-objective]
"""


def header(path: Path) -> tuple[str, int]:
    text = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
    expect = re.search(r"^# expect: (.+)$", text, re.M)
    line = re.search(r"^# line: (\d+)$", text, re.M)
    assert expect and line, f"{path.name} must start with '# expect:' and '# line:' comments"
    return expect.group(1), int(line.group(1))


def first_problems(path: Path) -> list[Problem]:
    with pytest.raises(ExerciseError) as caught:
        load(path)
    assert caught.value.problems, "an ExerciseError must carry at least one problem"
    return caught.value.problems


def write(tmp_path: Path, content: str | bytes, name: str = "exercise.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# ---- the malformed corpus ----------------------------------------------------------------------

def test_corpus_is_large_and_covers_every_kind():
    assert len(CORPUS) >= 30
    kinds = set()
    for path in CORPUS:
        found = re.search(r"^kind: (\w+)", path.read_bytes().decode("utf-8", "replace"), re.M)
        kinds.add(found.group(1) if found else None)
    assert {"quiz", "prompts", "free_response", "timeline"} <= kinds


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_malformed_file_gets_its_specific_located_fixable_error(path):
    expect, line = header(path)
    problems = first_problems(path)
    matching = [p for p in problems if expect in p.message]
    assert matching, f"no problem mentions {expect!r}; got: {[p.message for p in problems]}"
    located = [p for p in matching if p.line == line]
    assert located, f"{expect!r} reported at line(s) {[p.line for p in matching]}, expected line {line}"
    problem = located[0]
    text = str(problem)
    assert str(path) in text, "the message must name the file"
    assert f":{line}:" in text, "the message must name the line"
    assert "fix:" in text and problem.fix.strip(), "the message must say how to fix it"
    assert problem.column >= 1
    assert problem.severity == "error"


def test_every_malformed_file_fails_in_its_own_way():
    first: dict[str, str] = {}
    for path in CORPUS:
        message = first_problems(path)[0].message
        assert message not in first, f"{path.name} and {first[message]} both fail with {message!r}"
        first[message] = path.name


def test_alias_bomb_is_refused_at_the_first_anchor():
    with pytest.raises(ExerciseError, match="anchors and aliases"):
        load(HERE / "malformed" / "alias_bomb.yml")


# ---- reading valid files -----------------------------------------------------------------------

def test_valid_file_loads_with_positions(tmp_path):
    source = read_yaml(write(tmp_path, VALID_QUIZ))
    assert source.data["items"][0]["choices"][0] == {"text": "Islamabad", "correct": True}
    assert source.position(("kind",)) == (1, 1)
    assert source.position(("items", 0)) == (9, 5)
    assert source.position(("items", 0, "prompt")) == (11, 5)
    assert source.position(("items", 0, "choices", 1, "text")) == (15, 9)
    # an unknown path falls back to its deepest known ancestor
    assert source.position(("items", 0, "choices", 1, "feedback")) == source.position(("items", 0, "choices", 1))
    assert source.position(("nothing", "here")) == source.position(())


def test_byte_order_mark_is_accepted_and_lines_still_count_from_one(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + VALID_QUIZ.encode())
    assert load(path).id == "valid-quiz"
    broken = write(tmp_path, b"\xef\xbb\xbf" + VALID_QUIZ.replace("correct: true", "correct: maybe").encode(),
                   "bom.yml")
    problems = first_problems(broken)
    assert problems[0].line == 14


def test_dates_stay_text_with_their_precision(tmp_path):
    source = read_yaml(write(tmp_path, "a: 1969-09-22\nb: 1969-09\nc: 1969\nd: '1969'\n"))
    assert source.data == {"a": "1969-09-22", "b": "1969-09", "c": 1969, "d": "1969"}


def test_plain_scalars_follow_yaml_1_2(tmp_path):
    source = read_yaml(write(tmp_path, "a: yes\nb: true\nc: ~\nd: 1.5\ne: 0o17\nf: 'x: y'\n"))
    assert source.data == {"a": "yes", "b": True, "c": None, "d": 1.5, "e": 15, "f": "x: y"}


def test_non_string_keys_become_text(tmp_path):
    assert read_yaml(write(tmp_path, "1: a\ntrue: b\n")).data == {"1": "a", "True": "b"}


# ---- refusing unsafe or unusable input -----------------------------------------------------------

@pytest.mark.parametrize(("raw", "line", "column"), [
    (b"kind: quiz\ntitle: Caf\xe9\n", 2, 11),              # Latin-1
    (b"\xff\xfek\x00i\x00n\x00d\x00", 1, 1),              # UTF-16 with its BOM
    (b"kind: quiz\n\n\nx: \xc3(\n", 4, 4),                # broken two-byte sequence
    (b"kind: \xed\xa0\x80\n", 1, 7),                       # an encoded surrogate
])
def test_bytes_that_are_not_utf8_are_located(tmp_path, raw, line, column):
    problem = first_problems(write(tmp_path, raw))[0]
    assert problem.message == "file is not valid UTF-8"
    assert (problem.line, problem.column) == (line, column)
    assert "UTF-8" in problem.fix


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\ufffe"])
def test_control_characters_are_refused_without_a_traceback(tmp_path, char):
    problem = first_problems(write(tmp_path, f"kind: quiz\ntitle: ab{char}cd\n"))[0]
    assert "unacceptable character" in problem.message
    assert (problem.line, problem.column) == (2, 10)


@pytest.mark.parametrize("text", [
    "a: " + "[" * 5000 + "]" * 5000,
    "a: " + "{a: " * 3000 + "}" * 3000,
    "- " * 3000 + "x\n",
    "".join(" " * i + f"k{i}:\n" for i in range(600)) + " " * 600 + "x\n",
], ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"])
def test_absurd_nesting_is_refused(tmp_path, text):
    """How long refusing takes is measured in benchmarks/ (hostile files), not asserted here."""
    problem = first_problems(write(tmp_path, text))[0]
    assert problem.message == "YAML is nested too deeply"


def test_moderate_nesting_is_fine(tmp_path):
    assert read_yaml(write(tmp_path, "a: " + "[" * 20 + "]" * 20 + "\n")).data["a"] is not None


@pytest.mark.parametrize("levels", [9, 20])
def test_billion_laughs_of_any_depth_is_refused_at_the_first_anchor(tmp_path, levels):
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    problem = first_problems(write(tmp_path, "\n".join(lines) + "\n"))[0]
    assert "anchors and aliases" in problem.message
    assert (problem.line, problem.column) == (1, 7)


def test_merge_keys_and_alias_reuse_are_refused(tmp_path):
    text = "base: &b {x: 1}\nother:\n  <<: *b\n"
    assert "anchors and aliases" in first_problems(write(tmp_path, text))[0].message


@pytest.mark.parametrize(("value", "tag"), [
    ("!!python/object/apply:os.system ['true']", "python/object/apply:os.system"),
    ("!!python/name:os.system", "python/name:os.system"),
    ("!!binary aGVsbG8=", "binary"),
    ("!!set {a, b}", "set"),
    ("!!omap [{a: 1}]", "omap"),
    ("!include other.yml", "!include"),
    ("!Ref something", "!Ref"),
    ("!<tag:example.com,2000:app/foo> bar", "tag:example.com,2000:app/foo"),
])
def test_tags_are_refused_before_anything_is_constructed(tmp_path, value, tag):
    problem = first_problems(write(tmp_path, f"kind: quiz\nid: {value}\n"))[0]
    assert "is not allowed" in problem.message and tag in problem.message
    assert (problem.line, problem.column) == (2, 5)
    assert "tag" in problem.fix


def test_tag_directive_cannot_smuggle_in_python_objects(tmp_path):
    text = "%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nkind: !p!os.system ['true']\n"
    assert "python/object/apply" in first_problems(write(tmp_path, text))[0].message


@pytest.mark.parametrize("value", ["!!int twelve", "!!float many", "!!bool maybe", "!!int ''"])
def test_explicit_plain_tags_with_bad_values_are_refused_not_crashed(tmp_path, value):
    problem = first_problems(write(tmp_path, f"kind: quiz\nanswer: {value}\n"))[0]
    assert "is not a valid" in problem.message and problem.line == 2


def test_explicit_plain_tags_with_good_values_are_fine(tmp_path):
    text = "a: !!int '12'\nb: !!str 12\nc: !!str >-\n  one\n  two\nd: >-\n  three\n  four\n"
    data = read_yaml(write(tmp_path, text)).data
    assert data == {"a": 12, "b": "12", "c": "one two", "d": "three four"}
    assert all(type(data[key]) is not str or "\a" not in data[key] for key in "bcd")


def test_duplicate_keys_point_at_the_second_one(tmp_path):
    problem = first_problems(write(tmp_path, "kind: quiz\nid: a\nid: b\n"))[0]
    assert problem.message == "duplicate key 'id'"
    assert (problem.line, problem.column) == (3, 1)


@pytest.mark.parametrize(("text", "line", "says", "fix"), [
    ("kind: quiz\ntitle: a: b\n", 2, "text containing ': ' is not in quotes", "double quotes"),
    ("kind: quiz\n  id: x\n", 2, "indented further than the key above it", "line the key up"),
    ("kind: 'unterminated\n", 1, "a quoted text is never closed", "closing quote"),
    ("kind: [a, b\n", 1, "a list written in [ ] is not closed", "closing ]"),
    ("kind: quiz\n---\nkind: quiz\n", 2, "more than one document", "remove the '---' line"),
    ("kind: quiz\n\tid: x\n", 2, "a tab character", "spaces only"),
    ("items:\n  - id: x\n    prompt: a: b\n", 3, "text containing ': ' is not in quotes", 'prompt: "a: b"'),
    ('items:\n  - prompt: "never closed\n    feedback:\n      correct: "TODO: x"\n', 2, "a quoted text is never closed",
     "closing quote"),
    # the open quote closes at the next value's quote, lines later; the parser stumbles on the line after
    ('kind: quiz\ntitle: "W\nitems:\n  - id: t1-a\n    type: true_false\n    prompt: "x"\n    answer: true\n', 2,
     "a quoted text is never closed", "closing quote"),
])
def test_malformed_yaml_is_located_with_a_fix(tmp_path, text, line, says, fix):
    """In an instructor's words: what is wrong on that line and what to do, no parser jargon."""
    problem = first_problems(write(tmp_path, text))[0]
    assert says in problem.message and fix in problem.fix
    assert problem.line == line
    for jargon in ("<block", "expected", "token", "scalar", "stream"):
        assert jargon not in problem.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "\ufeff"])
def test_empty_files_are_refused(tmp_path, text):
    problem = first_problems(write(tmp_path, text))[0]
    assert problem.message in ("file is empty", "the file must be a mapping of `key: value` lines")
    assert problem.line == 1 or text == "---\n"


@pytest.mark.parametrize("text", ["just text\n", "42\n", "- a\n- b\n", "null\n"])
def test_top_level_must_be_a_mapping(tmp_path, text):
    assert "must be a mapping" in first_problems(write(tmp_path, text))[0].message


def test_oversized_files_are_refused_before_parsing(tmp_path):
    path = write(tmp_path, b"# " + b"x" * MAX_BYTES + b"\n")
    problem = first_problems(path)[0]
    assert "larger than" in problem.message


# ---- fuzzing: nothing but ExerciseError ever escapes ---------------------------------------------

YAMLISH = st.lists(st.sampled_from([
    "kind: quiz\n", "kind: timeline\n", "kind: prompts\n", "items:\n", "  - ", "id: a\n", "type: numeric\n",
    "answer: 1\n", "&a ", "*a ", "!!python/object ", "!x ", "[", "]", "{", "}", ": ", "- ", "\t", "'", '"', "#",
    "%YAML 1.1\n", "---\n", "...\n", "<<: ", "? ", "|\n", ">\n", "\n", "  ", "é", "\x00", "\ufeff", "\u2028",
    "1969-13-01", ".inf", "~", "yes", "0x1F",
]), max_size=40).map("".join)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode), YAMLISH.map(str.encode)))
def test_any_bytes_give_a_model_or_an_exercise_error(tmp_path, raw):
    path = tmp_path / "fuzz.yml"
    path.write_bytes(raw)
    try:
        load(path)
    except ExerciseError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith(str(path))
            assert problem.fix


def test_problem_text_names_file_line_column_and_fix():
    problem = Problem(Path("exercises/part1/x/quiz.yml"), 12, 5, "something is wrong", "do this")
    assert str(problem) == "exercises/part1/x/quiz.yml:12:5: error: something is wrong (fix: do this)"
    assert str(Problem(Path("f.yml"), 0, 0, "cross-file", "", "warning")) == "f.yml: warning: cross-file"
    error = ExerciseError([problem, problem])
    assert str(error).count("something is wrong") == 2


def test_brackets_inside_quotes_are_not_nesting_and_deep_nesting_is_located(tmp_path):
    assert read_yaml(write(tmp_path, "title: '" + "[" * 80 + "'\nnote: \"" + "{" * 80 + "\"\n")).data
    problem = first_problems(write(tmp_path, "a: 1\nb: " + "[" * 60 + "]" * 60 + "\n"))[0]
    assert (problem.line, problem.column) == (2, 54)        # the 51st bracket, where it gets too deep


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_devices_pipes_and_folders_are_refused_without_being_read(tmp_path, target):
    import os
    path = Path(target) if target.startswith("/") else tmp_path / target
    if target == "fifo":
        os.mkfifo(path)
    elif target == "folder":
        path.mkdir()
    problem = first_problems(path)[0]
    assert problem.message.startswith("the path is ")


def test_a_file_with_too_many_values_stops_early(tmp_path):
    from coursekit.schema.yaml_source import MAX_VALUES
    problem = first_problems(write(tmp_path, "items: [" + ", ".join(["1"] * (MAX_VALUES + 10)) + "]\n"))[0]
    assert problem.message == f"the file holds more than {MAX_VALUES:,} values" and problem.line == 1
