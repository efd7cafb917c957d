"""The home page says where a returning learner left off: nothing for a new learner; after answering a
question of the Water quiz on a phone, "Continue where you left off: Water and environment (7 of 8 quiz
questions left)", and the link goes there."""
from __future__ import annotations

import re

import pytest

from tests.browser.helpers import reach_widgets

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def test_continue_where_you_left_off(browser, site_url):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + "book/intro.html")
        assert page.locator(".ck-continue").is_hidden()                       # a new learner: nothing
        page.goto(site_url + "book/part1/water.html")
        reach_widgets(page)
        item = page.locator(".ck-quiz .ck-item:has(input[type=radio], input[type=checkbox])").first
        item.wait_for()   # the draw is the learner's own: answer the first choice question it holds
        item.locator("input[type=radio], input[type=checkbox]").first.tap()
        item.get_by_role("button", name="Check").tap()
        page.goto(site_url + "book/intro.html")
        box = page.locator(".ck-continue")
        box.wait_for(state="visible")
        text = box.inner_text()
        assert text.startswith("Continue where you left off:") and "Water and environment" in text
        assert re.search(r"\((\d+) of (\d+) quiz questions left\)", text)
        assert box.bounding_box()["y"] < 844                                   # above the fold on a phone
        box.get_by_role("link").tap()
        page.wait_for_url(re.compile(r"part1/water\.html"))
    finally:
        context.close()
