"""Where an npm package that coursekit uses at build time is installed (``npm ci`` puts them in
``node_modules/``; package.json names them, and none is ever committed)."""
from __future__ import annotations

from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]   # the checkout coursekit runs from, when it runs from one


def find_node_package(name: str, start: Path) -> Path | None:
    """The folder of npm package ``name``: in ``node_modules/`` of ``start`` or a parent of it, else of the
    repository coursekit runs from (a book built outside it, like the test books); None when neither has it."""
    for folder in (start.resolve(), *start.resolve().parents, REPOSITORY):
        candidate = folder / "node_modules" / name
        if (candidate / "package.json").is_file():
            return candidate
    return None
