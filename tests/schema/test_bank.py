"""All instructor files together (coursekit.bank): every problem collected, ids unique across the course."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from coursekit.bank import Bank, course_bank, yaml_files
from coursekit.course import find_root
from coursekit.schema.errors import ExerciseError

ROOT = Path(__file__).resolve().parents[2]


def quiz_yaml(quiz_id: str, section: str, items: list[str], objectives: list[str] = ("obj-a",),
              assessed: tuple[str, ...] | None = None) -> str:
    assessed = list(objectives if assessed is None else assessed)
    lines = ["kind: quiz", f"id: {quiz_id}", f"section: {section}", 'title: "Quiz"', "objectives:"]
    for objective in objectives:
        lines += [f"  - id: {objective}", '    text: "Identify something."']
    lines.append("items:")
    for item_id in items:
        lines += [f"  - id: {item_id}", "    type: true_false", '    prompt: "True?"', "    answer: true",
                  f"    objectives: [{', '.join(assessed)}]"]
    return "\n".join(lines) + "\n"


PROMPTS = """\
kind: prompts
section: {section}
prompts:
  - id: why
    level: explain
    prompt: "Why?"
    facilitator_notes: {{good_discussion: "a", misconceptions: "b", follow_up: "c"}}
"""

TIMELINE = """\
kind: timeline
themes: {institutions: "Institutions"}
events:
  - id: charter
    date: "1972-03-04"
    title: "Charter"
    summary: "Adopted."
    themes: [institutions]
    actors: ["OIC"]
    section: part1/actors
    sources: [{title: "Charter", url: "https://www.oic-oci.org/"}]
