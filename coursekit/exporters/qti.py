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

from . import (MATCHING_NOTE, ORDERING_AS_MATCHING_NOTE, SHORT_TEXT_NOTE, Entry, Export, Options, Report, block,
               inline, number, ordering_as_pairs, plain, short_answers)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

TYPES = {"single_choice": "multiple_choice_question", "multiple_select": "multiple_answers_question",
         "true_false": "true_false_question", "numeric": "numerical_question", "matching": "matching_question",
         "short_text": "short_answer_question", "essay": "essay_question", "ordering": "matching_question"}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _material(parent: ET.Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


def _feedback(item: ET.Element, ident: str, html: str) -> None:
    if html:
        _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html)


def _condition(processing: ET.Element, continue_: str = "No") -> tuple[ET.Element, ET.Element]:
    cond = _sub(processing, "respcondition", continue_=continue_)
    return cond, _sub(cond, "conditionvar")


def _score(cond: ET.Element, value: str = "100", action: str = "Set") -> None:
    _sub(cond, "setvar", value, action=action, varname="SCORE")


def _show(cond: ET.Element, ident: str) -> None:
    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _item(section: ET.Element, entry: Entry, options: Options, report: Report) -> bool:
    src, kind = entry.item, entry.type
    if kind == "ordering" and not options.ordering_as_matching:
        report.skip("ordering items cannot be expressed in QTI 1.2 for Canvas (no ordering type; "
                    "--ordering-as-matching exports them as matching questions)", entry.id)
        return False
    if kind not in TYPES:
        report.skip(f"item type {kind!r} is not known to the QTI exporter", entry.id)
        return False
    item = _sub(section, "item", ident=entry.id, title=entry.id)
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, value in (("question_type", TYPES[kind]), ("points_possible", "1.0"),
                         ("assessment_question_identifierref", f"{entry.id}-bank")):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", value)
    presentation = _sub(item, "presentation")
    prompt = block(src.prompt) + (f"<p>Unit: {inline(src.unit)}</p>" if getattr(src, "unit", None) else "")
    _material(presentation, prompt)
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")

    general = block(getattr(src, "explanation", None))
    if general:
        cond, var = _condition(processing, "Yes")
        _sub(var, "other")
        _show(cond, "general_fb")
    fb = getattr(src, "feedback", None)
    right_fb = block(fb.correct) if fb is not None and not isinstance(fb, str) else ""
    wrong_fb = block(fb.incorrect) if fb is not None and not isinstance(fb, str) else ""

    if kind in ("single_choice", "multiple_select", "true_false"):
        if kind == "true_false":
            choices = [("True", src.answer, right_fb if src.answer else wrong_fb),
                       ("False", not src.answer, wrong_fb if src.answer else right_fb)]
            texts = [(t, c, f) for t, c, f in choices]
            right_fb = wrong_fb = ""   # given per choice above
        else:
            texts = [(inline(c.text), c.correct, block(c.feedback)) for c in src.choices]
        multiple = kind == "multiple_select"
        lid = _sub(presentation, "response_lid", ident="response1", rcardinality="Multiple" if multiple else "Single")
        render = _sub(lid, "render_choice")
        idents = [f"{entry.id}-{n}" for n in range(len(texts))]
        for ident, (text, _correct, feedback) in zip(idents, texts):
            _material(_sub(render, "response_label", ident=ident), text)
            if feedback:
                cond, var = _condition(processing, "Yes")
                _sub(var, "varequal", ident, respident="response1")
                _show(cond, f"{ident}_fb")
                _feedback(item, f"{ident}_fb", feedback)
        cond, var = _condition(processing)
        if multiple:
            report.note("multiple-select items: Canvas grades multiple answers with its own partial-credit "
                        "setting; the course's rule is +100/right per right choice, -100/right per wrong one",
                        entry.id)
            both = _sub(var, "and")
            for ident, (_text, correct, _fb) in zip(idents, texts):
                if correct:
                    _sub(both, "varequal", ident, respident="response1")
                else:
                    _sub(_sub(both, "not"), "varequal", ident, respident="response1")
        else:
            right = next(i for i, (_t, c, _f) in zip(idents, texts) if c)
            _sub(var, "varequal", right, respident="response1")
        _score(cond)
    elif kind in ("matching", "ordering"):
        if kind == "ordering":
            report.note(ORDERING_AS_MATCHING_NOTE, entry.id)
            pairs = ordering_as_pairs(src)
        else:
            report.note(MATCHING_NOTE, entry.id)
            pairs = [(p.left, p.right) for p in src.pairs]
        rights = []
        for _left, right in pairs:
            text, changed = plain(right)
            if changed:
                report.note("matching right-hand sides are plain text in Canvas: images and links there became "
                            "text with their address", entry.id)
            rights.append(text)
        right_ids = [f"{entry.id}-r{n}" for n in range(len(pairs))]
        share = number(round(100 / len(pairs), 4))
        for n, (left, _right) in enumerate(pairs):
            lid = _sub(presentation, "response_lid", ident=f"response_{entry.id}-l{n}")
            _material(lid, inline(left))
            render = _sub(lid, "render_choice")
            for ident, text in zip(right_ids, rights):
                _sub(_sub(_sub(render, "response_label", ident=ident), "material"), "mattext", text)
            cond, var = _condition(processing, "Yes")
            _sub(var, "varequal", right_ids[n], respident=f"response_{entry.id}-l{n}")
            _score(cond, share, "Add")
        if right_fb:   # shown only when every pair is right
            cond, var = _condition(processing, "Yes")
            every = _sub(var, "and")
            for n in range(len(pairs)):
                _sub(every, "varequal", right_ids[n], respident=f"response_{entry.id}-l{n}")
            _show(cond, "correct_fb")
            _feedback(item, "correct_fb", right_fb)
            right_fb = ""
    elif kind == "numeric":
        resp = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(resp, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        cond, var = _condition(processing)
        either = _sub(var, "or")
        _sub(either, "varequal", number(src.answer), respident="response1")
        span = _sub(either, "and")
        _sub(span, "vargte", number(src.answer - src.tolerance), respident="response1")
        _sub(span, "varlte", number(src.answer + src.tolerance), respident="response1")
        _score(cond)
    elif kind == "short_text":
        report.note(SHORT_TEXT_NOTE, entry.id)
        resp = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(resp, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        cond, var = _condition(processing)
        for answer in short_answers(src):
            _sub(var, "varequal", answer, respident="response1")
        _score(cond)
    elif kind == "essay":
        report.note("free-response model answers are for instructors and have no field in QTI 1.2 for "
                    "Canvas: not exported (Moodle XML keeps them as grader information)", entry.id)
        resp = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(resp, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _sub(_condition(processing)[1], "other")   # nothing scored: graded by hand

    if right_fb:
        # attach to the condition that gives full marks
        for cond in processing.findall("respcondition"):
            if cond.find("setvar") is not None:
                _show(cond, "correct_fb")
        _feedback(item, "correct_fb", right_fb)
    if wrong_fb:
        cond, var = _condition(processing)
        _sub(var, "other")
        _show(cond, "general_incorrect_fb")
        _feedback(item, "general_incorrect_fb", wrong_fb)
    if general:
        _feedback(item, "general_fb", general)
    if getattr(src, "hint", None):
        report.note("hints have no field in QTI 1.2 for Canvas: not exported (Moodle XML keeps them)", entry.id)
    report.exported.append(entry.id)
    return True


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _assessment(ident: str, title: str, group: list[Entry], options: Options, report: Report) -> tuple[bytes, int]:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI,
                                           "xsi:schemaLocation": f"{QTI_NS} {QTI_NS}p1.xsd"})
    assessment = _sub(root, "assessment", ident=ident, title=title)
    meta = _sub(assessment, "qtimetadata")
    field = _sub(meta, "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    count = sum(_item(section, entry, options, report) for entry in group)
    return _xml(root), count


def _meta(ident: str, title: str) -> bytes:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS, "xmlns:xsi": XSI,
                               "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    for tag, value in (("title", title), ("description", ""), ("shuffle_answers", "true"),
                       ("scoring_policy", "keep_highest"), ("quiz_type", "practice_quiz"),
                       ("allowed_attempts", "-1"), ("show_correct_answers", "true")):
        _sub(root, tag, value)
    return _xml(root)


def _manifest(idents: list[str], title: str) -> bytes:
    root = ET.Element("manifest", {"identifier": "coursekit-manifest", "xmlns": CP_NS,
                                   "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2"})
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    lom = _sub(meta, "imsmd:lom")
    _sub(_sub(_sub(lom, "imsmd:general"), "imsmd:title"), "imsmd:string", title)
    _sub(_sub(_sub(_sub(lom, "imsmd:lifeCycle"), "imsmd:contribute"), "imsmd:date"), "imsmd:dateTime",
         date.today().isoformat())
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for ident in idents:
        resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
        _sub(resource, "file", href=f"{ident}/{ident}.xml")
        _sub(resource, "dependency", identifierref=f"{ident}-meta")
        meta_res = _sub(resources, "resource", identifier=f"{ident}-meta",
                        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                        href=f"{ident}/assessment_meta.xml")
        _sub(meta_res, "file", href=f"{ident}/assessment_meta.xml")
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
