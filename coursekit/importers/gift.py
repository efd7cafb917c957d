"""GIFT as Moodle writes and reads it, in Python: the course's own reader, not a third-party parser.

Why not a library: the Python GIFT parsers on PyPI are unmaintained, and pygiftparser rejects Moodle's
numeric wrong-answer feedback (``~#feedback`` after a numerical answer), which Moodle itself writes; the
maintained parser, gift-pegjs, is JavaScript. So this module reads the subset Moodle defines (categories,
``::name::``, ``[html]``/``[markdown]``/``[plain]`` text, ``=``/``~`` answers with ``%weight%`` and ``#feedback``,
``####`` general feedback, ``TRUE``/``FALSE``, ``#`` numbers with ``:tolerance`` or ``min..max``, ``->`` pairs,
``{}`` essays), and the tests check it against gift-pegjs run by Node. Questions come out shaped as Moodle
stores them (``multichoice``, ``truefalse``, ...), so the question types map them exactly as from Moodle XML.
``//`` comment lines above a question carry what the course's GIFT writer puts there (objectives, difficulty,
tags) and are read back as the Moodle XML tags would be.
"""
from __future__ import annotations

import re

from .common import LmsAnswer, LmsQuestion, ReadError
from .markup import escape as md_escape, to_markdown

_ESCAPABLE = "~=#{}:\\"


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt if nxt in _ESCAPABLE else "\\" + nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _find(text: str, target: str, start: int = 0) -> int:
    """The index of ``target`` at or after ``start`` not preceded by a backslash escape, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def _split_answers(body: str) -> list[str]:
    """Answer entries, each starting with its unescaped ``=`` or ``~``."""
    starts, i = [], 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body[i] in "=~" and not body.startswith("->", i - 1 if i else 0) and (i == 0 or body[i - 1].isspace()
                                                                                or body[i - 1] in "}"):
            starts.append(i)
        i += 1
    return [body[a:b].strip() for a, b in zip(starts, starts[1:] + [len(body)])]


class _Text:
    """Turns a GIFT text in the question's format into Markdown, collecting notes."""

    def __init__(self, fmt: str, notes: list[str]):
        self.fmt, self.notes = fmt, notes

    def __call__(self, raw: str) -> str:
        text = _unescape(raw).strip()
        if self.fmt == "markdown":
            return text
        if self.fmt == "html":
            found, notes = to_markdown(text)
            self.notes.extend(n for n in notes if n not in self.notes)
            return found
        return md_escape(text)


def _parts(entry: str) -> tuple[float | None, str, str]:
    """(weight or None, answer text, raw feedback) of one answer entry (without its = or ~)."""
    weight = None
    match = re.match(r"%(-?[\d.]+)%", entry)
    if match:
        weight, entry = float(match.group(1)), entry[match.end():]
    cut = _find(entry, "#")
    return weight, (entry if cut < 0 else entry[:cut]), ("" if cut < 0 else entry[cut + 1:])


def _numeric(q: LmsQuestion, body: str, text: _Text) -> None:
    entries = _split_answers(body) or [body]
    for entry in entries:
        sign, entry = (entry[0], entry[1:]) if entry[:1] in "=~" else ("=", entry)
        weight, value, fb = _parts(entry)
        value = _unescape(value).strip()
        fraction = weight if weight is not None else (100.0 if sign == "=" else 0.0)
        if sign == "~" and not value:
            q.answers.append(LmsAnswer(0.0, "*", text(fb)))
            continue
        if ".." in value:
            low, high = (float(v) for v in value.split(".."))
            q.answers.append(LmsAnswer(fraction, repr((low + high) / 2).removesuffix(".0"), text(fb), (high - low) / 2))
        else:
            number, _, tolerance = value.partition(":")
            q.answers.append(LmsAnswer(fraction, number.strip(), text(fb), float(tolerance or 0)))


