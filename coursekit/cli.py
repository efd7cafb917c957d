"""The instructors' command line: ``coursekit new | check | export | list | stats | schema``.

Exit codes: 0 success (warnings allowed), 1 problems found or refused, 2 wrong usage. No command prints a
traceback: data problems are printed as ``file:line:column: error|warning: message (fix: ...)``, and anything
unexpected as one line that says so.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

from .bank import Bank, yaml_files, find_root
from .schema.errors import Problem

NEW_KINDS = {"quiz": "quiz", "prompts": "prompts", "free-response": "free_response"}
KIND_LABELS = {"quiz": "quiz", "prompts": "prompts", "free_response": "free-response"}
SECTION = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")
TEMPLATE_SECTION, TEMPLATE_PREFIX = "part0/example", "part0-example"
PLACEHOLDER = re.compile(r"\bTODO\b")


class CliError(Exception):
    """A refusal or a usage problem, printed as one line and exit code 1."""


# ---------------------------------------------------------------- helpers

def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is below it (what editors and terminals link)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path.cwd())).as_posix() \
            if Path(path).resolve().is_relative_to(Path.cwd()) else Path(path).as_posix()
    except (OSError, ValueError):
        return str(path)


def _root(args: argparse.Namespace, required: bool = True) -> Path:
    if getattr(args, "root", None):
        root = Path(args.root)
        if not root.is_dir():
            raise CliError(f"--root {args.root}: no such folder")
        return root
    try:
        return find_root()
    except FileNotFoundError as exc:
        if required:
            raise CliError(f"{exc}; run this inside the course, or pass --root PATH") from None
        return Path.cwd()


def _placeholders(bank: Bank, paths: list[Path]) -> list[Problem]:
    """One warning per file that still holds template placeholder text ('TODO'), at its first line."""
    found = []
    for path in yaml_files(paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        hits = [(n, m.start() + 1) for n, line in enumerate(lines, 1)
                if not line.lstrip().startswith("#") and (m := PLACEHOLDER.search(line))]
        if hits:
            shown = ", ".join(str(n) for n, _ in hits[:8]) + (", ..." if len(hits) > 8 else "")
            found.append(Problem(path, hits[0][0], hits[0][1],
                                 f"placeholder text from the template ('TODO') on {len(hits)} line(s): {shown}",
                                 "replace each TODO text with your own", "warning"))
    return found


def _problem_dict(p: Problem) -> dict:
    return {"path": _shown(p.path), "line": p.line, "column": p.column, "severity": p.severity,
            "message": p.message, "fix": p.fix}


def _problem_line(p: Problem) -> str:
    text = f"{_shown(p.path)}:{p.line}:{p.column}: {p.severity}: {p.message}"
    return f"{text} (fix: {p.fix})" if p.fix else text


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted({(str(p.path), p.line, p.column, p.message): p for p in problems}.values(),
                  key=lambda p: (str(p.path), p.line, p.column, p.severity != "error"))


def _errors_to_stderr(bank: Bank, what: str) -> int:
    errors = bank.errors
    if errors:
        for problem in _sorted(errors):
            print(_problem_line(problem), file=sys.stderr)
        print(f"coursekit: {len(errors)} error(s): {what} (details: coursekit check)", file=sys.stderr)
    return 1 if errors else 0


def _kind(model) -> str:
    return KIND_LABELS.get(getattr(model, "kind", ""), getattr(model, "kind", "?"))


def _count(model) -> int:
    for name in ("items", "prompts", "exercises", "events"):
        if hasattr(model, name):
            return len(getattr(model, name))
    return 0


def _title(root: Path) -> str:
    try:
        match = re.search(r"^title:\s*(.+?)\s*$", (root / "_config.yml").read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        match = None
    return match.group(1).strip("\"'") if match else "Course question bank"


# ---------------------------------------------------------------- commands

def cmd_new(args: argparse.Namespace) -> int:
    if not SECTION.match(args.section):
        raise CliError(f"--section {args.section!r} is not 'part/name' in lowercase letters, digits and hyphens "
                       "(for example part1/science)")
    root = _root(args, required=False)
    part, name = args.section.split("/")
    target = root / "exercises" / part / name / f"{args.kind}.yml"
    template = resources.files("coursekit").joinpath("templates", f"{args.kind}.yml").read_text(encoding="utf-8")
    text = template.replace(TEMPLATE_SECTION, args.section).replace(TEMPLATE_PREFIX, f"{part}-{name}")
    if target.exists():
        raise CliError(f"{_shown(target)} already exists; it was not overwritten "
                       "(edit that file, or move it away first to start again)")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:   # "x": never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise CliError(f"{_shown(target)} already exists; it was not overwritten") from None
    print(f"created {_shown(target)}")
    print(f"next: replace the TODO text, then run: coursekit check {_shown(target)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args, required=not args.paths)
    paths = [Path(p) for p in args.paths] or [root / "exercises"]
    bank = Bank.load(root, paths)
    problems = _sorted(bank.problems + _placeholders(bank, paths))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(yaml_files(paths))
    if args.format == "json":
        print(json.dumps({"ok": errors == 0, "files": files, "errors": errors, "warnings": warnings,
                          "problems": [_problem_dict(p) for p in problems]}, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(_problem_line(problem))
        if not files:
            print(f"coursekit: no .yml files found in {', '.join(_shown(p) for p in paths)}", file=sys.stderr)
        verdict = "FAILED" if errors else "ok"
        print(f"{verdict}: {files} file(s) checked, {errors} error(s), {warnings} warning(s)",
              file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .exporters import Options, export

    root = _root(args, required=not args.paths)
    paths = [Path(p) for p in args.paths] or [root / "exercises"]
    bank = Bank.load(root, paths)
    if _errors_to_stderr(bank, "nothing exported; fix the files first"):
        return 1
    result = export(bank, args.format, Options(ordering_as_matching=args.ordering_as_matching, title=_title(root)))
    report = result.report
    for severity, message in report.messages():
        print(f"{severity}: {message}", file=sys.stderr)
    others = [p for p, m in bank.files.items() if getattr(m, "kind", "") in ("prompts", "timeline")]
    if others:
        print(f"note: {len(others)} file(s) hold discussion prompts or timeline events, not questions; "
              "not exported", file=sys.stderr)
    if args.strict and report.skipped:
        print(f"coursekit: --strict: {len(report.skipped_ids)} item(s) cannot be expressed in {args.format}; "
              f"nothing written to {args.output}", file=sys.stderr)
        return 1
    if not report.exported:
        print("coursekit: no questions to export (the files hold no quiz items or free-response exercises)",
              file=sys.stderr)
        return 1
    output = Path(args.output)
    if output.is_dir():
        raise CliError(f"--output {args.output} is a folder; give a file name such as bank{_suffix(args.format)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(result.data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, output)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    print(f"wrote {_shown(output)}: {len(report.exported)} question(s) as {args.format}"
          + (f", {len(report.skipped_ids)} skipped" if report.skipped else ""))
    return 0


def _suffix(fmt: str) -> str:
    from .exporters import SUFFIXES
    return SUFFIXES[fmt]


def _listing(bank: Bank) -> list[dict]:
    rows = []
    for path, model in sorted(bank.files.items()):
        if getattr(model, "kind", "") not in ("quiz", "prompts", "free_response"):
            continue
        rows.append({"section": model.section, "kind": _kind(model), "id": getattr(model, "id", None),
                     "count": _count(model), "path": _shown(path)})
    return sorted(rows, key=lambda r: (r["section"], list(KIND_LABELS.values()).index(r["kind"]), r["path"]))


def cmd_list(args: argparse.Namespace) -> int:
    root = _root(args)
    bank = Bank.load(root)
    rows = _listing(bank)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        table = [("SECTION", "KIND", "ID", "COUNT", "FILE")]
        table += [(r["section"], r["kind"], r["id"] or "-", str(r["count"]), r["path"]) for r in rows]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        for row in table:
            print("  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].ljust(widths[2]),
                             row[3].rjust(widths[3]), row[4]]))
    return _errors_to_stderr(bank, "the files above are left out of the list")


def _stats(bank: Bank) -> dict:
    sections: dict[str, Counter] = {}
    types: Counter = Counter()
    objectives: list[dict] = []
    for _path, model in sorted(bank.files.items()):
        kind = getattr(model, "kind", "")
        if kind not in ("quiz", "prompts", "free_response"):
            continue
        counts = sections.setdefault(model.section, Counter())
        counts[{"quiz": "items", "prompts": "prompts", "free_response": "free_response"}[kind]] += _count(model)
        if kind == "quiz":
            types.update(item.type for item in model.items)
            per = Counter(o for item in model.items for o in item.objectives)
            objectives += [{"id": o.id, "section": model.section, "quiz": model.id, "items": per[o.id],
                            "assessed": per[o.id] > 0, "text": o.text} for o in model.objectives]
    keys = ("items", "prompts", "free_response")
    return {
        "totals": {"sections": len(sections), **{k: sum(c[k] for c in sections.values()) for k in keys},
                   "objectives": len(objectives)},
        "sections": {s: {k: sections[s][k] for k in keys} for s in sorted(sections)},
        "item_types": dict(sorted(types.items())),
        "objectives": objectives,
        "unassessed_objectives": [o["id"] for o in objectives if not o["assessed"]],
    }


def cmd_stats(args: argparse.Namespace) -> int:
    root = _root(args)
    bank = Bank.load(root)
    stats = _stats(bank)
    if args.format == "json":
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        t = stats["totals"]
        print(f"{t['sections']} section(s): {t['items']} quiz item(s), {t['prompts']} discussion prompt(s), "
              f"{t['free_response']} free-response exercise(s), {t['objectives']} objective(s)")
        print(f"\n{'By section':<26}items  prompts  free-response")
        for section, c in stats["sections"].items():
            print(f"  {section:<24}{c['items']:>5}  {c['prompts']:>7}  {c['free_response']:>13}")
        print("\nBy item type")
        for name, n in stats["item_types"].items():
            print(f"  {name:<24}{n:>5}")
        print("\nBy objective (items assessing it)")
        for o in stats["objectives"]:
            flag = "   <- NOT ASSESSED by any item" if not o["assessed"] else ""
            print(f"  {o['id']:<40}{o['section']:<22}{o['items']:>3}{flag}")
        if stats["unassessed_objectives"]:
            print(f"\n{len(stats['unassessed_objectives'])} objective(s) assessed by no item: "
                  + ", ".join(stats["unassessed_objectives"]))
    return _errors_to_stderr(bank, "the files above are left out of the counts")


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema.jsonschema import SCHEMA_DIR, write

    output = Path(args.output) if args.output else _root(args) / SCHEMA_DIR
    if output.exists() and not output.is_dir():
        raise CliError(f"--output {args.output} is a file; give a folder")
    for path, changed in write(output):
        print(f"{'wrote' if changed else 'unchanged'} {_shown(path)}")
    return 0


# ---------------------------------------------------------------- parser and entry point

def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    from .exporters import FORMATS

    parser = argparse.ArgumentParser(prog="coursekit", description="Instructor tools for the course's exercises.")
    parser.add_argument("--version", action="version", version=f"coursekit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    root_help = "the course folder (with _config.yml and exercises/); default: found from here upwards"

    new = commands.add_parser("new", help="start an exercise file from a template (never overwrites)",
                              description="Create exercises/<part>/<name>/<kind>.yml from a commented template "
                                          "that already passes `coursekit check`. An existing file is never "
                                          "overwritten.")
    new.add_argument("kind", choices=list(NEW_KINDS))
    new.add_argument("--section", required=True, help="section id, e.g. part1/science")
    new.add_argument("--root", help=root_help)
    new.set_defaults(run=cmd_new)

    check = commands.add_parser("check", help="check exercise files and report every problem",
                                description="Check files or folders (default: all of exercises/, timeline "
                                            "included). Exit 1 on any error; warnings alone exit 0.")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--root", help=root_help)
    check.set_defaults(run=cmd_check)

    exp = commands.add_parser("export", help="export questions for an LMS (GIFT, Moodle XML, QTI zip)",
                              description="Export the whole bank (default) or chosen files. What a format "
                                          "cannot express is reported by item id, never dropped silently.")
    exp.add_argument("paths", nargs="*", metavar="PATH")
    exp.add_argument("--format", required=True, choices=FORMATS)
    exp.add_argument("--output", "-o", required=True, metavar="PATH")
    exp.add_argument("--strict", action="store_true",
                     help="fail (exit 1, nothing written) if any item cannot be expressed in the format")
    exp.add_argument("--ordering-as-matching", action="store_true",
                     help="GIFT and QTI have no ordering type: export ordering items as matching questions "
                          "(entry -> position) instead of skipping them")
    exp.add_argument("--root", help=root_help)
    exp.set_defaults(run=cmd_export)

    lst = commands.add_parser("list", help="one line per quiz, prompts and free-response file")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    lst.add_argument("--root", help=root_help)
    lst.set_defaults(run=cmd_list)

    stats = commands.add_parser("stats", help="counts by section, item type and objective")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.add_argument("--root", help=root_help)
    stats.set_defaults(run=cmd_stats)

    schema = commands.add_parser("schema", help="write one JSON Schema per kind of file (editor autocompletion)",
                                 description="Write quiz, prompts, free-response and timeline JSON Schemas, "
                                             "generated from the file formats, into a folder (default: "
                                             "exercises/.schema). Editors with the YAML language server use "
                                             "them through the first line of each template.")
    schema.add_argument("--output", "-o", metavar="DIR", help="folder to write into (default: exercises/.schema)")
    schema.add_argument("--root", help=root_help)
    schema.set_defaults(run=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CliError as exc:
        print(f"coursekit: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("coursekit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into a command that stopped reading (e.g. `| head`)
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - never a traceback for instructors
        print(f"coursekit: internal error ({type(exc).__name__}: {exc}); please report it with the command "
              "you ran", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
