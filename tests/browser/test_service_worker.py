"""Offline after one visit, on a phone (390 x 844, taps): the service worker and the app manifest.

A copy of the built book is served on 127.0.0.1 like a static host (gzip, ``max-age=600``, so a worker
that let the HTTP cache answer would keep files of an older build). The learner opens one page and answers
a question; once the worker is active and its cache holds every file of the build, the server is shut
down and the browser set offline, and every other page of the book is opened: each renders, its quiz
answers, its timeline opens an event on a tap, and the My progress page still counts every answer. Then
the server comes back with a changed page and a rewritten worker (what a new build writes): the next
visit still shows the old build from the cache, the one after shows the new build, and the old cache is
gone. The Arabic and French editions, each with its own worker, open offline after one visit to each. A
separate test asks Chromium whether the course can be installed to the home screen.
"""
from __future__ import annotations

import functools
import html as html_lib
import http.server
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from coursekit.sphinxext.offline import build_version, precache_files, write_worker
from coursekit.multilingual import course_languages
from support.browser import CHROMIUM_FLAGS, chromium_path
from support.server import StaticHost
from tests.browser.helpers import answer_anything, drawn_ids, reach_widgets, right_input, saved_state
from tests.conftest import ROOT
from tests.site.helpers import html_pages, redirect_target

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
FIRST = "book/part1/science.html"
PROGRESS = "book/progress.html"
CHANGED = "book/intro.html"
OTHER_EDITIONS = frozenset(course_languages(ROOT / "_config.yml")[1:])   # each with a worker of its own
CACHE_STATE = """async () => {
  const names = (await caches.keys()).filter((n) => n.startsWith("coursekit "));
  const sizes = await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).length));
  return { names, sizes, controlled: !!navigator.serviceWorker.controller };
}"""


class Host:
    """A static host for ``folder`` on a fixed loopback port, which can be stopped and started again
    (a service worker belongs to its origin, so the second server must have the first one's port)."""

    def __init__(self, folder: Path):
        self.handler = functools.partial(StaticHost, directory=str(folder))
        self.port = 0
        self.server = None
        self.start()
        self.base = f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self.handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def copy(site, tmp_path) -> Path:
    """The built book, copied: this test rewrites a page and the worker."""
    target = tmp_path / "html"
    shutil.copytree(site, target, ignore=shutil.ignore_patterns("course-offline.zip*"))
    return target


@pytest.fixture
def host(copy):
    server = Host(copy)
    yield server
    server.stop()


def wait_for_build(page, version: str, files: int, seconds: float = 120) -> None:
    """Until this build's cache is the only one, holds every file, and its worker controls the page.
    (Polled from here: wait_for_function takes a returned promise for a truthy answer.)"""
    deadline = time.monotonic() + seconds
    while True:
        state = page.evaluate(CACHE_STATE)
        if (len(state["names"]) == 1 and state["names"][0].endswith(" " + version) and state["sizes"] == [files]
                and state["controlled"]):
            return
        assert time.monotonic() < deadline, f"the build {version} of {files} files is not installed: {state}"
        page.wait_for_timeout(250)


def answer(page, html: str) -> set[str]:
    """Answer every quiz of the page, one item each, by taps: right when this learner's draw shows a
    choice or true/false item, else its first item with some answer; return the quizzes' ids."""
    answered = set()
    reach_widgets(page)   # the reader scrolls down to them
    for model_id, model in saved_state(html).items():
        if model["state"].get("_module") != "quiz":
            continue
        quiz, scope = model["state"]["quiz"], f'.ck-widget-mount[data-model-id="{model_id}"] .ck-quiz'
        page.locator(scope + " .ck-item").first.wait_for()
        by_id = {item["id"]: item for item in quiz["items"]}
        shown = [by_id[item_id] for item_id in drawn_ids(page, scope)]
        item = next((i for i in shown if i["type"] in ("single_choice", "true_false")), None)
        box = page.locator(f'{scope} .ck-item[data-item="{(item or shown[0])["id"]}"]')
        if item:
            right_input(box, item).tap()
            box.get_by_role("button", name="Check").tap()
        else:
            answer_anything(box)
        expected = "Correct" if item else "Correct|Not quite|Partly"
        page.wait_for_function(f"el => /{expected}/.test(el.textContent)", arg=box.locator(".ck-status").element_handle())
        answered.add(quiz["id"])
    return answered


