"""The timeline data file (coursekit.schema.timeline): dates at their precision, spans, eras, sources,
themes and sections, and the located problems validate.py makes of them.
"""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coursekit.schema.errors import ExerciseError
from coursekit.schema.timeline import Era, TimelineFile, When, parse_date
from coursekit.schema.validate import load, validate
from coursekit.schema.yaml_source import YamlSource

FAST = settings(deadline=None, max_examples=80)
TODAY = dt.date.today()

EVENT = {
    "id": "oic-charter", "date": "1972-03-04", "title": "The OIC Charter is adopted",
    "summary": "Foreign ministers adopt the *Charter* in Jeddah.", "themes": ["institutions"],
    "actors": ["OIC"], "section": "part1/actors",
    "sources": [{"title": "Charter of the OIC", "url": "https://www.oic-oci.org/page/?p_id=53"}],
}


def event(**changes) -> dict:
    data = copy.deepcopy(EVENT)
    data.update(changes)
    return data


def timeline(*events: dict, **changes) -> dict:
    data = {"kind": "timeline", "themes": {"institutions": "Institutions", "water": "Water"},
            "sections": {"part1/actors": ["institutions"], "part1/water": ["water"]},
            "events": list(events) or [event()]}
    data.update(changes)
    return data


def errors_of(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        TimelineFile.model_validate(data)
    return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in caught.value.errors()]


def problems_of(data: dict):
    with pytest.raises(ExerciseError) as caught:
        validate(YamlSource(Path("exercises/timeline.yml"), data))
    return caught.value.problems


# ---- parse_date ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("1969", dt.date(1969, 1, 1)),
    ("1969-09", dt.date(1969, 9, 1)),
    ("1969-09-22", dt.date(1969, 9, 22)),
    (" 1969-09-22 ", dt.date(1969, 9, 22)),
    ("2000-02-29", dt.date(2000, 2, 29)),
    ("2024-02-29", dt.date(2024, 2, 29)),
    ("0622", dt.date(622, 1, 1)),
    (1969, dt.date(1969, 1, 1)),
])
def test_real_dates_parse_to_their_first_day(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("2015-02-30", "does not exist"),
    ("1900-02-29", "does not exist"),
    ("2023-02-29", "does not exist"),
    ("1969-13", "does not exist"),
    ("1969-00", "does not exist"),
    ("1969-04-31", "does not exist"),
    ("1969-01-00", "does not exist"),
    ("0000", "does not exist"),
    ("69", "is not YYYY"),
    ("1969/09/22", "is not YYYY"),
    ("22 September 1969", "is not YYYY"),
    ("1969-9-22", "is not YYYY"),
    ("1969-09-22T10:00", "is not YYYY"),
    ("", "is not YYYY"),
    ("-500", "is not YYYY"),
    ("2099", "in the future"),
    ("2999-12-31", "in the future"),
])
def test_impossible_malformed_and_future_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_every_date_message_carries_a_fix():
    for text in ("2015-02-30", "nonsense", "2999"):
        with pytest.raises(ValueError) as caught:
            parse_date(text)
        assert "; " in str(caught.value), "validate.py splits 'what is wrong; how to fix it'"


def test_today_is_allowed_and_tomorrow_is_not():
    assert parse_date(TODAY.isoformat()) == TODAY
    with pytest.raises(ValueError, match="future"):
        parse_date((TODAY + dt.timedelta(days=1)).isoformat())


