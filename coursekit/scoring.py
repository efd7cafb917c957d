"""Reference scoring of every item type; the quiz front end (widgets/quiz.js) mirrors it exactly.

A response is what the student gave: a choice index (single choice), a list of indices (multiple
select), a bool (true/false), a number (numeric), a permutation of the entries' indices (ordering),
the chosen right-hand index for each left-hand entry (matching), or text (short text).
A score is a float in [0, 1]; ``tests/test_scoring_parity.py`` checks the JavaScript against this.
"""
from __future__ import annotations

import math
from typing import Any

from .schema.quiz import normalise


def score(item, response: Any) -> float:
    """Score ``response`` to ``item``; a missing or malformed response scores 0."""
    try:
        return _SCORERS[item.type](item, response)
    except (TypeError, ValueError, IndexError, KeyError):
        return 0.0


def _single(item, response) -> float:
    return 1.0 if item.choices[int(response)].correct else 0.0


def _multiple(item, response) -> float:
    picked = {int(i) for i in response}
    if any(not 0 <= i < len(item.choices) for i in picked):
        return 0.0
    right = {i for i, c in enumerate(item.choices) if c.correct}
    if item.scoring == "all_or_nothing":
        return 1.0 if picked == right else 0.0
    return max(0.0, (len(picked & right) - len(picked - right)) / len(right))


def _true_false(item, response) -> float:
    return 1.0 if isinstance(response, bool) and response == item.answer else 0.0


def _numeric(item, response) -> float:
    if isinstance(response, bool):
        return 0.0
    value = float(response)
    return 1.0 if math.isfinite(value) and abs(value - item.answer) <= item.tolerance + 1e-9 else 0.0


def _ordering(item, response) -> float:
    return 1.0 if [int(i) for i in response] == list(range(len(item.order))) else 0.0


def _matching(item, response) -> float:
    return 1.0 if [int(i) for i in response] == list(range(len(item.pairs))) else 0.0


def _short_text(item, response) -> float:
    if not isinstance(response, str):
        return 0.0
    given = normalise(response)
    return 1.0 if given and given in {normalise(a) for a in item.accepted} else 0.0


_SCORERS = {
    "single_choice": _single,
    "multiple_select": _multiple,
    "true_false": _true_false,
    "numeric": _numeric,
    "ordering": _ordering,
    "matching": _matching,
    "short_text": _short_text,
}
