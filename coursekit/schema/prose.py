"""Which values of an instructor file are prose, found from the schema itself.

A field is prose when the schema declares it ``Text`` or ``Markdown`` (a string with constraints but no
pattern); ids, section names, URLs, dates, literals and numbers are not. The walk follows the pydantic
classes next to a file's plain data, so a prose field added to ``coursekit/schema`` is translated (and
attacked by the hostile-text tests) without a list to edit.
"""
from __future__ import annotations

import types
import typing
from collections.abc import Callable

from pydantic import BaseModel, StringConstraints
from pydantic.functional_validators import AfterValidator

from .common import KeepsOriginal, Verbatim
from .markdown import check_markdown

# fn(text, kind, owner): kind is "text" or "markdown"; owner the id of the nearest entry around the value
# ("" for a file's own fields)
ProseFunction = Callable[[str, str, str], str]


def unwrap(annotation):
    """(core type, metadata) of an annotation, looking through Optional and Annotated."""
    metadata = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata  # a real union (the item types): resolved by the data
            annotation = args[0]
        else:
            return annotation, metadata


def text_kind(annotation, metadata=()) -> str | None:
    """"markdown", "text" or None (not prose: ids, urls, dates, literals, numbers)."""
    core, found = unwrap(annotation)
    found = [*metadata, *found]
    if core is not str:
        return None
    if any(isinstance(m, AfterValidator) and m.func is check_markdown for m in found):
        return "markdown"
    constraints = [m for m in found if isinstance(m, StringConstraints)]
    if constraints and all(c.pattern is None for c in constraints):
        return "text"
    return None


def is_verbatim(annotation, metadata=()) -> bool:
    """Prose kept in its original language (``common.OriginalText``)."""
    return any(isinstance(m, Verbatim) for m in [*metadata, *unwrap(annotation)[1]])


def keeps_original(annotation, metadata=()) -> bool:
    """A list whose translated values join the original ones (``common.KeepsOriginal``)."""
    return any(isinstance(m, KeepsOriginal) for m in [*metadata, *unwrap(annotation)[1]])


def model_for(annotation, value) -> type[BaseModel] | None:
    """The model class ``value`` (plain data) is validated as, choosing among item types by ``type``."""
    core, _ = unwrap(annotation)
    candidates = typing.get_args(core) if typing.get_origin(core) in (typing.Union, types.UnionType) else (core,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            literal = candidate.model_fields.get("type")
            if literal is None or not isinstance(value, dict) or value.get("type") in typing.get_args(literal.annotation):
                return candidate
    return None


def map_prose(model: type[BaseModel], data: dict, fn: ProseFunction, owner: str = "") -> dict:
    """A copy of ``data`` (plain data valid for ``model``) with ``fn`` applied to every prose string to translate.

    Entering a nested entry with an ``id`` (an item, a choice-bearing question, an objective, an event) makes
    that id the owner of the prose inside it; a file's own fields (its title, say) have the owner "".
    """
    out = dict(data)
    for name, field in model.model_fields.items():
        if name in out:
            out[name] = _map(field.annotation, field.metadata, out[name], fn, owner)
    return out


def _map(annotation, metadata, value, fn: ProseFunction, owner: str):
    kind = text_kind(annotation, metadata)
    if kind and isinstance(value, str):
        return value if is_verbatim(annotation, metadata) else fn(value, kind, owner)
    core, _ = unwrap(annotation)
    origin = typing.get_origin(core)
    if origin is list and isinstance(value, list):
        (inner,) = typing.get_args(core)
        mapped = [_map(inner, (), v, fn, owner) for v in value]
        if keeps_original(annotation, metadata):
            mapped += [v for v in value if v not in mapped]
        return mapped
    if origin is dict and isinstance(value, dict):
        _, inner = typing.get_args(core)
        return {k: _map(inner, (), v, fn, owner) for k, v in value.items()}
    model = model_for(annotation, value)
    if model is not None and isinstance(value, dict):
        return map_prose(model, value, fn, value["id"] if isinstance(value.get("id"), str) else owner)
    return value
