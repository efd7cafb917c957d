"""Where exercise files live, checked: a file's name says its kind, and its folder says its section.

``exercises/<part>/<section>/quiz.yml`` (or ``prompts.yml``, ``free-response.yml``) belongs to section
``<part>/<section>``, and ``exercises/timeline.yml`` holds every event. A misspelt name (``quizz.yml``)
would otherwise be read as whatever its ``kind:`` says and repeat every id of the real file; a copied
file whose ``section:`` still names its old folder would be listed twice. Both get one located line.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from .course import EXERCISES, Course
from .kinds import KINDS, FileKind
from .schema.errors import Problem

NAMES = {kind.file_name: kind for kind in KINDS.values()}


def kind_of_name(path: Path) -> FileKind | None:
    """The kind a file's name says: ``quiz.yml``, or ``quiz-<anything>.yml`` for a further quiz of the
    same section (``.yaml`` works too); None for any other name."""
    stem = Path(path).stem
    return next((k for k in KINDS.values() if stem == k.file_name[:-4] or
                 (k.per_section and stem.startswith(k.file_name[:-4] + "-"))), None)


def misnamed(root: Path, path: Path) -> Problem | None:
    """A problem when a file under exercises/ is not named after a kind of file (None when it is)."""
    if kind_of_name(path) is not None or not _inside(root, path):
        return None
    guess = difflib.get_close_matches(f"{path.stem}.yml", list(NAMES), n=1, cutoff=0.6)
    known = ", ".join(NAMES)
    fix = f"did you mean {guess[0]}? rename the file" if guess else f"name it one of: {known}"
    if guess and (path.parent / guess[0]).exists():   # renaming would overwrite the section's own file
        fix = f"did you mean {guess[0][:-4]}-<name>.yml? {guess[0]} exists already; rename this file to {guess[0][:-4]}-2.yml or similar"
    return Problem(path, 1, 1, f"coursekit reads only files named {known} (or quiz-<name>.yml and so on, "
                   f"for a further file of a section); {path.name!r} is none of them", fix)


def expected_section(root: Path, path: Path) -> str | None:
    """The section a file's folder says it belongs to, or None when it is not under exercises/<part>/<section>/."""
    try:
        parts = Path(path).resolve().relative_to((Path(root) / EXERCISES).resolve()).parts
    except ValueError:
        return None
    return "/".join(parts[:2]) if len(parts) == 3 else None


def misplaced(root: Path, path: Path, model, source) -> Problem | None:
    """A problem when a loaded file's ``section`` (or place) does not match its folder."""
    kind: FileKind | None = KINDS.get(getattr(model, "kind", None))
    inside = expected_section(root, path)
    if kind is None:
        return None
    named = kind_of_name(path)
    if named is not None and named is not kind and _inside(root, path):
        return source.problem(("kind",), f"the file is named {Path(path).name} but holds `kind: {kind.name}`",
                              f"rename it to {kind.file_name}, or set `kind: {named.name}`")
    if not kind.per_section:
        return None
    if inside is None:
        if not _inside(root, path):
            return None   # a file checked from elsewhere: no folder to compare with
        return source.problem((), f"a {kind.label} file belongs in {EXERCISES}/<part>/<section>/{kind.file_name}",
                              f"move it to {EXERCISES}/{model.section}/{kind.file_name}")
    if model.section != inside:
        return source.problem(("section",), f"section {model.section!r} does not match the file's folder "
                              f"{EXERCISES}/{inside}/", f"write `section: {inside}`, or move the file to "
                              f"{EXERCISES}/{model.section}/")
    return None


def _inside(root: Path, path: Path) -> bool:
    return Path(path).resolve().is_relative_to((Path(root) / EXERCISES).resolve())


def unshown(root: Path, bank) -> list[Problem]:
    """A warning for each quiz file whose section has no page in the table of contents (so it would be
    shown on no page), or whose Markdown page has front matter the quiz cell cannot be added to."""
    course = Course(root)
    if not course.toc:
        return []   # not a book (a folder of exercise files checked on its own)
    found = []
    for path, quiz in [*bank.select("quiz"), *bank.select("prompts"), *bank.select("free_response")]:
        page = course.page_file(quiz.section)
        name = course.docname(quiz.section)
        if quiz.section not in course.pages or page is None:
            where = "in _toc.yml" if quiz.section not in course.pages else "(no .ipynb or .md file)"
            found.append(bank.sources[path].problem(
                ("section",), f"this {KINDS[quiz.kind].label} file is shown on no page: the book has no page {name} {where}",
                f"create {name}.md (or .ipynb) and list `- file: {name}` in _toc.yml, or change `section:`",
                "warning"))
        elif quiz.kind == "quiz" and page.suffix == ".md" and not markdown_takes_quiz(page.read_text(encoding="utf-8")):
            found.append(bank.sources[path].problem(
                ("section",), f"{page.relative_to(root).as_posix()} starts with front matter, so the quiz cannot "
                "be added to it when the book is built", "add a code cell with `show_quizzes(\""
                f"{quiz.section}\")` to that page, or remove its front matter", "warning"))
    return found


def markdown_takes_quiz(text: str) -> bool:
    """Whether the build can append the quiz cell to a Markdown page (see sphinxext/section_quizzes.py):
    it has no front matter, or front matter that already makes it a notebook, or it shows quizzes itself."""
    return not text.startswith("---\n") or "kernelspec" in text.split("\n---", 1)[0] or "show_quizzes(" in text
