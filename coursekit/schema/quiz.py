"""The quiz file format: a section's learning objectives and its self-check items."""
from __future__ import annotations

import random
import unicodedata
import re
from typing import Annotated, Literal, Union

from pydantic import Field, field_validator

from .common import Difficulty, Id, SectionId, Source, Strict, Text
from .markdown import Markdown


class Feedback(Strict):
    """Feedback for a right and for a wrong answer."""

    correct: Markdown | None = Field(None, description="Shown after a right answer.")
    incorrect: Markdown | None = Field(None, description="Shown after a wrong answer; say what the right answer is and why.")


class Choice(Strict):
    """One choice of a single-choice or multiple-select item."""

    text: Markdown = Field(description="The choice as students see it.")
    correct: bool = Field(False, description="true for a right choice.")
    feedback: Markdown | None = Field(None, description="Shown when the student picks this choice: why it is right or wrong.")


class Pair(Strict):
    """One pair of a matching item."""

    left: Markdown = Field(description="The entry students match from.")
    right: Markdown = Field(description="Its match (the right-hand sides are shuffled).")


class Objective(Strict):
    """A learning objective of the section."""

    id: Id = Field(description="Unique id across the course, used by items' `objectives`.")
    text: Text = Field(description="What students should be able to do, starting with a measurable verb.")


class _Item(Strict):
    id: Id = Field(description="Unique id of the item across the course.")
    prompt: Markdown = Field(description="The question as students see it.")
    explanation: Markdown | None = Field(None, description="Shown after answering: the why, in 1-3 sentences.")
    hint: Markdown | None = Field(None, description="An optional hint students can open before answering.")
    objectives: list[Id] = Field([], description="Ids of the objectives (listed at the top of the file) the item assesses.")
    difficulty: Difficulty | None = Field(None, description="easy, medium or hard.")
    tags: list[Text] = Field([], description="Free labels for sorting and exporting.")
    source: Source | None = Field(None, description="Where the fact comes from: `{cite: key}` or `{url: ..., title: ...}`.")


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}; each must appear once")
        seen.add(value)


_SHUFFLE = ("Shuffle the order per learner (default true); false keeps the file's order for choices and one "
            "fixed order, the same for every learner, for ordering and matching items.")


class _ChoiceItem(_Item):
    choices: list[Choice] = Field(min_length=2, description="The choices; each learner sees them in an order of "
                                                            "their own. Mark the right ones `correct: true`.")
    shuffle: bool = Field(True, description=_SHUFFLE)

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[Choice]) -> list[Choice]:
        _unique([normalise(c.text) for c in choices], "choice")
        if not any(c.correct for c in choices):
            raise ValueError("no choice is marked `correct: true`; mark the right answer")
        return choices


class SingleChoice(_ChoiceItem):
    """A question with exactly one right choice."""

    type: Literal["single_choice"] = Field(description="Always `single_choice`.")

    @field_validator("choices")
    @classmethod
    def _exactly_one(cls, choices: list[Choice]) -> list[Choice]:
        if sum(c.correct for c in choices) > 1:
            raise ValueError("more than one choice is correct; use `type: multiple_select` or mark one")
        return choices


class MultipleSelect(_ChoiceItem):
    """Partial credit: (right choices ticked - wrong choices ticked) / right choices, never below 0."""

    type: Literal["multiple_select"] = Field(description="Always `multiple_select`.")
    scoring: Literal["partial", "all_or_nothing"] = Field("partial", description="partial: credit per right choice, "
                                                                               "minus wrong ones; all_or_nothing: "
                                                                               "only the exact set scores.")


class TrueFalse(_Item):
    """A statement students judge true or false."""

    type: Literal["true_false"] = Field(description="Always `true_false`.")
    answer: bool = Field(description="true if the statement in `prompt` is true.")
    feedback: Feedback | None = Field(None, description="Feedback shown after a right and after a wrong answer.")


class Numeric(_Item):
    """A question answered with a number, such as a year."""

    type: Literal["numeric"] = Field(description="Always `numeric`.")
    answer: float = Field(allow_inf_nan=False, description="The right number.")
    tolerance: float = Field(default=0, ge=0, allow_inf_nan=False,
                             description="How far from `answer` a number may be and still count (0 = exact).")
    unit: Text | None = Field(None, description="Shown next to the answer box, e.g. year.")
    feedback: Feedback | None = Field(None, description="Feedback shown after a right and after a wrong answer.")


class Ordering(_Item):
    """Entries students put in order (shown shuffled)."""

    type: Literal["ordering"] = Field(description="Always `ordering`.")
    order: list[Markdown] = Field(min_length=3, description="The entries in the CORRECT order.")
    shuffle: bool = Field(True, description=_SHUFFLE)
    feedback: Feedback | None = Field(None, description="Feedback shown after a right and after a wrong answer.")

    @field_validator("order")
    @classmethod
    def _distinct(cls, order: list[str]) -> list[str]:
        _unique([normalise(o) for o in order], "entry")
        return order