@FAST
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=TODAY))
def test_any_past_day_round_trips_at_every_precision(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%Y-%m")[-7:].zfill(7)) == day.replace(day=1)
    assert parse_date(f"{day.year:04d}") == dt.date(day.year, 1, 1)


@FAST
@given(st.integers(1, 9999), st.integers(0, 99), st.integers(0, 99))
def test_parse_date_refuses_exactly_what_the_calendar_refuses(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        real = dt.date(year, month, day)
    except ValueError:
        with pytest.raises(ValueError, match="does not exist"):
            parse_date(text)
        return
    if real > TODAY:
        with pytest.raises(ValueError, match="future"):
            parse_date(text)
    else:
        assert parse_date(text) == real


def test_when_precision_and_sort_key():
    assert When(start="1969").precision == "year"
    assert When(start="1969-09").precision == "month"
    span = When(start="1969-09-22", end="1969-09-25")
    assert span.precision == "day"
    assert span.sort_key == "1969-09-22"


# ---- events --------------------------------------------------------------------------------------

def test_a_valid_timeline():
    model = TimelineFile.model_validate(timeline(
        event(), event(id="rabat", date={"start": "1969-09-22", "end": "1969-09-25"}),
        event(id="year-only", date=1970, themes=["water"], section="part1/water"),
    ))
    assert [e.date.precision for e in model.events] == ["day", "day", "year"]
    assert model.events[1].date.end == "1969-09-25"
    assert model.events[2].date.start == "1970"


@pytest.mark.parametrize(("date", "message"), [
    ("2015-02-30", "date '2015-02-30' does not exist"),
    ("1969-13", "date '1969-13' does not exist"),
    ("2999-01-01", "is in the future"),
    ({"start": "1969-09-25", "end": "1969-09-22"}, "the span ends (1969-09-22) before it starts (1969-09-25)"),
    ({"start": "1969-09", "end": "1970"}, "different precisions"),
    ({"start": "1969"}, "needs exactly `start` and `end`"),
    ({"start": "1969", "end": "1970", "note": "x"}, "needs exactly `start` and `end`"),
    ({"start": "1969", "end": "2015-02-30"}, "does not exist"),
    (["1969"], "is not YYYY"),
    (None, "is not YYYY"),
])
def test_event_dates(date, message):
    assert any(message in e for e in errors_of(timeline(event(date=date))))


def test_a_span_may_start_and_end_on_the_same_day():
    TimelineFile.model_validate(timeline(event(date={"start": "1969-09-22", "end": "1969-09-22"})))


@pytest.mark.parametrize(("changes", "message"), [
    ({"sources": []}, "events.0.sources: List should have at least 1 item"),
    ({"sources": [{"title": "x", "url": "http://www.oic-oci.org/"}]}, "events.0.sources.0.url"),
    ({"sources": [{"title": "x", "url": "ftp://www.oic-oci.org/"}]}, "events.0.sources.0.url"),
    ({"sources": [{"title": "x", "url": "https://a.org/<script>"}]}, "events.0.sources.0.url"),
    ({"sources": [{"url": "https://www.oic-oci.org/"}]}, "events.0.sources.0.title: Field required"),
    ({"sources": [{"title": "x", "url": "https://a.org", "accessed": "2026"}]}, "Extra inputs"),
    ({"themes": []}, "events.0.themes: List should have at least 1 item"),
    ({"actors": []}, "events.0.actors: List should have at least 1 item"),
    ({"actors": [""]}, "events.0.actors.0"),
    ({"summary": "<b>bold</b>"}, "raw HTML"),
    ({"summary": "[link](javascript:alert(1))"}, "is not allowed"),
    ({"title": ""}, "events.0.title"),
    ({"section": "actors"}, "events.0.section"),
    ({"id": "OIC Charter"}, "events.0.id"),
    ({"when": "1972"}, "Extra inputs"),
])
def test_event_rules(changes, message):
    assert any(message in e for e in errors_of(timeline(event(**changes))))


def test_file_rules():
    assert any("events: List should have at least 1 item" in e for e in errors_of(timeline(events=[])))
    assert any(e.startswith("themes") for e in errors_of(timeline(themes={"Bad Theme": "x"})))
    assert any(e.startswith("sections") for e in errors_of(timeline(sections={"nope": ["institutions"]})))
    assert any("Extra inputs" in e for e in errors_of(timeline(people=[])))


# ---- eras ----------------------------------------------------------------------------------------

def test_eras():
    era = Era.model_validate({"id": "cold-war", "label": "Cold War", "start": "1947", "end": "1991"})
    assert era.end == "1991"
    with pytest.raises(ValidationError, match="ends .1947. before it starts .1991."):
        Era.model_validate({"id": "cold-war", "label": "Cold War", "start": "1991", "end": "1947"})
    with pytest.raises(ValidationError, match="does not exist"):
        Era.model_validate({"id": "cold-war", "label": "Cold War", "start": "1947-13", "end": "1991"})


# ---- cross checks --------------------------------------------------------------------------------

def test_cross_checks_find_unknown_themes_and_sections_and_duplicate_ids():
    data = timeline(event(), event(themes=["institutions", "space"], section="part3/space"),
                    sections={"part1/actors": ["institutions", "ghost"]})
    found = TimelineFile.model_validate(data).cross_check()
    messages = {loc: message for loc, message, _ in found}
    assert messages == {
        ("events", 1, "id"): "duplicate event id 'oic-charter'",
        ("events", 1, "themes", 1): "unknown theme 'space'",
        ("events", 1, "section"): "unknown section 'part3/space'",
        ("sections", "part1/actors", 1): "unknown theme 'ghost'",
    }
    fixes = {loc: fix for loc, _, fix in found}
    assert fixes[("events", 1, "themes", 1)] == "use one of: institutions, water"


def test_without_a_sections_table_any_section_is_accepted():
    model = TimelineFile.model_validate(timeline(event(section="part9/anything"), sections={}))
    assert model.cross_check() == []


def test_cross_check_problems_are_located(tmp_path):
    path = tmp_path / "timeline.yml"
    path.write_text("""\
kind: timeline
themes:
  institutions: "Institutions"
events:
  - id: one
    date: "1969"
    title: "One"
    summary: "One."
    themes: [institutions, nuclear]
    actors: ["OIC"]
    section: part1/actors
    sources: [{title: "Source", url: "https://example.org/"}]
""", encoding="utf-8")
    with pytest.raises(ExerciseError) as caught:
        load(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.message) == (9, 28, "unknown theme 'nuclear'")
    assert str(problem).startswith(f"{path}:9:28: error: unknown theme 'nuclear' (fix: use one of: institutions)")


def test_for_section_filters_by_theme_or_section_and_sorts_by_date():
    model = TimelineFile.model_validate(timeline(
        event(id="late", date="1990"),
        event(id="early", date="1950-05"),
        event(id="water-only", date="1960", themes=["water"], section="part1/water"),
        event(id="water-here", date="1955", themes=["water"], section="part1/actors"),
    ))
    assert [e.id for e in model.for_section("part1/actors")] == ["early", "water-here", "late"]
    assert [e.id for e in model.for_section("part1/water")] == ["water-here", "water-only"]
    assert [e.id for e in model.for_section(None)] == ["early", "water-here", "water-only", "late"]
    assert model.for_section("part2/unknown") == []


def test_every_timeline_problem_has_a_fix():
    data = timeline(event(date="2015-02-30", sources=[]), event(id="b", date={"start": "1970", "end": "1969"}),
                    event(id="c", date="2999"), eras=[{"id": "e", "label": "E", "start": "1991", "end": "1947"}])
    problems = problems_of(data)
    assert len(problems) == 5
    assert all(p.fix for p in problems)
