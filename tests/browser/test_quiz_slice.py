"""The foundation's vertical slice in a real browser: the first section page's quiz, static, no kernel."""
from __future__ import annotations

import pytest

from tests.browser.helpers import NEW_LEARNER, choice, drawn, quizzes, reach_widgets, right_input

SLICE = "book/part1/actors.html"
pytestmark = pytest.mark.browser


@pytest.fixture
def slice_page(watched, site, site_url):
    quiz = quizzes((site / SLICE).read_text(encoding="utf-8"))[0]
    watched.page.goto(site_url + SLICE)
    reach_widgets(watched.page)
    box, item = drawn(watched.page, quiz, "single_choice")
    return watched, box, item


def test_wrong_then_right_by_mouse(slice_page):
    watched, box, item = slice_page
    page = watched.page
    right = item["correct"][0]
    wrong = next(i for i in range(len(item["choices"])) if i != right)
    choice(box, item, wrong).check()
    box.get_by_role("button", name="Check").click()
    status = box.locator(".ck-status")
    assert "Not quite" in status.inner_text() and "✗" in status.inner_text()
    expected = item["choices"][wrong]["feedback"]
    if expected:
        assert box.locator(".ck-feedback").inner_html().strip() == expected
    choice(box, item, right).check()
    box.get_by_role("button", name="Check").click()
    assert "Correct" in status.inner_text() and "✓" in status.inner_text()
    assert "Score:" in page.locator(".ck-score").first.inner_text()
    assert watched.problems == []


def test_wrong_then_right_by_keyboard(slice_page):
    watched, box, item = slice_page
    page = watched.page
    # choices are shown in an order of the learner's own: find where the right and a wrong one are
    shown = [int(v) for v in box.locator("input[type=radio]").evaluate_all("els => els.map(e => e.value)")]
    right = shown.index(item["correct"][0])
    wrong = 1 if right == 0 else 0
    status = box.locator(".ck-status")
    box.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")                      # the first choice shown
    if wrong == 1:
        page.keyboard.press("ArrowDown")              # the second
    page.keyboard.press("Tab")                        # to Check
    page.keyboard.press("Enter")
    assert "Not quite" in status.inner_text()
    page.keyboard.press("Shift+Tab")                  # back to the checked radio
    for _ in range(abs(right - wrong)):
        page.keyboard.press("ArrowDown" if right > wrong else "ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert "Correct" in status.inner_text()
    live = page.locator(".ck-quiz [aria-live=polite]").first
    page.wait_for_function("el => el.textContent.includes('Correct')", arg=live.element_handle())
    assert watched.problems == []


def test_fallback_is_hidden_once_mounted_and_shown_in_print(slice_page):
    watched, _, _ = slice_page
    page = watched.page
    fallback = page.locator(".ck-widget-mount .ck-quiz-fallback").first
    assert not fallback.is_visible()
    page.emulate_media(media="print")
    assert fallback.is_visible()
    assert not page.locator(".ck-widget-mount .ck-live").first.is_visible()


def test_water_q1_keeps_its_explanation_until_the_question_is_settled(browser, site, site_url):
    """The issue's case: one wrong pick on Water Q1 showed the explanation that names the answer."""
    water = "book/part1/water.html"
    quiz = quizzes((site / water).read_text(encoding="utf-8"))[0]
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + water)
    reach_widgets(page)
    box, item = drawn(page, quiz, "single_choice")   # Water Q1 if this learner's draw holds it, else its like
    right = item["correct"][0]
    wrong = next(i for i in range(len(item["choices"])) if i != right)
    choice(box, item, wrong).tap()
    box.get_by_role("button", name="Check").tap()
    assert "Not quite" in box.locator(".ck-status").inner_text()
    assert not box.locator(".ck-explanation").is_visible()
    choice(box, item, right).tap()
    box.get_by_role("button", name="Check").tap()
    assert "Correct" in box.locator(".ck-status").inner_text()
    assert box.locator(".ck-explanation").is_visible()
    context.close()


def test_a_test_finds_a_rarely_drawn_type_by_a_new_learner_but_never_at_the_cost_of_saved_work(watched, site, site_url):
    """The helper tests rely on: water's one ordering item is in fewer than half of the draws of 8."""
    quiz = quizzes((site / "book/part1/water.html").read_text(encoding="utf-8"))[0]
    assert [i["type"] for i in quiz["items"]].count("ordering") == 1 and quiz["draw"] == 8
    page = watched.page
    page.goto(site_url + "book/part1/water.html")
    reach_widgets(page)
    box, item = drawn(page, quiz, "ordering")
    assert item["type"] == "ordering" and box.is_visible()
    other, chosen = drawn(page, quiz, ("single_choice", "true_false"))
    right_input(other, chosen).check()
    other.get_by_role("button", name="Check").click()
    assert page.evaluate(NEW_LEARNER) is False   # an answer is saved: the learner is kept
    assert watched.problems == []
