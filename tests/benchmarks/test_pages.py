"""benchmarks/pages.py: the pages measured are the book's own pages, in every edition."""
from __future__ import annotations

from benchmarks.pages import page_list


def test_the_page_list_leaves_out_every_editions_theme_templates_index_and_search(tmp_path):
    for path in ("index.html", "book/water.html", "fr/book/water.html", "_static/x.html",
                 "fr/_static/sbt-webpack-macros.html", "ar/_sources/a.html", "genindex.html",
                 "fr/genindex.html", "ar/search.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html></html>")
    assert page_list(tmp_path) == ["book/water.html", "fr/book/water.html", "index.html"]
