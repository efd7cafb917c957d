"""The timeline by touch at 390 x 844 (and one keyboard walk) on the course's own pages, in the built book.

Split from test_timeline_browser.py, whose tests need a book of their own: these read only the suite's
``site`` (./test's build), so they are not slow, and a second xdist worker can run them meanwhile. The
tests of the axis's geometry run on the Arabic edition too (issue 16), where the axis runs right to left.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.browser.helpers import reach_widgets
from tests.browser.timeline import (COURSE, IRAN, PHONE, assert_touchable, course_events, focused_id, geometry,
                                    inside, marker, open_page, overlap, search, selected, span, tap_event,
                                    visible_centre, widget)
from coursekit.strings import catalog
from tests.conftest import Watched

pytestmark = pytest.mark.browser


@dataclass
class Edition:
    """One language of the built site: its root URL and the widget's words in it."""
    url: str
    language: str

    def name(self, key: str) -> str:
        return catalog(self.language)[key]


@pytest.fixture(params=["en", "ar"])
def edition(request, site_url):
    return Edition(site_url + ("" if request.param == "en" else f"{request.param}/"), request.param)


@pytest.fixture
def phone(browser):
    """A phone: 390 x 844, touch, mobile; reduced motion so that positions settle at once."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.emulate_media(reduced_motion="reduce")
    watched = Watched(page)
    yield watched
    context.close()


def test_touch_markers_are_big_apart_and_inside_on_the_course_pages(phone, edition):
    for url in (IRAN, COURSE):
        root = open_page(phone, edition.url + url)
        g = geometry(root)
        assert_touchable(g)
        # every event is on the axis, as its own marker or counted in a cluster
        expected = len(course_events("part2/iran-deal" if url == IRAN else None))
        assert sum(m["count"] for m in g["markers"]) == expected
        for _ in range(3):
            root.get_by_role("button", name=edition.name("timeline.zoomIn"), exact=True).tap()
            assert_touchable(geometry(root))
    assert phone.problems == []


def test_touch_each_marker_opens_its_event_at_its_visible_centre(phone, site_url):
    page = phone.page
    root = open_page(phone, site_url + IRAN)
    g = geometry(root)
    events = [m for m in g["markers"] if m["id"]]
    assert len(events) >= 3
    for m in events:
        page.touchscreen.tap(*visible_centre(m, g["view"]))
        title = root.locator(".ck-tl-details-title")
        assert root.locator(".ck-tl-details").is_visible()
        assert m["label"].startswith(title.inner_text() + ", ")
        for target in (root.get_by_role("button", name="Close"), root.locator(".ck-tl-section-link")):
            if target.count():   # each control of the panel a finger can hit: 44 px high
                assert target.bounding_box()["height"] >= 44, target
        root.get_by_role("button", name="Close").tap()
        g = geometry(root)  # selecting may reveal, that is, pan
        m.update(next(x for x in g["markers"] if x["id"] == m["id"]))
    # "JCPOA concluded" (14 July 2015) and Implementation Day: tap the cluster that counts them until the
    # JCPOA has its own marker; then nothing covers it, and tapping it opens it
    for _ in range(8):
        g = geometry(root)
        jcpoa = [m for m in g["markers"] if m["label"].startswith("Iran and the E3/EU+3 conclude")]
        if jcpoa:
            break
        cluster = next(m for m in g["markers"] if not m["id"] and "14 July 2015" in m["label"])
        page.touchscreen.tap(*visible_centre(cluster, g["view"]))
    assert_touchable(g)
    assert all(overlap(jcpoa[0], m) == 0 for m in g["markers"] if m is not jcpoa[0])
    page.touchscreen.tap(*visible_centre(jcpoa[0], g["view"]))
    assert root.locator(".ck-tl-details-title").inner_text().startswith("Iran and the E3/EU+3 conclude")


def test_touch_the_edge_markers_of_the_course_timeline_are_whole_and_work(phone, edition):
    page = phone.page
    root = open_page(phone, edition.url + COURSE)
    for pick in (max, min):  # the right-hand one (the reported cluster), then the left-hand one
        g = geometry(root)
        edge = pick(g["markers"], key=lambda m: m["x"])
        assert inside(edge, g["view"])
        page.touchscreen.tap(*visible_centre(edge, g["view"]))
        if edge["id"]:
            assert root.locator(".ck-tl-details").is_visible()
            assert selected(page) == edge["id"]
        else:
            assert span(page) < g["span"] / 2  # a cluster zooms in on its events
            assert_touchable(geometry(root))
        root.get_by_role("button", name=edition.name("timeline.reset")).tap()


def test_touch_zoom_in_three_times_on_the_iran_page_keeps_events_in_view(phone, edition):
    page = phone.page
    root = open_page(phone, edition.url + IRAN)
    days = sorted(_day(e.date.start) for e in course_events("part2/iran-deal"))
    for press in range(1, 4):
        root.get_by_role("button", name=edition.name("timeline.zoomIn"), exact=True).tap()
        g = geometry(root)
        in_view = [d for d in days if g["start"] <= d <= g["start"] + g["span"]]
        assert len(in_view) >= 2, f"press {press}: {len(in_view)} events in view"
        assert sum(m["count"] for m in g["markers"]) >= 2
        assert_touchable(g)
    # with an event selected, "+" zooms around it
    chosen = tap_event(page, root, min)["id"]
    assert selected(page) == chosen
    root.get_by_role("button", name=edition.name("timeline.close")).tap()
    for _ in range(2):
        root.get_by_role("button", name=edition.name("timeline.zoomIn"), exact=True).tap()
        assert marker(page, chosen).count() == 1 and marker(page, chosen).is_visible()


def _day(text: str) -> int:
    """Day number (days since 1970-01-01) of the first day of a date, as the script counts."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return (dt.date(parts[0], parts[1], parts[2]) - dt.date(1970, 1, 1)).days


