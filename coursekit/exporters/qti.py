"""IMS QTI 1.2 zip, as Canvas imports it (Settings > Import course content > QTI .zip file).

Written here with xml.etree rather than with text2qti (0.8.0 on PyPI, maintained, offline). text2qti was
checked first and does not fit: it reads its own Markdown-like text format, so we would serialise our
validated Markdown into that syntax (new escaping rules) only for it to be rendered again by
Python-Markdown, a second dialect that differs from the markdown-it rendering and raw-HTML refusal the
course relies on; and it has no matching question type, which the course uses. It would also add two
dependencies (bespon, markdown). The QTI structure itself is small and standard.

Layout: ``imsmanifest.xml`` plus, per quiz file, ``<group>/<group>.xml`` (one ``<assessment>``, which Canvas
imports as one quiz and one question bank) and ``<group>/assessment_meta.xml`` (Canvas's quiz settings).
Item types: multiple_choice_question, multiple_answers_question, true_false_question, numerical_question
(exact or range by tolerance), matching_question, short_answer_question, essay_question (free response).

What QTI 1.2 / Canvas cannot express, and what happens:
- ordering: no ordering type in Canvas's QTI 1.2 import. Skipped with a warning listing the ids
  (``--strict`` fails instead), or with ``--ordering-as-matching`` exported as a matching question.
- hints, free-response model answers: no field; listed as notes.
- Canvas scores multiple-answer questions with its own partial-credit setting, matching pair by pair,
  short answers ignoring case only: notes.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

from ..questions import EXPORTED
from .common import Entry, Export, Options, Report, block, inline
from .qti_syntax import QtiItem, condition, feedback, material, show, sub

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

TYPES = {"single_choice": "multiple_choice_question", "multiple_select": "multiple_answers_question",
         "true_false": "true_false_question", "numeric": "numerical_question", "matching": "matching_question",
         "short_text": "short_answer_question", "essay": "essay_question", "ordering": "matching_question"}


def _item(section: ET.Element, entry: Entry, options: Options, report: Report) -> bool:
    """One question as a QTI ``<item>``: metadata and prompt here, the type's part from its module."""
    src = entry.item
    item = ET.Element("item", ident=entry.id, title=entry.id)
    meta = sub(sub(item, "itemmetadata"), "qtimetadata")
    for label, value in (("question_type", TYPES[entry.type]), ("points_possible", "1.0"),
                         ("assessment_question_identifierref", f"{entry.id}-bank")):
        field = sub(meta, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", value)
    presentation = sub(item, "presentation")
    material(presentation, block(src.prompt) + (f"<p>Unit: {inline(src.unit)}</p>" if getattr(src, "unit", None) else ""))
    processing = sub(item, "resprocessing")
    sub(sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = block(getattr(src, "explanation", None))
    if general:
        cond, var = condition(processing, "Yes")
        sub(var, "other")
        show(cond, "general_fb")
    fb = getattr(src, "feedback", None)
    has = fb is not None and not isinstance(fb, str)
    q = QtiItem(item, presentation, processing, block(fb.correct) if has else "", block(fb.incorrect) if has else "")
    if not EXPORTED[entry.type].qti(q, entry, options, report):
        return False
    if q.right_fb:   # attach to the condition that gives full marks
        for cond in processing.findall("respcondition"):
            if cond.find("setvar") is not None:
                show(cond, "correct_fb")
        feedback(item, "correct_fb", q.right_fb)
    if q.wrong_fb:
        cond, var = condition(processing)
        sub(var, "other")
        show(cond, "general_incorrect_fb")
        feedback(item, "general_incorrect_fb", q.wrong_fb)
    if general:
        feedback(item, "general_fb", general)
    if getattr(src, "hint", None):
        report.note("hints have no field in QTI 1.2 for Canvas: not exported (Moodle XML keeps them)", entry.id)
    section.append(item)
    report.exported.append(entry.id)
    return True


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _assessment(ident: str, title: str, group: list[Entry], options: Options, report: Report) -> tuple[bytes, int]:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI,
                                           "xsi:schemaLocation": f"{QTI_NS} {QTI_NS}p1.xsd"})
    assessment = sub(root, "assessment", ident=ident, title=title)
    meta = sub(assessment, "qtimetadata")
    field = sub(meta, "qtimetadatafield")
    sub(field, "fieldlabel", "cc_maxattempts")
    sub(field, "fieldentry", "1")
    section = sub(assessment, "section", ident="root_section")
    count = sum(_item(section, entry, options, report) for entry in group)
    return _xml(root), count


def _meta(ident: str, title: str) -> bytes:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS, "xmlns:xsi": XSI,
                               "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    for tag, value in (("title", title), ("description", ""), ("shuffle_answers", "true"),
                       ("scoring_policy", "keep_highest"), ("quiz_type", "practice_quiz"),
                       ("allowed_attempts", "-1"), ("show_correct_answers", "true")):
        sub(root, tag, value)
    return _xml(root)


def _manifest(idents: list[str], title: str) -> bytes:
    root = ET.Element("manifest", {"identifier": "coursekit-manifest", "xmlns": CP_NS,
                                   "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2"})
    meta = sub(root, "metadata")
    sub(meta, "schema", "IMS Content")
    sub(meta, "schemaversion", "1.1.3")
    lom = sub(meta, "imsmd:lom")
    sub(sub(sub(lom, "imsmd:general"), "imsmd:title"), "imsmd:string", title)
    sub(sub(sub(sub(lom, "imsmd:lifeCycle"), "imsmd:contribute"), "imsmd:date"), "imsmd:dateTime",
         date.today().isoformat())
    sub(root, "organizations")
    resources = sub(root, "resources")
    for ident in idents:
        resource = sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
        sub(resource, "file", href=f"{ident}/{ident}.xml")
        sub(resource, "dependency", identifierref=f"{ident}-meta")
        meta_res = sub(resources, "resource", identifier=f"{ident}-meta",
                        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                        href=f"{ident}/assessment_meta.xml")
        sub(meta_res, "file", href=f"{ident}/assessment_meta.xml")
    return _xml(root)


def export(entries: list[Entry], options: Options) -> Export:
    report = Report("qti")
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    buffer = io.BytesIO()
    idents: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for group, members in groups.items():
            title = members[0].group_title
            data, count = _assessment(group, title, members, options, report)
            if not count:
                continue
            idents.append(group)
            archive.writestr(f"{group}/{group}.xml", data)
            archive.writestr(f"{group}/assessment_meta.xml", _meta(group, title))
        archive.writestr("imsmanifest.xml", _manifest(idents, options.title))
    return Export(buffer.getvalue(), report)
