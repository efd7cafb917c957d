"""Keep instructor material out of the student edition: whole pages, and text in page sources.

Pages: ``coursekit_instructor_pages`` (glob patterns of docnames, set in ``_config.yml``; the course
uses ``book/instructors/*``) are instructor-edition pages. In the student edition they are taken out
of the table of contents and excluded from the build, so the student's navigation shows only what the
home page promises students (and the authoring guides are not in the student site at all).

Sources: Sphinx copies each page's source into ``_sources/`` (the theme's "download .md / .ipynb" button links to
it). The ``{instructor-only}`` directive emits nothing in the student edition, but its text would still
be in that copy; after the build, the student edition's copies lose every ``{instructor-only}`` block.
(Exercise files are never copied: their text reaches pages only through directives.)
"""
from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
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


def drop_instructor_pages(app, config) -> None:
    """Student edition: remove ``coursekit_instructor_pages`` from the site map and exclude their files.

    Runs after sphinx-external-toc has read ``_toc.yml`` into ``config.external_site_map``. A toctree
    (a part of the book) left with no entries is removed with its caption.
    """
    patterns = list(config.coursekit_instructor_pages or [])
    site_map = getattr(config, "external_site_map", None)
    if config.coursekit_edition != "student" or not patterns or site_map is None:
        return
    dropped = {doc for doc in site_map if any(fnmatchcase(doc, p) for p in patterns)}
    pending = list(dropped)
    while pending:  # a dropped page takes its own sections with it
        children = set(site_map[pending.pop()].child_files()) - dropped
        dropped |= children
        pending.extend(children)
    if site_map.root.docname in dropped:
        raise ValueError("coursekit_instructor_pages must not match the root page of the book")
    for doc in list(site_map):
        if doc in dropped:
            del site_map[doc]
            continue
        document = site_map[doc]
        for tree in document.subtrees:
            tree.items = [item for item in tree.items if str(item) not in dropped]
        document.subtrees = [tree for tree in document.subtrees if tree.items]
    app.coursekit_dropped_pages = dropped
    srcdir = Path(app.srcdir)
    config.exclude_patterns = [*config.exclude_patterns, *sorted(
        f"{doc}{suffix}" for doc in dropped for suffix in config.source_suffix if (srcdir / f"{doc}{suffix}").exists())]


def remove_dropped_output(app, exception) -> None:
    """Delete what an earlier build wrote for the pages this student build dropped (their HTML and page
    sources), so an old instructor page cannot linger in the site or in the offline bundle."""
    dropped = getattr(app, "coursekit_dropped_pages", set())
    if exception or app.builder.format != "html" or not dropped:
        return
    out = Path(app.outdir)
    for doc in dropped:
        for path in [out / f"{doc}.html", *(out / "_sources").glob(f"{doc}.*")]:
            if path.is_file():
                path.unlink()
