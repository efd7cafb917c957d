"""Every question type in a real browser: mouse and keyboard, right and wrong, persistence, reset,
hostile text, and axe-core inside the quiz. Runs on the fixture book's all-types page."""
from __future__ import annotations

import pytest

from tests.conftest import run_axe

pytestmark = pytest.mark.browser
PAGE = "book/part1/types.html"


@pytest.fixture
def quiz(watched, fixture_url):
    watched.page.goto(fixture_url + PAGE)
    watched.page.wait_for_selector(".ck-quiz")
    return watched


def item(page, item_id):
    return page.locator(f'.ck-item[data-item="{item_id}"]')


def check(box):
    box.get_by_role("button", name="Check").click()
    return box.locator(".ck-status").inner_text()


def test_single_choice_feedback_and_explanation(quiz):
    box = item(quiz.page, "t-single")
    box.get_by_role("radio", name="Wrong", exact=True).check()
    assert "Not quite" in check(box)
    assert "Feedback for wrong." in box.locator(".ck-feedback").inner_text()
    assert box.locator(".ck-explanation").is_visible()  # two choices allow one scored try: it is settled
    assert "Single explanation." in box.locator(".ck-explanation").inner_text()
    box.get_by_role("radio", name="Right", exact=True).check()
    assert "Correct" in check(box) and "no longer scores" in box.locator(".ck-detail").inner_text()
    assert "Feedback for right." in box.locator(".ck-feedback").inner_text()


def test_hint_toggles_with_aria_expanded(quiz):
    box = item(quiz.page, "t-single")
    hint = box.get_by_role("button", name="Hint")
    assert hint.get_attribute("aria-expanded") == "false"
    hint.click()
    assert hint.get_attribute("aria-expanded") == "true"
    assert box.locator(".ck-hint").inner_text() == "Single hint."


def test_multiple_select_partial_credit(quiz):
    box = item(quiz.page, "t-multiple")
    box.get_by_label("A", exact=True).check()
    box.get_by_label("C", exact=True).check()
    assert "Not quite" in check(box)  # (1 right - 1 wrong) / 2 = 0
    box.get_by_label("C", exact=True).uncheck()
    assert "Partly right: 1 of 2" in check(box)  # 1/2
    assert "◐" in box.locator(".ck-status").inner_text()
    box.get_by_label("B", exact=True).check()
    assert "Correct" in check(box)


def test_true_false(quiz):
    box = item(quiz.page, "t-truefalse")
    box.get_by_label("True", exact=True).check()
    assert "Not quite" in check(box)
    assert "TF wrong." in box.locator(".ck-feedback").inner_text()
    box.get_by_label("False", exact=True).check()
    assert "Correct" in check(box)


def test_numeric_by_keyboard_enter(quiz):
    box = item(quiz.page, "t-numeric")
    field = box.get_by_label("Your answer")
    field.fill("1968")
    field.press("Enter")
    assert "Not quite" in box.locator(".ck-status").inner_text()
    field.fill("1970")
    field.press("Enter")
    assert "Correct" in box.locator(".ck-status").inner_text()


def test_ordering_with_move_buttons_and_focus_kept(quiz):
    page, box = quiz.page, item(quiz.page, "t-ordering")
    assert "Move the entries into order first" in check(box)  # shown shuffled, never in order: no try yet
    for _ in range(6):  # bubble the entries into order with the buttons only
        texts = box.locator(".ck-order-text").all_inner_texts()
        if texts == ["First", "Second", "Third"]:
            break
        wanted = ["First", "Second", "Third"]
        position = next(i for i, text in enumerate(texts) if text != wanted[i])
        source = texts.index(wanted[position])
        box.get_by_role("button", name=f"Move up: {wanted[position]}").click()
        assert page.evaluate("document.activeElement.getAttribute('aria-label')").endswith(wanted[position])
        assert source - 1 >= position
    assert box.locator(".ck-order-text").all_inner_texts() == ["First", "Second", "Third"]
    assert "Correct" in check(box)


def test_matching_with_selects(quiz):
    box = item(quiz.page, "t-matching")
    for left, right in (("One", "2"), ("Two", "1"), ("Three", "3")):
        box.get_by_label(left, exact=True).select_option(label=right)
    assert "Not quite" in check(box)
    for left, right in (("One", "1"), ("Two", "2")):
        box.get_by_label(left, exact=True).select_option(label=right)
    assert "Correct" in check(box)


@pytest.mark.parametrize("answer", ["makkah al mukarramah", "  MECCA ", "Makkah al-Mukarramah", "makkāh"])
def test_short_text_normalises_case_spacing_and_diacritics(quiz, answer):
    box = item(quiz.page, "t-short")
    box.get_by_label("Your answer").fill(answer)
    assert "Correct" in check(box)


