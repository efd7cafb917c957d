"""Every command the instructor guide shows runs, in a copy of the course, and prints what the page shows.

The commands are read from the pages (tests/cli/guide.py): each page's commands run in page order in one
fresh copy of the course, as an instructor working down the page would. A console block's ``$`` command
must exit as its output says (1 when it shows an error or a refusal, else 0) and print the lines shown,
compared with the live output (counts included, so a page cannot drift from the bank; only the line and
column numbers of problem lines are masked, as they move whenever an item is added above them). An
inline command must exit 0. The only edits between commands are the ones the page itself tells the
reader to make (EDITS). Commands that are not `coursekit` (``./build``, ``./test``) are mapped in
ELSEWHERE to the test that does what they do: the book builds are the suite's shared builds.
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from coursekit.cli import build_parser, main
from support.book import build_book
from tests.cli import guide
from tests.cli.guide import ROOT, Command, agrees, commands, fenced_blocks

GUIDE = ROOT / "book" / "instructors"
ADD = GUIDE / "add-a-question.md"
SITE_FORMATS = {"cc", "scorm"}        # exports that package the built site (./build first)
# What each command that is not `coursekit` does, and the test that does it.
ELSEWHERE = {
    ("./build",): "tests/conftest.py::site (the student edition, ./build's own build, reused when current)",
    ("./build", "--instructor"): "tests/conftest.py::instructor_site (the instructor edition in _build/instructor)",
    ("./test",): "the suite itself",
}


def result(argv: list[str]) -> tuple[int, list[str]]:
    """Exit code and printed lines of ``coursekit argv``, stdout and stderr in the order a terminal shows them."""
    stream = io.StringIO()
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        try:
            code = main(argv)
        except SystemExit as exc:          # argparse: wrong usage
            code = exc.code
    return code, stream.getvalue().splitlines()


EXPORTS: dict[tuple[str, ...], tuple[int, list[str], Path]] = {}


def exported(command: Command, output: Path, cache: Path) -> tuple[int, list[str]]:
    """An export of the unchanged course, run once for all the pages that show it (the LMS pages repeat
    the same few; a SCORM export takes most of a minute): later pages get a copy of what it wrote."""
    key = tuple(command.argv)
    if key not in EXPORTS:
        code, printed = result(command.argv[1:])
        kept = cache / str(len(EXPORTS)) / output.name
        if code == 0:
            kept.parent.mkdir(parents=True)
            (shutil.copytree if output.is_dir() else shutil.copy)(output, kept)
        EXPORTS[key] = code, printed, kept
        return code, printed
    code, printed, kept = EXPORTS[key]
    if code == 0:
        (shutil.copytree if kept.is_dir() else shutil.copy)(kept, output)
    return code, printed


@pytest.fixture(scope="module")
def export_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("exports")


def parsed(command: Command):
    """The command's arguments as coursekit reads them, or None when argparse refuses them."""
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            return build_parser().parse_args(command.argv[1:])
        except SystemExit:
            return None


def is_name_only(command: Command) -> bool:
    """`coursekit new` or `coursekit new quiz` in a sentence names a command; it is not one to run. Such a
    span gives no option: a span with options that coursekit refuses is a mistake in the page."""
    return not any(token.startswith("-") for token in command.argv)


def copy_course(target: Path, site: Path | None) -> Path:
    for name in ("_config.yml", "_toc.yml"):   # with their dates: the site linked below was built from them
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "exercises", target / "exercises")
    shutil.copytree(ROOT / "book", target / "book", ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    if site is not None:
        (target / "_build").mkdir()
        (target / "_build" / "html").symlink_to(site)   # the packages read the built site, never write it
    return target


# ---------------------------------------------------------------- the edits the pages ask for

def snippet(page: Path) -> str:
    # the question to add (the page's other YAML block shows a writing exercise's criteria)
    [(_, _, lines)] = [block for block in fenced_blocks(page.read_text(encoding="utf-8"))
                       if block[0] == "yaml" and any("type: numeric" in line for line in block[2])]
    return "\n".join(lines) + "\n"


def add_the_question(course: Path, typo: bool) -> None:
    """Step 2 of add-a-question.md: the page's YAML at the end of the science quiz's items, first as shown
    (objective `science-sesam`, mistyped), then as step 3 corrects it (`science-sesame`)."""
    quiz = course / "exercises" / "part1" / "science" / "quiz.yml"
    original = (ROOT / "exercises" / "part1" / "science" / "quiz.yml").read_text(encoding="utf-8")
    text = snippet(ADD) if typo else snippet(ADD).replace("science-sesam]", "science-sesame]")
    assert text != snippet(ADD) or typo, "the page's typo is no longer in its snippet"
    quiz.write_text(original.rstrip("\n") + "\n" + text, encoding="utf-8")


# page -> {(command, occurrence on the page): edit made before it}
EDITS = {ADD: {("coursekit check", 1): lambda course: add_the_question(course, typo=True),
               ("coursekit check", 2): lambda course: add_the_question(course, typo=False)}}


# ---------------------------------------------------------------- the pages

def needs_site(page: Path) -> bool:
    return any((args := parsed(c)) is not None and getattr(args, "format", None) in SITE_FORMATS
               for c in commands(page) if c.argv[:1] == ["coursekit"])


def builds_catalogs(page: Path) -> bool:
    """The page refreshes the pages' catalogs (``coursekit translations --pages``: a gettext build)."""
    return any(c.argv[:2] == ["coursekit", "translations"] and "--pages" in c.argv for c in commands(page))


PAGES = [page for page in guide.PAGES if commands(page)]
# add-a-question.md, the longest walk (the whole course's bank read at each of its eight checks), is walked
# in test_guide_add_a_question.py, so that another xdist worker can run it while this file walks the rest
WALKED_HERE = [page for page in PAGES if page != ADD]


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name, marks=[pytest.mark.slow] if needs_site(p) or
                                               builds_catalogs(p) else [])
                                  for p in WALKED_HERE])
