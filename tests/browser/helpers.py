"""Reading the built pages from tests: saved widget state, and quiz answer keys; reaching the widgets."""
from __future__ import annotations

import html as html_lib
import json
import re

from support.browser import ALL_MOUNTED, REACH_WIDGETS


def saved_state(html: str, as_shipped: bool = False) -> dict:
    """The page's saved widget state as its widgets receive it: each ``{"$part": path}`` the build left to
    the fallback (coursekit/sphinxext/assets.py share_parts) read back from that widget's mount, as host.js
    does. ``as_shipped`` keeps the references, to check what the page ships."""
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    state = json.loads(match.group(1).replace("<\\/", "</"))["state"] if match else {}
    state.update({model: json.loads(text) for model, text in OWN_STATE.findall(html)})  # in each widget's mount
    if as_shipped:
        return state
    starts = [(m.start(), m.group(1)) for m in MOUNT.finditer(html)] + [(len(html), None)]
    regions = {model: html[start:end] for (start, model), (end, _) in zip(starts, starts[1:])}
    return {model: {**entry, "state": _with_parts(entry["state"], regions.get(model, ""))}
            for model, entry in state.items()}


# a mount as built, or as the live page has it (with the host's ck-mounted class): page.content() too
MOUNT = re.compile(r'<div class="ck-widget-mount[^"]*" data-model-id="([^"]+)"')
OWN_STATE = re.compile(r'<div class="ck-widget-mount[^"]*" data-model-id="([^"]+)"[^>]*>'
                       r'<script type="application/json" class="ck-state">(.*?)</script>', re.S)


def _with_parts(value, region: str):
    if isinstance(value, list):
        return [_with_parts(v, region) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"$part"}:   # kept as it is where the widget has replaced its fallback (a live DOM)
        found = re.search(rf'<div data-ck-part="{re.escape(value["$part"])}">(.*?)</div>', region, re.S)
        return found.group(1) if found else value
    return {key: _with_parts(v, region) for key, v in value.items()}


def quizzes(html: str) -> list[dict]:
    """The client data of every quiz on a page, in state order."""
    return [m["state"]["quiz"] for m in saved_state(html).values() if m["state"].get("_module") == "quiz"]


def plain(html: str) -> str:
    """The text a browser shows for trusted item HTML (tags dropped, entities decoded, spaces folded)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def choice(box, item: dict, index: int):
    """The input of choice ``index`` (a file index) of a choice item, found by its text as a student
    would: the page shows choices in an order of each learner's own."""
    return box.get_by_label(plain(item["choices"][index]["html"]), exact=True)


def drawn(page, quiz: dict, kind: str | tuple, scope: str = ".ck-quiz", redraw: bool = True) -> tuple:
    """The first item of type ``kind`` (or one of several) that this learner's draw shows: (its box, its
    client data). A quiz with ``draw`` shows its own subset and order to each learner, so tests find items by id.

    A learner whose draw has no such item and who has saved nothing yet is replaced by a new one (the page
    reloaded without its learner id), as a second student on another device would be: so a test needing, say,
    a single-choice item does not fail on the one draw in seven of the science quiz that has none.
    ``redraw=False`` where a reload would lose the widgets (a notebook in JupyterLab).
    """
    by_id = {item["id"]: item for item in quiz["items"]}
    kinds = (kind,) if isinstance(kind, str) else kind
    for _ in range(REDRAWS):
        ids = drawn_ids(page, scope)
        for item_id in ids:
            if by_id[item_id]["type"] in kinds:
                return page.locator(f'{scope} .ck-item[data-item="{item_id}"]'), by_id[item_id]
        if not redraw or not page.evaluate(NEW_LEARNER):
            break
        page.reload()
        reach_widgets(page)
    raise AssertionError(f"this learner's draw of {quiz['id']} shows no {kind} item: {ids}")


REDRAWS = 30
# Forget the learner (its id, and the quiz records a page writes on opening, with no answer in them) while
# nothing of the learner's is saved: no quiz answer, own answer or section read. False when there is work to keep.
NEW_LEARNER = """() => {
  const keys = Object.keys(localStorage).filter((k) => /^coursekit:v\\d+:/.test(k));
  const empty = (k) => { try { return Object.keys(JSON.parse(localStorage.getItem(k)).answers).length === 0; }
                         catch (_e) { return false; } };
  if (keys.some((k) => /:(answer|read):/.test(k) || (/:quiz:/.test(k) && !empty(k)))) return false;
  keys.filter((k) => /:(learner|quiz:.*)$/.test(k)).forEach((k) => localStorage.removeItem(k));
  return true;
}"""


def drawn_ids(page, scope: str = ".ck-quiz") -> list[str]:
    return page.locator(f"{scope} .ck-item").evaluate_all("els => els.map(e => e.dataset.item)")


def radio(box, file_index: int):
    """A choice's input by its file index (inputs carry it as their value; the order shown is shuffled)."""
    return box.locator(f'input[value="{file_index}"]')


def right_input(box, item: dict):
    """The right choice's input of a single-choice or true/false item."""
    return radio(box, item["correct"][0]) if item["type"] == "single_choice" else \
        box.locator(f'input[value="{str(item["answer"]).lower()}"]')


def attempt_total(quiz: dict) -> int:
    """How many items one attempt shows (the score total): ``draw``, else all."""
    return min(quiz.get("draw") or len(quiz["items"]), len(quiz["items"]))


def put_in_order(box) -> None:
    """Move an ordering item's entries into the right order (their file order) with its buttons."""
    for _ in range(100):
        order = [int(v) for v in box.locator(".ck-order-entry").evaluate_all("rows => rows.map(r => r.dataset.entry)")]
        wrong = next((i for i, entry in enumerate(order) if entry != i), None)
        if wrong is None:
            return
        box.locator(".ck-order-entry").nth(order.index(wrong)).locator("button.ck-move").first.tap()   # up


def answer_anything(box) -> None:
    """Give some answer to an item, right or not (checking with nothing given, or an ordering as it was
    shown, is not a try), and check."""
    choices = box.locator("input[type=radio], input[type=checkbox]")
    if box.locator(".ck-order-entry").count():
        box.locator("button.ck-move:not([disabled])").first.tap()
    elif choices.count():
        choices.first.tap()
    elif box.locator("input[type=text]").count():
        box.locator("input[type=text]").first.fill("1")
    for select in box.locator("select").all():
        select.select_option(index=1)
    box.get_by_role("button", name="Check").tap()


def reach_widgets(page) -> int:
    """Scroll past every widget of the page, as a reader does, and wait until each has mounted; their count."""
    count = page.locator(".ck-widget-mount").count()
    if count:
        page.evaluate(REACH_WIDGETS)
        page.wait_for_function(ALL_MOUNTED)
    return count


# Scroll, then let three frames pass: the scroll event and the theme's handler run in the first, and
# pill.js's check in the frame it asks for. Fixed waits of 150 ms here made two tests 25 s each.
SCROLL_TO = """async (y) => {
  window.scrollTo(0, y);
  for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);
}"""


def scroll_up_to(page, y: float, by: float = 150) -> None:
    """Scroll to ``y`` from ``by`` px below, as a reader scrolling back up does (the theme shows its pill then)."""
    page.evaluate(SCROLL_TO, y + by)
    page.evaluate(SCROLL_TO, y)
