"""What a build with broken exercise files stops with: each problem once, its fix, the pages that read it.

Without this, a mistake in an exercise file surfaces as a notebook cell's exception: about 145 lines
of kernel traceback, blamed on whichever page ran first, ending in Jupyter Book's "Look above for the
cause". Two places stop a build with these lines and exit code 1, before any page runs:
``./build`` (and the tests' ``support/book.py``), once, before it starts the language editions side by
side (``python -m coursekit.build_problems``; otherwise each edition would print the same problems), and
the Sphinx extension when a builder starts (``coursekit/sphinxext/preflight.py``), for a book built with
``jupyter-book`` directly. ``./build --verbose`` (``COURSEKIT_VERBOSE=1``) skips both, so the full
tracebacks stay available.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from .bank import Bank
from .course import Course, find_root
from .layout import expected_section


# A fence whose info string is not a directive (```md, ```console, ...) shows text; its lines are read by nobody.
LITERAL_FENCE = re.compile(r"^ *(`{3,}|~{3,})(?!\{)[^\n]*\n.*?^ *\1[`~]* *$", re.M | re.S)
INLINE_CODE = re.compile(r"(`+)[^\n]*?(?<!`)\1(?!`)")   # `code`, or ``code with `ticks` inside``


def asked(text: str) -> str:
    """What of a page's text can ask the bank for a file: its code and directives, not the literal blocks
    and inline code that only show an example (the guide's pages name sections in every other line)."""
    if text.lstrip().startswith("{"):
        try:
            cells = json.loads(text).get("cells", [])
        except ValueError:
            return text
        return "\n".join("".join(c.get("source", "")) if c.get("cell_type") == "code"
                         else asked("".join(c.get("source", ""))) for c in cells if isinstance(c, dict))
    return INLINE_CODE.sub("", LITERAL_FENCE.sub("", text))


def readers(course: Course, problem_path: Path) -> list[str]:
    """The pages (source files, relative to the course) whose code or directives name the file's section,
    or that show a timeline when the file is the timeline."""
    section = expected_section(course.root, problem_path)
    needle = re.compile(r"Timeline\b|\{timeline") if section is None else \
        re.compile(r"""(["'}]\s*)""" + re.escape(section) + r"\b")
    found = []
    own = course.page_file(section) if section else None
    if own is not None:   # a section's page shows its files even without naming them (section_quizzes.py)
        found.append(own.relative_to(course.root).as_posix())
    for page in course.pages:
        source = course.page_file(page)
        if source is not None and source != own and \
                needle.search(asked(source.read_text(encoding="utf-8", errors="replace"))):
            found.append(source.relative_to(course.root).as_posix())
    return found


def report(bank: Bank, course: Course) -> list[str]:
    """The lines printed for a bank with errors: each problem once, then who reads its file."""
    lines: list[str] = []
    by_file: dict[Path, list] = {}
    for problem in sorted(set(bank.errors), key=lambda p: (str(p.path), p.line, p.column)):
        by_file.setdefault(problem.path, []).append(problem)
    for path, problems in by_file.items():
        shown = bank.shown(path)
        for p in problems:
            lines.append(f"{shown}:{p.line}:{p.column}: error: {p.message}" + (f" (fix: {p.fix})" if p.fix else ""))
        pages = readers(course, path)
        if pages:
            lines.append(f"  read by {', '.join(pages)}")
    count = len(bank.errors)
    lines.append(f"coursekit: the build stopped: {count} problem(s) in the exercise files; fix them and build "
                 "again (`coursekit check` lists them too; `./build --verbose` shows the full tracebacks)")
    return lines


def stopping(root: Path) -> list[str]:
    """The lines a build of the course at ``root`` stops with; none when its exercise files have no error."""
    bank = Bank.load(root)
    return report(bank, Course(root)) if bank.errors else []


def main() -> int:
    """Check the course in the current folder as a build would: exit 1, having printed why, or 0."""
    if os.environ.get("COURSEKIT_VERBOSE"):
        return 0
    try:
        root = find_root(Path.cwd())
    except FileNotFoundError:
        return 0
    lines = stopping(root)
    if not lines:
        return 0
    print("\n".join(lines), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
