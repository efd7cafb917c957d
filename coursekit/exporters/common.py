"""What every LMS exporter shares: the entries to export, the options, the report and text helpers.

Every exporter takes the same list of :class:`Entry` (one per quiz item or free-response exercise) and
returns an :class:`Export`: the bytes to write plus a :class:`Report` that says, item by item, what a
format could not express and what was done about it. Nothing is dropped or changed silently: a skipped
item is listed by id (and ``--strict`` turns any skip into a failure); a change in grading or in where a
text appears is a note, also listed by id.

Text is the instructors' Markdown rendered by :func:`coursekit.schema.markdown.to_html` (raw HTML is
refused at validation and escaped at rendering), so images stay ``<img src="https://...">`` and links stay
links in every format.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..schema.markdown import to_html

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..course import Course

@dataclass(frozen=True)
class Entry:
    """One exportable question: a quiz item, or a free-response exercise (an essay question)."""

    group: str          # quiz id, or '<part>-<name>-writing' for a free-response file
    group_title: str
    section: str
    item: "BaseModel"   # a quiz item model, or a FreeResponse
    path: Path
    settings: Any        # the quiz file's schema.quiz.Settings (the defaults for a free-response file)
    size: int = 1        # items in the entry's file, which a draw picks from

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def type(self) -> str:
        return getattr(self.item, "type", "essay")

    @property
    def draw(self) -> int | None:
        """How many of the file's items a student gets, when fewer than all are drawn."""
        draw = self.settings.draw
        return draw if draw and draw < self.size else None


@dataclass
class Options:
    ordering_as_matching: bool = False   # export ordering items as matching (entry -> position)
    title: str = "Course question bank"
    course: "Course | None" = None       # the packages (Common Cartridge, SCORM) carry the course's pages
    bank: Any = None                     # ... and its prompts and free-response files (a coursekit Bank)
    cc_version: str = "1.1"


@dataclass
class Report:
    """What a format could not express. ``skipped`` and ``notes`` map a message to the item ids concerned."""

    format: str
    exported: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)   # what a package holds: pages, quizzes, ...

    def warn(self, message: str, item_id: str) -> None:
        """Exported, but something students or the gradebook will notice differs (e.g. a draw ignored)."""
        ids = self.warnings.setdefault(message, [])
        if item_id not in ids:
            ids.append(item_id)

    def skip(self, message: str, item_id: str) -> None:
        self.skipped.setdefault(message, []).append(item_id)

    def note(self, message: str, item_id: str) -> None:
        ids = self.notes.setdefault(message, [])
        if item_id not in ids:
            ids.append(item_id)

    @property
    def skipped_ids(self) -> list[str]:
        return [i for ids in self.skipped.values() for i in ids]

    def messages(self) -> list[tuple[str, str]]:
        """(severity, text) lines for the instructor: skips are warnings, notes are information."""
        lines = [("warning", f"{message}; skipped ({len(ids)}): {', '.join(ids)}")
                 for message, ids in self.skipped.items()]
        lines += [("warning", f"{message} ({len(ids)}): {', '.join(ids)}") for message, ids in self.warnings.items()]
        lines += [("note", f"{message} ({len(ids)}): {', '.join(ids)}") for message, ids in self.notes.items()]
        return lines


@dataclass
class Export:
    """One file (``data``), or for a format that writes several (SCORM), ``files`` by name and no data."""

    data: bytes
    report: Report
    files: dict[str, bytes] = field(default_factory=dict)


def entries(bank) -> list[Entry]:
    """Every exportable question of ``bank``, file by file in path order (quizzes, then free response)."""
    from ..kinds import KINDS   # the quiz model through the kinds table: schema.quiz imports the question types

    defaults = KINDS["quiz"].model.model_fields["settings"].default
    found: list[Entry] = []
    for path, quiz in bank.of_kind("quiz"):
        found += [Entry(quiz.id, quiz.title, quiz.section, item, path, quiz.settings, len(quiz.items))
                  for item in quiz.items]
    for path, model in bank.of_kind("free_response"):
        group = writing_id(model.section)
        found += [Entry(group, model.title, model.section, ex, path, defaults, len(model.exercises))
                  for ex in model.exercises]
    return found


