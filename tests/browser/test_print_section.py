"""A section page printed from the browser shows no empty "Answers" heading under its quiz.

The quiz's no-JavaScript fallback keeps its answers in a closed <details>; printed, that was the summary
alone. Chromium prints the built page (print media, as Ctrl+P does) and pdftotext reads the PDF back.
"""
from __future__ import annotations

import shutil
import subprocess

from tests.browser.helpers import reach_widgets
import pytest

pytestmark = pytest.mark.browser
PAGE = "book/part1/science.html"


def test_printed_section_page_has_no_empty_answers_heading(watched, site, site_url, tmp_path):
    tool = shutil.which("pdftotext")
    if not tool:
        pytest.fail("pdftotext is needed (./test installs poppler-utils)")
    page = watched.page
    page.goto(site_url + PAGE)
    reach_widgets(page)
    page.wait_for_selector(".ck-quiz")
    assert page.locator(".ck-quiz-fallback > details > summary").count() >= 1   # the markup is there
    page.emulate_media(media="print")
    target = tmp_path / "section.pdf"
    page.pdf(path=str(target))
    text = subprocess.run([tool, "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert "Answers" not in lines
    quiz_title = page.locator(".ck-quiz-fallback .ck-fallback-title").first.inner_text().strip()
    assert quiz_title.split(":")[0] in " ".join(lines)                          # the fallback itself prints
