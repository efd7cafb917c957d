"""Turn a YAML file into a checked model, or into located, fixable problems."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..kinds import KINDS as FILE_KINDS
from ..questions import ITEM_TYPES
from .errors import ExerciseError, Problem
from .yaml_source import YamlSource, read_yaml

MAX_PROBLEMS = 25  # per file: past this, one more line says how many were left out

KINDS: dict[str, type[BaseModel]] = {name: kind.model for name, kind in FILE_KINDS.items()}

_FIXES = {
    "missing": "add the field `{field}:`",
    "extra_forbidden": "remove `{field}` or check its spelling",
    "union_tag_invalid": "set `type:` to one of: " + ", ".join(ITEM_TYPES),
    "union_tag_not_found": "add `type:` (" + ", ".join(ITEM_TYPES[:-1]) + " or " + ITEM_TYPES[-1] + ")",
    "string_pattern_mismatch": "use lowercase letters, digits and hyphens (ids), 'part/section' (sections) "
                               "or a full https:// address (urls)",
    "too_short": "add more entries",
    "too_long": "remove entries, keeping the most important",
    "string_too_long": "shorten the text",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "float_parsing": "write a number",
    "int_parsing": "write a whole number",
    "greater_than_equal": "use a value that is not negative",
    "literal_error": "use one of the values listed",
    "string_type": "write text (put it in quotes)",
    "list_type": "write a list (lines starting with '- ')",
    "dict_type": "write a mapping (indented `key: value` lines)",
    "model_type": "write a mapping (indented `key: value` lines)",
    "model_attributes_type": "write a mapping (indented `key: value` lines)",
    "finite_number": "write an ordinary number (not .inf or .nan)",
    "string_too_short": "write some text",
    "int_type": "write a whole number",
    "float_type": "write a number",
}

_PATTERN_FIXES = (  # string_pattern_mismatch: the fix depends on which kind of string was expected
    ("^https://", "write a full https:// address (http:// is not accepted)"),
    ("^(easy|medium|hard)", "use one of: easy, medium, hard"),
    ("^[a-z0-9-]+/", "write the section as 'part/section', e.g. part1/science"),
    ("^[a-z0-9]+(", "use lowercase letters, digits and hyphens, e.g. oic-charter"),
)


def load(path: Path, kind: str | None = None) -> BaseModel:
    """Read and validate one instructor file; raise :class:`ExerciseError` listing every problem."""
    source = read_yaml(Path(path))
    return validate(source, kind)


def validate(source: YamlSource, kind: str | None = None) -> BaseModel:
    data = source.data
    if not isinstance(data, dict):
        raise ExerciseError([source.problem((), "the file must be a mapping of `key: value` lines",
                                            "start from a template: `coursekit new`")])
    kind = kind or data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise ExerciseError([source.problem(("kind",), f"unknown kind {kind!r}",
                                            "set `kind:` to one of: " + ", ".join(KINDS))])
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        problems = [_problem(source, error) for error in errors[:MAX_PROBLEMS]]
        if len(errors) > MAX_PROBLEMS:
            last = problems[-1]
            problems.append(Problem(source.path, last.line, last.column,
                                    f"and {len(errors) - MAX_PROBLEMS:,} more problems in this file",
                                    "fix the ones above first, then check again"))
        raise ExerciseError(problems) from None
    cross = getattr(result, "cross_check", lambda: [])()
    if cross:
        raise ExerciseError([source.problem(loc, message, fix) for loc, message, fix in cross])
    return result


def _problem(source: YamlSource, error: dict[str, Any]) -> Problem:
    loc = _data_path(source.data, error["loc"])
    field = ".".join(str(part) for part in loc) or "(top level)"
    if error["type"] == "missing" or error["type"] == "extra_forbidden":
        field_name = str(error["loc"][-1])
    else:
        field_name = field
    message = error["msg"].removeprefix("Value error, ")
    fix = _FIXES.get(error["type"], "").format(field=field_name)
    if error["type"] == "literal_error":
        fix = f"use one of: {error['ctx']['expected']}"
    if error["type"] == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        fix = next((text for start, text in _PATTERN_FIXES if pattern.startswith(start)), fix)
    if error["type"] == "value_error" and "; " in message:  # our validators write "what is wrong; how to fix"
        message, fix = message.rsplit("; ", 1)
    if not fix:
        fix = f"compare `{field_name}` with the examples in the authoring guide"
    return source.problem(loc, f"{field}: {message}", fix)


def _data_path(data: Any, loc: tuple) -> tuple:
    """Drop pydantic's union-tag parts from ``loc`` so it follows the YAML structure."""
    path: list = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
            path.append(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            path.append(part)
        elif isinstance(data, dict) and isinstance(part, str) and part not in data and not path[-1:] == [part]:
            # a missing field, or a union tag such as 'single_choice': keep missing fields in the message
            if part.replace("_", "").isalpha() and part not in _union_tags():
                path.append(part)
                break
    return tuple(path)


def _union_tags() -> set[str]:
    return set(ITEM_TYPES)