def test_every_command_of_the_page_runs_and_prints_what_the_page_shows(page, tmp_path, monkeypatch, request,
                                                                       export_cache):
    walk(page, tmp_path, monkeypatch, request, export_cache)


def walk(page: Path, tmp_path: Path, monkeypatch, request, export_cache: Path) -> None:
    """Run the page's commands in page order in a fresh copy of the course (see the module docstring)."""
    site = request.getfixturevalue("site") if needs_site(page) else None
    course = copy_course(tmp_path, site)
    monkeypatch.chdir(course)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    seen: dict[str, int] = {}
    written: set[Path] = set()
    pristine = True   # the copy is still the course as it is: an export gives what it gave on another page
    for command in commands(page):
        seen[command.text] = seen.get(command.text, 0) + 1
        if command.argv[:1] != ["coursekit"]:
            assert tuple(command.argv) in ELSEWHERE or command.shown, \
                f"{command}: not a coursekit command; map it in ELSEWHERE to the test that runs it"
            continue   # a build that shows output is replayed by the test below
        args = parsed(command)
        if args is None:
            assert is_name_only(command), f"{command}: coursekit refuses these arguments"
            continue
        edit = EDITS.get(page, {}).get((command.text, seen[command.text]))
        if edit is not None:
            edit(course)
        pristine = pristine and edit is None and args.command == "export"
        output = Path(args.output) if getattr(args, "output", None) and args.command != "paper" else None
        if output is not None and output.absolute() in written:
            # the page shows the same file written twice; the instructor moved the first one away
            shutil.rmtree(output) if output.is_dir() else output.unlink()
            written.discard(output.absolute())
        if pristine and output is not None:
            code, printed = exported(command, output, export_cache)
        else:
            code, printed = result(command.argv[1:])
        expected = 1 if any(re.match(r"coursekit: (error|--strict)|FAILED: ", line) for line in command.shown) else 0
        assert code == expected, f"{command}: exit {code}, the page implies {expected}:\n" + "\n".join(printed)
        if command.shown:
            problem = agrees(command.shown, printed)
            assert problem is None, f"{command}: {problem}\nthe page:\n" + "\n".join(command.shown) \
                + "\nprinted:\n" + "\n".join(printed)
        if output is not None and code == 0:
            written.add(output.absolute())


def test_what_runs_elsewhere_is_there():
    """Each mapped command names a test file and the fixture or test in it that does what the command does."""
    for mapped in ELSEWHERE.values():
        if "::" in mapped:
            path, name = mapped.split(" ")[0].split("::")
            assert re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), mapped


def test_every_page_of_the_guide_was_read():
    """The guide's pages that show commands are the ones this test walks: none is skipped unnoticed."""
    names = {page.name for page in PAGES}
    assert ADD in PAGES and set(WALKED_HERE) == set(PAGES) - {ADD}   # each page walked here or in its own file
    assert {"add-a-question.md", "exporting.md", "papers-and-import.md", "README.md", "quiz.yml"} <= names
    texts = [c.text for page in PAGES for c in commands(page)]
    for command in ("coursekit new free-response --section part1/health", "coursekit paper part1/science --output papers",
                    "coursekit export --format cc -o course.imscc", "coursekit check science-imported.yml"):
        assert command in texts


@pytest.mark.slow   # starts a build (it stops before any page runs)
def test_a_broken_file_stops_the_build_as_the_guide_shows(tmp_path):
    """add-a-question.md's failing ``./build``: the mistake its text names (``answer: perhaps`` in a
    true/false item), made in the science quiz of a copy of the course, and the build's own output."""
    [build] = [c for c in commands(ADD) if c.argv == ["./build"] and c.shown]
    course = copy_course(tmp_path, None)
    quiz = course / "exercises" / "part1" / "science" / "quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    first = re.search(r"(    type: true_false\n(?:    (?!answer:).*\n)*?    answer: )(true|false)\n", text)
    assert first, "the science quiz has no true/false item to break"
    quiz.write_text(text[:first.start(2)] + "perhaps\n" + text[first.end():], encoding="utf-8")
    done = build_book(course, check=False)
    assert done.returncode == 1, done.tail()
    # reported once, before any language edition starts (not once by each edition that read the file)
    printed = [line for line in done.log.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(printed) if line.startswith("exercises/"))
    problem = agrees(build.shown, printed[start:])
    assert problem is None, f"{build}: {problem}\n" + "\n".join(printed[start:])
