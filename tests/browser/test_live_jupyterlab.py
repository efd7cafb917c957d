"""Live: the same quiz module in JupyterLab (through anywidget), driven in Chromium.

JupyterLab (installed by ./test into .venv-lab) serves a copy of one section notebook on 127.0.0.1
with no token; its "python3" kernel is the project's .venv Python, as for a student who installed the
course, and finds the course through $COURSEKIT_ROOT.
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

from tests.browser.helpers import choice, quizzes
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
NOTEBOOK = ROOT / "book" / "part1" / "actors.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAB = ROOT / ".venv-lab" / "bin" / "jupyter-lab"


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    if not LAB.exists():
        message = "JupyterLab is not installed in .venv-lab (./test installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
    kernels = folder / "share" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "COURSEKIT_ROOT": str(ROOT), "JUPYTER_CONFIG_DIR": str(folder / ".config"),
           "JUPYTER_RUNTIME_DIR": str(folder / ".runtime"), "JUPYTER_PATH": str(folder / "share")}
    process = subprocess.Popen(
        [str(LAB), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--ServerApp.root_dir={folder}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--allow-root", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
         "jupyterlab.NeverCheckForUpdate", "--LabServerApp.extension_manager=readonly"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
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


def test_section_notebook_runs_live_and_its_quiz_answers(jupyterlab, watched, site):
    page = watched.page
    page.set_default_timeout(60_000)
    page.goto(jupyterlab + f"lab/tree/{NOTEBOOK.name}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    try:  # JupyterLab sometimes asks which kernel to start; answer as a user would
        page.get_by_role("dialog").get_by_role("button", name="Select", exact=True).click(timeout=8_000)
    except PlaywrightTimeout:
        pass
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_selector(".jp-OutputArea .ck-quiz", timeout=90_000)
    page.wait_for_selector(".jp-OutputArea .ck-timeline")

    item = quizzes((site / "book/part1/actors.html").read_text(encoding="utf-8"))[0]["items"]
    index, single = next((i, it) for i, it in enumerate(item) if it["type"] == "single_choice")
    box = page.locator(".jp-OutputArea .ck-quiz .ck-item").nth(index)
    box.scroll_into_view_if_needed()
    choice(box, single, single["correct"][0]).check()
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
    item = quiz.locator('.ck-item[data-type="true_false"]').first
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
