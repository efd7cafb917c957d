"""The quiz file format: a section's learning objectives and its self-check items.

The items' types, one module each, are in :mod:`coursekit.questions`.
"""
from __future__ import annotations

import random
from typing import Literal

from pydantic import Field

from ..questions import Item
from .common import Id, SectionId, Strict, Text


class Objective(Strict):
    """A learning objective of the section."""

    id: Id = Field(description="Unique id across the course, used by items' `objectives`.")
    text: Text = Field(description="What students should be able to do, starting with a measurable verb.")


ShowAnswers = Literal["after_each_try", "after_last_attempt", "never"]


class Settings(Strict):
    """How the quiz behaves in the book and, graded, in an LMS.

    The grading fields default to what the book does (every item worth 1 point, unlimited tries, answers
    shown once a question is answered, no time limit), so an export changes nothing a student sees until
    an instructor sets them; every LMS export writes them in its own vocabulary.
    """

    show_answer_after: int = Field(default=2, ge=1, description="tries before 'Show answer' appears")
    draw: int | None = Field(default=None, ge=1, description="draw this many items per learner and attempt "
                                                            "(in the browser); LMS exports write it as the format's "
                                                            "random selection")
    seed: int = Field(default=0, description="seed of exports' draw and of unshuffled items' fixed order, so a "
                                             "variant can be reproduced")
    points: float = Field(default=1, gt=0, description="points each item is worth in an LMS gradebook "
                                                       "(the quiz is worth `points` times the items shown)")
    attempts: int | None = Field(default=None, ge=1, description="attempts an LMS allows at the whole quiz; "
                                                                 "leave out for unlimited, as in the book")
    show_answers: ShowAnswers = Field(default="after_each_try", description=(
        "when an LMS shows the right answers: `after_each_try` (as the book does), `after_last_attempt` "
        "or `never`"))
    time_limit: int | None = Field(default=None, ge=1, description="minutes an LMS allows for one attempt; "
                                                                   "leave out for no limit")

    def total(self, items: int) -> float:
        """Points of one attempt: each item shown (``draw`` of them, else all) worth ``points``."""
        return self.points * min(self.draw or items, items)


class QuizFile(Strict):
    """A section's learning objectives and self-check items: exercises/<part>/<section>/quiz.yml."""

    kind: Literal["quiz"] = Field(description="Always `quiz` in this file.")
    id: Id = Field(description="Unique id of the quiz across the course, e.g. part1-science.")
    section: SectionId = Field(description="The section the quiz belongs to, as 'part/section'.")
    title: Text = Field(description="Heading shown above the quiz.")
    objectives: list[Objective] = Field([], description="The section's 3-5 learning objectives.")
    settings: Settings = Field(Settings(), description="Optional behaviour: tries before 'Show answer', draws, "
                                                       "and the graded settings LMS exports use.")
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
