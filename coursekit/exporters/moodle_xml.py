"""Moodle XML: ``<quiz>`` with one ``<question type=...>`` per item, HTML text in CDATA.

Types: multichoice (single, and multiple with fraction weights from the course's partial-credit rule),
truefalse, numerical (tolerance; incorrect feedback on a '*' answer), matching, shortanswer (incorrect
feedback on a '*' answer), ordering (Moodle's ``ordering`` question type, qtype_ordering: the plugin must be
installed on Moodle versions that do not ship it), essay for free-response exercises (model answer as
grader information, which students never see). One ``category`` question per quiz file groups them.
Hints become ``<hint>``; objectives, difficulty, tags and the section become Moodle tags.
What Moodle grades differently (all-or-nothing multiple select, pair-by-pair matching, case-only short
answers) is listed in the report as notes.
"""
from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape, quoteattr

from . import (ALL_OR_NOTHING_NOTE, MATCHING_NOTE, SHORT_TEXT_NOTE, Entry, Export, Options, Report, block,
               inline, multiple_select_fractions, number, percent, plain, short_answers)


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(tag: str, html: str, fmt: str = "html", indent: str = "    ") -> str:
    return f'{indent}<{tag} format="{fmt}"><text>{cdata(html)}</text></{tag}>'


def _answer(fraction: float | str, html: str, feedback: str = "", extra: str = "", fmt: str = "html") -> str:
    frac = fraction if isinstance(fraction, str) else percent(fraction)
    return (f'    <answer fraction="{frac}" format="{fmt}"><text>{cdata(html) if fmt == "html" else xml_escape(html)}'
            f"</text>{extra}<feedback format=\"html\"><text>{cdata(feedback)}</text></feedback></answer>")


def _combined(correct: str = "", incorrect: str = "", partial: str | None = None) -> list[str]:
    return [_text("correctfeedback", correct),
            _text("partiallycorrectfeedback", incorrect if partial is None else partial),
            _text("incorrectfeedback", incorrect)]


def _feedback(item) -> tuple[str, str]:
    fb = getattr(item, "feedback", None)
    if fb is None or isinstance(fb, str):
        return "", ""
    return block(fb.correct), block(fb.incorrect)


