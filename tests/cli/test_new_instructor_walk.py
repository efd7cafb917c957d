"""Issue 14's Done-when walk: a new instructor with the guide open, from `coursekit new` to an LMS and back.

Each step does what the instructor does (the `coursekit` command as they type it, in their course folder)
and checks what book/instructors/add-a-question.md and papers-and-import.md promise, with the guide's
own words where it quotes a message (its table of mistakes is read from the page, so the page and the
program cannot part). In order:

1. A new quiz file for a Markdown section page and for a notebook page with no quiz cell, each shown on
   its page after a build (a copy of the fixture minibook, built once with support.book.build_book);
   a broken file then stops that build with located lines.
2. The mistakes of the guide's table, each one line at the right place (the fixture bank, fast).
3. The refusals: an export onto an existing file or a link, `new` outside the course or through a link.
4. Papers A, B and the key; import of an exported bank; the round trip.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from support.book import build_book
from tests.cli.guide import ROOT, agrees, commands
from tests.cli.test_guide_commands import result
from tests.conftest import MINIBOOK, course_copy

ADD = ROOT / "book" / "instructors" / "add-a-question.md"
LOCATED = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<text>.*)$")


def guide_says(you_did: str) -> list[str]:
    """The messages the guide's table quotes for the mistake whose row starts with ``you_did``."""
    for line in ADD.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 2 and cells[0].startswith(you_did):
            return [double or single for double, single in re.findall(r"``(.+?)``|`([^`]+)`", cells[1])]
    raise AssertionError(f"the guide's table has no row {you_did!r}")


def says(message: str, lines: list[str]) -> list[str]:
    """The printed lines that say ``message`` (the guide's ``...`` standing for any text)."""
    pattern = re.compile(".*".join(re.escape(part) for part in re.split(r"\s*\.\.\.\s*", message)))
    return [line for line in lines if pattern.search(line)]


def at(message: str, lines: list[str], path: str, line: int | None = None, severity: str = "error") -> None:
    """``message`` is printed once, as an error (or ``severity``) located in ``path`` (at ``line`` when given)."""
    found = [LOCATED.match(printed) for printed in says(message, lines)]
    assert len(found) == 1 and found[0], f"the guide says {message!r}; printed:\n" + "\n".join(lines)
    assert found[0]["path"] == path and found[0]["severity"] == severity, found[0].string
    assert line is None or int(found[0]["line"]) == line, found[0].string


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


# ---------------------------------------------------------------- 1. new files on their pages, built

