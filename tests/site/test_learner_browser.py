"""A self-learner alone with the published book: on a phone (390x844, touch, taps) and on a laptop by
keyboard. Menu and page contents, the home page's start, term and citation pop-ups, jump links to the
exercises, and search from the offline copy (file://); axe on what they open, light and dark."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.site.helpers import settle, wait_mounted
from tests.site.test_accessibility import axe, set_mode

pytestmark = pytest.mark.browser

SECTION = "book/part1/science.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# flick to the bottom, a frame at a time, until the page's end stops moving (entries laid out on the way
# take their real height: site.css lays the reference list out only where it is on screen)
TO_THE_END = """async () => {
  for (let last = -1, i = 0; i < 20 && window.scrollY !== last; i++) {
    last = window.scrollY;
    window.scrollTo(0, document.scrollingElement.scrollHeight);
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
  }
}"""
VISIBLE_TOOLTIP = "() => [...document.querySelectorAll('.tooltip')].filter((t) => t.checkVisibility()).length"
HIT = """(selector) => {
  const el = document.querySelector(selector);
  const r = el.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!top && (top === el || el.contains(top));
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems
    yield page
    context.close()


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def no_serious(page, axe_source, selector):
    for mode in ("light", "dark"):
        set_mode(page, mode)
        found = axe(page, axe_source, selector)
        assert found == [], "\n".join(f"[{mode}] {rule} {node['target']}: {node['why']}" for rule, _, node in found)
    set_mode(page, "light")


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.outerHTML.slice(0, 160)")


# -- phone --------------------------------------------------------------------------------------------

def test_phone_menu_opens_by_tap_reaches_a_section_and_closes(phone, site_url, axe_source):
    phone.goto(site_url + SECTION, wait_until="load")
    toggle = phone.locator(".bd-header-article .primary-toggle")
    dialog = phone.locator("#pst-primary-sidebar-modal")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.tap()
    phone.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open")
    expect(toggle).to_have_attribute("aria-expanded", "true")   # set after the theme's own handler
    assert dialog.locator("nav.bd-docs-nav").is_visible()
    assert phone.evaluate("() => document.querySelector('#pst-primary-sidebar-modal').contains(document.activeElement)")
    no_serious(phone, axe_source, "#pst-primary-sidebar-modal")
    close = dialog.locator(".ck-sidebar-close")
    close.tap()
    phone.wait_for_function("() => !document.querySelector('#pst-primary-sidebar-modal').open")
    expect(toggle).to_have_attribute("aria-expanded", "false")  # the dialog's close event comes a task later
    assert phone.evaluate("() => document.activeElement.matches('.bd-header-article .primary-toggle')")
    assert not close.is_visible()  # back in the hidden sidebar, out of the Tab order

    toggle.tap()
    phone.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open")
    dialog.get_by_role("link", name="Water and environment").tap()
    phone.wait_for_url(re.compile(r"book/part1/water\.html$"))
    assert phone.locator("article h1").first.inner_text().startswith("Water")
    assert phone.problems == []


def test_phone_page_contents_open_by_tap_and_close_with_escape(phone, site_url):
    phone.goto(site_url + SECTION, wait_until="load")
    toggle = phone.locator(".bd-header-article .secondary-toggle")
    toggle.tap()
    phone.wait_for_function("() => document.querySelector('#pst-secondary-sidebar-modal').open")
    contents = phone.locator("#pst-secondary-sidebar-modal")
    assert contents.get_by_role("link", name="Check your understanding").is_visible()
    phone.keyboard.press("Escape")
    phone.wait_for_function("() => !document.querySelector('#pst-secondary-sidebar-modal').open")
    toggle.tap()
    phone.wait_for_function("() => document.querySelector('#pst-secondary-sidebar-modal').open")
    contents.get_by_role("link", name="Check your understanding").tap()
    phone.wait_for_function("() => location.hash === '#check-your-understanding'")
    assert phone.problems == []


def test_phone_taps_leave_no_tooltip_over_the_header_buttons(phone, site_url):
    phone.goto(site_url + SECTION, wait_until="load")
    for selector in (".bd-header-article .primary-toggle", ".bd-header-article .secondary-toggle"):
        phone.locator(selector).tap()
        phone.wait_for_timeout(700)  # past Bootstrap's 500 ms show delay
        phone.keyboard.press("Escape")
        phone.wait_for_timeout(300)
    phone.locator(".bd-header-article .dropdown-download-buttons > button").tap()
    phone.wait_for_timeout(700)
    phone.locator("article h1").first.tap()
    phone.wait_for_timeout(700)
    assert phone.evaluate(VISIBLE_TOOLTIP) == 0
    for selector in (".bd-header-article .dropdown-download-buttons > button",
                     ".bd-header-article .theme-switch-button", ".bd-header-article .search-button"):
        assert phone.evaluate(HIT, selector), f"something covers {selector}"


@pytest.mark.parametrize("edition", ["", "ar/", "fr/"])
def test_phone_header_buttons_are_finger_sized_and_fit(phone, site_url, edition):
    """The header's buttons were 29-37 px, so a finger meant for one hit its neighbour: each is now at least
    44 x 44 px, and all of them still fit in one row at 390 px, in every edition."""
    phone.goto(site_url + edition + SECTION, wait_until="load")
    sizes = phone.evaluate("""() => [...document.querySelectorAll('.bd-header-article button, .bd-header-article summary')]
      .filter((n) => n.checkVisibility()).map((n) => {
        const r = n.getBoundingClientRect();
        return [n.getAttribute('aria-label') || n.textContent.trim(), r.width, r.height, r.right];
      })""")
    assert len(sizes) >= 5, sizes
    small = [s for s in sizes if s[1] < 44 or s[2] < 44]
    assert small == [], small
    assert all(right <= 390 for *_, right in sizes), sizes
    assert phone.evaluate("() => document.querySelector('.bd-header-article').getBoundingClientRect().height") < 80


def test_phone_colour_mode_button_works_where_storage_is_refused(phone, site_url):
    """A browser that refuses storage (cookies blocked): the theme's scripts read it unguarded and threw
    on every page, and its colour-mode button did nothing. Tapping it now changes the mode, with no error,
    and the quiz still says that progress will not be kept."""
    phone.context.add_init_script("".join(
        f"Object.defineProperty(window, '{name}', {{ configurable: true, "
        "get() { throw new DOMException('denied', 'SecurityError'); } });" for name in ("localStorage", "sessionStorage")))
    phone.goto(site_url + SECTION, wait_until="load")
    wait_mounted(phone)
    button = phone.locator(".bd-header-article .theme-switch-button")
    modes = []
    for _ in range(3):
        button.tap()
        modes.append(phone.evaluate("document.documentElement.dataset.mode"))
    assert len(set(modes)) == 3, modes  # light, dark and auto in turn
    assert "progress will not be kept" in phone.locator(".ck-quiz .ck-notices").first.inner_text()
    assert phone.problems == []


def test_phone_home_page_shows_what_how_long_and_start_above_the_fold(phone, site_url):
    phone.goto(site_url + "index.html", wait_until="load")
    phone.wait_for_url(re.compile(r"book/intro\.html$"))
    start = phone.get_by_role("link", name="Start the course")
    hours = phone.get_by_text(re.compile(r"About \d+ to \d+ hours"))
    what = phone.locator(".ck-start p").first
    for element in (phone.locator("article h1").first, what, hours, start):
        box = element.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, element
    assert phone.locator(".ck-continue").count() == 1
    start.tap()
    phone.wait_for_url(re.compile(r"book/part1/index\.html$"))


def test_phone_term_and_citation_popups_by_tap(phone, site_url, axe_source):
    phone.goto(site_url + SECTION, wait_until="load")
    term = phone.locator("a.ck-has-tip:has(.std-term)").first
    tip = phone.locator("#ck-tip")
    term.scroll_into_view_if_needed()
    name = term.inner_text()
    term.tap()
    tip.wait_for(state="visible")
    assert phone.url.endswith(SECTION), "the tap left the page"
    assert "Glossary" in tip.text_content() and len(tip.locator(".ck-tip__text").inner_text()) > 20
    assert tip.get_by_role("link", name="Full entry in the glossary").get_attribute("href").endswith(
        f"#{term.get_attribute('href').split('#')[1]}")
    assert term.get_attribute("aria-describedby") == "ck-tip-text"
    box, viewport = tip.bounding_box(), phone.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    no_serious(phone, axe_source, "#ck-tip")
    phone.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert term.get_attribute("aria-describedby") is None, name

    cite = phone.locator('a.ck-has-tip[href*="references.html#"]').first
    cite.scroll_into_view_if_needed()
    cite.tap()
    tip.wait_for(state="visible")
    assert "Reference" in tip.text_content() and "20" in tip.locator(".ck-tip__text").inner_text()
    phone.locator("article h1").first.tap()  # a tap elsewhere closes it
    tip.wait_for(state="hidden")
    cite.tap()
    tip.wait_for(state="visible")
    tip.get_by_role("link", name="Full entry in the references").tap()
    phone.wait_for_url(re.compile(r"book/references\.html#id\d+$"))
    # the list is laid out only where it is on screen (site.css): the entry linked to is there, readable
    entry = phone.locator(phone.evaluate("() => location.hash"))
    expect(entry).to_have_text(re.compile(r"\w{4,}.*\d{4}"), use_inner_text=True)
    box = entry.bounding_box()
    assert 0 <= box["y"] < PHONE["viewport"]["height"] / 2, box
    assert phone.problems == []


def test_phone_reader_scrolls_the_reference_list_to_its_end_and_prints_it_whole(phone, site_url):
    phone.goto(site_url + "book/references.html", wait_until="load")
    entries = phone.locator(".citation-list > .citation")
    assert entries.count() > 100
    phone.evaluate(TO_THE_END)   # the reader flicks down until the page stops
    assert entries.last.evaluate("e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }")
    expect(entries.last).to_have_text(re.compile(r"\w{4,}"), use_inner_text=True)   # laid out, on screen
    phone.emulate_media(media="print")
    assert entries.evaluate_all("items => items.filter(i => !i.innerText.trim()).length") == 0


# -- laptop, keyboard ---------------------------------------------------------------------------------

def tab_to(page, predicate: str, limit: int = 250) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate}); }}"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def test_keyboard_menu_collapses_and_opens_and_reaches_a_section(laptop, site_url):
    laptop.goto(site_url + SECTION, wait_until="load")
    toggle = laptop.locator(".bd-header-article .primary-toggle")
    sidebar = laptop.locator("#pst-primary-sidebar")
    assert sidebar.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    tab_to(laptop, "el.matches('.bd-header-article .primary-toggle')")
    laptop.keyboard.press("Enter")
    laptop.wait_for_function("() => document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')")
    assert toggle.get_attribute("aria-expanded") == "false"
    laptop.keyboard.press("Enter")
    laptop.wait_for_function("() => !document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')")
    assert toggle.get_attribute("aria-expanded") == "true"
    laptop.goto(site_url + "book/intro.html", wait_until="load")
    tab_to(laptop, "el.matches('summary[aria-label=\"Sections of Part II: International nuclear cooperation\"]')")
    laptop.keyboard.press("Enter")  # opens the part's list of sections
    tab_to(laptop, "el.closest('nav.bd-docs-nav') && el.textContent.trim() === 'Nonproliferation diplomacy'", limit=10)
    laptop.keyboard.press("Enter")
    laptop.wait_for_url(re.compile(r"book/part2/nonproliferation\.html$"))


