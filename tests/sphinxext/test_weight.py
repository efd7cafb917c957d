"""Page weight at build time (coursekit/sphinxext/weight.py): the original of every trimmed file comes back
when an incremental build needs it, the icon font keeps exactly the glyphs asked for, and the theme's
parser-blocking scripts become deferred in their order."""
from __future__ import annotations

import io
from pathlib import Path

import pydata_sphinx_theme
from sphinx.builders.html._assets import _JavaScript

from coursekit.sphinxext.weight import Originals, defer_scripts, subset_font

FONT = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "vendor"
        / "fontawesome" / "webfonts" / "fa-solid-900.woff2")


def test_the_original_is_used_while_the_output_is_our_trimmed_copy(tmp_path):
    originals = Originals(tmp_path / "pristine")
    assert originals.original("styles/theme.css", b"full") == b"full"
    originals.written("styles/theme.css", b"trimmed")
    originals.save()
    again = Originals(tmp_path / "pristine")   # the next build: the output still holds our copy
    assert again.original("styles/theme.css", b"trimmed") == b"full"
    assert again.original("styles/theme.css", b"a new theme version") == b"a new theme version"


def test_the_icon_font_keeps_the_glyphs_asked_for_and_no_others():
    from fontTools.ttLib import TTFont

    small = subset_font(FONT.read_bytes(), {0xF0C9, 0xF002})   # bars, magnifying glass
    cmap = TTFont(io.BytesIO(small)).getBestCmap()
    assert set(cmap) == {0xF0C9, 0xF002}
    assert len(small) < FONT.stat().st_size / 20


def test_blocking_scripts_are_deferred_in_place_and_the_rest_left_alone():
    scripts = [_JavaScript("_static/documentation_options.js"), _JavaScript("_static/doctools.js", priority=200),
               _JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'x';"),
               _JavaScript("_static/coursekit/quiz.js", **{"async": "async"}),
               _JavaScript("_static/scripts/bootstrap.js", defer="defer")]
    context = {"script_files": scripts}
    defer_scripts(None, "page", "page.html", context, None)
    out = context["script_files"]
    assert [str(s.filename) for s in out] == [str(s.filename) for s in scripts]
    assert out[0].attributes == {} and out[2].attributes == {"body": "DOCUMENTATION_OPTIONS.pagename = 'x';"}
    assert out[1].attributes == {"defer": "defer"} and out[1].priority == 200
    assert out[3].attributes == {"async": "async"} and out[4].attributes == {"defer": "defer"}


def test_the_search_page_keeps_its_scripts_blocking():
    context = {"script_files": [_JavaScript("_static/doctools.js")]}
    defer_scripts(None, "search", "search.html", context, None)
    assert context["script_files"][0].attributes == {}
