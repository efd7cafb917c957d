"""Every quiz file appears on its section's page, whatever kind of page that is.

Section pages show their quizzes with a ``show_quizzes(section)`` cell, which finds every quiz file of
the section, so a new file joins a notebook page that has that cell with no change. A page without one
(a Markdown page such as ``reading-the-essay.md``, or a notebook whose author left the cell out) would
never show a quiz an instructor adds for it. So when Sphinx reads a section page whose section has quiz
files and whose text does not call ``show_quizzes`` for it, the cell is appended to the source as read
(the file on disk is untouched): a notebook gets a heading and a code cell; a Markdown page becomes a
MyST notebook (a ``kernelspec`` front matter) with a ``{code-cell}``, which myst-nb then executes like any
notebook. Every section page also records its quiz query, so adding or removing a quiz file re-reads it.
"""
from __future__ import annotations

import json
import re

from ..bank import course_bank
from ..course import BOOK, Course, find_root
from ..layout import markdown_takes_quiz
from ..schema.errors import ExerciseError
from ..strings import t
from . import dependencies

CELL = 'from coursekit import show_quizzes\nshow_quizzes("{section}")'
FRONT_MATTER = ("---\nfile_format: mystnb\nkernelspec:\n  name: python3\n  display_name: Python 3\n"
                "  language: python\n---\n")


def shows_quizzes(text: str, section: str) -> bool:
    return re.search(r"show_quizzes\(\s*\\?[\"']" + re.escape(section) + r"\\?[\"']", text) is not None


def append_to_notebook(text: str, section: str) -> str:
    notebook = json.loads(text)
    notebook["cells"] += [
        {"cell_type": "markdown", "metadata": {}, "source": f"## {t('page.quizHeading')}"},
        {"cell_type": "code", "metadata": {"tags": ["remove-input"]}, "execution_count": None, "outputs": [],
         "source": CELL.format(section=section)},
    ]
    return json.dumps(notebook, ensure_ascii=False)


def append_to_markdown(text: str, section: str) -> str | None:
    """The page as a MyST notebook ending in the quiz cell; None when its front matter cannot take one."""
    if not markdown_takes_quiz(text):
        return None   # front matter of another kind: the author must add the cell (check warns)
    head = "" if text.startswith("---\n") else FRONT_MATTER
    cell = f"\n\n## {t('page.quizHeading')}\n\n```{{code-cell}} ipython3\n:tags: [remove-input]\n" \
           f"{CELL.format(section=section)}\n```\n"
    return head + text.rstrip() + cell


def add_quiz_cell(app, docname: str, source: list[str]) -> None:
    """source-read: append the quiz cell to a section page that lacks one."""
    if not docname.startswith(BOOK + "/"):
        return
    section = docname.removeprefix(BOOK + "/")
    dependencies.record(app.env, "quiz", section)
    try:
        bank = course_bank(find_root(app.srcdir))
    except (ExerciseError, FileNotFoundError):   # reported by preflight, which stops the build first
        return
    if not bank.select("quiz", section) or shows_quizzes(source[0], section):
        return
    path = Course(bank.root).page_file(section)
    if path is None:
        return
    changed = append_to_notebook(source[0], section) if path.suffix == ".ipynb" else \
        append_to_markdown(source[0], section)
    if changed is not None:
        source[0] = changed
