"""Safe, line-aware YAML reading for instructor files.

ruamel.yaml composes the document into a node tree that keeps every node's position; we build plain
Python data from that tree ourselves so that (a) every value can be traced back to its line and column
for error messages, and (b) anchors, aliases and custom tags are refused before anything is expanded or
constructed, which makes alias bombs and object-construction tags harmless. Before any of that, the
file must be a regular file under the size limit (so a device, a pipe or a huge file is refused without
being read), and a file with more than ``MAX_VALUES`` values is refused before ruamel composes it:
libyaml's C parser (through PyYAML) counts the values in milliseconds where ruamel's pure-Python
composer takes seconds, and the composer itself stops at the limit where libyaml is missing.
Parser errors are translated into what is wrong on the line and how to fix it (:data:`_PLAIN_WORDS`).
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ExerciseError, Problem

MAX_BYTES = 1_000_000
MAX_VALUES = 100_000  # a 1,000-question bank holds about 25,000, a 2,000-event timeline about 52,000; composing is linear, so this bounds the time
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


class _TooManyValues(Exception):
    def __init__(self, mark):
        self.mark = mark


class _CountingComposer(Composer):
    """ruamel's composer, stopping once a document has more than MAX_VALUES values."""

    def compose_node(self, parent, index):
        self.coursekit_count = getattr(self, "coursekit_count", 0) + 1
        if self.coursekit_count > MAX_VALUES:
            raise _TooManyValues(self.parser.peek_event().start_mark)
        return super().compose_node(parent, index)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, after checking that it is a regular file within the size limit."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
        raise _error(path, 1, 1, f"the path is {kind}", "give the path of a .yml file")
    if info.st_size > MAX_BYTES:
        raise _error(path, 1, 1, f"file is larger than {MAX_BYTES:,} bytes ({info.st_size:,})",
                     "split it into several files")
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:   # grew since the check
        raise _error(path, 1, 1, f"file is larger than {MAX_BYTES:,} bytes", "split it into several files")
    return raw


def _check_value_count(path: Path, text: str) -> None:
    """Refuse a file with more than MAX_VALUES values, counted by libyaml (C) when PyYAML has it."""
    try:
        import yaml
        loader = yaml.CSafeLoader
    except (ImportError, AttributeError):   # no libyaml: _CountingComposer stops at the limit instead
        return
    count = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                count += 1
                if count > MAX_VALUES:
                    mark = event.start_mark
                    raise _error(path, mark.line + 1, mark.column + 1,
                                 f"the file holds more than {MAX_VALUES:,} values", "split it into several files")
    except yaml.YAMLError:
        return   # malformed: ruamel reports it, in the instructor's words


