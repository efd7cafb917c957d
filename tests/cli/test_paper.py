"""`coursekit paper SECTION` as an instructor runs it: PDFs read back with pdftotext (poppler-utils)."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit.cli import main

ROOT = Path(__file__).resolve().parents[2]
SECTION = "part1/science"


def text_of(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if not tool:
        pytest.fail("pdftotext is needed (./test installs poppler-utils)")
    return subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is needed (./test installs it)")
    folder = tmp_path_factory.mktemp("papers")
    assert main(["paper", SECTION, "--output", str(folder), "--root", str(ROOT)]) == 0
    return {name: text_of(folder / f"part1-science-{name}.pdf") for name in ("A", "B", "key")}, folder


def _numbered(text: str) -> list[str]:
    """The first line of each numbered question."""
    return [" ".join(m.group(1).split()) for m in re.finditer(r"^\s*\d+\.\s+(.+)$", text, re.M)]


def test_three_pdfs_each_version_named(papers):
    texts, folder = papers
    assert sorted(p.name for p in folder.iterdir()) == ["part1-science-A.pdf", "part1-science-B.pdf",
                                                        "part1-science-key.pdf"]
    assert "Version A" in texts["A"] and "Version B" in texts["B"] and "Answer key" in texts["key"]
    assert "Name:" in texts["A"] and "Date:" in texts["A"]


def test_versions_differ_in_draw_but_assess_the_same_objectives(papers):
    texts, _ = papers
    assert _numbered(texts["A"]) != _numbered(texts["B"])
    key = texts["key"]
    version_a, version_b = key.split("Version B")
    version_a = version_a.split("Version A")[1]
    found = [set(re.findall(r"\((science-[a-z-]+)\)", " ".join(part.split()))) for part in (version_a, version_b)]
    assert found[0] == found[1] == {"science-institutions", "science-agenda", "science-sesame", "science-claims"}


def test_the_key_spells_out_every_objective(papers):
    texts, _ = papers
    key = " ".join(texts["key"].split())
    from coursekit.schema.validate import load

    quiz = load(ROOT / "exercises" / SECTION / "quiz.yml")
    for objective in quiz.objectives:
        assert f"{objective.id}: {' '.join(objective.text.split())}" in key


def test_space_to_write_for_free_response_and_no_answers_on_the_paper(papers):
    texts, _ = papers
    for name in ("A", "B"):
        assert "Written answers" in texts[name] and texts[name].count("Write your answer in the space below.") == 2
        assert "Answer key" not in texts[name] and "Points a good answer makes" not in texts[name]
    assert texts["key"].count("Points a good answer makes") == 4   # both versions


def test_each_writing_exercise_has_its_checklist_under_the_writing_space(papers):
    from coursekit.schema.validate import load

    exercises = load(ROOT / "exercises" / SECTION / "free-response.yml").exercises
    texts, _ = papers
    for name in ("A", "B"):
        flat = " ".join(texts[name].split())
        writing = flat[flat.index("Written answers"):]
        assert writing.count("A good answer…") == len(exercises) == 2
        for exercise in exercises:
            space = writing.index("Write your answer in the space below.")
            heading = writing.index("A good answer…")
            assert space < heading                     # under the ruled lines, not above them
            for point in exercise.criteria:
                assert " ".join(point.split()) in writing[heading:], point
            assert " ".join(exercise.model_answer.split()[:12]) not in flat
            writing = writing[heading + 1:]


def test_choice_order_differs_between_versions():
    from coursekit.questions import TYPES
    from coursekit.schema.validate import load

    quiz = load(ROOT / "exercises" / SECTION / "quiz.yml")
    item = next(i for i in quiz.items if i.type == "single_choice" and len(i.choices) >= 4)
    shown = {TYPES[item.type].paper(item, random.Random(f"{SECTION}:0:{v}:{item.id}")) for v in "AB"}
    assert len(shown) == 2


def test_existing_papers_are_not_replaced_without_force(papers, capsys):
    _, folder = papers
    before = (folder / "part1-science-A.pdf").read_bytes()
    code, _, err = run(capsys, "paper", SECTION, "--output", str(folder), "--root", str(ROOT))
    assert code == 1 and "already exists; it was not replaced" in err and err.count("\n") == 1
    assert (folder / "part1-science-A.pdf").read_bytes() == before


@pytest.mark.parametrize("argv, message", [
    (["paper", "science"], "is not 'part/name'"),
    (["paper", "part9/nowhere"], "has no quiz file"),
    (["paper", SECTION, "--per-objective", "0"], "give 1 or more"),
])
def test_refusals_are_one_line(capsys, tmp_path, argv, message):
    code, _, err = run(capsys, *argv, "--output", str(tmp_path), "--root", str(ROOT))
    assert code == 1 and message in err and err.count("\n") == 1
    assert not list(tmp_path.iterdir())
