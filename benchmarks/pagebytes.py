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

    return Path(urllib.parse.urlsplit(url).path).name in (*EVERY_PAGE, THEME_FIXES)

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


def page_widget_bytes(html_file: Path) -> dict:
    """Saved widget state and widget markup of a built page, in bytes as served (and gzipped)."""
    text = html_file.read_text(encoding="utf-8")
    states = re.findall(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', text, re.S)
    parser = _WidgetMarkup(text)
    parser.feed(text)
    markup = parser.spans + ([f"<script>{STOCK_PATHS_CONFIG}</script>"] if STOCK_PATHS_CONFIG in text else [])
    state_bytes = "".join(states).encode()
    markup_bytes = "".join(markup).encode()
    state = json.loads(re.sub(r"^<script[^>]*>|</script>$", "", states[0]).replace("<\\/", "</")) if states else {}
    esm = sum(len(str(m.get("state", {}).get("_esm", ""))) + len(str(m.get("state", {}).get("_css", "")))
              for m in state.get("state", {}).values())
    return {"state": len(state_bytes), "state_gzip": len(gzip.compress(state_bytes, 6)),
            "state_module_source_chars": esm, "models": len(state.get("state", {})),
            "markup": len(markup_bytes), "markup_gzip": len(gzip.compress(markup_bytes, 6)),
            "html_file": html_file.stat().st_size}
