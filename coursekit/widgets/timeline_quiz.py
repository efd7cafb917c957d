"""Scored activities from the timeline data, through the quiz engine.

``timeline_quiz(spec, "part2/iran-deal", seed=1, count=4)`` builds a :class:`QuizFile` with alternating
"put these events in order" (ordering, 3-5 events) and "which came first" (single choice) items, and
returns it as a :class:`coursekit.Quiz`. The same seed gives the same quiz. Two events are only ever
compared when the days they denote do not overlap: identical start dates, a year against a day in that
year, or overlapping spans are never paired, so every item has exactly one right answer.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from ..dates import date_label, interval
from ..schema.common import normalise
from ..schema.quiz import QuizFile
from ..schema.timeline import Event, TimelineFile
from ..strings import t
from .quiz import Quiz

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~|&!#])")


def plain(text: str) -> str:
    """``text`` as Markdown that renders exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def comparable(a: Event, b: Event) -> bool:
    """True when one event certainly came before the other."""
    (a0, a1), (b0, b1) = interval(a.date), interval(b.date)
    return a1 < b0 or b1 < a0


def _explanation(events: list[Event]) -> str:
    lines = []
    for event in sorted(events, key=lambda e: interval(e.date)):
        source = event.sources[0]
        lines.append(f"- {plain(date_label(event.date))}: {plain(event.title)} "
                     f"([{plain(source.title)}]({source.url}))")
    return "\n".join(lines)


def _pick_ordered(events: list[Event], size: int, rng: random.Random) -> list[Event] | None:
    """``size`` events that can all be told apart in time, or None."""
    for _ in range(30):
        pool = events[:]
        rng.shuffle(pool)
        chosen: list[Event] = []
        for event in pool:
            if all(comparable(event, other) and normalise(event.title) != normalise(other.title) for other in chosen):
                chosen.append(event)
                if len(chosen) == size:
                    return sorted(chosen, key=lambda e: interval(e.date))
    return None


def build_quiz_file(spec: TimelineFile, section: str, seed: int = 0, count: int = 4,
                    section_title: str | None = None) -> QuizFile:
    """The quiz as a checked QuizFile; raise ValueError if the section has too few datable events.
    Its title names the section (``section_title``, else its id): a page may show several of these
    quizzes, and the title is what tells them apart there and on My progress."""
    events = spec.for_section(section)
    rng = random.Random(f"timeline:{section}:{seed}")
    slug = section.replace("/", "-")
    items, seen = [], set()
    kinds = ["ordering", "single_choice"]
    if rng.random() < 0.5:
        kinds.reverse()
    attempts = 0
    while len(items) < count and attempts < count * 20:
        attempts += 1
        kind = kinds[len(items) % 2]
        size = rng.randint(3, min(5, len(events))) if kind == "ordering" and len(events) >= 3 else 2
        if kind == "ordering" and size < 3:
            kind, size = "single_choice", 2
        chosen = _pick_ordered(events, size, rng)
        if chosen is None and kind == "ordering":
            kind, size = "single_choice", 2
            chosen = _pick_ordered(events, size, rng)
        if chosen is None:
            break
        key = (kind, frozenset(e.id for e in chosen))
        if key in seen:
            continue
        seen.add(key)
        number = len(items) + 1
        if kind == "ordering":
            items.append({
                "id": f"{slug}-s{seed}-order-{number}", "type": "ordering",
                "prompt": t("timelineQuiz.orderPrompt"),
                "order": [plain(e.title) for e in chosen],
                "explanation": _explanation(chosen),
            })
        else:
            first, second = chosen
            shown = [first, second] if rng.random() < 0.5 else [second, first]
            items.append({
                "id": f"{slug}-s{seed}-first-{number}", "type": "single_choice",
                "prompt": t("timelineQuiz.firstPrompt"),
                "choices": [{"text": plain(e.title), "correct": e is first} for e in shown],
                "explanation": _explanation(chosen),
            })
    if not items:
        raise ValueError(f"section {section!r} has fewer than two events that can be told apart in time")
    return QuizFile.model_validate({
        "kind": "quiz", "id": f"timeline-{slug}-s{seed}", "section": section,
        "title": t("timelineQuiz.title", section=section_title or section), "settings": {"seed": seed}, "items": items,
    })


def timeline_quiz(spec: TimelineFile, section: str, seed: int = 0, count: int = 4,
                  source: Path | None = None, section_title: str | None = None) -> Quiz:
    """The quiz as a :class:`coursekit.Quiz` widget."""
    return Quiz(build_quiz_file(spec, section, seed, count, section_title), source=source)
