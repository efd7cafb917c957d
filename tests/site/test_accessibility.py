"""Accessibility of the built book: axe-core on every page in light and dark mode, and a keyboard-only
walkthrough of a whole section page.

axe-core runs on the whole document (theme, our content and our widgets, mounted), with the WCAG 2.0/2.1
A and AA rules plus axe's best practices. Any *serious* or *critical* violation fails, unless it is in
ALLOWED below with the reason it cannot be fixed from this project. What we could fix is fixed in
coursekit (see FIXED); an allow-list entry that no longer matches anything fails too, so the list
cannot go stale.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.course import Course
from tests.browser.helpers import drawn, quizzes
from tests.conftest import ROOT
from tests.site.helpers import html_pages, redirect_target, settle, stylesheets, wait_mounted

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Theme violations fixed in this project (kept here so the reason for each fix is next to its test):
FIXED = {
    "summary-name": "pydata-sphinx-theme's navigation puts an icon-only <summary> beside each part with "
                    "sections; coursekit/sphinxext/site.py names it 'Sections of <part>'.",
    "label-content-name-mismatch": "the theme's search button had aria-label='Search' hiding its visible "
                                   "'Ctrl+K'; coursekit/sphinxext/templates/search-button-field.html drops it.",
    "aria-required-children": "docutils marks bibliography entries role='doc-biblioentry' (deprecated, not a "
                              "list item) inside role='list'; site.py writes role='listitem' instead.",
    "focus-visible (keyboard test)": "sphinx-book-theme removes the focus ring of the article header buttons; "
                                     "coursekit/static/theme-fixes.css restores one.",
}

# (axe rule id, regex on the node's HTML or selector, reason). Serious or critical only: minor and
# moderate findings are reported by axe but do not fail this test.
ALLOWED: list[tuple[str, str, str]] = [
    # None at present: every serious or critical finding was fixed (see FIXED).
]

MODE = """(mode) => {
  document.documentElement.dataset.theme = mode;
  document.documentElement.dataset.mode = mode;
}"""
BACKGROUND_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
AXE_RUN = """async ([selector, rules]) => {
  const result = await axe.run(selector ? document.querySelectorAll(selector) : document,
                               {resultTypes: ['violations'], runOnly: rules});
  return result.violations.map((v) => ({id: v.id, impact: v.impact,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html.slice(0, 300), impact: n.impact,
                                why: (n.failureSummary || '').slice(0, 300)}))}));
}"""


def allowed(rule: str, node: dict) -> tuple[str, str, str] | None:
    for entry in ALLOWED:
        if entry[0] == rule and (re.search(entry[1], node["html"]) or re.search(entry[1], node["target"])):
            return entry
    return None


def axe(page, axe_source: str, selector: str | None = None) -> list[tuple[str, str, dict]]:
    """Serious and critical violations as (rule, impact, node), axe injected once per document."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source)
    found = []
    for violation in page.evaluate(AXE_RUN, [selector, RULES]):
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in SERIOUS:
                found.append((violation["id"], impact, node))
    return found


def set_mode(page, mode: str) -> None:
    page.evaluate(MODE, mode)
    settle(page)
    luminance = page.evaluate(BACKGROUND_LUMINANCE)
    assert (luminance < 0.2) if mode == "dark" else (luminance > 0.8), f"{mode} mode did not render ({luminance:.2f})"


def test_theme_fixes_reach_every_page(site):
    """The stylesheet is added by the extension to every page (not through html_static_path)."""
    assert (site / "_static" / "coursekit" / "theme-fixes.css").is_file()
    without = [rel for rel in html_pages(site) if not redirect_target(site, rel)
               and "coursekit/theme-fixes.css" not in stylesheets(site / rel)]
    assert without == []


LANGUAGE_SITES = {"en": "site", "ar": "arabic_site", "fr": "french_site"}   # fixtures (tests/conftest.py)
# A translated edition is the same pages from the same templates and stylesheets, with other text: it is
# crawled on every page that is not a section page, and on the first section page of each part (quiz,
# timeline, prompts, tables); English is crawled on every page.
SECTIONS_CRAWLED = {"book/part1/actors.html", "book/part2/nuclear-order.html"}