def test_show_answer_after_two_tries_and_score(quiz):
    page, box = quiz.page, item(quiz.page, "t-multiple")   # three choices: the quiz's two tries
    box.get_by_label("C", exact=True).check()
    check(box)
    assert not box.get_by_role("button", name="Show answer").is_visible()
    box.get_by_label("A", exact=True).check()   # another answer: the same one checked again is no try
    check(box)
    box.get_by_role("button", name="Show answer").click()
    assert [line for line in box.locator(".ck-reveal").inner_text().split("\n") if line][1:] == ["A", "B"]
    box.get_by_label("C", exact=True).uncheck()
    box.get_by_label("A", exact=True).check()
    box.get_by_label("B", exact=True).check()
    check(box)  # revealed answers earn nothing more
    assert page.locator(".ck-score").inner_text() == "Score: 0 of 7"


def test_true_false_shows_answer_after_its_one_try(quiz):
    page, box = quiz.page, item(quiz.page, "t-truefalse")
    box.get_by_label("True", exact=True).check()
    check(box)
    assert box.locator(".ck-tries").inner_text() == "Scored tries: 1 of 1"
    box.get_by_role("button", name="Show answer").click()
    assert "False" in box.locator(".ck-reveal").inner_text()
    box.get_by_label("False", exact=True).check()
    check(box)
    assert page.locator(".ck-score").inner_text() == "Score: 0 of 7"


def test_progress_persists_across_reload_and_reset_clears_it(quiz):
    page = quiz.page
    box = item(page, "t-single")
    box.get_by_role("radio", name="Right", exact=True).check()
    check(box)
    assert page.locator(".ck-score").inner_text() == "Score: 1 of 7"
    page.reload()
    page.wait_for_selector(".ck-quiz")
    box = item(page, "t-single")
    assert box.get_by_role("radio", name="Right", exact=True).is_checked()
    assert "Correct" in box.locator(".ck-status").inner_text()
    assert page.locator(".ck-score").inner_text() == "Score: 1 of 7"
    page.get_by_role("button", name="Reset quiz").click()
    page.get_by_role("button", name="Yes, reset the quiz").click()
    assert page.locator(".ck-score").inner_text() == "Score: 0 of 7"
    page.reload()
    page.wait_for_selector(".ck-quiz")
    assert not item(page, "t-single").get_by_role("radio", name="Right", exact=True).is_checked()


def test_corrupt_saved_data_resets_with_a_notice(quiz):
    page = quiz.page
    page.evaluate("localStorage.setItem('coursekit:v1:quiz:types', '{not json')")
    page.reload()
    page.wait_for_selector(".ck-quiz")
    assert "could not be read" in page.locator(".ck-notice").inner_text()
    assert page.evaluate("localStorage.getItem('coursekit:v1:quiz:types')") is not None  # saved anew
    assert quiz.problems == []


def test_text_from_exercise_files_never_runs(quiz):
    page = quiz.page
    assert page.evaluate("window.__pwned") is None
    assert "<img src=x" in page.locator(".ck-quiz .ck-title").inner_text()
    assert "<script>" in item(page, "t-single").locator(".ck-prompt code").inner_text()
    assert page.locator(".ck-quiz script, .ck-quiz img[onerror]").count() == 0
    assert page.locator(".learning-objectives script").count() == 0


def test_feedback_is_announced_in_a_live_region(quiz):
    page, box = quiz.page, item(quiz.page, "t-truefalse")
    box.get_by_label("False", exact=True).check()
    check(box)
    live = page.locator(".ck-quiz [aria-live=polite]")
    page.wait_for_function("el => el.textContent.includes('Correct')", arg=live.element_handle())


def test_rtl_layout_keeps_controls_inside_the_quiz(quiz):
    page = quiz.page
    page.evaluate("document.documentElement.setAttribute('dir', 'rtl')")
    quiz_box = page.locator(".ck-quiz").bounding_box()
    for locator in (page.locator(".ck-quiz input").first, page.get_by_role("button", name="Reset quiz")):
        box = locator.bounding_box()
        assert quiz_box["x"] <= box["x"] and box["x"] + box["width"] <= quiz_box["x"] + quiz_box["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_inside_the_quiz(quiz, scheme):
    page = quiz.page
    page.evaluate(f"document.documentElement.dataset.theme = '{scheme}'")
    box = item(page, "t-single")  # show feedback states too
    box.get_by_role("radio", name="Wrong", exact=True).check()
    check(box)
    item(page, "t-multiple").get_by_label("A", exact=True).check()
    check(item(page, "t-multiple"))
    assert run_axe(page, ".ck-quiz") == []
