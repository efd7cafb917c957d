"""The Sphinx extension, exercised on the small fixture book (fast, isolated from the course).

The book is the suite's one build of the minibook (``minibook`` in tests/conftest.py). The tests that
check incremental rebuilds edit that copy; each puts it back as built (``restore_minibook``: the copy made
right after the build) before it ends, so the next test (and any other user of the fixture) finds it
exactly as built, with nothing left to execute; test_no_change_rebuild_executes_nothing checks just that.
"""
from __future__ import annotations

import io
import re
import shutil
import time
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager
from sphinx.testing.util import SphinxTestApp

from coursekit.sphinxext.assets import classic_script
from coursekit.sphinxext.minify import javascript

from support.book import Build, build_book
from tests.browser.helpers import saved_state
from tests.conftest import MINIBOOK as FIXTURE
from tests.conftest import restore_minibook


def jb_build(book: Path) -> Build:
    """A strict build of ``book`` with Sphinx's progress lines in the log (they name executed notebooks)."""
    return build_book(book, quiet=False, check=False)


def page(book: Path, name: str) -> str:
    return (book / "_build" / "html" / name).read_text(encoding="utf-8")


def widget_state(html: str) -> dict:
    state = saved_state(html, as_shipped=True)
    assert state, "no saved widget state in the page"
    return state


def test_widget_page_has_mount_fallback_and_only_our_scripts(minibook):
    html = page(minibook, "book/part1/slice.html")
    assert 'class="ck-widget-mount"' in html
    assert "In which year did the Rabat summit" in html  # the no-JavaScript fallback
    for script in ("quiz.js", "host.js"):   # asked for before the theme's twenty low-priority scripts
        assert re.search(f'<script async="async" fetchpriority="high" src="../../_static/coursekit/{script}[?"]', html)
    assert "require.js" not in html and "embed-amd" not in html and "cdn." not in html


def test_saved_state_carries_no_module_source(minibook):
    state = widget_state(page(minibook, "book/part1/slice.html"))
    quizzes = [m["state"] for m in state.values() if m["state"].get("_module") == "quiz"]
    assert len(quizzes) == 1
    assert "_esm" not in quizzes[0] and "_css" not in quizzes[0]
    assert not [m for m in state.values() if m["model_name"] == "LayoutModel"]


def test_pages_without_widgets_get_no_widget_assets(minibook):
    html = page(minibook, "book/intro.html")
    assert "coursekit/host.js" not in html and "coursekit/quiz" not in html


def test_module_files_are_minified_classic_scripts(minibook):
    static = minibook / "_build" / "html" / "_static" / "coursekit"
    js = (static / "quiz.js").read_text(encoding="utf-8")
    assert js == javascript(classic_script("quiz"))
    assert js.startswith("(window.coursekitModules=window.coursekitModules||{})")
    assert "\nexport " not in js and "return{render" in js.replace(" ", "")
    assert len(js) < 0.8 * len(classic_script("quiz"))
    assert "check:\"Check\"" in js and "zoomIn:" not in js  # its own strings only


def test_ui_strings_travel_with_the_module_not_in_each_widget(minibook):
    html = page(minibook, "book/part1/slice.html")
    assert all("strings" not in m["state"] for m in widget_state(html).values())


def test_no_thebe_scripts_and_a_favicon(minibook):
    html = page(minibook, "book/part1/slice.html")
    assert "THEBE_JS_URL" not in html and "sphinx-thebe.js" not in html and "sphinx-thebe.css" not in html
    assert 'rel="icon"' in html