def _body(entry: Entry, report: Report) -> tuple[str, list[str]] | None:
    item, kind = entry.item, entry.type
    lines: list[str] = []
    if kind in ("single_choice", "multiple_select"):
        single = kind == "single_choice"
        if single:
            fractions = [100.0 if c.correct else 0.0 for c in item.choices]
        else:
            fractions = multiple_select_fractions(item)
            if item.scoring == "all_or_nothing":
                report.note(ALL_OR_NOTHING_NOTE, entry.id)
        lines += [f"    <single>{'true' if single else 'false'}</single>", "    <shuffleanswers>true</shuffleanswers>",
                  "    <answernumbering>abc</answernumbering>", "    <showstandardinstruction>1</showstandardinstruction>"]
        lines += _combined()
        lines += [_answer(f, inline(c.text), block(c.feedback)) for c, f in zip(item.choices, fractions)]
        return "multichoice", lines
    if kind == "true_false":
        right, wrong = _feedback(item)
        lines.append(_answer(100 if item.answer else 0, "true", right if item.answer else wrong, fmt="moodle_auto_format"))
        lines.append(_answer(0 if item.answer else 100, "false", wrong if item.answer else right, fmt="moodle_auto_format"))
        return "truefalse", lines
    if kind == "numeric":
        right, wrong = _feedback(item)
        tolerance = f"<tolerance>{number(item.tolerance)}</tolerance>"
        lines.append(_answer(100, number(item.answer), right, tolerance, fmt="moodle_auto_format"))
        if wrong:
            lines.append(_answer(0, "*", wrong, "<tolerance>0</tolerance>", fmt="moodle_auto_format"))
        lines += ["    <unitgradingtype>0</unitgradingtype>", "    <unitpenalty>0.1</unitpenalty>",
                  "    <showunits>3</showunits>", "    <unitsleft>0</unitsleft>"]
        return "numerical", lines
    if kind == "matching":
        report.note(MATCHING_NOTE, entry.id)
        right, wrong = _feedback(item)
        lines.append("    <shuffleanswers>true</shuffleanswers>")
        lines += _combined(right, wrong)
        for pair in item.pairs:
            text, changed = plain(pair.right)
            if changed:
                report.note("matching right-hand sides are plain text in Moodle: images and links there became "
                            "text with their address", entry.id)
            lines.append(f'    <subquestion format="html"><text>{cdata(inline(pair.left))}</text>'
                         f"<answer><text>{xml_escape(text)}</text></answer></subquestion>")
        return "matching", lines
    if kind == "short_text":
        report.note(SHORT_TEXT_NOTE, entry.id)
        right, wrong = _feedback(item)
        lines.append("    <usecase>0</usecase>")
        lines += [_answer(100, a, right, fmt="moodle_auto_format") for a in short_answers(item)]
        if wrong:
            lines.append(_answer(0, "*", wrong, fmt="moodle_auto_format"))
        return "shortanswer", lines
    if kind == "ordering":
        report.note("ordering items use Moodle's `ordering` question type (qtype_ordering), graded all or "
                    "nothing as in the course; install that plugin where Moodle does not ship it", entry.id)
        right, wrong = _feedback(item)
        lines += ["    <layouttype>VERTICAL</layouttype>", "    <selecttype>ALL</selecttype>",
                  "    <selectcount>0</selectcount>", "    <gradingtype>ALL_OR_NOTHING</gradingtype>",
                  "    <showgrading>SHOW</showgrading>", "    <numberingstyle>none</numberingstyle>"]
        lines += _combined(right, wrong)
        lines.append("    <shownumcorrect>1</shownumcorrect>")
        lines += [_answer(f"{n}", inline(entry_text)) for n, entry_text in enumerate(item.order, 1)]
        return "ordering", lines
    if kind == "essay":
        lines += ["    <responseformat>editor</responseformat>", "    <responserequired>1</responserequired>",
                  "    <responsefieldlines>15</responsefieldlines>", "    <attachments>0</attachments>",
                  "    <attachmentsrequired>0</attachmentsrequired>",
                  _text("graderinfo", block(item.model_answer)), _text("responsetemplate", "")]
        return "essay", lines
    report.skip(f"item type {kind!r} is not known to the Moodle XML exporter", entry.id)
    return None


def _tags(entry: Entry) -> list[str]:
    item = entry.item
    tags = [f"section:{entry.section}"] + [f"objective:{o}" for o in getattr(item, "objectives", [])]
    if getattr(item, "difficulty", None):
        tags.append(f"difficulty:{item.difficulty}")
    tags += list(getattr(item, "tags", []))
    body = "".join(f"<tag><text>{xml_escape(t)}</text></tag>" for t in tags)
    return [f"    <tags>{body}</tags>"]


def export(entries: list[Entry], options: Options) -> Export:
    report = Report("moodle-xml")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f"<!-- {xml_escape(options.title).replace('--', '- -')}: exported by coursekit (Moodle XML) -->", "<quiz>"]
    group = None
    for entry in entries:
        body = _body(entry, report)
        if body is None:
            continue
        qtype, lines = body
        if entry.group != group:
            group = entry.group
            out += ['  <question type="category">',
                    f"    <category><text>$course$/top/{xml_escape(entry.group)}</text></category>",
                    f'    <info format="html"><text>{cdata(xml_escape(entry.group_title))}</text></info>',
                    "  </question>"]
        item = entry.item
        prompt = block(item.prompt)
        if getattr(item, "unit", None):
            prompt += f"<p>Unit: {inline(item.unit)}</p>"
        general = block(getattr(item, "explanation", None))
        head = [f"  <question type={quoteattr(qtype)}>",
                f"    <name><text>{xml_escape(entry.id)}</text></name>",
                _text("questiontext", prompt), _text("generalfeedback", general),
                "    <defaultgrade>1</defaultgrade>",
                f"    <penalty>{'0' if qtype == 'essay' else '0.3333333'}</penalty>",
                "    <hidden>0</hidden>", f"    <idnumber>{xml_escape(entry.id)}</idnumber>"]
        hint = getattr(item, "hint", None)
        hints = [_text("hint", block(hint))] if hint else []
        out += head + lines + hints + _tags(entry) + ["  </question>"]
        report.exported.append(entry.id)
    out.append("</quiz>")
    return Export(("\n".join(out) + "\n").encode("utf-8"), report)
