"""The pieces a printed quiz paper is made of, shared by the question types' ``paper`` writers.

On paper a student cannot click: every choice gets an empty box to tick, every typed answer a ruled
line, every entry to order or match a blank to write in. The classes are styled by the paper's own
stylesheet (:mod:`coursekit.papers.html`).
"""
from __future__ import annotations

import random

from ..schema.markdown import to_html
from ..strings import t
from .base import e

BOX = '<span class="ck-paper-box" aria-hidden="true"></span>'
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def instruction(key: str) -> str:
    return f'<p class="ck-paper-how">{e(t(key))}</p>'


def in_order(entries: list[str], rng: random.Random) -> list[str]:
    """``entries`` in the order ``rng`` draws (so versions A and B differ)."""
    return rng.sample(entries, len(entries))


def boxes(entries_html: list[str]) -> str:
    """Lettered entries, each with a box to tick (or to write a number in)."""
    return '<ol class="ck-paper-choices" type="a">' + "".join(
        f"<li>{BOX} {entry}</li>" for entry in entries_html) + "</ol>"


def lettered(entries_html: list[str]) -> str:
    return '<ol class="ck-paper-letters" type="a">' + "".join(f"<li>{entry}</li>" for entry in entries_html) + "</ol>"


def answer_line(unit: str | None = None) -> str:
    """One ruled line for a word, a phrase or a number (with its unit)."""
    after = f' <span class="ck-paper-unit">{e(unit)}</span>' if unit else ""
    return f'<p class="ck-paper-line">{e(t("paper.answer"))} <span class="ck-paper-fill"></span>{after}</p>'


def write_space(lines: int = 10) -> str:
    """Ruled lines to write a paragraph or an essay on."""
    return (instruction("paper.write") + '<div class="ck-write-space">'
            + '<div class="ck-write-line"></div>' * lines + "</div>")


def inline(markdown: str) -> str:
    return to_html(markdown, inline=True)
