"""Exercise files whose every text field carries script-like payloads, generated from the schema.

``hostile(model, template)`` walks the pydantic model class next to a valid template instance and
puts a payload into every plain-text field the schema declares (``coursekit.schema.prose``: ``Text``,
``OriginalText`` and ``Markdown`` fields, in
nested models, lists and dict values alike), adding optional text fields the template leaves out. So a
text field added to ``coursekit/schema`` is covered without editing this file. Markdown refuses raw
HTML, so Markdown fields get the payloads as code and as backslash-escaped text, which is how such text
legitimately reaches a page.
"""
from __future__ import annotations

import itertools
import typing

from pydantic import BaseModel

from coursekit.schema.prose import model_for, text_kind, unwrap

PAYLOADS = ["<img src=x onerror=window.__pwned=1>", "<!-- <script>", "</script><script>window.__pwned=1</script>",
            "<svg onload=window.__pwned=1>", "\"'><iframe srcdoc=\"<script>parent.__pwned=1</script>\">"]
_counter = itertools.count(1)


def text_payload() -> str:
    return f"t{next(_counter)} " + " ".join(PAYLOADS)


def markdown_payload() -> str:
    escaped = " ".join(p.replace("<", "\\<").replace(">", "\\>") for p in PAYLOADS[:3])
    return f"m{next(_counter)} `{PAYLOADS[0]}` `{PAYLOADS[1]}` `{PAYLOADS[2]}` {escaped}"


def _payload(kind: str) -> str:
    return markdown_payload() if kind == "markdown" else text_payload()


def _fill(annotation, metadata, value, covered: set, where: str):
    kind = text_kind(annotation, metadata)
    if kind:
        covered.add(where)
        return _payload(kind)
    core, _ = unwrap(annotation)
    origin = typing.get_origin(core)
    if origin is list and isinstance(value, list):
        (inner,) = typing.get_args(core)
        return [_fill(inner, (), v, covered, where) for v in value]
    if origin is dict and isinstance(value, dict):
        _, inner = typing.get_args(core)
        return {k: _fill(inner, (), v, covered, where) for k, v in value.items()}
    model = model_for(annotation, value)
    if model is not None and isinstance(value, dict):
        return hostile(model, value, covered)
    return value


def hostile(model: type[BaseModel], template: dict, covered: set | None = None) -> dict:
    """A copy of ``template`` (valid for ``model``) with a payload in every text field of the schema;
    ``covered`` collects "Model.field" for each field filled."""
    covered = set() if covered is None else covered
    data = dict(template)
    for name, field in model.model_fields.items():
        where = f"{model.__name__}.{name}"
        if name in data:
            data[name] = _fill(field.annotation, field.metadata, data[name], covered, where)
        elif text_kind(field.annotation, field.metadata):  # an optional text field the template leaves out
            data[name] = _fill(field.annotation, field.metadata, None, covered, where)
        else:
            core, _ = unwrap(field.annotation)
            inner = typing.get_args(core)
            if typing.get_origin(core) is list and inner and text_kind(inner[0]):  # an optional list of texts
                data[name] = [_fill(inner[0], (), None, covered, where)]
    return data


def text_fields(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every "Model.field" of free text reachable from ``model`` (what ``hostile`` must cover)."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    found = set()
    for name, field in model.model_fields.items():
        if text_kind(field.annotation, field.metadata):
            found.add(f"{model.__name__}.{name}")
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            core, _ = unwrap(annotation)
            if text_kind(core, unwrap(annotation)[1]):
                found.add(f"{model.__name__}.{name}")
            if isinstance(core, type) and issubclass(core, BaseModel):
                found |= text_fields(core, seen)
            else:
                stack.extend(typing.get_args(core))
    return found
