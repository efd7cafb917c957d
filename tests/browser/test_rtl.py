"""The Arabic site on a phone (390x844, touch, taps) and on a laptop: everything mirrors as a reader of a
right-to-left page expects. The site comes from ``arabic_site`` (support/languages.py).

- the menu slides in from the right, the page contents from the left; on a laptop the site navigation is
  the right column and the page contents the left one;
- quiz: a choice's box sits on its label's right, an ordering entry's move buttons at its left end, a
  matching row's arrow at its left; a tapped Check marks the item with a bar on its right edge; a year typed
  in Arabic-Indic digits is right;
- timeline: the earliest event is right of the latest, the years grow leftwards, and ArrowLeft moves to the
  marker visually on the left (the later event), ArrowRight back (the decision is documented in
  widgets/timeline/90-render.js and here: the arrows follow what the reader sees);
- "mark as read" and My progress say the date as Intl writes it in Arabic, the progress bar fills from the
  right;
- the Arabic font comes from the site itself; an English page with no Arabic letter never asks for it;
  nothing loads from another host and nothing is logged as an error.
"""
from __future__ import annotations

import pytest

from coursekit import strings
from tests.browser.helpers import drawn, quizzes, reach_widgets

pytestmark = pytest.mark.browser
SECTION = "book/part1/actors.html"
PROGRESS = "book/progress.html"
AR = strings.catalog("ar")
BOX = "(el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, width: r.width }; }"


@pytest.fixture(scope="module")
def arabic_url(arabic_site, serve) -> str:
    return serve(arabic_site)


class Reader:
    """A page in a context of its own, with what it asked for off the site and what it logged as an error."""

    def __init__(self, context, base: str):
        self.context, self.base = context, base
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(m.text))

    def open(self, rel: str):
        self.page.goto(self.base + rel, wait_until="load")
        reach_widgets(self.page)
        return self.page

    def off_site(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.base, "data:", "blob:"))]


