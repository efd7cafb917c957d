"""A student reads a writing exercise's "A good answer…" checklist on a phone: under the prompt, a real
list to a screen reader, a box drawn before each point at the start of the line (mirrored right to left),
readable in light and dark mode, printed, and there without JavaScript; the model answer is not."""
from __future__ import annotations

import pytest

from coursekit.bank import Bank
from tests.conftest import ROOT, run_axe

pytestmark = pytest.mark.browser
PAGE = "book/exercise-bank.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
EXERCISE = next(e for _, f in Bank.load(ROOT).of_kind("free_response") for e in f.exercises
                if e.id == "actors-fr-syria-membership")
BOX = ("li => { const s = getComputedStyle(li, '::before'); const l = getComputedStyle(li); return {w: parseFloat(s.width), "
       "h: parseFloat(s.height), border: s.borderTopStyle, start: parseFloat(l.paddingLeft), end: parseFloat(l.paddingRight)}; }")


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def checklist(page):
    exercise = page.locator(f"#exercise-{EXERCISE.id}")
    exercise.scroll_into_view_if_needed()
    return exercise, exercise.locator(".ck-criteria")


def test_the_checklist_sits_under_the_prompt_as_a_list(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + PAGE)
    exercise, criteria = checklist(page)
    prompt = exercise.locator(".exercise-content > p").first.bounding_box()
    title = criteria.get_by_text("A good answer…", exact=True)
    assert title.is_visible() and title.bounding_box()["y"] > prompt["y"] + prompt["height"] - 1
    points = criteria.get_by_role("list").get_by_role("listitem")
    assert points.all_inner_texts() == EXERCISE.criteria
    for point in points.all():
        box = point.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390          # nothing runs off a phone's screen
        mark = point.evaluate(BOX)
        assert mark["w"] > 4 and mark["h"] > 4 and mark["border"] == "solid" and mark["start"] > mark["end"]
    url = page.url
    points.first.tap()                                   # a point is text to read, not a control
    assert page.url == url and criteria.get_by_role("checkbox").count() == 0
    assert "Model answer" not in exercise.inner_text() and page.locator(".ck-solution").count() == 0
    assert "Both decisions were taken by governments" not in page.content()


def test_right_to_left_puts_the_box_at_the_start(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + PAGE)
    page.evaluate("() => { document.documentElement.dir = 'rtl'; }")
    _, criteria = checklist(page)
    mark = criteria.locator("li").first.evaluate(BOX)
    assert mark["end"] > mark["start"]                 # the box's room is now on the right, where lines start


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_checklist_is_readable_in_light_and_dark_mode(phone, site_url, mode):
    page = phone.new_page()
    page.goto(site_url + PAGE)
    page.evaluate("mode => { document.documentElement.dataset.theme = mode; }", mode)
    checklist(page)
    assert run_axe(page, f"#exercise-{EXERCISE.id} .ck-criteria") == []


def test_printed_and_without_javascript_the_checklist_is_there(browser, site_url):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        page.emulate_media(media="print")
        _, criteria = checklist(page)
        assert criteria.is_visible()
        assert criteria.locator("li").all_inner_texts() == EXERCISE.criteria
    finally:
        context.close()
