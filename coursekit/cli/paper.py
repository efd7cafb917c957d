"""``coursekit paper SECTION``: versions A and B of the section's quiz on paper, and their answer key, as PDF.

Three files are written into ``--output`` (default: the working folder): ``<part>-<name>-A.pdf``,
``<part>-<name>-B.pdf`` and ``<part>-<name>-key.pdf``. Every target is checked before anything is printed,
and each is written atomically, so a refusal or a failed print leaves nothing half-done.
"""
from __future__ import annotations

import re
from pathlib import Path

from .export import _write, refuse_target
from .output import CliError, course_root, errors_to_stderr, shown

SECTION = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


def cmd_paper(args) -> int:
    from ..bank import Bank
    from ..course import Course
    from ..papers import VERSIONS, draw, html, pdf

    if not SECTION.match(args.section):
        raise CliError(f"section {args.section!r} is not 'part/name' (e.g. part1/science)")
    if args.per_objective < 1:
        raise CliError(f"--per-objective {args.per_objective}: give 1 or more")
    root = course_root(args)
    course = Course(root)
    bank = Bank.load(root, [root / "exercises"])
    if errors_to_stderr(bank, "no paper printed; fix the files first"):
        return 1
    quizzes = [model for _path, model in bank.for_section("quiz", args.section)]
    if not quizzes:
        raise CliError(f"section {args.section} has no quiz file (exercises/{args.section}/quiz.yml); "
                       "`coursekit list` shows the sections")
    objectives = {o.id: o.text for quiz in quizzes for o in quiz.objectives}
    items = [item for quiz in quizzes for item in quiz.items]
    if not objectives or not any(item.objectives for item in items):
        raise CliError(f"section {args.section}'s quiz names no objectives; a paper assesses objectives "
                       "(list them under `objectives:` and name them in the items)")
    writing = [ex for _path, model in bank.for_section("free_response", args.section) for ex in model.exercises]
    versions = draw.draw(items, list(objectives), args.per_objective, f"{args.section}:{args.seed}", VERSIONS)
    stem = args.section.replace("/", "-")
    folder = Path(args.output)
    targets = {name: folder / f"{stem}-{name}.pdf" for name in (*VERSIONS, "key")}
    for target in targets.values():
        refuse_target(target, args.force, f"{stem}-A.pdf")
    title, section_title = course.title, course.section_title(args.section)
    pages = {v.name: html.paper(title, section_title, v, writing) for v in versions}
    pages["key"] = html.key(title, section_title, versions, writing, objectives)
    try:
        printed = pdf.print_pdf(pages)
    except pdf.PrintError as exc:
        raise CliError(f"{exc}; nothing was written") from None
    for name, target in targets.items():
        _write(target, printed[name])
    count = len(versions[0].items)
    print(f"wrote {', '.join(shown(t) for t in targets.values())}: {count} question(s) per version"
          + (f" and {len(writing)} written answer(s)" if writing else "")
          + f", {len(objectives)} objective(s) in each")
    return 0
