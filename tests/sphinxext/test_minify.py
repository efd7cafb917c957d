"""Served scripts and stylesheets: terser and csso where npm installed them (./build and ./test run ``npm ci``),
rjsmin and rcssmin otherwise."""
from __future__ import annotations

import gzip
import subprocess

import pytest
import rcssmin
import rjsmin
from sphinx.errors import ExtensionError

from coursekit.sphinxext import minify
from coursekit.sphinxext.assets import classic_script
from coursekit.widgets.base import module_css


@pytest.fixture
def no_cache():
    """Each test sees minify's lookups afresh (its results are cached per process)."""
    for cached in (minify.javascript, minify.stylesheet, minify._tool):
        cached.cache_clear()
    yield
    for cached in (minify.javascript, minify.stylesheet, minify._tool):
        cached.cache_clear()


def test_terser_renames_and_the_result_is_smaller_than_rjsmins(no_cache):
    assert minify._tool("terser") is not None, "terser is missing: run `npm ci`"
    source = classic_script("quiz")
    ours, stripped = minify.javascript(source), rjsmin.jsmin(source)
    assert len(gzip.compress(ours.encode())) < 0.9 * len(gzip.compress(stripped.encode()))
    assert "function normalise(" in stripped and "function normalise(" not in ours   # local names renamed
    assert 'check:"Check"' in ours.replace(": ", ":")                             # strings kept


def test_the_minified_module_still_registers_itself_in_node(no_cache, tmp_path):
    script = tmp_path / "run.js"
    script.write_text("globalThis.window = globalThis; globalThis.document = {dispatchEvent() {}};\n"
                      "globalThis.CustomEvent = class {};\n" + minify.javascript(classic_script("quiz"))
                      + "\nconsole.log(typeof window.coursekitModules.quiz.render);\n", encoding="utf-8")
    assert subprocess.run(["node", str(script)], capture_output=True, text=True).stdout.strip() == "function"


def test_a_second_process_reads_the_disk_cache(no_cache, monkeypatch):
    text = "function twice(value) { return value + value; }\nwindow.twice = twice;\n"
    first = minify.javascript(text)
    minify.javascript.cache_clear()
    monkeypatch.setattr(minify.subprocess, "run", lambda *a, **k: pytest.fail("terser ran again"))
    assert minify.javascript(text) == first


def test_without_terser_and_csso_the_python_minifiers_strip_them(no_cache, monkeypatch):
    monkeypatch.setattr(minify, "find_node_package", lambda name, start: None)
    source = "var answer = 1 + 1; // a comment\n"
    assert minify.javascript(source) == rjsmin.jsmin(source)
    style = ".a { margin: 0.5rem; } /* a comment */\n"
    assert minify.stylesheet(style) == rcssmin.cssmin(style)


def test_csso_writes_the_widget_stylesheets_smaller_than_rcssmin_with_every_rule_kept(no_cache):
    assert minify._tool("csso") is not None, "csso is missing: run `npm ci`"
    for name in ("quiz", "timeline"):
        source = module_css(name, live=False)
        ours, stripped = minify.stylesheet(source), rcssmin.cssmin(source)
        assert len(ours) < len(stripped) - 50
        assert "padding:.3rem .8rem" in ours                # leading zeros dropped (common.css, .ck-button)
        assert ours.count("@media") >= 1 and "prefers-reduced-motion" in ours
    assert minify.stylesheet(".a{color:red}.a{color:blue}") == ".a{color:#00f}"   # the later rule wins, as in the cascade


def test_a_script_terser_cannot_read_fails_the_build_with_its_message(no_cache):
    with pytest.raises(ExtensionError, match="terser could not minify a coursekit script"):
        minify.javascript("function (broken {\n")