def writing_id(section: str) -> str:
    """The group id of a section's free-response exercises: '<part>-<name>-writing'."""
    return section.replace("/", "-") + "-writing"


def groups(found: list[Entry]) -> dict[str, list[Entry]]:
    """Entries by quiz (or free-response file), in the order first met."""
    grouped: dict[str, list[Entry]] = {}
    for entry in found:
        grouped.setdefault(entry.group, []).append(entry)
    return grouped


# ---------------------------------------------------------------- text helpers shared by the formats

def block(markdown: str | None) -> str:
    """Markdown as block HTML (paragraphs, lists), on one line per block."""
    return to_html(markdown).strip()


def inline(markdown: str | None) -> str:
    """Markdown as inline HTML (for choices and matching left sides)."""
    return to_html(markdown, inline=True).strip()


_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"[^>]*>')
_TAG = re.compile(r"<[^>]+>")


def plain(markdown: str) -> tuple[str, bool]:
    """Markdown as plain text, for fields an LMS shows as text (matching right sides, short answers).

    Returns (text, changed): ``changed`` is True when formatting was more than emphasis, i.e. an image
    became its alt text and address, or a link lost its address, so the caller can say so.
    """
    rendered = inline(markdown)
    changed = "<img" in rendered or "<a " in rendered
    rendered = _IMG.sub(lambda m: f"{m.group(2)} ({m.group(1)})", rendered)
    return " ".join(html.unescape(_TAG.sub("", rendered)).split()), changed


def number(value: float) -> str:
    """A number as an LMS reads it: no exponent, no trailing '.0'."""
    if float(value).is_integer():
        return str(int(value))
    return format(value, "f").rstrip("0").rstrip(".")


def multiple_select_fractions(item) -> list[float]:
    """Per-choice weights in percent, from the rule of :mod:`coursekit.scoring`.

    Score = (right ticked - wrong ticked) / right, never below 0: each right choice is worth +100/right,
    each wrong choice -100/right. Moodle adds the weights of the ticked choices and clips to [0, 100],
    which is the same rule.
    """
    right = sum(1 for c in item.choices if c.correct)
    return [(100.0 if c.correct else -100.0) / right for c in item.choices]


def percent(value: float) -> str:
    """A weight as Moodle lists it (33.33333, -50, 100)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def ordering_as_pairs(item) -> list[tuple[str, str]]:
    """An ordering item as matching pairs: each entry -> its position ('Position 1', ...)."""
    return [(entry, f"Position {n}") for n, entry in enumerate(item.order, 1)]


def short_answers(item) -> list[str]:
    """Accepted answers as plain text plus their folded forms (no case, punctuation or diacritics).

    The course ignores case, spacing, punctuation and diacritics; LMSs ignore case only, so the folded
    form of each answer is added as a further accepted answer when it differs.
    """
    from ..schema.common import normalise

    seen: list[str] = []
    for answer in item.accepted:
        for candidate in (answer.strip(), normalise(answer)):
            if candidate and candidate.lower() not in (s.lower() for s in seen):
                seen.append(candidate)
    return seen


SHORT_TEXT_NOTE = ("short-text answers: the LMS ignores case only; folded forms of the accepted answers "
                   "(no punctuation or diacritics) were added as further accepted answers")
MATCHING_NOTE = ("matching items: the LMS gives credit pair by pair; the course gives credit only when every "
                 "pair is right")
ALL_OR_NOTHING_NOTE = ("multiple-select items with `scoring: all_or_nothing`: exported with partial-credit "
                       "weights (+100/right, -100/right per choice), since the format has no all-or-nothing "
                       "multiple answer type")
ORDERING_AS_MATCHING_NOTE = "ordering items exported as matching questions (each entry -> its position)"
