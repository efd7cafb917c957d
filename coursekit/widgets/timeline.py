"""The course timeline: every dated event of ``exercises/timeline.yml`` on a zoomable axis.

``Timeline.for_section("part1/science")`` shows the events whose themes that section shows;
``Timeline.all()`` shows the whole course. Live, ``selected`` holds the id of the event the student
selected. ``Timeline.quiz_for_section(...)`` turns the same data into a scored quiz (see
:mod:`coursekit.widgets.timeline_quiz`).

The front end (``widgets/timeline/*.js``, served as one module) is written by hand, with no library, on
purpose: TimelineJS 3.9 weighs 222 KB of JS + 96 KB of CSS, loads fonts and locales from its CDN and listens for arrow keys on
the whole document; vis-timeline 8.5 weighs 549 KB and dropped keyboard support in version 7. Neither works
offline from ``file://`` out of the box, and neither can be scored. Ours weighs a small fraction of
either (``benchmarks/run.py --only timeline`` measures it); it renders only the markers in view and
clusters crowded ones, so 2,000 events stay fast.
"""
from __future__ import annotations

import html
from pathlib import Path

import traitlets

from ..bank import course_bank
from ..course import TIMELINE_FILE, Course, find_root
from ..dates import When, date_label
from ..schema.markdown import to_html
from ..schema.timeline import Event, TimelineFile
from ..strings import t
from .base import CourseWidget, module_css, module_source


class Timeline(CourseWidget):
    """A timeline of course events. Live, ``selected`` is the id of the selected event ("" for none)."""

    _esm = module_source("timeline")
    _css = module_css("timeline")
    _module = traitlets.Unicode("timeline").tag(sync=True)
    section = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    events = traitlets.List().tag(sync=True)
    themes = traitlets.Dict().tag(sync=True)
    eras = traitlets.List().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    site_url = traitlets.Unicode("").tag(sync=True)

    def __init__(self, spec: TimelineFile, section: str | None = None, *, source: Path | None = None,
                 site_url: str | None = None, title: str | None = None):
        self.spec = spec
        self._section = section
        self._events = spec.for_section(section)
        used = {theme for event in self._events for theme in event.themes}
        super().__init__(
            sources=[source] if source else [],
            section=section or "",
            title=title or t("timeline.label"),
            events=[client_event(e) for e in self._events],
            themes={key: label for key, label in spec.themes.items() if key in used},
            eras=[{"id": e.id, "label": e.label, "start": e.start, "end": e.end,
                   "dates": date_label(When(start=e.start, end=e.end))} for e in spec.eras],
            site_url=site_url if site_url is not None else _site_url(),
        )

    @classmethod
    def _bank_timeline(cls) -> tuple[Path, TimelineFile]:
        bank = course_bank(find_root())
        path, spec = bank.timeline()
        return path.relative_to(bank.root), spec

    @classmethod
    def for_section(cls, section: str, **kwargs) -> "Timeline":
        """The events a book section shows, e.g. ``Timeline.for_section("part1/science")``."""
        source, spec = cls._bank_timeline()
        if section not in spec.sections and not any(e.section == section for e in spec.events):
            raise KeyError(f"section {section!r} is not listed under `sections:` in {TIMELINE_FILE}")
        return cls(spec, section, source=source, **{"title": t("timelineTitle.section"), **kwargs})

    @classmethod
    def all(cls, **kwargs) -> "Timeline":
        """Every event of the course."""
        source, spec = cls._bank_timeline()
        return cls(spec, None, source=source, **{"title": t("timelineTitle.course"), **kwargs})

    @classmethod
    def quiz_for_section(cls, section: str, seed: int = 0, count: int = 4, **kwargs):
        """A scored quiz ("put these in order", "which came first") built from the section's events."""
        from .timeline_quiz import timeline_quiz

        source, spec = cls._bank_timeline()
        title = Course(find_root()).section_title(section)
        return timeline_quiz(spec, section, seed=seed, count=count, source=source, section_title=title, **kwargs)

    def stable_repr(self) -> str:
        return f"Timeline(section={self._section!r})"

    def fallback_html(self) -> str:
        items = "".join(_fallback_event(e) for e in self._events)
        return (
            f'<div class="ck-fallback ck-timeline-fallback"><p class="ck-fallback-title">{html.escape(self.title)}</p>'
            f'<ol class="ck-tl-fallback-list">{items}</ol></div>'
        )


# ---- client data -------------------------------------------------------------------------------

def client_event(event: Event) -> dict:
    return {
        "id": event.id,
        "start": event.date.start,
        "end": event.date.end or "",
        "precision": event.date.precision,
        "label": date_label(event.date),
        "title": event.title,
        "summary": to_html(event.summary),
        "themes": list(event.themes),
        "actors": list(event.actors),
        "section": event.section,
        "href": Course.page_url(event.section),
        "sources": [{"title": s.title, "url": s.url, "publisher": s.publisher or ""} for s in event.sources],
        "date_note": event.date_note or "",
    }


def _source_link(source) -> str:
    publisher = f" ({html.escape(source.publisher)})" if source.publisher else ""
    return (f'<a href="{html.escape(source.url)}" target="_blank" rel="noopener noreferrer">'
            f"{html.escape(source.title)}</a>{publisher}")


def _fallback_event(event: Event) -> str:
    note = (f'<p class="ck-tl-date-note"><strong>{html.escape(t("timeline.dateNote"))}:</strong> '
            f"{html.escape(event.date_note)}</p>" if event.date_note else "")
    sources = "".join(f"<li>{_source_link(s)}</li>" for s in event.sources)
    return (
        f'<li id="ck-tl-fb-{html.escape(event.id)}"><p><time datetime="{html.escape(event.date.start)}">'
        f"{html.escape(date_label(event.date))}</time>: <strong>{html.escape(event.title)}</strong></p>"
        f"{to_html(event.summary)}{note}"
        f'<p class="ck-tl-sources-label">{html.escape(t("timeline.sources"))}:</p><ul>{sources}</ul></li>'
    )


def _site_url() -> str:
    """The published book's address (``html.baseurl`` in _config.yml), for section links live in Jupyter."""
    try:
        url = Course.find().base_url
    except FileNotFoundError:  # not inside a course: links are simply left out live
        return ""
    return url if url.startswith("https://") else ""
