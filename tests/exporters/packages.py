"""A small course with a built site, for the package exporters (Common Cartridge, SCORM).

The fixture bank plus a ``_toc.yml`` and a ``_build/html`` written here: pages that link a stylesheet,
a script and an image by relative path, as the real build's pages do. The browser test uses the real
build; these tests check structure, references and what never goes in.
"""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bank"
INSTRUCTOR_ONLY = ("States act; communities do not sign treaties.", "That the Ummah is a state.",
                   "Who acts for the OIC?", "Member states act through the summit")

TOC = """format: jb-book
root: book/intro
parts:
  - caption: "Part I: Demo"
    chapters:
      - file: book/part1/index
        sections:
          - file: book/part1/demo
"""


def page(title: str, depth: int) -> str:
    up = "../" * depth
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="stylesheet" href="{up}_static/site.css"><script src="{up}_static/host.js"></script>'
            f'</head><body><h1>{title}</h1><img src="{up}_static/logo.svg" alt=""></body></html>')


def make_course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    for name, title in (("intro", "Introduction"), ("part1/index", "Part I"), ("part1/demo", "Demo section")):
        source = root / "book" / f"{name}.md"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(f"# {title}\n", encoding="utf-8")
        built = root / "_build" / "html" / "book" / f"{name}.html"
        built.parent.mkdir(parents=True, exist_ok=True)
        built.write_text(page(title, name.count("/") + 1), encoding="utf-8")
    site = root / "_build" / "html"
    (site / "index.html").write_text('<meta http-equiv="refresh" content="0; url=book/intro.html">', encoding="utf-8")
    (site / "_static").mkdir()
    for name in ("site.css", "host.js", "logo.svg"):
        (site / "_static" / name).write_text("/* asset */", encoding="utf-8")
    (site / ".buildinfo").write_text("build", encoding="utf-8")
    return root


def rebuilt(root: Path) -> None:
    """Date the fake site after the edits a test made, as ./build would after them (exporters/site.py
    refuses a site older than the course's files)."""
    (root / "_build" / "html" / ".buildinfo").touch()


def manifest(archive: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(archive.read("imsmanifest.xml"))


def referenced(root: ET.Element) -> set[str]:
    """Every file a manifest names (``file`` elements and resource hrefs)."""
    names = {node.get("href") for node in root.iter() if node.tag.endswith("}file")}
    names |= {node.get("href") for node in root.iter() if node.tag.endswith("}resource") and node.get("href")}
    return names


def assert_closed(archive: zipfile.ZipFile) -> None:
    """Every referenced file is in the zip and every file in the zip is referenced (or is the manifest)."""
    root = manifest(archive)
    names = set(archive.namelist()) - {"imsmanifest.xml"}
    named = referenced(root)
    assert named - names == set(), f"referenced but missing: {sorted(named - names)[:5]}"
    assert names - named == set(), f"in the zip but never referenced: {sorted(names - named)[:5]}"
    idents = {node.get("identifier") for node in root.iter() if node.tag.endswith("}resource")}
    refs = {node.get("identifierref") for node in root.iter() if node.get("identifierref")}
    assert refs <= idents, f"dangling identifierref: {sorted(refs - idents)}"


def assert_no_instructor_text(archive: zipfile.ZipFile) -> None:
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8", errors="replace")
        for secret in INSTRUCTOR_ONLY:
            assert secret not in text, f"instructor-only text in {name}"
