"""Reading the built pages from tests: saved widget state, and quiz answer keys."""
from __future__ import annotations

import json
import re


def saved_state(html: str) -> dict:
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1).replace("<\\/", "</"))["state"] if match else {}


def quizzes(html: str) -> list[dict]:
    """The client data of every quiz on a page, in state order."""
    return [m["state"]["quiz"] for m in saved_state(html).values() if m["state"].get("_module") == "quiz"]
