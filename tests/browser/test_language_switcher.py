"""A reader on a phone (390 x 844, taps) switches a page English -> Arabic -> French -> English with the
language switcher in the header, and lands on the same page each time: from a static host, and from
file:// (the downloaded copy), where only relative links work. With the keyboard, the switcher is a
button that opens on Enter and its options are links reached with Tab."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
PAGE = "book/part1/science.html"
WALK = (("ar", "العربية"), ("fr", "Français"), ("en", "English"))


def switch(page, name: str) -> None:
    """Tap the switcher open, then tap the option ``name``, as a thumb would."""
    switcher = page.locator(".ck-languages").first
    switcher.locator("summary").tap()
    option = switcher.get_by_role("link", name=name)
    option.wait_for(state="visible")
    box = option.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box   # on screen, finger-sized
    option.tap()


def walk(page, base: str) -> None:
    page.goto(base + PAGE, wait_until="load")
    title = page.locator("h1").first.inner_text()
    for language, name in WALK:
        switch(page, name)
        page.wait_for_url(base + ("" if language == "en" else f"{language}/") + PAGE, wait_until="load")
        assert page.evaluate("document.documentElement.lang") == language
        assert page.locator(".ck-languages summary").first.inner_text().strip().endswith(name)
        assert page.locator(f'.ck-languages a[aria-current="true"][hreflang="{language}"]').count() >= 1
        if language == "en":
            assert page.locator("h1").first.inner_text() == title   # the same page it started on


def test_switching_languages_by_taps_keeps_the_page_over_http(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    walk(page, site_url)
    context.close()


def test_switching_languages_by_taps_keeps_the_page_from_file_urls(browser, site):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    walk(page, site.as_uri() + "/")
    context.close()


def test_the_switcher_works_from_the_keyboard(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="load")
    summary = page.locator(".ck-languages summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".ck-languages").first.evaluate("d => d.open")
    for _ in range(3):   # English, العربية, Français, in order after the button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hreflang") == "fr":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "fr/" + PAGE, wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "fr"
    context.close()
