"""Reference scoring of every item type; the quiz front end (widgets/quiz/10-score.js) mirrors it exactly.

A response is what the student gave: a choice index (single choice), a list of indices (multiple
select), a bool (true/false), a number (numeric), a permutation of the entries' indices (ordering),
the chosen right-hand index for each left-hand entry (matching), or text (short text).
A score is a float in [0, 1]; ``tests/test_scoring_parity.py`` checks the JavaScript against this.
"""
from __future__ import annotations

import math
import re
from typing import Any

from .schema.quiz import normalise


def score(item, response: Any) -> float:
    """Score ``response`` to ``item``; a missing or malformed response scores 0."""
    try:
        return _SCORERS[item.type](item, response)
    except (TypeError, ValueError, IndexError, KeyError, ArithmeticError):
        return 0.0


# A number typed by the student: the same grammar as the front end (widgets/quiz/10-score.js) accepts.
_NUMBER = re.compile(r"[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[ \t\n\r\f\v]*", re.ASCII)


def _index(value, count: int) -> int | None:
    """``value`` as a position in ``range(count)``: a whole number (not a bool or text), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    value = int(value)
    return value if 0 <= value < count else None


def _indices(response, count: int) -> list[int] | None:
    """A list of valid positions, or None when ``response`` is not a list or holds anything else."""
    if not isinstance(response, (list, tuple)):
        return None
    found = [_index(i, count) for i in response]
    return None if None in found else found


def _single(item, response) -> float:
    i = _index(response, len(item.choices))
    return 1.0 if i is not None and item.choices[i].correct else 0.0


def _multiple(item, response) -> float:
    indices = _indices(response, len(item.choices))
    if indices is None:
        return 0.0
    picked = set(indices)
    right = {i for i, c in enumerate(item.choices) if c.correct}
    if item.scoring == "all_or_nothing":
        return 1.0 if picked == right else 0.0
    return max(0.0, (len(picked & right) - len(picked - right)) / len(right))


def _true_false(item, response) -> float:
    return 1.0 if isinstance(response, bool) and response == item.answer else 0.0


def _numeric(item, response) -> float:
    if isinstance(response, str):
        match = _NUMBER.fullmatch(response)
        if not match:
            return 0.0
        response = match.group(1)
    elif isinstance(response, bool) or not isinstance(response, (int, float)):
        return 0.0
    value = float(response)
    return 1.0 if math.isfinite(value) and abs(value - item.answer) <= item.tolerance + 1e-9 else 0.0


def _ordering(item, response) -> float:
    return 1.0 if _indices(response, len(item.order)) == list(range(len(item.order))) else 0.0


def _matching(item, response) -> float:
    return 1.0 if _indices(response, len(item.pairs)) == list(range(len(item.pairs))) else 0.0


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
