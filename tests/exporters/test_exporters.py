"""LMS exports of the fixture bank, each read back by an independent reader.

GIFT: read by a small reader written here from Moodle's documented GIFT rules (qformat_gift): blocks split
on blank lines, ``//`` comments dropped, escapes (\\~ \\= \\# \\{ \\} \\: \\n) replaced before parsing, the answer
section between the first ``{`` and ``}``, general feedback after the last ``####``, the question type decided
as Moodle does. (pygiftparser, the only GIFT parser on PyPI, was last released in 2017 and rejects
numerical questions with wrong-answer feedback ``~#...``, which Moodle itself accepts; so it is not used.)
Moodle XML: xml.etree. QTI: zipfile + xml.etree.
"""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import course_copy

from coursekit.bank import Bank
from coursekit.cli import main
from coursekit.exporters.common import entries, multiple_select_fractions
from coursekit.schema.markdown import to_html
from coursekit.scoring import score

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bank"
QUIZ_IDS = ["fx-single", "fx-select", "fx-select-strict", "fx-true-false", "fx-numeric", "fx-numeric-decimal",
            "fx-ordering", "fx-matching", "fx-short"]
ALL_IDS = QUIZ_IDS + ["fx-essay"]
NO_ORDERING = [i for i in ALL_IDS if i != "fx-ordering"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    loaded = Bank.load(FIXTURE)
    assert not loaded.errors, loaded.errors
    return loaded


@pytest.fixture(scope="module")
def items(bank) -> dict:
    return {e.id: e.item for e in entries(bank)}


@pytest.fixture
def course(tmp_path, monkeypatch):
    return course_copy(tmp_path, monkeypatch)


def export(capsys, fmt: str, output: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["export", "--format", fmt, "--output", str(output), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# ---------------------------------------------------------------- an independent GIFT reader

_ESCAPES = {"\\:": "\x01", "\\#": "\x02", "\\=": "\x03", "\\{": "\x04", "\\}": "\x05", "\\~": "\x06", "\\n": "\x07"}
_BACK = {"\x01": ":", "\x02": "#", "\x03": "=", "\x04": "{", "\x05": "}", "\x06": "~", "\x07": "\n"}


def _unescape(text: str) -> str:
    for key, value in _BACK.items():
        text = text.replace(key, value)
    return text.replace("&#92;", "\\").strip()


def _split_feedback(text: str) -> tuple[str, str]:
    answer, _, feedback = text.partition("#")
    return _unescape(answer), _unescape(feedback)


def _weight(text: str) -> tuple[float | None, str]:
    match = re.match(r"^%(-?\d+(?:\.\d+)?)%", text)
    return (float(match.group(1)), text[match.end():]) if match else (None, text)


def read_gift(text: str) -> list[dict]:
    questions, category = [], None
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.splitlines() if not line.strip().startswith("//")]
        body = "\n".join(lines).strip()
        if not body:
            continue
        for key, value in _ESCAPES.items():
            body = body.replace(key, value)
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:"):].strip()
            continue
        assert body.startswith("::"), body[:80]
        name, body = body[2:].split("::", 1)
        start, end = body.index("{"), body.index("}")
        assert end == len(body) - 1, f"{name}: text after the answers"
        answers = body[start + 1:end].strip()
        general = ""
        if "####" in answers:
            cut = answers.rindex("####")
            answers, general = answers[:cut].strip(), answers[cut + 4:]
        q = {"name": _unescape(name), "category": category, "text": _unescape(body[:start]),
             "general": _unescape(general), "answers": []}
        if answers == "":
            q["type"] = "essay"
        elif answers.startswith("#"):
            q["type"] = "numerical"
            right, _, wrong = answers[1:].partition("~")
            for part in filter(None, (p.strip() for p in right.split("="))):
                value, feedback = _split_feedback(part)
                number, _, tolerance = value.partition(":")
                q["answers"].append({"value": float(number), "tolerance": float(tolerance or 0), "feedback": feedback})
            q["wrong_feedback"] = _split_feedback(wrong.strip())[1] if wrong else ""
        elif "~" in answers:
            q["type"] = "multichoice"
            q["single"] = "=" in answers
            for part in filter(None, (p.strip() for p in answers.replace("=", "~=").split("~"))):
                if part.startswith("="):
                    weight, part = 100.0, part[1:]
                else:
                    weight, part = _weight(part)
                    weight = weight or 0.0
                value, feedback = _split_feedback(part)
                q["answers"].append({"text": value, "weight": weight, "feedback": feedback})
        elif "=" in answers and "->" in answers:
            q["type"] = "matching"
            for part in filter(None, (p.strip() for p in answers.split("="))):
                left, right = part.split("->", 1)
                q["answers"].append({"left": _unescape(left), "right": _unescape(right)})
        elif answers.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
            q["type"] = "truefalse"
            bits = (answers.split("#", 2) + ["", ""])[:3]
            q["answer"] = bits[0].strip() in ("T", "TRUE")
            q["wrong_feedback"], q["right_feedback"] = _unescape(bits[1]), _unescape(bits[2])
        else:
            q["type"] = "shortanswer"
            for part in filter(None, (p.strip() for p in answers.split("="))):
                weight, part = _weight(part)
                value, feedback = _split_feedback(part)
                q["answers"].append({"text": value, "weight": 100.0 if weight is None else weight, "feedback": feedback})
        questions.append(q)
    return questions


def _moodle_score(weights: list[float], picked: tuple[int, ...]) -> float:
    return min(max(sum(weights[i] for i in picked), 0.0), 100.0) / 100


# ---------------------------------------------------------------- GIFT

def test_gift_round_trip(course, capsys, items, tmp_path):
    output = tmp_path / "out" / "bank.gift"
    code, out, err = export(capsys, "gift", output)
    assert code == 0, err
    assert "9 question(s)" in out and "1 skipped" in out
    assert "ordering items cannot be expressed in GIFT" in err and "fx-ordering" in err
    assert "hints have no place in GIFT" in err and "fx-single" in err

    questions = read_gift(output.read_text(encoding="utf-8"))
    by_name = {q["name"]: q for q in questions}
    assert [q["name"] for q in questions] == NO_ORDERING
    assert {q["category"] for q in questions} == {"$course$/fixture-demo", "$course$/part1-demo-writing"}

    single = by_name["fx-single"]
    assert single["text"] == "[html]" + to_html(items["fx-single"].prompt)        # ~ = # { } : survive
    assert single["type"] == "multichoice" and single["single"]
    assert [a["weight"] for a in single["answers"]] == [100, 0, 0]
    assert [a["feedback"] for a in single["answers"]] == [to_html(c.feedback) for c in items["fx-single"].choices]
    assert [a["text"] for a in single["answers"]] == [to_html(c.text, inline=True) for c in items["fx-single"].choices]
    assert single["general"] == to_html(items["fx-single"].explanation)
    assert '<img src="./signs.png" alt="a diagram of signs"' in single["general"]

    for name in ("fx-select", "fx-select-strict"):
        q, item = by_name[name], items[name]
        assert q["type"] == "multichoice" and not q["single"]
        weights = [a["weight"] for a in q["answers"]]
        right = sum(c.correct for c in item.choices)
        assert weights == pytest.approx([(100 if c.correct else -100) / right for c in item.choices], abs=1e-4)
        assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-3)
        assert all(a["feedback"] for a in q["answers"])
    select = items["fx-select"]
    weights = [a["weight"] for a in by_name["fx-select"]["answers"]]
    for size in range(len(select.choices) + 1):
        for picked in itertools.combinations(range(len(select.choices)), size):
            assert _moodle_score(weights, picked) == pytest.approx(score(select, list(picked)), abs=1e-4)
    assert "all_or_nothing" in err and "fx-select-strict" in err

    tf = by_name["fx-true-false"]
    assert tf["type"] == "truefalse" and tf["answer"] is False
    assert tf["right_feedback"] == to_html(items["fx-true-false"].feedback.correct)
    assert tf["wrong_feedback"] == to_html(items["fx-true-false"].feedback.incorrect)

    numeric = by_name["fx-numeric"]
    assert numeric["type"] == "numerical"
    assert numeric["answers"] == [{"value": 1969, "tolerance": 1, "feedback": to_html("Correct: 1969, after the Rabat summit.")}]
    assert numeric["wrong_feedback"] == to_html("It was 1969.")
    assert "Unit: year" in numeric["text"]
    assert by_name["fx-numeric-decimal"]["answers"][0]["value"] == 0.25
    assert by_name["fx-numeric-decimal"]["answers"][0]["tolerance"] == 0.01

    matching = by_name["fx-matching"]
    assert matching["type"] == "matching"
    assert [(a["left"], a["right"]) for a in matching["answers"]] == [
        ("COMSTECH", "Islamabad"), ("ICESCO", "Rabat"), ("<em>SESRIC</em>", "Ankara")]
    assert "All pairs right." in matching["general"] and "Islamabad, Rabat, Ankara." in matching["general"]

    short = by_name["fx-short"]
    assert short["type"] == "shortanswer"
    texts = [a["text"] for a in short["answers"]]
    assert texts[:3] == list(items["fx-short"].accepted) and "al munazzama" in texts
    assert short["answers"][-1] == {"text": "*", "weight": 0.0, "feedback": to_html(items["fx-short"].feedback.incorrect)}

    assert by_name["fx-essay"]["type"] == "essay"


def test_gift_escaping_of_every_special_character():
    from coursekit.exporters.gift_syntax import escape
    text = "a~b=c#d{e}f:g\\h\nline"
    escaped = escape(text)
    assert escaped == "a\\~b\\=c\\#d\\{e\\}f\\:g&\\#92;h\\nline"   # the entity's # is escaped too
    for key, value in _ESCAPES.items():
        escaped = escaped.replace(key, value)
    assert not set("~=#{}:") & set(escaped)
    assert _unescape(escaped) == text


def test_gift_ordering_as_matching(course, capsys, tmp_path):
    output = tmp_path / "bank.gift"
    code, out, err = export(capsys, "gift", output, "--ordering-as-matching")
    assert code == 0 and "skipped" not in out
    questions = {q["name"]: q for q in read_gift(output.read_text(encoding="utf-8"))}
    assert set(questions) == set(ALL_IDS)
    ordering = questions["fx-ordering"]
    assert ordering["type"] == "matching"
    assert [a["right"] for a in ordering["answers"]] == ["Position 1", "Position 2", "Position 3"]
    assert ordering["answers"][0]["left"] == "First: the summit"
    assert "exported as matching" in err


def test_strict_refuses_and_writes_nothing(course, capsys, tmp_path):
    for fmt in ("gift", "qti"):
        output = tmp_path / f"strict-{fmt}"
        code, _, err = export(capsys, fmt, output, "--strict")
        assert code == 1 and "--strict" in err and "fx-ordering" in err
        assert not output.exists()
    code, _, _ = export(capsys, "moodle-xml", tmp_path / "strict.xml", "--strict")   # Moodle XML skips nothing
    assert code == 0


def test_export_chosen_files(course, capsys, tmp_path):
    output = tmp_path / "essay.xml"
    code = main(["export", "--format", "moodle-xml", "--output", str(output), "exercises/part1/demo/free-response.yml"])
    out, _ = capsys.readouterr()
    assert code == 0 and "1 question(s)" in out
    questions = [q for q in ET.parse(output).getroot() if q.get("type") != "category"]
    assert [q.findtext("name/text") for q in questions] == ["fx-essay"]


def test_export_refuses_an_invalid_bank(course, capsys, tmp_path):
    quiz = course / "exercises" / "part1" / "demo" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("answer: 1969", "answer: nineteen"), encoding="utf-8")
    output = tmp_path / "bank.gift"
    code, _, err = export(capsys, "gift", output)
    assert code == 1 and "quiz.yml:" in err and "nothing exported" in err
    assert not output.exists()


