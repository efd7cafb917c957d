"""Course data that travels inside a downloaded notebook, so it runs with only coursekit installed.

A section notebook's widget cells (``Timeline.for_section("part1/water")``, ``show_quizzes(...)``) read
the course's ``exercises/`` folder. The notebook a page offers for download carries, in one setup
cell, the files those widgets read: the section's quiz files, ``exercises/timeline.yml``, the
bibliography entries the quizzes cite and a minimal ``_config.yml``. Running the cell calls
:func:`unpack`, which writes them into a private temporary course folder and points ``$COURSEKIT_ROOT``
at it; the widget cells then run unchanged, and the data goes through exactly the validation
(:func:`coursekit.bank.course_bank`) that ``exercises/`` gets, with problems named by the file's
place in the course (``exercises/part1/water/quiz.yml:12:5: ...``).

:func:`bundle` is the build side: it gathers those files from the course for one page.
Instructor-only files (discussion prompts with facilitator notes, free-response exercises with model
answers) are never bundled: widgets do not read them.
"""
from __future__ import annotations

import atexit
import dataclasses
import json
import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .course import EXERCISES, SECTION_TITLES, TIMELINE_FILE, Course

WIDGET_KINDS = ("quiz", "timeline")  # the kinds of exercise file that widgets read
BIB_FILE = "references.bib"
SETUP_TAG = "coursekit-data"  # the setup cell's tag, so tools (and tests) can find it


def bundle(root: Path, files: list[Path]) -> dict[str, list[str]]:
    """The course files a notebook needs, by path relative to the course root, as lists of lines.

    ``files``: the exercise files the page's widgets read (see :data:`WIDGET_KINDS`). Always adds a
    minimal ``_config.yml`` (title, published address, the bibliography file) and the bibliography
    entries that the bundled quiz files cite.
    """
    from .bank import course_bank

    root = Path(root)
    course, bank = Course(root), course_bank(root)
    texts: dict[str, str] = {}
    cited: set[str] = set()
    for path in sorted({(root / f).resolve() for f in files}):
        model = bank.files.get(path)
        if model is None or getattr(model, "kind", None) not in WIDGET_KINDS:
            continue
        texts[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
        for item in getattr(model, "items", []):
            source = getattr(item, "source", None)
            if source is not None and source.cite:
                cited.add(source.cite.lower())
    config: dict = {"title": course.title, "bibtex_bibfiles": [BIB_FILE] if cited else []}
    if TIMELINE_FILE.as_posix() in texts:   # its quizzes are titled by their section
        config[SECTION_TITLES] = {page: course.section_title(page) for page in course.pages}
    if course.base_url:
        config["html"] = {"baseurl": course.base_url}
    texts = {"_config.yml": json.dumps(config, ensure_ascii=False, indent=1) + "\n", **texts}  # JSON is YAML
    if cited:
        texts[BIB_FILE] = _bibliography(root, cited)
    return {name: text.splitlines(keepends=True) for name, text in texts.items()}


def _bibliography(root: Path, keys: set[str]) -> str:
    """The entries ``keys`` (lower case) exactly as the course's .bib files write them, in file order.

    Copied as text, not re-serialized, so that every field reads back as it does in the book.
    """
    found, seen = [], set()
    for path in Course(root).bib_files:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        for match in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,", text):
            key = match.group(1).lower()
            if key in keys and key not in seen:
                seen.add(key)
                found.append(text[match.start():_closing_brace(text, match.end() - 1)] + "\n")
    return "\n".join(found)


def _closing_brace(text: str, start: int) -> int:
    """The index after the brace that closes the one opened before ``start``."""
    depth = 1
    for index in range(start + 1, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)


def setup_source(files: dict[str, list[str]]) -> str:
    """The setup cell's code: one call to :func:`unpack` with the files as a literal.

    JSON of a mapping of strings to lists of strings is also a valid Python literal.
    """
    literal = json.dumps(files, ensure_ascii=True, indent=1)
    return ("# The course data this notebook's quiz and timeline read (a copy of the course's exercises/ files).\n"
            "# Run this cell first; it needs only `pip install coursekit`.\n"
            f"from coursekit.portable import unpack\ncourse_folder = unpack({literal})")


def unpack(files: dict[str, list[str] | str]) -> Path:
    """Write ``files`` into a new temporary course folder, make it the course, and validate it.

    Returns the folder. Raises :class:`coursekit.schema.errors.ExerciseError` naming the file (by its
    place in the course), line and fix when the data is not valid, as ``coursekit check`` would.
    """
    from .bank import course_bank
    from .schema.errors import ExerciseError

    root = Path(tempfile.mkdtemp(prefix="coursekit-notebook-"))
    atexit.register(shutil.rmtree, root, True)
    (root / EXERCISES).mkdir()
    for name, text in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"course file {name!r} is not a path inside the course")
        target = root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text if isinstance(text, str) else "".join(text), encoding="utf-8")
    _short_errors(ExerciseError)
    try:
        course_bank(root)
    except ExerciseError as exc:
        raise ExerciseError([_relative(p, root) for p in exc.problems]) from None
    os.environ["COURSEKIT_ROOT"] = str(root)
    return root


def _short_errors(error: type) -> None:
    """In Jupyter (IPython), ``error`` shows as its located lines, one per problem, not as a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: the exception's message already is those lines
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((error,), _show_lines)


def _show_lines(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython's custom handler: show the error's lines as the cell's error output (ipykernel sends them
    as the traceback of an error message; the terminal prints them)."""
    lines = str(value).splitlines()
    shell._showtraceback(etype, value, lines)
    return lines


def _relative(problem, root: Path):
    try:
        return dataclasses.replace(problem, path=Path(problem.path).relative_to(root))
    except ValueError:
        return problem
