"""LMS HTML back to the course's Markdown: the subset the course writes, and plain text for the rest.

The course renders Markdown with markdown-it (:func:`coursekit.schema.markdown.to_html`), so what it exports
is paragraphs, emphasis, strong, code, links, images with alt text, line breaks and lists. Those come back
as the Markdown that renders to the same HTML, which is what makes export, import, export give the same
questions. Any other tag (a Moodle editor's ``<span style>``, tables, headings) keeps its text and is
named in the returned notes; a ``<script>`` or ``<style>`` keeps nothing. No HTML ever reaches the quiz file,
because the course refuses raw HTML in Markdown.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
_KNOWN = {"p", "em", "i", "strong", "b", "code", "a", "img", "br", "ul", "ol", "li", "html", "body"}
_DROP = {"script", "style"}
_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}
_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.M)


def escape(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), text)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list] = []       # [tag, counter] per open list
        self.links: list[str] = []
        self.dropping = 0
        self.unknown: set[str] = set()
        self.in_list = False              # the last block is a list still being written

    def _flush(self) -> None:
        """End the text so far: a paragraph, or the next entry of the open list (kept in one block)."""
        text = " ".join("".join(self.current).split()).replace(" \x00", "\x00").replace("\x00 ", "\x00")
        text = text.replace("\x00", "\\\n")   # a line break
        self.current = []
        if not text:
            return
        if not self.lists:
            self.blocks.append(text)
            self.in_list = False
            return
        tag, count = self.lists[-1]
        self.lists[-1][1] = count + 1
        entry = "   " * (len(self.lists) - 1) + (f"{count + 1}." if tag == "ol" else "-") + " " + text
        if self.in_list:
            self.blocks[-1] += "\n" + entry
        else:
            self.blocks.append(entry)
        self.in_list = True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _DROP:
            self.dropping += 1
            return
        if tag not in _KNOWN:
            self.unknown.add(tag)
        if tag == "br":
            self.current.append("\x00")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag in _BLOCKS:
            self._flush()
        elif tag in _MARKS:
            self.current.append(_MARKS[tag])
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
            self.current.append("[")
        elif tag == "img":
            alt = escape(attrs.get("alt") or "")
            self.current.append(f"![{alt}]({attrs.get('src') or ''})")

    def handle_endtag(self, tag):
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.in_list = False
        elif tag in _BLOCKS:
            self._flush()
        elif tag in _MARKS:
            self.current.append(_MARKS[tag])
        elif tag == "a" and self.links:
            self.current.append(f"]({self.links.pop()})")

    def handle_data(self, data):
        if not self.dropping:
            self.current.append(escape(data))


def to_markdown(html_text: str) -> tuple[str, list[str]]:
    """(Markdown, notes): the notes name the tags whose formatting was not kept."""
    parser = _Converter()
    parser.feed(html_text or "")
    parser.close()
    parser._flush()
    notes = [f"formatting the course does not use (<{', <'.join(sorted(parser.unknown))}>) became plain text"] \
        if parser.unknown else []
    return "\n\n".join(parser.blocks).strip(), notes
