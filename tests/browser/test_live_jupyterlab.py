"""Live: the same quiz module in JupyterLab (through anywidget), driven in Chromium.

JupyterLab (installed by ./test into .venv-lab) serves a copy of one section notebook on 127.0.0.1
with no token; its "python3" kernel is the project's .venv Python, as for a student who installed the
course, and finds the course through $COURSEKIT_ROOT. The page's generated download is served the same
way from a folder of its own with no $COURSEKIT_ROOT: it must read cleanly and run on the data it carries.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.helpers import drawn, quizzes, right_input
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
NOTEBOOK = ROOT / "book" / "part1" / "actors.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAB = ROOT / ".venv-lab" / "bin" / "jupyter-lab"


def _lab(folder, notebook, env_changes: dict):
    """JupyterLab serving a copy of ``notebook`` from ``folder``; yields its base URL."""
    if not LAB.exists():
        message = "JupyterLab is not installed in .venv-lab (./test installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    shutil.copy(notebook, folder / notebook.name)
    kernels = folder / "share" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".config"),
           "JUPYTER_RUNTIME_DIR": str(folder / ".runtime"), "JUPYTER_PATH": str(folder / "share")}
    env.update(env_changes)
    env = {k: v for k, v in env.items() if v is not None}
    process = subprocess.Popen(
        [str(LAB), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--ServerApp.root_dir={folder}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--allow-root", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
         "jupyterlab.NeverCheckForUpdate", "--LabServerApp.extension_manager=readonly"],
        env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "api/status", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("JupyterLab exited: " + process.stderr.read()[-2000:])
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("JupyterLab did not start within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    yield from _lab(tmp_path_factory.mktemp("lab"), NOTEBOOK, {"COURSEKIT_ROOT": str(ROOT)})


@pytest.fixture(scope="module")
def jupyterlab_download(tmp_path_factory, site):
    """The page's generated download alone in a folder; no $COURSEKIT_ROOT, no exercises/ anywhere above."""
    folder = tmp_path_factory.mktemp("lab-download")
    yield from _lab(folder, site / "_sources" / "book" / "part1" / NOTEBOOK.name,
                    {"COURSEKIT_ROOT": None, "COURSEKIT_EDITION": None, "PYTHONPATH": None})


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    try:  # JupyterLab sometimes asks which kernel to start; answer as a user would
        page.get_by_role("dialog").get_by_role("button", name="Select", exact=True).click(timeout=8_000)
    except PlaywrightTimeout:
        pass
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()


def _open_and_run_all(page, url: str) -> None:
    _open(page, url)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_selector(".jp-OutputArea .ck-quiz", timeout=90_000)
    page.wait_for_selector(".jp-OutputArea .ck-timeline")


def test_section_notebook_runs_live_and_its_quiz_answers(jupyterlab, watched, site):
    page = watched.page
    page.set_default_timeout(60_000)
    _open_and_run_all(page, jupyterlab + f"lab/tree/{NOTEBOOK.name}")

    quiz = quizzes((site / "book/part1/actors.html").read_text(encoding="utf-8"))[0]
    page.locator(".jp-OutputArea .ck-quiz .ck-item").first.wait_for()
    box, single = drawn(page, quiz, ("single_choice", "true_false"), scope=".jp-OutputArea .ck-quiz", redraw=False)
    box.scroll_into_view_if_needed()
    right_input(box, single).check()
    box.get_by_role("button", name="Check").click()
    assert "Correct" in box.locator(".ck-status").inner_text()
    assert "Score: 1 of" in page.locator(".jp-OutputArea .ck-score").first.inner_text()
    ours = [text for kind, text in watched.problems if "ck-" in text or "coursekit" in text]
    assert ours == []


def _run_new_cell(page, code: str) -> None:
    """Add a cell at the end of the notebook, type ``code`` into it and run it (keyboard only)."""
    page.locator(".jp-Notebook .jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")