@pytest.fixture(scope="module")
def walked(tmp_path_factory) -> Path:
    """The minibook with two new section pages, a Markdown one and a notebook without a quiz cell (made as
    the guide says: copy a page, list it in _toc.yml), and a quiz file for each from `coursekit new`."""
    book = tmp_path_factory.mktemp("walk") / "book"
    shutil.copytree(MINIBOOK, book, ignore=shutil.ignore_patterns("_build"))
    (book / "book" / "part1" / "notes.md").write_text("# Reading notes\n\nA Markdown page.\n", encoding="utf-8")
    notebook = json.loads((book / "book" / "part1" / "types.ipynb").read_text(encoding="utf-8"))
    notebook["cells"] = [{"cell_type": "markdown", "metadata": {}, "source": "# A page with no quiz cell"},
                         {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                          "source": "1 + 1"}]
    (book / "book" / "part1" / "bare.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    toc = (book / "_toc.yml").read_text(encoding="utf-8").rstrip()
    (book / "_toc.yml").write_text(toc + "\n  - file: book/part1/notes\n  - file: book/part1/bare\n", encoding="utf-8")
    [shown] = [c for c in commands(ADD) if c.text.startswith("coursekit new free-response --section")]
    with pytest.MonkeyPatch.context() as patch, contextlib.chdir(book):
        patch.delenv("COURSEKIT_ROOT", raising=False)
        for section in ("part1/notes", "part1/bare"):
            code, printed = result(["new", "quiz", "--section", section])
            promised = [line.replace("part1/health", section).replace("free-response.yml", "quiz.yml") for line in shown.shown]
            assert code == 0 and agrees(promised, printed) is None, printed
        code, printed = result(["check"])
        assert code == 0, printed            # "a commented template that already passes the checks"
    build = build_book(book, check=False)
    assert build.returncode == 0, build.tail()
    return book


@pytest.mark.slow   # the walk's one build
@pytest.mark.parametrize("page", ["notes.md", "bare.ipynb"])
def test_a_new_quiz_file_appears_on_its_page_whatever_the_page(walked, page):
    """"A new quiz file appears on its section's page by itself, whatever kind of page that is ... a page
    that shows no quiz gets a 'Check your understanding' quiz at its end; the page's file is not changed.\""""
    stem = Path(page).stem
    title = re.search(r'^title: "(.*)"$', (walked / "exercises" / "part1" / stem / "quiz.yml").read_text(encoding="utf-8"),
                      re.M)[1]
    html = (walked / "_build" / "html" / "book" / "part1" / f"{stem}.html").read_text(encoding="utf-8")
    assert 'data-module="quiz"' in html and title in html
    assert "Check your understanding" in html and "show_quizzes" not in html    # the added cell is not shown
    source = (walked / "book" / "part1" / page).read_text(encoding="utf-8")
    assert title not in source and "show_quizzes" not in source                  # the author's file is untouched


@pytest.mark.slow   # a second build, which stops before any page runs
def test_a_broken_file_stops_the_build_with_located_lines_and_no_traceback(walked):
    quiz = walked / "exercises" / "part1" / "notes" / "quiz.yml"
    good = quiz.read_text(encoding="utf-8")
    broken = re.sub(r"(type: true_false\n(?:    .*\n)*?    answer: )(true|false)", r"\1perhaps", good, count=1)
    assert broken != good
    quiz.write_text(broken.replace("\ntitle:", "\ntitel:"), encoding="utf-8")
    try:
        build = build_book(walked, check=False)
    finally:
        quiz.write_text(good, encoding="utf-8")
    assert build.returncode == 1
    assert "Traceback" not in build.log and "Look above for the cause" not in build.log
    lines = [line for line in build.log.splitlines() if line.startswith("exercises/part1/notes/quiz.yml:")]
    assert len(lines) == len(set(lines)) >= 2                  # each problem once
    assert any("answer: Input should be a valid boolean" in line and "(fix: write true or false)" in line for line in lines)
    assert "  read by book/part1/notes.md" in build.log.splitlines()
    assert build.log.rstrip().endswith("shows the full tracebacks)")


# ---------------------------------------------------------------- 2. the mistakes of the guide's table

@pytest.fixture
def bank(tmp_path, monkeypatch) -> Path:
    return course_copy(tmp_path, monkeypatch)


def demo(bank: Path) -> Path:
    return bank / "exercises" / "part1" / "demo" / "quiz.yml"


def checked(code: int = 1) -> list[str]:
    """What ``coursekit check`` prints, having exited with ``code`` (1: an error; 0: at most warnings)."""
    exited, printed = result(["check"])
    assert exited == code and "Traceback" not in "\n".join(printed)
    return printed


def test_a_misspelt_file_name_gets_did_you_mean(bank):
    target = bank / "exercises" / "part1" / "review" / "quizz.yml"
    target.parent.mkdir()
    target.write_text(demo(bank).read_text(encoding="utf-8").replace("part1/demo", "part1/review"), encoding="utf-8")
    [message] = guide_says("named a file `quizz.yml`")
    at(message, checked(), "exercises/part1/review/quizz.yml", 1)


def test_a_file_copied_to_another_section_names_its_folder(bank):
    target = bank / "exercises" / "part1" / "water" / "quiz.yml"
    target.parent.mkdir()
    shutil.copy(demo(bank), target)
    [message] = guide_says("copied a file to another section")
    at(message.replace("part1/science", "part1/demo"), checked(), "exercises/part1/water/quiz.yml",
       line_of(target, "section: part1/demo"))


def test_an_item_copied_into_another_file_is_named_at_the_copy(bank):
    original = demo(bank).read_text(encoding="utf-8")
    item = original[original.index("  - id: fx-single\n"):original.index("  - id: fx-select\n")]
    target = bank / "exercises" / "part1" / "review" / "quiz.yml"     # the copy, newer than the original
    target.parent.mkdir()
    target.write_text('kind: quiz\nid: review\nsection: part1/review\ntitle: "Review"\nitems:\n' + item, encoding="utf-8")
    [message] = guide_says("copied an item into another file")
    first = line_of(demo(bank), "  - id: fx-single")                 # the message names the original's line too
    expected = message.replace("sesame-opening-year", "fx-single").replace("part1/science/quiz.yml:331",
                                                                             f"part1/demo/quiz.yml:{first}")
    at(expected, checked(), "exercises/part1/review/quiz.yml", line_of(target, "  - id: fx-single"))


def test_no_correct_choice_is_named_at_the_items_choices(bank):
    text = demo(bank).read_text(encoding="utf-8")
    demo(bank).write_text(text.replace("        correct: true\n", "", 1), encoding="utf-8")
    message = guide_says("marked no choice of a single-choice item")[0]    # then: "at the item's `choices:`"
    at(message, checked(), "exercises/part1/demo/quiz.yml", line_of(demo(bank), "    choices:"))


def test_true_false_items_all_false_are_named_at_the_files_items(bank):
    original = demo(bank).read_text(encoding="utf-8")
    item = original[original.index("  - id: fx-true-false\n"):original.index("  - id: fx-numeric\n")]
    copies = "".join(item.replace("fx-true-false", f"fx-true-false-{n}") for n in (2, 3))
    demo(bank).write_text(original.replace(item, item + copies), encoding="utf-8")
    message = guide_says("wrote three true/false items in one file, all false")[0]   # then: "at the file's `items:`"
    at(message.removeprefix("warning: "), checked(code=0), "exercises/part1/demo/quiz.yml",
       line_of(demo(bank), "items:"), severity="warning")


YAML_MISTAKES = [
    # (the guide's row, a line of the fixture quiz, what the instructor wrote instead, the line reported)
    ("wrote `title: Water: a shared resource`", 'title: "Fixture quiz: every item type"',
     "title: Water: a shared resource", 4),
    ("indented a key too far", "    type: single_choice", "    type: single_choice\n      prompt: \"Which?\"", 13),
    ("indented with a tab", "objectives:", "objectives:\n\t- id: fixture-tab", 6),
    ("forgot a closing quote", 'title: "Fixture quiz: every item type"', 'title: "Fixture quiz: every item type', 4),
    ("forgot a closing quote", "    tags: [gift]", "    tags: [gift", 26),
]


@pytest.mark.parametrize(("row", "line_was", "written", "line"), YAML_MISTAKES)
def test_yaml_mistakes_are_one_line_in_the_instructors_words(bank, row, line_was, written, line):
    text = demo(bank).read_text(encoding="utf-8")
    assert text.count(f"\n{line_was}\n") == 1
    demo(bank).write_text(text.replace(f"\n{line_was}\n", f"\n{written}\n"), encoding="utf-8")
    printed = checked()
    messages = guide_says(row)
    said = [message for message in messages if says(message, printed)]
    assert len(said) == 1, f"the guide says one of {messages}; printed:\n" + "\n".join(printed)
    at(said[0], printed, "exercises/part1/demo/quiz.yml", line)
    assert len([p for p in printed if LOCATED.match(p)]) == 1       # one line, not a cascade


# ---------------------------------------------------------------- 3. the refusals

def refused(argv: list[str]) -> str:
    code, printed = result(argv)
    errors = [line for line in printed if line.startswith("coursekit: error:")]
    assert code == 1 and len(errors) == 1 and "Traceback" not in "\n".join(printed), printed
    return errors[0]


def test_an_export_onto_an_existing_file_needs_force(bank):
    (bank / "bank.xml").write_text("my own bank\n", encoding="utf-8")
    [message] = guide_says("exported over an existing file")
    assert refused(["export", "--format", "moodle-xml", "-o", "bank.xml"]) == message
    assert (bank / "bank.xml").read_text(encoding="utf-8") == "my own bank\n"
    code, printed = result(["export", "--format", "moodle-xml", "-o", "bank.xml", "--force"])
    assert code == 0 and (bank / "bank.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_an_export_onto_a_link_follows_nothing(bank, tmp_path):
    precious = tmp_path / "precious.xml"
    precious.write_text("keep me\n", encoding="utf-8")
    (bank / "bank.xml").symlink_to(precious)
    assert "symbolic link" in refused(["export", "--format", "moodle-xml", "-o", "bank.xml", "--force"])
    assert (bank / "bank.xml").is_symlink() and precious.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("fmt, output", [("cc", "course.imscc"), ("scorm", "scorm")])
def test_a_package_before_the_first_build_says_run_build(bank, fmt, output):
    """lms-moodle.md: "the export stops with 'no built site … run ./build first' otherwise"."""
    quoted = re.search(r'"(no built site[^"]*)"', (ROOT / "book" / "instructors" / "lms-moodle.md").read_text(encoding="utf-8"))
    assert says(quoted[1].replace("…", "..."), [refused(["export", "--format", fmt, "-o", output])])
    assert not (bank / output).exists()


def test_new_outside_the_course_writes_nothing(tmp_path, monkeypatch):
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    [message] = guide_says("ran `coursekit new` in a folder that is not the course")
    assert says(message, [refused(["new", "quiz", "--section", "part1/water"])])
    assert list(elsewhere.iterdir()) == []


def test_new_through_a_link_outside_the_course_writes_nothing(bank, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, bank / "exercises" / "part7")
    [message] = guide_says("ran `coursekit new` for a section whose folder is a link")
    assert says(message, [refused(["new", "quiz", "--section", "part7/intro"])])
    assert list(outside.iterdir()) == []


# ---------------------------------------------------------------- 4. papers, import, round trip

def test_papers_a_b_and_the_key_and_never_over_them(bank):
    code, printed = result(["paper", "part1/demo", "--output", "papers"])
    assert code == 0, printed
    names = ["part1-demo-A.pdf", "part1-demo-B.pdf", "part1-demo-key.pdf"]
    assert printed[-1].startswith("wrote " + ", ".join(f"papers/{name}" for name in names) + ": ")
    assert all((bank / "papers" / name).read_bytes().startswith(b"%PDF") for name in names)
    assert "already exists" in refused(["paper", "part1/demo", "--output", "papers"])   # "not replaced unless --force"
    assert result(["paper", "part1/demo", "--output", "papers", "--force"])[0] == 0


@pytest.mark.parametrize("fmt, suffix, extra", [("moodle-xml", "xml", []), ("gift", "gift", ["--section", "part1/demo"])])
def test_import_and_the_round_trip(bank, fmt, suffix, extra):
    """Export, import, check, export again: the same questions (papers-and-import.md's promise)."""
    first = ["export", "exercises/part1/demo/quiz.yml", "--format", fmt, "--ordering-as-matching", "-o", f"one.{suffix}"]
    code, printed = result(first)
    assert code == 0, printed
    code, printed = result(["import", f"one.{suffix}", *extra, "--output", "imported.yml"])
    assert code == 0 and printed[-1].startswith("wrote imported.yml: "), printed
    assert "import never replaces" in refused(["import", f"one.{suffix}", *extra, "--output", "imported.yml"])
    code, printed = result(["check", "imported.yml"])
    assert code == 0, printed
    again = [first[0], "imported.yml", *first[2:-1], f"two.{suffix}"]
    code, printed = result(again)
    assert code == 0, printed
    one, two = ((bank / name).read_text(encoding="utf-8") for name in (f"one.{suffix}", f"two.{suffix}"))
    question = r"<name>\s*<text>(.*?)</text>" if fmt == "moodle-xml" else r"^::(.*?)::"
    names = [re.findall(question, text, re.M | re.S) for text in (one, two)]
    assert names[0] and names[0] == names[1]
