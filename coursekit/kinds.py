"""The kinds of instructor file, in one table: what each is called, where it lives, what it holds.

The command line, the validator, the JSON Schemas, the schema reference and the bank all read this
table, so a new kind of file is one row here plus its pydantic model. Models are imported on first use,
which keeps ``coursekit --help`` free of pydantic.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class FileKind:
    name: str          # the value of `kind:` in the file
    label: str         # how instructors name it on the command line and in listings
    file_name: str     # the file's name: exercises/<part>/<section>/<file_name>, or exercises/<file_name>
    entries: str       # the field that holds the file's list (items, prompts, ...)
    model_ref: str     # "module:Class" of its pydantic model, under coursekit.schema
    per_section: bool = True   # one file per section (False: one file for the course)

    @property
    def model(self):
        module, name = self.model_ref.split(":")
        return getattr(import_module(f"coursekit.schema.{module}"), name)

    def count(self, model) -> int:
        return len(getattr(model, self.entries))


KINDS: dict[str, FileKind] = {k.name: k for k in (
    FileKind("quiz", "quiz", "quiz.yml", "items", "quiz:QuizFile"),
    FileKind("prompts", "prompts", "prompts.yml", "prompts", "activities:PromptsFile"),
    FileKind("free_response", "free-response", "free-response.yml", "exercises", "activities:FreeResponseFile"),
    FileKind("timeline", "timeline", "timeline.yml", "events", "timeline:TimelineFile", per_section=False),
)}
SECTION_KINDS = [k for k in KINDS.values() if k.per_section]


def by_label(label: str) -> FileKind:
    return next(k for k in KINDS.values() if k.label == label)


def of(model) -> FileKind | None:
    """The kind of a loaded file's model."""
    return KINDS.get(getattr(model, "kind", None))
