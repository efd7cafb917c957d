"""What the timeline's browser tests share: finding the widget and its parts, and the geometry of its
axis and markers as a phone shows them (test_timeline_browser.py, test_timeline_touch.py,
test_timeline_phone.py)."""
from __future__ import annotations

from coursekit.bank import course_bank
from tests.browser.helpers import reach_widgets
from tests.conftest import ROOT

def widget(page):
    return page.locator(".ck-timeline").first


def span(page) -> int:
    return int(widget(page).locator(".ck-tl-viewport").get_attribute("data-span"))


def selected(page) -> str | None:
    node = widget(page).locator(".ck-tl-marker[aria-current=true]")
    return node.get_attribute("data-id") if node.count() else None


def marker(page, event_id):
    return widget(page).locator(f'.ck-tl-marker[data-id="{event_id}"]')


def focused_id(page) -> str | None:
    return page.evaluate("() => document.activeElement && document.activeElement.dataset.id || null")


def search(page, text):
    box = widget(page).get_by_label("Search events")
    box.fill(text)
    box.press("Enter")


# ---- by touch, at 390 x 844, on the course's own pages ------------------------------------------------
# What students reported (issue text in the brief of this change): markers too small and on top of each
# other, a cluster half outside the widget, "+" landing on empty years, two-tick axes, cut labels, help
# that talks about keys to a phone, a filter that could match nothing, a first arrow key that did nothing.

IRAN = "book/part2/iran-deal.html"
COURSE = "book/timeline.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}

GEOMETRY = """(root) => {
  const box = (n) => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const view = root.querySelector('.ck-tl-viewport');
  return {
    widget: box(root), view: box(view),
    markers: [...root.querySelectorAll('.ck-tl-marker')].map((n) => ({
      ...box(n), dot: box(n.querySelector('.ck-tl-dot')), id: n.dataset.id || null, key: n.dataset.key,
      count: n.classList.contains('ck-tl-cluster') ? Number(n.textContent) : 1, label: n.getAttribute('aria-label')})),
    ticks: [...root.querySelectorAll('.ck-tl-tick')].map((n) => ({...box(n), text: n.textContent})),
    start: Number(view.dataset.start), span: Number(view.dataset.span),
  };
}"""


def open_page(watched, url):
    watched.page.goto(url)
    reach_widgets(watched.page)   # as the reader scrolls down to them
    watched.page.wait_for_selector(".ck-timeline .ck-tl-marker")
    return widget(watched.page)


def geometry(root) -> dict:
    """Boxes (in the window) of the widget, its axis, markers and ticks; the axis scrolled into view first."""
    root.locator(".ck-tl-viewport").scroll_into_view_if_needed()
    return root.evaluate(GEOMETRY)


def inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack
            and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack)


def overlap(a: dict, b: dict) -> float:
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(w, 0) * max(h, 0)


def assert_touchable(g: dict) -> None:
    """Markers >= 24 px, targets >= 44 px, no two targets overlapping, every target inside the axis."""
    assert g["markers"], "no marker drawn"
    for m in g["markers"]:
        assert m["w"] >= 44 - 0.01 and m["h"] >= 44 - 0.01, m  # (sub-pixel positions)
        assert m["dot"]["w"] >= 24 - 0.01 and m["dot"]["h"] >= 24 - 0.01, m
        assert inside(m, g["view"]) and inside(m, g["widget"]), (m, g["view"])
    for n, a in enumerate(g["markers"]):
        for b in g["markers"][n + 1:]:
            assert overlap(a, b) < 1, (a, b)


def visible_centre(m: dict, view: dict) -> tuple[float, float]:
    x0, x1 = max(m["x"], view["x"]), min(m["x"] + m["w"], view["x"] + view["w"])
    y0, y1 = max(m["y"], view["y"]), min(m["y"] + m["h"], view["y"] + view["h"])
    return (x0 + x1) / 2, (y0 + y1) / 2


def tap_event(page, root, pick) -> dict:
    """Tap the left-most (pick=min) or right-most (max) marker, tapping clusters open until it is an
    event; returns that event marker's box as it was when tapped."""
    for _ in range(8):
        g = geometry(root)
        edge = pick(g["markers"], key=lambda m: m["x"])
        page.touchscreen.tap(*visible_centre(edge, g["view"]))
        if edge["id"]:
            return edge
    raise AssertionError("tapping clusters never reached an event")


def course_events(section: str | None = None) -> list:
    """The events the course's timeline for ``section`` (None: the whole course) shows."""
    return course_bank(ROOT).timeline()[1].for_section(section)
