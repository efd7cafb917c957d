"""Discussion prompts and free-response exercises: text for class, with instructor-only notes."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from .common import Id, SectionId, Strict, Text
from .markdown import Markdown, check_markdown, check_one_line

# One point of a free-response checklist: a short line of inline Markdown, so it reads as one tick-box
# (240 characters: about three lines on a phone).
Criterion = Annotated[str, StringConstraints(max_length=240), AfterValidator(check_markdown),
                      AfterValidator(check_one_line)]
Level = Literal["remember", "understand", "explain", "apply", "analyse", "evaluate", "create"]


class FacilitatorNotes(Strict):
    """Notes for whoever leads the discussion; printed in the instructor edition only."""

    good_discussion: Markdown = Field(description="What a good discussion of the prompt covers.")
    misconceptions: Markdown = Field(description="Misconceptions students are likely to bring.")
    follow_up: Markdown = Field(description="A follow-up question to deepen or redirect the discussion.")


class Prompt(Strict):
    """One discussion prompt."""

    id: Id = Field(description="Unique id of the prompt (lowercase letters, digits, hyphens).")
    level: Level = Field(description="The thinking the prompt asks for, from remember to create (Bloom's levels).")
    prompt: Markdown = Field(description="The question as students see it.")
    objectives: list[Id] = Field([], description="Ids of learning objectives (from the section's quiz file) "
                                                 "that the prompt serves.")
    facilitator_notes: FacilitatorNotes = Field(description="Notes for the discussion leader (instructor edition only).")


class PromptsFile(Strict):
    """A section's discussion prompts: exercises/<part>/<section>/prompts.yml."""

    kind: Literal["prompts"] = Field(description="Always `prompts` in this file.")
    section: SectionId = Field(description="The section the prompts belong to, as 'part/section' (e.g. part1/science).")
    title: Text = Field("Discussion", description="Heading shown above the prompts.")
    prompts: list[Prompt] = Field(min_length=1, description="The prompts, in the order students see them; "
                                                            "range from explain to evaluate to create.")

    def cross_check(self) -> list[tuple[tuple, str, str]]:
        return _duplicate_ids("prompts", [p.id for p in self.prompts], "prompt")


class FreeResponse(Strict):
    """One writing exercise with its model answer."""

    id: Id = Field(description="Unique id of the exercise (lowercase letters, digits, hyphens).")
    prompt: Markdown = Field(description="The task as students see it, with the expected length.")
    objectives: list[Id] = Field([], description="Ids of learning objectives (from the section's quiz file) "
                                                 "that the exercise assesses.")
    criteria: list[Criterion] = Field(
        [], min_length=2, max_length=5,
        description="2-5 short points, each what a good answer does (e.g. \"Names the organ that took each "
                    "decision and its date\"): shown to students under the prompt as a checklist. Say what to "
                    "cover, never the answer itself; `coursekit check` warns when they are missing.")
    model_answer: Markdown = Field(description="A model answer or the points a good answer makes "
                                               "(instructor edition and Moodle XML grader information only).")


class FreeResponseFile(Strict):
    """A section's writing exercises: exercises/<part>/<section>/free-response.yml."""

    kind: Literal["free_response"] = Field(description="Always `free_response` in this file.")
    section: SectionId = Field(description="The section the exercises belong to, as 'part/section'.")
    title: Text = Field("Write about it", description="Heading shown above the exercises.")
    exercises: list[FreeResponse] = Field(min_length=1, description="The exercises, in order.")

    def cross_check(self) -> list[tuple[tuple, str, str]]:
        return _duplicate_ids("exercises", [e.id for e in self.exercises], "exercise")


def _duplicate_ids(field: str, ids: list[str], what: str) -> list[tuple[tuple, str, str]]:
    """(location, message, fix) for every id already used earlier in the same list."""
    return [((field, n, "id"), f"duplicate {what} id {value!r}", f"give each {what} its own `id`")
            for n, value in enumerate(ids) if value in ids[:n]]
