"""The static host hides a widget's fallback before the module renders, and shows it again if it fails.

Issue 17: the timeline read its axis width while the fallback (every event, with summary and sources)
was still laid out, so that first layout cost most of the first render on a long timeline, and the page
shifted when the fallback went. A student on a phone opens the course timeline; the module is watched
while it renders (an init script wraps it as it registers, like benchmarks/browse.py's probe).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support.browser import REACH_WIDGETS
from tests.browser.timeline import COURSE, PHONE
from tests.conftest import Watched

pytestmark = pytest.mark.browser

# Wrap each module's render as it registers: note whether the fallback of the widget being rendered
# is on screen at that moment; with ``fail``, the module throws instead, as a broken module would.
WATCH_RENDER = """(fail) => {
  window.__seen = [];
  window.coursekitModules = new Proxy({}, {
    set(target, name, module) {
      const render = module.render;
      target[name] = Object.assign({}, module, {render(args) {
        const fallback = args.el.parentNode.querySelector(':scope > .ck-fallback');
        window.__seen.push({module: String(name), boxes: fallback.getClientRects().length});
        if (fail) throw new Error('broken module');
        return render(args);
      }});
      return true;
    },
  });
}"""


def open_phone(browser, url: str, fail: bool) -> Watched:
    context = browser.new_context(**PHONE)
    context.add_init_script(f"({WATCH_RENDER})({'true' if fail else 'false'})")
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = Watched(page)
    page.goto(url)
    page.evaluate(REACH_WIDGETS)  # each is rendered as the reader comes near it
    page.wait_for_function("window.__seen && window.__seen.length === 3")
    page.wait_for_load_state("load")
    return watched


def test_the_fallback_is_gone_before_the_timeline_renders_and_comes_back_in_print(browser, site_url):
    watched = open_phone(browser, site_url + COURSE, fail=False)
    page = watched.page
    page.wait_for_selector(".ck-widget-mount.ck-mounted .ck-tl-marker")
    seen = page.evaluate("window.__seen")  # the page's two quizzes and its timeline
    assert sorted(x["module"] for x in seen) == ["quiz", "quiz", "timeline"]
    assert all(x["boxes"] == 0 for x in seen), seen
    fallback = page.locator(".ck-widget-mount .ck-fallback").first
    assert not fallback.is_visible()
    page.locator(".ck-tl-marker").first.tap()  # the widget works as before
    assert page.locator(".ck-tl-details").is_visible()
    page.emulate_media(media="print")
    assert fallback.is_visible() and fallback.locator("li").count() > 20  # every event, on paper
    assert not watched.problems
    page.context.close()


def test_a_module_that_fails_leaves_its_fallback_on_screen(browser, site_url):
    watched = open_phone(browser, site_url + COURSE, fail=True)
    page = watched.page
    mount = page.locator(".ck-widget-mount").first
    assert mount.locator(".ck-fallback").is_visible()
    assert mount.locator(".ck-live").count() == 0
    assert "ck-rendering" not in (mount.get_attribute("class") or "")
    assert any("failed to render" in text for kind, text in watched.problems if kind == "error")
    page.context.close()


def test_without_javascript_a_phone_reader_scrolls_to_the_last_event_and_reads_it(browser, site_url):
    # the course timeline's fallback is laid out only where it is on screen (host.css); its far end
    # comes on screen, whole, when the reader scrolls there (at the next frame: expect waits for it),
    # by link, and in print
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + COURSE)
    events = page.locator(".ck-tl-fallback-list > li")
    assert events.count() > 100
    last = events.last
    last.scroll_into_view_if_needed()
    expect(last.locator("time")).to_have_text(re.compile(r"\d{4}"), use_inner_text=True)
    expect(last.locator("strong").first).to_have_text(re.compile(r"\w"), use_inner_text=True)
    page.goto(site_url + COURSE + "#" + events.nth(60).get_attribute("id"))   # a link to one event
    expect(events.nth(60).locator("time")).to_have_text(re.compile(r"\d{4}"), use_inner_text=True)
    box = events.nth(60).bounding_box()
    assert 0 <= box["y"] < PHONE["viewport"]["height"] / 2, box
    page.emulate_media(media="print")
    assert events.evaluate_all("items => items.filter(i => !i.querySelector('time').innerText.trim()).length") == 0
    context.close()


SECTION = "book/part2/iran-deal.html"   # its quiz and timeline are at its foot, far below the first screen


def test_widgets_far_below_are_rendered_as_the_reader_comes_near_them(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watched = Watched(page)
    page.goto(site_url + SECTION, wait_until="load")
    page.wait_for_timeout(500)
    mounts = page.locator(".ck-widget-mount")
    assert mounts.count() == 2
    assert page.locator(".ck-widget-mount.ck-mounted, .ck-widget-mount.ck-rendering").count() == 0
    quiz = page.locator('.ck-widget-mount[data-module="quiz"]')
    quiz.locator(".ck-fallback").scroll_into_view_if_needed()   # the reader scrolls down to it
    expect(quiz).to_have_class(re.compile(r"\bck-mounted\b"))
    quiz.locator(".ck-quiz input").first.tap()
    assert watched.problems == []
    context.close()


# Note each read of a mount's box: one while the page is parsed forces its layout there and then.
WATCH_BOXES = """(() => {
  window.__boxes = [];
  const read = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function () {
    if (this.matches('.ck-widget-mount')) window.__boxes.push(this.getAttribute('data-module'));
    return read.call(this);
  };
})();"""


def test_a_widget_near_the_top_is_rendered_without_first_asking_where_it_is(browser, site_url):
    # reading its box mid-parse laid out the page with its fallback, which the widget then replaced: the
    # quiz at the top of the benchmark page accepted its first answer 20 ms later than without that read,
    # and the two quizzes below the course timeline were rendered at once, though a long way down
    context = browser.new_context(**PHONE)
    context.add_init_script(WATCH_BOXES)
    page = context.new_page()
    watched = Watched(page)
    page.goto(site_url + COURSE)
    timeline = page.locator('.ck-widget-mount[data-module="timeline"]')
    expect(timeline).to_have_class(re.compile(r"\bck-mounted\b"))
    page.wait_for_load_state("load")
    quizzes = page.locator('.ck-widget-mount[data-module="quiz"]')
    assert quizzes.count() == 2 and quizzes.evaluate_all("ms => ms.filter(m => m.matches('.ck-mounted')).length") == 0
    assert page.evaluate("window.__boxes") == []   # the two far below wait for the observer, unasked
    assert watched.problems == []
    context.close()


def test_focus_that_enters_a_fallback_moves_into_the_widget_it_becomes(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + SECTION, wait_until="load")
    timeline = page.locator('.ck-widget-mount[data-module="timeline"]')
    timeline.locator(".ck-fallback a[href]").first.focus()   # as Tab reaches it
    expect(timeline).to_have_class(re.compile(r"\bck-mounted\b"))
    assert page.evaluate("() => !!document.activeElement.closest('.ck-live')")
    page.close()


def test_without_javascript_the_sticky_header_keeps_the_themes_background(browser, site_url):
    # the theme's palette had no match while <html> said data-theme="auto", so the header was see-through
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + COURSE + "#ck-tl-fb-barakah-contract")
    header = page.locator(".bd-header-article")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    assert page.locator("body").evaluate("e => getComputedStyle(e).color") != "rgb(0, 0, 0)"   # the theme's text colour
    context.close()
