"""The timeline in a real browser, static, no kernel: a tiny book with a 10-event fixture and a 2,000-event page.

The book is the minibook fixture copied to a temporary folder, plus an ``exercises/timeline.yml`` and two
notebooks. No timing is asserted here (timings belong in benchmarks/); the 2,000-event page is a smoke check.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from support.book import build_book
from tests.browser.timeline import assert_touchable, focused_id, geometry, marker, search, selected, span, widget
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # slow: builds its own book
MINIBOOK = ROOT / "tests" / "fixtures" / "minibook"
PAGE = "book/part1/events.html"
BIG = "book/part1/big.html"

TIMELINE_YML = """\
kind: timeline
themes:
  alpha: "Cooperation"
  beta: "Nuclear"
sections:
  part1/slice: [alpha]
  part1/events: [alpha, beta]
eras:
  - {id: cold-war, label: "Cold War", start: "1947", end: "1991"}
  - {id: after, label: "After the Cold War", start: "1991", end: "2020"}
events:
  - {id: udhr, date: "1948-12-10", title: "Universal Declaration of Human Rights adopted", summary: "Adopted in Paris.",
     themes: [alpha], actors: ["UN"], section: part1/slice,
     sources: [{title: "UDHR", url: "https://example.org/udhr", publisher: "UN"}]}
  - {id: iaea-statute, date: "1957-07-29", title: "IAEA statute enters into force", summary: "The Agency is born.",
     themes: [beta], actors: ["IAEA"], section: part1/events, date_note: "Some sources give the signature date instead.",
     sources: [{title: "IAEA history", url: "https://example.org/iaea"}]}
  - {id: c1, date: "1975-03", title: "Month-precision meeting on safeguards", summary: "A month only.",
     themes: [beta], actors: ["IAEA", "Iran"], section: part1/events, sources: [{title: "S1", url: "https://example.org/c1"}]}
  - {id: rabat, date: {start: "1975-03-10", end: "1975-03-12"}, title: "Rabat conference opens",
     summary: "Ministers meet in **Rabat**.", themes: [alpha], actors: ["OIC", "Morocco"], section: part1/slice,
     sources: [{title: "Rabat communiqué", url: "https://example.org/rabat", publisher: "OIC"},
               {title: "Press report", url: "https://example.org/press?a=1&b=2", publisher: "Daily"}]}
  - {id: jeddah, date: "1975-03-25", title: "Jeddah secretariat begins work", summary: "A standing office.",
     themes: [alpha], actors: ["OIC", "Saudi Arabia"], section: part1/events, sources: [{title: "S3", url: "https://example.org/c3"}]}
  - {id: same-a, date: "1975-04-20", title: "Same-day event A", summary: "One of two on this day.",
     themes: [beta], actors: ["Iran"], section: part1/events, sources: [{title: "S4", url: "https://example.org/c4"}]}
  - {id: same-b, date: "1975-04-20", title: "Same-day event B", summary: "The other one.",
     themes: [alpha], actors: ["OIC"], section: part1/events, sources: [{title: "S5", url: "https://example.org/c5"}]}
  - {id: water, date: "1975-05-02", title: "Water agreement signed", summary: "Shared rivers.",
     themes: [alpha], actors: ["Egypt"], section: part1/events, sources: [{title: "S6", url: "https://example.org/c6"}]}
  - {id: review, date: "1975-05-15", title: "Treaty <review> & conference", summary: "Escaping check.",
     themes: [beta], actors: ["UN"], section: part1/events, sources: [{title: "S7", url: "https://example.org/c7"}]}
  - {id: jcpoa, date: "2015-07-14", title: "JCPOA concluded in Vienna", summary: "A deal.",
     themes: [beta], actors: ["Iran", "IAEA"], section: part1/events, sources: [{title: "S8", url: "https://example.org/c8"}]}
