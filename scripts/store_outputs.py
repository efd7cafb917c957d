"""Run the book's notebooks and store only each output's text/plain (a widget's stable repr).

Why: nbval compares stored outputs strictly, and a notebook stored without outputs would only prove
that its cells run. Storing the stable repr (``Quiz(id=..., section=...)``) makes nbval check that
each cell shows the widget the page intends. Widget views, widget state and execution counts are
not stored: the book build executes every notebook afresh. Execution counts are kept, because
nbval treats a cell with outputs but no count as never run.

Usage: .venv/bin/python scripts/store_outputs.py [NOTEBOOK ...]   (default: every notebook in book/)
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def store(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if output.output_type in ("display_data", "execute_result") and "text/plain" in output.data:
                extra = {"execution_count": cell.execution_count} if output.output_type == "execute_result" else {}
                kept.append(nbformat.v4.new_output(output.output_type, data={"text/plain": output.data["text/plain"]},
                                                   **extra))
            elif output.output_type == "stream":
                kept.append(output)
        cell.outputs = kept
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    targets = [Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "book").rglob("*.ipynb"))
    for target in targets:
        if ".ipynb_checkpoints" not in target.parts:
            store(target)
            print(f"stored outputs of {target.relative_to(ROOT)}")