def crawled(site: Path, language: str) -> list[str]:
    pages = html_pages(site)
    if language == "en":
        return pages
    sections = {Course.page_url(page) for page in Course(ROOT).section_pages}
    return [rel for rel in pages if rel not in sections or rel in SECTIONS_CRAWLED]


@pytest.mark.slow  # a whole-site crawl
@pytest.mark.parametrize("language", LANGUAGE_SITES)
def test_every_page_light_and_dark_has_no_serious_violation(language, request, serve, browser, axe_source):
    """In every language: Arabic right to left, with its font, and French, as English."""
    site = request.getfixturevalue(LANGUAGE_SITES[language])
    site_url = serve(site)
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    failures, used, checked, widget_pages = [], set(), 0, 0
    try:
        for rel in crawled(site, language):
            if redirect_target(site, rel):
                continue  # the root index.html only redirects (valid HTML, checked by the validator)
            page.goto(site_url + rel, wait_until="load")
            widget_pages += bool(wait_mounted(page))
            for mode in ("light", "dark"):
                set_mode(page, mode)
                for rule, impact, node in axe(page, axe_source):
                    entry = allowed(rule, node)
                    if entry:
                        used.add(entry)
                    else:
                        failures.append(f"{rel} [{mode}] {impact} {rule}: {node['target']}  {node['html'][:160]}")
                checked += 1
    finally:
        context.close()
    assert checked >= 2 * (15 if language == "en" else 10) and widget_pages >= (8 if language == "en" else 3), \
        (checked, widget_pages)
    assert failures == [], "\n".join(failures[:40])
    assert [e for e in ALLOWED if e not in used] == [], "allow-list entries that no longer match anything"


def test_dark_preference_reaches_the_page_and_the_widgets(site_url, browser, axe_source):
    """With the theme's default 'auto' mode, the system preference alone turns a widget page dark."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site_url + "book/part1/science.html", wait_until="load")
        wait_mounted(page)
        settle(page)
        assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        assert page.evaluate(BACKGROUND_LUMINANCE) < 0.2
        quiz_text = page.evaluate("() => getComputedStyle(document.querySelector('.ck-quiz')).color")
        assert quiz_text != "rgb(31, 35, 40)", "the quiz kept its light-mode text colour"
        assert axe(page, axe_source, ".ck-widget-mount") == []
    finally:
        context.close()


# -- keyboard ------------------------------------------------------------------------------------------

SECTION = "book/part1/science.html"

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const visible = (e, pseudo) => {
    const s = getComputedStyle(e, pseudo);
    const opaque = (c) => !/rgba\\([^)]*,\\s*0\\)|transparent/.test(c);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && opaque(s.outlineColor);
    const shadow = s.boxShadow !== 'none' && s.boxShadow.split(/,(?![^(]*\\))/).some(
      (part) => opaque(part) && /[1-9][\\d.]*px/.test(part.replace(/rgba?\\([^)]*\\)/, '')));
    return outline || shadow;
  };
  window.__ckReached = window.__ckReached || new Set();
  window.__ckReached.add(el);
  const mount = el.closest('.ck-widget-mount');
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
    label: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 60),
    widget: mount ? mount.dataset.module : '', inMain: !!el.closest('main'), inArticle: !!el.closest('article'),
    skip: el.classList.contains('skip-link') || /skip to main/i.test(el.textContent || ''),
    focusVisible: el.matches(':focus-visible'),
    ring: visible(el) || visible(el, '::after') || visible(el, '::before') || [...el.children].some((c) => visible(c)),
  };
}"""

# Every control a keyboard user must be able to reach in a widget, at the start of the walk: tabbable,
# enabled and visible; a radio group is one Tab stop, so it counts once (by name).
UNREACHED = """(module) => {
  const reached = window.__ckReached || new Set();
  const groups = new Map();
  const missing = [];
  for (const el of document.querySelectorAll(`.ck-widget-mount[data-module="${module}"] .ck-live :is(a[href], button, input, select, textarea, [tabindex])`)) {
    if (el.tabIndex < 0 || el.disabled || !el.checkVisibility()) continue;
    if (el.type === 'radio') {
      groups.set(el.name, (groups.get(el.name) || false) || reached.has(el));
      continue;
    }
    if (!reached.has(el)) missing.push(el.outerHTML.slice(0, 120));
  }
  for (const [name, ok] of groups) if (!ok) missing.push(`radio group ${name}`);
  return missing;
}"""