"""


def course(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "_config.yml").write_text("title: test\n")
    for name, text in files.items():
        path = tmp_path / "exercises" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_clean_course_loads_and_is_indexed(tmp_path):
    root = course(tmp_path, {
        "part1/actors/quiz.yml": quiz_yaml("part1-actors", "part1/actors", ["actors-one", "actors-two"]),
        "part1/actors/prompts.yml": PROMPTS.format(section="part1/actors"),
        "part1/water/quiz.yaml": quiz_yaml("part1-water", "part1/water", ["water-one"], ["obj-b"]),
        "timeline.yml": TIMELINE,
        "notes.txt": "not YAML, ignored",
    })
    bank = Bank.load(root).raise_errors()
    assert bank.problems == []
    assert len(bank.files) == 4
    assert [m.id for _, m in bank.of_kind("quiz")] == ["part1-actors", "part1-water"]
    assert [p.name for p, _ in bank.for_section("prompts", "part1/actors")] == ["prompts.yml"]
    assert bank.for_section("quiz", "part2/none") == []
    path, model = bank.timeline()
    assert path.name == "timeline.yml" and model.events[0].id == "charter"


def test_every_problem_of_every_file_is_collected(tmp_path):
    root = course(tmp_path, {
        "part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"]).replace("answer: true", "answer: perhaps"),
        "part1/b/quiz.yml": "kind: quiz\nid: [unclosed\n",
        "part1/c/prompts.yml": PROMPTS.format(section="part1/c").replace("level: explain", "level: chat"),
        "part1/d/quiz.yml": quiz_yaml("quiz-d", "part1/d", ["item-d"], ["obj-d"]),
    })
    bank = Bank.load(root)
    assert {p.path.parent.name for p in bank.errors} == {"a", "b", "c"}
    assert [m.id for _, m in bank.of_kind("quiz")] == ["quiz-d"]       # the good file still loads
    with pytest.raises(ExerciseError) as caught:
        bank.raise_errors()
    text = str(caught.value)
    assert "a/quiz.yml:" in text and "b/quiz.yml:2:5:" in text and "c/prompts.yml:" in text
    assert text.count("fix:") == len(bank.errors)


@pytest.mark.parametrize(("kind", "files"), [
    ("quiz", {"part1/a/quiz.yml": quiz_yaml("same-quiz", "part1/a", ["item-a"], ["obj-a"]),
              "part1/b/quiz.yml": quiz_yaml("same-quiz", "part1/b", ["item-b"], ["obj-b"])}),
    ("item", {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["same-item"], ["obj-a"]),
              "part1/b/quiz.yml": quiz_yaml("quiz-b", "part1/b", ["same-item"], ["obj-b"])}),
    ("objective", {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"], ["same-objective"]),
                   "part1/b/quiz.yml": quiz_yaml("quiz-b", "part1/b", ["item-b"], ["same-objective"])}),
])
def test_ids_are_unique_across_the_course(tmp_path, kind, files):
    bank = Bank.load(course(tmp_path, files))
    [problem] = bank.errors
    assert problem.path.parent.name == "b"
    assert problem.message.startswith(f"{kind} id 'same-")
    assert "already used in exercises/part1/a/quiz.yml" in problem.message      # relative to the course
    assert "unique across the course" in problem.fix


def test_a_duplicate_id_is_reported_at_the_newer_copy(tmp_path):
    """An instructor copies an item into another file: the copy is what gets the error, wherever it sorts."""
    root = course(tmp_path, {"part1/z/quiz.yml": quiz_yaml("quiz-z", "part1/z", ["shared"], ["obj-z"]),
                             "part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["shared"], ["obj-a"])})
    older = root / "exercises/part1/z/quiz.yml"
    os.utime(older, ns=(older.stat().st_mtime_ns - 10**9,) * 2)
    [problem] = Bank.load(root).errors
    assert problem.path.parent.name == "a" and "already used in exercises/part1/z/quiz.yml" in problem.message


@pytest.mark.parametrize(("name", "guess"), [("quizz.yml", "quiz.yml"), ("prompt.yml", "prompts.yml"),
                                             ("free_response.yml", "free-response.yml")])
def test_a_misspelt_file_name_gets_one_line_with_a_guess(tmp_path, name, guess):
    root = course(tmp_path, {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"]),
                             f"part1/a/{name}": quiz_yaml("quiz-a", "part1/a", ["item-a"])})
    [problem] = Bank.load(root).errors
    assert problem.path.name == name
    if guess == "quiz.yml":   # the section has its quiz.yml already: renaming to it would overwrite it
        assert problem.fix.startswith("did you mean quiz-<name>.yml? quiz.yml exists already")
    else:
        assert problem.fix == f"did you mean {guess}? rename the file"
    assert [p.name for p in Bank.load(root).files] == ["quiz.yml"]          # not read as a second quiz


def test_a_section_that_does_not_match_its_folder_is_an_error(tmp_path):
    root = course(tmp_path, {"part1/water/quiz.yml": quiz_yaml("quiz-w", "part1/science", ["item-w"])})
    [problem] = Bank.load(root).errors
    assert problem.message == "section 'part1/science' does not match the file's folder exercises/part1/water/"
    assert problem.line == 3 and problem.fix.startswith("write `section: part1/water`")


def test_an_objective_no_item_assesses_is_a_warning_not_an_error(tmp_path):
    text = quiz_yaml("quiz-a", "part1/a", ["item-a"], ["obj-a", "obj-b"], assessed=("obj-a",))
    bank = Bank.load(course(tmp_path, {"part1/a/quiz.yml": text}))
    assert bank.errors == []
    [warning] = bank.problems
    assert warning.severity == "warning" and "'obj-b' is assessed by no item" in warning.message
    assert "warning:" in str(warning) and "fix:" in str(warning)
    assert bank.raise_errors() is bank


@pytest.mark.parametrize("count", [0, 2])
def test_the_course_has_exactly_one_timeline(tmp_path, count):
    files = {name: TIMELINE for name in ["timeline.yml", "part1/extra/timeline.yml"][:count]}
    files["part1/a/quiz.yml"] = quiz_yaml("quiz-a", "part1/a", ["item-a"])
    bank = Bank.load(course(tmp_path, files))
    with pytest.raises(ExerciseError, match=f"expected one timeline file, found {count}"):
        bank.timeline()


def test_load_accepts_chosen_files_and_folders(tmp_path):
    root = course(tmp_path, {
        "part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"]),
        "part1/b/quiz.yml": quiz_yaml("quiz-b", "part1/b", ["item-b"]),
        "part1/b/prompts.yaml": PROMPTS.format(section="part1/b"),
    })
    exercises = root / "exercises"
    assert [p.relative_to(exercises).as_posix() for p in yaml_files([exercises])] == [
        "part1/a/quiz.yml", "part1/b/prompts.yaml", "part1/b/quiz.yml"]
    bank = Bank.load(root, [exercises / "part1" / "b", exercises / "part1" / "a" / "quiz.yml"])
    assert sorted(p.relative_to(exercises).as_posix() for p in bank.files) == [
        "part1/a/quiz.yml", "part1/b/prompts.yaml", "part1/b/quiz.yml"]


def test_find_root(tmp_path, monkeypatch):
    root = course(tmp_path, {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"])})
    deep = root / "book" / "part1"
    deep.mkdir(parents=True)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    assert find_root(deep) == root.resolve()
    monkeypatch.chdir(deep)
    assert find_root() == root.resolve()
    monkeypatch.setenv("COURSEKIT_ROOT", str(tmp_path / "elsewhere"))
    assert find_root(deep) == (tmp_path / "elsewhere").resolve()
    monkeypatch.delenv("COURSEKIT_ROOT")
    lonely = tmp_path.parent / f"{tmp_path.name}-lonely"
    lonely.mkdir()
    with pytest.raises(FileNotFoundError, match="no course root"):
        find_root(lonely)


def test_course_bank_is_cached_until_a_file_changes(tmp_path):
    root = course(tmp_path, {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"])})
    first = course_bank(root)
    assert course_bank(root) is first
    path = root / "exercises" / "part1" / "a" / "quiz.yml"
    path.write_text(quiz_yaml("quiz-a", "part1/a", ["item-a", "item-b"]), encoding="utf-8")
    stamp = time.time_ns() + 5_000_000_000
    os.utime(path, ns=(stamp, stamp))
    second = course_bank(root)
    assert second is not first
    assert [i.id for i in second.of_kind("quiz")[0][1].items] == ["item-a", "item-b"]
    path.write_text("kind: quiz\n", encoding="utf-8")
    with pytest.raises(ExerciseError, match="Field required"):
        course_bank(root)


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests" / "fixtures" / "minibook"], ids=["course", "minibook"])
def test_the_real_exercise_files_are_valid(root):
    if not (root / "exercises").is_dir():
        pytest.skip(f"{root} has no exercises/ yet")
    bank = Bank.load(root)
    assert bank.errors == [], "\n".join(map(str, bank.errors))
    assert bank.of_kind("quiz"), "the course has quiz files"


def test_a_further_file_of_a_section_is_named_after_its_kind(tmp_path):
    root = course(tmp_path, {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"], ["obj-a"]),
                             "part1/a/quiz-review.yml": quiz_yaml("quiz-b", "part1/a", ["item-b"], ["obj-b"]),
                             "part1/a/prompts.yml": quiz_yaml("quiz-c", "part1/a", ["item-c"], ["obj-c"])})
    [problem] = Bank.load(root).errors
    assert problem.path.name == "prompts.yml"
    assert problem.message == "the file is named prompts.yml but holds `kind: quiz`"
    assert [p.name for p, _ in Bank.load(root).for_section("quiz", "part1/a")] == ["quiz-review.yml", "quiz.yml"]


def test_a_quiz_shown_on_no_page_is_a_warning(tmp_path):
    root = course(tmp_path, {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["item-a"]),
                             "part1/b/quiz.yml": quiz_yaml("quiz-b", "part1/b", ["item-b"], ["obj-b"])})
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/part1/a\n")
    (root / "book" / "part1").mkdir(parents=True)
    (root / "book" / "part1" / "a.md").write_text("# A\n")
    bank = Bank.load(root)
    [warning] = bank.problems
    assert warning.severity == "warning" and warning.path.parent.name == "b" and warning.line == 3
    assert warning.message == "this quiz file is shown on no page: the book has no page book/part1/b in _toc.yml"


def test_an_item_copied_with_its_objectives_is_named_as_a_copy_at_once(tmp_path):
    """Copied into another file, an item brings objectives that file does not list, so the file is invalid;
    its ids are still compared, and the copy is named in the same run as the unknown objective."""
    root = course(tmp_path, {"part1/a/quiz.yml": quiz_yaml("quiz-a", "part1/a", ["shared-item"], ["obj-a"])})
    copy = root / "exercises" / "part1" / "b" / "quiz.yml"
    copy.parent.mkdir(parents=True)
    copy.write_text(quiz_yaml("quiz-b", "part1/b", ["item-b", "shared-item"], ["obj-b"], ("obj-a",)), encoding="utf-8")
    messages = {(p.path.parent.name, p.line, p.message) for p in Bank.load(root).errors}
    assert ("b", 14, "item id 'shared-item' is already used in exercises/part1/a/quiz.yml:9") in messages   # at its line there
    assert any(name == "b" and "unknown objective 'obj-a'" in message for name, _, message in messages)
