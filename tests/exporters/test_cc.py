"""``coursekit export --format cc``: the course as an IMS Common Cartridge, checked without an LMS.

No npm, PyPI or Debian package ships the Common Cartridge profile schemas (see ``schemas/README.md``);
``test_published_schemas.py`` validates the manifest against IMS Content Packaging 1.1.4 and every
assessment against the QTI 1.2.1 DTD, and here the cartridge is checked against what the profile adds: its namespaces and schema version, the
resource types it defines, the module structure from ``_toc.yml``, every referenced file present and every
file referenced, and no instructor-only text anywhere.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest

from coursekit.cli import main

from tests.exporters.packages import assert_closed, assert_no_instructor_text, make_course, manifest, rebuilt

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


@pytest.fixture
def course(tmp_path, monkeypatch):
    root = make_course(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    return root


def export(capsys, output, *extra):
    code = main(["export", "--format", "cc", "--output", str(output), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("version, tag", [("1.1", "v1p1"), ("1.3", "v1p3")])
def test_cartridge_structure(course, capsys, tmp_path, version, tag):
    output = tmp_path / "course.imscc"
    code, out, err = export(capsys, output, "--cc-version", version, "--ordering-as-matching")
    assert code == 0, err
    assert "holds 3 pages, 1 quizzes, 9 questions, 1 discussion topics, 1 assignments" in out
    with zipfile.ZipFile(output) as archive:
        root = manifest(archive)
        ns = f"{{http://www.imsglobal.org/xsd/imscc{tag}/imscp_v1p1}}"
        assert root.tag == f"{ns}manifest"
        assert root.find(f"{ns}metadata/{ns}schema").text == "IMS Common Cartridge"
        assert root.find(f"{ns}metadata/{ns}schemaversion").text == f"{version}.0"
        org = root.find(f"{ns}organizations/{ns}organization")
        assert org.get("structure") == "rootedhierarchy"
        modules = org.findall(f"{ns}item/{ns}item")
        assert [m.find(f"{ns}title").text for m in modules] == ["Introduction", "Part I: Demo"]
        part = [i.find(f"{ns}title").text for i in modules[1].findall(f"{ns}item")]
        assert part[:3] == ["Part I", "Demo section", "Fixture quiz: every item type"]
        types = {r.get("identifier"): r.get("type") for r in root.iter(f"{ns}resource")}
        assert types["page-part1-demo"] == "webcontent"
        assert types["fixture-demo"] == f"imsqti_xmlv1p2/imscc_xml{tag}/assessment"
        assert types["topic-fx-discuss"] == f"imsdt_xml{tag}"
        assert types["assignment-fx-essay"] == "assignment_xmlv1p0"
        located = ET.fromstring(archive.read("fixture-demo/assessment.xml")).get(
            "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
        assert located == ("http://www.imsglobal.org/xsd/ims_qtiasiv1p2 "
                           f"http://www.imsglobal.org/profile/cc/cc{tag}/cc{tag}_qtiasiv1p2p1_v1p0.xsd")
        topic = ET.fromstring(archive.read("topic-fx-discuss/topic.xml"))
        assert topic.tag == f"{{http://www.imsglobal.org/xsd/imscc{tag}/imsdt_{tag}}}topic"
        assert "communities of faith" in topic.find(f"{{http://www.imsglobal.org/xsd/imscc{tag}/imsdt_{tag}}}text").text
        assert_closed(archive)
        assert_no_instructor_text(archive)
        assert "web_resources/book/part1/demo.html" in archive.namelist()
        assert "web_resources/_static/logo.svg" in archive.namelist()
        assert not any(".buildinfo" in n for n in archive.namelist())


def test_quiz_carries_the_profile_settings_and_the_draw(course, capsys, tmp_path):
    quiz = course / "exercises" / "part1" / "demo" / "quiz.yml"
    quiz.write_text(quiz.read_text().replace("\nitems:\n", "\nsettings:\n  draw: 3\n  attempts: 2\n  points: 5\n"
                                                          "  time_limit: 15\nitems:\n", 1))
    rebuilt(course)
    output = tmp_path / "course.imscc"
    assert export(capsys, output)[0] == 0
    with zipfile.ZipFile(output) as archive:
        qti = ET.fromstring(archive.read("fixture-demo/assessment.xml")).find(f"{QTI}assessment")
    fields = {f.find(f"{QTI}fieldlabel").text: f.find(f"{QTI}fieldentry").text
              for f in qti.find(f"{QTI}qtimetadata")}
    assert fields["cc_profile"] == "cc.exam.v0p1" and fields["cc_maxattempts"] == "2"
    assert fields["qmd_timelimit"] == "15" and fields["qmd_assessmenttype"] == "Examination"
    assert qti.find(f".//{QTI}selection_number").text == "3"
    items = qti.findall(f".//{QTI}item")
    profile = {}
    for item in items:
        meta = {f.find(f"{QTI}fieldlabel").text: f.find(f"{QTI}fieldentry").text
                for f in item.find(f"{QTI}itemmetadata/{QTI}qtimetadata")}
        profile[item.get("ident")] = meta.get("cc_profile")
        assert meta["cc_weighting"] == "5"
    assert profile["fx-single"] == "cc.multiple_choice.v0p1" and profile["fx-select"] == "cc.multiple_response.v0p1"
    assert profile["fx-true-false"] == "cc.true_false.v0p1" and profile["fx-short"] == "cc.fib.v0p1"
    assert profile["fx-matching"] is None                      # outside the profile: Canvas's own type only
    assert "fx-essay" not in profile                           # free response is an assignment, not a question


@pytest.mark.parametrize("fmt", ["cc", "scorm"])
def test_a_quiz_edited_after_the_build_is_refused_until_the_site_is_rebuilt(course, capsys, tmp_path, fmt):
    # an instructor's walk: a question added after ./build went into a SCORM package whose page still
    # showed the old quiz, and the export said nothing
    quiz = course / "exercises" / "part1" / "demo" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code = main(["export", "--format", fmt, "--output", str(tmp_path / f"out-{fmt}")])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    [line] = [line for line in err.splitlines() if "changed after the site was last built" in line]
    assert "exercises/part1/demo/quiz.yml" in line and "run ./build again, then export" in line
    rebuilt(course)
    assert main(["export", "--format", fmt, "--output", str(tmp_path / f"again-{fmt}")]) == 0


def test_requires_the_built_site(course, capsys, tmp_path):
    (course / "_build" / "html" / "index.html").unlink()
    code, _, err = export(capsys, tmp_path / "course.imscc")
    assert code == 1 and "run ./build first" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "course.imscc").exists()


def test_a_page_missing_from_the_built_site_is_one_line(course, capsys, tmp_path):
    (course / "_build" / "html" / "book" / "part1" / "demo.html").unlink()
    code, _, err = export(capsys, tmp_path / "course.imscc")
    assert code == 1 and "book/part1/demo.html is missing" in err and "run ./build again" in err
    assert len(err.strip().splitlines()) == 1
