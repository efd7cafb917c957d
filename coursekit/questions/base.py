"""What every question type is made of, and the parts of the quiz file format they share.

A question type is one module in this package that defines its pydantic model and one
:class:`QuestionType` with every behaviour the course needs of it: scoring, the data the page's quiz
receives, the no-JavaScript fallback, the answer key, and its writer for each LMS format. The registry
(:mod:`coursekit.questions`) collects them; nothing else in coursekit branches on an item's type.
"""
from __future__ import annotations

import html
import random
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..schema.common import Difficulty, Id, Source, Strict, Text, normalise
from ..schema.markdown import Markdown, to_html

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from ..exporters.common import Entry, Options, Report
    from ..exporters.qti_syntax import QtiItem
    from ..importers.common import LmsQuestion


class Feedback(Strict):
    """Feedback for a right and for a wrong answer."""

    correct: Markdown | None = Field(None, description="Shown after a right answer.")
    incorrect: Markdown | None = Field(None, description="Shown after a wrong answer; say what the right answer is and why.")


class ItemBase(Strict):
    """The fields every quiz item has, whatever its type."""

    id: Id = Field(description="Unique id of the item across the course.")
    prompt: Markdown = Field(description="The question as students see it.")
    explanation: Markdown | None = Field(None, description="Shown after answering: the why, in 1-3 sentences.")
    hint: Markdown | None = Field(None, description="An optional hint students can open before answering.")
    objectives: list[Id] = Field([], description="Ids of the objectives (listed at the top of the file) the item assesses.")
    difficulty: Difficulty | None = Field(None, description="easy, medium or hard.")
    tags: list[Text] = Field([], description="Free labels for sorting and exporting.")
    source: Source | None = Field(None, description="Where the fact comes from: `{cite: key}` or `{url: ..., title: ...}`.")


class WithFeedback(ItemBase):
    """An item with one feedback for a right and one for a wrong answer (all but the choice types)."""

    feedback: Feedback | None = Field(None, description="Feedback shown after a right and after a wrong answer.")


SHUFFLE = ("Shuffle the order per learner (default true); false keeps the file's order for choices and one "
           "fixed order, the same for every learner, for ordering and matching items.")


def unique(values: list[str], what: str) -> None:
    """Refuse repeats (compared as students would read them: case, accents and punctuation folded)."""
    seen: set[str] = set()
    for value in map(normalise, values):
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}; each must appear once")
        seen.add(value)


def index(value: Any, count: int) -> int | None:
    """``value`` as a position in ``range(count)``: a whole number (not a bool or text), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    value = int(value)
    return value if 0 <= value < count else None


def indices(response: Any, count: int) -> list[int] | None:
    """A list of valid positions, or None when ``response`` is not a list or holds anything else."""
    if not isinstance(response, (list, tuple)):
        return None
    found = [index(i, count) for i in response]
    return None if None in found else found


def item_feedback_html(item) -> dict:
    """The item-level right/wrong feedback as the page's quiz reads it."""
    fb = getattr(item, "feedback", None)
    return {"correct": to_html(fb.correct) if fb else "", "incorrect": to_html(fb.incorrect) if fb else ""}


def shuffled(n: int, seed: str) -> list[int]:
    """A reproducible order of ``range(n)`` that is never the answer order itself: the fixed starting
    order of an ordering or matching item with ``shuffle: false`` (the page shuffles the others per learner)."""
    order = list(range(n))
    rng = random.Random(seed)
    while order == list(range(n)):
        rng.shuffle(order)
    return order


def listing(tag: str, entries: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{e}</li>" for e in entries) + f"</{tag}>"


e = html.escape


class ExportedType:
    """What an LMS exporter needs of a kind of question: its writer for each format."""

    name: str
    cc_profile: str | None = None   # the Common Cartridge QTI profile's item type, None if the profile has none

    def question_text(self, item) -> str:
        """The question as an LMS shows it, as escaped HTML: the prompt, to which a type adds whatever else
        students need in front of them to answer (a number's unit, a free response's criteria)."""
        return to_html(item.prompt).strip()

    def gift(self, entry: "Entry", options: "Options", report: "Report") -> str | None:
        """The GIFT answer block ``{...}``, or None (skipped, with the reason in ``report``)."""
        raise NotImplementedError

    def moodle(self, entry: "Entry", options: "Options", report: "Report") -> tuple[str, list["ET.Element"]] | None:
        """The Moodle XML question type and its type-specific elements, or None (skipped)."""
        raise NotImplementedError

    def qti(self, q: "QtiItem", entry: "Entry", options: "Options", report: "Report") -> bool:
        """Fill a QTI 1.2 item's presentation and response processing; False when skipped."""
        raise NotImplementedError


class QuestionType(ExportedType):
    """One quiz item type. Subclasses set ``name`` and ``model`` and implement every method."""

    model: type[ItemBase]

    def score(self, item, response: Any) -> float:
        """The score in [0, 1] of what a student answered (see :mod:`coursekit.scoring`)."""
        raise NotImplementedError

    def client(self, item, seed: int = 0) -> dict:
        """The type's own fields of the data the page's quiz receives (HTML already rendered and escaped);
        ``seed`` makes any shuffled starting order reproducible."""
        raise NotImplementedError

    def fallback(self, item) -> str:
        """What the question offers to answer, as escaped HTML, without JavaScript and in print."""
        raise NotImplementedError

    def answer(self, item) -> str:
        """The right answer as escaped HTML: the answer key, in the fallback and the instructor edition."""
        raise NotImplementedError

    def paper(self, item, rng: random.Random) -> str:
        """What a printed quiz paper offers to answer, as escaped HTML: boxes to tick in ``rng``'s order of
        the choices (so versions of a paper differ), a line or a blank to write in."""
        raise NotImplementedError

    def options(self, item) -> int | None:
        """How many answers a student picks from (a choice item's choices), or None when the answer is
        typed or arranged: a choice item allows fewer scored tries than that
        (:func:`coursekit.questions.allowed_tries`)."""
        raise NotImplementedError

    def from_lms(self, question: "LmsQuestion") -> dict | None:
        """The item's own fields read back from an imported Moodle-shaped question, or None when the
        question is not of this type; raises :class:`~coursekit.importers.common.Unmappable` (with the
        reason) when it is but the course cannot express it. Changes on the way in go to ``question.notes``."""
        raise NotImplementedError
