"""A new student's whole walk on a phone (390x844, touch, taps), done as they would do it: the menu to a
section, a glossary term's definition read in place, an answer to a discussion prompt, the quiz of
their own draw, the section marked read; after a reload, all of it on My progress (answer text, score,
section read, progress bar, what to do next); an export, imported into a fresh browser, which then
shows the same draw and answers and continues where they left off. Also the new controls by keyboard,
under axe in light and dark, and right to left."""
from __future__ import annotations

import json
import re

import pytest

from coursekit import strings
from tests.browser.helpers import attempt_total, choice, drawn_ids, plain, put_in_order, quizzes, reach_widgets
from tests.site.helpers import AXE
from tests.site.test_accessibility import axe, set_mode

pytestmark = pytest.mark.browser
SECTION = "book/part1/water.html"
PROGRESS = "book/progress.html"
HOME = "book/intro.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "accept_downloads": True}
EN, AR = strings.catalog("en"), strings.catalog("ar")
ANSWER = "Upstream states hold the water; downstream states hold older agreements. Both need the data."


def phone_context(browser):
    context = browser.new_context(**PHONE)
    context.problems = []
    context.on("page", lambda page: (page.on("pageerror", lambda e: context.problems.append(str(e))),
                                     page.on("console", lambda m: m.type == "error" and context.problems.append(m.text))))
    return context


def first_quiz(site, rel: str) -> tuple[dict, dict, int]:
    """The first quiz of a built page: its client data, its items by id, and one attempt's total."""
    quiz = quizzes((site / rel).read_text(encoding="utf-8"))[0]
    return quiz, {item["id"]: item for item in quiz["items"]}, attempt_total(quiz)


def answer_right(box, item: dict, words: dict = EN) -> None:
    """Answer an item of the draw as a student who knows it would, by tapping (an ordering moved into
    place with its buttons); ``words``: the interface strings of the page's language."""
    kind = item["type"]
    if kind in ("single_choice", "multiple_select"):
        for index in item["correct"]:
            choice(box, item, index).tap()
    elif kind == "true_false":
        box.get_by_label(words["quiz.true"] if item["answer"] else words["quiz.false"], exact=True).tap()
    elif kind == "numeric":
        box.locator("input[type=text]").fill(str(item["answer"]))
    elif kind == "short_text":
        box.locator("input[type=text]").fill(item["accepted"][0])
    elif kind == "matching":
        for left, right in zip(item["lefts"], item["rights"]):
            box.get_by_label(plain(left), exact=True).select_option(label=plain(right))
    elif kind == "ordering":
        put_in_order(box)
    box.get_by_role("button", name=words["quiz.check"]).tap()


