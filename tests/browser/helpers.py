"""Reading the built pages from tests: saved widget state, and quiz answer keys."""
from __future__ import annotations

import html as html_lib
import json
import re


def saved_state(html: str) -> dict:
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1).replace("<\\/", "</"))["state"] if match else {}


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
