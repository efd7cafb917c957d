"""The plain QTI package and the Common Cartridge, checked against the published IMS schemas in ``schemas/``.

What is checked with what is in :mod:`tests.exporters.published`. The cartridge's discussion topics and
assignments, and the Common Cartridge profile's own restrictions, have no published schema in any
package these machines can install (``schemas/README.md``); ``test_cc.py`` checks them structurally.
The exports are of the fixture course with every question type (ordering as matching), graded settings
and a draw, so the random selection's ``selection_ordering`` is among what the schemas see.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from coursekit.cli import main

from tests.exporters.packages import make_course, rebuilt
from tests.exporters.published import manifest_errors, qti_errors

SETTINGS = "settings:\n  draw: 4\n  points: 2\n  attempts: 3\n  time_limit: 20\n"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    root = make_course(tmp_path_factory.mktemp("published"))
    quiz = root / "exercises" / "part1" / "demo" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("\nitems:\n", "\n" + SETTINGS + "items:\n", 1),
                    encoding="utf-8")
    rebuilt(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.delenv("COURSEKIT_ROOT", raising=False)
        out = {}
        for name, args in (("qti", ["--format", "qti"]), ("cc1.1", ["--format", "cc", "--cc-version", "1.1"]),
                           ("cc1.3", ["--format", "cc", "--cc-version", "1.3"])):
            out[name] = root / f"{name}.zip"
            assert main(["export", *args, "--ordering-as-matching", "--output", str(out[name])]) == 0
    return out


def _qti_files(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if n.endswith(".xml") and b"<questestinterop" in archive.read(n)]


def test_qti_package_manifest_is_valid_content_packaging(exports):
    with zipfile.ZipFile(exports["qti"]) as archive:
        errors = manifest_errors(archive.read("imsmanifest.xml"))
    assert errors == [], errors[:3]


@pytest.mark.parametrize("name", ["qti", "cc1.1", "cc1.3"])
def test_every_qti_file_is_valid_qti_121(exports, name):
    with zipfile.ZipFile(exports[name]) as archive:
        files = _qti_files(archive)
        assert files, "no QTI file in the package"
        assert any(b"<selection_number>4</selection_number>" in archive.read(n) for n in files)
        for file in files:
            errors = qti_errors(archive.read(file))
            assert errors == [], f"{file}: {errors[:3]}"


@pytest.mark.parametrize("name, tag", [("cc1.1", "v1p1"), ("cc1.3", "v1p3")])
def test_cartridge_manifest_is_valid_content_packaging(exports, name, tag):
    with zipfile.ZipFile(exports[name]) as archive:
        errors = manifest_errors(archive.read("imsmanifest.xml"), f"http://www.imsglobal.org/xsd/imscc{tag}/imscp_v1p1")
    assert errors == [], errors[:3]


def test_the_checks_find_what_the_schemas_forbid(exports):
    """A resource without its required type, and an item without its required ident, are each found."""
    with zipfile.ZipFile(exports["qti"]) as archive:
        manifest = archive.read("imsmanifest.xml")
        qti = archive.read(_qti_files(archive)[0])
    broken = manifest.replace(b' type="imsqti_xmlv1p2"', b"", 1)
    assert broken != manifest and manifest_errors(broken) == [
        "/ns0:manifest/ns0:resources/ns0:resource[1]: missing required attribute 'type'"]
    unnamed = qti.replace(b'<item ident="', b'<item label="', 1)
    assert unnamed != qti and any(e.endswith("Element item does not carry attribute ident") for e in qti_errors(unnamed))
    stray = qti.replace(b"<presentation>", b"<presentation><answer_key/>", 1)
    assert stray != qti and any(e.endswith("No declaration for element answer_key") for e in qti_errors(stray))
