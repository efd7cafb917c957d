"""The My progress page: summary of saved quiz progress, export as JSON and CSV, reset, bad data."""
from __future__ import annotations

import csv
import io
import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import attempt_total, choice, drawn, quizzes, reach_widgets

pytestmark = pytest.mark.browser
SECTION = "book/part1/actors.html"
PROGRESS = "book/progress.html"


@pytest.fixture
def answered(watched, site, site_url):
    """One right answer on the first section's quiz, then the progress page."""
    quiz = quizzes((site / SECTION).read_text(encoding="utf-8"))[0]
    page = watched.page
    page.goto(site_url + SECTION)
    reach_widgets(page)
    box, item = drawn(page, quiz, "single_choice")
    choice(box, item, item["correct"][0]).check()
    box.get_by_role("button", name="Check").click()
    page.goto(site_url + PROGRESS)
    page.wait_for_selector(".ck-progress-actions button:not([hidden])")
    return watched, quiz


def test_summary_shows_the_answer_and_totals(answered):
    watched, quiz = answered
    row = watched.page.locator(f'tr[data-quiz="{quiz["id"]}"]')
    total = attempt_total(quiz)
    assert row.locator(".ck-answered").inner_text() == f"1 / {total}"
    assert row.locator(".ck-points").inner_text() == f"1 / {total}"
    assert watched.page.locator(".ck-total-answered").inner_text().startswith("1 / ")
    assert watched.problems == []


def test_export_json_and_csv(answered):
    watched, quiz = answered
    page = watched.page
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress (JSON)").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    mine = next(q for q in data["quizzes"] if q["id"] == quiz["id"])
    assert (mine["answered"], mine["score"], mine["total"]) == (1, 1, attempt_total(quiz))
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert {r["quiz_id"] for r in rows} == {q["id"] for q in data["quizzes"]}
    assert next(r for r in rows if r["quiz_id"] == quiz["id"])["answered"] == "1"
    expect(page.locator(".ck-progress-status")).to_contain_text("progress.csv")


def test_reset_all_after_confirmation(answered):
    watched, quiz = answered
    page = watched.page
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset all progress").click()
    assert page.locator(f'tr[data-quiz="{quiz["id"]}"] .ck-answered').inner_text() == "not started"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('coursekit:v1:quiz:')).length") == 0


def test_unreadable_saved_data_is_reset_with_a_notice(answered):
    watched, quiz = answered
    page = watched.page
    page.evaluate(f"localStorage.setItem('coursekit:v1:quiz:{quiz['id']}', '[broken')")
    page.reload()
    page.wait_for_selector(".ck-progress-actions button:not([hidden])")
    expect(page.locator(".ck-progress-status")).to_contain_text("could not be read")
    assert page.locator(f'tr[data-quiz="{quiz["id"]}"] .ck-answered').inner_text() == "not started"


def test_bad_entries_are_left_out_with_a_notice_and_the_rest_counted(answered):
    """A null entry, a text score, an unknown id and __proto__: none breaks the totals or is counted."""
    watched, quiz = answered
    page = watched.page
    key = f"coursekit:v1:quiz:{quiz['id']}"
    data = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    (good_id, good), = data["answers"].items()
    others = [i["id"] for i in quiz["items"] if i["id"] != good_id]
    data["answers"][others[0]] = None
    data["answers"][others[1]] = {**good, "score": "1"}
    data["answers"]["not-an-item"] = good
    text = json.dumps(data).replace('"answers": {', '"answers": {"__proto__": ' + json.dumps(good) + ", ", 1)
    page.evaluate("([k, t]) => localStorage.setItem(k, t)", [key, text])
    page.reload()
    page.wait_for_selector(".ck-progress-actions button:not([hidden])")
    total = attempt_total(quiz)
    row = page.locator(f'tr[data-quiz="{quiz["id"]}"]')
    assert row.locator(".ck-answered").inner_text() == f"1 / {total}"
    assert row.locator(".ck-points").inner_text() == f"1 / {total}"
    assert page.locator(".ck-total-points").inner_text().startswith("1 / ")
    expect(page.locator(".ck-progress-status")).to_contain_text("2 saved answer(s) could not be read")
    assert watched.problems == []


LAYOUT_SHIFTS = """window.ckShifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.ckShifts.push(e.value); })
  .observe({ type: "layout-shift", buffered: true });"""


def test_the_page_does_not_jump_when_the_saved_progress_arrives_on_a_slow_phone(browser, site_url):
    """On a slow phone the page paints before progress.js has read the saved progress: the overview it then
    fills keeps its place, so the tables under it do not jump down (Lighthouse measured CLS 0.077)."""
    import time

    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)

    def late(route):
        time.sleep(0.6)   # the script arrives after the first paint, as on a slow connection
        route.continue_()

    page.route("**/coursekit/progress.js*", late)
    page.goto(site_url + PROGRESS)
    page.wait_for_selector(".ck-overview:not([hidden])")
    page.wait_for_timeout(300)
    shifted = page.evaluate("window.ckShifts.reduce((a, b) => a + b, 0)")
    context.close()
    assert shifted <= 0.02, f"cumulative layout shift {shifted:.3f}"


def test_a_full_storage_keeps_the_saved_progress_shown_and_says_nothing_new_will_be_kept(answered):
    """A student's browser runs out of storage after they answered: the answer is still counted, the page says
    a name or an import would not be kept, and nothing on the page throws (the theme's colour mode included)."""
    watched, quiz = answered
    page = watched.page
    page.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    page.reload()
    row = page.locator(f'tr[data-quiz="{quiz["id"]}"]')
    expect(row.locator(".ck-answered")).to_have_text(f"1 / {attempt_total(quiz)}")
    expect(page.locator(".ck-progress-status")).to_contain_text("not letting the page save")
    page.locator(".ck-learner-name").fill("Amina")
    expect(page.locator(".ck-progress-status")).to_contain_text("will not be kept")
    assert watched.problems == []


def test_two_progress_tabs_do_not_wake_each_other_without_end(answered):
    """Each My progress tab re-renders on the other tabs' storage events; its own check that it can still
    save must not become one of them, or two open tabs would keep each other busy for ever."""
    watched, _quiz = answered
    first = watched.page
    first.evaluate("window.__storageEvents = 0; addEventListener('storage', () => { window.__storageEvents += 1; })")
    second = first.context.new_page()
    second.goto(first.url)
    second.wait_for_selector(".ck-progress-actions button:not([hidden])")
    first.wait_for_timeout(1500)
    assert first.evaluate("window.__storageEvents") <= 8   # the second page's own start; without end: thousands
    second.close()
