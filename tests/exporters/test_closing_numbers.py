"""The course in every LMS format, counted: what goes in, what comes out, and what each format cannot carry.

"In" is the course itself (the student edition's pages in ``_toc.yml``, and ``exercises/``); "out" is
counted by reading each exported file back, not from the exporter's report: GIFT blocks and categories,
Moodle XML questions and categories, QTI assessments and items, the cartridge's resources by type and the
items in its assessments, and for SCORM the course package's page items and the quizzes each launch page
announces to the bridge (``data-quizzes``), with every item of those quizzes present in the page.
Questions are quiz items; free-response exercises are counted as assignments, which the question formats
carry as essay questions. The table is printed, with each export's own warnings and notes: what it
cannot carry, or carries differently.
"""
from __future__ import annotations

import contextlib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from coursekit.bank import Bank
from coursekit.cli import main
from coursekit.course import Course
from tests.conftest import ROOT

COLUMNS = ("pages", "quizzes", "questions", "topics", "assignments")
FORMATS = {"gift": "bank.gift", "moodle-xml": "bank.xml", "qti": "bank.zip", "cc": "course.imscc", "scorm": "scorm"}
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def _in() -> dict[str, int]:
    bank = Bank.load(ROOT)
    return {"pages": sum(len(pages) for _c, pages in Course(ROOT).parts),
            "quizzes": len(bank.of_kind("quiz")),
            "questions": sum(len(m.items) for _p, m in bank.of_kind("quiz")),
            "topics": sum(len(m.prompts) for _p, m in bank.of_kind("prompts")),
            "assignments": sum(len(m.exercises) for _p, m in bank.of_kind("free_response"))}


def _gift(path: Path) -> dict[str, int]:
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    questions = [b for b in blocks if b.splitlines()[-1].startswith("::")]
    essays = [b for b in questions if b.rstrip().endswith("{}")]
    categories = [b for b in blocks if b.startswith("$CATEGORY:") and not b.rstrip().endswith("-writing")]
    return {"quizzes": len(categories), "questions": len(questions) - len(essays), "assignments": len(essays)}


def _moodle(path: Path) -> dict[str, int]:
    questions = ET.parse(path).getroot().findall("question")
    kinds = [q.get("type") for q in questions]
    categories = [q.findtext("category/text") for q in questions if q.get("type") == "category"]
    return {"quizzes": sum(not c.endswith("-writing") for c in categories),
            "questions": len(kinds) - kinds.count("category") - kinds.count("essay"),
            "assignments": kinds.count("essay")}


def _items(doc: ET.Element) -> tuple[int, int]:
    """(quiz items, essay items) of one QTI file."""
    items = doc.iter(f"{QTI}item")
    essay = sum(any(f.findtext(f"{QTI}fieldentry") == "essay_question" for f in i.iter(f"{QTI}qtimetadatafield"))
                for i in doc.iter(f"{QTI}item"))
    return sum(1 for _ in items) - essay, essay


def _qti(path: Path) -> dict[str, int]:
    counts = dict.fromkeys(("quizzes", "questions", "assignments"), 0)
    with zipfile.ZipFile(path) as archive:
        for resource in ET.fromstring(archive.read("imsmanifest.xml")).iter():
            if resource.get("type") == "imsqti_xmlv1p2":
                doc = ET.fromstring(archive.read(next(iter(resource)).get("href")))
                questions, essays = _items(doc)
                counts["quizzes"] += bool(questions)
                counts["questions"] += questions
                counts["assignments"] += essays
    return counts


def _cc(path: Path) -> dict[str, int]:
    counts = dict.fromkeys(COLUMNS, 0)
    with zipfile.ZipFile(path) as archive:
        for resource in ET.fromstring(archive.read("imsmanifest.xml")).iter():
            kind, href = resource.get("type") or "", resource.get("href") or ""
            if kind == "webcontent" and href.startswith("web_resources/book/") and href.endswith(".html"):
                counts["pages"] += 1
            elif kind.endswith("/assessment"):
                counts["quizzes"] += 1
                counts["questions"] += _items(ET.fromstring(archive.read(next(iter(resource)).get("href"))))[0]
            elif kind.startswith("imsdt"):
                counts["topics"] += 1
            elif kind.startswith("assignment"):
                counts["assignments"] += 1
    return counts


