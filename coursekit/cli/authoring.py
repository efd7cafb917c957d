"""Commands for writing exercise files: ``new`` (from a template), ``check`` and ``schema``."""
from __future__ import annotations

import json
import re
import stat
import sys
from importlib import resources
from pathlib import Path

from .output import CliError, course_root, in_order, problem_dict, problem_line, shown

SECTION = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")
TEMPLATE_SECTION, TEMPLATE_PREFIX = "part0/example", "part0-example"
PLACEHOLDER = re.compile(r"\bTODO\b")


def cmd_new(args) -> int:
    from ..kinds import by_label

    if not SECTION.match(args.section):
        raise CliError(f"--section {args.section!r} is not 'part/name' in lowercase letters, digits and hyphens "
                       "(for example part1/science)")
    root = _book_root(args)
    part, name = args.section.split("/")
    kind = by_label(args.kind)
    target = root / "exercises" / part / name / kind.file_name
    template = resources.files("coursekit").joinpath("templates", kind.file_name).read_text(encoding="utf-8")
    text = template.replace(TEMPLATE_SECTION, args.section).replace(TEMPLATE_PREFIX, f"{part}-{name}")
    if target.exists() or target.is_symlink():
        raise CliError(f"{shown(target)} already exists; it was not overwritten "
                       "(edit that file, or move it away first to start again)")
    _inside_the_course(root, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _inside_the_course(root, target)   # again: a folder could have been swapped for a link meanwhile
    try:
        with open(target, "x", encoding="utf-8") as handle:   # "x": never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise CliError(f"{shown(target)} already exists; it was not overwritten") from None
    print(f"created {shown(target)}")
    print(f"next: replace the TODO text, then run: coursekit check {shown(target)}")
    return 0


def _book_root(args) -> Path:
    """Where ``new`` writes: the course (``--root``, or found upwards), or a book that has no exercises/
    folder yet (``_config.yml`` here). Anywhere else the file would land where no book reads it: refused."""
    try:
        return course_root(args)
    except CliError:
        if (Path.cwd() / "_config.yml").is_file():
            return Path.cwd()
        raise CliError(f"no course here ({Path.cwd()} has no _config.yml, nor any folder above it "
                       "with exercises/): run coursekit new in the course folder, or pass --root PATH; "
                       "nothing was written") from None


def _inside_the_course(root: Path, target: Path) -> None:
    """Refuse to write anywhere but under the course's exercises/ folder, links resolved; and say so
    in one line when a part of the path is a file."""
    exercises = (root / "exercises").resolve()
    existing = next(p for p in (target.parent, *target.parent.parents) if p.exists() or p.is_symlink())
    if existing.exists() and not existing.is_dir():
        raise CliError(f"cannot create {shown(target)}: {shown(existing)} is a file, not a folder")
    if not existing.resolve().is_relative_to(exercises) and not exercises.is_relative_to(existing.resolve()):
        raise CliError(f"{shown(existing)} leads outside the course's exercises/ folder (a link?); "
                       "nothing was written")


def placeholders(paths: list[Path]) -> list:
    """One warning per file that still holds template placeholder text ('TODO'), at its first line."""
    from ..bank import yaml_files
    from ..schema.errors import Problem
    from ..schema.yaml_source import MAX_BYTES

    found = []
    for path in yaml_files(paths):
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                continue   # refused, with its reason, by the reader; never opened here (a pipe would hang)
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        hits = [(n, m.start() + 1) for n, line in enumerate(lines, 1)
                if not line.lstrip().startswith("#") and (m := PLACEHOLDER.search(line))]
        if hits:
            listed = ", ".join(str(n) for n, _ in hits[:8]) + (", ..." if len(hits) > 8 else "")
            found.append(Problem(path, hits[0][0], hits[0][1],
                                 f"placeholder text from the template ('TODO') on {len(hits)} line(s): {listed}",
                                 "replace each TODO text with your own", "warning"))
    return found


def cmd_check(args) -> int:
    from .. import page_catalogs, terms, translations
    from ..bank import Bank, yaml_files

    root = course_root(args, required=not args.paths)
    paths = [Path(p) for p in args.paths] or [root / "exercises"]
    bank = Bank.load(root, paths)
    problems = bank.problems + placeholders(paths)
    catalogs = translations.languages(root)
    for language in catalogs:   # each translation must make a valid file too
        problems += bank.translation_problems(language)
    whole = not args.paths
    if whole:   # the translations' use of the term tables (locales/<language>/terms.yml)
        problems += [p for language in catalogs for p in terms.check(root, language)]
    problems = in_order(problems)
    coverage = [translations.status(root, language, bank.messages()) for language in catalogs] if whole else []
    pages = [page_catalogs.status(root, language) for language in catalogs] if whole else []
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(yaml_files(paths))
    if args.format == "json":
        print(json.dumps({"ok": errors == 0, "files": files, "errors": errors, "warnings": warnings,
                          "problems": [problem_dict(p) for p in problems],
                          "translations": {c.language: {"total": c.total, "translated": c.translated, "fuzzy": c.fuzzy,
                                                        "untranslated": c.untranslated} for c in coverage},
                          "page_translations": {c.language: {"total": c.total, "translated": c.translated,
                                                             "fuzzy": c.fuzzy, "untranslated": c.untranslated,
                                                             "obsolete": c.obsolete} for c in pages}},
                         indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem_line(problem))
        if not files:
            print(f"coursekit: no .yml files found in {', '.join(shown(p) for p in paths)}", file=sys.stderr)
        for exercise_line, page_line in zip(coverage, pages):
            print(exercise_line)
            print(page_line)
        verdict = "FAILED" if errors else "ok"
        print(f"{verdict}: {files} file(s) checked, {errors} error(s), {warnings} warning(s)",
              file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def cmd_schema(args) -> int:
    from ..schema.jsonschema import SCHEMA_DIR, write

    output = Path(args.output) if args.output else course_root(args) / SCHEMA_DIR
    if output.exists() and not output.is_dir():
        raise CliError(f"--output {args.output} is a file; give a folder")
    for path, changed in write(output):
        print(f"{'wrote' if changed else 'unchanged'} {shown(path)}")
    return 0
