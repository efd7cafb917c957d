"""The timeline data file: every dated event of the course, with its sources."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from ..dates import DATE_PATTERN, When, parse_date
from .common import HttpsUrl, Id, OriginalText, SectionId, Strict, Text
from .markdown import Markdown

_DATE_TEXT = {"type": "string", "pattern": DATE_PATTERN}
_DATE_SCHEMA = {"anyOf": [_DATE_TEXT, {"type": "object", "additionalProperties": False, "required": ["start", "end"],
                                       "properties": {"start": _DATE_TEXT, "end": _DATE_TEXT}}]}


class Era(Strict):
    """A named period shaded on the timeline."""

    id: Id = Field(description="Unique id of the era.")
    label: Text = Field(description="The era's name as shown.")
    start: str = Field(description="First date, as YYYY, YYYY-MM or YYYY-MM-DD (in quotes).")
    end: str = Field(description="Last date, in the same form.")

    @model_validator(mode="after")
    def _order(self) -> "Era":
        if parse_date(self.end) < parse_date(self.start):
            raise ValueError(f"era {self.id!r} ends ({self.end}) before it starts ({self.start}); swap `start` and `end`")
        return self


class EventSource(Strict):
    """A source for an event."""

    title: OriginalText = Field(description="Title of the source, as its publisher wrote it: never translated.")
    url: HttpsUrl = Field(description="Its https:// address.")
    publisher: OriginalText | None = Field(None, description="Who published it.")


class Event(Strict):
    """One dated event."""

    id: Id = Field(description="Unique id of the event.")
    date: Annotated[When, WithJsonSchema(_DATE_SCHEMA)] = Field(
        description="\"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" (in quotes), or a span {start: ..., end: ...}.")
    title: Text = Field(description="A short title.")
    summary: Markdown = Field(description="One to three sentences on what happened and why it matters.")
    themes: list[Id] = Field(min_length=1, description="Theme ids from `themes:` at the top of the file.")
    actors: list[Text] = Field(min_length=1, description="Who acted: states, organisations, people.")
    section: SectionId = Field(description="The section that discusses the event, as 'part/section'.")
    sources: list[EventSource] = Field(min_length=1, description="At least one source, primary where possible.")
    date_note: Text | None = Field(None, description="A note on an uncertain or disputed date.")

    @field_validator("date", mode="before")
    @classmethod
    def _when(cls, value) -> When:
        if isinstance(value, dict):
            extra = set(value) - {"start", "end"}
            if extra or "start" not in value or "end" not in value:
                raise ValueError("a span needs exactly `start` and `end`; write it as {start: \"YYYY-MM-DD\", end: \"YYYY-MM-DD\"}")
            start, end = str(value["start"]), str(value["end"])
            if parse_date(end) < parse_date(start):
                raise ValueError(f"the span ends ({end}) before it starts ({start}); swap `start` and `end`")
            if len(start) != len(end):
                raise ValueError("the two ends of the span have different precisions; write both as YYYY, YYYY-MM or YYYY-MM-DD")
            return When(start=start, end=end)
        parse_date(str(value))
        return When(start=str(value))


class TimelineFile(Strict):
    """Every dated event of the course: exercises/timeline.yml."""

    kind: Literal["timeline"] = Field(description="Always `timeline` in this file.")
    themes: dict[Id, Text] = Field(description="Theme id -> label, e.g. `nuclear: Nuclear cooperation`.")
    sections: dict[SectionId, list[Id]] = Field({}, description="Section -> the themes its timeline shows.")
    eras: list[Era] = Field([], description="Named periods shaded on the timeline.")
    events: list[Event] = Field(min_length=1, description="The events, in any order (shown by date).")

    def cross_check(self) -> list[tuple[tuple, str, str]]:
        """Problems between fields, each as (location, message, fix)."""
        found = []
        seen: set[str] = set()
        for n, event in enumerate(self.events):
            if event.id in seen:
                found.append((("events", n, "id"), f"duplicate event id {event.id!r}", "give each event its own id"))
            seen.add(event.id)
            for t, theme in enumerate(event.themes):
                if theme not in self.themes:
                    found.append((("events", n, "themes", t), f"unknown theme {theme!r}",
                                  "use one of: " + ", ".join(self.themes)))
            if self.sections and event.section not in self.sections:
                found.append((("events", n, "section"), f"unknown section {event.section!r}",
                               "use one of: " + ", ".join(self.sections)))
        for section, themes in self.sections.items():
            for t, theme in enumerate(themes):
                if theme not in self.themes:
                    found.append((("sections", section, t), f"unknown theme {theme!r}",
                                  "add it under `themes:` or remove it"))
        return found

    def for_section(self, section: str | None) -> list[Event]:
        """Events whose themes the section shows (all events when ``section`` is None), by date."""
        events = self.events
        if section is not None:
            themes = set(self.sections.get(section, []))
            events = [e for e in events if themes & set(e.themes) or e.section == section]
        return sorted(events, key=lambda e: e.date.sort_key)
