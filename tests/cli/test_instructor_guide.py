"""The instructor guide's page on papers and import: every command it shows runs, and prints what it shows.

The page's console blocks are read as an instructor reads them: each ``$ coursekit ...`` line is run, in
order, in a copy of the course, and every output line the page shows under it must be what the command
printed (the counts included, so the page cannot drift from the bank).
"""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from coursekit.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "book" / "instructors" / "papers-and-import.md"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)


def shown_commands(text: str) -> list[tuple[str, list[str]]]:
    """(command, output lines) for every ``$ `` line of the page's console blocks."""
    found: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif line.strip() and found:
                found[-1][1].append(line)
    return found


COMMANDS = shown_commands(PAGE.read_text(encoding="utf-8"))


def test_the_page_shows_both_commands():
    names = [shlex.split(command)[1] for command, _ in COMMANDS]
    assert {"paper", "import"} <= set(names)
    assert all(shlex.split(command)[0] == "coursekit" for command, _ in COMMANDS)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    target = tmp_path_factory.mktemp("course")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "exercises", target / "exercises")
    shutil.copytree(ROOT / "book", target / "book", ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    return target


def test_every_command_runs_and_prints_what_the_page_shows(course, monkeypatch, capsys):
    monkeypatch.chdir(course)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    for command, expected in COMMANDS:
        code = main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"{command}: {out}{err}"
        printed = (out + err).splitlines()
        for line in expected:
            assert line in printed, f"{command}: the page shows {line!r}; it printed {printed}"
