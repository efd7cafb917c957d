"""IMS Common Cartridge (``.imscc``): the whole course as LMS modules, pages, quizzes, topics, assignments.

Why a cartridge: it is the one file every major LMS imports as a course (Canvas, Moodle, Brightspace,
Blackboard), so the book's structure, its pages and its graded work arrive together.

- modules: one per part of ``_toc.yml`` (the introduction first), read through :class:`~coursekit.course.Course`;
  in each, every page in book order, then that section's quizzes, discussion topics and assignments.
- pages: ``webcontent``, the built student site (``_build/html``, never the instructor edition) under
  ``web_resources/`` with its layout kept, so each page's scripts, styles and images load inside the LMS;
  the files no page names directly are one shared ``webcontent`` resource every page depends on.
- quizzes: QTI 1.2 with the Common Cartridge profile's metadata (:func:`.qti.assessment`, ``cc=True``):
  points per item (``cc_weighting``), ``cc_maxattempts``, ``qmd_timelimit``, the draw as a random
  selection; Canvas's ``assessment_meta.xml`` rides along as associated content.
- discussion prompts: ``imsdt`` topics with the prompt only (facilitator notes stay in the instructor
  edition); free-response exercises: assignments (the IMS assignment extension), without the model answer.

What a cartridge cannot carry is in the report: matching, numeric and ordering items are outside the
profile's question types; hints; each LMS's own grading of partial credit.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from ..questions import EXPORTED
from .cc_syntax import VERSIONS, XSI, Version, assignment, sub, topic, xml_bytes
from .common import Entry, Export, Options, Report, block, groups, number, plain
from .qti import assessment, canvas_meta
from .site import PackageError, Site

WEB = "web_resources/"


class _Cartridge:
    """The manifest being written and the files that go with it."""

    def __init__(self, site: Site, version: Version, title: str) -> None:
        self.site, self.version = site, version
        self.files: dict[str, bytes] = {}
        self.root = ET.Element("manifest", {
            "identifier": "coursekit-cartridge", "xmlns": version.manifest_ns, "xmlns:lomimscc": version.lom_ns,
            "xmlns:xsi": XSI})
        meta = sub(self.root, "metadata")
        sub(meta, "schema", "IMS Common Cartridge")
        sub(meta, "schemaversion", version.schema_version)
        general = sub(sub(meta, "lomimscc:lom"), "lomimscc:general")
        sub(sub(general, "lomimscc:title"), "lomimscc:string", title)
        organization = sub(sub(self.root, "organizations"), "organization", identifier="org",
                           structure="rootedhierarchy")
        self.top = sub(organization, "item", identifier="root")
        self.resources = sub(self.root, "resources")
        self.pages: list[str] = []

    def module(self, title: str) -> ET.Element:
        node = sub(self.top, "item", identifier=f"module-{len(self.top) + 1}")
        sub(node, "title", title)
        return node

    def item(self, module: ET.Element, ident: str, title: str) -> None:
        sub(sub(module, "item", identifier=f"item-{ident}", identifierref=ident), "title", title)

    def resource(self, ident: str, kind: str, files: dict[str, bytes], href: str | None = None,
                 depends: tuple[str, ...] = ()) -> None:
        attrs = {"identifier": ident, "type": kind, **({"href": href} if href else {})}
        node = sub(self.resources, "resource", **attrs)
        for name, data in files.items():
            sub(node, "file", href=name)
            self.files[name] = data
        for other in depends:
            sub(node, "dependency", identifierref=other)

    def page(self, module: ET.Element, page: str) -> None:
        name = WEB + self.site.page(page)
        ident = "page-" + page.replace("/", "-")
        self.resource(ident, "webcontent", {name: self.site.read(self.site.page(page))}, href=name,
                      depends=("site-assets",))
        self.item(module, ident, self.site.title(page))
        self.pages.append(self.site.page(page))

    def write(self) -> bytes:
        assets = sub(self.resources, "resource", identifier="site-assets", type="webcontent")
        others = [n for n in self.site.files() if n not in self.pages]
        for name in others:
            sub(assets, "file", href=WEB + name)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", xml_bytes(self.root))
            for name, data in self.files.items():
                archive.writestr(name, data)
            for name in others:
                archive.write(self.site.folder / name, WEB + name)
        return buffer.getvalue()


def _quiz(cc: _Cartridge, module: ET.Element, group: str, members: list[Entry], options: Options,
          report: Report) -> int:
    title = members[0].group_title
    data, count = assessment(group, title, members, options, report, cc=True, schema=cc.version.qti_schema)
    if not count:
        return 0
    meta = f"{group}/assessment_meta.xml"
    cc.resource(f"{group}-meta", cc.version.associated_type, {meta: canvas_meta(group, title, members, count)},
                href=meta)
    cc.resource(group, cc.version.assessment_type, {f"{group}/assessment.xml": data}, depends=(f"{group}-meta",))
    cc.item(module, group, title)
    return count


def _activities(cc: _Cartridge, module: ET.Element, section: str, prompts, writing: list[Entry],
                counts: dict[str, int], report: Report) -> None:
    for model in prompts:
        for n, prompt in enumerate(model.prompts, 1):
            title = f"{model.title} {n}: {cc.site.title(section)}"
            ident = f"topic-{prompt.id}"
            cc.resource(ident, cc.version.topic_type, {f"{ident}/topic.xml": topic(cc.version, title, block(prompt.prompt))})
            cc.item(module, ident, title)
            counts["discussion topics"] += 1
    for entry in writing:
        ident = f"assignment-{entry.id}"
        title = f"{entry.group_title}: {plain(entry.item.prompt)[0][:60].rstrip()}"
        html = EXPORTED[entry.type].question_text(entry.item)
        cc.resource(ident, cc.version.assignment_type,
                    {f"{ident}/assignment.xml": assignment(ident, title, html, number(entry.settings.points))})
        cc.item(module, ident, title)
        counts["assignments"] += 1
        report.note("free-response exercises as assignments, without the model answer (instructors only)",
                    entry.id)
        if cc.version.number == "1.1":
            report.note("assignments use the IMS assignment extension of Common Cartridge 1.3: Canvas reads it "
                        "in 1.1 too, Blackboard does not (for Moodle and Brightspace use --cc-version 1.3)", entry.id)


def export(entries: list[Entry], options: Options) -> Export:
    if options.course is None:
        raise PackageError("a Common Cartridge needs the course (its _toc.yml and built site)")
    site = Site.of(options.course)
    report = Report("cc")
    cc = _Cartridge(site, VERSIONS[options.cc_version], options.title)
    grouped = groups(entries)
    prompts = options.bank.of_kind("prompts") if options.bank is not None else []
    counts = {"pages": 0, "quizzes": 0, "questions": 0, "discussion topics": 0, "assignments": 0}
    placed: set[str] = set()
    for caption, pages in options.course.parts:
        module = cc.module(caption or site.title(pages[0][0]) if pages else caption or options.title)
        for page, _depth in pages:
            cc.page(module, page)
            counts["pages"] += 1
            for group, members in grouped.items():
                if members[0].section != page or members[0].type == "essay":
                    continue
                written = _quiz(cc, module, group, members, options, report)
                counts["quizzes"] += bool(written)
                counts["questions"] += written
                placed.add(group)
            writing = [e for g, m in grouped.items() if m[0].section == page and m[0].type == "essay" for e in m]
            placed.update(e.group for e in writing)
            _activities(cc, module, page, [m for _p, m in prompts if m.section == page], writing, counts, report)
    for group in grouped:
        if group not in placed:
            report.skip("the section has no page in _toc.yml, so no module to put it in", group)
    report.counts = counts
    return Export(cc.write(), report)