def test_touch_axis_shows_three_whole_ticks_at_every_zoom(phone, edition):
    root = open_page(phone, edition.url + IRAN)
    zoom_in = root.get_by_role("button", name=edition.name("timeline.zoomIn"), exact=True)
    for press in range(8):
        g = geometry(root)
        whole = [t for t in g["ticks"] if inside(t, g["view"]) and t["text"]]
        assert len(whole) >= 3, (press, g["ticks"])
        xs = [t["x"] for t in whole]   # the ticks in time order: left to right, or right to left in Arabic
        assert xs == sorted(xs, reverse=edition.language == "ar"), (press, whole)
        whole.sort(key=lambda t: t["x"])
        for a, b in zip(whole, whole[1:]):
            assert a["x"] + a["w"] <= b["x"], (a, b)  # labels never collide
        zoom_in.tap()


def test_labels_are_whole_and_inside_the_axis(phone, browser, edition):
    page = phone.page
    root = open_page(phone, edition.url + COURSE)
    tip = root.locator(".ck-tl-tip")
    for pick in (max, min):  # the right-most event marker, then the left-most: labels there would be cut
        edge = tap_event(page, root, pick)  # its details open: the marker in hand shows its label
        assert tip.is_visible() and tip.inner_text() == marker(page, edge["id"]).get_attribute("aria-label")
        view = geometry(root)["view"]
        box = tip.bounding_box()
        assert inside({"x": box["x"], "y": box["y"], "w": box["width"], "h": box["height"]}, view)
        assert tip.evaluate("n => n.scrollWidth <= n.clientWidth && n.scrollHeight <= n.clientHeight")
        root.get_by_role("button", name=edition.name("timeline.close")).tap()  # done with it: the label goes (issue 11)
        assert tip.is_hidden()
    # by mouse: hovering the last marker of a wide desktop axis shows its whole label, inside
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    desk.emulate_media(reduced_motion="reduce")
    desk.goto(edition.url + COURSE)
    desk.wait_for_selector(".ck-tl-marker[data-id]")
    last = widget(desk).locator(".ck-tl-marker[data-id]").last
    last.hover()
    tip = widget(desk).locator(".ck-tl-tip")
    assert tip.inner_text() == last.get_attribute("aria-label")
    view = widget(desk).locator(".ck-tl-viewport").bounding_box()
    box = tip.bounding_box()
    assert box["x"] >= view["x"] and box["x"] + box["width"] <= view["x"] + view["width"]
    assert tip.evaluate("n => n.scrollWidth <= n.clientWidth")
    context.close()


