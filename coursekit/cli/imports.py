"""``coursekit import FILE``: a Moodle XML or GIFT bank as a new quiz file, never over an existing one.

What maps becomes quiz items (checked with the course's own models); what does not is listed by question
name with the reason, and what changed on the way in is listed by item id. The quiz file is written
atomically next to FILE (or at ``--output``) and an existing file is refused, never replaced.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .export import _write, refuse_target
from .output import CliError, shown

SECTION = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


def cmd_import(args) -> int:
    from ..importers import FORMATS
    from ..importers.common import ReadError
    from ..importers.quizfile import build, slug, to_yaml

    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"{args.file}: no such file")
    fmt = args.source_format or FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise CliError(f"{shown(source)}: cannot tell the format from the suffix {source.suffix!r}; "
                       "add --from moodle or --from gift")
    output = Path(args.output) if args.output else source.with_suffix(".yml")
    if output.exists() and output.is_file() and not output.is_symlink():
        raise CliError(f"{shown(output)} already exists; import never replaces a file (give another --output)")
    refuse_target(output, False, "quiz.yml")
    reader = __import__(f"coursekit.importers.{fmt}", fromlist=["read"])
    try:
        questions = reader.read(source.read_bytes(), shown(source))
    except ReadError as exc:
        raise CliError(str(exc)) from None
    sections = [t.split(":", 1)[1] for q in questions for t in q.tags if t.startswith("section:")]
    section = args.section or (sections[0] if sections else None)
    if not section:
        raise CliError(f"{shown(source)} does not say which section its questions belong to; add --section "
                       "part/name (e.g. part1/science)")
    if not SECTION.match(section):
        raise CliError(f"section {section!r} is not 'part/name' (e.g. part1/science)")
    categories = [q.category for q in questions if q.category]
    quiz_id = args.id or slug(categories[0].rstrip("/").rsplit("/", 1)[-1] if categories else source.stem)
    result = build(questions, quiz_id, section, args.title or f"Imported from {source.name}")
    for name, reason in result.unmapped:
        print(f"warning: not imported: {name}: {reason}", file=sys.stderr)
    for item_id, note in result.notes:
        print(f"note: {item_id}: {note}", file=sys.stderr)
    if not result.quiz["items"]:
        raise CliError(f"no question in {shown(source)} maps to a course question type; nothing was written")
    data = to_yaml(result.quiz, f"Imported by `coursekit import` from {source.name}; check it with `coursekit check`")
    try:
        _write(output, data.encode("utf-8"), replace=False)
    except FileExistsError:
        raise CliError(f"{shown(output)} appeared while importing; it was not replaced (give another --output)") from None
    print(f"wrote {shown(output)}: {len(result.quiz['items'])} item(s)"
          + (f", {len(result.unmapped)} question(s) not imported" if result.unmapped else ""))
    return 0
