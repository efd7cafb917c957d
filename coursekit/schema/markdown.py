"""Markdown in instructor files: checked at validation, rendered to safe HTML for pages and widgets.

markdown-it-py (already a dependency of MyST) does the parsing. Raw HTML is refused at validation and
escaped at rendering, so nothing an exercise file says can become a script, an event handler or a
``javascript:`` link in the page; images must be files of the course, since the built book loads nothing
from another host.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from markdown_it import MarkdownIt
from pydantic import AfterValidator


@lru_cache(maxsize=1)
def _detector() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # see every link, so `javascript:` ones are reported, not dropped
    return md


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return md


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


def check_markdown(text: str) -> str:
    """Reject raw HTML and images without alt text; return ``text`` unchanged."""
    if not text.strip():
        raise ValueError("the text is empty; write it, or remove the field if it is optional")
    for token in _walk(_detector().parse(text)):
        if token.type in ("html_inline", "html_block"):
            raise ValueError(
                f"raw HTML {token.content.strip()[:40]!r} is not allowed; use Markdown "
                "(**bold**, *italic*, [link](https://...), lists)"
            )
        if token.type == "image" and not token.content.strip():
            raise ValueError("an image has no alt text; write ![what the image shows](url)")
        if token.type == "link_open" and not str(token.attrGet("href") or "").startswith(("https://", "#", "../", "./")):
            raise ValueError(f"link {token.attrGet('href')!r} is not allowed; use an https:// address or a relative link (./page)")
        if token.type == "image" and not str(token.attrGet("src") or "").startswith(("../", "./")):
            raise ValueError(f"image {token.attrGet('src')!r} is not allowed: the page would fetch it from another "
                             "host, which fails offline and tells that host who reads the course; save the image "
                             "in the course and use its relative path (./image.png)")
    return text


Markdown = Annotated[str, AfterValidator(check_markdown)]

_ONE_LINE = {"paragraph_open", "inline", "paragraph_close"}


def check_one_line(text: str) -> str:
    """Markdown that must stay one short line (a checklist point): inline formatting only, so it renders
    the same in a list item, a Moodle question text and a printed paper. Used after :func:`check_markdown`."""
    if "\n" in text.strip():
        raise ValueError("a checklist point is one line; join the lines, or split it into two points")
    blocks = {token.type for token in _detector().parse(text.strip())}
    if not blocks <= _ONE_LINE:
        raise ValueError("a checklist point is one line of text (no list, heading, quote or code block); "
                         "write it as a plain sentence")
    return text


def to_html(text: str | None, inline: bool = False) -> str:
    """Render checked Markdown to HTML with raw HTML escaped; links open in a new tab safely."""
    if not text:
        return ""
    md = _renderer()
    html = md.renderInline(text) if inline else md.render(text)
    return html.replace("<a href=", '<a target="_blank" rel="noopener noreferrer" href=').strip()
