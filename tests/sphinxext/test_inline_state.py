"""Where the build puts each widget's saved state (coursekit/sphinxext/assets.py inline_states): in its own
mount, so the page's head no longer carries every widget's state before the first line of text."""
from __future__ import annotations

import json
import re

from docutils import nodes

from coursekit.sphinxext.assets import inline_states

OWN = re.compile(r'<script type="application/json" class="ck-state">(.*?)</script>', re.S)


def mount(model: str) -> nodes.raw:
    return nodes.raw(text=f'<div class="ck-widget-mount" data-model-id="{model}" data-module="quiz"><p>fallback</p></div>',
                     format="html", classes=["output", "coursekit"])


def test_a_widget_shown_once_carries_its_state_and_the_others_stay_in_the_head():
    page = nodes.section()
    page += [mount("once"), mount("twice"), mount("twice"), nodes.raw(text="<p>no widget</p>", format="html")]
    models = {"once": {"state": {"title": "</script><!-- <script>"}}, "twice": {"state": {}}, "unshown": {"state": {}}}
    inline_states(page, models)
    raws = [raw.astext() for raw in page.findall(nodes.raw)]
    assert raws[0].startswith('<div class="ck-widget-mount" data-model-id="once" data-module="quiz">'
                              '<script type="application/json" class="ck-state">')
    (state,) = OWN.findall(raws[0])
    assert "<" not in state and json.loads(state) == {"state": {"title": "</script><!-- <script>"}}
    assert raws[0].endswith("<p>fallback</p></div>") and all(r.get("classes") for r in list(page.findall(nodes.raw))[:3])
    assert not any(OWN.search(r) for r in raws[1:])  # shown twice: one state in the head serves both
    assert sorted(models) == ["twice", "unshown"]
