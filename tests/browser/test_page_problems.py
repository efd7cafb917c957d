"""Issues 11 and 12, what a student met on the published site, each as a test that does what they did on
a phone (390x844, taps): two timeline quizzes with one title; author notes on the exercise bank; wide
tables cut off with no sign that they scroll; a "Mark as read" button whose label never changed; the
"Back to top" pill over the timeline's buttons and an open event."""
from __future__ import annotations

import pytest

from tests.browser.helpers import SCROLL_TO, reach_widgets, scroll_up_to
from tests.browser.test_timeline_touch import phone  # noqa: F401, F811 - the shared phone fixture, used as an argument
from tests.browser.timeline import COURSE, IRAN, open_page, tap_event

pytestmark = pytest.mark.browser

BANK = "book/exercise-bank.html"
ESSAY = "book/part1/reading-the-essay.html"
SECTION = "book/part1/actors.html"
PROGRESS = "book/progress.html"
TIMELINE_QUIZZES = ["Timeline check: Who cooperates, and why", "Timeline check: Case study: the Iran nuclear deal, 2015 to today"]


def test_the_timeline_page_quizzes_say_what_they_cover_as_my_progress_does(phone, site_url):
    page = phone.page
    page.goto(site_url + COURSE)
    reach_widgets(page)
    page.wait_for_selector(".ck-quiz .ck-title")
    assert page.locator(".ck-quiz .ck-title").all_inner_texts() == TIMELINE_QUIZZES
    page.goto(site_url + PROGRESS)
    page.wait_for_selector(".ck-overview:not([hidden])")
    listed = page.locator(".ck-progress-table tbody th").all_inner_texts()
    assert [title for title in listed if title.startswith("Timeline check")] == TIMELINE_QUIZZES
    assert phone.problems == []


AUTHOR_NOTES = ("./build --instructor", "exercises/part1", "generated from the files", "Files:")


def test_the_exercise_bank_speaks_to_students_and_keeps_build_notes_for_instructors(phone, site_url, instructor_site):
    page = phone.page
    page.goto(site_url + BANK)
    text = page.locator("article").inner_text()
    assert "Use it to revise" in text and "read the section" in text
    assert [note for note in AUTHOR_NOTES if note in text] == []
    page.goto((instructor_site / BANK).as_uri())    # the instructor edition, read as its reader sees it
    teacher = page.locator("article").inner_text()
    assert all(note in teacher for note in AUTHOR_NOTES), [n for n in AUTHOR_NOTES if n not in teacher]
    assert phone.problems == []


WIDE = """(box) => {
  const frame = box.parentElement, hint = document.getElementById(box.getAttribute('aria-describedby'));
  const shade = (side) => getComputedStyle(frame, side);
  return {
    room: box.scrollWidth - box.clientWidth, at: box.scrollLeft, tabindex: box.getAttribute('tabindex'),
    role: box.getAttribute('role'), label: box.getAttribute('aria-label'),
    hint: hint && hint.offsetWidth > 0 ? hint.textContent : null,
    start: shade('::before').opacity === '1', end: shade('::after').opacity === '1',
    endLeft: shade('::after').left, endImage: shade('::after').backgroundImage,
  };
}"""


def wide_tables(page):
    page.wait_for_selector(".ck-table-frame .ck-table-scroll")
    boxes = page.locator(".ck-table-scroll")
    return [boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).evaluate(WIDE)["room"] > 1]


def settle(page, box, left: float) -> dict:
    box.evaluate("(b, x) => { b.scrollLeft = x; b.dispatchEvent(new Event('scroll')); }", left)
    page.wait_for_timeout(250)  # the shade's fade
    return box.evaluate(WIDE)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_wide_table_on_a_phone_says_it_scrolls_and_scrolls_by_swipe_and_keys(phone, site_url, mode):
    page = phone.page
    page.goto(site_url + ESSAY)
    page.evaluate("m => document.documentElement.dataset.theme = m", mode)
    tables = wide_tables(page)
    assert tables, "the claims table fits at 390 px?"
    box = tables[0]
    box.scroll_into_view_if_needed()
    state = settle(page, box, 0)
    assert state["hint"] and "sideways" in state["hint"]
    assert (state["tabindex"], state["role"], state["label"]) == ("0", "region", "Table, scrolls sideways")
    assert state["end"] and not state["start"], state          # more to the right, none to the left
    assert "rgba" in state["endImage"] or "color(" in state["endImage"] or "rgb" in state["endImage"]
    state = settle(page, box, state["room"])
    assert state["start"] and not state["end"], state
    settle(page, box, 0)
    box.focus()                                               # by keyboard: the region takes focus
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert box.evaluate("b => b.scrollLeft") > 0
    assert box.evaluate("b => b === document.activeElement")
    assert phone.problems == []


