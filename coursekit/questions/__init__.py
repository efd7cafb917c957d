"""The registry of question types: one module per type, each with everything the course does with it.

Adding a type means adding one module here (its pydantic model and a :class:`~.base.QuestionType`
with scoring, page data, fallback, answer key and LMS writers) and naming it in ``_MODULES``, plus one
JavaScript part for the page's quiz. The schema's item union, the type list, the scoring, the widget,
the answer keys and every exporter find the type here; ``tests/questions`` fails if any of them lacks it.
"""
from __future__ import annotations

from importlib import import_module
from typing import Annotated, Union

from pydantic import Field

from .base import ExportedType, QuestionType

_MODULES = ("single_choice", "multiple_select", "true_false", "numeric", "ordering", "matching", "short_text")

TYPES: dict[str, QuestionType] = {}
for _name in _MODULES:
    _type = import_module(f".{_name}", __name__).TYPE
    TYPES[_type.name] = _type

ITEM_TYPES = tuple(TYPES)
Item = Annotated[Union[tuple(t.model for t in TYPES.values())], Field(discriminator="type")]

# What the LMS exporters write: every quiz item type, plus free-response exercises as essays.
EXPORTED: dict[str, ExportedType] = {**TYPES, "essay": import_module(".essay", __name__).TYPE}


def allowed_tries(item, show_answer_after: int) -> int:
    """The scored tries ``item`` allows: the quiz's ``show_answer_after``, but at most its options minus one,
    so that trying every option in turn cannot earn full marks (a true/false statement gets one try)."""
    options = TYPES[item.type].options(item)
    return max(1, min(show_answer_after, options - 1)) if options else show_answer_after
