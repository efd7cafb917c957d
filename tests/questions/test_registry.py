"""Every question type is complete: each thing the course does with an item finds the type in the registry.

A new type is one module in coursekit/questions plus one JavaScript part; this test fails if any
renderer, scorer or exporter lacks it, or if a type's module leaves a behaviour unimplemented.
"""
from __future__ import annotations

import inspect
import typing

import pytest

from coursekit.questions import EXPORTED, ITEM_TYPES, TYPES, Item
from coursekit.questions.base import ExportedType, QuestionType
from coursekit.widgets.base import module_source

DEFAULTED = {"question_text"}   # hooks with a working default (the prompt) that a type extends only when it adds text
HOOKS = [name for name, _ in inspect.getmembers(QuestionType, inspect.isfunction) if name not in DEFAULTED]
EXPORT_HOOKS = [name for name, _ in inspect.getmembers(ExportedType, inspect.isfunction) if name not in DEFAULTED]


def test_hooks_are_the_ones_the_course_uses():
    assert set(HOOKS) == {"score", "options", "client", "fallback", "answer", "paper", "from_lms", "gift", "moodle",
                          "qti"}
    assert {name for name, _ in inspect.getmembers(ExportedType, inspect.isfunction)} - set(EXPORT_HOOKS) == DEFAULTED


@pytest.mark.parametrize("name", ITEM_TYPES)
@pytest.mark.parametrize("hook", HOOKS)
def test_every_type_implements_every_hook(name, hook):
    implemented = getattr(type(TYPES[name]), hook)
    assert implemented is not getattr(QuestionType, hook), f"{name} does not implement {hook}"


@pytest.mark.parametrize("hook", EXPORT_HOOKS)
def test_free_response_has_every_writer(hook):
    assert getattr(type(EXPORTED["essay"]), hook) is not getattr(ExportedType, hook)


def test_the_schema_union_is_the_registry():
    union = typing.get_args(typing.get_args(Item)[0])
    assert [m.model_fields["type"].annotation.__args__[0] for m in union] == list(ITEM_TYPES)
    assert all(TYPES[name].model is model for name, model in zip(ITEM_TYPES, union))


@pytest.mark.parametrize("name", ITEM_TYPES)
def test_the_page_scores_every_type(name):
    """The front end's scoring switch names every registered type."""
    assert f'"{name}"' in module_source("quiz")
