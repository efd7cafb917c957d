"""Right to left (coursekit/sphinxext/direction.py, static/rtl.css) and the Arabic font (sphinxext/fonts.py,
arabic_font.py): the unit rules, then the built Arabic and French sites as they are served."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.arabic_font import PUNCTUATION, WEIGHTS, _ranges, find_package, font_file, unicode_range
from coursekit.formats import direction
from coursekit.sphinxext.assets import STATIC, served
from coursekit.sphinxext.direction import code_left_to_right, with_direction
from coursekit.sphinxext.fonts import LICENCE
from tests.site.helpers import html_pages, redirect_target, stylesheets

ROOT = Path(__file__).resolve().parents[2]
HTML_TAG = re.compile(r"<html\b[^>]*>")


@pytest.mark.parametrize(("language", "writing"), [("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"),
                                                    ("ar_EG", "rtl"), ("ar-SA", "rtl"), ("fr", "ltr"), ("en", "ltr"),
                                                    (None, "ltr"), ("not a language", "ltr")])
def test_the_direction_comes_from_the_language(language, writing):
    assert direction(language) == writing


def test_the_html_tag_gets_its_direction_once():
    page = '<!DOCTYPE html>\n<html lang="ar" data-theme="auto"><body><p>&lt;html x&gt;</p><html></html></body></html>'
    out = with_direction(page, "rtl")
    assert out.count('dir="rtl"') == 1 and out.startswith('<!DOCTYPE html>\n<html dir="rtl" lang="ar" data-theme')
    assert with_direction(out, "ltr") == out   # a tag that has a direction keeps it


def test_code_blocks_stay_left_to_right():
    body = '<div class="highlight"><pre><span>x = 1</span></pre></div><pre class="x">y</pre><pre dir="rtl">z</pre>'
    assert code_left_to_right(body) == ('<div class="highlight"><pre dir="ltr"><span>x = 1</span></pre></div>'
                                        '<pre dir="ltr" class="x">y</pre><pre dir="rtl">z</pre>')


def test_the_font_range_leaves_out_punctuation_every_language_uses():
    package = find_package(ROOT)
    assert package is not None, "npm ci installs @fontsource/noto-naskh-arabic (package.json)"
    kept = _ranges(unicode_range(package))
    assert any(a <= 0x0627 <= b for a, b in kept)   # alef
    assert any(a <= 0xFEFB <= b for a, b in kept)   # the lam-alef ligature's presentation form
    low, high = PUNCTUATION
    assert not any(a <= high and b >= low for a, b in kept)   # no hyphen, joiner or direction mark


# -- the built sites ------------------------------------------------------------------------------------

def pages(site: Path) -> list[tuple[str, str]]:
    return [(rel, (site / rel).read_text(encoding="utf-8")) for rel in html_pages(site)]


def test_every_arabic_page_is_right_to_left(arabic_site):
    found = pages(arabic_site)
    assert len(found) >= 15
    for rel, text in found:
        tag = HTML_TAG.search(text).group(0)
        assert 'lang="ar"' in tag and 'dir="rtl"' in tag, (rel, tag)
        if not redirect_target(arabic_site, rel):
            assert "coursekit/rtl.css" in stylesheets(arabic_site / rel), rel
    for rel, text in found:
        for pre in re.findall(r"<pre\b[^>]*>", text):
            assert 'dir="ltr"' in pre, (rel, pre)


def test_every_french_page_is_left_to_right_without_the_mirror(french_site):
    for rel, text in pages(french_site):
        tag = HTML_TAG.search(text).group(0)
        assert 'lang="fr"' in tag and 'dir="ltr"' in tag, (rel, tag)
        assert "rtl.css" not in text and "coursekit/rtl.css" not in stylesheets(french_site / rel), rel
    assert not (french_site / "_static" / "coursekit" / "rtl.css").exists()


def test_the_mirror_survives_the_css_purge_and_so_do_the_rules_it_turns(arabic_site):
    """rtl.css is coursekit's own (never trimmed), and every theme class it names is still in the trimmed theme
    CSS: a rule of the theme that the purge dropped, or that a theme upgrade renamed, fails here."""
    served_css = (arabic_site / "_static" / "coursekit" / "rtl.css").read_text(encoding="utf-8")
    assert served_css == served("rtl", ".css")
    theme = "".join(p.read_text(encoding="utf-8") for p in (arabic_site / "_static").rglob("*.css")
                    if "coursekit" not in p.parts)
    source = re.sub(r"/\*.*?\*/", "", (STATIC / "rtl.css").read_text(encoding="utf-8"), flags=re.S)
    classes = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\{[^{}]*\}", "{}", source)))
    assert len(classes) >= 20
    missing = sorted(c for c in classes if not re.search(rf"\.{re.escape(c)}(?![\w-])", theme))
    assert missing == [], "rtl.css mirrors rules the theme's trimmed CSS no longer has"


def test_the_font_and_its_licence_ship_with_the_site_and_every_page_names_them(arabic_site, site):
    for built in (arabic_site, site):
        folder = built / "_static" / "coursekit" / "fonts"
        assert sorted(p.name for p in folder.iterdir()) == sorted([LICENCE, *(font_file(w) for w in WEIGHTS)])
        assert "SIL Open Font License" in (folder / LICENCE).read_text(encoding="utf-8")
        worker = (built / "sw.js").read_text(encoding="utf-8")
        assert all(f"_static/coursekit/fonts/{font_file(w)}" in worker for w in WEIGHTS)   # precached: offline
    for rel, text in pages(arabic_site):
        if not redirect_target(arabic_site, rel):
            faces = re.findall(r'src:url\("([^"]+)"\) format\("woff2"\)', text)
            assert len(faces) == len(WEIGHTS), rel
            assert all((arabic_site / rel).parent.joinpath(url).resolve().is_file() for url in faces), rel
