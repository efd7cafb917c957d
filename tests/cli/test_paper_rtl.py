"""`coursekit paper` in Arabic: a right-to-left paper (html dir, mirrored page numbers) whose PDF, read back with
pdftotext, keeps the Arabic text in logical order; the English paper keeps its numbers on the right."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit import strings
from coursekit.cli import main
from coursekit.papers import html
from coursekit.strings import t

ROOT = Path(__file__).resolve().parents[2]
BIDI_AND_SPACE = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printed(folder: Path, language: str) -> Path:
    if not (shutil.which("chromium") and shutil.which("pdftotext")):
        pytest.fail("Debian's chromium and poppler-utils are needed (./test installs them)")
    strings.use(language)
    try:
        assert main(["paper", "part1/science", "--output", str(folder), "--root", str(ROOT)]) == 0
    finally:
        strings.use("en")
    return folder / "part1-science-A.pdf"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    return printed(tmp_path_factory.mktemp("paper-ar"), "ar")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return printed(tmp_path_factory.mktemp("paper-en"), "en")


def page_numbers(pdf: Path) -> list[tuple[float, float]]:
    """(left edge / page width, right edge / page width) of the page-number line at the foot of each page."""
    box = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for page in re.findall(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", box, re.S):
        width, height, words = float(page[0]), float(page[1]), page[2]
        foot = [(float(a), float(c)) for a, b, c, text in
                re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', words)
                if float(b) > height * 0.95 and re.fullmatch(r"\d+|/", text)]
        assert foot, "a page without its number"
        found.append((min(a for a, _ in foot) / width, max(c for _, c in foot) / width))
    return found


def test_the_arabic_paper_is_right_to_left():
    strings.use("ar")
    try:
        page = html._page("عنوان", "<p>نص</p>")
    finally:
        strings.use("en")
    assert page.startswith('<!DOCTYPE html><html lang="ar" dir="rtl">')
    assert "@bottom-left" in page and "@bottom-right" not in page
    assert 'dir="ltr"' in html._page("Title", "<p>Text</p>")


def test_arabic_text_comes_back_in_logical_order(arabic):
    text = BIDI_AND_SPACE.sub("", subprocess.run(["pdftotext", str(arabic), "-"], capture_output=True, text=True,
                                                 check=True).stdout)
    strings.use("ar")
    try:
        expected = [t("handout.name"), t("handout.date"), t("paper.version", version="A")]
    finally:
        strings.use("en")
    arabic_words = [w.strip(":") for words in expected for w in words.split() if re.search("[\u0600-\u06ff]", w)]
    assert len(arabic_words) >= 3
    for word in arabic_words:   # "الاسم" must not come back as "االسم" (a lam-alef ligature reversed)
        assert word in text, word


def test_page_numbers_sit_in_the_outer_corner_of_each_direction(arabic, english):
    assert all(right < 0.5 for _, right in page_numbers(arabic))   # the left: where an Arabic page ends
    assert all(left > 0.5 for left, _ in page_numbers(english))