def _scorm(folder: Path) -> dict[str, int]:
    bank = Bank.load(ROOT)
    items = {m.id: [i.id for i in m.items] for _p, m in bank.of_kind("quiz")}
    counts = dict.fromkeys(COLUMNS, 0)
    with zipfile.ZipFile(folder / "course.zip") as archive:
        root = ET.fromstring(archive.read("imsmanifest.xml"))
        counts["pages"] = sum(1 for node in root.iter() if node.tag.endswith("}item") and node.get("identifierref"))
        for name in archive.namelist():
            if not name.endswith(".html"):
                continue
            page = archive.read(name).decode("utf-8")
            for announced in re.findall(r'coursekit-scorm\.js" data-sco="[^"]*" data-quizzes="([^"]*)"', page):
                for quiz in (pair.split(":")[0] for pair in announced.split(",")):
                    counts["quizzes"] += 1
                    counts["questions"] += sum(item in page for item in items[quiz])
    return counts


READERS = {"gift": _gift, "moodle-xml": _moodle, "qti": _qti, "cc": _cc, "scorm": _scorm}


@pytest.fixture(scope="module")
def exported(site, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Each format's output and what it printed on stderr (its warnings and notes)."""
    out = tmp_path_factory.mktemp("closing")
    found = {}
    for fmt, name in FORMATS.items():
        extra = ["--cc-version", "1.3"] if fmt == "cc" else []
        with contextlib.redirect_stdout(io.StringIO()) as said, contextlib.redirect_stderr(io.StringIO()) as err:
            assert main(["export", "--format", fmt, "--root", str(ROOT), *extra, "-o", str(out / name)]) == 0
        found[fmt] = (out / name, said.getvalue(), err.getvalue())
    return found


def _cannot(err: str) -> list[str]:
    """The export's warnings and notes, without their item lists."""
    lines = [line.split(": ", 1)[1] for line in err.splitlines() if line.startswith(("warning: ", "note: "))]
    return [re.sub(r"(; skipped)? \(\d+\): .*$", "", line) for line in lines]


def test_closing_numbers(exported, capsys):
    given = _in()
    bank = Bank.load(ROOT)
    ordering = sum(i.type == "ordering" for _p, m in bank.of_kind("quiz") for i in m.items)
    none = dict.fromkeys(COLUMNS, 0)
    expected = {
        "gift": {**none, "quizzes": given["quizzes"], "questions": given["questions"] - ordering,
                 "assignments": given["assignments"]},
        "moodle-xml": {**none, "quizzes": given["quizzes"], "questions": given["questions"],
                       "assignments": given["assignments"]},
        "qti": {**none, "quizzes": given["quizzes"], "questions": given["questions"] - ordering,
                "assignments": given["assignments"]},
        "cc": {**given, "questions": given["questions"] - ordering},
        "scorm": {**given, "topics": 0, "assignments": 0}}
    found = {fmt: {**none, **READERS[fmt](path)} for fmt, (path, _said, _err) in exported.items()}
    rows = [f"{'format':12}" + "".join(f"{c:>13}" for c in COLUMNS), f"{'in':12}" + "".join(f"{given[c]:>13}" for c in COLUMNS)]
    rows += [f"{fmt:12}" + "".join(f"{found[fmt][c]:>13}" for c in COLUMNS) for fmt in FORMATS]
    for fmt, (_path, _said, err) in exported.items():
        rows += [f"{fmt}: what it cannot carry, or carries differently"] + [f"  - {line}" for line in _cannot(err)]
    with capsys.disabled():
        print("\n\nClosing numbers (the course, in and out of each LMS format)\n" + "\n".join(rows))
    assert found == expected
    holds = re.search(r"holds (\d+) pages, (\d+) quizzes, (\d+) questions, (\d+) discussion topics, (\d+) assignments",
                      exported["cc"][1])
    assert holds and tuple(map(int, holds.groups())) == tuple(found["cc"][c] for c in COLUMNS)
