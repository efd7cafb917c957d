"""Every quiz the book shows, for My progress: each section's quiz files, and the timeline activities
that a page builds with ``Timeline.quiz_for_section(section, seed=..., count=...)`` (book/timeline.ipynb
has two). Those are found in the pages' code cells (read, never run), so a new activity on any page
joins My progress with no change here; the page and the timeline file become dependencies."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from ...widgets.timeline_quiz import build_quiz_file

_MYST_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.S | re.M)


def code_cells(path: Path) -> list[str]:
    """The code of a page's cells: a notebook's code cells, or a MyST page's ``{code-cell}`` blocks."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        return ["".join(c.get("source", "")) for c in json.loads(text).get("cells", []) if c.get("cell_type") == "code"]
    return _MYST_CELL.findall(text)


def timeline_calls(code: str) -> list[tuple[str, int, int]]:
    """(section, seed, count) of each ``Timeline.quiz_for_section`` call with literal arguments."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []   # IPython magics: such a cell cannot hold the call in plain Python either
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "quiz_for_section" and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "Timeline"):
            continue
        try:
            args = [ast.literal_eval(a) for a in node.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
        except ValueError:
            continue
        values = dict(zip(("section", "seed", "count"), args)) | kwargs
        if isinstance(values.get("section"), str):
            found.append((values["section"], int(values.get("seed", 0)), int(values.get("count", 4))))
    return found


def book_quizzes(directive) -> list[tuple[str, object]]:
    """(page id, QuizFile) of every quiz in the book, in book order (a section's files, then its
    page's timeline activities)."""
    course = directive.course
    found = [(quiz.section, quiz) for _, quiz in directive.files("quiz")]
    timeline = None
    for page in course.pages:
        path = None if course.instructor_only(page) else course.page_file(page)
        calls = [call for code in code_cells(path) for call in timeline_calls(code)] if path else []
        if not calls:
            continue
        directive.env.note_dependency(str(path))
        if timeline is None:
            (_, timeline), = directive.files("timeline")
        found += [(page, build_quiz_file(timeline, *call, section_title=course.section_title(call[0])))
                  for call in calls]
    order = course.in_book_order({page for page, _ in found})
    return sorted(found, key=lambda pq: order.index(pq[0]))
