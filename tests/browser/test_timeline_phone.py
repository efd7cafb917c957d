"""Issue 11, what students still met on a phone, each as a test that does what they did: the label of a
tapped marker stayed over the axis after its details closed; an era's name was cut at 390 px; the theme's
"Back to top" pill sat on the axis while scrolling. Every timeline page of the built book is walked (those
walks are slow: each opens every timeline page)."""
from __future__ import annotations

import pytest

from tests.browser.helpers import saved_state, scroll_up_to
from tests.browser.test_timeline_touch import phone  # noqa: F401, F811 - the shared phone fixture, used as an argument
from tests.browser.timeline import (
    COURSE, IRAN, assert_touchable, geometry, inside, open_page, overlap, tap_event, visible_centre)
from tests.conftest import Watched
from tests.site.helpers import html_pages

pytestmark = pytest.mark.browser


def timeline_pages(site) -> list[str]:
    """Every page of the built book that shows a timeline (its saved state holds a timeline widget)."""
    pages = []
    for path in (site / rel for rel in html_pages(site)):   # the root edition's (the others: same pages)
        models = saved_state(path.read_text(encoding="utf-8")).values()
        if any(m["state"].get("_module") == "timeline" for m in models):
            pages.append(path.relative_to(site).as_posix())
    return pages


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.emulate_media(reduced_motion="reduce")
    yield Watched(page)
    context.close()


def test_the_book_has_timeline_pages(site):
    pages = timeline_pages(site)
    assert COURSE in pages and IRAN in pages and len(pages) >= 8, pages


def tap_first_event(page, root) -> dict:
    g = geometry(root)
    m = next(m for m in g["markers"] if m["id"])
    page.touchscreen.tap(*visible_centre(m, g["view"]))
    assert root.locator(".ck-tl-details").is_visible()
    return m


def test_touch_the_label_goes_when_the_details_close_on_a_tap_elsewhere_and_on_esc(phone, site_url):
    page = phone.page
    root = open_page(phone, site_url + IRAN)
    tip = root.locator(".ck-tl-tip")
    details = root.locator(".ck-tl-details")
    tap_first_event(page, root)
    root.get_by_role("button", name="Close").tap()
    assert details.is_hidden()
    assert tip.is_hidden(), "the label stayed over the axis after Close"
    tap_first_event(page, root)
    page.locator("article h1").first.tap()  # a tap elsewhere on the page
    assert tip.is_hidden(), "the label stayed after a tap elsewhere"
    g = geometry(root)  # a tap on an empty stretch of the axis (above the markers) is elsewhere too
    tap_first_event(page, root)
    page.touchscreen.tap(g["view"]["x"] + g["view"]["w"] / 2, g["view"]["y"] + 40)
    assert tip.is_hidden()
    tap_first_event(page, root)
    page.keyboard.press("Escape")
    assert details.is_hidden() and tip.is_hidden(), "Esc left the label"
    # a marker tapped again gets its label back while its details are open
    tap_first_event(page, root)
    assert tip.is_visible()
    assert phone.problems == []


ERAS = """(root) => {
  const box = (n) => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  return {
    bands: [...root.querySelectorAll('.ck-tl-era')].filter((n) => n.offsetWidth > 0).map((n) => {
      const label = n.firstElementChild;
      return {band: box(n), label: box(label), shown: label.offsetWidth > 0, text: label.textContent};
    }),
    key: [...root.querySelectorAll('.ck-tl-era-item')].filter((n) => n.offsetWidth > 0).map((n) => ({
      text: n.textContent, whole: n.scrollWidth <= n.clientWidth + 0.5 && n.getBoundingClientRect().right
        <= root.getBoundingClientRect().right + 0.5 })),
  };
}"""


