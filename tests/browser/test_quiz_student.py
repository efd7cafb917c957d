"""The quiz as a student on a phone uses it (390 x 844, touch, taps), on the student fixture book
(tests/browser/conftest.py): it teaches, cannot be gamed, says what a try scored, and keeps saved work."""
from __future__ import annotations

import json

import pytest

from tests.browser.conftest import DRAWN, LEARN, LONG
from tests.browser.helpers import quizzes
from tests.conftest import Watched, run_axe

pytestmark = pytest.mark.browser
LEARN_PAGE = "book/part1/learn.html"
DRAWN_PAGE = "book/part1/drawn.html"
KEY = "coursekit:v1:quiz:learn"
ITEMS = len(LEARN["items"])


def open_quiz(context, url, page_name=LEARN_PAGE) -> Watched:
    watched = Watched(context.new_page())
    watched.page.set_default_timeout(10_000)
    watched.page.goto(url + page_name)
    watched.page.wait_for_selector(".ck-widget-mount.ck-mounted .ck-quiz")
    return watched


def item(page, item_id):
    return page.locator(f'.ck-item[data-item="{item_id}"]')


def tap(box, name):
    box.get_by_role("button", name=name, exact=True).tap()


def check(box) -> str:
    tap(box, "Check")
    return box.locator(".ck-result").inner_text()


def pick(box, *labels):
    for label in labels:
        box.get_by_label(label, exact=True).tap()


def shown_choices(box) -> list[str]:
    return box.locator(".ck-choice label").all_inner_texts()


def score(page) -> str:
    return page.locator(".ck-score").inner_text()


def reset(page):
    page.get_by_role("button", name="Reset quiz").tap()
    page.get_by_role("button", name="Yes, reset the quiz").tap()


# ---- 2. quizzes that cannot be gamed ---------------------------------------------------------------

def test_choices_are_shuffled_per_learner_stable_on_reload_and_new_on_reset(browser, student_url):
    orders, right_first = set(), 0
    for _ in range(5):  # five learners (fresh browsers)
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        watched = open_quiz(context, student_url)
        page = watched.page
        first = shown_choices(item(page, "l-water"))
        assert sorted(first) == ["Euphrates", "Indus", "Jordan", "Nile"]
        orders.add(tuple(first))
        right_first += first[0] == "Euphrates"
        assert shown_choices(item(page, "l-fixed")) == ["First choice", "Second choice", "Third choice", "Fourth choice"]
        assert item(page, "l-order").locator(".ck-order-text").all_inner_texts() != ["Alpha", "Bravo", "Charlie", "Delta"]
        page.reload()
        page.wait_for_selector(".ck-quiz")
        assert shown_choices(item(page, "l-water")) == first  # stable across reloads
        after_resets = set()
        for _ in range(4):
            reset(page)
            after_resets.add(tuple(shown_choices(item(page, "l-water"))))
        assert after_resets - {tuple(first)}, "a reset never changed the order"
        assert watched.problems == []
        context.close()
    assert len(orders) > 1 and right_first < 5