def test_help_line_follows_the_input_in_use(phone, browser, site_url):
    page = phone.page
    root = open_page(phone, site_url + IRAN)
    help_line = root.locator(".ck-tl-help")
    assert help_line.inner_text().startswith("Tap an event")
    page.keyboard.press("Tab")  # a keyboard attached to the tablet
    root.get_by_label("Search events").focus()
    page.keyboard.press("Tab")
    assert help_line.inner_text().startswith("Use the arrow keys")
    root.get_by_role("button", name="Zoom in", exact=True).tap()
    assert help_line.inner_text().startswith("Tap an event")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    desk.goto(site_url + IRAN)
    reach_widgets(desk)
    desk.wait_for_selector(".ck-tl-marker")
    help_line = widget(desk).locator(".ck-tl-help")
    assert help_line.inner_text().startswith("Click an event")
    widget(desk).get_by_role("button", name="Zoom in", exact=True).click()
    assert help_line.inner_text().startswith("Click an event")
    desk.keyboard.press("-")
    assert help_line.inner_text().startswith("Use the arrow keys")
    context.close()


def test_menus_count_what_each_option_keeps_and_offer_no_empty_choice(phone, site_url):
    root = open_page(phone, site_url + COURSE)
    events = course_events()
    water = sum("water-environment" in e.themes for e in events)
    themes = root.get_by_label("Theme")
    assert f"Water and environment ({water})" in themes.locator("option").all_inner_texts()
    assert themes.locator("option").first.inner_text() == f"All themes ({len(events)})"
    themes.select_option("water-environment")
    status = root.locator(".ck-tl-status")
    assert status.inner_text() == f"Showing {water} of {len(events)} events"
    root.get_by_label("Actor").focus()   # reaching the menu fills it (it is made when the browser is idle)
    actor_options = root.get_by_label("Actor").locator("option")
    texts = actor_options.all_inner_texts()
    egypt = sum("water-environment" in e.themes and "Egypt" in e.actors for e in events)
    assert f"Egypt ({egypt})" in texts
    # an actor with no water event cannot be chosen with this theme, and says why: (0)
    iaea = root.get_by_label("Actor").locator("option[value='IAEA']")
    assert iaea.inner_text() == "IAEA (0)" and iaea.is_disabled()
    enabled = actor_options.evaluate_all("ns => ns.filter(n => !n.disabled).map(n => n.value)")
    for value in enabled[1:4]:
        root.get_by_label("Actor").select_option(value)
        assert not status.inner_text().startswith("No event matches")
    # a search can still match nothing: then the status says so and what to do
    search(phone.page, "zzzz no such word")
    assert status.inner_text().startswith("No event matches.") and "All themes" in status.inner_text()
    assert f"Showing 0 of {len(events)} events. Try" in status.inner_text()
    # nothing to zoom to: the zoom buttons rest until an event is shown again (found on a phone walk)
    zoom = [root.get_by_role("button", name=name) for name in ("Zoom in", "Zoom out")]
    assert all(button.is_disabled() for button in zoom)
    search(phone.page, "")
    assert not zoom[0].is_disabled()


def test_tab_then_arrow_key_selects_an_event(watched, site_url):
    page = watched.page
    page.emulate_media(reduced_motion="reduce")
    root = open_page(watched, site_url + IRAN)
    root.get_by_role("button", name="List view").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('ck-tl-marker')")
    tabbed = focused_id(page)
    page.keyboard.press("ArrowRight")
    now = selected(page)
    assert now is not None and focused_id(page) == now
    assert now != tabbed  # it moved: to the next event, or into the cluster that had focus
    page.keyboard.press("ArrowRight")
    assert selected(page) not in (None, now)


def test_the_details_link_to_the_section_is_a_44_px_target(phone, edition):
    """On the course timeline each event links to its section: a link a finger can hit (it was 19 px high)."""
    page = phone.page
    root = open_page(phone, edition.url + COURSE)
    heights = []
    for marker in [m for m in geometry(root)["markers"] if m["id"]][:4]:
        g = geometry(root)
        marker = next(m for m in g["markers"] if m["id"] == marker["id"])
        page.touchscreen.tap(*visible_centre(marker, g["view"]))
        link = root.locator(".ck-tl-section-link")
        if link.count():
            heights.append(link.bounding_box()["height"])
        root.get_by_role("button", name=edition.name("timeline.close")).tap()
    assert heights and min(heights) >= 44, heights
    assert phone.problems == []
