"""coursekit as a package: a wheel and an sdist that install and work outside this repository.

The wheel goes into fresh virtual environments with only its declared dependencies (pinned to the
versions this repository tests, through requirements.txt as constraints): the core one runs the
instructor commands on a course folder; the ``[book]`` one builds a new minimal Jupyter Book written
here from scratch, whose quiz and timeline then work in Chromium.
"""
from __future__ import annotations

import json
import os
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from coursekit import __version__
from support.wheel import make_venv
from tests.browser.helpers import reach_widgets

pytestmark = pytest.mark.slow


def run(*cmd, cwd=None, env=None, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


# dist, wheel and core_env (the wheel alone in a fresh environment) are tests/conftest.py's, made once per run.
@pytest.fixture(scope="session")
def book_env(tmp_path_factory, wheel) -> Path:
    return make_venv(tmp_path_factory.mktemp("book") / "env", f"{wheel}[book]")


def test_wheel_and_sdist_carry_the_package_and_its_front_end(dist, wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert wheel.name == f"coursekit-{__version__}-py3-none-any.whl"
    for needed in ("coursekit/widgets/common.js", "coursekit/static/host.js", "coursekit/strings.json",
                   "coursekit/locales/ar.json", "coursekit/templates/quiz.yml", "coursekit/questions/numeric.py", "coursekit/cli/__init__.py"):
        assert needed in names
    assert not [n for n in names if n.startswith(("tests/", "support/", "benchmarks/", "book/"))]
    metadata = zipfile.ZipFile(wheel).read(f"coursekit-{__version__}.dist-info/METADATA").decode()
    assert "Requires-Dist: pybtex" in metadata and "Provides-Extra: book" in metadata
    sdist = next(dist.glob("coursekit-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        assert f"coursekit-{__version__}/coursekit/questions/__init__.py" in archive.getnames()


def test_core_environment_runs_the_instructor_commands(core_env, tmp_path):
    course = tmp_path / "course"
    (course / "exercises").mkdir(parents=True)
    (course / "_config.yml").write_text("title: Someone else's course\n", encoding="utf-8")
    coursekit = core_env / "coursekit"
    assert run(coursekit, "--version").stdout.strip() == f"coursekit {__version__}"
    assert "created exercises/part1/intro/quiz.yml" in run(coursekit, "new", "quiz", "--section", "part1/intro",
                                                           cwd=course).stdout
    assert run(coursekit, "check", cwd=course).stdout.strip().endswith("0 error(s), 1 warning(s)")  # the TODOs
    listing = json.loads(run(coursekit, "list", "--format", "json", cwd=course).stdout)
    assert [row["kind"] for row in listing] == ["quiz"]
    assert "quiz item(s)" in run(coursekit, "stats", cwd=course).stdout
    for fmt, name in (("gift", "bank.gift"), ("moodle-xml", "bank.xml"), ("qti", "bank.zip")):
        run(coursekit, "export", "--format", fmt, "--output", name, "--ordering-as-matching", cwd=course)
        assert (course / name).stat().st_size > 500
    modules = run(core_env / "python", "-c", "import coursekit.cli, sys; print(sorted(sys.modules))").stdout
    assert "sphinx" not in modules and "anywidget" not in modules


QUIZ = """\
kind: quiz
id: demo-quiz
section: part1/demo
title: Check yourself
objectives:
  - {id: demo-recall, text: Recall when the organisation was founded.}
items:
  - id: demo-founded
    type: single_choice
    prompt: In which year was the organisation founded?
    objectives: [demo-recall]
    choices:
      - {text: "1961", feedback: Too early.}
      - {text: "1969", correct: true, feedback: Yes.}
      - {text: "1975", feedback: Too late.}
"""

TIMELINE = """\
kind: timeline
themes: {founding: Founding}
sections: {part1/demo: [founding]}
events:
  - id: demo-summit
    date: "1969-09-22"
    title: A summit is held
    summary: Leaders meet and agree to found an organisation.
    themes: [founding]
    actors: [Leaders]
    section: part1/demo
    sources: [{title: Founding text, url: "https://example.org/founding"}]
  - id: demo-charter
    date: "1972-03"
    title: A charter is adopted
    summary: The founding treaty is adopted.
    themes: [founding]
    actors: [Leaders]
    section: part1/demo
    sources: [{title: Charter, url: "https://example.org/charter"}]
"""


def _notebook(*cells: tuple[str, str]) -> str:
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": text,
                                  **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                                 for kind, text in cells],
                       "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


def test_a_new_book_shows_working_widgets(book_env, tmp_path, browser, serve):
    book = tmp_path / "elsewhere"
    (book / "book" / "part1").mkdir(parents=True)
    (book / "exercises" / "part1" / "demo").mkdir(parents=True)
    (book / "_config.yml").write_text(
        "title: A second book\nexecute:\n  execute_notebooks: force\n"
        "sphinx:\n  extra_extensions: [coursekit.sphinxext]\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/part1/demo\n",
                                   encoding="utf-8")
    (book / "book" / "intro.md").write_text("# A second book\n\nWelcome.\n", encoding="utf-8")
    (book / "book" / "part1" / "demo.ipynb").write_text(_notebook(
        ("markdown", "# Demo section"),
        ("code", 'from coursekit import Timeline\nTimeline.for_section("part1/demo")'),
        ("code", 'from coursekit import show_quizzes\nshow_quizzes("part1/demo")')), encoding="utf-8")
    (book / "exercises" / "part1" / "demo" / "quiz.yml").write_text(QUIZ, encoding="utf-8")
    (book / "exercises" / "timeline.yml").write_text(TIMELINE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("COURSEKIT_ROOT", "COURSEKIT_EDITION", "PYTHONPATH")}
    env["PATH"] = f"{book_env}{os.pathsep}{env['PATH']}"
    run(book_env / "jupyter-book", "build", ".", "--warningiserror", "-q", cwd=book, env=env)

    page = browser.new_page()
    try:
        page.goto(serve(book / "_build" / "html") + "book/part1/demo.html")
        page.wait_for_selector(".ck-quiz")
        page.get_by_role("radio", name="1969", exact=True).check()
        page.get_by_role("button", name="Check").click()
        assert "Yes." in page.locator(".ck-item").first.inner_text()
        assert reach_widgets(page) == 2
        assert page.locator('.ck-tl-marker[aria-label*="A charter is adopted"]').count() == 1
    finally:
        page.close()
