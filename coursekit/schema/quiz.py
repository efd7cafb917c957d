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