def test_keyboard_page_contents_open_and_close_on_a_narrower_laptop(browser, site_url):
    """At 1280 px the page contents are a column of their own (reached by Tab); below 1200 px they are
    behind the contents button, which opens and closes them by keyboard."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + SECTION, wait_until="load")
        assert page.locator("#pst-secondary-sidebar").is_visible()
        tab_to(page, "el.closest('#pst-secondary-sidebar') && el.textContent.trim() === 'Discussion'")
        page.set_viewport_size({"width": 1100, "height": 800})
        page.goto(site_url + SECTION, wait_until="load")
        tab_to(page, "el.matches('.bd-header-article .secondary-toggle')")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#pst-secondary-sidebar-modal').open")
        assert page.evaluate("() => document.querySelector('#pst-secondary-sidebar-modal').contains(document.activeElement)")
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('#pst-secondary-sidebar-modal').open")
        assert page.evaluate("() => document.activeElement.matches('.bd-header-article .secondary-toggle')"), focused(page)
    finally:
        context.close()


def test_keyboard_citation_and_term_popups_by_focus(laptop, site_url, axe_source):
    laptop.goto(site_url + SECTION, wait_until="load")
    tip = laptop.locator("#ck-tip")
    tab_to(laptop, "el.matches('a.ck-has-tip[href*=\"references.html#\"]')")
    tip.wait_for(state="visible")
    assert "Reference" in tip.text_content()
    no_serious(laptop, axe_source, "#ck-tip")
    laptop.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert laptop.evaluate("() => document.activeElement.matches('a.ck-has-tip')"), "Esc moved focus"
    tab_to(laptop, "el.matches('a.ck-has-tip') && !!el.querySelector('.std-term')")
    tip.wait_for(state="visible")
    assert "Glossary" in tip.text_content()
    term = laptop.evaluate_handle("() => document.activeElement")
    laptop.keyboard.press("Tab")  # focus moves on: its pop-up goes (the next link may open its own)
    assert term.evaluate("el => !el.hasAttribute('aria-describedby') && el.nextElementSibling?.id !== 'ck-tip'")
    assert laptop.evaluate("""() => document.getElementById('ck-tip').hidden
        || document.activeElement.getAttribute('aria-describedby') === 'ck-tip-text'""")
    laptop.mouse.move(0, 0)
    cite = laptop.locator('a.ck-has-tip[href*="references.html#"]').nth(1)
    cite.scroll_into_view_if_needed()
    cite.hover()
    tip.wait_for(state="visible")
    tip.hover()  # the pointer can move onto it (WCAG 1.4.13)
    laptop.wait_for_timeout(500)
    assert tip.is_visible()


def test_keyboard_skip_links_reach_the_quiz_and_the_timeline(laptop, site_url):
    laptop.goto(site_url + SECTION, wait_until="load")
    wait_mounted(laptop)
    settle(laptop)
    for name, module in (("Self-check quiz", "quiz"), ("Timeline", "timeline")):
        laptop.goto(site_url + SECTION, wait_until="load")
        wait_mounted(laptop)
        tab_to(laptop, f"el.matches('.ck-jump a') && el.textContent.trim() === '{name}'", limit=60)
        laptop.keyboard.press("Enter")
        laptop.wait_for_function("() => location.hash.length > 1")
        target = laptop.evaluate("() => location.hash.slice(1)")
        mount = laptop.locator(f'section[id="{target}"] .ck-widget-mount[data-module="{module}"]')
        assert mount.count() == 1
        top = laptop.evaluate(f"() => document.getElementById('{target}').getBoundingClientRect().top")
        assert 0 <= top < 400, top
        tab_to(laptop, f"!!el.closest('section[id=\"{target}\"]')", limit=15)  # Tab goes on from there


# -- search from the offline copy ---------------------------------------------------------------------

def test_offline_copy_search_shows_snippets_the_icon_clears_the_text_and_terms_open(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto((site / "search.html").as_uri() + "?q=safeguards", wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 3")
        page.wait_for_function("() => document.querySelectorAll('#search-results li p.context').length > 3")
        snippet = page.locator("#search-results li p.context").first.inner_text()
        assert "safeguard" in snippet.lower(), snippet
        field = page.locator(".bd-search-container form.bd-search input")
        icon = page.locator(".bd-search-container form.bd-search .fa-magnifying-glass")
        text_start = field.evaluate("el => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft)")
        assert icon.bounding_box()["x"] + icon.bounding_box()["width"] <= text_start
        # and a term's definition, from disk too
        page.goto((site / SECTION).as_uri(), wait_until="load")
        page.locator("a.ck-has-tip:has(.std-term)").first.tap()
        page.locator("#ck-tip").wait_for(state="visible")
        assert page.url.endswith(SECTION)
        assert problems == []
    finally:
        context.close()
