"""MyST Markdown to plain CommonMark, for notebooks that leave the book.

A source notebook's Markdown cells are MyST: roles (``{cite:p}`key```, ``{term}`text <target>```),
directive fences (```` ```{note} ````, ``:::{tip}``), targets (``(label)=``) and comments (``% ...``).
Plain JupyterLab, Notebook 7, VS Code and GitHub show all of that as raw syntax. The converter rewrites
it into CommonMark any renderer shows: a role becomes what its handler returns (text, a link), a
directive what its handler returns, admonitions become blockquotes, targets and comments go.

The book decides what each role and directive means (citations, the glossary, the exercise bank), so
the handlers come from the caller (see :mod:`coursekit.sphinxext.downloads`); this module only knows
MyST's syntax. Code blocks and inline code are literal and left alone. A role or directive with no
handler is reported through ``on_unknown`` and reduced to its text, never left as raw syntax.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

ADMONITIONS = ("note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error",
               "seealso", "admonition")

# a role with its content, or an inline code span (kept literal): `` {name}`content` `` / `` `code` ``
_INLINE = re.compile(r"\{(?P<role>[A-Za-z][\w:.+-]*)\}(?P<ticks>`+)(?P<content>.+?)(?P=ticks)"
                     r"|(?P<code>(?P<cticks>`+).+?(?P=cticks))", re.S)
_FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*?)\s*$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w:.+-]*)\}\s*(?P<argument>.*)$")
_TARGET = re.compile(r"^\s{0,3}\((?P<label>[^()\s]+)\)=\s*$")
_COMMENT = re.compile(r"^\s{0,3}%")
_BLOCK_BREAK = re.compile(r"^\s{0,3}\+\+\+")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


@dataclass
class Directive:
    """A directive as written: ``name``, its ``argument`` line, ``options`` and raw ``body`` text."""

    name: str
    argument: str
    options: dict[str, str]
    body: str


RoleHandler = Callable[[str, str], str]          # (role name, content) -> Markdown
DirectiveHandler = Callable[[Directive, "Converter"], str]


def split_explicit(content: str) -> tuple[str, str]:
    """``"text <target>"`` -> ("text", "target"); ``"target"`` -> ("target", "target")."""
    match = _EXPLICIT.match(content.strip())
    if match and match.group("text"):
        return match.group("text"), match.group("target").strip()
    return content.strip(), content.strip()


def escape_text(text: str) -> str:
    """Plain text made literal in CommonMark (no emphasis, links, HTML or code by accident)."""
    return re.sub(r"([\\`*_{}\[\]<>#|~&])", r"\\\1", text)


def blockquote(markdown: str) -> str:
    """``markdown`` as a CommonMark blockquote (every line prefixed, blank lines kept inside)."""
    lines = markdown.strip("\n").splitlines() or [""]
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines) + "\n"


@dataclass
class Converter:
    """MyST -> CommonMark with the caller's role and directive handlers."""

    roles: dict[str, RoleHandler] = field(default_factory=dict)
    directives: dict[str, DirectiveHandler] = field(default_factory=dict)
    on_unknown: Callable[[str], None] = lambda message: None

    def convert(self, text: str) -> str:
        """The CommonMark for MyST ``text`` (one Markdown cell, or a directive's body)."""
        out: list[str] = []
        prose: list[str] = []
        lines = text.splitlines(keepends=True)
        i = 0

        def flush() -> None:
            if prose:
                out.append(self.inline("".join(prose)))
                prose.clear()

        while i < len(lines):
            line = lines[i]
            opening = _FENCE_OPEN.match(line.rstrip("\n"))
            if opening:
                fence = opening.group("fence")
                closing = re.compile(rf"^\s{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
                end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j].rstrip("\n"))), len(lines))
                body = "".join(lines[i + 1:end])
                directive = _DIRECTIVE.match(opening.group("info"))
                flush()
                if directive:  # a block of its own, apart from the prose around it
                    out.append("\n" + self.directive(directive.group("name"), directive.group("argument"), body) + "\n")
                elif fence[0] == ":":  # a colon fence without a directive is not code in MyST: keep its text
                    out.append(self.convert(body))
                else:  # literal code: exactly as written
                    out.append("".join(lines[i:end + 1]))
                    if end >= len(lines) and not out[-1].endswith("\n"):
                        out[-1] += "\n"
                i = end + 1
                continue
            if _TARGET.match(line) or _COMMENT.match(line) or _BLOCK_BREAK.match(line):
                i += 1
                continue
            prose.append(line)
            i += 1
        flush()
        result = "".join(part if part.endswith("\n") or not part else part + "\n" for part in out)
        return re.sub(r"\n{3,}", "\n\n", result).strip("\n") + ("\n" if text.endswith("\n") else "")

    def inline(self, text: str) -> str:
        """Roles in ``text`` replaced by their handlers' Markdown; inline code left as written."""

        def replace(match: re.Match) -> str:
            if match.group("code"):
                return match.group("code")
            name, content = match.group("role"), match.group("content")
            handler = self.roles.get(name)
            if handler is None:
                self.on_unknown(f"no plain-Markdown form for the role {{{name}}}; kept its text")
                return escape_text(split_explicit(content)[0])
            return handler(name, content)

        return _INLINE.sub(replace, text)

    def directive(self, name: str, argument: str, body: str) -> str:
        options, rest = parse_options(body)
        handler = self.directives.get(name)
        if handler is None and name in ADMONITIONS:
            handler = admonition
        if handler is None:
            self.on_unknown(f"no plain-Markdown form for the directive {{{name}}}; kept its content")
            return self.convert(rest)
        return handler(Directive(name, argument.strip(), options, rest), self)


def parse_options(body: str) -> tuple[dict[str, str], str]:
    """A directive body's leading ``:key: value`` lines (or ``---`` YAML block), and the rest."""
    lines = body.splitlines(keepends=True)
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), None)
        if end is not None:
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                options[key.strip()] = value.strip()
            return options, "".join(lines[end + 1:])
    n = 0
    while n < len(lines) and (match := _OPTION.match(lines[n].strip())):
        options[match.group("key")] = match.group("value")
        n += 1
    return options, "".join(lines[n:])


def admonition(directive: Directive, converter: Converter) -> str:
    """An admonition as a blockquote headed by its title in bold: ``{admonition}``'s argument, else the
    kind ("Note"); a named admonition's argument line is the start of its text, as in MyST."""
    if directive.name == "admonition":
        title, text = converter.inline(directive.argument) or "Note", directive.body
    else:
        title = "See also" if directive.name == "seealso" else directive.name.capitalize()
        text = f"{directive.argument}\n\n{directive.body}" if directive.argument else directive.body
    body = converter.convert(text)
    return blockquote(f"**{title}**\n\n{body}" if body.strip() else f"**{title}**")
