"""Located problems in instructor files: every message names the file, the line and the fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file. ``line`` and ``column`` are 1-based (0 when unknown)."""

    path: Path
    line: int
    column: int
    message: str
    fix: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else f"{self.path}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text


class ExerciseError(Exception):
    """Raised when a data file cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
