"""What nbval compares: every code cell of a book notebook stores its expected output.

nbval (run over book/ by the test command) re-executes each notebook and compares the stored
outputs strictly. A cell stored without output would only prove that it runs, so each code cell
must store its widget's stable repr. Refresh them with `.venv/bin/python scripts/store_outputs.py`.
"""
from __future__ import annotations

import re

import nbformat
import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "book").rglob("*.ipynb"))
REPR = re.compile(r"^(Quiz\(id='[a-z0-9-]+', section='[a-z0-9-]+/[a-z0-9-]+'\)|Timeline\(section=(None|'[a-z0-9-]+/[a-z0-9-]+')\))$")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_code_cell_stores_a_stable_widget_repr(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        texts = [o.get("data", {}).get("text/plain", "") for o in cell.outputs]
        assert texts and all(REPR.match(t) for t in texts), (
            f"code cell {index} of {path.name} stores {texts!r}; run scripts/store_outputs.py")
        assert cell.execution_count is not None
    assert "widgets" not in notebook.metadata, "widget state belongs to the build, not to the repository"


def test_every_section_notebook_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    missing = [str(p.relative_to(ROOT).with_suffix("")) for p in NOTEBOOKS
               if str(p.relative_to(ROOT).with_suffix("")) not in toc]
    assert missing == []
