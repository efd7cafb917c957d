"""The course's own cartridge and SCORM packages, from the built student site: complete, closed, and
free of everything the instructor edition alone may print (facilitator notes, model answers)."""
from __future__ import annotations

import html
import re
import zipfile

import pytest

from coursekit.cli import main
from tests.conftest import ROOT, course_bank
from tests.exporters.packages import assert_closed


def _secrets() -> list[str]:
    """A distinctive run of plain words from every facilitator note and model answer of the course."""
    bank = course_bank()
    texts = [n for _p, m in bank.of_kind("prompts") for p in m.prompts
             for n in (p.facilitator_notes.good_discussion, p.facilitator_notes.misconceptions,
                       p.facilitator_notes.follow_up)]
    texts += [e.model_answer for _p, m in bank.of_kind("free_response") for e in m.exercises]
    runs = [max(re.split(r"[*_`\[\]()\"'<>&{}:]", text), key=len).strip() for text in texts]
    return [run for run in runs if len(run) >= 25]


@pytest.fixture(scope="module")
def exported(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("packages")
    assert main(["export", "--format", "cc", "--root", str(ROOT), "-o", str(out / "course.imscc")]) == 0
    assert main(["export", "--format", "scorm", "--root", str(ROOT), "-o", str(out / "scorm")]) == 0
    return [out / "course.imscc", *sorted((out / "scorm").glob("*.zip"))]


def test_every_package_is_closed_and_student_only(exported):
    secrets = _secrets()
    assert len(secrets) > 40          # the course's notes and model answers were found
    sections = len({quiz.section for _, quiz in course_bank().select("quiz")})
    assert len(exported) == sections + 2   # the cartridge, a package per section and the course package
    for package in exported:
        with zipfile.ZipFile(package) as archive:
            assert_closed(archive)
            for name in archive.namelist():
                if not name.endswith((".html", ".xml", ".js", ".txt", ".ipynb", ".md")):
                    continue
                text = archive.read(name).decode("utf-8", errors="replace")
                for secret in secrets:
                    assert secret not in text and html.escape(secret, quote=False) not in text, \
                        f"instructor-only text in {package.name}:{name}: {secret[:40]}"


def test_cartridge_has_every_section_page_quiz_topic_and_assignment(exported):
    with zipfile.ZipFile(exported[0]) as archive:
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
    bank = course_bank()
    for _p, quiz in bank.of_kind("quiz"):
        assert f'identifier="{quiz.id}"' in manifest
        assert f'href="web_resources/book/{quiz.section}.html"' in manifest
    for _p, model in bank.of_kind("prompts"):
        assert all(f'identifier="topic-{p.id}"' in manifest for p in model.prompts)
    for _p, model in bank.of_kind("free_response"):
        assert all(f'identifier="assignment-{e.id}"' in manifest for e in model.exercises)
