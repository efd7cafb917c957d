"""A readable reference of the file formats, generated from the pydantic models (so it cannot go stale).

Used by the book's ``{schema-reference}`` directive: one table per model, with each field's type,
whether it is required, its default, its constraints and its description.
"""
from __future__ import annotations

import inspect
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from . import common
from .markdown import check_markdown
from ..kinds import KINDS as FILE_KINDS
from .validate import KINDS

_PATTERNS = {  # pattern -> (type name, constraint in words)
    "^[a-z0-9]+(-[a-z0-9]+)*$": ("id", "lowercase letters, digits and single hyphens"),
    "^[a-z0-9-]+/[a-z0-9-]+$": ("section id", "'part/section', e.g. part1/science"),
    "^https://[^\\s<>\\\"']+$": ("https URL", "a full https:// address"),
    "^(easy|medium|hard)$": ("one of: easy, medium, hard", ""),
}


@dataclass
class FieldDoc:
    name: str
    type: str
    required: bool
    default: str | None
    constraints: str
    description: str


@dataclass
class ModelDoc:
    name: str
    title: str
    description: str
    used_in: str
    fields: list[FieldDoc] = field(default_factory=list)
    model: type[BaseModel] | None = None


def _pattern_of(meta) -> str | None:
    return getattr(meta, "pattern", None)


def _describe_meta(metadata: list) -> tuple[str | None, list[str]]:
    """(type name implied by the metadata, constraints in words)."""
    name, words = None, []
    for meta in metadata:
        if isinstance(meta, FieldInfo):
            sub_name, sub_words = _describe_meta(list(meta.metadata))
            name, words = name or sub_name, words + sub_words
            continue
        if isinstance(meta, AfterValidator) and meta.func is check_markdown:
            name = "Markdown text"
            words.append("no raw HTML; links https:// or relative, images relative (files of the course)")
            continue
        if isinstance(meta, WithJsonSchema):
            continue
        pattern = _pattern_of(meta)
        if pattern:
            known = _PATTERNS.get(pattern)
            if known:
                name = known[0]
                if known[1]:
                    words.append(known[1])
            else:
                words.append(f"matches {pattern}")
        for attr, text in (("min_length", "at least {} {}"), ("max_length", "at most {} {}")):
            value = getattr(meta, attr, None)
            if value is not None:
                if isinstance(meta, StringConstraints) and attr == "min_length" and value == 1:
                    name = name or "text"
                    words.append("not empty")
                else:
                    unit = "character" if isinstance(meta, StringConstraints) else "entr"
                    plural = {"character": "characters", "entr": "entries"}[unit] if value != 1 else \
                        {"character": "character", "entr": "entry"}[unit]
                    words.append(text.format(value, plural))
        for attr, symbol in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                words.append(f"{symbol} {value}")
        if getattr(meta, "allow_inf_nan", None) is False:
            words.append("finite")
    return name, words


def type_name(annotation, metadata: list | None = None) -> str:
    """A type in words, as an instructor reads it ("list of id", "one of: easy, medium, hard")."""
    implied, _ = _describe_meta(metadata or [])
    if implied:
        return implied
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *meta = get_args(annotation)
        return type_name(base, list(meta))
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return " or ".join(type_name(a) for a in options)
    if origin is Literal:
        values = get_args(annotation)
        return f"`{values[0]}`" if len(values) == 1 else "one of: " + ", ".join(map(str, values))
    if origin is list:
        return f"list of {type_name(get_args(annotation)[0])}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"mapping of {type_name(key)} to {type_name(value)}"
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        if annotation.__name__ == "When":
            return "date: \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", or a span {start, end}"
        return annotation.__name__
    return {str: "text", bool: "true or false", int: "whole number", float: "number"}.get(annotation, str(annotation))


def _models_in(annotation) -> list[type[BaseModel]]:
    found = []
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in get_args(annotation):
        found += _models_in(arg)
    return found


def _default(info: FieldInfo) -> str | None:
    if info.is_required():
        return None
    value = info.default
    if value is PydanticUndefined:
        return None
    if isinstance(value, BaseModel):
        return "(all defaults)"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return repr(value)


def _nested_constraints(annotation) -> list[str]:
    """Constraints of the entries of a list (e.g. list[Id]): stated once, for the entries."""
    words = []
    origin = get_origin(annotation)
    if origin is list:
        inner = get_args(annotation)[0]
        if get_origin(inner) is Annotated:
            _, meta = _describe_meta(list(get_args(inner)[1:]))
            if meta:
                words.append("each: " + ", ".join(meta))
    elif origin in (Union, types.UnionType):   # an optional field: the constraints of the value when given
        for option in get_args(annotation):
            if get_origin(option) is Annotated:
                words += _describe_meta(list(get_args(option)[1:]))[1]
    return words


def field_docs(model: type[BaseModel]) -> list[FieldDoc]:
    docs = []
    for name, info in model.model_fields.items():
        _, words = _describe_meta(list(info.metadata))
        words += _nested_constraints(info.annotation)
        docs.append(FieldDoc(name=name, type=type_name(info.annotation, list(info.metadata)),
                             required=info.is_required(), default=_default(info),
                             constraints="; ".join(dict.fromkeys(words)), description=info.description or ""))
    return docs


def reachable_models() -> list[tuple[type[BaseModel], str]]:
    """Every model an instructor file can contain, top-level kinds first, each with where it is used."""
    order: list[type[BaseModel]] = []
    used: dict[type[BaseModel], list[str]] = {}
    queue = list(KINDS.values())
    while queue:
        model = queue.pop(0)
        if model in order:
            continue
        order.append(model)
        for name, info in model.model_fields.items():
            for inner in _models_in(info.annotation):
                used.setdefault(inner, []).append(f"{model.__name__}.{name}")
                queue.append(inner)
    return [(m, ", ".join(used.get(m, []))) for m in order]


def _doc(model: type[BaseModel]) -> str:
    text = inspect.getdoc(model) or ""
    if model.__doc__ is None or text == inspect.getdoc(BaseModel) or text == inspect.getdoc(common.Strict):
        return ""
    return text.split("\n\n")[0].replace("\n", " ")


def model_docs() -> list[ModelDoc]:
    kinds = {model: kind for kind, model in KINDS.items()}
    docs = []
    for model, used in reachable_models():
        kind = kinds.get(model)
        title = f"{model.__name__} ({FILE_KINDS[kind].file_name}, kind: {kind})" if kind else model.__name__
        docs.append(ModelDoc(name=model.__name__, title=title, description=_doc(model),
                             used_in=f"Used in: {used}." if used else "", fields=field_docs(model), model=model))
    return docs


__all__ = ["model_docs", "reachable_models", "field_docs", "type_name", "ModelDoc", "FieldDoc"]
_ = typing  # keep the import for readers resolving annotations
