"""Nothing from an exercise file runs and nothing hides the page: every text field of every file kind
carries script-like payloads (generated from the schema, tests/browser/hostile.py), and the built page
is used in Chromium on a phone while listening for window.__pwned, dialogs and page errors."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import hostile_files
from tests.browser.helpers import reach_widgets
from tests.browser.hostile import PAYLOADS
from tests.conftest import Watched

PAGE = "book/part1/hostile.html"


def test_every_text_field_of_the_schema_carries_payloads():
    _, covered, expected = hostile_files()
    assert expected and covered == expected, f"text fields without payloads: {sorted(expected - covered)}"


@pytest.mark.browser
def test_the_saved_state_cannot_be_ended_or_hidden_by_any_text(student_site):
    html = (student_site / PAGE).read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/json" class="ck-state">(.*?)</script>', html, re.S)
    assert len(blocks) == 3  # each widget's state in its own mount (timeline, quiz, timeline quiz)
    assert "widget-state+json" not in html  # none left in the head
    for block in blocks:
        assert not re.search(r"<!--|<script|</script|<|>|&", block)
    assert any("onerror=window.__pwned=1" in block for block in blocks)  # the payloads are there, as inert text


@pytest.mark.browser
def test_payloads_never_run_and_every_widget_mounts(browser, student_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.add_init_script("window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };")
    watched = Watched(context.new_page())
    page = watched.page
    page.set_default_timeout(10_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(student_url + PAGE)
    mounts = page.locator(".ck-widget-mount")
    assert mounts.count() == 3  # timeline, quiz, timeline quiz
    assert reach_widgets(page) == 3
    assert page.get_by_role("heading", name="Hostile text").is_visible()
    assert page.locator(".ck-prompts li").count() == 1  # the content after the widgets is all there
    assert page.locator("footer").count() >= 1
    # every path of every quiz item: answer, check, hint, show answer (show_answer_after: 1)
    for box in page.locator(".ck-quiz .ck-item").all():
        box.scroll_into_view_if_needed()
        kind = box.get_attribute("data-type")
        if kind in ("single_choice", "multiple_select", "true_false"):
            box.locator("input").first.tap()
        elif kind in ("numeric", "short_text"):
            box.locator("input.ck-text").fill("1")
        elif kind == "matching":
            box.locator("select").first.select_option(index=1)
        box.get_by_role("button", name="Check", exact=True).tap()
        if box.get_by_role("button", name="Hint").count():
            box.get_by_role("button", name="Hint").tap()
        show = box.get_by_role("button", name="Show answer")
        if show.is_visible():
            show.tap()
    numeric = page.locator('.ck-item[data-item="h-numeric"]')
    assert PAYLOADS[0] in numeric.locator(".ck-reveal").inner_text()  # the unit, as text
    assert PAYLOADS[0] in page.locator(".ck-quiz .ck-title").first.inner_text()
    page.locator(".ck-timeline").first.scroll_into_view_if_needed()
    for button in page.locator(".ck-timeline button[aria-expanded]").all()[:3]:
        button.tap()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("main img[onerror], main svg[onload], main iframe, main script:not([type])").count() == 0
    assert [p for p in watched.problems if p[0] == "pageerror"] == []
    context.close()
