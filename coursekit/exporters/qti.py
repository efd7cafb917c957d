"""IMS QTI 1.2 zip, as Canvas imports it (Settings > Import course content > QTI .zip file).

Written here with xml.etree rather than with text2qti (0.8.0 on PyPI, maintained, offline). text2qti was
checked first and does not fit: it reads its own Markdown-like text format, so we would serialise our
validated Markdown into that syntax (new escaping rules) only for it to be rendered again by
Python-Markdown, a second dialect that differs from the markdown-it rendering and raw-HTML refusal the
course relies on; and it has no matching question type, which the course uses. It would also add two
dependencies (bespon, markdown). The QTI structure itself is small and standard.

Layout: ``imsmanifest.xml`` (IMS Content Packaging 1.1.4) plus, per quiz file, ``<group>/<group>.xml`` (one ``<assessment>``, which Canvas
imports as one quiz and one question bank) and ``<group>/assessment_meta.xml`` (Canvas's quiz settings).
Item types: multiple_choice_question, multiple_answers_question, true_false_question, numerical_question
(exact or range by tolerance), matching_question, short_answer_question, essay_question (free response).

What QTI 1.2 / Canvas cannot express, and what happens:
- ordering: no ordering type in Canvas's QTI 1.2 import. Skipped with a warning listing the ids
  (``--strict`` fails instead), or with ``--ordering-as-matching`` exported as a matching question.
- hints, free-response model answers: no field; listed as notes.
- graded settings (``settings.points``, ``attempts``, ``show_answers``, ``time_limit``) go to
  ``assessment_meta.xml`` (a graded quiz, ``quiz_type`` assignment) and ``cc_maxattempts``; a ``draw`` is a
  QTI random selection, which Canvas imports as a question group.
- Canvas scores multiple-answer questions with its own partial-credit setting, matching pair by pair,
  short answers ignoring case only: notes.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from ..questions import EXPORTED
from .common import Entry, Export, Options, Report, block, groups, number
from .qti_syntax import QtiItem, condition, feedback, material, show, sub

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"           # IMS Content Packaging 1.1.4
MD_NS = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"     # IMS Meta-data 1.2.1
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

TYPES = {"single_choice": "multiple_choice_question", "multiple_select": "multiple_answers_question",
         "true_false": "true_false_question", "numeric": "numerical_question", "matching": "matching_question",
         "short_text": "short_answer_question", "essay": "essay_question", "ordering": "matching_question"}


def _item(section: ET.Element, entry: Entry, options: Options, report: Report, cc: bool = False) -> bool:
    """One question as a QTI ``<item>``: metadata and prompt here, the type's part from its module."""
    src = entry.item
    item = ET.Element("item", ident=entry.id, title=entry.id)
    meta = sub(sub(item, "itemmetadata"), "qtimetadata")
    kind = EXPORTED[entry.type]
    fields = [("question_type", TYPES[entry.type]), ("points_possible", number(entry.settings.points)),
              ("assessment_question_identifierref", f"{entry.id}-bank")]
    if cc:
        fields.insert(0, ("cc_weighting", number(entry.settings.points)))
        if kind.cc_profile:
            fields.insert(0, ("cc_profile", kind.cc_profile))
        else:
            report.note("matching, numeric and ordering items are outside the Common Cartridge QTI profile: "
                        "Canvas imports them by their Canvas question type, other LMSs may drop them", entry.id)
    for label, value in fields:
        field = sub(meta, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", value)
    presentation = sub(item, "presentation")
    material(presentation, kind.question_text(src))
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
    if not kind.qti(q, entry, options, report):
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


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _fields(parent: ET.Element, fields: list[tuple[str, str]]) -> None:
    meta = sub(parent, "qtimetadata")
    for label, value in fields:
        field = sub(meta, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", value)


def assessment(ident: str, title: str, group: list[Entry], options: Options, report: Report,
               cc: bool = False, schema: str = QTI_NS + "p1.xsd") -> tuple[bytes, int]:
    """One quiz file as a QTI ``<assessment>`` with its graded settings, and how many items it holds.

    A draw is a nested section with ``selection_ordering``: QTI's random selection, which Canvas imports
    as a question group (pick ``draw``, ``points_per_item`` each) and Common Cartridge importers as a
    random draw. ``cc`` adds the Common Cartridge QTI profile's metadata (the same file then serves both),
    and ``schema`` names the schema the file follows (QTI 1.2.1's own, or a cartridge version's profile).
    """
    settings = group[0].settings
    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI,
                                           "xsi:schemaLocation": f"{QTI_NS} {schema}"})
    node = sub(root, "assessment", ident=ident, title=title)
    fields = [("cc_maxattempts", str(settings.attempts) if settings.attempts else "unlimited")]
    if cc:
        fields = [("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"),
                  ("qmd_scoretype", "Percentage"), *fields,
                  ("qmd_feedbackpermitted", "Yes" if settings.show_answers != "never" else "No"),
                  ("qmd_solutionspermitted", "Yes" if settings.show_answers != "never" else "No")]
    if settings.time_limit:
        fields.append(("qmd_timelimit", str(settings.time_limit)))
    _fields(node, fields)
    section = sub(node, "section", ident="root_section")
    draw = group[0].draw
    if draw:
        section = sub(section, "section", ident=f"{ident}-draw", title=title)
        selection = sub(sub(section, "selection_ordering"), "selection")
        number_node = sub(selection, "selection_number")
        sub(sub(selection, "selection_extension"), "points_per_item", number(settings.points))
    count = sum(_item(section, entry, options, report, cc) for entry in group)
    if draw:   # never more than the items actually written (a skipped item cannot be drawn)
        number_node.text = str(min(draw, count))
        report.note("draws exported as a random selection (QTI selection_ordering, a Canvas question group)",
                    f"{ident} ({min(draw, count)} of {count})")
    return xml_bytes(root), count


