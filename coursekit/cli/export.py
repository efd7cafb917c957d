"""``coursekit export``: the bank as an LMS file, written atomically, with a report of what did not fit."""
from __future__ import annotations

import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path

from .output import CliError, course_root, errors_to_stderr, shown


def cmd_export(args) -> int:
    from ..bank import Bank
    from ..course import Course
    from ..exporters import MODULES, SUFFIXES
    from ..exporters.common import Options, entries

    root = course_root(args, required=not args.paths)
    paths = [Path(p) for p in args.paths] or [root / "exercises"]
    bank = Bank.load(root, paths)
    if errors_to_stderr(bank, "nothing exported; fix the files first"):
        return 1
    from ..exporters.site import PackageError

    writer = import_module(f"coursekit.exporters.{MODULES[args.format]}")
    course = Course(root)
    options = Options(ordering_as_matching=args.ordering_as_matching, title=course.title, course=course,
                      bank=bank, cc_version=args.cc_version)
    try:
        result = writer.export(entries(bank), options)
    except PackageError as exc:
        raise CliError(str(exc)) from None
    report = result.report
    for severity, message in report.messages():
        print(f"{severity}: {message}", file=sys.stderr)
    others = [p for p, m in bank.files.items() if getattr(m, "kind", "") in ("prompts", "timeline")]
    if others and not result.files and args.format != "cc":
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
    if result.files:
        if output.exists() and not output.is_dir():
            raise CliError(f"--output {args.output} is a file; {args.format} writes several packages: give a folder")
        for name, data in result.files.items():
            _write(output / name, data)
        print(f"wrote {len(result.files)} package(s) into {shown(output)}: {', '.join(result.files)}; "
              f"{len(report.exported)} question(s) as {args.format}{_counts(report)}")
        return 0
    if output.is_dir():
        raise CliError(f"--output {args.output} is a folder; give a file name such as bank{SUFFIXES[args.format]}")
    _write(output, result.data)
    print(f"wrote {shown(output)}: {len(report.exported)} question(s) as {args.format}"
          + (f", {len(report.skipped_ids)} skipped" if report.skipped else "") + _counts(report))
    return 0


def _counts(report) -> str:
    """'; holds 12 pages, 8 quizzes, ...' for a package, '' for a question file."""
    return "; holds " + ", ".join(f"{n} {what}" for what, n in report.counts.items()) if report.counts else ""


def _write(output: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename: never a half-written file."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, output)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
