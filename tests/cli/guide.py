"""The shell commands an instructor reads in the guide, taken from the Markdown itself.

A new instructor copies what the pages show: the ``$`` lines of console blocks (with the output the page
says they print), the lines of bash and shell blocks, and every `` `coursekit ...` `` written inline in
the prose, the tables and the comments of the templates ``coursekit new`` writes. Reading them from the
pages (rather than listing them in a test) means a command added to the guide is run by the suite
without anyone remembering to add it.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What a new instructor reads: the guide's pages, the README's instructions, and the templates `coursekit
# new` writes (their comments name the next command).
PAGES = [*sorted((ROOT / "book" / "instructors").glob("*.md")), ROOT / "README.md",
         *sorted((ROOT / "coursekit" / "templates").glob("*.yml"))]
SHELL = {"console", "bash", "shell", "sh"}
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
INLINE = re.compile(r"(?<!`)`(coursekit [^`]+)`(?!`)")
ELLIPSIS = "..."


@dataclass
class Command:
    """One command as the page shows it: where, what to type, and the output lines it quotes (if any)."""

    page: Path
    line: int
    text: str
    shown: list[str] = field(default_factory=list)
    inline: bool = False

    @property
    def argv(self) -> list[str]:
        return shlex.split(self.text, comments=True)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def fenced_blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """(info word, first line number, lines) of every fenced block, nested fences kept inside their block."""
    blocks, lines, open_fence = [], text.splitlines(), None
    for number, line in enumerate(lines, 1):
        match = FENCE.match(line)
        if open_fence is None:
            if match:
                open_fence = (match["fence"], match["info"].strip().split(" ")[0], number, [])
        elif match and match["fence"][0] == open_fence[0][0] and len(match["fence"]) >= len(open_fence[0]) \
                and not match["info"].strip():
            blocks.append((open_fence[1], open_fence[2] + 1, open_fence[3]))
            open_fence = None
        else:
            open_fence[3].append(line)
    return blocks


def outside_blocks(text: str) -> str:
    """The page with every fenced block's lines blanked (line numbers kept), for the inline commands."""
    lines = text.splitlines()
    for _info, first, body in fenced_blocks(text):
        for index in range(first - 2, first + len(body)):
            lines[index] = ""
    return "\n".join(lines)


def commands(page: Path) -> list[Command]:
    """Every command of ``page`` in reading order: block commands and inline `` `coursekit ...` ``."""
    text = page.read_text(encoding="utf-8")
    found: list[Command] = []
    for info, first, body in fenced_blocks(text):
        if info not in SHELL:
            continue
        current = None
        for offset, line in enumerate(body):
            if info == "console":
                if line.startswith("$ "):
                    current = Command(page, first + offset, line[2:].strip())
                    found.append(current)
                elif line.strip():
                    assert current is not None, f"{page}:{first + offset}: output shown before any $ command"
                    current.shown.append(line)
            elif line.strip() and not line.lstrip().startswith("#"):
                found.append(Command(page, first + offset, line.strip()))
    prose = outside_blocks(text)
    for match in INLINE.finditer(prose):
        command = " ".join(match[1].split())           # inline code may wrap onto the next line
        found.append(Command(page, prose.count("\n", 0, match.start()) + 1, command, inline=True))
    return sorted(found, key=lambda c: c.line)


def all_commands() -> list[Command]:
    return [command for page in PAGES for command in commands(page)]


def masked(line: str) -> str:
    """A line as compared: a problem line's numbers (its line, column and counts, which move whenever an
    item is added above it) masked; every other line, counts included, compared as it is."""
    return re.sub(r"\d+", "N", line) if re.match(r"^\S+:\d+:\d+: ", line) else line


def agrees(shown: list[str], printed: list[str]) -> str | None:
    """None when ``printed`` is what the page shows, else why not.

    The page's lines must come out in order; ``...`` inside a line stands for any text (a long list of
    ids, say), and a line of only ``...`` for any number of lines. Without such a line the page must show
    every line printed, one for one."""
    want, got = [masked(line.rstrip()) for line in shown], [masked(line.rstrip()) for line in printed if line.strip()]
    gaps = ELLIPSIS in want
    position = 0
    for line in (w for w in want if w != ELLIPSIS):
        pattern = re.compile(".*".join(re.escape(part) for part in re.split(r"\s*\.\.\.\s*", line)))
        for index in range(position, len(got)):
            if pattern.fullmatch(got[index]):
                if not gaps and index != position:
                    return f"printed {got[position]!r} before {line!r}, which the page does not show"
                position = index + 1
                break
        else:
            return f"the page shows {line!r}; it was not printed (in this order)"
    if not gaps and position != len(got):
        return f"printed {got[position:]!r}, which the page does not show"
    return None
