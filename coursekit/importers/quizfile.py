"""Imported questions as one quiz file: every question a course type can express, and why the others not.

Which type a question becomes is asked of every type (``QuestionType.from_lms``); the item built is then
checked with that type's own model, so the file written passes ``coursekit check`` (an item the model
refuses is listed with the model's reason instead). Objective ids come from the tags the course's exporters
write (``objective:...``); their wording is not in an LMS file, so each objective says so, for the
instructor to write. YAML is written with ruamel.yaml, block style, Unicode kept.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from .common import LmsQuestion, Unmappable

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NOT_QUIZ = {"essay": "essay questions are free-response exercises, not quiz items (copy it into the section's "
                      "free-response.yml)",
             "description": "a description is text, not a question",
             "missing-word": "text after the answer block (a missing-word question) has no course type"}


@dataclass
class Imported:
    quiz: dict
    unmapped: list[tuple[str, str]] = field(default_factory=list)   # (question name, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)      # (item id, what changed)


def slug(text: str) -> str:
    found = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:80].strip("-")
    return found or "item"


def _item_id(q: LmsQuestion, taken: set[str]) -> str:
    for candidate in (q.settings.get("idnumber", ""), q.name):
        if _ID.match(candidate or "") and candidate not in taken:
            return candidate
    base, n = slug(q.name), 2
    found = base
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


def _common(q: LmsQuestion) -> dict:
    found: dict = {}
    objectives = [t.split(":", 1)[1] for t in q.tags if t.startswith("objective:")]
    difficulty = [t.split(":", 1)[1] for t in q.tags if t.startswith("difficulty:")]
    tags = [t for t in q.tags if t and not t.startswith(("objective:", "difficulty:", "section:"))]
    if q.general_feedback:
        found["explanation"] = q.general_feedback
    if q.hint:
        found["hint"] = q.hint
    if objectives:
        found["objectives"] = objectives
    if difficulty and difficulty[0] in ("easy", "medium", "hard"):
        found["difficulty"] = difficulty[0]
    if tags:
        found["tags"] = tags
    source = q.settings.get("source", "")
    if source.startswith("https://"):
        found["source"] = {"url": source, "title": source}
        q.notes.append("the source's title is not in the file; its address stands in for it")
    elif _ID.match(source):
        found["source"] = {"cite": source}
    return found


def _map(q: LmsQuestion) -> tuple[str, dict]:
    from ..questions import TYPES

    if q.qtype in _NOT_QUIZ:
        raise Unmappable(_NOT_QUIZ[q.qtype])
    if not q.text.strip():
        raise Unmappable("the question has no text")
    for name, kind in TYPES.items():
        fields = kind.from_lms(q)
        if fields is not None:
            return name, fields
    raise Unmappable(f"Moodle's {q.qtype or 'unknown'} question type has no course type")


def build(questions: list[LmsQuestion], quiz_id: str, section: str, title: str) -> Imported:
    from ..questions import TYPES

    result = Imported({})
    items, taken = [], set()
    for q in questions:
        try:
            name, fields = _map(q)
        except Unmappable as exc:
            result.unmapped.append((q.name, str(exc)))
            continue
        item = {"id": _item_id(q, taken), "type": name, "prompt": q.text, **fields, **_common(q)}
        item = {"id": item.pop("id"), "type": item.pop("type"), "prompt": item.pop("prompt"), **item}
        try:
            TYPES[name].model.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            result.unmapped.append((q.name, f"as {name}: {where}: {first['msg']}"))
            continue
        taken.add(item["id"])
        items.append(item)
        result.notes += [(item["id"], note) for note in q.notes]
    objectives = list(dict.fromkeys(o for item in items for o in item.get("objectives", [])))
    result.quiz = {"kind": "quiz", "id": quiz_id, "section": section, "title": title,
                   "objectives": [{"id": o, "text": f"Objective {o} (imported: its wording is not in the LMS file)"}
                                  for o in objectives]}
    draw = next((q.draw for q in questions if q.draw), None)
    if draw and draw <= len(items):
        result.quiz["settings"] = {"draw": draw}   # the category's random selection, as the export wrote it
    result.quiz["items"] = items
    return result


def to_yaml(quiz: dict, header: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    stream.write(f"# {header}\n")
    yaml.dump(quiz, stream)
    return stream.getvalue()