def test_a_new_students_walk_and_their_progress_in_a_fresh_browser(browser, site, site_url, tmp_path):
    quiz, by_id, total = first_quiz(site, SECTION)
    first = phone_context(browser)
    page = first.new_page()
    page.goto(site_url + HOME)
    assert page.locator(".ck-continue").is_hidden()

    # the menu, to a section
    page.locator(".bd-header-article .primary-toggle").tap()
    page.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open")
    menu = page.locator("#pst-primary-sidebar-modal")
    menu.locator('summary[aria-label^="Sections of Part I:"] .toctree-toggle').tap()   # unfold the part's sections
    menu.get_by_role("link", name="Water and environment").tap()
    page.wait_for_url(re.compile(r"book/part1/water\.html$"))

    # a glossary term's definition, in place
    term = page.locator("a.ck-has-tip:has(.std-term)").first
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator("#ck-tip")
    tip.wait_for(state="visible")
    assert page.url.endswith(SECTION) and "Glossary" in tip.text_content()
    definition = tip.locator(".ck-tip__text").inner_text()
    assert len(definition) > 20
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")

    # an answer to a discussion prompt
    area = page.locator(".ck-prompts .ck-answer textarea").first
    area.tap()
    area.fill(ANSWER)
    page.wait_for_function("document.querySelector('.ck-answer-status').textContent.startsWith('Saved')")

    # the quiz: every item of this learner's draw
    reach_widgets(page)   # the learner scrolls down to the quiz
    ids = drawn_ids(page)
    assert len(ids) == total
    for i in ids:
        answer_right(page.locator(f'.ck-quiz .ck-item[data-item="{i}"]'), by_id[i])
    right = total   # every item answered as one who knows it
    score_line = page.locator(".ck-quiz .ck-summary-text").inner_text()
    assert f"Score: {right} of {total}" in score_line, score_line

    # marked read, at the end of the section
    toggle = page.locator(".ck-read-toggle")
    toggle.scroll_into_view_if_needed()
    assert toggle.get_attribute("aria-pressed") == "false" and toggle.inner_text() == "Mark this section as read"
    toggle.tap()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert toggle.inner_text() == "✓ Marked as read"  # the button itself says the state (issue 12)
    assert "You marked this section as read" in page.locator(".ck-read-state").inner_text()

    page.reload()
    assert page.locator(".ck-prompts .ck-answer textarea").first.input_value() == ANSWER
    assert page.get_by_role("button", name="✓ Marked as read").get_attribute("aria-pressed") == "true"

    # My progress
    page.goto(site_url + PROGRESS)
    page.wait_for_selector(".ck-overview:not([hidden])")
    row = page.locator(f'tr[data-quiz="{quiz["id"]}"]')
    assert row.locator(".ck-answered").inner_text() == f"{total} / {total}"
    assert row.locator(".ck-points").inner_text() == f"{right} / {total}"
    timeline_rows = page.locator('tr[data-quiz^="timeline-"]')
    assert timeline_rows.count() == 2 and "Timeline check" in timeline_rows.first.inner_text()
    assert page.locator('tr[data-section="part1/water"] .ck-read-cell').inner_text().startswith("✓ read")
    assert page.locator('tr[data-section="part1/actors"] .ck-read-cell').inner_text() == "not yet"
    bar = page.get_by_role("progressbar", name="Course progress")
    sections = page.locator(".ck-sections-table tbody tr").count()
    assert (bar.evaluate("b => [b.value, b.max]")) == [1, sections]
    assert page.locator(".ck-course-text").inner_text().startswith(f"1 of {sections} sections read")
    assert bar.get_attribute("aria-describedby") == "ck-course-text"
    nxt = page.locator(".ck-next")
    assert nxt.inner_text().startswith("Read Who cooperates, and why") and nxt.get_by_role("link").get_attribute("href").endswith("actors.html")
    assert ANSWER in page.locator(".ck-own-answers .ck-answer-list").inner_text()

    # export, with a name
    name = page.get_by_label(re.compile("^Your name"))
    name.tap()
    name.fill("Amina")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress (JSON)").tap()
    export = tmp_path / "export" / "progress.json"
    info.value.save_as(export)
    exported = json.loads(export.read_text(encoding="utf-8"))
    assert (exported["format"], exported["name"]) == ("coursekit-progress", "Amina")
    mine = next(q for q in exported["quizzes"] if q["id"] == quiz["id"])
    assert (mine["answered"], mine["score"], len(mine["answers"])) == (total, right, total)
    assert [m["section"] for m in exported["read"] if m["read"]] == ["part1/water"]
    assert [a["text"] for a in exported["answers"]] == [ANSWER]
    assert first.problems == []
    first.close()

    # a fresh browser: import, then a second import of a copy with one bad entry, after a newer answer
    second = phone_context(browser)
    page = second.new_page()
    page.goto(site_url + PROGRESS)
    page.wait_for_selector(".ck-progress-tools:not([hidden])")
    page.get_by_label(re.compile("^Import progress")).set_input_files(export)
    status = page.locator(".ck-progress-status")
    page.wait_for_function("document.querySelector('.ck-progress-status').textContent.startsWith('Imported')")
    assert status.inner_text() == f"Imported {total + 1} answer(s) and 1 section(s) read."
    assert page.locator(f'tr[data-quiz="{quiz["id"]}"] .ck-points').inner_text() == f"{right} / {total}"
    assert page.get_by_label(re.compile("^Your name")).input_value() == "Amina"
    assert ANSWER in page.locator(".ck-own-answers").inner_text()

    page.goto(site_url + SECTION)
    reach_widgets(page)   # the learner scrolls down to the quiz
    assert drawn_ids(page) == ids                                  # the same draw as where the work was done
    assert f"Score: {right} of {total}" in page.locator(".ck-quiz .ck-summary-text").inner_text()
    area = page.locator(".ck-prompts .ck-answer textarea").first
    area.fill(ANSWER + " Written later, on the second device.")
    page.wait_for_function("document.querySelector('.ck-answer-status').textContent.startsWith('Saved')")
    tampered = tmp_path / "progress.json"
    tampered.write_text(json.dumps({**exported, "read": exported["read"] + [{"v": 1, "section": "part1/water",
                                                                             "read": "yes", "at": 1}]}), encoding="utf-8")
    page.goto(site_url + PROGRESS)
    page.wait_for_selector(".ck-progress-tools:not([hidden])")
    page.get_by_label(re.compile("^Import progress")).set_input_files(str(tampered))
    page.wait_for_function("document.querySelector('.ck-progress-status').textContent.startsWith('Imported')")
    assert status.inner_text() == (f"Imported 0 answer(s) and 0 section(s) read; kept 1 newer answer(s) or mark(s) "
                                   f"already here; {total + 1} already here; ignored 1 invalid item(s) of the file.")
    assert "Written later" in page.locator(".ck-own-answers").inner_text()

    # and continues where they left off
    page.goto(site_url + HOME)
    box = page.locator(".ck-continue")
    box.wait_for(state="visible")
    assert box.inner_text().startswith("Continue where you left off:")
    box.get_by_role("link").tap()
    page.wait_for_url(re.compile(r"book/part1/humanitarian\.html$"))
    assert second.problems == []
    second.close()