def read_yaml(path: Path) -> YamlSource:
    """Read ``path`` as UTF-8 YAML; raise :class:`ExerciseError` with a located problem if it is unusable."""
    path = Path(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(path, line, column, "file is not valid UTF-8",
                     "save the file with UTF-8 encoding (in most editors: Save with Encoding > UTF-8)")
    text = text.removeprefix("\ufeff")
    _check_flow_depth(path, text)
    _check_value_count(path, text)
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _CountingComposer
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        message, fix = plain_words(exc, text)
        unclosed = "never closed" in message or "not closed" in message   # point at where it was opened
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        opened = _open_quote(text, mark.line) if mark else None
        if opened is not None:   # a quote left open earlier swallowed the lines up to here
            (line, column), message = opened, "a quoted text is never closed"
            fix = "add the closing quote (\") at the end of the text"
        raise _error(path, line, column, message, fix) from None
    except ReaderError as exc:  # control characters such as NUL: not a MarkedYAMLError
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise _error(path, line, column, f"unacceptable character U+{exc.character:04X} in the file",
                     "delete the invisible control character (retype the line)") from None
    except _TooManyValues as exc:
        raise _error(path, exc.mark.line + 1, exc.mark.column + 1,
                     f"the file holds more than {MAX_VALUES:,} values", "split it into several files") from None
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


# What the parser says -> what is wrong on the line, and how to fix it (checked in this order).
_PLAIN_WORDS = (
    ("mapping values are not allowed", "text containing ': ' is not in quotes, so YAML reads a second key",
     'put the whole text in double quotes, e.g. title: "Water: a shared resource"'),
    ("found character '\\t'", "a tab character is used for indentation", "indent with spaces only"),
    ("found character '\t'", "a tab character is used for indentation", "indent with spaces only"),
    ("expected a single document", "the file holds more than one document (a '---' line)",
     "remove the '---' line: one file holds one quiz, prompts, free-response or timeline document"),
    ("but found another document", "the file holds more than one document (a '---' line)",
     "remove the '---' line: one file holds one quiz, prompts, free-response or timeline document"),
    ("while scanning a quoted scalar", "a quoted text is never closed",
     "add the closing quote (' or \") at the end of the text"),
    ("while parsing a flow sequence", "a list written in [ ] is not closed",
     "add the closing ] (or write the list as lines starting with '- ')"),
    ("while parsing a flow mapping", "a mapping written in { } is not closed", "add the closing }"),
    ("could not find expected ':'", "this line is neither `key: value` nor a list entry",
     "add ': ' after the key, or put the text in quotes"),
    ("while scanning a simple key", "this line is neither `key: value` nor a list entry",
     "add ': ' after the key, or put the text in quotes"),
    ("expected <block end>", "this line is indented differently from the lines around it",
     "line it up with the keys above it (spaces, not tabs), or put a text containing ':' or '#' in quotes"),
    ("while parsing a block", "this line is indented differently from the lines around it",
     "line it up with the keys above it (spaces, not tabs), or put a text containing ':' or '#' in quotes"),
)


_KEY_LINE = re.compile(r"^( *)(- )?[A-Za-z_][\w-]*:( |$)")


def _open_quote(text: str, before: int) -> tuple[int, int] | None:
    """Where a double-quoted text that is still open at line ``before`` (0-based) was opened, if one is:
    (line, column), 1-based. A value's quote opens after ': ' or '- '; comments are skipped.

    A quote left open can also close by accident on a later line (at the next value's opening quote),
    after swallowing whole `key:` lines; the parser then stumbles further down. Such a quote, whose text
    ran over a key line indented no deeper than its own, is reported as the one never closed."""
    opened, swallowed = None, None
    for number, line in enumerate(text.splitlines()[:before]):
        if opened is not None and swallowed is None and (key := _KEY_LINE.match(line)) \
                and len(key[1]) <= opened[2]:
            swallowed = opened[:2]
        position = 0
        while position < len(line):
            ch = line[position]
            if opened is not None:
                if ch == "\\":
                    position += 1
                elif ch == '"':
                    opened = None
            elif ch == "#" and (position == 0 or line[position - 1] in " \t"):
                break
            elif ch == '"' and line[:position].rstrip().endswith((":", "-", "[", ",", "{")):
                opened = (number + 1, position + 1, len(line) - len(line.lstrip(" ")))
            elif ch == "'" and line[:position].rstrip().endswith((":", "-", "[", ",", "{")):
                end = line.find("'", position + 1)
                position = len(line) if end < 0 else end
            position += 1
    return opened[:2] if opened is not None else swallowed


_INDENTED_KEY = re.compile(r"^\s+[^\s:#'\"][^:#]*:(\s|$)")


def plain_words(exc: MarkedYAMLError, text: str) -> tuple[str, str]:
    """A parser error in an instructor's words: (what is wrong on the line, how to fix it)."""
    said = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark
    lines = text.splitlines()
    if "mapping values are not allowed" in said and mark and mark.line < len(lines) \
            and _INDENTED_KEY.match(lines[mark.line]) and lines[mark.line].find(":") == mark.column:
        # the line's own key is the second key YAML sees: it continues the value of the line above
        return ("this line is indented further than the key above it, so YAML reads it as part of that value",
                "line the key up with the keys above it (spaces, not tabs)")
    for clue, message, fix in _PLAIN_WORDS:
        if clue in said:
            if clue == "mapping values are not allowed" and mark and mark.line < len(lines) \
                    and ":" in lines[mark.line]:   # show the fix on the line's own key and text
                key, _, value = lines[mark.line].partition(":")
                fix = f'put the whole text in double quotes, e.g. {key.strip().removeprefix("- ").strip() or "title"}: ' \
                      f'"{value.strip()}"'
            return message, fix
    return ("the YAML structure is broken on this line",
            "check the indentation, and put text that contains ':' or '#' in quotes")


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
    """Refuse [ ] and { } nested more than MAX_FLOW_DEPTH deep, at the bracket that goes too deep.

    Brackets inside quoted text and comments are not nesting and are skipped; a plain scalar's
    brackets are counted, which can only overestimate, and only files past the limit are refused.
    """
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    depth, line, column, quote, comment = 0, 1, 0, "", False
    previous = "\n"
    for ch in text:
        column += 1
        if ch == "\n":
            line, column, comment = line + 1, 0, False   # a quoted text may span lines: it stays open
        elif comment:
            pass
        elif quote:
            if ch == quote and not (quote == '"' and previous == "\\"):
                quote = ""
        elif ch in "'\"" and previous in " \t\n[{,:":
            quote = ch
        elif ch == "#" and previous in " \t\n":
            comment = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                raise _error(path, line, column, "YAML is nested too deeply",
                             f"write lists and mappings in [ ] or {{ }} at most {MAX_FLOW_DEPTH} levels deep "
                             "(usually a few are enough)")
        elif ch in "]}":
            depth = max(0, depth - 1)
        previous = ch


def _error(path: Path, line: int, column: int, message: str, fix: str) -> ExerciseError:
    return ExerciseError([Problem(path, line, column, message, fix)])