def test_matching_options_are_shuffled_and_scored_in_file_terms(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-match")
    options = box.locator("select").first.locator("option").all_inner_texts()[1:]
    assert sorted(options) == sorted(p["right"] for p in LEARN["items"][4]["pairs"])
    for pair in LEARN["items"][4]["pairs"]:
        box.get_by_label(pair["left"], exact=True).select_option(label=pair["right"])
    assert "Correct" in check(box)


def test_explanation_waits_while_tries_remain(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-water")
    pick(box, "Nile")
    result = check(box)
    assert "Not quite" in result and "The Nile rises far to the south." in result  # its own feedback
    assert not box.locator(".ck-explanation").is_visible()
    assert "Euphrates" not in box.locator(".ck-result").inner_text()
    pick(box, "Euphrates")
    assert "Correct" in check(box)
    assert box.locator(".ck-explanation").is_visible()
    assert "The answer is the Euphrates" in box.locator(".ck-explanation").inner_text()
    assert score(page) == f"Score: 1 of {ITEMS}"


def test_explanation_after_the_last_try_and_later_answers_no_longer_score(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-water")
    pick(box, "Nile")
    check(box)
    pick(box, "Indus")
    check(box)  # the last scored try (show_answer_after: 2)
    assert box.locator(".ck-explanation").is_visible()
    assert box.get_by_role("button", name="Show answer").is_visible()
    pick(box, "Euphrates")
    result = check(box)
    assert "Correct" in result and "no longer scores" in result
    assert score(page) == f"Score: 0 of {ITEMS}"


def test_a_draw_ships_every_item_and_draws_per_learner_and_attempt(phone, student_site, student_url):
    data = quizzes((student_site / DRAWN_PAGE).read_text(encoding="utf-8"))[0]
    assert len(data["items"]) == len(DRAWN["items"]) and data["draw"] == 3
    fallback = (student_site / DRAWN_PAGE).read_text(encoding="utf-8")
    assert all(i["prompt"] in fallback for i in DRAWN["items"])  # the no-JavaScript fallback lists them all
    page = open_quiz(phone, student_url, DRAWN_PAGE).page
    ids = page.locator(".ck-item").evaluate_all("els => els.map(e => e.dataset.item)")
    assert len(ids) == 3 and score(page) == "Score: 0 of 3"
    assert page.locator(".ck-qnum").first.inner_text() == "Question 1 of 3"
    page.reload()
    page.wait_for_selector(".ck-quiz")
    assert page.locator(".ck-item").evaluate_all("els => els.map(e => e.dataset.item)") == ids
    box = item(page, ids[0])
    pick(box, "True")
    check(box)
    assert score(page) == "Score: 1 of 3"
    mixes = set()
    for _ in range(5):
        reset(page)
        mixes.add(tuple(page.locator(".ck-item").evaluate_all("els => els.map(e => e.dataset.item)")))
        assert score(page) == "Score: 0 of 3"
    assert mixes - {tuple(ids)}, "a new attempt never drew a different mix"


# ---- 3. feedback that agrees with the score ------------------------------------------------------

def test_partial_credit_says_so_and_shows_the_partial_score(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-multi")
    pick(box, "ICESCO")
    result = check(box)
    assert "Partly right: 1 of 2" in result and "◐" in result
    assert "Score for this question: 0.5 of 1." in result
    assert score(page) == f"Score: 0.5 of {ITEMS}"
    pick(box, "NATO")  # one right, one wrong: 0; each choice's feedback names its choice
    result = check(box)
    assert "Not quite" in result and "1 of the 2 right choices and 1 wrong" in result
    assert "ICESCO: Correct. ICESCO is a specialised organ." in " ".join(result.split())
    assert "NATO: NATO is not part of the OIC." in " ".join(result.split())


def test_a_retry_that_lowers_the_score_says_so(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-multi")
    pick(box, "ICESCO")
    check(box)
    pick(box, "ASEAN")
    result = check(box)
    assert "went down from 0.5 to 0" in result
    assert score(page) == f"Score: 0 of {ITEMS}"


def test_after_show_answer_a_new_answer_says_it_no_longer_scores(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-tf")
    pick(box, "False")
    check(box)          # true/false allows one scored try
    tap(box, "Show answer")
    assert "True" in box.locator(".ck-reveal").inner_text()
    pick(box, "True")
    result = check(box)
    assert "✓" in result and "The answer was shown, so this answer no longer scores" in result
    assert score(page) == f"Score: 0 of {ITEMS}"


def test_checking_nothing_is_not_a_try(phone, student_url):
    page = open_quiz(phone, student_url).page
    for item_id in ("l-water", "l-multi", "l-year", "l-match"):
        box = item(page, item_id)
        if item_id == "l-year":
            box.get_by_label("Your answer").fill("   ")
        asked = "Choose a match for every row first" if item_id == "l-match" else "Choose or type an answer first"
        assert asked in check(box)
        assert box.locator(".ck-tries").inner_text() == ""
    # a matching question with one row chosen and the others left empty is not a try either (a student
    # found the empty rows marked wrong and a try gone)
    box = item(page, "l-match")
    first = LEARN["items"][4]["pairs"][0]
    box.get_by_label(first["left"], exact=True).select_option(label=first["right"])
    assert "Choose a match for every row first" in check(box)
    assert box.locator(".ck-tries").inner_text() == "" and box.locator(".ck-row-mark").all_inner_texts() in ([], ["", "", ""])
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).answers") == {}
    assert score(page) == f"Score: 0 of {ITEMS}"


def test_matching_marks_each_row_and_selects_fit_a_phone(phone, student_url):
    page = open_quiz(phone, student_url).page
    box = item(page, "l-match")
    pairs = LEARN["items"][4]["pairs"]
    box.get_by_label(pairs[0]["left"], exact=True).select_option(label=pairs[0]["right"])
    box.get_by_label(pairs[1]["left"], exact=True).select_option(label=pairs[2]["right"])
    box.get_by_label(pairs[2]["left"], exact=True).select_option(label=pairs[1]["right"])
    assert "Not quite" in check(box)
    marks = box.locator(".ck-row-mark").all_inner_texts()
    assert [" ".join(m.split()) for m in marks] == ["✓ right", "✗ wrong", "✗ wrong"]  # text and icon
    # the chosen text of every select is shown whole at 390 px: visible, wrapped, inside the screen
    fits = box.locator("select").evaluate_all("""selects => selects.map((s) => {
        const shown = s.parentElement.querySelector('.ck-select-text');
        const box = shown.getBoundingClientRect();
        return {text: shown.textContent, chosen: s.options[s.selectedIndex].text,
                whole: shown.scrollWidth <= shown.clientWidth && shown.scrollHeight <= shown.clientHeight + 1,
                inside: box.left >= 0 && box.right <= innerWidth, visible: box.width > 0 && box.height > 0};
    })""")
    assert any(f["text"] == LONG for f in fits)
    assert all(f["text"] == f["chosen"] and f["whole"] and f["inside"] and f["visible"] for f in fits), fits


def _order(box) -> list[str]:
    return box.locator(".ck-order-text").all_inner_texts()


def _touch_drag(page, source, target):
    """Drag with a finger: Chromium turns these touch events into pointer events (pointerType touch)."""
    cdp = page.context.new_cdp_session(page)
    target.scroll_into_view_if_needed()
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + 20, start["y"] + start["height"] / 2
    to_y = end["y"] + end["height"] * 0.75  # past the target's middle
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y + (to_y - y) * step / 10}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    # a finger takes a moment to come back: Chromium's gesture detector drops a tap that follows a
    # synthetic touch sequence within a few milliseconds (no click), which no real hand does
    page.wait_for_timeout(600)


def test_ordering_drags_by_touch_has_44px_buttons_and_show_answer_orders_the_list(phone, student_url):
    watched = open_quiz(phone, student_url)
    page, box = watched.page, item(watched.page, "l-order")
    for button in box.locator("button.ck-move").all():
        size = button.bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44
    before = _order(box)
    rows = box.locator(".ck-drag")
    _touch_drag(page, rows.nth(0), rows.nth(2))
    after = _order(box)
    assert after == [before[1], before[2], before[0], before[3]]
    answer = ["Alpha", "Bravo", "Charlie", "Delta"]
    if after == answer:  # already solved by the drag: undo one step so the checks below are wrong tries
        tap(box, f"Move up: {answer[1]}")
    # the two wrong tries are clicked: Chromium's gesture detector can drop a tap that soon follows the
    # synthetic drag on a loaded machine, and what this test is about is the drag and the revealed order
    for n in range(2):
        if n:   # the second wrong try is another order: the same one checked again is no try
            first = _order(box)[0]
            box.get_by_role("button", name=f"Move down: {first}", exact=True).click()
            if _order(box) == answer:
                box.get_by_role("button", name=f"Move down: {first}", exact=True).click()
        box.get_by_role("button", name="Check", exact=True).click()
    tap(box, "Show answer")
    assert _order(box) == answer
    assert "→" not in box.inner_text()
    assert "now in the right order" in box.locator(".ck-reveal").inner_text()
    assert watched.problems == []


# ---- 5. saved work that survives anything ----------------------------------------------------------

def test_corrupt_entries_are_dropped_with_a_notice_and_the_rest_kept(phone, student_url):
    page = open_quiz(phone, student_url).page
    good = {"response": True, "tries": 1, "last": 1, "score": 1, "revealed": False, "at": 1}
    text = json.dumps({"v": 1, "attempt": 0, "answers": {
        "l-tf": good, "l-water": {**good, "response": 0, "score": "1"}, "l-multi": None,
        "l-year": {**good, "response": "1970", "tries": -2}, "gone": good}})
    text = text[:-2] + ', "__proto__": {"response": 0, "tries": 1, "score": 1}}}'
    page.evaluate("t => localStorage.setItem('coursekit:v1:quiz:learn', t)", text)
    page.reload()
    page.wait_for_selector(".ck-widget-mount.ck-mounted .ck-quiz")
    assert "3 saved answer(s) could not be read" in page.locator(".ck-notice").inner_text()
    assert score(page) == f"Score: 1 of {ITEMS}"
    assert "You have answered 1 of" in page.locator(".ck-summary-text").inner_text()
    assert item(page, "l-tf").get_by_label("True", exact=True).is_checked()
    box = item(page, "l-water")
    pick(box, "Euphrates")
    assert "Correct" in check(box)  # the quiz works after it


def test_two_tabs_never_lose_an_answer(phone, student_url):
    first = open_quiz(phone, student_url).page
    second = open_quiz(phone, student_url).page  # both loaded before either answered
    pick(item(first, "l-tf"), "True")
    check(item(first, "l-tf"))
    box = item(second, "l-year")
    box.get_by_label("Your answer").fill("1970")
    check(box)
    # the second tab picked up the first tab's answer (storage event) and kept its own
    second.wait_for_function("() => document.querySelector('.ck-score').textContent.includes('Score: 2 of')")
    assert "Correct" in item(second, "l-tf").locator(".ck-status").inner_text()
    first.wait_for_function("() => document.querySelector('.ck-score').textContent.includes('Score: 2 of')")
    third = open_quiz(phone, student_url).page
    assert score(third) == f"Score: 2 of {ITEMS}"
    saved = third.evaluate(f"Object.keys(JSON.parse(localStorage.getItem('{KEY}')).answers)")
    assert sorted(saved) == ["l-tf", "l-year"]


# a browser that refuses storage (cookies blocked): reading window.localStorage or sessionStorage throws; each is
# configurable, as Chromium's own is
REFUSED = "".join(f"Object.defineProperty(window, '{name}', {{ configurable: true, "
                  "get() { throw new DOMException('denied', 'SecurityError'); } });"
                  for name in ("localStorage", "sessionStorage"))  # a real refusal refuses both


@pytest.mark.parametrize("breakage", [
    "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    REFUSED,
], ids=["setItem-throws", "no-storage-at-all"])
def test_storage_that_throws_leaves_the_quiz_working_and_says_so(phone, student_url, breakage):
    phone.add_init_script(breakage)
    # the book theme's own scripts write its colour mode on every page, unguarded: the page's storage guard
    # (coursekit/sphinxext/templates/layout.html) keeps them in memory, so no page throws and the colour
    # button works, while saved work still says it will not be kept
    baseline = Watched(phone.new_page())
    baseline.page.goto(student_url + "book/intro.html")
    baseline.page.wait_for_load_state("load")
    assert sorted(p for p in baseline.problems if p[0] == "pageerror") == []
    before = baseline.page.evaluate("document.documentElement.dataset.theme")
    baseline.page.locator(".bd-header-article .theme-switch-button").tap()
    assert baseline.page.evaluate("document.documentElement.dataset.theme") != before
    theme_errors = []
    watched = open_quiz(phone, student_url)
    page = watched.page
    assert "progress will not be kept" in page.locator(".ck-notices").inner_text()
    box = item(page, "l-water")
    pick(box, "Euphrates")
    assert "Correct" in check(box)
    assert score(page) == f"Score: 1 of {ITEMS}"
    reset(page)
    assert score(page) == f"Score: 0 of {ITEMS}"
    assert sorted(p for p in watched.problems if p[0] == "pageerror") == theme_errors


def test_reset_asks_first_inside_the_widget(phone, student_url):
    watched = open_quiz(phone, student_url)
    page = watched.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    box = item(page, "l-tf")
    pick(box, "True")
    check(box)
    page.get_by_role("button", name="Reset quiz").tap()
    confirm = page.locator(".ck-confirm")
    assert confirm.is_visible() and "Delete your answers" in confirm.inner_text()
    assert score(page) == f"Score: 1 of {ITEMS}"  # nothing happened yet
    page.get_by_role("button", name="Cancel").tap()
    assert not confirm.is_visible() and score(page) == f"Score: 1 of {ITEMS}"
    page.get_by_role("button", name="Reset quiz").tap()
    page.keyboard.press("Escape")  # the keyboard way out
    assert not confirm.is_visible() and score(page) == f"Score: 1 of {ITEMS}"
    assert page.evaluate("document.activeElement.textContent") == "Reset quiz"
    reset(page)
    assert score(page) == f"Score: 0 of {ITEMS}"
    assert dialogs == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_new_states(phone, student_url, scheme):
    """Row marks, the select copies, partial-credit lines, a notice and the reset confirmation."""
    page = open_quiz(phone, student_url).page
    page.evaluate(f"document.documentElement.dataset.theme = '{scheme}'")
    box = item(page, "l-match")
    box.get_by_label("1968", exact=True).select_option(label=LONG)
    check(box)
    pick(item(page, "l-multi"), "ICESCO")
    check(item(page, "l-multi"))
    assert "Choose or type" in check(item(page, "l-year"))
    page.get_by_role("button", name="Reset quiz").tap()
    assert run_axe(page, ".ck-quiz") == []