@pytest.mark.slow  # tabs through every stop of a whole section page
def test_keyboard_only_walkthrough_of_a_section_page(site, site_url, watched, axe_source):
    page = watched.page
    quiz = quizzes((site / SECTION).read_text(encoding="utf-8"))[0]
    page.goto(site_url + SECTION, wait_until="load")
    assert wait_mounted(page) >= 2
    settle(page)

    # The first Tab stop is the skip link; following it puts the next Tab stop inside <main>.
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert first and first["skip"], first
    assert first["ring"], "the skip link shows no focus ring"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["inMain"]

    # Now the whole page from the top, Tab by Tab. Each stop must show its focus.
    page.evaluate("() => { window.__ckReached = new Set(); document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.goto(site_url + SECTION, wait_until="load")
    wait_mounted(page)
    page.evaluate("() => { window.__ckReached = new Set(); }")
    missing_quiz = page.evaluate(UNREACHED, "quiz")  # everything, before the walk
    missing_timeline = page.evaluate(UNREACHED, "timeline")
    assert missing_quiz and missing_timeline  # sanity: there is something to reach
    stops, invisible, answered, opened = [], [], False, False
    item, data = drawn(page, quiz, ("single_choice", "true_false"))   # this learner's draw: its first such item
    # choices are shown in this learner's own order: how many arrow presses reach the right one
    shown = item.locator("input[type=radio]").evaluate_all("els => els.map(e => e.value)")
    right = shown.index(str(data["correct"][0]) if data["type"] == "single_choice" else str(data["answer"]).lower())
    for _ in range(400):
        page.keyboard.press("Tab")
        settle(page)
        stop = page.evaluate(FOCUS)
        if stop is None:  # past the last stop: focus left the document
            break
        stops.append(stop)
        if not (stop["focusVisible"] and stop["ring"]):
            invisible.append(stop)
        if stop["skip"] and len(stops) > 1:
            break  # wrapped around
        if not answered and stop["type"] == "radio" and item.locator("input[type=radio]").first.evaluate(
                "el => el === document.activeElement"):
            for _ in range(right):  # arrow keys move and select within the group
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
            page.keyboard.press("Tab")
            settle(page)
            check = page.evaluate(FOCUS)
            stops.append(check)
            assert check["label"] == "Check" and check["focusVisible"] and check["ring"], check
            page.keyboard.press("Enter")
            status = item.locator(".ck-status")
            assert "Correct" in status.inner_text(), status.inner_text()
            answered = True
        if not opened and stop["widget"] == "timeline" and page.evaluate(
                "() => document.activeElement.matches('.ck-tl-marker[data-id]')"):
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.activeElement.closest('.ck-timeline') && "
                                   "document.querySelector('.ck-tl-marker[aria-expanded=true]')")
            opened = True
    assert stops and stops[0]["skip"]
    assert any(s["inArticle"] for s in stops), "Tab never reached the main content"
    assert answered, "never reached the single-choice question by Tab"
    assert opened, "never reached a timeline event by Tab"
    assert {s["widget"] for s in stops} >= {"quiz", "timeline"}
    assert page.evaluate(UNREACHED, "timeline") == [], "timeline controls Tab never reached"
    assert page.evaluate(UNREACHED, "quiz") == [], "quiz controls Tab never reached"
    assert invisible == [], f"{len(invisible)} of {len(stops)} Tab stops show no focus: {invisible[:5]}"

    # The widgets in the state the walk left them (feedback shown, an event open), light and dark.
    for mode in ("light", "dark"):
        set_mode(page, mode)
        found = axe(page, axe_source, ".ck-widget-mount")
        assert found == [], "\n".join(f"[{mode}] {rule} {node['target']}: {node['why']}" for rule, _, node in found)
    assert watched.problems == []