def test_an_arabic_students_walk_right_to_left_on_a_phone(browser, site, site_url):
    """The quiz walk in the Arabic edition, by taps, in right to left: every item of the learner's draw
    answered with the Arabic labels, the score said in Arabic with the page's digits, the section marked
    read; after a reload all of it is kept, and My progress (in Arabic) counts it."""
    rel, progress = "ar/" + SECTION, "ar/" + PROGRESS
    quiz, by_id, total = first_quiz(site, rel)
    context = phone_context(browser)
    page = context.new_page()
    page.goto(site_url + rel)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    reach_widgets(page)   # the learner scrolls down to the quiz
    digits = lambda n: page.evaluate("n => new Intl.NumberFormat('ar').format(n)", n)  # noqa: E731 - the page's own
    ids = drawn_ids(page)
    assert len(ids) == total
    for i in ids:
        box = page.locator(f'.ck-quiz .ck-item[data-item="{i}"]')
        answer_right(box, by_id[i], AR)
        assert AR["quiz.correct"] in box.locator(".ck-status").inner_text(), (i, by_id[i]["type"])
    score = AR["quiz.score"].format(score=digits(total), total=digits(total))
    assert score in page.locator(".ck-quiz .ck-summary-text").inner_text()
    toggle = page.locator(".ck-read-toggle")
    toggle.scroll_into_view_if_needed()
    assert toggle.inner_text() == AR["read.button"]
    toggle.tap()
    assert toggle.inner_text() == AR["read.done"] and toggle.get_attribute("aria-pressed") == "true"

    page.reload()
    reach_widgets(page)   # the learner scrolls down to the quiz
    assert drawn_ids(page) == ids and score in page.locator(".ck-quiz .ck-summary-text").inner_text()
    page.goto(site_url + progress)
    page.wait_for_selector(".ck-overview:not([hidden])")
    row = page.locator(f'tr[data-quiz="{quiz["id"]}"]')
    assert digits(total) in row.locator(".ck-points").inner_text()
    assert page.locator('tr[data-section="part1/water"] .ck-read-cell').inner_text().startswith(AR["progress.readYes"][:3])
    assert context.problems == []
    context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_new_controls_work_by_keyboard_and_have_no_serious_violation(browser, site_url, mode):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (./test runs npm ci)")
    source = AXE.read_text(encoding="utf-8")
    context = phone_context(browser)
    page = context.new_page()
    try:
        page.goto(site_url + SECTION)
        toggle = page.locator(".ck-read-toggle")
        toggle.focus()                       # by keyboard too: Space and Enter toggle it
        page.keyboard.press("Space")
        assert toggle.get_attribute("aria-pressed") == "true"
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.tap()
        set_mode(page, mode)
        assert axe(page, source, ".ck-read-mark") == []
        page.goto(site_url + PROGRESS)
        page.wait_for_selector(".ck-overview:not([hidden])")
        set_mode(page, mode)
        assert axe(page, source, ".ck-progress") == []
    finally:
        context.close()


def test_right_to_left_keeps_the_new_controls_on_the_phone_screen(browser, site_url):
    context = phone_context(browser)
    page = context.new_page()
    try:
        for url, selectors in ((SECTION, [".ck-read-toggle", ".ck-read-state"]),
                               (PROGRESS, [".ck-course-bar", ".ck-learner-name", ".ck-import-file", ".ck-next"])):
            page.goto(site_url + url)
            page.wait_for_selector(selectors[0])
            page.evaluate("document.documentElement.setAttribute('dir', 'rtl')")
            for selector in selectors:
                locator = page.locator(selector)
                locator.scroll_into_view_if_needed()
                box = locator.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (url, selector, box)
        assert context.problems == []
    finally:
        context.close()