def assert_eras_readable(root, names: set[str]) -> None:
    """Each era band drawn shows its label whole or none; the key below the axis names each era in full."""
    root.locator(".ck-tl-viewport").scroll_into_view_if_needed()
    eras = root.evaluate(ERAS)
    for band in eras["bands"]:
        if band["shown"]:
            assert inside(band["label"], band["band"]), band
    key = " ".join(item["text"] for item in eras["key"])
    for band in eras["bands"]:
        assert band["text"] in key, (band, eras["key"])
    assert all(item["whole"] for item in eras["key"]), eras["key"]
    assert {band["text"] for band in eras["bands"]} <= names


@pytest.mark.slow  # walks every timeline page of the book (a crawl of that kind of page)
@pytest.mark.parametrize("device", ["phone", "desk"])
def test_every_era_label_is_readable_in_full_on_every_timeline_page(device, request, site, site_url):
    watched = request.getfixturevalue(device)
    names = {"Cold War", "After the Cold War"}
    for url in timeline_pages(site):
        root = open_page(watched, site_url + url)
        for _ in range(4):
            assert_eras_readable(root, names)
            zoom_in = root.get_by_role("button", name="Zoom in", exact=True)
            if zoom_in.is_disabled():
                break
            zoom_in.tap() if device == "phone" else zoom_in.click()
        assert watched.problems == [], url


PILL = "#pst-back-to-top"


def test_back_to_top_never_covers_the_axis_or_its_era_key_and_still_shows_elsewhere(phone, site_url):
    """Scrolling back up past the widget, in English and in the right-to-left Arabic edition (where the
    pill sat on the era key, found on a phone walk): neither the axis nor the key is ever under the pill."""
    page = phone.page
    for url in (IRAN, COURSE, "ar/" + COURSE):
        root = open_page(phone, site_url + url)
        pill = page.locator(PILL)
        view = root.locator(".ck-tl-viewport")
        height = page.viewport_size["height"]
        for part in (view, root.locator(".ck-tl-era-key")):
            top = part.evaluate("n => n.getBoundingClientRect().top + window.scrollY")
            covered = 0
            for at in range(int(height * 0.55), int(height * 0.98), 40):  # it passes under the pill
                scroll_up_to(page, top - at)
                if pill.is_visible():
                    covered += overlap(box(pill), box(part)) > 0
            assert covered == 0, f"{url}: the pill covered {part} {covered} times"
        if url.startswith("ar/"):
            continue  # its text above the widget is too short for the check below (the theme hides the pill at the top)
        top = view.evaluate("n => n.getBoundingClientRect().top + window.scrollY")
        # the axis far below, in the text before the widget (below it, the quiz's random draw may put
        # controls under both of the pill's places): the pill is back
        scroll_up_to(page, max(top - 1200, 0))
        assert pill.is_visible(), url
        assert overlap(box(pill), box(view)) == 0


def box(locator) -> dict:
    b = locator.bounding_box()
    return {"x": b["x"], "y": b["y"], "w": b["width"], "h": b["height"]}


# ---- the walk of the checklist, on every timeline page ------------------------------------

def whole_ticks(g: dict) -> list[dict]:
    """The tick labels wholly inside the axis, checked never to collide."""
    ticks = sorted((t for t in g["ticks"] if inside(t, g["view"]) and t["text"]), key=lambda t: t["x"])
    for a, b in zip(ticks, ticks[1:]):
        assert a["x"] + a["w"] <= b["x"], (a, b)
    return ticks


def assert_axis_usable(g: dict, where: str) -> None:
    """The checklist's geometry: 24 px markers in 44 px targets, none overlapping or cut at an edge, at
    least one event in view (zooming never lands on an empty range), at least three labelled ticks."""
    assert_touchable(g)
    assert sum(m["count"] for m in g["markers"]) >= 1, where
    assert len(whole_ticks(g)) >= 3, (where, g["ticks"])