def canvas_meta(ident: str, title: str, group: list[Entry], count: int) -> bytes:
    """Canvas's quiz settings: a graded quiz (an assignment) with the file's attempts, answers and time;
    worth ``points`` for each of the ``count`` items written (or of the items drawn)."""
    settings = group[0].settings
    shown = settings.show_answers != "never"
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS, "xmlns:xsi": XSI,
                               "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    values = [("title", title), ("description", ""), ("shuffle_answers", "true"),
              ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
              ("points_possible", number(settings.total(count))),
              ("show_correct_answers", "true" if shown else "false"),
              ("show_correct_answers_last_attempt", "true" if settings.show_answers == "after_last_attempt" else "false")]
    if settings.time_limit:
        values.append(("time_limit", str(settings.time_limit)))
    values.append(("allowed_attempts", str(settings.attempts) if settings.attempts else "-1"))
    for tag, value in values:
        sub(root, tag, value)
    return xml_bytes(root)


def _manifest(idents: list[str], title: str) -> bytes:
    """The package's ``imsmanifest.xml``: IMS Content Packaging 1.1.4 with its title as IMS Meta-data
    1.2.1, both valid against the published schemas (``tests/exporters/test_published_schemas.py``);
    Canvas finds each quiz by its resource type, ``imsqti_xmlv1p2``."""
    root = ET.Element("manifest", {"identifier": "coursekit-manifest", "xmlns": CP_NS, "xmlns:imsmd": MD_NS})
    meta = sub(root, "metadata")
    sub(meta, "schema", "IMS Content")
    sub(meta, "schemaversion", "1.1.4")
    sub(sub(sub(sub(meta, "imsmd:lom"), "imsmd:general"), "imsmd:title"), "imsmd:langstring", title)
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
    return xml_bytes(root)


def export(entries: list[Entry], options: Options) -> Export:
    report = Report("qti")
    buffer = io.BytesIO()
    idents: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for group, members in groups(entries).items():
            title = members[0].group_title
            data, count = assessment(group, title, members, options, report)
            if not count:
                continue
            idents.append(group)
            archive.writestr(f"{group}/{group}.xml", data)
            archive.writestr(f"{group}/assessment_meta.xml", canvas_meta(group, title, members, count))
        archive.writestr("imsmanifest.xml", _manifest(idents, options.title))
    return Export(buffer.getvalue(), report)
