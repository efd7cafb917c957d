"""Discussion prompts and free-response exercises: text for class, with instructor-only notes."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

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

    def cross_check(self) -> list[tuple[tuple, str, str]]:
        return _duplicate_ids("prompts", [p.id for p in self.prompts], "prompt")


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

    def cross_check(self) -> list[tuple[tuple, str, str]]:
        return _duplicate_ids("exercises", [e.id for e in self.exercises], "exercise")


def _duplicate_ids(field: str, ids: list[str], what: str) -> list[tuple[tuple, str, str]]:
    """(location, message, fix) for every id already used earlier in the same list."""
    return [((field, n, "id"), f"duplicate {what} id {value!r}", f"give each {what} its own `id`")
            for n, value in enumerate(ids) if value in ids[:n]]
