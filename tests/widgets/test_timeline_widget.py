"""The timeline widget in Python: client data, repr, escaped fallback, section filtering, seeded quizzes."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit import Quiz, Timeline
from coursekit.bank import course_bank
from coursekit.schema.markdown import to_html
from coursekit.schema.timeline import TimelineFile
from coursekit.sphinxext.assets import classic_script, module_css
from coursekit.dates import date_label, interval
from coursekit.widgets.base import HERE, METADATA_KEY, module_parts, module_source
from coursekit.widgets.timeline_quiz import build_quiz_file, comparable

ROOT = Path(__file__).resolve().parents[2]
SRC = "https://example.org/source"


def event(id, date, themes=("alpha",), section="part1/one", title=None, **extra):
    return {"id": id, "date": date, "title": title or f"Event {id}", "summary": f"What happened in **{id}**.",
            "themes": list(themes), "actors": extra.pop("actors", ["OIC"]), "section": section,
            "sources": extra.pop("sources", [{"title": f"Source of {id}", "url": f"{SRC}/{id}", "publisher": "Pub"}]),
            **extra}


def spec_data() -> dict:
    return {
        "kind": "timeline",
        "themes": {"alpha": "Alpha", "beta": "Beta", "gamma": "Gamma"},
        "sections": {"part1/one": ["alpha"], "part1/two": ["beta"], "part2/three": ["gamma"]},
        "eras": [{"id": "cold-war", "label": "Cold War", "start": "1947", "end": "1991"}],
        "events": [
            event("e1990", "1990-05-01", actors=["IAEA", "Iran"]),
            event("e1945", "1945-03-22", themes=["alpha", "beta"], date_note="Sources differ: <22 or 23> March."),
            event("e1969", {"start": "1969-09-22", "end": "1969-09-25"}, section="part1/two", themes=["beta"]),
            event("e1970", "1970", themes=["beta"], section="part1/two"),
            event("e1970b", "1970-05-05", themes=["beta"], section="part1/two"),          # inside the year 1970
            event("e1980a", "1980-01-01", themes=["beta"], section="part1/two"),
            event("e1980b", "1980-01-01", themes=["beta"], section="part1/two"),          # same day as e1980a
            event("e1969-10", "1969-10", themes=["beta"], section="part1/two"),
            event("e2001", "2001-09-11", themes=["beta"], section="part1/two"),
            event("xss", "2005-06-07", themes=["gamma"], section="part2/three",
                  title='<img src=x onerror="alert(1)"> & "quotes"',
                  sources=[{"title": "<script>alert(2)</script>", "url": f"{SRC}/x?a=1&b=2", "publisher": "<b>P</b>"}]),
        ],
    }


@pytest.fixture
def spec() -> TimelineFile:
    model = TimelineFile.model_validate(spec_data())
    assert model.cross_check() == []
    return model


@pytest.fixture
def course(tmp_path, monkeypatch, spec):
    """A course root with only a timeline file, found through $COURSEKIT_ROOT."""
    (tmp_path / "_config.yml").write_text("title: t\nhtml:\n  baseurl: https://course.example.org/book-site\n")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "timeline.yml").write_text(json.dumps(spec_data()), encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_ROOT", str(tmp_path))
    return tmp_path


def test_repr_is_stable(spec):
    assert repr(Timeline(spec, "part1/one")) == "Timeline(section='part1/one')"
    assert repr(Timeline(spec)) == "Timeline(section=None)"
    assert "0x" not in repr(Timeline(spec))


def test_section_shows_the_events_of_its_themes_by_date(spec):
    widget = Timeline(spec, "part1/one")
    assert [e["id"] for e in widget.events] == ["e1945", "e1990"]
    assert widget.themes == {"alpha": "Alpha", "beta": "Beta"}  # the themes its events carry
    two = [e["id"] for e in Timeline(spec, "part1/two").events]
    assert two[:4] == ["e1945", "e1969", "e1969-10", "e1970"] and "e1990" not in two
    assert len(Timeline(spec).events) == len(spec.events)
    assert [e["start"] for e in Timeline(spec).events] == sorted(e["start"] for e in Timeline(spec).events)


def test_client_event_data(spec):
    data = {e["id"]: e for e in Timeline(spec).events}
    span = data["e1969"]
    assert (span["start"], span["end"], span["precision"]) == ("1969-09-22", "1969-09-25", "day")
    assert span["label"] == "22 – 25 September 1969"
    assert data["e1970"]["label"] == "1970" and data["e1970"]["precision"] == "year"
    assert data["e1969-10"]["label"] == "October 1969"
    assert span["href"] == "book/part1/two.html" and span["section"] == "part1/two"
    assert span["summary"] == to_html("What happened in **e1969**.") == "<p>What happened in <strong>e1969</strong>.</p>"
    assert data["e1945"]["date_note"].startswith("Sources differ")
    assert data["e1990"]["sources"] == [{"title": "Source of e1990", "url": f"{SRC}/e1990", "publisher": "Pub"}]
    assert data["e1990"]["actors"] == ["IAEA", "Iran"]


def test_traits_sync_and_selected_is_readable_from_python(spec):
    widget = Timeline(spec, "part1/one")
    for name in ("events", "themes", "eras", "selected", "section", "strings", "site_url"):
        assert widget.trait_metadata(name, "sync"), name
    assert widget.selected == ""
    widget.selected = "e1945"
    assert widget.get_state()["selected"] == "e1945"
    assert widget.eras == [{"id": "cold-war", "label": "Cold War", "start": "1947", "end": "1991", "dates": "1947 – 1991"}]
    assert widget.get_state()["_module"] == "timeline"


def test_fallback_is_an_escaped_ordered_list_by_date(spec):
    text = Timeline(spec).fallback_html()
    assert text.count("<li id=\"ck-tl-fb-") == len(spec.events)
    assert "<ol" in text and "<img" not in text and "<script" not in text and "<b>P" not in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot;" in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text
    assert f'href="{SRC}/x?a=1&amp;b=2"' in text and 'rel="noopener noreferrer"' in text
    assert "&lt;22 or 23&gt;" in text
    order = re.findall(r'id="ck-tl-fb-([a-z0-9-]+)"', text)
    assert order == [e["id"] for e in Timeline(spec).events]
    assert '<time datetime="1969-09-22">22 – 25 September 1969</time>' in text
    assert "<strong>e1969</strong>" in text  # summaries rendered from Markdown


def test_mimebundle_carries_module_fallback_and_sources(spec):
    widget = Timeline(spec, "part1/one", source=Path("exercises/timeline.yml"))
    _, metadata = widget._repr_mimebundle_()
    meta = metadata[METADATA_KEY]
    assert meta["module"] == "timeline" and meta["sources"] == ["exercises/timeline.yml"]
    assert meta["fallback"] == widget.fallback_html()


def test_for_section_and_all_read_the_course_bank(course):
    widget = Timeline.for_section("part1/two")
    assert repr(widget) == "Timeline(section='part1/two')"
    assert widget._sources == [Path("exercises/timeline.yml")]
    assert widget.site_url == "https://course.example.org/book-site"
    assert len(Timeline.all().events) == 10
    with pytest.raises(KeyError, match="part9/nowhere"):
        Timeline.for_section("part9/nowhere")
    assert Timeline.for_section("part1/one", site_url="").site_url == ""


def test_dates():
    from coursekit.schema.timeline import When
    import datetime as dt

    assert interval(When(start="1970")) == (dt.date(1970, 1, 1), dt.date(1970, 12, 31))
    assert interval(When(start="1972-02")) == (dt.date(1972, 2, 1), dt.date(1972, 2, 29))
    assert interval(When(start="1970-12")) == (dt.date(1970, 12, 1), dt.date(1970, 12, 31))
    assert interval(When(start="1969-09-22", end="1969-09-25")) == (dt.date(1969, 9, 22), dt.date(1969, 9, 25))
    assert date_label(When(start="1969-09", end="1970-02")) == "September 1969 – February 1970"
    assert date_label(When(start="1969-09", end="1969-11")) == "September – November 1969"
    assert date_label(When(start="1960", end="1962")) == "1960 – 1962"


# ---- scored activities -----------------------------------------------------------------------------

def _compared(spec, quiz):
    by_title = {e.title: e for e in spec.events}
    from coursekit.schema.common import normalise
    by_norm = {normalise(e.title): e for e in spec.events}
    for item in quiz.items:
        texts = item.order if item.type == "ordering" else [c.text for c in item.choices]
        events = [by_title.get(re.sub(r"\\(.)", r"\1", t)) or by_norm[normalise(t)] for t in texts]
        yield item, events


def test_seeded_quiz_is_reproducible(spec):
    one = build_quiz_file(spec, "part1/two", seed=3, count=4)
    two = build_quiz_file(spec, "part1/two", seed=3, count=4)
    assert one.model_dump() == two.model_dump()
    assert len(one.items) == 4
    assert {i.type for i in one.items} == {"ordering", "single_choice"}
    others = {json.dumps(build_quiz_file(spec, "part1/two", seed=s, count=4).model_dump(), sort_keys=True)
              for s in range(8)}
    assert len(others) > 1  # the seed matters


@pytest.mark.parametrize("seed", range(40))
def test_quiz_items_are_never_ambiguous(spec, seed):
    quiz = build_quiz_file(spec, "part1/two", seed=seed, count=6)
    ids = [item.id for item in quiz.items]
    assert len(ids) == len(set(ids))
    for item, events in _compared(spec, quiz):
        assert all(comparable(a, b) for n, a in enumerate(events) for b in events[n + 1:]), item.id
        assert len({e.date.start for e in events}) == len(events)
        if item.type == "ordering":
            assert 3 <= len(events) <= 5
            assert [interval(e.date) for e in events] == sorted(interval(e.date) for e in events)
        else:
            right = [e for e, c in zip(events, item.choices) if c.correct]
            assert len(right) == 1 and interval(right[0].date) == min(interval(e.date) for e in events)


def test_quiz_never_pairs_identical_or_overlapping_dates():
    data = spec_data()
    data["events"] = [event("a", "1980-01-01", themes=["beta"]), event("b", "1980-01-01", themes=["beta"]),
                      event("c", "1980", themes=["beta"]), event("d", "1980-01", themes=["beta"])]
    spec = TimelineFile.model_validate(data)
    with pytest.raises(ValueError, match="told apart"):
        build_quiz_file(spec, "part1/two", seed=1, count=3)
    data["events"].append(event("e", "1981-02-03", themes=["beta"]))
    quiz = build_quiz_file(TimelineFile.model_validate(data), "part1/two", seed=1, count=10)
    for item in quiz.items:
        assert item.type == "single_choice"  # no three events can be told apart
        assert any("Event e" == c.text for c in item.choices)


def test_quiz_escapes_markdown_in_titles(spec):
    data = spec_data()
    data["events"][0]["title"] = "A *starred* [title] <b>"
    made = build_quiz_file(TimelineFile.model_validate(data), "part1/one", seed=0, count=1)
    widget = Quiz(made)
    texts = [c["html"] for c in widget.quiz["items"][0]["choices"]]
    assert "A *starred* [title] &lt;b&gt;" in texts


def test_quiz_for_section_returns_a_quiz_widget(course):
    widget = Timeline.quiz_for_section("part1/two", seed=1, count=4)
    assert isinstance(widget, Quiz)
    assert repr(widget) == "Quiz(id='timeline-part1-two-s1', section='part1/two')"
    assert widget.total == 4 and widget._sources == [Path("exercises/timeline.yml")]
    again = Timeline.quiz_for_section("part1/two", seed=1, count=4)
    assert again.quiz == widget.quiz


def test_real_course_timeline_activities_are_unambiguous():
    try:
        bank = course_bank(ROOT)
        _, spec = bank.timeline()
    except Exception as exc:  # the data file is being written by another author
        pytest.skip(f"the course's exercises do not load right now: {exc}")
    for section in spec.sections:
        for seed in range(3):
            quiz = build_quiz_file(spec, section, seed=seed, count=4)
            for item, events in _compared(spec, quiz):
                assert all(comparable(a, b) for n, a in enumerate(events) for b in events[n + 1:]), item.id


# ---- the front-end files ---------------------------------------------------------------------------

def test_module_is_assembled_from_parts():
    parts = module_parts("timeline")
    assert not (HERE / "timeline.js").exists()
    assert [p.name for p in parts] == ["common.js", *sorted(p.name for p in (HERE / "timeline").glob("*.js"))]
    assert len(parts) >= 5 and parts[-1].name == "90-render.js"
    exports = [p.name for p in parts if re.search(r"^export\b", p.read_text(encoding="utf-8"), re.M)]
    assert exports == ["90-render.js"]  # one export default, at the very end


def test_pure_parts_pass_their_node_tests(tmp_path):
    """tests/js/test_timeline_layout.mjs under node:test, against the module exactly as it is served."""
    node = shutil.which("node")
    if node is None:
        message = "node (Node.js 20) is not on the PATH, so the timeline's layout cannot be tested"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    module = tmp_path / "timeline.mjs"
    module.write_text(module_source("timeline"), encoding="utf-8")
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "test_timeline_layout.mjs")],
                            env={**os.environ, "TIMELINE_MODULE": module.as_uri()},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"^# pass [1-9]", result.stdout, re.M) and re.search(r"^# fail 0$", result.stdout, re.M)


def test_module_follows_the_conventions():
    source = module_source("timeline")
    assert not re.search(r"^import\b", source, re.M)
    assert "document.addEventListener" not in source and "window.addEventListener" not in source
    assert "http://" not in source and "https://" not in source  # nothing loads from any host
    assert "window.coursekitModules || {})[\"timeline\"]" in classic_script("timeline")
    css = module_css("timeline")
    assert css.startswith((HERE / "common.css").read_text(encoding="utf-8"))
    assert "@import" not in css and "url(" not in css