def assert_tip_whole(root) -> None:
    tip = root.locator(".ck-tl-tip")
    assert tip.is_visible()
    view = geometry(root)["view"]
    assert inside(box(tip), view), (box(tip), view)
    assert tip.evaluate("n => n.scrollWidth <= n.clientWidth && n.scrollHeight <= n.clientHeight")


@pytest.mark.slow  # walks every timeline page of the book (a crawl of that kind of page)
def test_walk_every_timeline_page_on_a_phone(phone, site, site_url):
    page = phone.page
    for url in timeline_pages(site):
        root = open_page(phone, site_url + url)
        assert root.locator(".ck-tl-help").inner_text().startswith("Tap an event"), url
        zoom_in = root.get_by_role("button", name="Zoom in", exact=True)
        for press in range(5):
            assert_axis_usable(geometry(root), f"{url}, {press} x zoom in")
            if zoom_in.is_disabled():
                break
            zoom_in.tap()
        root.get_by_role("button", name="Show all").tap()
        for pick in (min, max):  # the edge markers: their labels are whole and inside, and go on Close
            tap_event(page, root, pick)
            assert_tip_whole(root)
            root.get_by_role("button", name="Close").tap()
            assert root.locator(".ck-tl-tip").is_hidden(), url
            root.get_by_role("button", name="Show all").tap()
    assert phone.problems == []


@pytest.mark.slow  # walks every timeline page of the book (a crawl of that kind of page)
def test_walk_every_timeline_page_by_mouse_and_keyboard(desk, site, site_url):
    page = desk.page
    for url in timeline_pages(site):
        root = open_page(desk, site_url + url)
        help_line = root.locator(".ck-tl-help")
        assert help_line.inner_text().startswith("Click an event"), url
        zoom_in = root.get_by_role("button", name="Zoom in", exact=True)
        for press in range(5):
            assert_axis_usable(geometry(root), f"{url}, {press} x zoom in")
            if zoom_in.is_disabled():
                break
            zoom_in.click()
        root.get_by_role("button", name="Show all").click()
        for n in (0, -1):  # hovering the first and the last marker shows its whole label, inside the axis
            root.locator(".ck-tl-marker").nth(n).hover()
            assert_tip_whole(root)
        page.mouse.move(1, 1)
        # Tab in from the last control, then the first arrow key moves to an event, with its label
        root.get_by_role("button", name="List view").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('ck-tl-marker')"), url
        assert help_line.inner_text().startswith("Use the arrow keys"), url
        page.keyboard.press("ArrowRight")
        current = root.locator(".ck-tl-marker[aria-current=true]")
        assert current.count() == 1 and page.evaluate("() => document.activeElement.getAttribute('aria-current')") == "true", url
        assert_tip_whole(root)
        page.keyboard.press("Enter")
        assert root.locator(".ck-tl-details").is_visible(), url
        page.keyboard.press("Escape")
        assert root.locator(".ck-tl-details").is_hidden() and root.locator(".ck-tl-tip").is_hidden(), url
    assert desk.problems == []


def test_right_to_left_on_a_phone(phone, site_url):
    """The course timeline with dir="rtl" on <html> (the page rewritten as it is served): the axis runs
    from right to left and every check above still holds."""
    page = phone.page
    def rtl(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("<html ", '<html dir="rtl" ', 1))

    page.route("**/book/timeline.html", rtl)
    root = open_page(phone, site_url + COURSE)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.ck-timeline')).direction") == "rtl"
    g = geometry(root)
    assert_axis_usable(g, "rtl")
    years = [int(t["text"][-4:]) for t in whole_ticks(g)]
    assert years == sorted(years, reverse=True), years  # later to the left
    assert_eras_readable(root, {"Cold War", "After the Cold War"})
    tap_event(page, root, max)  # the right-most marker is the earliest event
    assert_tip_whole(root)
    root.get_by_role("button", name="Close").tap()
    assert root.locator(".ck-tl-tip").is_hidden()
    assert phone.problems == []
