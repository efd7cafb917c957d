"""What a tester found on a phone, each as a test: zoomed in, the status says how many events are in the
range shown (it said "8 of 8" over empty years); in list view the axis instructions go away."""
from __future__ import annotations

import re

import pytest

from tests.browser.helpers import reach_widgets

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def water(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(site_url + "book/part1/water.html")
    reach_widgets(page)
    yield page.locator(".ck-widget-mount.ck-mounted").filter(has=page.locator(".ck-tl-viewport")).first
    context.close()


def test_zoomed_in_the_status_counts_the_events_in_view(water):
    status = water.locator(".ck-tl-status")
    total = re.match(r"Showing (\d+) of (\d+) events$", status.inner_text())
    assert total, status.inner_text()
    zoom_in = water.get_by_role("button", name="Zoom in", exact=True)
    for _ in range(6):
        if zoom_in.is_disabled():
            break
        zoom_in.tap()
    text = status.inner_text()
    markers = water.locator(".ck-tl-marker").count()
    assert text.startswith(f"Showing {total.group(1)} of {total.group(2)} events")
    if "in the range shown" in text:
        shown = int(re.search(r"; (\d+) in the range shown", text).group(1))
        assert 0 < shown < int(total.group(1)) and markers >= 1


def test_list_view_hides_the_axis_instructions(water):
    help_line = water.locator(".ck-tl-help")
    assert help_line.is_visible()
    water.get_by_role("button", name=re.compile("List view", re.I)).tap()
    assert help_line.is_hidden()
    water.get_by_role("button", name=re.compile("Timeline view|Axis view", re.I)).tap()
    assert help_line.is_visible()
