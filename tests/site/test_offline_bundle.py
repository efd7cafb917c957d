"""The offline bundle: course-offline.zip, linked from the introduction, works from disk and from any
static server, with no network.

The zip is unpacked into a temporary folder; Chromium then opens its index.html from file:// and,
separately, from a fresh http.server on the same folder. In both it follows the navigation to a section
page, answers a quiz question and opens a timeline event. Every request is recorded: anything that is
not file:// (or the local server) fails, and so does any console error or warning.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.browser.helpers import drawn, choice, quizzes
from tests.site.helpers import html_pages, wait_mounted

BUNDLE = "course-offline.zip"
FOLDER = "course-offline"
SECTION = "book/part1/science.html"
SECTION_TITLE = "Science and technology partnerships"


@pytest.fixture(scope="module")
def unpacked(site, tmp_path_factory) -> Path:
    archive = site / BUNDLE
    assert archive.exists(), "the build wrote no course-offline.zip"
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert all(n.startswith(FOLDER + "/") for n in names), "everything sits in one top folder"
        assert not any(n.endswith(".zip") for n in names), "the bundle does not contain itself"
        bundle.extractall(dest)
    return dest / FOLDER


def test_the_bundle_holds_the_whole_site(site, unpacked):
    built = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != BUNDLE
             and not p.name.startswith(BUNDLE + ".")}
    packed = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert packed == built
    assert html_pages(unpacked) == html_pages(site)


def test_the_introduction_links_the_bundle(site):
    intro = (site / "book" / "intro.html").read_text(encoding="utf-8")
    link = re.search(r'<a[^>]*href="([^"]*course-offline\.zip)"[^>]*>([^<]*)</a>', intro)
    assert link and link.group(2).strip() == "Download the whole course for offline use"
    assert ((site / "book" / link.group(1)).resolve()) == (site / BUNDLE).resolve()


def walk(watched, start: str, local: str) -> None:
    """From the root index: to a section page by its navigation link, answer a question, open an event."""
    page = watched.page
    missing = []
    page.on("response", lambda r: r.status >= 400 and missing.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")  # cancelled by navigation
            and missing.append(f"failed {r.url} {r.failure}"))
    page.goto(start + "index.html", wait_until="load")
    page.wait_for_url(re.compile(r"book/intro\.html$"))  # the root redirect
    page.locator(".bd-sidenav a", has_text="Part I").first.click()
    page.wait_for_url(re.compile(r"book/part1/index\.html$"))
    page.locator(".bd-sidenav a", has_text=SECTION_TITLE).first.click()
    page.wait_for_url(re.compile(re.escape(SECTION) + "$"))
    assert wait_mounted(page) >= 2

    quiz = quizzes(page.content())[0]
    box, item = drawn(page, quiz, "single_choice")
    choice(box, item, item["correct"][0]).check()
    box.get_by_role("button", name="Check").click()
    assert "Correct" in box.locator(".ck-status").inner_text()
    assert "Score:" in page.locator(".ck-score").first.inner_text()

    marker = page.locator(".ck-timeline .ck-tl-marker[data-id]").first
    marker.click()
    page.wait_for_function("el => el.getAttribute('aria-expanded') === 'true'", arg=marker.element_handle())
    details = page.locator(".ck-timeline .ck-tl-details").first
    assert details.is_visible() and details.inner_text().strip()

    foreign = [u for u in watched.requests if not u.startswith((local, "data:", "blob:"))]
    assert foreign == []
    assert missing == []
    assert watched.problems == []


@pytest.mark.browser
def test_the_bundle_works_from_file_urls(unpacked, watched):
    start = unpacked.as_uri() + "/"
    walk(watched, start, "file://")


@pytest.mark.browser
def test_the_bundle_works_from_a_plain_static_server(unpacked, serve, watched):
    start = serve(unpacked)
    walk(watched, start, start)
