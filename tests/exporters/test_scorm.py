"""``coursekit export --format scorm``: SCORM 1.2 packages, each manifest validated against the published
SCORM 1.2 schemas (``schemas/scorm12``, see its README) with xmlschema, and every file accounted for.

The browser test (``tests/browser/test_scorm_package.py``) runs a real package against scorm-again.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
import xmlschema

from coursekit.cli import main
from tests.exporters.packages import assert_closed, assert_no_instructor_text, make_course, manifest

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "scorm12"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


def _mapper(url: str) -> str:
    """ims_xml.xsd declares the XML namespace as its default namespace, which XML parsers refuse; the XML
    namespace's own schema (which xmlschema ships) defines the same xml:lang attribute, so use that."""
    own = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
    return own.as_uri() if url.endswith("ims_xml.xsd") else url


@pytest.fixture(scope="module")
def scorm12() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema([str(SCHEMAS / "imscp_rootv1p1p2.xsd"), "adlcp_rootv1p2.xsd"], uri_mapper=_mapper)


@pytest.fixture
def packages(tmp_path, monkeypatch, capsys) -> tuple[Path, str]:
    root = make_course(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    output = tmp_path / "scorm"
    code = main(["export", "--format", "scorm", "--output", str(output)])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in out + err, err
    return output, out


def test_one_package_per_quiz_section_and_one_for_the_course(packages):
    output, out = packages
    assert sorted(os.listdir(output)) == ["course.zip", "part1-demo.zip"]
    assert "1 quizzes" in out and "3 pages" in out


@pytest.mark.parametrize("name", ["course.zip", "part1-demo.zip"])
def test_manifest_is_valid_scorm_12_and_closed(packages, scorm12, name):
    with zipfile.ZipFile(packages[0] / name) as archive:
        errors = list(scorm12.iter_errors(archive.read("imsmanifest.xml").decode("utf-8")))
        assert errors == [], str(errors[0])[:800]
        assert_closed(archive)
        assert_no_instructor_text(archive)


def test_the_schemas_do_catch_a_bad_manifest(packages, scorm12):
    with zipfile.ZipFile(packages[0] / "course.zip") as archive:
        text = archive.read("imsmanifest.xml").decode("utf-8")
    assert list(scorm12.iter_errors(text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')))
    assert list(scorm12.iter_errors(text.replace("<resources>", "<assets>").replace("</resources>", "</assets>")))


def test_course_package_structure_and_the_bridge_on_sco_pages_only(packages):
    with zipfile.ZipFile(packages[0] / "course.zip") as archive:
        root = manifest(archive)
        resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
        sco = resources["sco-part1-demo"]
        assert sco.get(f"{ADLCP}scormtype") == "sco" and sco.get("href") == "book/part1/demo.html"
        assert resources["page-intro"].get(f"{ADLCP}scormtype") == "asset"
        item = next(i for i in root.iter(f"{CP}item") if i.get("identifierref") == "sco-part1-demo")
        assert item.get("parameters") == "?sco=part1-demo"
        org = root.find(f"{CP}organizations/{CP}organization")
        assert org.find(f"{CP}title").text == "Fixture course: exporters"
        assert [i.find(f"{CP}title").text for i in org.findall(f"{CP}item")] == ["Introduction", "Part I: Demo"]
        demo = archive.read("book/part1/demo.html").decode("utf-8")
        intro = archive.read("book/intro.html").decode("utf-8")
        bridge = archive.read("_static/coursekit-scorm.js").decode("utf-8")
    head = demo[demo.index("<head>"):demo.index("</head>")]
    assert head.index("coursekit-scorm.js") < head.index("host.js")      # before the quiz can load its answers
    assert 'src="../../_static/coursekit-scorm.js" data-sco="part1-demo" data-quizzes="fixture-demo:9"' in head
    assert "coursekit-scorm.js" not in intro
    assert "LMSInitialize" in bridge and "cmi.suspend_data" in bridge


def test_refuses_a_file_as_output(tmp_path, monkeypatch, capsys):
    root = make_course(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    target = tmp_path / "packages.zip"
    target.write_text("x")
    assert main(["export", "--format", "scorm", "--output", str(target)]) == 1
    assert "give a folder" in capsys.readouterr().err