def test_a_wide_table_in_rtl_shades_the_left_edge_and_a_narrow_one_stays_plain(phone, site_url):
    page = phone.page
    page.goto(site_url + ESSAY)
    page.evaluate("() => document.documentElement.dir = 'rtl'")
    box = wide_tables(page)[0]
    state = settle(page, box, 0)
    assert state["end"] and not state["start"] and state["endLeft"] == "0px", state  # the end is on the left
    state = settle(page, box, -state["room"])
    assert state["start"] and not state["end"], state
    page.set_viewport_size({"width": 1400, "height": 900})  # wide enough: nothing extra
    page.evaluate("() => document.documentElement.dir = 'ltr'")
    page.wait_for_timeout(300)
    fits = [b for b in (page.locator(".ck-table-scroll").nth(i) for i in range(page.locator(".ck-table-scroll").count()))
            if b.evaluate(WIDE)["room"] <= 1]
    # no tab stop (the theme's own scrollable-element script sets -1 on a container that fits) and no region
    assert fits and all(b.get_attribute("tabindex") in (None, "-1") and b.get_attribute("role") is None for b in fits)


def test_the_read_button_itself_shows_the_state(phone, site_url):
    page = phone.page
    page.goto(site_url + SECTION)
    toggle = page.locator(".ck-read-toggle")
    toggle.scroll_into_view_if_needed()
    assert toggle.inner_text() == "Mark this section as read" and toggle.get_attribute("aria-pressed") == "false"
    toggle.tap()
    assert toggle.inner_text() == "✓ Marked as read" and toggle.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="✓ Marked as read").count() == 1
    state = page.locator(".ck-read-state")
    assert state.get_attribute("aria-live") == "polite" and "Press the button again to unmark it" in state.inner_text()
    page.reload()
    assert page.locator(".ck-read-toggle").inner_text() == "✓ Marked as read"
    page.locator(".ck-read-toggle").tap()
    assert page.locator(".ck-read-toggle").inner_text() == "Mark this section as read"
    assert phone.problems == []


PILL = "#pst-back-to-top"
HIT = """(node) => {
  const r = node.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (y < 0 || y > innerHeight || r.width === 0) return null;
  const top = document.elementFromPoint(x, y);
  return Boolean(top) && (node.contains(top) || top.contains(node));
}"""


def scroll_up_near_the_end(page, back: int) -> None:
    """Scroll to ``back`` px above the page's end, then up a little: the theme shows its pill."""
    page.evaluate(SCROLL_TO, page.evaluate("b => document.body.scrollHeight - b", back))
    page.evaluate(SCROLL_TO, page.evaluate("() => window.scrollY - 150"))   # from where it stopped (at most the end)


def test_back_to_top_never_covers_show_all_or_an_open_event(phone, site_url):
    page = phone.page
    for url in (COURSE, IRAN):
        root = open_page(phone, site_url + url)
        tap_event(page, root, min)                                # an event open, as the student had
        details = root.locator(".ck-tl-details")
        assert details.is_visible()
        controls = [root.get_by_role("button", name="Show all"), details, *details.locator("button, a").all()]
        pill, shown, checked = page.locator(PILL), 0, 0
        for control in controls[:2]:
            top = control.evaluate("n => n.getBoundingClientRect().top + window.scrollY")
            for at in range(int(844 * 0.7), int(844 * 0.99), 12):  # the control passes the pill's band
                scroll_up_to(page, top - at, by=200)                    # scrolling up: the theme shows its pill
                shown += pill.is_visible()
                for c in controls:
                    hit = c.evaluate(HIT)
                    if hit is not None:
                        checked += 1
                        assert hit, f"{url}: the pill covered {c} at scroll {top - at}"
        assert checked > 0
        scroll_up_near_the_end(page, 1200)
        assert pill.is_visible(), f"{url}: the pill never came back"
    # at a text page's end the previous/next links are under the pill's place: it moves up, under the header
    scroll_up_near_the_end(page, 300)
    assert pill.is_visible(), "at the page's end the pill is hidden"
    header = page.locator(".bd-header-article").bounding_box()
    box = pill.bounding_box()
    assert header["y"] + header["height"] <= box["y"] < 844 / 2, box
    for link in page.locator(".prev-next-area a[href]").all():
        assert link.evaluate(HIT) in (None, True), "the pill covers a previous/next link"
    assert phone.problems == []


def test_the_skip_link_goes_past_the_header_buttons_to_the_article(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + SECTION)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#pst-skip-link') !== null")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    where = page.evaluate("""() => { const n = document.activeElement;
      return {article: n.closest('main .bd-article') !== null, header: n.closest('.bd-header-article') !== null,
              text: n.textContent.trim().slice(0, 40)}; }""")
    assert where["article"] and not where["header"], where
    context.close()
