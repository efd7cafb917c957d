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
    correct: Markdown | None = None
    incorrect: Markdown | None = None


class Choice(Strict):
    text: Markdown
    correct: bool = False
    feedback: Markdown | None = None


class Pair(Strict):
    left: Markdown
    right: Markdown


class Objective(Strict):
    id: Id
    text: Text


class _Item(Strict):
    id: Id
    prompt: Markdown
    explanation: Markdown | None = None
    hint: Markdown | None = None
    objectives: list[Id] = []
    difficulty: Difficulty | None = None
    tags: list[Text] = []
    source: Source | None = None


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}; each must appear once")
        seen.add(value)


class _ChoiceItem(_Item):
    choices: list[Choice] = Field(min_length=2)

    @field_validator("choices")
    @classmethod
    def _distinct(cls, choices: list[Choice]) -> list[Choice]:
        _unique([normalise(c.text) for c in choices], "choice")
        if not any(c.correct for c in choices):
            raise ValueError("no choice is marked `correct: true`; mark the right answer")
        return choices


class SingleChoice(_ChoiceItem):
    type: Literal["single_choice"]

    @field_validator("choices")
    @classmethod
    def _exactly_one(cls, choices: list[Choice]) -> list[Choice]:
        if sum(c.correct for c in choices) > 1:
            raise ValueError("more than one choice is correct; use `type: multiple_select` or mark one")
        return choices


class MultipleSelect(_ChoiceItem):
    """Partial credit: (right choices ticked - wrong choices ticked) / right choices, never below 0."""

    type: Literal["multiple_select"]
    scoring: Literal["partial", "all_or_nothing"] = "partial"


class TrueFalse(_Item):
    type: Literal["true_false"]
    answer: bool
    feedback: Feedback | None = None


class Numeric(_Item):
    type: Literal["numeric"]
    answer: float = Field(allow_inf_nan=False)
    tolerance: float = Field(default=0, ge=0, allow_inf_nan=False)
    unit: Text | None = None
    feedback: Feedback | None = None


class Ordering(_Item):
    type: Literal["ordering"]
    order: list[Markdown] = Field(min_length=3)
    feedback: Feedback | None = None

    @field_validator("order")
    @classmethod
    def _distinct(cls, order: list[str]) -> list[str]:
        _unique([normalise(o) for o in order], "entry")
        return order


class Matching(_Item):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    feedback: Feedback | None = None

    @field_validator("pairs")
    @classmethod
    def _distinct(cls, pairs: list[Pair]) -> list[Pair]:
        _unique([normalise(p.left) for p in pairs], "left side")
        _unique([normalise(p.right) for p in pairs], "right side")
        return pairs


class ShortText(_Item):
    """Accepted answers match ignoring case, spacing, punctuation and diacritics."""

    type: Literal["short_text"]
    accepted: list[Text] = Field(min_length=1)
    feedback: Feedback | None = None

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
    show_answer_after: int = Field(default=2, ge=1, description="tries before 'Show answer' appears")
    draw: int | None = Field(default=None, ge=1, description="show this many items drawn from the bank")
    seed: int = Field(default=0, description="seed of the draw, so a variant can be reproduced")


class QuizFile(Strict):
    kind: Literal["quiz"]
    id: Id
    section: SectionId
    title: Text
    objectives: list[Objective] = []
    settings: Settings = Settings()
    items: list[Item] = Field(min_length=1)

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