class Matching(_Item):
    """Pairs students match."""

    type: Literal["matching"] = Field(description="Always `matching`.")
    pairs: list[Pair] = Field(min_length=2, description="The right pairs; each side must be distinct.")
    shuffle: bool = Field(True, description=_SHUFFLE)
    feedback: Feedback | None = Field(None, description="Feedback shown after a right and after a wrong answer.")

    @field_validator("pairs")
    @classmethod
    def _distinct(cls, pairs: list[Pair]) -> list[Pair]:
        _unique([normalise(p.left) for p in pairs], "left side")
        _unique([normalise(p.right) for p in pairs], "right side")
        return pairs


class ShortText(_Item):
    """Accepted answers match ignoring case, spacing, punctuation and diacritics."""

    type: Literal["short_text"] = Field(description="Always `short_text`.")
    accepted: list[Text] = Field(min_length=1, description="Every answer that counts as right.")
    feedback: Feedback | None = Field(None, description="Feedback shown after a right and after a wrong answer.")

    @field_validator("accepted")
    @classmethod
    def _not_blank(cls, accepted: list[str]) -> list[str]:
        if any(not normalise(a) for a in accepted):
            raise ValueError("an accepted answer has no letters or digits; write it with letters or digits, or remove it")
        return accepted


Item = Annotated[
    Union[SingleChoice, MultipleSelect, TrueFalse, Numeric, Ordering, Matching, ShortText],
    Field(discriminator="type"),
]
ITEM_TYPES = ("single_choice", "multiple_select", "true_false", "numeric", "ordering", "matching", "short_text")


class Settings(Strict):
    """How the quiz behaves."""

    show_answer_after: int = Field(default=2, ge=1, description="tries before 'Show answer' appears")
    draw: int | None = Field(default=None, ge=1, description="draw this many items per learner and attempt "
                                                            "(in the browser; exports draw with `seed`)")
    seed: int = Field(default=0, description="seed of exports' draw and of unshuffled items' fixed order, so a variant can be reproduced")


class QuizFile(Strict):
    """A section's learning objectives and self-check items: exercises/<part>/<section>/quiz.yml."""

    kind: Literal["quiz"] = Field(description="Always `quiz` in this file.")
    id: Id = Field(description="Unique id of the quiz across the course, e.g. part1-science.")
    section: SectionId = Field(description="The section the quiz belongs to, as 'part/section'.")
    title: Text = Field(description="Heading shown above the quiz.")
    objectives: list[Objective] = Field([], description="The section's 3-5 learning objectives.")
    settings: Settings = Field(Settings(), description="Optional behaviour: tries before 'Show answer', draws.")
    items: list[Item] = Field(min_length=1, description="The questions; each has a `type` and that type's fields.")

    def cross_check(self) -> list[tuple[tuple, str, str]]:
        """Problems between fields, each as (location, message, fix)."""
        found = []
        if self.settings.draw and self.settings.draw > len(self.items):
            found.append((("settings", "draw"),
                          f"settings.draw is {self.settings.draw} but the file has {len(self.items)} items",
                          f"set `draw:` to at most {len(self.items)}, or add items"))
        objectives = [o.id for o in self.objectives]
        for n, objective in enumerate(objectives):
            if objective in objectives[:n]:
                found.append((("objectives", n, "id"), f"duplicate objective id {objective!r}",
                              "give each objective its own id"))
        ids: set[str] = set()
        for n, item in enumerate(self.items):
            if item.id in ids:
                found.append((("items", n, "id"), f"duplicate item id {item.id!r}", "give each item its own id"))
            ids.add(item.id)
            for k, objective in enumerate(item.objectives):
                if objective not in objectives:
                    found.append((("items", n, "objectives", k), f"unknown objective {objective!r}",
                                  "use an id listed under `objectives:` at the top of the file"))
        return found

    def drawn_items(self, seed: int | None = None, count: int | None = None) -> list:
        """The items shown: all of them, or ``count`` drawn reproducibly with ``seed`` (order kept)."""
        count = count or self.settings.draw
        if not count or count >= len(self.items):
            return list(self.items)
        rng = random.Random(self.settings.seed if seed is None else seed)
        picked = sorted(rng.sample(range(len(self.items)), count))
        return [self.items[i] for i in picked]


def normalise(text: str) -> str:
    """Fold case, diacritics, transliteration marks, punctuation and spacing.

    'al-Aqṣā', 'Al Aqsa ' and 'ʿal aqsa' all compare equal.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(
        ch for ch in decomposed
        if unicodedata.category(ch)[0] != "M" and unicodedata.category(ch) not in ("Lm", "Sk")
    )
    return " ".join(re.sub(r"[\W_]+", " ", stripped).split())