@pytest.fixture
def phone(browser, arabic_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    reader = Reader(context, arabic_url)
    yield reader
    context.close()


def box(locator) -> dict:
    return locator.evaluate(BOX)


def test_the_phone_menu_opens_from_the_right_and_the_contents_from_the_left(phone):
    page = phone.open(SECTION)
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    for side, edge in (("primary", "right"), ("secondary", "left")):
        page.locator(f".bd-header-article .{side}-toggle").tap()
        page.wait_for_function(f"() => document.querySelector('#pst-{side}-sidebar-modal').open")
        page.wait_for_timeout(400)   # the slide-in
        drawer = box(page.locator(f"#pst-{side}-sidebar-modal"))
        if edge == "right":
            assert abs(drawer["right"] - 390) < 1 and drawer["left"] > 0, drawer
        else:
            assert abs(drawer["left"]) < 1 and drawer["right"] < 390, drawer
        page.locator(f"#pst-{side}-sidebar-modal .ck-sidebar-close").tap()
        page.wait_for_function(f"() => !document.querySelector('#pst-{side}-sidebar-modal').open")
    assert phone.off_site() == [] and phone.problems == []


def test_on_a_laptop_the_navigation_is_on_the_right_and_the_contents_on_the_left(browser, arabic_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = Reader(context, arabic_url).open(SECTION)
        article = box(page.locator(".bd-article"))
        assert box(page.locator(".bd-sidebar-primary"))["left"] >= article["right"] - 1
        assert box(page.locator(".bd-sidebar-secondary"))["right"] <= article["left"] + 1
        stripe = page.locator(".admonition").first.evaluate(
            "(el) => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]")
        assert float(stripe[0].removesuffix("px")) > 2 and stripe[1] == "0px"   # the accent at the start
    finally:
        context.close()


def test_a_choice_box_sits_on_its_labels_right_and_check_marks_the_right_edge(phone, arabic_site):
    page = phone.open(SECTION)
    quiz = quizzes((arabic_site / SECTION).read_text(encoding="utf-8"))[0]
    item_box, _ = drawn(page, quiz, ("single_choice", "multiple_select", "true_false"))
    item_box.scroll_into_view_if_needed()
    first = item_box.locator(".ck-choice").first
    choice_input, label = box(first.locator("input")), box(first.locator("label"))
    assert choice_input["left"] >= label["right"] - 1, (choice_input, label)   # the box on its label's right
    first.locator("input").tap()
    item_box.get_by_role("button", name=AR["quiz.check"], exact=True).tap()
    item_box.locator(".ck-status").wait_for()
    bar = item_box.evaluate("(el) => [el.dataset.state, getComputedStyle(el).borderRightWidth]")
    assert bar[0] and float(bar[1].removesuffix("px")) >= 4, bar   # right, wrong or partial: marked at the start
    assert phone.off_site() == [] and phone.problems == []


def test_ordering_buttons_sit_at_the_left_end_and_move_entries(phone, arabic_site):
    page = phone.open(SECTION)
    quiz = quizzes((arabic_site / SECTION).read_text(encoding="utf-8"))[0]
    order_box, _ = drawn(page, quiz, "ordering")
    order_box.scroll_into_view_if_needed()
    entries = order_box.locator(".ck-order-entry")
    before = entries.evaluate_all("els => els.map((e) => e.dataset.entry)")
    row = entries.first
    assert box(row.locator(".ck-move-buttons"))["right"] <= box(row.locator(".ck-drag"))["left"] + 1
    # the list is indented at its start (the right) only: a student saw it padded on both sides, its text
    # squeezed into 98 px of a 390 px phone and wrapped to nine lines
    item_box, entry = box(order_box), box(row)
    assert entry["left"] - item_box["left"] <= 2 and entry["right"] < item_box["right"], (item_box, entry)
    assert all(b["right"] <= item_box["right"] + 1 and b["left"] >= item_box["left"] - 1
               for b in row.locator("button.ck-move").evaluate_all(f"els => els.map({BOX})"))
    row.locator("button.ck-move").nth(1).tap()   # down: the first entry moves to second place
    after = entries.evaluate_all("els => els.map((e) => e.dataset.entry)")
    assert after[:2] == [before[1], before[0]], (before, after)


def test_matching_rows_put_their_arrow_at_the_left_end(phone, arabic_site):
    page = phone.open(SECTION)
    quiz = quizzes((arabic_site / SECTION).read_text(encoding="utf-8"))[0]
    match_box, _ = drawn(page, quiz, "matching")
    match_box.scroll_into_view_if_needed()
    select = match_box.locator(".ck-select").first
    arrow, whole = box(select.locator(".ck-select-arrow")), box(select)
    assert arrow["right"] < whole["left"] + whole["width"] / 2, (arrow, whole)   # the arrow at the end: the left
    assert phone.off_site() == [] and phone.problems == []


def test_a_year_typed_in_arabic_indic_digits_is_right(phone, arabic_site):
    page = phone.open(SECTION)
    quiz = quizzes((arabic_site / SECTION).read_text(encoding="utf-8"))[0]
    item_box, item = drawn(page, quiz, "numeric")
    item_box.scroll_into_view_if_needed()
    answer = str(int(item["answer"]))
    typed = "".join(chr(0x0660 + int(d)) for d in answer)   # e.g. ١٩٧٠
    item_box.locator("input[type=text]").fill(typed)
    item_box.get_by_role("button", name=AR["quiz.check"], exact=True).tap()
    item_box.locator(".ck-status").wait_for()
    assert item_box.get_attribute("data-state") == "ck-right"


def test_the_timeline_runs_right_to_left_and_the_arrows_follow_what_is_seen(phone):
    page = phone.open(SECTION)
    viewport = page.locator(".ck-timeline .ck-tl-viewport").first
    viewport.scroll_into_view_if_needed()
    ticks = page.locator(".ck-timeline").first.locator(".ck-tl-tick").evaluate_all(
        "els => els.map((e) => [e.getBoundingClientRect().left, Number(e.lastChild.textContent)])")
    assert len(ticks) >= 2
    years = [year for _, year in sorted(ticks, reverse=True)]   # read from the right
    assert years == sorted(years) and years[0] < years[-1], ticks
    markers = page.locator(".ck-timeline").first.locator(".ck-tl-marker")
    markers.first.tap()   # a tap selects it and opens its details
    page.keyboard.press("Home")
    earliest = box(page.locator(".ck-tl-marker:focus"))
    page.keyboard.press("End")
    latest = box(page.locator(".ck-tl-marker:focus"))
    assert earliest["left"] > latest["left"], (earliest, latest)   # earlier dates on the right
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")
    moved = box(page.locator(".ck-tl-marker:focus"))
    assert moved["left"] <= earliest["left"] and moved != earliest   # to the visually left marker: the next event
    page.keyboard.press("ArrowRight")
    assert box(page.locator(".ck-tl-marker:focus"))["left"] >= moved["left"]
    assert phone.off_site() == [] and phone.problems == []


def test_mark_as_read_and_my_progress_say_the_date_in_arabic_and_fill_from_the_right(phone):
    page = phone.open(SECTION)
    toggle = page.get_by_role("button", name=AR["read.button"])
    toggle.scroll_into_view_if_needed()
    mark = box(page.locator(".ck-read-mark"))
    assert box(toggle)["right"] >= mark["right"] - 40   # at the start of its box: the right
    toggle.tap()
    today = page.evaluate("() => new Intl.DateTimeFormat('ar', { dateStyle: 'medium' }).format(new Date())")
    page.wait_for_function("(today) => document.querySelector('.ck-read-state').textContent.includes(today)", arg=today)
    page = phone.open(PROGRESS)
    page.locator(".ck-overview").wait_for()
    bar = page.locator(".ck-course-bar")
    assert bar.evaluate("(el) => getComputedStyle(el).direction") == "rtl" and bar.evaluate("(el) => el.value") == 1
    assert today in page.locator(f'tr[data-section="part1/actors"]').inner_text()
    assert phone.off_site() == [] and phone.problems == []


def test_the_arabic_font_comes_from_the_site_and_only_where_arabic_is(phone, browser, site_url):
    page = phone.open(SECTION)
    page.evaluate("async () => { await document.fonts.ready; return true; }")
    fonts = [url for url in phone.requests if url.endswith(".woff2") and "naskh" in url]
    assert fonts and all(url.startswith(phone.base + "_static/coursekit/fonts/") for url in fonts)
    assert page.evaluate("() => document.fonts.check('16px \"Noto Naskh Arabic\"', 'عربي')")
    context = browser.new_context()
    try:
        english = Reader(context, site_url)
        english.open(SECTION).evaluate("async () => { await document.fonts.ready; return true; }")
        assert not [url for url in english.requests if "naskh" in url]   # no Arabic letter on it: no download
    finally:
        context.close()


def test_the_arabic_font_loads_from_disk_too(browser, arabic_site):
    """Opened from file:// (an unzipped offline copy), with no server: the relative font URLs still load."""
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto((arabic_site / SECTION).as_uri(), wait_until="load")
        loaded = page.evaluate("async () => { await document.fonts.ready; return [...document.fonts]"
                               ".filter((f) => f.family.includes('Naskh') && f.status === 'loaded').length; }")
        assert loaded >= 1 and errors == []
    finally:
        context.close()
