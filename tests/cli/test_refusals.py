"""The command line never destroys: every refusal is one line and exit code 1, and nothing is touched.

Each test does what a careless or unlucky instructor (or a hostile path) does: export over a file, through
a link, onto a device, under a file or /proc; create a file through a linked folder or under a file.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import course_copy

from coursekit.cli import main



@pytest.fixture
def bank(tmp_path, monkeypatch):
    return course_copy(tmp_path, monkeypatch)


def refused(capsys, *argv: str) -> str:
    """Run the command, expect a one-line refusal with exit code 1, and return that line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.startswith("coursekit: error:")]
    assert code == 1, (out, err)
    assert len(lines) == 1 and "internal error" not in err and "Traceback" not in err, err
    return lines[0]


def test_export_does_not_replace_an_existing_file_without_force(bank, capsys):
    (bank / "mine.gift").write_text("my own notes\n", encoding="utf-8")
    line = refused(capsys, "export", "--format", "gift", "--output", "mine.gift", "--ordering-as-matching")
    assert "already exists; it was not replaced" in line and "--force" in line
    assert (bank / "mine.gift").read_text(encoding="utf-8") == "my own notes\n"
    assert main(["export", "--format", "gift", "--output", "mine.gift", "--force", "--ordering-as-matching"]) == 0
    assert (bank / "mine.gift").read_text(encoding="utf-8").startswith("// ")


def test_export_never_follows_or_replaces_a_link(bank, capsys, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (bank / "out.xml").symlink_to(precious)
    line = refused(capsys, "export", "--format", "moodle-xml", "--output", "out.xml", "--force")
    assert "symbolic link" in line
    assert (bank / "out.xml").is_symlink() and precious.read_text(encoding="utf-8") == "keep me\n"


def test_export_refuses_a_device_and_a_folder(bank, capsys):
    assert "not a regular file" in refused(capsys, "export", "--format", "gift", "-o", "/dev/null", "--force")
    assert Path("/dev/null").is_char_device()
    (bank / "folder").mkdir()
    assert "is a folder" in refused(capsys, "export", "--format", "gift", "-o", "folder")


@pytest.mark.parametrize("output", ["notes.txt/bank.xml", "/proc/bank.xml"])
def test_export_under_a_file_or_proc_is_one_line(bank, capsys, output):
    (bank / "notes.txt").write_text("x\n", encoding="utf-8")
    line = refused(capsys, "export", "--format", "moodle-xml", "-o", output)
    assert line.startswith(f"coursekit: error: cannot write {output}")


def test_new_refuses_a_folder_path_that_is_a_file(bank, capsys):
    (bank / "exercises" / "part9").write_text("a file, not a folder\n", encoding="utf-8")
    line = refused(capsys, "new", "quiz", "--section", "part9/intro")
    assert "is a file, not a folder" in line
    assert (bank / "exercises" / "part9").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_new_does_not_write_through_a_link_to_outside_the_course(bank, capsys, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, bank / "exercises" / "part7")
    line = refused(capsys, "new", "quiz", "--section", "part7/intro")
    assert "leads outside the course" in line
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_check_refuses_pipes_and_devices_without_reading_them(bank, capsys, target):
    """A named pipe would hang a reader and /dev/zero never ends: both are refused unread, in one line."""
    path = Path(target)
    if target == "fifo":
        path = bank / "pipe.yml"
        os.mkfifo(path)
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and "the path is not a regular file" in out and "Traceback" not in out + err


def test_new_outside_any_course_writes_nothing(tmp_path, monkeypatch, capsys):
    """`coursekit new` typed in the wrong folder (no _config.yml here or above) used to create an
    exercises/ folder there, which no book reads; now it says where it is and what to do."""
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    line = refused(capsys, "new", "quiz", "--section", "part1/water")
    assert f"no course here ({elsewhere} has no _config.yml" in line and "--root PATH" in line
    assert list(elsewhere.iterdir()) == []
