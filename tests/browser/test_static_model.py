"""The static host's model behaves like a live one: a widget's own changes fire change: events."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_changes_a_widget_makes_fire_change_events(watched, fixture_url):
    page = watched.page
    page.goto(fixture_url + "book/part1/types.html")
    page.wait_for_selector(".ck-widget-mount.ck-mounted")
    page.evaluate("""() => {
        const model = document.querySelector('.ck-widget-mount').coursekitModel;
        window.__events = [];
        model.on('change:score', (value) => window.__events.push(['change:score', value]));
        model.on('change', (name) => window.__events.push(['change', name]));
    }""")
    box = page.locator('.ck-item[data-item="t-single"]')
    box.get_by_role("radio", name="Right", exact=True).check()
    box.get_by_role("button", name="Check").click()
    events = page.evaluate("window.__events")
    assert ["change:score", 1] in events
    assert ["change", "answers"] in events and ["change", "score"] in events
    assert page.evaluate("document.querySelector('.ck-widget-mount').coursekitModel.get('score')") == 1
    # setting an unchanged value fires nothing, as with a live model
    page.evaluate("window.__events = []; document.querySelector('.ck-widget-mount').coursekitModel.set('score', 1)")
    assert page.evaluate("window.__events") == []