def test_theme_loads_no_fontawesome_script_but_keeps_its_icons(minibook):
    html = page(minibook, "book/part1/slice.html")
    assert "fontawesome.js" not in html
    assert "_static/scripts/bootstrap.js" in html and 'class="fa-solid fa-magnifying-glass' in html
    css = (minibook / "_build" / "html" / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "fa-solid-900.woff2" in css  # the webfont that draws those icons instead


def test_editing_an_exercise_file_re_executes_only_the_page_that_uses_it(minibook):
    quiz = minibook / "exercises" / "part1" / "slice" / "quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    time.sleep(0.01)
    quiz.write_text(text.replace("Check your understanding", "Check your understanding (edited)"), encoding="utf-8")
    try:
        result = jb_build(minibook)
        assert result.returncode == 0, result.stdout[-3000:]
        executed = re.findall(r"(\S+\.ipynb): Executed notebook", result.stdout + result.stderr)
        assert [Path(p).name for p in executed] == ["slice.ipynb"]
        assert "Check your understanding (edited)" in page(minibook, "book/part1/slice.html")
    finally:
        restore_minibook(minibook)  # the shared book as built again, without building it


def test_no_change_rebuild_executes_nothing(minibook):
    result = jb_build(minibook)
    assert result.returncode == 0
    assert "Executed notebook" not in result.stdout + result.stderr


@pytest.fixture
def process_state(monkeypatch):
    """What the extension's config-inited hooks change for the whole process, put back after the test: the
    kernels' encryption default (kernels.py) and $COURSEKIT_LANGUAGE, so later tests in this worker see neither."""
    trait = KernelManager.class_traits()["transport_encryption"]
    saved = trait.default_value
    monkeypatch.delenv("COURSEKIT_LANGUAGE", raising=False)
    yield
    trait.default_value = saved


def test_a_malformed_exercise_stops_the_build_naming_file_and_line(tmp_path, capsys, process_state):
    """In process with Sphinx's own test application: the extension's pre-build check (builder-inited) stops
    before any page is read, so a tiny source with only the extension shows it; the whole Jupyter Book
    route (its exit code and output) is walked in tests/cli (test_new_instructor_walk, test_guide_commands)."""
    book = tmp_path / "book"
    shutil.copytree(FIXTURE, book, ignore=shutil.ignore_patterns("_build"))
    quiz = book / "exercises" / "part1" / "slice" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("        correct: true\n", ""), encoding="utf-8")
    (book / "conf.py").write_text('extensions = ["myst_nb", "coursekit.sphinxext"]\n'
                                  'exclude_patterns = ["_build", "exercises"]\n', encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        SphinxTestApp("html", srcdir=book, builddir=tmp_path / "out", status=io.StringIO(), warning=io.StringIO())
    assert stopped.value.code == 1
    printed = capsys.readouterr().err
    assert "exercises/part1/slice/quiz.yml:" in printed and "no choice is marked `correct: true`" in printed
    assert "  read by book/part1/slice.ipynb" in printed.splitlines()
    assert not (tmp_path / "out" / "html" / "book").exists()   # stopped before any page was written


def test_a_new_exercise_file_appears_in_its_section_after_an_incremental_build(minibook):
    extra = minibook / "exercises" / "part1" / "slice" / "quiz-extra.yml"
    extra.write_text(
        "kind: quiz\nid: slice-extra\nsection: part1/slice\ntitle: \"A second quiz, added later\"\n"
        "items:\n  - id: slice-extra-1\n    type: true_false\n    prompt: \"The OIC has 57 member states.\"\n"
        "    answer: true\n", encoding="utf-8")
    try:
        result = jb_build(minibook)
        assert result.returncode == 0, result.stdout[-3000:]
        executed = re.findall(r"(\S+\.ipynb): Executed notebook", result.stdout + result.stderr)
        assert [Path(p).name for p in executed] == ["slice.ipynb"]
        html = page(minibook, "book/part1/slice.html")
        assert "A second quiz, added later" in html and "Check your understanding" in html
    finally:
        restore_minibook(minibook)  # the shared book as built again, without building it


def test_the_build_log_has_no_unencrypted_kernel_warning(minibook_build):
    # ipykernel logs this once per notebook when its kernel gets no CurveZMQ keys (coursekit/sphinxext/kernels.py)
    assert "Executed notebook" in minibook_build.log   # notebooks did run in this build
    assert "Kernel is running over TCP without encryption" not in minibook_build.log
