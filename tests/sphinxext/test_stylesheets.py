"""One stylesheet per page (coursekit/sphinxext/stylesheets.py), on a small site written here: the same
rules in the same order, ``url()`` references still reaching their files, one file per distinct list,
a page an incremental build did not write again bundled from the current parts, and what is not the
edition's own (another host, another edition's folder) left alone. The course's pages: tests/site."""
from __future__ import annotations

from pathlib import Path

from coursekit.sphinxext.stylesheets import PREFIX, bundle_pages, parts_of, relocated
from tests.site.helpers import stylesheets

HEAD = '<html><head>\n{links}<style>p{{}}</style>\n</head><body><p>x</p></body></html>'


def link(href: str, theme: bool = False) -> str:
    return (f'<link href="{href}" rel="stylesheet" />\n' if theme
            else f'<link rel="stylesheet" type="text/css" href="{href}" />\n')


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def small_site(root: Path) -> Path:
    write(root / "_static/styles/theme.css", '@charset "UTF-8";\n@font-face{src:url(../vendor/icons.woff2)}\n.a{color:red}')
    write(root / "_static/vendor/icons.woff2", "font")
    write(root / "_static/basic.css", ".a{color:blue}\n.b{background:url(\"data:image/svg+xml,x\")}")
    write(root / "_static/coursekit/quiz.css", ".ck-quiz{margin:0}")
    write(root / "_static/a/b/deep.css", ".d{background:url('../../vendor/icons.woff2?v=1')}")
    write(root / "book/intro.html", HEAD.format(links=link("../_static/styles/theme.css?digest=1", True)
                                                 + link("../_static/basic.css?v=2")))
    write(root / "book/part1/science.html", HEAD.format(links=link("../../_static/styles/theme.css", True)
                                                         + link("../../_static/basic.css")
                                                         + link("../../_static/coursekit/quiz.css")
                                                         + link("../../_static/a/b/deep.css")))
    write(root / "book/other.html", HEAD.format(links=link("../_static/basic.css")))
    return root


def bundles(root: Path) -> list[Path]:
    return sorted((root / "_static/coursekit").glob(f"{PREFIX}*.css"))


def test_each_page_gets_one_stylesheet_with_the_same_rules_in_the_same_order(tmp_path):
    site = small_site(tmp_path)
    assert bundle_pages(site) == 3
    science = (site / "book/part1/science.html").read_text(encoding="utf-8")
    assert science.count('rel="stylesheet"') == 1 and "<style>p{}</style>" in science
    assert stylesheets(site / "book/part1/science.html") == ["styles/theme.css", "basic.css", "coursekit/quiz.css",
                                                                     "a/b/deep.css"]
    assert stylesheets(site / "book/intro.html") == ["styles/theme.css", "basic.css"]
    text = next(b for b in bundles(site) if len(parts_of(b, site / "_static")) == 4).read_text()
    assert text.startswith('@charset "UTF-8";') and text.count("@charset") == 1
    assert text.index(".a{color:red}") < text.index(".a{color:blue}") < text.index(".ck-quiz")
    assert "url(../vendor/icons.woff2)" in text    # from _static/coursekit/, the same file as before
    assert "url('../vendor/icons.woff2?v=1')" in text and "../../vendor" not in text
    assert (site / "_static/coursekit/../vendor/icons.woff2").is_file()
    assert 'url("data:image/svg+xml,x")' in text


def test_pages_with_the_same_list_share_a_file_named_by_its_content(tmp_path):
    site = small_site(tmp_path)
    write(site / "book/intro2.html", (site / "book/intro.html").read_text(encoding="utf-8"))
    bundle_pages(site)
    first = (site / "book/intro.html").read_text(encoding="utf-8")
    assert first.replace("intro", "") == (site / "book/intro2.html").read_text(encoding="utf-8").replace("intro", "")
    assert len(bundles(site)) == 3


def test_a_page_not_written_again_is_bundled_from_the_current_parts_and_stale_files_go(tmp_path):
    site = small_site(tmp_path)
    bundle_pages(site)
    before = set(bundles(site))
    write(site / "_static/basic.css", ".a{color:green}")   # an incremental build changed a part, not the page
    bundle_pages(site)
    after = set(bundles(site))
    assert len(after) == 3 and not (before & after)
    assert all(".a{color:green}" in b.read_text() for b in after)
    assert stylesheets(site / "book/part1/science.html") == ["styles/theme.css", "basic.css", "coursekit/quiz.css",
                                                                     "a/b/deep.css"]


def test_a_remote_stylesheet_and_other_editions_are_left_alone(tmp_path):
    site = small_site(tmp_path)
    remote = write(site / "book/remote.html", HEAD.format(links=link("https://example.org/x.css")
                                                          + link("../_static/basic.css")))
    arabic = write(site / "ar/book/intro.html", HEAD.format(links=link("../../_static/basic.css")))
    remote_before, arabic_before = remote.read_text(), arabic.read_text()
    bundle_pages(site, frozenset({"ar"}))
    assert remote.read_text() == remote_before and arabic.read_text() == arabic_before


def test_the_themes_light_palette_also_holds_while_the_mode_is_auto(tmp_path):
    # the page's <html> says data-theme="auto" until the theme's script resolves it, and always without
    # JavaScript: the palette the theme gives a page with no mode must hold then too
    css = "html:not([data-theme]){--pst-color-background:#fff}html[data-theme=dark]{--pst-color-background:#000}"
    out = relocated(css, tmp_path / "theme.css", tmp_path)
    assert out.startswith("html:not([data-theme=light]):not([data-theme=dark]){--pst-color-background:#fff}")
    assert "html[data-theme=dark]{--pst-color-background:#000}" in out
