"""``coursekit export``: the bank as an LMS file (or, for SCORM, a folder of packages), written atomically,
with a report of what did not fit. Nothing that exists is replaced without ``--force``, and a link, a
device or a folder where a file should go is refused before any work is done."""
from __future__ import annotations

import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path

from .authoring import placeholders
from .output import CliError, course_root, errors_to_stderr, in_order, problem_line, shown

FOLDER_FORMATS = ("scorm",)   # formats that write several packages into a folder


def cmd_export(args) -> int:
    from ..bank import Bank
    from ..course import Course
    from ..exporters import MODULES, SUFFIXES
    from ..exporters.common import Options, entries
    from ..exporters.site import PackageError

    root = course_root(args, required=not args.paths)
    output = Path(args.output)
    if args.format in FOLDER_FORMATS:
        if output.is_symlink() or (output.exists() and not output.is_dir()):
            raise CliError(f"--output {args.output} is not a folder; {args.format} writes several packages: give a folder")
    else:
        refuse_target(output, args.force, f"bank{SUFFIXES[args.format]}")   # before any work: one line, nothing else
    paths = [Path(p) for p in args.paths] or [root / "exercises"]
    bank = Bank.load(root, paths)
    if errors_to_stderr(bank, "nothing exported; fix the files first"):
        return 1
    for problem in in_order([p for p in bank.problems + placeholders(paths) if p.severity == "warning"]):
        print(f"warning: {problem_line(problem)}", file=sys.stderr)   # e.g. template TODOs going to the LMS
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
    try:
        if result.files:
            for name in result.files:
                refuse_target(output / name, args.force, name)
            for name, data in result.files.items():
                _write(output / name, data)
        else:
            _write(output, result.data)
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}; nothing was written") from None
    if result.files:
        print(f"wrote {len(result.files)} package(s) into {shown(output)}: {', '.join(result.files)}; "
              f"{len(report.exported)} question(s) as {args.format}{_counts(report)}")
    else:
        print(f"wrote {shown(output)}: {len(report.exported)} question(s) as {args.format}"
              + (f", {len(report.skipped_ids)} skipped" if report.skipped else "") + _counts(report))
    return 0


def _counts(report) -> str:
    """'; holds 12 pages, 8 quizzes, ...' for a package, '' for a question file."""
    return "; holds " + ", ".join(f"{n} {what}" for what, n in report.counts.items()) if report.counts else ""


def refuse_target(output: Path, force: bool, example: str) -> None:
    """Refuse any output that would destroy something: a symlink, anything but a regular file, or
    (without ``--force``) an existing file; and a folder that cannot hold it."""
    if output.is_symlink():
        raise CliError(f"--output {output} is a symbolic link; it was not followed or replaced (give a new file name)")
    if output.exists() and not output.is_file():
        what = "a folder" if output.is_dir() else "not a regular file"
        raise CliError(f"--output {output} is {what}; give a file name such as {example}")
    if output.exists() and not force:
        raise CliError(f"{shown(output)} already exists; it was not replaced (add --force to replace it, "
                       "or give another name)")
    for parent in output.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise CliError(f"cannot write {output}: {parent} is a file, not a folder")
            break


def _write(output: Path, data: bytes, replace: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename: never a half-written file. With
    ``replace=False`` the file is linked into place instead, which fails if ``output`` appeared meanwhile."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        if replace:
            os.replace(temp, output)
        else:
            os.link(temp, output)   # FileExistsError rather than replacing a file made since the check
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