def open_event(page) -> bool:
    """Tap the first marker of the page's first timeline; False on a page without one."""
    if not page.locator(".ck-timeline").count():
        return False
    marker = page.locator(".ck-timeline .ck-tl-marker[data-id]").first
    marker.tap()
    page.wait_for_function("el => el.getAttribute('aria-expanded') === 'true'", arg=marker.element_handle())
    details = page.locator(".ck-timeline .ck-tl-details").first
    assert details.is_visible() and details.inner_text().strip()
    return True


@pytest.mark.slow  # opens every page of the book
def test_after_one_visit_every_page_works_offline_and_a_new_build_comes_on_the_next_visit(browser, copy, host):
    files = precache_files(copy, OTHER_EDITIONS)   # the root edition's worker: its own files, not ar/ and fr/
    version = build_version(copy, files)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    failed = []
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "") and failed.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))

    page.goto(host.base + FIRST, wait_until="load")
    answered = answer(page, (copy / FIRST).read_text(encoding="utf-8"))
    wait_for_build(page, version, len(files))

    host.stop()
    context.set_offline(True)
    timelines, errors = 0, {}
    for rel in html_pages(copy):
        if rel == FIRST:
            continue
        target = redirect_target(copy, rel) or rel
        response = page.goto(host.base + rel, wait_until="load")
        if target != rel:
            page.wait_for_url(host.base + target, wait_until="load")
        html = (copy / target).read_text(encoding="utf-8")
        title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
        if response is None or response.status != 200 or page.title().strip() != title:
            errors[rel] = f"{response and response.status} {page.title()!r}"
            continue
        answered |= answer(page, html)
        timelines += open_event(page)
    assert errors == {} and failed == []
    assert len(answered) >= 5 and timelines >= 5, (answered, timelines)   # the book's section pages were opened

    page.goto(host.base + PROGRESS, wait_until="load")   # saved progress: every answer, online and offline, is kept
    page.locator("tr[data-quiz] .ck-answered").first.wait_for()
    listed = page.locator("tr[data-quiz]").evaluate_all("rows => rows.map((r) => r.dataset.quiz)")
    assert listed and set(listed) <= answered, set(listed) - answered
    for quiz_id in listed:
        assert page.locator(f'tr[data-quiz="{quiz_id}"] .ck-answered').inner_text().startswith("1 / "), quiz_id
    page.goto(host.base + FIRST, wait_until="load")   # and the first page shows its answer again
    reach_widgets(page)
    assert page.locator(".ck-quiz .ck-status:not(:empty)").count() >= 1
    assert failed == []

    # A new build: one page changed, the worker rewritten from the folder as the build writes it.
    changed = (copy / CHANGED).read_text(encoding="utf-8").replace("</h1>", "</h1><p id=\"new-build\">New build</p>", 1)
    (copy / CHANGED).write_text(changed, encoding="utf-8")
    new_version = write_worker(copy, OTHER_EDITIONS)
    assert new_version != version
    context.set_offline(False)
    host.start()
    page.goto(host.base + CHANGED, wait_until="load")
    assert page.locator("#new-build").count() == 0   # cache first: this visit is still the old build, whole
    wait_for_build(page, new_version, len(files))     # meanwhile the new build was installed whole; the old cache is gone
    page.goto(host.base + CHANGED, wait_until="load")
    assert page.locator("#new-build").inner_text() == "New build"
    context.close()


# Counts the page's calls of navigator.serviceWorker.register, before any script of the page runs.
COUNT_REGISTERS = """window.registered = 0;
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => { window.registered += 1; return register(...args); };
}"""


def test_the_course_can_be_installed_to_the_home_screen(browser, site, site_url, tmp_path):
    """Chromium's own installability check (what Lighthouse's installable audit reads) on the first page,
    in a browser profile of its own (Chromium installs nothing from an incognito context, as Playwright's are)."""
    context = browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), executable_path=chromium_path(),
                                                             args=CHROMIUM_FLAGS, **PHONE)
    context.add_init_script(COUNT_REGISTERS)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(site_url + "book/intro.html", wait_until="load")
    assert page.evaluate("""() => Promise.race([navigator.serviceWorker.ready.then((r) => !!r.active),
                                                new Promise((r) => setTimeout(() => r(false), 60000))])""")
    assert page.evaluate("window.registered") == 1
    session = context.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"] == site_url + "manifest.webmanifest"
    assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    context.close()