def test_answers_score_and_selection_are_readable_from_python(jupyterlab, watched):
    page = watched.page
    page.set_default_timeout(60_000)
    page.goto(jupyterlab + f"lab/tree/{NOTEBOOK.name}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    try:
        page.get_by_role("dialog").get_by_role("button", name="Select", exact=True).click(timeout=8_000)
    except PlaywrightTimeout:
        pass
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
    _run_new_cell(page, 'from coursekit import Quiz, Timeline\nq = Quiz.for_section("part1/actors")\nq')
    quiz = page.locator(".jp-OutputArea .ck-quiz").last
    quiz.wait_for()
    # a true/false or single-choice item: each learner draws 8 of 18, and 15% of draws hold no true/false
    # item (3 in 18); one in a thousand holds neither kind (8 in 18)
    item = quiz.locator(".ck-item:has(input[type=radio])").first
    item.get_by_role("radio").first.check()
    item.get_by_role("button", name="Check").click()
    verdict = item.locator(".ck-status").inner_text()
    expected = 1.0 if "Correct" in verdict else 0.0
    _run_new_cell(page, 't = Timeline.for_section("part1/actors")\nt')
    timeline = page.locator(".jp-OutputArea .ck-timeline").last
    timeline.wait_for()
    marker = timeline.locator("button[data-id]").first  # an event marker on the axis
    event_id = marker.get_attribute("data-id")
    marker.click()
    _run_new_cell(page, 'print("RESULT", q.score, len(q.answers), t.selected)')
    output = page.locator(".jp-OutputArea-output").filter(has_text="RESULT").last
    output.wait_for()
    assert output.inner_text().split() == ["RESULT", str(expected), "1", event_id]


def test_downloaded_notebook_reads_cleanly_runs_alone_and_keeps_progress(jupyterlab_download, watched, site):
    page = watched.page
    page.set_default_timeout(60_000)
    _open(page, jupyterlab_download + f"lab/tree/{NOTEBOOK.name}")
    first = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown").first  # the page's prose, as JupyterLab shows it
    prose = first.inner_text()
    assert "Learning objectives" in prose and len(prose) > 3000
    assert not [syntax for syntax in ("{cite", "{term}", "{learning-objectives}", "{discussion-prompts}", "```")
                if syntax in prose]
    assert first.locator("a[href^='https://']").count() > 10  # citations link the documents they cite
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_selector(".jp-OutputArea .ck-quiz", timeout=90_000)
    page.wait_for_selector(".jp-OutputArea .ck-timeline")

    quiz = quizzes((site / "book/part1/actors.html").read_text(encoding="utf-8"))[0]
    page.locator(".jp-OutputArea .ck-quiz .ck-item").first.wait_for()
    box, single = drawn(page, quiz, ("single_choice", "true_false"), scope=".jp-OutputArea .ck-quiz", redraw=False)
    box.scroll_into_view_if_needed()
    right_input(box, single).check()
    box.get_by_role("button", name="Check").click()
    assert "Correct" in box.locator(".ck-status").inner_text()
    assert "Score: 1 of" in page.locator(".jp-OutputArea .ck-score").first.inner_text()
    saved = page.evaluate("id => Object.keys(localStorage).filter(key => key.endsWith(':' + id))"
                          ".map(key => localStorage.getItem(key))", quiz["id"])
    assert len(saved) == 1 and single["id"] in saved[0]  # the book's progress record, in this browser

    page.reload()  # a later visit: the progress is still there, as in the book
    _open_and_run_all(page, jupyterlab_download + f"lab/tree/{NOTEBOOK.name}")
    # the quiz restores the saved answer once it has rendered: wait for it rather than read at once
    page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea .ck-score')]"
                           ".some((el) => el.textContent.includes('Score: 1 of'))", timeout=60_000)
    ours = [text for kind, text in watched.problems if "ck-" in text or "coursekit" in text]
    assert ours == []
