"""Markdown in instructor files (coursekit.schema.markdown): refused when unsafe, rendered safely."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.schema.markdown import check_markdown, to_html

SAFE_TAGS = {"p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br", "img",
             "h1", "h2", "h3", "h4", "h5", "h6"}
SAFE_ATTRS = {"href", "src", "alt", "title", "target", "rel", "start", "class"}


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Collect()
    parser.feed(html)
    parser.close()
    return parser.tags


@pytest.mark.parametrize("text", [
    "Plain text.",
    "**Bold**, *italic*, `code` and a [link](https://www.oic-oci.org/).",
    "- one\n- two\n\n1. first\n2. second",
    "> A quotation.",
    "See [the section](#timeline), [the page](./water.md) or [the part](../part2/index.md).",
    "![A local map](./map.png)",
    "![A map in the part's folder](../images/map.png)",
    "Arithmetic: 3 < 4 and 5 > 2, and a & b.",
    "An email-like text: name at example dot org.",
    "Arabic: جدة; transliteration: al-Aqṣā.",
])
def test_safe_markdown_is_accepted_unchanged(text):
    assert check_markdown(text) == text


@pytest.mark.parametrize(("text", "message"), [
    ("<script>alert(1)</script>", "raw HTML '<script>"),
    ("Text <script>alert(1)</script>", "raw HTML '<script>"),
    ("<img src=x onerror=alert(1)>", "raw HTML '<img src=x onerror=alert(1)>'"),
    ("Look: <img src=x onerror=alert(1)>", "raw HTML"),
    ("<b>bold</b>", "raw HTML"),
    ("a <span style='color:red'>b</span>", "raw HTML"),
    ("<!-- hidden -->", "raw HTML"),
    ("<iframe src='https://evil.example'></iframe>", "raw HTML"),
    ("<div>\nblock\n</div>", "raw HTML"),
    ("<a href='javascript:alert(1)'>x</a>", "raw HTML"),
    ("<svg onload=alert(1)>", "raw HTML"),
])
def test_raw_html_is_refused(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_markdown(text)


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "jav&#x09;ascript:alert(1)",
    "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "http://www.oic-oci.org/",
    "mailto:someone@example.org", "file:///etc/passwd", "//evil.example/x", "water.md",
])
def test_links_must_be_https_or_relative(href):
    with pytest.raises(ValueError, match="is not allowed"):
        check_markdown(f"See [this]({href}).")


def test_reference_style_and_autolinks_are_checked_too():
    with pytest.raises(ValueError, match="javascript"):
        check_markdown("See [this][ref].\n\n[ref]: javascript:alert(1)")
    with pytest.raises(ValueError, match="javascript"):
        check_markdown("<javascript:alert(1)>")
    with pytest.raises(ValueError, match="http://example.org"):
        check_markdown("<http://example.org>")
    assert check_markdown("<https://example.org>")


@pytest.mark.parametrize("text", ["![](https://example.org/map.png)", "![ ](https://example.org/map.png)",
                                  "Inline ![](./a.png) image"])
def test_images_need_alt_text(text):
    with pytest.raises(ValueError, match="no alt text"):
        check_markdown(text)


@pytest.mark.parametrize("src", ["https://example.org/x.png", "http://example.org/pixel.png", "//example.org/x.png",
                                 "javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo="])
def test_images_must_be_files_of_the_course(src):
    # an instructor's walk: ![x](https://example.org/x.png) passed the check and the page fetched it
    with pytest.raises(ValueError, match="is not allowed: the page would fetch it from another host"):
        check_markdown(f"![A tracking pixel]({src})")


@pytest.mark.parametrize("text", ["", " ", "\n\t"])
def test_empty_text_is_refused(text):
    with pytest.raises(ValueError, match="the text is empty"):
        check_markdown(text)


def test_every_refusal_says_how_to_fix_it():
    for text in ("<b>x</b>", "![](https://a.org/b.png)", "[a](http://a.org)", "![a](http://a.org/b.png)", " "):
        with pytest.raises(ValueError) as caught:
            check_markdown(text)
        assert "; " in str(caught.value), "validate.py splits 'what is wrong; how to fix it'"


# ---- rendering -----------------------------------------------------------------------------------

def test_to_html_renders_and_hardens_links():
    html = to_html("**Bold** and [the OIC](https://www.oic-oci.org/).")
    assert html == ('<p><strong>Bold</strong> and <a target="_blank" rel="noopener noreferrer" '
                    'href="https://www.oic-oci.org/">the OIC</a>.</p>')
    assert to_html("*x*", inline=True) == "<em>x</em>"
    assert to_html(None) == "" and to_html("") == ""


def test_to_html_escapes_raw_html_that_slipped_past_validation():
    html = to_html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_to_html_never_emits_a_javascript_link():
    html = to_html("[x](javascript:alert(1)) ![y](javascript:alert(1))")
    assert all("javascript:" not in str(attrs.get("href", "")) + str(attrs.get("src", ""))
               for _, attrs in tags_of(html))


MARKDOWNISH = st.lists(st.sampled_from([
    "<", ">", "<script>", "</script>", "<img src=x onerror=alert(1)>", "onerror=", "javascript:", "[", "]", "(",
    ")", "!", "*", "_", "`", "\n", "\n\n", "    ", "- ", "1. ", "> ", "#", "&", "&#106;", "\"", "'", "https://a.org",
    "text", " ", "<a href=", "<svg onload=x>", "<!--", "-->", "\\", "|",
]), max_size=30).map("".join)


@settings(deadline=None, max_examples=200)
@given(st.one_of(st.text(max_size=80), MARKDOWNISH))
def test_rendered_html_only_ever_holds_safe_tags_and_attributes(text):
    for inline in (False, True):
        html = to_html(text, inline=inline)
        for tag, attrs in tags_of(html):
            assert tag in SAFE_TAGS, (text, html)
            assert set(attrs) <= SAFE_ATTRS, (text, html)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), (text, html)


@settings(deadline=None, max_examples=200)
@given(st.one_of(st.text(max_size=80), MARKDOWNISH))
def test_check_markdown_either_accepts_unchanged_or_raises_value_error(text):
    try:
        assert check_markdown(text) == text
    except ValueError as exc:
        assert str(exc)
