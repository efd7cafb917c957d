"""Reference scoring of every item type; the quiz front end (widgets/quiz/10-score.js) mirrors it exactly.

A response is what the student gave: a choice index (single choice), a list of indices (multiple
select), a bool (true/false), a number (numeric), a permutation of the entries' indices (ordering),
the chosen right-hand index for each left-hand entry (matching), or text (short text).
A score is a float in [0, 1]; ``tests/test_scoring_parity.py`` checks the JavaScript against this.
Each type's rule is its ``score`` in :mod:`coursekit.questions`.
"""
from __future__ import annotations

from typing import Any

from .questions import TYPES


def score(item, response: Any) -> float:
    """Score ``response`` to ``item``; a missing or malformed response scores 0."""
    try:
        return TYPES[item.type].score(item, response)
    except (TypeError, ValueError, IndexError, KeyError, ArithmeticError):
        return 0.0
