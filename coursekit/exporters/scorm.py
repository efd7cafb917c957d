"""SCORM 1.2 packages: the built course, one package per section page with a quiz and one for the course.

Why SCORM 1.2: it is the one every LMS plays (Moodle, Canvas, Brightspace, Blackboard) and the one that
puts a score in the gradebook from content we wrote. Each package is the student site as built, with
its widgets; the launch page of each SCO gets ``coursekit/static/scorm.js`` first in its head, which
finds the LMS's API through the frame chain, keeps the quiz's answers in ``cmi.suspend_data`` and
reports ``cmi.core.lesson_status`` and ``cmi.core.score.raw/min/max`` (0-100, the share of points).

- a section package: one SCO, the section's page; every other file of the site is an asset (so the
  page's links and images work inside the LMS's frame).
- the course package: the book's parts as organisation items; each page with a quiz is a SCO (its
  own score and suspend data in the LMS), every other page an asset.

What SCORM 1.2 cannot carry (listed in the report): discussion prompts and free-response exercises stay
on the pages, ungraded, with no forum or submission; one score per SCO, not per question; a quiz's
``draw`` is the book's own (each learner's draw seeded by their own learner id and attempt, kept in
suspend data), not the LMS's random selection, and ``attempts``/``time_limit`` are set
in the LMS's SCORM activity. The launch query ``?sco=<id>`` (the item's ``parameters``) tells the
script which SCO it speaks for.
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from importlib.resources import files as package_files

from .common import Entry, Export, Options, Report, groups
from .site import PackageError, Site, relative, with_script

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCRIPT = "_static/coursekit-scorm.js"


def _ident(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.replace("__", ":"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


class _Package:
    """One zip being written: its manifest, its SCOs, and every file listed in some resource."""

    def __init__(self, site: Site, ident: str, title: str) -> None:
        self.site = site
        self.root = ET.Element("manifest", {
            "identifier": _ident(ident), "version": "1.0", "xmlns": CP, "xmlns:adlcp": ADLCP, "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CP} imscp_rootv1p1p2.xsd {ADLCP} adlcp_rootv1p2.xsd"})
        meta = _sub(self.root, "metadata")
        _sub(meta, "schema", "ADL SCORM")
        _sub(meta, "schemaversion", "1.2")
        orgs = _sub(self.root, "organizations", default="org")
        self.org = _sub(orgs, "organization", identifier="org")
        _sub(self.org, "title", title)
        self.resources = _sub(self.root, "resources")
        self.pages: dict[str, bytes] = {}   # launch pages, with the bridge script added
        self.scos: list[str] = []

    def sco(self, parent: ET.Element, page: str, quizzes: dict[str, int]) -> None:
        ident = _ident(page.replace("/", "-"))
        name = self.site.page(page)
        item = _sub(parent, "item", identifier=f"item-{ident}", identifierref=f"sco-{ident}",
                    isvisible="true", parameters=f"?sco={ident}")
        _sub(item, "title", self.site.title(page))
        resource = _sub(self.resources, "resource", identifier=f"sco-{ident}", type="webcontent",
                        adlcp__scormtype="sco", href=name)
        _sub(resource, "file", href=name)
        _sub(resource, "dependency", identifierref="assets")
        listed = ",".join(f"{q}:{n}" for q, n in quizzes.items())
        script = f'<script src="{relative(name, SCRIPT)}" data-sco="{ident}" data-quizzes="{listed}"></script>'
        self.pages[name] = with_script(self.site.read(name), script)
        self.scos.append(ident)

    def asset_item(self, parent: ET.Element, page: str) -> None:
        ident = _ident(page.replace("/", "-"))
        item = _sub(parent, "item", identifier=f"item-{ident}", identifierref=f"page-{ident}", isvisible="true")
        _sub(item, "title", self.site.title(page))
        name = self.site.page(page)
        resource = _sub(self.resources, "resource", identifier=f"page-{ident}", type="webcontent",
                        adlcp__scormtype="asset", href=name)
        _sub(resource, "file", href=name)
        _sub(resource, "dependency", identifierref="assets")
        self.pages.setdefault(name, self.site.read(name))

    def write(self, base: "_Base") -> bytes:
        assets = _sub(self.resources, "resource", identifier="assets", type="webcontent", adlcp__scormtype="asset")
        names = [n for n in self.site.files() if n not in self.pages] + [SCRIPT]
        for name in names:
            _sub(assets, "file", href=name)
        ET.indent(self.root)
        buffer = io.BytesIO(base.archive())
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", ET.tostring(self.root, encoding="UTF-8", xml_declaration=True))
            for name, data in self.pages.items():
                archive.writestr(name, data)
            for name in sorted(base.pages - set(self.pages)):   # a page another package changes, as built
                archive.write(self.site.folder / name, name)
        return buffer.getvalue()


class _Base:
    """The files every package of one export carries unchanged, compressed once: each package starts as a
    copy of this archive and adds its manifest and pages (a package per section repeats the whole site, so
    compressing it again for each one made the export eleven times slower than it needs to be)."""

    def __init__(self, site: Site, pages: set[str]) -> None:
        self.site = site
        self.pages = pages & set(site.files())   # left out: a package may carry its own copy of each
        self.names = [name for name in site.files() if name not in self.pages]
        self._archive: bytes | None = None

    def archive(self) -> bytes:
        if self._archive is None:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in self.names:
                    archive.write(self.site.folder / name, name)
                archive.writestr(SCRIPT, package_files("coursekit").joinpath("static/scorm.js").read_bytes())
            self._archive = buffer.getvalue()
        return self._archive


def _quizzes(grouped: dict[str, list[Entry]]) -> dict[str, dict[str, int]]:
    """Per section page, its quizzes and how many items each shows (a draw shows ``draw`` of them)."""
    found: dict[str, dict[str, int]] = {}
    for group, members in grouped.items():
        if members[0].type != "essay":
            found.setdefault(members[0].section, {})[group] = members[0].draw or len(members)
    return found


def export(entries: list[Entry], options: Options) -> Export:
    if options.course is None:
        raise PackageError("SCORM packages need the course (its _toc.yml and built site)")
    site = Site.of(options.course)
    report = Report("scorm")
    grouped = groups(entries)
    scored = _quizzes(grouped)
    files: dict[str, bytes] = {}
    base = _Base(site, {site.page(page) for _, pages in options.course.parts for page, _depth in pages})
    course = _Package(site, "coursekit-course", options.title)
    for caption, pages in options.course.parts:
        parent = course.org
        if caption:
            parent = _sub(course.org, "item", identifier=f"part-{len(course.org)}", isvisible="true")
            _sub(parent, "title", caption)
        for page, _depth in pages:
            if page in scored:
                course.sco(parent, page, scored[page])
                single = _Package(site, f"coursekit-{page}", site.title(page))
                single.sco(single.org, page, scored[page])
                files[f"{page.replace('/', '-')}.zip"] = single.write(base)
            else:
                course.asset_item(parent, page)
    files["course.zip"] = course.write(base)
    for group, members in grouped.items():
        for entry in members:
            if entry.type == "essay":
                report.note("free-response exercises stay on the pages, ungraded: SCORM has no submissions "
                            "(the Common Cartridge export makes them assignments)", entry.id)
                continue
            report.exported.append(entry.id)
        if members[0].draw:
            report.note("draws are the book's own: each learner's items are drawn on the page, seeded by "
                        "their learner id and attempt (the Common Cartridge and QTI exports leave the draw "
                        "to the LMS)", group)
    for _path, model in options.bank.of_kind("prompts") if options.bank is not None else []:
        for prompt in model.prompts:
            report.note("discussion prompts stay on the pages: SCORM has no discussion forums "
                        "(the Common Cartridge export makes them discussion topics)", prompt.id)
    for group, members in grouped.items():
        if members[0].type != "essay" and (members[0].settings.attempts or members[0].settings.time_limit):
            report.note("attempts and time limits are set on the LMS's SCORM activity, not in the package", group)
    report.counts = {"packages": len(files), "SCOs in the course package": len(course.scos),
                     "pages": len(course_pages(options)), "quizzes": sum(len(q) for q in scored.values()),
                     "questions": len(report.exported)}
    return Export(b"", report, files)


def course_pages(options: Options) -> list[str]:
    return [page for _caption, pages in options.course.parts for page, _depth in pages]
