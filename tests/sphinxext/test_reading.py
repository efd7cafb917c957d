"""What the build puts on the pages for reading progress and My progress (the built course, no browser):
one "mark as read" control at the end of every section page and on no other page; My progress lists
every quiz the book shows, the timeline page's activities included, and every section page."""
from __future__ import annotations

import html as html_lib
import json
import re

from coursekit.course import Course
from coursekit.sphinxext.directives.book_quizzes import timeline_calls
from coursekit.sphinxext.reading import read_mark_html
from tests.browser.helpers import quizzes
from tests.conftest import ROOT

MARK = re.compile(r'<div class="ck-read-mark" hidden data-section="([^"]+)"')


def attribute(html: str, name: str):
    return json.loads(html_lib.unescape(re.search(rf'{name}="([^"]*)"', html).group(1)))


def test_every_section_page_and_no_other_ends_with_the_control(site):
    sections = Course(ROOT).section_pages
    assert len(sections) >= 10
    for page in Course(ROOT).pages:
        path = site / f"book/{page}.html"
        if not path.exists():
            continue   # instructor-only pages are not in the student edition
        text = path.read_text(encoding="utf-8")
        assert MARK.findall(text) == ([page] if page in sections else []), page
        if page in sections:   # after the quiz and the prompts: the end of the article
            assert text.index('class="ck-read-mark"') > text.rfind('class="ck-widget-mount')
            assert "_static/coursekit/reading.js" in text


def test_my_progress_lists_every_quiz_of_the_book_and_every_section(site):
    text = (site / "book/progress.html").read_text(encoding="utf-8")
    listed = [quiz["id"] for quiz in attribute(text, "data-quizzes")]
    shown = [quiz["id"] for page in Course(ROOT).pages if (site / f"book/{page}.html").exists()
             for quiz in quizzes((site / f"book/{page}.html").read_text(encoding="utf-8"))]
    assert sorted(listed) == sorted(shown) and len(listed) == len(set(listed))
    assert {"timeline-part1-actors-s1", "timeline-part2-iran-deal-s1"} <= set(listed)
    assert [s["id"] for s in attribute(text, "data-sections")] == Course(ROOT).section_pages
    timeline = next(q for q in attribute(text, "data-quizzes") if q["id"].startswith("timeline-"))
    assert timeline["href"] == "timeline.html" and timeline["title"].startswith("Timeline check: ")


def test_timeline_calls_are_read_from_literal_code_only():
    code = ('from coursekit import Timeline\nTimeline.quiz_for_section("part1/actors", seed=1, count=4)\n'
            'Timeline.quiz_for_section("part2/iran-deal", 2)\nTimeline.quiz_for_section(name)\nother.quiz_for_section("x")\n')
    assert timeline_calls(code) == [("part1/actors", 1, 4), ("part2/iran-deal", 2, 4)]
    assert timeline_calls("%matplotlib inline\nTimeline.quiz_for_section('a/b')") == []


def test_the_control_escapes_its_section_id():
    assert '<script>' not in read_mark_html('a/"><script>x</script>')
