"""What both readers produce: a question shaped as Moodle stores it, its texts already Markdown."""
from __future__ import annotations

from dataclasses import dataclass, field


class Unmappable(Exception):
    """A question of a known LMS type that the course cannot express; the message is the reason."""


class ReadError(Exception):
    """A file that cannot be read as the format it claims; the message is one located line."""


@dataclass
class LmsAnswer:
    fraction: float          # percent, as Moodle lists it (100, 33.33333, -50, 0)
    text: str                # Markdown (choices) or plain text (short answers, numbers, '*')
    feedback: str = ""       # Markdown
    tolerance: float = 0.0   # numerical answers only


@dataclass
class LmsQuestion:
    """One question as Moodle stores it; ``qtype`` is Moodle's name (multichoice, truefalse, ...)."""

    name: str
    qtype: str
    text: str = ""                      # the prompt, Markdown
    general_feedback: str = ""          # becomes the explanation
    answers: list[LmsAnswer] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)   # matching: (left Markdown, right plain)
    settings: dict[str, str] = field(default_factory=dict)       # single, shuffleanswers, usecase, ...
    correct_feedback: str = ""
    incorrect_feedback: str = ""
    hint: str = ""
    tags: list[str] = field(default_factory=list)
    category: str = ""
    draw: int | None = None             # "add N random questions from this category" (coursekit's export)
    notes: list[str] = field(default_factory=list)   # what changed on the way in, for the report

    def feedback(self) -> dict | None:
        """Item-level feedback as the quiz file writes it, or None."""
        found = {k: v for k, v in (("correct", self.correct_feedback), ("incorrect", self.incorrect_feedback)) if v}
        return found or None
