"""Issue 11, the five quiz problems a student found on the published site, walked again as that student did:
on a phone (390 x 844, touch, taps) on the student fixture book (tests/browser/conftest.py's LEARN quiz)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import LEARN
from tests.browser.test_quiz_student import ITEMS, KEY, check, item, open_quiz, pick, score, tap

pytestmark = pytest.mark.browser
OIC = ("ICESCO", "COMSTECH")   # l-multi's right choices; NATO and ASEAN are wrong


def tries(box) -> str:
    return box.locator(".ck-tries").inner_text()


# ---- 1. a multiple-select item names no right choice while a try remains ---------------------------

def test_ticking_everything_reveals_no_choice_while_a_try_remains(phone, student_url):
    watched = open_quiz(phone, student_url)
    page, box = watched.page, item(watched.page, "l-multi")
    pick(box, "ICESCO", "COMSTECH", "NATO", "ASEAN")
    result = " ".join(check(box).split())
    assert "Right ticks: 2; wrong ticks: 2." in result
    for said in ("Correct.", "NATO is not part", "ICESCO:", "NATO:", "of the 2 right choices"):
        assert said not in result, said
    assert box.locator(".ck-choice-feedback").count() == 0
    assert not box.locator(".ck-explanation").is_visible()
    page.wait_for_timeout(100)   # the live region is filled after 30 ms: a screen reader hears no key either
    assert "Correct." not in page.locator(".ck-quiz [aria-live]").inner_text()
    pick(box, "NATO")              # untick one of them, still not knowing which are wrong: the last try
    result = " ".join(check(box).split())
    assert "You ticked 2 of the 2 right choices and 1 wrong." in result   # settled: now each choice is named
    assert "ICESCO: Correct. ICESCO is a specialised organ." in result
    assert "ASEAN: ASEAN is not part of the OIC." in result
    assert box.locator(".ck-explanation").is_visible()
    assert watched.problems == []


# ---- 5. partial credit says how many right and how many wrong, as the score does -------------------

def test_partial_credit_heading_states_right_and_wrong_ticks(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-multi")
    pick(box, *OIC, "NATO")          # every right choice and one wrong: (2 - 1) / 2
    check(box)
    heading = " ".join(box.locator(".ck-status").inner_text().split())
    assert heading == "◐ Partly right: 2 of 2 right choices, 1 wrong"
    assert "Score for this question: 0.5 of 1." in box.locator(".ck-detail").inner_text()
    assert score(page) == f"Score: 0.5 of {ITEMS}"


# ---- 2. true/false allows one scored try: it can be failed -----------------------------------------

def test_true_false_is_settled_after_its_one_try(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-tf")
    pick(box, "False")
    result = check(box)
    assert "Not quite" in result and tries(box) == "Scored tries: 1 of 1"
    assert box.locator(".ck-explanation").is_visible()
    assert "Rabat summit, 1969." in box.locator(".ck-explanation").inner_text()
    tap(box, "Show answer")
    assert "True" in box.locator(".ck-reveal").inner_text()
    pick(box, "True")                # the other option, now known to be right, earns nothing
    result = check(box)
    assert "✓" in result and "no longer scores" in result
    assert score(page) == f"Score: 0 of {ITEMS}"


def test_four_choices_still_allow_the_quizs_two_tries(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-water")
    pick(box, "Nile")
    check(box)
    assert tries(box) == "Scored tries: 1 of 2" and not box.locator(".ck-explanation").is_visible()


# ---- 3. text that is no number is not a try; Arabic-Indic and Persian digits are numbers ------------

@pytest.mark.parametrize("typed", ["abc", "1e309", "😀"])
def test_text_that_is_no_number_is_not_a_try(phone, student_url, typed):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-year")
    box.get_by_label("Your answer").tap()
    box.get_by_label("Your answer").fill(typed)
    result = check(box)
    assert "Type a number (for example 1959 or 2.5)" in result
    assert tries(box) == "" and score(page) == f"Score: 0 of {ITEMS}"
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).answers") == {}


def test_a_year_typed_with_a_thousands_comma_is_asked_for_again_and_costs_no_try(phone, student_url):
    # "1,970" was read as 1.970: a wrong answer, and one of the two tries gone
    page = open_quiz(phone, student_url).page
    box = item(page, "l-year")
    box.get_by_label("Your answer").tap()
    box.get_by_label("Your answer").fill("1,970")
    assert "Type a number (for example 1959 or 2.5)" in check(box)
    assert tries(box) == ""
    box.get_by_label("Your answer").fill("1970")
    assert "Correct" in check(box) and tries(box) == "Scored tries: 1 of 2"


def test_a_notice_replaces_what_the_last_check_said_about_another_answer(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-year")
    box.get_by_label("Your answer").tap()
    box.get_by_label("Your answer").fill("1960")
    wrong = check(box)
    assert "Not quite" in wrong and "Score for this question: 0 of 1." in wrong
    box.get_by_label("Your answer").fill("abc")
    result = check(box)
    assert "Type a number" in result
    assert "Not quite" not in result and "Score for this question" not in result   # it was about 1960
    assert tries(box) == "Scored tries: 1 of 2"
    box.get_by_label("Your answer").fill("1960")       # the answer checked before: its result comes back
    assert "You have already checked this answer" in check(box)
    page.reload()
    page.wait_for_selector(".ck-widget-mount.ck-mounted .ck-quiz")
    assert item(page, "l-year").locator(".ck-result").inner_text() == wrong   # the record is as it was


@pytest.mark.parametrize("typed", ["١٩٧٠", "۱۹۷۰", "١٬٩٧٠"])
def test_a_year_in_arabic_or_persian_digits_is_right(phone, student_url, typed):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-year")
    box.get_by_label("Your answer").tap()
    box.get_by_label("Your answer").fill(typed)
    assert "Correct" in check(box)
    assert score(page) == f"Score: 1 of {ITEMS}"


# ---- 4. after a reload, a settled question says what it said before --------------------------------

def test_a_right_answer_after_the_tries_says_the_same_after_a_reload(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-water")
    for choice in ("Nile", "Indus", "Euphrates"):
        pick(box, choice)
        live = check(box)
    assert "Correct" in live and "This question is settled" in live and "stays 0" in live
    page.reload()
    page.wait_for_selector(".ck-widget-mount.ck-mounted .ck-quiz")
    box = item(page, "l-water")
    assert box.locator(".ck-result").inner_text() == live
    assert score(page) == f"Score: 0 of {ITEMS}"


def test_an_answer_after_show_answer_says_the_same_after_a_reload(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-tf")
    pick(box, "False")
    check(box)
    tap(box, "Show answer")
    pick(box, "True")
    live = check(box)
    assert "The answer was shown, so this answer no longer scores" in live
    page.reload()
    page.wait_for_selector(".ck-widget-mount.ck-mounted .ck-quiz")
    assert item(page, "l-tf").locator(".ck-result").inner_text() == live


# ---- 6. checking the untouched order, or the same answer again, is not a try (found on a phone walk) --

def test_checking_the_starting_order_untouched_is_not_a_try(phone, student_url):
    watched = open_quiz(phone, student_url)
    box = item(watched.page, "l-order")
    assert "Move the entries into order first" in check(box)
    assert tries(box) == ""
    box.locator(".ck-move:not([disabled])").first.tap()   # one entry moved: now it is an answer
    check(box)
    assert tries(box) == "Scored tries: 1 of 2"
    assert watched.problems == []


def test_a_double_tap_on_check_uses_one_try_not_both(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-water")
    pick(box, "Nile")
    assert "Not quite" in check(box)
    assert "You have already checked this answer" in check(box)   # the same wrong answer again
    assert tries(box) == "Scored tries: 1 of 2" and not box.locator(".ck-explanation").is_visible()
    page.reload()
    box = item(page, "l-water")
    assert "You have already checked this answer" in check(box)   # restored from storage: still the same one
    assert tries(box) == "Scored tries: 1 of 2"


def test_a_matching_item_says_how_many_entries_match_and_that_it_scores_only_when_all_do(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-match")
    assert "the question scores when every entry matches" in box.inner_text()
    pairs = LEARN["items"][4]["pairs"]
    box.get_by_label(pairs[0]["left"], exact=True).select_option(label=pairs[0]["right"])
    box.get_by_label(pairs[1]["left"], exact=True).select_option(label=pairs[2]["right"])
    box.get_by_label(pairs[2]["left"], exact=True).select_option(label=pairs[1]["right"])
    assert "Not quite" in check(box)
    detail = " ".join(box.locator(".ck-detail").inner_text().split())
    assert "1 of 3 entries match; this question scores only when every entry matches." in detail
    assert "Score for this question: 0 of 1." in detail
