"""Every generated download runs alone: copied into an empty folder and run in a fresh environment that
holds only the coursekit wheel, each cell executes and shows the same quiz and timeline as its page.

The environment is made once per test session (as ``tests/packaging/test_wheel.py`` makes its own, with
requirements.txt as constraints). Cells run through IPython's shell, which the wheel's dependencies
bring (ipywidgets needs it); a Jupyter kernel runs them the same way (see the JupyterLab test).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.helpers import saved_state
from tests.site.test_notebook_downloads import notebook_pages

pytestmark = pytest.mark.slow

# Run every code cell of the notebook given as argv[1]; print what the coursekit widgets show, as JSON.
DRIVER = r'''
import json, sys
from IPython.core.interactiveshell import InteractiveShell
from ipywidgets.widgets import widget

notebook = json.load(open(sys.argv[1], encoding="utf-8"))
shell = InteractiveShell.instance()
for number, cell in enumerate(notebook["cells"]):
    if cell["cell_type"] != "code":
        continue
    result = shell.run_cell("".join(cell["source"]), store_history=True)
    if not result.success:
        sys.exit(f"cell {number} failed: {result.error_before_exec or result.error_in_exec!r}")
import coursekit.widgets.base as base
shown = [w for w in widget._instances.values() if isinstance(w, base.CourseWidget)]
print(json.dumps([{"module": w._module, "repr": repr(w), "quiz": getattr(w, "quiz", None),
                   "events": getattr(w, "events", None)} for w in shown]))
'''


def _run(*cmd, cwd=None, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="session")
def wheel_only_env(core_env) -> Path:
    """A fresh virtual environment with the coursekit wheel and its core dependencies, nothing else (the
    suite's one such environment, tests/conftest.py's ``core_env``)."""
    return core_env / "python"


def _page_widgets(site: Path, doc: str) -> list[dict]:
    models = saved_state((site / f"{doc}.html").read_text(encoding="utf-8")).values()
    return [{"module": m["state"]["_module"], "quiz": m["state"].get("quiz"), "events": m["state"].get("events")}
            for m in models if m["state"].get("_module")]


def _key(widget: dict) -> str:
    return json.dumps({k: widget[k] for k in ("module", "quiz", "events")}, sort_keys=True)


def test_every_download_runs_alone_and_shows_what_its_page_shows(site, wheel_only_env, tmp_path):
    docs = notebook_pages(site)
    assert len(docs) >= 8
    clean = {k: v for k, v in os.environ.items() if k not in ("COURSEKIT_ROOT", "COURSEKIT_EDITION", "PYTHONPATH")}
    for doc in docs:
        folder = tmp_path / doc.replace("/", "-")
        folder.mkdir()
        notebook = folder / Path(doc).with_suffix(".ipynb").name
        notebook.write_bytes((site / "_sources" / f"{doc}.ipynb").read_bytes())
        output = _run(wheel_only_env, "-c", DRIVER, notebook.name, cwd=folder, env=clean).stdout
        shown = json.loads(output.splitlines()[-1])
        page = _page_widgets(site, doc)
        assert page, doc
        assert sorted(map(_key, shown)) == sorted(map(_key, page)), doc
        assert list(folder.iterdir()) == [notebook]  # it wrote nothing beside itself
