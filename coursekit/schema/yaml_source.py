"""Safe, line-aware YAML reading for instructor files.

ruamel.yaml composes the document into a node tree that keeps every node's position; we build plain
Python data from that tree ourselves so that (a) every value can be traced back to its line and column
for error messages, and (b) anchors, aliases and custom tags are refused before anything is expanded or
constructed, which makes alias bombs and object-construction tags harmless.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ExerciseError, Problem

MAX_BYTES = 1_000_000
MAX_FLOW_DEPTH = 50  # ruamel's scanner is quadratic in the nesting of [ ... ]: refuse absurd nesting first
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass
class YamlSource:
    """The data of one YAML file plus the position of every value in it."""

    path: Path
    data: Any
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: tuple) -> tuple[int, int]:
        """Line and column (1-based) of the deepest known value along ``loc``."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: tuple, message: str, fix: str = "", severity: str = "error") -> Problem:
        line, column = self.position(loc)
        return Problem(self.path, line, column, message, fix, severity)


def read_yaml(path: Path) -> YamlSource:
    """Read ``path`` as UTF-8 YAML; raise :class:`ExerciseError` with a located problem if it is unusable."""
    path = Path(path)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise _error(path, 1, 1, f"file is larger than {MAX_BYTES:,} bytes", "split it into several files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(path, line, column, "file is not valid UTF-8",
                     "save the file with UTF-8 encoding (in most editors: Save with Encoding > UTF-8)")
    text = text.removeprefix("\ufeff")
    _check_flow_depth(path, text)
    yaml = YAML(typ="rt", pure=True)
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(path, line, column, f"malformed YAML: {exc.problem or exc.context}",
                     "check indentation and quote text that contains ':' or '#'") from None
    except ReaderError as exc:  # control characters such as NUL: not a MarkedYAMLError
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise _error(path, line, column, f"unacceptable character U+{exc.character:04X} in the file",
                     "delete the invisible control character (retype the line)") from None
    except RecursionError:
        raise _error(path, 1, 1, "YAML is nested too deeply",
                     "write nested lists and mappings at most a few levels deep") from None
    source = YamlSource(path, None)
    if node is None:
        raise _error(path, 1, 1, "file is empty", "start from a template: `coursekit new`")
    constructor = yaml.constructor
    try:
        source.data = _build(node, (), source, constructor, set())
    except RecursionError:
        raise _error(path, 1, 1, "YAML is nested too deeply",
                     "write nested lists and mappings at most a few levels deep") from None
    return source


def _build(node: Node, loc: tuple, source: YamlSource, constructor, seen: set[int]) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    source.positions[loc] = (line, column)
    if id(node) in seen or getattr(node, "anchor", None):
        raise _error(source.path, line, column, "YAML anchors and aliases (& and *) are not allowed",
                     "write the value out in full")
    if node.tag not in _PLAIN_TAGS:
        raise _error(source.path, line, column, f"YAML tag {node.tag!r} is not allowed",
                     "remove the '!' tag; plain text, numbers, lists and mappings are enough")
    seen.add(id(node))
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, loc + ("<key>",), source, constructor, seen)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise _error(source.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                             f"duplicate key {key!r}", "keep only one of them")
            source.positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(value_node, loc + (key,), source, constructor, seen)
            source.positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        source.positions.pop(loc + ("<key>",), None)
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, loc + (i,), source, constructor, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag.endswith(":timestamp"):
        return node.value  # dates stay text; the schema parses them with their precision
    try:
        value = constructor.construct_object(node, deep=True)
    except Exception:  # a bad value under an explicit plain tag, e.g. `!!int abc` or `!!int ""`
        raise _error(source.path, line, column, f"{node.value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}",
                     "remove the '!!' tag and write the value plainly") from None
    if node.tag.endswith(":str") and not isinstance(value, str):  # `!!str 12` gives a TaggedScalar
        value = str(getattr(value, "value", value)).replace("\a", "")  # \a: ruamel's fold markers
    return value


def _check_flow_depth(path: Path, text: str) -> None:
    """Refuse flow collections nested more than MAX_FLOW_DEPTH deep (counted naively, quotes included)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    depth, line = 0, 1
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                raise _error(path, line, 1, "YAML is nested too deeply",
                             "write nested lists and mappings at most a few levels deep")
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "\n":
            line += 1


def _error(path: Path, line: int, column: int, message: str, fix: str) -> ExerciseError:
    return ExerciseError([Problem(path, line, column, message, fix)])
