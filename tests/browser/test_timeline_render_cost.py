"""Issue 17 / issue 11: the timeline's first render reads no layout, and its markers are there at first paint.

The 2,000-event timeline's render had regressed from 31 to 131 ms: reading the axis width (clientWidth)
and document.fonts.ready during render() each forced a layout of the whole page while it was still being
parsed. A student opens the course timeline and the section page of the Iran deal on a phone; an init
script wraps the module as it registers and counts every layout-reading call made while render() runs,
then looks, just after the first frame that follows, for the markers.
"""
from __future__ import annotations

import pytest

from tests.browser.helpers import reach_widgets
from tests.browser.timeline import COURSE, IRAN, PHONE

pytestmark = pytest.mark.browser

WATCH = """() => {
  window.__reads = [];
  window.__firstFrame = null;
  let inRender = false;
  const note = (what) => { if (inRender) window.__reads.push(what); };
  for (const [proto, names] of [[Element.prototype, ['clientWidth', 'clientHeight', 'getBoundingClientRect', 'getClientRects']],
                                [HTMLElement.prototype, ['offsetWidth', 'offsetHeight', 'offsetTop', 'offsetLeft']]]) {
    for (const name of names) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d.get) Object.defineProperty(proto, name, {...d, get() { note(name); return d.get.call(this); }});
      else Object.defineProperty(proto, name, {...d, value(...args) { note(name); return d.value.apply(this, args); }});
    }
  }
  const fonts = Object.getOwnPropertyDescriptor(FontFaceSet.prototype, 'ready');
  Object.defineProperty(FontFaceSet.prototype, 'ready', {...fonts, get() { note('fonts.ready'); return fonts.get.call(this); }});
  window.coursekitModules = new Proxy({}, {
    set(target, name, module) {
      if (name !== 'timeline') { target[name] = module; return true; }
      const render = module.render;
      target[name] = Object.assign({}, module, {render(args) {
        inRender = true;
        try { return render(args); } finally {
          inRender = false;
          // after the next frame has run (its layout, ResizeObserver reports, paint), count the markers
          requestAnimationFrame(() => setTimeout(() => {
            window.__firstFrame = args.el.querySelectorAll('.ck-tl-marker').length;
          }, 0));
        }
      }});
      return true;
    },
  });
}"""


@pytest.mark.parametrize("page_path", [COURSE, IRAN])
def test_the_timeline_renders_without_reading_layout_and_is_drawn_in_the_first_frame(browser, site_url, page_path):
    context = browser.new_context(**PHONE)
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(site_url + page_path)
    reach_widgets(page)   # the reader scrolls down to it
    page.wait_for_function("window.__firstFrame !== null")
    assert page.evaluate("window.__reads") == []
    assert page.evaluate("window.__firstFrame") > 0
    marker = page.locator(".ck-tl-marker:not(.ck-tl-cluster)").first
    marker.scroll_into_view_if_needed()
    marker.tap()  # and it still works as before
    assert page.locator(".ck-tl-details").first.is_visible()
    assert not problems
    context.close()