# ---------------------------------------------------------------- Moodle XML

def test_moodle_xml(course, capsys, items, tmp_path):
    output = tmp_path / "bank.xml"
    code, out, err = export(capsys, "moodle-xml", output)
    assert code == 0 and "10 question(s)" in out
    raw = output.read_text(encoding="utf-8")
    assert "&lt;p&gt;" in raw and "<p>" not in raw      # HTML travels as escaped character data
    root = ET.parse(output).getroot()
    assert root.tag == "quiz"
    questions = [q for q in root if q.get("type") != "category"]
    assert [q.findtext("name/text") for q in questions] == ALL_IDS     # every exportable item, ordering too
    assert len(questions) == len(entries(Bank.load(course)))
    by_name = {q.findtext("name/text"): q for q in questions}
    types = {name: q.get("type") for name, q in by_name.items()}
    assert types == {"fx-single": "multichoice", "fx-select": "multichoice", "fx-select-strict": "multichoice",
                     "fx-true-false": "truefalse", "fx-numeric": "numerical", "fx-numeric-decimal": "numerical",
                     "fx-ordering": "ordering", "fx-matching": "matching", "fx-short": "shortanswer",
                     "fx-essay": "essay"}

    single = by_name["fx-single"]
    assert single.findtext("single") == "true"
    assert single.findtext("questiontext/text") == to_html(items["fx-single"].prompt)
    assert [a.get("fraction") for a in single.findall("answer")] == ["100", "0", "0"]
    assert all(a.findtext("feedback/text") for a in single.findall("answer"))
    assert '<img src="./signs.png"' in single.findtext("generalfeedback/text")
    assert single.findtext("hint/text") == to_html(items["fx-single"].hint)
    tags = [t.text for t in single.findall("tags/tag/text")]
    assert "objective:fixture-recall" in tags and "section:part1/demo" in tags

    select = by_name["fx-select"]
    assert select.findtext("single") == "false"
    fractions = [float(a.get("fraction")) for a in select.findall("answer")]
    assert fractions == pytest.approx(multiple_select_fractions(items["fx-select"]), abs=1e-4)
    for size in range(6):
        for picked in itertools.combinations(range(5), size):
            assert _moodle_score(fractions, picked) == pytest.approx(score(items["fx-select"], list(picked)), abs=1e-4)

    tf = by_name["fx-true-false"]
    assert [(a.findtext("text"), a.get("fraction")) for a in tf.findall("answer")] == [("true", "0"), ("false", "100")]
    assert tf.findall("answer")[1].findtext("feedback/text") == to_html(items["fx-true-false"].feedback.correct)

    numeric = by_name["fx-numeric"].findall("answer")
    assert (numeric[0].findtext("text"), numeric[0].findtext("tolerance"), numeric[0].get("fraction")) == ("1969", "1", "100")
    assert (numeric[1].findtext("text"), numeric[1].get("fraction")) == ("*", "0")

    ordering = by_name["fx-ordering"]
    assert [a.findtext("text") for a in ordering.findall("answer")] == [to_html(o, inline=True) for o in items["fx-ordering"].order]
    assert ordering.findtext("gradingtype") == "ALL_OR_NOTHING"
    assert "qtype_ordering" in err

    matching = by_name["fx-matching"]
    assert [(s.findtext("text"), s.findtext("answer/text")) for s in matching.findall("subquestion")] == [
        ("COMSTECH", "Islamabad"), ("ICESCO", "Rabat"), ("<em>SESRIC</em>", "Ankara")]
    assert matching.findtext("correctfeedback/text") == to_html("All pairs right.")

    short = [a.findtext("text") for a in by_name["fx-short"].findall("answer")]
    assert short[:3] == list(items["fx-short"].accepted) and short[-1] == "*"
    assert by_name["fx-essay"].findtext("graderinfo/text") == to_html(
        "Member states act through the summit, the foreign ministers and the secretariat.")
    idnumbers = [q.findtext("idnumber") for q in questions]
    assert len(set(idnumbers)) == len(idnumbers)


