"""How the command line speaks: paths as instructors see them, one line per problem, one-line refusals."""
from __future__ import annotations

import os
import sys
from pathlib import Path


class CliError(Exception):
    """A refusal or a usage problem, printed as one line and exit code 1."""


def shown(path: Path) -> str:
    """``path`` relative to the working folder when it is below it (what editors and terminals link)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path.cwd())).as_posix() \
            if Path(path).resolve().is_relative_to(Path.cwd()) else Path(path).as_posix()
    except (OSError, ValueError):
        return str(path)


def course_root(args, required: bool = True) -> Path:
    """The course folder: ``--root``, else found from the working folder upwards."""
    from ..course import find_root

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


def problem_dict(p) -> dict:
    return {"path": shown(p.path), "line": p.line, "column": p.column, "severity": p.severity,
            "message": p.message, "fix": p.fix}


def problem_line(p) -> str:
    text = f"{shown(p.path)}:{p.line}:{p.column}: {p.severity}: {p.message}"
    return f"{text} (fix: {p.fix})" if p.fix else text


def in_order(problems: list) -> list:
    """Problems without repeats, by file, line and column, errors before warnings."""
    return sorted({(str(p.path), p.line, p.column, p.message): p for p in problems}.values(),
                  key=lambda p: (str(p.path), p.line, p.column, p.severity != "error"))


def errors_to_stderr(bank, what: str) -> int:
    """Print the bank's errors, then a summary saying what was not done; 1 when there were any."""
    errors = bank.errors
    if errors:
        for problem in in_order(errors):
            print(problem_line(problem), file=sys.stderr)
        print(f"coursekit: {len(errors)} error(s): {what} (details: coursekit check)", file=sys.stderr)
    return 1 if errors else 0
