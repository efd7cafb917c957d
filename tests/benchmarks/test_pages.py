"""benchmarks/pages.py: the pages measured are the book's own pages, in every edition; the quiz of a section
page is timed for a reader who follows its jump link."""
from __future__ import annotations

import pytest

from benchmarks.common import BenchmarkError
from benchmarks.pages import page_list, quiz_anchor


def test_the_page_list_leaves_out_every_editions_theme_templates_index_and_search(tmp_path):
    for path in ("index.html", "book/water.html", "fr/book/water.html", "_static/x.html",
                 "fr/_static/sbt-webpack-macros.html", "ar/_sources/a.html", "genindex.html",
                 "fr/genindex.html", "ar/search.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html></html>")
    assert page_list(tmp_path) == ["book/water.html", "fr/book/water.html", "index.html"]


SECTION = ('<nav class="ck-jump" aria-label="Exercises on this page"><ul><li><a href="#timeline">Timeline</a></li>'
           '<li><a href="#check">Self-check quiz</a></li></ul></nav><p><a href="#elsewhere">x</a></p>'
           '<section id="timeline"><div class="ck-widget-mount" data-model-id="1" data-module="timeline"></div></section>'
           '<section id="check"><div class="ck-widget-mount" data-model-id="2" data-module="quiz"></div></section>')


def test_the_quiz_is_reached_by_its_jump_link_not_the_timelines():
    assert quiz_anchor(SECTION) == "#check"


def test_a_page_without_a_jump_link_to_a_quiz_is_an_error_not_a_guess():
    with pytest.raises(BenchmarkError, match="no jump link to its quiz"):
        quiz_anchor(SECTION.replace('data-module="quiz"', 'data-module="timeline"'))