"""
ORDER = ["udhr", "iaea-statute", "c1", "rabat", "jeddah", "same-a", "same-b", "water", "review", "jcpoa"]
BETA = {"iaea-statute", "c1", "same-a", "review", "jcpoa"}

BIG_CODE = """\
import datetime as dt
import random
from coursekit import Timeline
from coursekit.schema.timeline import TimelineFile
rng = random.Random(7)
events = []
for n in range(2000):
    day = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(45000))
    events.append({"id": f"ev-{n}", "date": day.isoformat(), "title": f"Synthetic event {n}",
                   "summary": f"Summary of event {n}.", "themes": ["alpha" if n % 2 else "beta"],
                   "actors": [f"Actor {n % 40}"], "section": "part1/events",
                   "sources": [{"title": "Source", "url": f"https://example.org/{n}"}]})
spec = TimelineFile.model_validate({"kind": "timeline", "themes": {"alpha": "Alpha", "beta": "Beta"},
                                    "sections": {"part1/events": ["alpha", "beta"]}, "events": events})
Timeline(spec, "part1/events")
"""


def notebook(title: str, *cells: str) -> str:
    code = [{"cell_type": "code", "execution_count": None, "id": f"cell-{n}", "metadata": {"tags": ["remove-input"]},
             "outputs": [], "source": source} for n, source in enumerate(cells, 1)]
    return json.dumps({
        "cells": [{"cell_type": "markdown", "id": "cell-0", "metadata": {}, "source": f"# {title}\n\nSome prose."}, *code],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("timeline-book")
    shutil.copytree(MINIBOOK, source, dirs_exist_ok=True, ignore=shutil.ignore_patterns("_build"))
    (source / "exercises" / "timeline.yml").write_text(TIMELINE_YML, encoding="utf-8")
    (source / "book" / "part1" / "events.ipynb").write_text(notebook(
        "Events",
        'from coursekit import Timeline\nTimeline.for_section("part1/events")',
        'Timeline.quiz_for_section("part1/events", seed=1, count=3)',
    ), encoding="utf-8")
    (source / "book" / "part1" / "big.ipynb").write_text(notebook("Big", BIG_CODE), encoding="utf-8")
    toc = (source / "_toc.yml").read_text(encoding="utf-8")
    (source / "_toc.yml").write_text(toc.rstrip() + "\n  - file: book/part1/events\n  - file: book/part1/big\n")
    return build_book(source).html


@pytest.fixture(scope="module")
def book_url(book, serve) -> str:
    return serve(book)


@pytest.fixture
def tl(watched, book_url):
    """The events page, loaded, with its timeline mounted; reduced motion so positions settle at once."""
    page = watched.page
    page.emulate_media(reduced_motion="reduce")
    page.goto(book_url + PAGE)
    page.wait_for_selector(".ck-timeline .ck-tl-marker")
    return watched


def test_mounts_offline_with_counts_and_no_problems(tl, book_url):
    page = tl.page
    assert page.locator(".ck-widget-mount.ck-mounted .ck-timeline").count() == 1
    assert widget(page).locator(".ck-tl-status").inner_text() == "Showing 10 of 10 events"
    assert widget(page).locator(".ck-tl-era").count() == 2
    assert widget(page).locator(".ck-tl-tick").count() >= 2
    assert not page.locator(".ck-timeline-fallback").first.is_visible()
    assert tl.problems == []
    foreign = [u for u in tl.requests if not u.startswith((book_url, "data:", "blob:", "about:"))]
    assert foreign == []


def test_crowded_markers_cluster_and_a_cluster_zooms_in(tl):
    page = tl.page
    cluster = widget(page).locator(".ck-tl-cluster").first
    count = int(cluster.inner_text())
    assert count >= 4 and "events" in cluster.get_attribute("aria-label")
    rendered = widget(page).locator(".ck-tl-marker[data-id]").count() + count
    assert rendered <= 10
    before = span(page)
    cluster.click()
    assert span(page) < before / 4
    assert widget(page).locator(".ck-tl-marker[data-id]").count() > 3
    assert focused_id(page) in ORDER


def test_zoom_with_buttons(tl):
    page = tl.page
    full = span(page)
    widget(page).get_by_role("button", name="Zoom in", exact=True).click()
    assert abs(span(page) - full / 2) <= 1
    widget(page).get_by_role("button", name="Zoom in", exact=True).click()
    assert abs(span(page) - full / 4) <= 1
    widget(page).get_by_role("button", name="Zoom out", exact=True).click()
    assert abs(span(page) - full / 2) <= 1
    widget(page).get_by_role("button", name="Show all").click()
    assert span(page) == full
    # everything is in view: "Zoom out" rests, as "Zoom in" does at the closest zoom
    assert widget(page).get_by_role("button", name="Zoom out", exact=True).is_disabled()


def test_zoom_in_by_keyboard_rests_at_the_closest_zoom_and_keeps_focus(tl):
    """Pressing Enter on "Zoom in" until it can go no closer: the button rests then (it no longer acts
    while doing nothing) and the focus moves to "Zoom out", not to the top of the page."""
    page = tl.page
    zoom_in = widget(page).get_by_role("button", name="Zoom in", exact=True)
    zoom_in.focus()
    presses = 0
    while not zoom_in.is_disabled():
        assert presses < 20, "zoom in never rests"
        page.keyboard.press("Enter")
        presses += 1
    assert span(page) <= 21 and presses > 3
    assert page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.textContent") \
        in ("Zoom out", "−")
    page.keyboard.press("Enter")  # the focused "Zoom out" works
    assert span(page) > 21 and not zoom_in.is_disabled()


def test_zoom_with_keyboard_only_inside_the_widget(tl):
    page = tl.page
    full = span(page)
    page.keyboard.press("+")  # focus is on the page, not the widget
    assert span(page) == full
    marker(page, "udhr").focus()
    page.keyboard.press("+")
    assert abs(span(page) - full / 2) <= 1
    page.keyboard.press("-")
    assert abs(span(page) - full) <= 1
    widget(page).get_by_label("Search events").focus()
    page.keyboard.press("+")  # typing in the search box is typing, not zooming
    page.keyboard.press("-")
    assert abs(span(page) - full) <= 1


def test_filter_by_theme_and_actor(tl):
    page = tl.page
    status = widget(page).locator(".ck-tl-status")
    theme, actor = widget(page).get_by_label("Theme"), widget(page).get_by_label("Actor")
    assert theme.locator("option").all_inner_texts() == ["All themes (10)", "Cooperation (5)", "Nuclear (5)"]
    theme.select_option(label="Nuclear (5)")
    assert status.inner_text() == "Showing 5 of 10 events"
    ids = set(widget(page).locator(".ck-tl-marker[data-id]").evaluate_all("ns => ns.map(n => n.dataset.id)"))
    assert ids and ids <= BETA
    # Nuclear and OIC together would match nothing: the menu says so and does not offer it
    oic = actor.locator("option[value='OIC']")
    assert oic.inner_text() == "OIC (0)" and oic.is_disabled()
    assert actor.locator("option[value='Iran']").inner_text() == "Iran (3)"
    actor.select_option("Iran")
    assert status.inner_text() == "Showing 3 of 10 events"
    assert theme.locator("option").all_inner_texts() == ["All themes (3)", "Cooperation (0)", "Nuclear (3)"]
    assert theme.locator("option[value='alpha']").is_disabled()
    theme.select_option("")
    actor.select_option("OIC")
    assert status.inner_text() == "Showing 3 of 10 events"
    ids = set(widget(page).locator(".ck-tl-marker[data-id]").evaluate_all("ns => ns.map(n => n.dataset.id)"))
    assert ids == {"rabat", "jeddah", "same-b"}  # zoomed to fit the matches, so none is clustered
    options = [o.rsplit(" (", 1)[0] for o in actor.locator("option").all_inner_texts()]
    assert options[0] == "All actors" and options[1:] == sorted(options[1:])


def test_the_actor_menu_is_whole_when_first_reached_before_the_browser_is_idle(watched, book_url):
    """The actor options are made in idle time after the first draw (the collator that sorts them was a
    tenth of a long timeline's first render), or when the menu is reached: with idle time that never
    comes, tabbing to the menu still finds every actor, sorted and counted."""
    page = watched.page
    page.add_init_script("window.requestIdleCallback = () => 0;")
    page.goto(book_url + PAGE)
    page.wait_for_selector(".ck-timeline .ck-tl-marker")
    actor = widget(page).get_by_label("Actor")
    assert actor.locator("option").count() == 1  # not made yet
    actor.focus()
    options = actor.locator("option").all_inner_texts()
    assert options[0] == "All actors (10)" and "Iran (3)" in options and len(options) > 5
    names = [o.rsplit(" (", 1)[0] for o in options[1:]]
    assert names == sorted(names)
    page.keyboard.press("ArrowDown")  # the keyboard way to choose, at once
    assert actor.input_value() == names[0]


def test_search(tl):
    page = tl.page
    status = widget(page).locator(".ck-tl-status")
    search(page, "jeddah")
    assert status.inner_text() == "Showing 1 of 10 events"
    assert widget(page).locator(".ck-tl-marker[data-id]").evaluate_all("ns => ns.map(n => n.dataset.id)") == ["jeddah"]
    search(page, "RABAT")  # case folded; matches the title and the summary
    assert status.inner_text() == "Showing 1 of 10 events"
    widget(page).get_by_label("Search events").fill("ministers")
    page.wait_for_function("el => el.textContent === 'Showing 1 of 10 events'",
                           arg=status.element_handle())  # typing alone filters, after a short pause
    search(page, "")
    assert status.inner_text() == "Showing 10 of 10 events"


def test_arrow_keys_move_between_events_only_inside_the_widget(tl):
    page = tl.page
    marker(page, "udhr").click()
    assert selected(page) == "udhr"
    page.keyboard.press("ArrowRight")
    assert selected(page) == "iaea-statute" and focused_id(page) == "iaea-statute"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert selected(page) == "rabat" and focused_id(page) == "rabat"  # out of the cluster, one by one
    page.keyboard.press("ArrowLeft")
    assert selected(page) == "c1"
    page.keyboard.press("End")
    assert selected(page) == "jcpoa" and focused_id(page) == "jcpoa"
    page.keyboard.press("ArrowRight")  # stays on the last
    assert selected(page) == "jcpoa"
    page.keyboard.press("Home")
    assert selected(page) == "udhr"
    # focus outside the widget: the arrow keys belong to the page
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    assert selected(page) == "udhr"
    # focus in the widget's own text box: the arrows move the caret
    widget(page).get_by_label("Search events").focus()
    page.keyboard.press("ArrowRight")
    assert selected(page) == "udhr"
    # Tab from the controls lands on the one marker in the tab order: the selected one
    assert marker(page, "udhr").get_attribute("tabindex") == "0"
    assert widget(page).locator(".ck-tl-marker[tabindex='0']").count() == 1


def test_details_panel_and_section_link(tl, book_url):
    page = tl.page
    details = widget(page).locator(".ck-tl-details")
    assert details.is_hidden()
    search(page, "rabat")
    marker(page, "rabat").click()
    assert details.is_visible()
    assert details.locator(".ck-tl-details-title").inner_text() == "Rabat conference opens"
    assert details.locator("time").inner_text() == "10 – 12 March 1975"
    assert details.locator("time").get_attribute("datetime") == "1975-03-10"
    assert details.locator(".ck-tl-summary strong").inner_text() == "Rabat"
    links = details.locator(".ck-tl-sources a")
    assert links.all_inner_texts() == ["Rabat communiqué", "Press report"]
    assert links.nth(1).get_attribute("href") == "https://example.org/press?a=1&b=2"
    assert links.first.get_attribute("rel") == "noopener noreferrer"
    assert "(OIC)" in details.locator(".ck-tl-sources").inner_text()
    assert "Cooperation" in details.locator(".ck-tl-meta").inner_text()
    assert "null" not in details.inner_text()  # an event without a date note shows no stray text
    assert marker(page, "rabat").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert details.is_hidden() and focused_id(page) == "rabat"
    page.keyboard.press("Enter")  # a marker is a button: Enter opens it
    assert details.is_visible()
    link = details.locator("a.ck-tl-section-link")
    assert link.inner_text() == "Read the section"
    assert link.get_attribute("href") == "../../book/part1/slice.html"
    assert link.evaluate("a => a.href") == book_url + "book/part1/slice.html"
    link.click()
    page.wait_for_url(book_url + "book/part1/slice.html")
    assert page.locator("h1").first.inner_text().startswith("Slice")


def test_date_note_and_escaped_titles(tl):
    page = tl.page
    marker(page, "iaea-statute").click()
    details = widget(page).locator(".ck-tl-details")
    assert "Note on the date: Some sources give the signature date instead." in details.inner_text()
    search(page, "review")
    marker(page, "review").click()
    assert details.locator(".ck-tl-details-title").inner_text() == "Treaty <review> & conference"
    assert marker(page, "review").get_attribute("aria-label") == "Treaty <review> & conference, 15 May 1975"
    search(page, "")
    assert selected(page) == "review"


def test_list_view_toggle(tl):
    page = tl.page
    toggle = widget(page).get_by_role("button", name="List view")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    items = widget(page).locator("ol.ck-tl-list > li")
    assert widget(page).locator("ol.ck-tl-list").is_visible()
    assert widget(page).locator(".ck-tl-viewport").is_hidden()
    assert items.count() == 10
    assert items.evaluate_all("ns => ns.map(n => n.dataset.id)") == ORDER
    assert items.nth(3).locator("a.ck-tl-section-link").get_attribute("href") == "../../book/part1/slice.html"
    assert widget(page).get_by_role("button", name="Timeline view").get_attribute("aria-pressed") == "true"
    widget(page).get_by_label("Theme").select_option("beta")
    visible = widget(page).locator("ol.ck-tl-list > li:visible")
    assert visible.evaluate_all("ns => ns.map(n => n.dataset.id)") == [i for i in ORDER if i in BETA]
    widget(page).get_by_role("button", name="Timeline view").click()
    assert widget(page).locator(".ck-tl-viewport").is_visible()
    assert widget(page).locator("ol.ck-tl-list").is_hidden()


def test_right_to_left(watched, book_url):
    page = watched.page
    def rtl(route):
        body = route.fetch().text().replace("<html ", '<html dir="rtl" ', 1)
        route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

    page.route(book_url + PAGE, rtl)
    page.goto(book_url + PAGE)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.ck-timeline')).direction") == "rtl"
    page.wait_for_selector(".ck-timeline .ck-tl-marker")
    first = marker(page, "udhr").bounding_box()
    last = marker(page, "jcpoa").bounding_box()
    assert first["x"] > last["x"]  # earliest on the right
    assert_touchable(geometry(widget(page)))  # mirrored, and still whole, apart and inside
    marker(page, "udhr").click()
    page.keyboard.press("ArrowLeft")  # forward in time is leftward
    assert selected(page) == "iaea-statute"


def test_works_from_file_urls(watched, book):
    page = watched.page
    page.goto((book / PAGE).as_uri())
    page.wait_for_selector(".ck-timeline .ck-tl-marker")
    search(page, "rabat")
    marker(page, "rabat").click()
    link = widget(page).locator("a.ck-tl-section-link")
    assert link.evaluate("a => a.href") == (book / "book/part1/slice.html").as_uri()
    assert [kind for kind, _ in watched.console if kind == "pageerror"] == []


def test_timeline_quiz_renders_through_the_quiz_engine(tl):
    page = tl.page
    quiz = page.locator(".ck-quiz").first
    quiz.wait_for()
    assert quiz.locator(".ck-item").count() == 3
    assert {quiz.locator(".ck-item").nth(i).get_attribute("data-type") for i in range(3)} <= {"ordering", "single_choice"}
    assert quiz.locator(".ck-title").inner_text() == "Timeline check: Events"  # names its section


def test_two_thousand_events_smoke(watched, book_url):
    page = watched.page
    page.emulate_media(reduced_motion="reduce")
    page.goto(book_url + BIG)
    page.wait_for_selector(".ck-timeline .ck-tl-marker")
    box = widget(page)
    assert box.locator(".ck-tl-status").inner_text() == "Showing 2,000 of 2,000 events"  # counts as Intl writes them in English
    assert 0 < box.locator(".ck-tl-marker").count() < 150  # only what is in view, clustered
    assert box.locator(".ck-tl-cluster").count() > 0
    full = span(page)
    for _ in range(5):
        box.get_by_role("button", name="Zoom in", exact=True).click()
    assert span(page) < full / 20
    search(page, "synthetic event 1999")
    assert box.locator(".ck-tl-status").inner_text() == "Showing 1 of 2,000 events"
    assert box.locator(".ck-tl-marker[data-id='ev-1999']").count() == 1
    assert watched.problems == []
    assert re.search(r"ev-\d+", page.content())


def test_pointer_drag_wheel_and_pinch(tl):
    page = tl.page
    viewport = widget(page).locator(".ck-tl-viewport")
    full = span(page)
    widget(page).get_by_role("button", name="Zoom in", exact=True).click()
    widget(page).get_by_role("button", name="Zoom in", exact=True).click()
    box = viewport.bounding_box()
    start = int(viewport.get_attribute("data-start"))
    y = box["y"] + 30  # above the markers
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 150, y, steps=5)
    page.mouse.up()
    assert int(viewport.get_attribute("data-start")) > start  # dragged leftwards: later years come into view
    assert span(page) == full // 4 or abs(span(page) - full / 4) <= 1
    # a drag that starts on a marker pans and does not select it
    widget(page).get_by_role("button", name="Show all").click()
    node = marker(page, "udhr").bounding_box()
    page.mouse.move(node["x"] + node["width"] / 2, node["y"] + node["height"] / 2)
    page.mouse.down()
    page.mouse.move(node["x"] + 120, node["y"] + node["height"] / 2, steps=5)
    page.mouse.up()
    assert selected(page) is None
    # the plain wheel scrolls the page; ctrl + wheel (and a trackpad pinch) zooms
    before = span(page)
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(100)
    assert span(page) == before
    box = viewport.bounding_box()  # the page scrolled
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 30)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_function("([el, before]) => Number(el.dataset.span) < before", arg=[viewport.element_handle(), before])
    # two touch pointers moving apart zoom in
    before = span(page)
    page.evaluate("""(el) => {
        const r = el.getBoundingClientRect(), y = r.top + 30;
        const fire = (type, id, x) => el.dispatchEvent(new PointerEvent(type, {pointerId: id, pointerType: 'touch',
            clientX: r.left + x, clientY: y, bubbles: true, isPrimary: id === 11}));
        fire('pointerdown', 11, 300); fire('pointerdown', 12, 350);
        fire('pointermove', 12, 450);
        fire('pointerup', 11, 300); fire('pointerup', 12, 450);
    }""", viewport.element_handle())
    page.wait_for_function("([el, before]) => Number(el.dataset.span) < before / 2", arg=[viewport.element_handle(), before])
    assert tl.problems == []
