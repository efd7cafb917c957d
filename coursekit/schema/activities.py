"""Discussion prompts and free-response exercises: text for class, with instructor-only notes."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import Id, SectionId, Strict, Text
from .markdown import Markdown

Level = Literal["remember", "understand", "explain", "apply", "analyse", "evaluate", "create"]


class FacilitatorNotes(Strict):
    good_discussion: Markdown
    misconceptions: Markdown
    follow_up: Markdown


class Prompt(Strict):
    id: Id
    level: Level
    prompt: Markdown
    objectives: list[Id] = []
    facilitator_notes: FacilitatorNotes


class PromptsFile(Strict):
    kind: Literal["prompts"]
    section: SectionId
    title: Text = "Discussion"
    prompts: list[Prompt] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "PromptsFile":
        ids = [p.id for p in self.prompts]
        if len(ids) != len(set(ids)):
            raise ValueError("two prompts share an id; give each prompt its own `id`")
        return self


class FreeResponse(Strict):
    id: Id
    prompt: Markdown
    objectives: list[Id] = []
    model_answer: Markdown


class FreeResponseFile(Strict):
    kind: Literal["free_response"]
    section: SectionId
    title: Text = "Write about it"
    exercises: list[FreeResponse] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "FreeResponseFile":
        ids = [e.id for e in self.exercises]
        if len(ids) != len(set(ids)):
            raise ValueError("two exercises share an id; give each exercise its own `id`")
        return self