def test_no_worker_is_registered_from_file_urls(browser, site):
    """file:// runs no service worker: the page must not try (and so logs nothing about it)."""
    context = browser.new_context()
    context.add_init_script(COUNT_REGISTERS)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append((m.type, m.text)))
    page.goto((site / "book" / "intro.html").as_uri(), wait_until="load")
    assert page.evaluate("() => [...document.scripts].some((s) => s.src && new URL(s.src).pathname.endsWith('/offline.js'))")
    page.evaluate("() => new Promise((r) => setTimeout(r, 200))")   # past the load event the script waits for
    assert page.evaluate("window.registered") == 0
    assert [c for c in console if c[0] in ("error", "warning")] == []
    context.close()


COLOURS = {"light": "#ffffff", "dark": "#14181e"}   # the theme's page background in each mode


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_window_colour_follows_the_themes_mode(browser, site_url, scheme):
    """A phone in dark mode gets the dark page background as its browser (and installed app) colour;
    switching the theme's mode on the page switches it too."""
    context = browser.new_context(color_scheme=scheme, **PHONE)
    page = context.new_page()
    page.goto(site_url + "book/intro.html", wait_until="load")
    meta = page.locator('meta[name="theme-color"]')
    assert meta.count() == 1
    page.wait_for_function("c => document.querySelector('meta[name=theme-color]').content === c", arg=COLOURS[scheme])
    other = "light" if scheme == "dark" else "dark"
    page.evaluate("m => { document.documentElement.dataset.theme = m; }", other)   # what the theme's switch sets
    page.wait_for_function("c => document.querySelector('meta[name=theme-color]').content === c", arg=COLOURS[other])
    context.close()


# The caches of one edition's worker: their names carry the worker's scope (static/sw.js).
EDITION_CACHES = """async (scope) => {
  const names = (await caches.keys()).filter((n) => n.startsWith("coursekit " + scope + " "));
  const sizes = await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).length));
  return { names, sizes, controlled: !!navigator.serviceWorker.controller,
           scope: navigator.serviceWorker.controller && (await navigator.serviceWorker.getRegistration()).scope };
}"""


@pytest.mark.slow  # installs two editions' workers
def test_an_arabic_and_a_french_page_work_offline_after_one_visit_to_each_edition(browser, copy, host):
    """Each language edition has its own worker over its folder: one visit to an Arabic page and one to a
    French page keep both editions, and with the server stopped other pages of each open, their quizzes mounted."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    for language in ("ar", "fr"):
        files = precache_files(copy / language)
        version = build_version(copy / language, files)
        page.goto(host.base + f"{language}/{FIRST}", wait_until="load")
        deadline = time.monotonic() + 120
        while True:
            state = page.evaluate(EDITION_CACHES, host.base + f"{language}/")
            if state["names"] == [f"coursekit {host.base}{language}/ {version}"] and state["sizes"] == [len(files)] \
                    and state["scope"] == host.base + f"{language}/":
                break
            assert time.monotonic() < deadline, state
            page.wait_for_timeout(250)
    host.stop()
    context.set_offline(True)
    for language in ("ar", "fr"):
        for rel in (f"{language}/book/intro.html", f"{language}/book/part2/nonproliferation.html"):
            html = (copy / rel).read_text(encoding="utf-8")
            response = page.goto(host.base + rel, wait_until="load")
            assert response is not None and response.status == 200, rel
            assert page.evaluate("document.documentElement.lang") == language
            title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
            assert page.title().strip() == title
            if "ck-widget-mount" in html:   # its quiz mounted from the cached module, in the edition's language
                reach_widgets(page)
                check = {"ar": "تحقّق", "fr": "Vérifier"}[language]
                assert page.locator(".ck-quiz").first.get_by_role("button", name=check).count() >= 1, rel
    context.close()
