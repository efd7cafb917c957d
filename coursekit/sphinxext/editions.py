"""Keep instructor-only text out of the student edition's downloadable page sources.

Sphinx copies each page's source into ``_sources/`` (the theme's "download .md / .ipynb" button links to
it). The ``{instructor-only}`` directive emits nothing in the student edition, but its text would still
be in that copy; after the build, the student edition's copies lose every ``{instructor-only}`` block.
(Exercise files are never copied: their text reaches pages only through directives.)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{instructor-only\}")
_CODE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?!\s*\{)[^`]*$")


def strip_blocks(text: str) -> str:
    """``text`` without its ``{instructor-only}`` fenced blocks (backtick or colon fences, any length).

    Code blocks (a backtick or tilde fence whose info string is not a ``{directive}``) are literal text:
    an example of the directive inside one is kept.
    """
    out: list[str] = []
    closing: re.Pattern | None = None
    literal: re.Pattern | None = None
    for line in text.splitlines(keepends=True):
        if literal is not None:
            out.append(line)
            if literal.match(line):
                literal = None
            continue
        if closing is not None:
            if closing.match(line):
                closing = None
            continue
        match = _OPEN.match(line)
        if match:
            fence = match.group("fence")
            closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            continue
        code = _CODE.match(line)
        if code:
            fence = code.group("fence")
            literal = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        out.append(line)
    return "".join(out)


def _strip_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "{instructor-only}" not in text:
        return
    if path.suffix == ".ipynb":
        notebook = json.loads(text)
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") == "markdown":
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                cell["source"] = strip_blocks(source)
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        path.write_text(strip_blocks(text), encoding="utf-8")


def strip_sources(app, exception) -> None:
    if exception or app.config.coursekit_edition != "student" or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    if sources.is_dir():
        for path in sources.rglob("*"):
            if path.is_file() and path.suffix in (".md", ".ipynb", ".txt", ".rst"):
                _strip_file(path)
