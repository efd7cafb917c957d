"""One Chromium and one page visit, as the benchmark groups measure them.

The browser is support.browser's (Debian's chromium, the suite's flags) plus a host-resolver rule that
sends every host but 127.0.0.1 nowhere: a page reaching for a CDN fails fast and the request is still
recorded. ``visit`` returns a navigation's timings, every resource (transfer / gzip body / decoded
bytes), its requests and its console problems.
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

from benchmarks.common import BenchmarkError
from support.browser import MISSING, chromium_path, launch

# Every host but 127.0.0.1 resolves to nothing, so a page that reaches for a CDN fails fast (and the
# request is still recorded). Route interception is not used: in Playwright it disables the HTTP cache.
HOST_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


class chromium:  # noqa: N801 - used as ``with chromium() as browser``
    """One headless Debian Chromium (never ``playwright install``), closed on exit."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        if not chromium_path():
            raise BenchmarkError(MISSING)
        self._pw = sync_playwright().start()
        self.browser = launch(self._pw, [HOST_RULES])
        return self.browser

    def __exit__(self, *exc):
        try:
            self.browser.close()
        finally:
            self._pw.stop()


RESOURCES_FULL = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const one = (e) => ({url: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
                       type: e.initiatorType || 'navigation'});
  return {
    document: {...one(nav), dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd},
    resources: performance.getEntriesByType('resource').map(one),
    render: window.__ckRender || [],
  };
}"""

# Wraps each coursekit module's render() as it registers (the classic scripts assign into
# window.coursekitModules), so the page reports how long render() took, start to end, per widget, and
# when it had drawn after the page's layout (``drawn``).
RENDER_PROBE = """(() => {
  window.__ckRender = [];
  window.coursekitModules = new Proxy({}, {
    set(target, name, module) {
      if (module && typeof module.render === 'function') {
        const render = module.render;
        module = Object.assign({}, module, {render(args) {
          const start = performance.now();
          const result = render(args);
          const entry = {module: String(name), start, end: performance.now(), drawn: null};
          window.__ckRender.push(entry);
          // drawn: the first ResizeObserver report on the widget's element, after the page's layout and
          // after the widget's own observers (made earlier, so called first): a widget that draws once its
          // width is reported (the timeline) has drawn by then
          if (typeof ResizeObserver === 'function' && args.el) {
            const seen = new ResizeObserver(() => { entry.drawn = performance.now(); seen.disconnect(); });
            seen.observe(args.el);
          }
          return result;
        }});
      }
      target[name] = module;
      return true;
    },
  });
})();"""

# Time to interactive: the first quiz control present, enabled and laid out (see README).
READY_JQ = """() => {
  const el = document.querySelector('.MCButton, .Input-text');
  return el && el.getClientRects().length > 0 ? performance.now() : false;
}"""
READY_TIMELINE = """() => document.querySelector('.ck-tl-marker') ? performance.now() : false"""


READY = """() => {
  const input = document.querySelector('.ck-quiz input');
  return input && !input.disabled && input.getClientRects().length > 0 ? performance.now() : false;
}"""


def off_host(url: str) -> bool:
    """True for any request that does not stay on 127.0.0.1 (blob:/data: of the page itself are local)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "data":
        return False
    if parts.scheme == "blob":
        parts = urllib.parse.urlsplit(url[len("blob:"):])
    return parts.scheme not in ("http", "https") or parts.hostname != "127.0.0.1"


def kind_of(url: str) -> str:
    suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
    if suffix in (".woff", ".woff2", ".ttf", ".eot", ".otf"):
        return "font"
    if suffix in (".png", ".svg", ".ico", ".jpg", ".jpeg", ".gif", ".webp"):
        return "image"
    return {".js": "js", ".css": "css", ".html": "html", ".json": "json"}.get(suffix, "other")


def visit(browser, url: str, *, ready: str | None = None, click: str | None = None, accepted: str | None = None,
          probe: bool = False, after: str | None = None, context=None, idle: bool = True) -> dict:
    """One navigation. A fresh context unless ``context`` is given (then the browser cache is shared).
    Returns timings, every resource (transfer / gzip body / decoded bytes), requests, console problems."""
    own = context is None
    if own:
        context = browser.new_context()
        if probe:
            context.add_init_script(RENDER_PROBE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests, console, http_errors, failed = [], [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and http_errors.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and console.append(m.text[:200]))
    page.on("pageerror", lambda e: console.append(f"pageerror: {str(e)[:200]}"))
    result: dict = {}
    try:
        page.goto(url, wait_until="commit")
        if ready:
            result["ready_ms"] = page.wait_for_function(ready, polling="raf").json_value()
        if click:
            target = page.locator(click).first
            target.click()
            result["click_accepted"] = bool(target.evaluate(accepted)) if accepted else True
        if idle:
            page.wait_for_load_state("networkidle")
        else:
            page.wait_for_load_state("load")
        if after:
            result["after"] = page.evaluate(after)
        timing = page.evaluate(RESOURCES_FULL)
    finally:
        page.close()
        if own:
            context.close()
    doc = timing["document"]
    resources = [{**r, "kind": kind_of(r["url"])} for r in timing["resources"]]
    result.update({
        "dcl_ms": doc["dcl"], "load_ms": doc["load"], "document": doc, "resources": resources,
        "render": timing["render"], "requests": requests, "off_host": [u for u in requests if off_host(u)],
        "failed": failed, "console": console, "http_errors": http_errors,
        "transfer": doc["transfer"] + sum(r["transfer"] for r in resources),
        "decoded": doc["decoded"] + sum(r["decoded"] for r in resources),
        "encoded": doc["encoded"] + sum(r["encoded"] for r in resources),
    })
    return result


def by_kind(visit_result: dict, field_name: str = "decoded") -> dict:
    sums = {"html": visit_result["document"][field_name]}
    for r in visit_result["resources"]:
        sums[r["kind"]] = sums.get(r["kind"], 0) + r[field_name]
    return sums