def _question(block: str, where: str, category: str, meta: dict) -> LmsQuestion:
    name, rest = "", block
    if rest.startswith("::"):
        end = _find(rest, "::", 2)
        if end < 0:
            raise ReadError(f"{where}: error: the question name opened with :: is not closed")
        name, rest = _unescape(rest[2:end]).strip(), rest[end + 2:].lstrip()
    fmt = "moodle"
    match = re.match(r"\[(html|markdown|plain|moodle)\]", rest)
    if match:
        fmt, rest = match.group(1), rest[match.end():]
    notes: list[str] = []
    text = _Text(fmt, notes)
    opening = _find(rest, "{")
    closing = _find(rest, "}", opening + 1) if opening >= 0 else -1
    if opening < 0 or closing < 0:
        q = LmsQuestion(name or "description", "description", text(rest), notes=notes)
        return q
    q = LmsQuestion(name or " ".join(_unescape(rest[:opening]).split())[:40], "", text(rest[:opening]),
                    category=category, notes=notes, tags=meta.get("tags", []))
    if meta.get("source"):
        q.settings["source"] = meta["source"]
    if rest[closing + 1:].strip():
        q.qtype = "missing-word"
        return q
    body = rest[opening + 1:closing].strip()
    general = _find(body, "####")
    if general >= 0:
        q.general_feedback, body = text(body[general + 4:]), body[:general].strip()
    if not body:
        q.qtype = "essay"
    elif body.startswith("#"):
        q.qtype = "numerical"
        _numeric(q, body[1:].strip(), text)
    elif re.fullmatch(r"(T|TRUE|F|FALSE)(#.*)?", body, re.S):
        q.qtype = "truefalse"
        cut = _find(body, "#")
        value, feedback = (body, "") if cut < 0 else (body[:cut], body[cut + 1:])
        second = _find(feedback, "#")
        wrong_fb, right_fb = (feedback, "") if second < 0 else (feedback[:second], feedback[second + 1:])
        truth = value.startswith("T")
        q.answers = [LmsAnswer(100.0 if truth else 0.0, "true", text(right_fb if truth else wrong_fb)),
                     LmsAnswer(0.0 if truth else 100.0, "false", text(wrong_fb if truth else right_fb))]
    else:
        entries = _split_answers(body)
        if entries and all(e.startswith("=") and _find(e, "->") >= 0 for e in entries):
            q.qtype = "matching"
            for entry in entries:
                arrow = _find(entry, "->")
                q.pairs.append((text(entry[1:arrow]), _unescape(entry[arrow + 2:]).strip()))
        else:
            q.qtype = "shortanswer" if all(e.startswith("=") for e in entries) else "multichoice"
            q.settings["single"] = "true" if any(e.startswith("=") for e in entries) else "false"
            for entry in entries:
                weight, answer, fb = _parts(entry[1:])
                fraction = weight if weight is not None else (100.0 if entry[0] == "=" else 0.0)
                shown = _unescape(answer).strip() if q.qtype == "shortanswer" else text(answer)
                q.answers.append(LmsAnswer(fraction, shown, text(fb)))
    return q


_META = re.compile(r"(objectives|difficulty|tags|source): ([^;]+)")


def _meta(comments: list[str]) -> dict:
    """Objectives, difficulty and tags from the course's ``//`` comment line, as Moodle XML tags."""
    tags: list[str] = []
    source = ""
    for comment in comments:
        for key, value in _META.findall(comment):
            values = [v.strip() for v in value.split(",") if v.strip()]
            if key == "objectives":
                tags += [f"objective:{v}" for v in values]
            elif key == "difficulty":
                tags.append(f"difficulty:{values[0]}")
            elif key == "source":
                source = value.strip()
            else:
                tags += values
    return {"tags": tags, "source": source}


def read(data: bytes, shown: str) -> list[LmsQuestion]:
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{shown}: error: not UTF-8 text (byte {exc.start})") from None
    found, category = [], ""
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", source):
        line = source.count("\n", 0, match.start()) + 1
        comments, lines = [], []
        for raw in match.group(0).splitlines():
            stripped = raw.strip()
            if stripped.startswith("//"):
                comments.append(stripped[2:])
            elif stripped.startswith("$CATEGORY:"):
                category = stripped[len("$CATEGORY:"):].strip()
            else:
                lines.append(raw)
        if lines:
            found.append(_question("\n".join(lines).strip(), f"{shown}:{line}", category, _meta(comments)))
    return found
