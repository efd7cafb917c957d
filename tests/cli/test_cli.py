"""The instructor command line: new, check, list, stats (export is in tests/exporters).

Commands run in-process through ``coursekit.cli.main`` (fast); ``python -m coursekit``, the console script
and the smoke test over the real bank run as subprocesses, as an instructor would.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import course_copy

from coursekit.cli import main
from coursekit.schema.validate import load

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "exporters" / "fixtures" / "bank"
LINE = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+$")
COVERAGE = re.compile(r"^[a-z]{2}: [\d,]+ of [\d,]+ (exercise|page) strings translated, ")  # two lines per language


@pytest.fixture
def course(tmp_path, monkeypatch):
    """An empty course (``_config.yml`` + ``exercises/``) as the working folder."""
    (tmp_path / "_config.yml").write_text("title: Test course\n", encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    return tmp_path


@pytest.fixture
def bank(tmp_path, monkeypatch):
    """A copy of the fixture bank as the working folder."""
    return course_copy(tmp_path, monkeypatch)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# ---------------------------------------------------------------- new

@pytest.mark.parametrize("kind, schema_kind", [("quiz", "quiz"), ("prompts", "prompts"),
                                               ("free-response", "free_response")])
def test_new_creates_a_valid_file_and_check_passes(course, capsys, kind, schema_kind):
    code, out, _ = run(capsys, "new", kind, "--section", "part1/science")
    target = course / "exercises" / "part1" / "science" / f"{kind}.yml"
    assert code == 0 and target.is_file()
    assert f"exercises/part1/science/{kind}.yml" in out
    model = load(target)
    assert model.kind == schema_kind and model.section == "part1/science"
    code, out, err = run(capsys, "check")
    assert code == 0, out + err
    assert "0 error(s)" in out
    assert "placeholder text from the template" in out      # a reminder, not an error


def test_new_all_three_then_check_the_whole_bank(course, capsys):
    for kind in ("quiz", "prompts", "free-response"):
        assert run(capsys, "new", kind, "--section", "part2/iran-deal")[0] == 0
    quiz = load(course / "exercises" / "part2" / "iran-deal" / "quiz.yml")
    assert quiz.id == "part2-iran-deal"
    assert all(item.id.startswith("part2-iran-deal-") for item in quiz.items)
    assert len({item.type for item in quiz.items}) == 7            # the template shows every type
    code, out, err = run(capsys, "check", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["errors"] == 0 and report["files"] == 3


def test_new_never_overwrites(course, capsys):
    assert run(capsys, "new", "quiz", "--section", "part1/water")[0] == 0
    target = course / "exercises" / "part1" / "water" / "quiz.yml"
    target.write_text(target.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = target.read_bytes()
    code, out, err = run(capsys, "new", "quiz", "--section", "part1/water")
    assert code == 1
    assert "exercises/part1/water/quiz.yml" in err and "already exists" in err and "not overwritten" in err
    assert target.read_bytes() == before


def test_new_with_root_and_bad_section(tmp_path, capsys):
    code, _, err = run(capsys, "new", "quiz", "--section", "Part1/Science", "--root", str(tmp_path))
    assert code == 1 and "part/name" in err
    code, _, _ = run(capsys, "new", "prompts", "--section", "part1/x", "--root", str(tmp_path))
    assert code == 0 and (tmp_path / "exercises" / "part1" / "x" / "prompts.yml").is_file()


def test_shipped_templates_validate_as_they_are():
    from importlib import resources
    folder = resources.files("coursekit") / "templates"
    for name in ("quiz.yml", "prompts.yml", "free-response.yml"):
        load(Path(str(folder / name)))


# ---------------------------------------------------------------- check

def test_check_fixture_bank_passes(bank, capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0 and "4 file(s) checked, 0 error(s), 0 warning(s)" in out


def test_check_reports_every_problem_at_once_with_location(bank, capsys):
    bad = bank / "exercises" / "bad"
    contents = {"malformed": b"kind: quiz\nid: [unclosed\n", "latin1": "kind: quiz\ntitle: caf\xe9\n".encode("latin-1"),
                "tag": b"kind: !!python/object:os.system ls\n",
                "bomb": b"a: &a [1, 2]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
                "typo": (FIXTURE / "exercises/part1/demo/prompts.yml").read_text(encoding="utf-8")
                .replace("level: explain", "levle: explain").replace("fx-discuss", "fx-other").encode()}
    for name, raw in contents.items():
        (bad / name).mkdir(parents=True)
        (bad / name / ("prompts.yml" if name == "typo" else "quiz.yml")).write_bytes(raw)
    code, out, err = run(capsys, "check")
    assert code == 1
    lines = [line for line in out.splitlines() if line]
    assert all(LINE.match(line) for line in lines), lines
    files = {LINE.match(line)["file"] for line in lines}
    assert {f"exercises/bad/{n}/quiz.yml" for n in ("malformed", "latin1", "tag", "bomb")} <= files
    assert "exercises/bad/typo/prompts.yml" in files
    assert any("latin1/quiz.yml:2:" in line and "UTF-8" in line for line in lines)
    assert any("anchors and aliases" in line for line in lines)
    assert any("not allowed" in line and "tag/quiz.yml" in line for line in lines)
    assert any("typo/prompts.yml" in line and "(fix: " in line for line in lines)
    assert "FAILED" in err


def test_check_json(bank, capsys):
    quiz = bank / "exercises" / "part1" / "demo" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("type: true_false", "type: truefalse"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and report["errors"] >= 1
    problem = report["problems"][0]
    assert set(problem) == {"path", "line", "column", "severity", "message", "fix"}
    assert problem["path"] == "exercises/part1/demo/quiz.yml" and problem["line"] > 1


def test_check_warning_only_exits_0_and_is_located(bank, capsys):
    quiz = bank / "exercises" / "part1" / "demo" / "quiz.yml"
    text = quiz.read_text(encoding="utf-8").replace(
        "objectives:\n", "objectives:\n  - id: fixture-unused\n    text: \"Evaluate something nothing asks.\"\n", 1)
    quiz.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0
    [line] = [line for line in out.splitlines() if "fixture-unused" in line]
    match = LINE.match(line)
    assert match and match["sev"] == "warning" and match["line"] == "6"


def true_false_items(*answers: bool) -> str:
    return "".join(f"  - id: fx-tf-{n}\n    type: true_false\n    prompt: \"True or false? Statement {n}.\"\n"
                   f"    answer: {str(a).lower()}\n    objectives: [fixture-reason]\n" for n, a in enumerate(answers))


def test_check_warns_at_items_when_most_true_false_answers_are_the_same(bank, capsys):
    quiz = bank / "exercises" / "part1" / "demo" / "quiz.yml"
    original = quiz.read_text(encoding="utf-8")    # it has one true/false item, keyed false
    quiz.write_text(original.rstrip("\n") + "\n" + true_false_items(False, False, True, False), encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0                                   # a warning: the build goes on
    [line] = [line for line in out.splitlines() if "true/false" in line]
    match = LINE.match(line)
    assert match and match["file"] == "exercises/part1/demo/quiz.yml" and match["sev"] == "warning"
    assert match["line"] == "10"                       # at the file's `items:`
    assert "4 of the 5 true/false items are keyed false" in line and "(fix: rewrite some statements" in line
    quiz.write_text(original.rstrip("\n") + "\n" + true_false_items(True, False, True, False), encoding="utf-8")
    code, out, _ = run(capsys, "check")               # 3 false and 2 true: balanced enough
    assert code == 0 and "true/false" not in out


def test_check_warns_at_a_writing_exercise_without_criteria(bank, capsys):
    path = bank / "exercises" / "part1" / "demo" / "free-response.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"    criteria:\n(      - .*\n)+", "", text), encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0                                   # a warning: the build goes on
    [line] = [line for line in out.splitlines() if "criteria" in line]
    match = LINE.match(line)
    assert match and match["file"] == "exercises/part1/demo/free-response.yml"
    assert (match["sev"], match["line"], match["col"]) == ("warning", "4", "5")   # at the exercise's `- id:`
    assert "'fx-essay' has no criteria" in line and "(fix: add `criteria:` with 2-5 short points" in line
    assert "0 error(s), 1 warning(s)" in out


def test_check_cross_file_duplicate_is_an_error_with_a_line(bank, capsys):
    copy = bank / "exercises" / "part1" / "copy"
    copy.mkdir()
    text = (bank / "exercises/part1/demo/quiz.yml").read_text(encoding="utf-8").replace("id: fixture-demo", "id: fixture-copy")
    (copy / "quiz.yml").write_text(text.replace("section: part1/demo", "section: part1/copy"), encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1
    dupes = [line for line in out.splitlines() if "already used in exercises/part1/demo/quiz.yml" in line]
    assert dupes and all(LINE.match(line) and not LINE.match(line)["line"] == "0" for line in dupes)


def test_check_chosen_paths_and_missing_file(bank, capsys):
    code, out, _ = run(capsys, "check", "exercises/part1/demo/quiz.yml")
    assert code == 0 and "1 file(s) checked" in out
    code, out, _ = run(capsys, "check", "exercises/nope.yml")
    assert code == 1 and "exercises/nope.yml:1:1: error: no such file" in out


def test_check_outside_a_course_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    code, _, err = run(capsys, "check")
    assert code == 1 and "no course root" in err and "--root" in err


# ---------------------------------------------------------------- list and stats

def test_list_text_and_json(bank, capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split()[:4] == ["SECTION", "KIND", "ID", "COUNT"]
    assert any(r.split()[:4] == ["part1/demo", "quiz", "fixture-demo", "9"] for r in rows)
    assert any(r.split()[:4] == ["part1/demo", "prompts", "-", "1"] for r in rows)
    assert any(r.split()[:4] == ["part1/demo", "free-response", "-", "1"] for r in rows)
    assert len(rows) == 4                                   # the timeline is not listed
    code, out, _ = run(capsys, "list", "--format", "json")
    data = json.loads(out)
    assert code == 0 and {(r["kind"], r["count"]) for r in data} == {("quiz", 9), ("prompts", 1), ("free-response", 1)}


def test_stats_text_and_json_flag_unassessed(bank, capsys):
    quiz = bank / "exercises" / "part1" / "demo" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace(
        "objectives:\n", "objectives:\n  - id: fixture-unused\n    text: \"Evaluate something.\"\n", 1), encoding="utf-8")
    code, out, _ = run(capsys, "stats", "--format", "json")
    stats = json.loads(out)
    assert code == 0
    assert stats["sections"] == {"part1/demo": {"items": 9, "prompts": 1, "free_response": 1}}
    assert stats["item_types"] == {"matching": 1, "multiple_select": 2, "numeric": 2, "ordering": 1,
                                   "short_text": 1, "single_choice": 1, "true_false": 1}
    assert stats["unassessed_objectives"] == ["fixture-unused"]
    by_id = {o["id"]: o["items"] for o in stats["objectives"]}
    assert by_id == {"fixture-unused": 0, "fixture-recall": 6, "fixture-reason": 3}
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "NOT ASSESSED" in out and "fixture-unused" in out


def test_list_and_stats_with_a_broken_file_exit_1_cleanly(bank, capsys):
    (bank / "exercises" / "broken.yml").write_text("kind: quiz\n  bad: [\n", encoding="utf-8")
    for command in ("list", "stats"):
        code, out, err = run(capsys, command)
        assert code == 1 and "broken.yml:" in err and "coursekit check" in err
        assert "fixture-demo" in out or "part1/demo" in out


# ---------------------------------------------------------------- entry points

def test_python_dash_m_and_console_script(bank):
    for argv in ([sys.executable, "-m", "coursekit", "list"], [str(Path(sys.executable).parent / "coursekit"), "list"]):
        if not Path(argv[0]).exists():
            pytest.skip("console script not installed in this environment")
        result = subprocess.run(argv, cwd=bank, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "fixture-demo" in result.stdout


def test_usage_error_is_exit_2_without_traceback(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["new", "essay", "--section", "part1/x"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_real_bank_smoke():
    """The course's own exercises (being edited by others): checked cleanly, whatever they contain."""
    result = subprocess.run([sys.executable, "-m", "coursekit", "check", "--root", str(ROOT)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for line in result.stdout.splitlines():
        assert LINE.match(line) or COVERAGE.match(line) or line.startswith("ok: "), line


def test_check_warns_at_each_choice_item_that_show_answer_after_would_let_try_every_option(course, capsys):
    quiz = course / "exercises" / "part1" / "tries" / "quiz.yml"
    quiz.parent.mkdir(parents=True)
    quiz.write_text(
        "kind: quiz\nid: tries\nsection: part1/tries\ntitle: Tries\nsettings:\n  show_answer_after: 3\n"
        "items:\n"
        "  - id: tf\n    type: true_false\n    prompt: \"True?\"\n    answer: true\n"
        "  - id: three\n    type: single_choice\n    prompt: \"Which?\"\n"
        "    choices: [{text: a, correct: true}, {text: b}, {text: c}]\n"
        "  - id: four\n    type: multiple_select\n    prompt: \"Which?\"\n"
        "    choices: [{text: a, correct: true}, {text: b}, {text: c}, {text: d}]\n"
        "  - id: year\n    type: numeric\n    prompt: \"When?\"\n    answer: 1969\n", encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0, out                                    # a warning: the page caps the tries itself
    warned = [LINE.match(line) for line in out.splitlines() if "scored" in line]
    assert [(m["line"], m["sev"]) for m in warned] == [("8", "warning"), ("12", "warning")]
    assert "item 'tf' has 2 options, so it allows 1 scored try, not the 3 of `show_answer_after`" in out
    assert "item 'three' has 3 options, so it allows 2 scored tries" in out
    assert "fix: set `show_answer_after: 1` or lower" in out


def test_check_says_nothing_of_tries_when_the_file_keeps_the_default(course, capsys):
    quiz = course / "exercises" / "part1" / "tries" / "quiz.yml"
    quiz.parent.mkdir(parents=True)
    quiz.write_text("kind: quiz\nid: tries\nsection: part1/tries\ntitle: Tries\nitems:\n"
                    "  - id: tf\n    type: true_false\n    prompt: \"True?\"\n    answer: true\n", encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0 and "scored" not in out, out
