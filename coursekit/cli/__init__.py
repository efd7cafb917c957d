"""The instructors' command line: ``coursekit new | check | export | import | paper | list | stats | translations |
schema``.

Exit codes: 0 success (warnings allowed), 1 problems found or refused, 2 wrong usage. No command prints a
traceback: data problems are printed as ``file:line:column: error|warning: message (fix: ...)``, and anything
unexpected as one line that says so. Each command imports what it needs when it runs, so ``--help`` and
``--version`` start without loading the schema, the bank or any widget library.
"""
from __future__ import annotations

import argparse
import sys

from .authoring import cmd_check, cmd_new, cmd_schema
from .export import cmd_export
from .imports import cmd_import
from .output import CliError
from .paper import cmd_paper
from .reports import cmd_list, cmd_stats
from .translate import cmd_translations

# ---------------------------------------------------------------- parser and entry point

def build_parser() -> argparse.ArgumentParser:
    from .. import __version__
    from ..exporters import FORMATS
    from ..kinds import SECTION_KINDS

    parser = argparse.ArgumentParser(prog="coursekit", description="Instructor tools for the course's exercises.")
    parser.add_argument("--version", action="version", version=f"coursekit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    root_help = "the course folder (with _config.yml and exercises/); default: found from here upwards"

    new = commands.add_parser("new", help="start an exercise file from a template (never overwrites)",
                              description="Create exercises/<part>/<name>/<kind>.yml from a commented template "
                                          "that already passes `coursekit check`. An existing file is never "
                                          "overwritten.")
    new.add_argument("kind", choices=[k.label for k in SECTION_KINDS])
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

    exp = commands.add_parser("export", help="export for an LMS (GIFT, Moodle XML, QTI zip, Common Cartridge, SCORM)",
                              description="Export the whole bank (default) or chosen files; `cc` and `scorm` "
                                          "also carry the built pages (run ./build first) and `scorm` writes a "
                                          "folder of packages. What a format cannot express is reported by "
                                          "item id, never dropped silently.")
    exp.add_argument("paths", nargs="*", metavar="PATH")
    exp.add_argument("--format", required=True, choices=FORMATS)
    exp.add_argument("--output", "-o", required=True, metavar="PATH", help="the file to write (a folder for scorm)")
    exp.add_argument("--force", action="store_true", help="replace an existing output file (never a link or a folder)")
    exp.add_argument("--strict", action="store_true",
                     help="fail (exit 1, nothing written) if any item cannot be expressed in the format")
    exp.add_argument("--ordering-as-matching", action="store_true",
                     help="GIFT, QTI and Common Cartridge have no ordering type: export ordering items as matching questions "
                          "(entry -> position) instead of skipping them")
    exp.add_argument("--cc-version", choices=["1.1", "1.3"], default="1.1",
                     help="Common Cartridge version (default 1.1, which every major LMS imports; Blackboard "
                          "takes 1.0-1.2 only)")
    exp.add_argument("--root", help=root_help)
    exp.set_defaults(run=cmd_export)

    imp = commands.add_parser("import", help="turn a Moodle XML or GIFT file into a new quiz file (never overwrites)",
                              description="Read a Moodle XML (.xml) or GIFT (.gift, .txt) question bank and write "
                                          "the questions the course can express as a quiz file; each question "
                                          "that does not map is listed by name with the reason. An existing "
                                          "file is never replaced.")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--output", "-o", metavar="PATH", help="the quiz file to write (default: FILE with .yml)")
    imp.add_argument("--section", help="section id, e.g. part1/science (default: from the file's section: tags)")
    imp.add_argument("--id", help="the quiz id (default: from the file's category or name)")
    imp.add_argument("--title", help="the quiz title (default: 'Imported from FILE')")
    imp.add_argument("--from", dest="source_format", choices=["moodle", "gift"],
                     help="the file's format when its suffix does not say")
    imp.set_defaults(run=cmd_import)

    pap = commands.add_parser("paper", help="print a section's quiz as PDF papers A and B with an answer key",
                              description="Write <part>-<name>-A.pdf, -B.pdf and -key.pdf: two versions that "
                                          "assess the same objectives with different items and choice order, "
                                          "room to write for free-response exercises, and a key that spells "
                                          "out the objectives. Needs Debian's chromium.")
    pap.add_argument("section", metavar="SECTION", help="section id, e.g. part1/science")
    pap.add_argument("--output", "-o", default=".", metavar="DIR", help="folder to write into (default: here)")
    pap.add_argument("--per-objective", type=int, default=2, metavar="N",
                     help="items per objective in each version (default: 2)")
    pap.add_argument("--seed", type=int, default=0, help="another seed draws other papers (default: 0)")
    pap.add_argument("--force", action="store_true", help="replace existing papers (never a link or a folder)")
    pap.add_argument("--root", help=root_help)
    pap.set_defaults(run=cmd_paper)

    lst = commands.add_parser("list", help="one line per quiz, prompts and free-response file")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    lst.add_argument("--root", help=root_help)
    lst.set_defaults(run=cmd_list)

    stats = commands.add_parser("stats", help="counts by section, item type and objective")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.add_argument("--root", help=root_help)
    stats.set_defaults(run=cmd_stats)

    tr = commands.add_parser("translations", help="update the Arabic and French catalogs of the exercise files",
                             description="Write locales/exercises.pot from every prose field of the exercise files "
                                         "and merge it into locales/<language>/LC_MESSAGES/exercises.po: every "
                                         "translation is kept, one whose English changed is marked fuzzy (to "
                                         "review), and each language's coverage is printed.")
    tr.add_argument("--language", nargs="+", metavar="CODE", help="languages to update or start (default: every "
                                                                   "language that has a catalog)")
    tr.add_argument("--pages", action="store_true", help="also refresh the pages' catalogs "
                    "(locales/<language>/LC_MESSAGES/book/): a gettext build of the current English, merged by "
                    "sphinx-intl; needs the book's environment and takes a minute")
    tr.add_argument("--root", help=root_help)
    tr.set_defaults(run=cmd_translations)

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
    except OSError as exc:   # a path the system refused: say which and why, in one line
        where = f": {exc.filename}" if exc.filename else ""
        print(f"coursekit: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback for instructors
        print(f"coursekit: internal error ({type(exc).__name__}: {exc}); please report it with the command "
              "you ran", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
