"""A quiz whose prompts and explanations the page holds once, in its no-JavaScript fallback (issue 17): on a
phone (390x844, touch) the live quiz shows the same prompts, a tap answers, and the explanation it reveals is
the fallback's; without JavaScript and in print the fallback still lists every question."""
from __future__ import annotations

import pytest

from tests.browser.helpers import drawn, plain, quizzes, reach_widgets, right_input

pytestmark = pytest.mark.browser

PAGE = "book/part2/iran-deal.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems
    yield page
    context.close()


def fallback_part(page, path: str) -> str:
    return " ".join(page.locator(f'.ck-quiz-fallback [data-ck-part="{path}"]').first.text_content().split())


def test_the_live_quiz_shows_the_fallbacks_prompts_and_explanation(phone, site, site_url):
    quiz = quizzes((site / PAGE).read_text(encoding="utf-8"))[0]
    phone.goto(site_url + PAGE)
    reach_widgets(phone)
    phone.wait_for_selector(".ck-widget-mount.ck-mounted .ck-quiz .ck-item")
    index = {item["id"]: n for n, item in enumerate(quiz["items"])}
    for box in phone.locator(".ck-quiz .ck-item").all():
        n = index[box.get_attribute("data-item")]
        shown = " ".join(box.locator(".ck-prompt").text_content().split())
        assert shown and shown == fallback_part(phone, f"quiz.items.{n}.prompt")
    box, item = drawn(phone, quiz, ("single_choice", "true_false"))
    right_input(box, item).tap()
    box.get_by_role("button", name="Check").tap()
    assert "Correct" in box.locator(".ck-status").inner_text()
    n = index[item["id"]]
    explanation = box.locator(".ck-explanation")
    assert explanation.is_visible()
    assert fallback_part(phone, f"quiz.items.{n}.explanation") in " ".join(explanation.text_content().split())
    assert "[object Object]" not in phone.locator(".ck-quiz").first.inner_text()
    assert phone.problems == []


def test_without_javascript_and_in_print_the_fallback_lists_every_question(browser, site, site_url):
    quiz = quizzes((site / PAGE).read_text(encoding="utf-8"))[0]
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            fallback = page.locator(".ck-quiz-fallback").first
            assert fallback.is_visible()
            shown = fallback.locator(":scope > ol > li")
            assert shown.count() == len(quiz["items"])
            assert plain(shown.first.inner_html()).startswith(fallback_part(page, "quiz.items.0.prompt"))
    finally:
        context.close()
