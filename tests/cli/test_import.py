"""`coursekit import` as an instructor runs it: a new quiz file, never over an existing one, one line per refusal."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.schema.validate import load

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"


@pytest.fixture
def course(tmp_path, monkeypatch):
    (tmp_path / "_config.yml").write_text("title: Test course\n", encoding="utf-8")
    (tmp_path / "exercises" / "part1" / "demo").mkdir(parents=True)
    for name in ("moodle-export.xml", "moodle-export.gift"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("name, count", [("moodle-export.xml", 6), ("moodle-export.gift", 7)])
def test_import_writes_a_quiz_file_that_passes_check(course, capsys, name, count):
    target = "exercises/part1/demo/quiz.yml"
    code, out, err = run(capsys, "import", name, "--section", "part1/demo", "--output", target)
    assert code == 0, err
    assert f"wrote {target}: {count} item(s)" in out
    assert "warning: not imported: Essay on cooperation: essay questions are free-response" in err
    assert len(load(course / target).items) == count
    code, out, err = run(capsys, "check")
    assert code == 0 and "0 error(s)" in out, out + err


def test_default_output_is_next_to_the_file(course, capsys):
    code, out, _ = run(capsys, "import", "moodle-export.xml", "--section", "part1/demo")
    assert code == 0 and (course / "moodle-export.yml").is_file() and "wrote moodle-export.yml" in out


def test_an_existing_file_is_never_replaced(course, capsys):
    target = course / "exercises" / "part1" / "demo" / "quiz.yml"
    target.write_text("kept\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "moodle-export.gift", "--section", "part1/demo", "-o", str(target))
    assert code == 1 and target.read_text(encoding="utf-8") == "kept\n"
    assert err.count("\n") == 1 and "already exists; import never replaces a file" in err


@pytest.mark.parametrize("argv, message", [
    (["import", "missing.xml", "--section", "part1/demo"], "missing.xml: no such file"),
    (["import", "moodle-export.xml"], "add --section part/name"),
    (["import", "moodle-export.xml", "--section", "Part 1"], "is not 'part/name'"),
])
def test_refusals_are_one_line(course, capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 1 and message in err and err.count("\n") == 1


def test_a_broken_file_is_located_and_nothing_written(course, capsys):
    (course / "broken.xml").write_text("<quiz>\n<question type='truefalse'>\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "broken.xml", "--section", "part1/demo")
    assert code == 1 and "broken.xml:3:" in err and err.count("\n") == 1
    assert not (course / "broken.yml").exists()


def test_unknown_suffix_needs_from(course, capsys):
    shutil.copy(course / "moodle-export.gift", course / "bank.questions")
    code, _, err = run(capsys, "import", "bank.questions", "--section", "part1/demo")
    assert code == 1 and "--from moodle or --from gift" in err
    code, out, _ = run(capsys, "import", "bank.questions", "--section", "part1/demo", "--from", "gift")
    assert code == 0 and "7 item(s)" in out


def test_nothing_that_maps_writes_nothing(course, capsys):
    (course / "essays.gift").write_text("::One::Write about it.{}\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "essays.gift", "--section", "part1/demo")
    assert code == 1 and "nothing was written" in err and not (course / "essays.yml").exists()


def test_a_file_that_appears_while_importing_is_not_replaced(course, capsys, monkeypatch):
    import coursekit.cli.imports as imports

    target = course / "late.yml"
    real = imports.refuse_target

    def check_then_someone_writes(output, force, example):
        real(output, force, example)
        target.write_text("someone else's\n", encoding="utf-8")

    monkeypatch.setattr(imports, "refuse_target", check_then_someone_writes)
    code, _, err = run(capsys, "import", "moodle-export.gift", "--section", "part1/demo", "-o", str(target))
    assert code == 1 and "appeared while importing" in err
    assert target.read_text(encoding="utf-8") == "someone else's\n"
    assert [p.name for p in course.iterdir() if p.name.startswith(".late")] == []
