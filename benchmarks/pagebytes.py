"""Widget bytes in a built page: saved widget state and widget markup, as served and gzipped."""
from __future__ import annotations

import gzip
import json
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

from benchmarks.common import STOCK_PATHS_CONFIG


def is_site_wide(url: str) -> bool:
    """coursekit's files that every page of the book loads (theme fixes, navigation, pop-ups), which are
    the site's chrome and not a widget's bytes."""
    from coursekit.sphinxext.site import EVERY_PAGE, THEME_FIXES
    from coursekit.sphinxext.stylesheets import PREFIX

    name = Path(urllib.parse.urlsplit(url).path).name
    return name in (*EVERY_PAGE, THEME_FIXES) or name.startswith(PREFIX)  # the page's one stylesheet bundle

class _WidgetMarkup(HTMLParser):
    """Byte spans of widget markup in a page: coursekit mount points (with their fallback) and myst-nb's
    widget-view scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.spans, self._depth, self._start, self._script = text, [], 0, None, None
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._start is not None and tag == "div":
            self._depth += 1
        elif tag == "div" and "ck-widget-mount" in (attrs.get("class") or "").split():
            self._start, self._depth = self._offset(), 1
        elif tag == "script" and attrs.get("type") == "application/vnd.jupyter.widget-view+json":
            self._script = self._offset()

    def handle_endtag(self, tag):
        if tag == "div" and self._start is not None:
            self._depth -= 1
            if self._depth == 0:
                self.spans.append(self.text[self._start:self._offset() + len("</div>")])
                self._start = None
        elif tag == "script" and self._script is not None:
            self.spans.append(self.text[self._script:self._offset() + len("</script>")])
            self._script = None


OWN_STATE = re.compile(r'<script type="application/json" class="ck-state">.*?</script>', re.S)


def page_models(text: str) -> list[dict]:
    """Every widget model a built page saves: in myst-nb's script in the head, and in each coursekit mount."""
    head = re.search(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', text, re.S)
    models = list(json.loads(head.group(1).replace("<\\/", "</"))["state"].values()) if head else []
    return models + [json.loads(re.sub(r"^<script[^>]*>|</script>$", "", own)) for own in OWN_STATE.findall(text)]


def page_widget_bytes(html_file: Path) -> dict:
    """Saved widget state and widget markup of a built page, in bytes as served (and gzipped, each alone and
    both together as the page holds them: ``inline_gzip``). The state is
    myst-nb's one script in the head and each coursekit widget's own, in its mount (sphinxext/assets.py
    inline_states); the markup is the mounts and their fallbacks without those."""
    text = html_file.read_text(encoding="utf-8")
    head = re.findall(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', text, re.S)
    own = OWN_STATE.findall(text)
    parser = _WidgetMarkup(text)
    parser.feed(text)
    markup = [OWN_STATE.sub("", span) for span in parser.spans]
    markup += [f"<script>{STOCK_PATHS_CONFIG}</script>"] if STOCK_PATHS_CONFIG in text else []
    state_bytes = "".join(head + own).encode()
    markup_bytes = "".join(markup).encode()
    # as the document carries them (each state inside its mount, before its fallback), the way the
    # jupyterquiz side is measured: gzip finds what the two share, as it does when the page is served
    inline_bytes = "".join(head + parser.spans + markup[len(parser.spans):]).encode()
    models = page_models(text)
    esm = sum(len(str(m.get("state", {}).get("_esm", ""))) + len(str(m.get("state", {}).get("_css", ""))) for m in models)
    return {"state": len(state_bytes), "state_gzip": len(gzip.compress(state_bytes, 6)),
            "state_module_source_chars": esm, "models": len(models),
            "markup": len(markup_bytes), "markup_gzip": len(gzip.compress(markup_bytes, 6)),
            "inline_gzip": len(gzip.compress(inline_bytes, 6)),
            "html_file": html_file.stat().st_size}
