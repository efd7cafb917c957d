"""A student writes their own answer to a discussion prompt and to a writing exercise, on a phone: it is
kept across reloads, a second tab sees it, My progress lists it, the export carries it, print shows it,
and the instructor edition has no box at all."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser
SECTION = "book/part1/water.html"
PROGRESS = "book/progress.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, accept_downloads=True)
    problems: list[str] = []
    context.on("page", lambda page: page.on("pageerror", lambda e: problems.append(str(e))))
    yield context, problems
    context.close()


def test_an_answer_is_kept_listed_and_exported(phone, site_url):
    context, problems = phone
    page = context.new_page()
    page.goto(site_url + SECTION)
    box = page.locator(".ck-prompts .ck-answer").first
    box.wait_for(state="visible")
    area = box.locator("textarea")
    area.tap()
    area.fill("The rivers rise in Turkey, so upstream and downstream interests differ.")
    page.wait_for_function("document.querySelector('.ck-answer-status').textContent.length > 0")
    assert "Saved in this browser" in box.locator(".ck-answer-status").inner_text()

    second = context.new_page()                 # a second tab of the same page
    second.goto(site_url + SECTION)
    assert "upstream and downstream" in second.locator(".ck-prompts .ck-answer textarea").first.input_value()

    page.reload()
    assert page.locator(".ck-prompts .ck-answer textarea").first.input_value().startswith("The rivers rise")
    page.emulate_media(media="print")
    assert page.locator(".ck-answer-print").first.is_visible()
    assert "upstream and downstream" in page.locator(".ck-answer-print").first.inner_text()
    page.emulate_media(media="screen")

    exercise = page.locator(".ck-exercise .ck-answer textarea")
    if exercise.count():                         # a writing exercise on the page gets a box too
        exercise.first.fill("A draft of my essay.")
        page.wait_for_timeout(600)

    page.goto(site_url + PROGRESS)
    listed = page.locator(".ck-own-answers .ck-answer-list li")
    listed.first.wait_for()
    assert "upstream and downstream" in listed.first.inner_text()
    assert page.locator(".ck-answers-none").is_hidden()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress (JSON)").tap()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert any("upstream and downstream" in a["text"] and a["section"] == "part1/water" for a in data["answers"])
    assert problems == []


def test_storage_that_fails_says_the_answer_is_not_kept(browser, site_url):
    context = browser.new_context(**PHONE)
    context.add_init_script("Storage.prototype.setItem = function () { throw new Error('full'); };")
    page = context.new_page()
    try:
        page.goto(site_url + SECTION)
        area = page.locator(".ck-prompts .ck-answer textarea").first
        area.fill("Some text")
        page.wait_for_function("document.querySelector('.ck-answer-status').textContent.length > 0")
        assert "Not saved" in page.locator(".ck-answer-status").first.inner_text()
        assert area.input_value() == "Some text"          # the text stays in the box
    finally:
        context.close()


@pytest.mark.slow
def test_the_instructor_edition_has_no_answer_boxes(instructor_site):
    html = (instructor_site / SECTION).read_text(encoding="utf-8")
    assert 'class="ck-answer"' not in html and "ck-facilitator" in html
