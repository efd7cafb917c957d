"""The course's GIFT reader against gift-pegjs (an independent parser, run by Node), on Moodle-written GIFT
and on every question the course exports as GIFT."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit.bank import Bank
from coursekit.exporters import gift as gift_writer
from coursekit.exporters.common import Options, entries
from coursekit.importers.gift import read
from coursekit.importers.markup import to_markdown
from coursekit.importers.quizfile import build

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PEG_TYPES = {"MC": "multichoice", "TF": "truefalse", "Short": "shortanswer", "Numerical": "numerical",
             "Matching": "matching", "Essay": "essay", "Description": "description"}
SCRIPT = """
const { parse } = require(process.argv[1]);
let text = "";
process.stdin.on("data", (d) => (text += d));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(parse(text))));
"""


def pegjs(text: str) -> list[dict]:
    node = shutil.which("node")
    module = ROOT / "node_modules" / "gift-pegjs"
    if not node or not module.is_dir():
        pytest.fail("node and gift-pegjs are needed (./test runs npm ci)")
    done = subprocess.run([node, "-e", SCRIPT, str(module)], input=text, capture_output=True, text=True,
                          timeout=60, check=True)
    return [q for q in json.loads(done.stdout) if q["type"] != "Category"]


def _restored(text: str) -> str:
    """gift-pegjs leaves an escaped sign in a matching answer as its placeholder (``\\:`` as ``&&058;``)."""
    return re.sub(r"&&(\d+);", lambda m: chr(int(m.group(1))), text)


def _stem(question: dict) -> str:
    stem = question["stem"]
    return to_markdown(stem["text"])[0] if stem["format"] == "html" else " ".join(stem["text"].split())


def _agree(ours, theirs) -> None:
    assert len(ours) == len(theirs)
    for q, peg in zip(ours, theirs):
        assert (q.name, q.qtype) == (peg["title"], PEG_TYPES[peg["type"]])
        assert q.text == _stem(peg), q.name
        if peg["type"] in ("MC", "Short"):
            assert [a.fraction > 0 for a in q.answers] == [
                (c["weight"] or 0) > 0 or (c["weight"] is None and c["isCorrect"]) for c in peg["choices"]]
        if peg["type"] == "Matching":
            assert [r for _l, r in q.pairs] == [_restored(p["subanswer"]) for p in peg["matchPairs"]]
        if peg["type"] == "TF":
            assert next(a.text for a in q.answers if a.fraction == 100) == str(peg["isTrue"]).lower()


def test_moodle_written_gift_reads_as_gift_pegjs_reads_it():
    text = (FIXTURES / "moodle-export.gift").read_text(encoding="utf-8")
    ours = [q for q in read(text.encode(), "moodle-export.gift") if q.qtype != "missing-word"]
    theirs = [q for q in pegjs(text) if q["title"] != "Missing word"]
    _agree(ours, theirs)


def test_numeric_wrong_answer_feedback_and_ranges():
    questions = read((FIXTURES / "moodle-export.gift").read_bytes(), "moodle-export.gift")
    count = next(q for q in questions if q.name == "Members count")
    assert [(a.fraction, a.text, a.feedback) for a in count.answers] == [
        (100.0, "57", "Yes, 57."), (0.0, "*", "It has 57 members.")]
    ranged = next(q for q in questions if q.name == "Founding range")
    assert (ranged.answers[0].text, ranged.answers[0].tolerance) == ("1970", 5.0)
    result = build(questions, "week-3", "part1/demo", "Imported")
    assert dict(result.unmapped) .keys() == {"Essay on cooperation", "Missing word"}


def test_every_question_the_course_exports_reads_as_gift_pegjs_reads_it():
    bank = Bank.load(ROOT, [ROOT / "exercises"])
    data = gift_writer.export(entries(bank), Options(ordering_as_matching=True)).data.decode("utf-8")
    ours = read(data.encode(), "bank.gift")
    theirs = pegjs(data)
    assert len(ours) > 150
    _agree(ours, theirs)