# ---------------------------------------------------------------- QTI

def _qti(path: Path) -> tuple[zipfile.ZipFile, list[ET.Element]]:
    archive = zipfile.ZipFile(path)
    assert archive.testzip() is None
    names = set(archive.namelist())
    assert "imsmanifest.xml" in names
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}
    hrefs = [f.get("href") for f in manifest.iterfind(".//cp:resource/cp:file", ns)]
    assert hrefs and set(hrefs) <= names                       # every resource file is in the zip
    for name in names:                                         # and every file in the zip is well formed
        ET.fromstring(archive.read(name))
    qti = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    found = []
    for resource in manifest.iterfind(".//cp:resource[@type='imsqti_xmlv1p2']", ns):
        doc = ET.fromstring(archive.read(resource.find("cp:file", ns).get("href")))
        assert doc.find("q:assessment", qti) is not None
        found += doc.findall(".//q:item", qti)
    return archive, found


def _qtype(item: ET.Element) -> str:
    ns = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    for field in item.iter(f"{ns}qtimetadatafield"):
        if field.findtext(f"{ns}fieldlabel") == "question_type":
            return field.findtext(f"{ns}fieldentry")
    raise AssertionError("no question_type")


def test_qti_zip(course, capsys, tmp_path):
    output = tmp_path / "bank.zip"
    code, out, err = export(capsys, "qti", output)
    assert code == 0 and "9 question(s)" in out and "1 skipped" in out
    assert "fx-ordering" in err and "QTI" in err
    _archive, qti_items = _qti(output)
    assert [i.get("ident") for i in qti_items] == NO_ORDERING
    assert {i.get("ident"): _qtype(i) for i in qti_items} == {
        "fx-single": "multiple_choice_question", "fx-select": "multiple_answers_question",
        "fx-select-strict": "multiple_answers_question", "fx-true-false": "true_false_question",
        "fx-numeric": "numerical_question", "fx-numeric-decimal": "numerical_question",
        "fx-matching": "matching_question", "fx-short": "short_answer_question", "fx-essay": "essay_question"}
    ns = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    by_id = {i.get("ident"): i for i in qti_items}
    assert by_id["fx-select"].find(f".//{ns}response_lid").get("rcardinality") == "Multiple"
    numeric = by_id["fx-numeric"]
    assert numeric.find(f".//{ns}vargte").text == "1968" and numeric.find(f".//{ns}varlte").text == "1970"
    assert len(by_id["fx-matching"].findall(f".//{ns}response_lid")) == 3
    assert '<img src="./signs.png"' in ET.tostring(by_id["fx-single"], encoding="unicode").replace("&lt;", "<").replace("&gt;", ">")


def test_qti_ordering_as_matching(course, capsys, tmp_path):
    output = tmp_path / "bank.zip"
    code, out, _ = export(capsys, "qti", output, "--ordering-as-matching")
    assert code == 0 and "10 question(s)" in out
    _archive, qti_items = _qti(output)
    assert len(qti_items) == len(ALL_IDS)
    assert _qtype(next(i for i in qti_items if i.get("ident") == "fx-ordering")) == "matching_question"
