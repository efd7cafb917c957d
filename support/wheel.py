"""coursekit as an installed package: its wheel and sdist, and fresh virtual environments that hold them.

The packaging tests and the test that runs every generated download alone both need a clean
environment with only the wheel and its declared dependencies; making one is a venv plus a pip install,
so the suite makes it once (tests/conftest.py) and both use it.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_checked(*cmd, cwd=None, env=None) -> subprocess.CompletedProcess:
    """Run ``cmd``; on failure raise AssertionError with the end of its output (a test then fails, located)."""
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def build_dist(folder: Path) -> None:
    """coursekit's wheel (``pip wheel``) and sdist (``python -m build``) into ``folder``."""
    run_checked(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", folder, cwd=ROOT)
    run_checked(sys.executable, "-m", "build", "--sdist", "--outdir", folder, cwd=ROOT)


def wheel_in(folder: Path) -> Path:
    return next(folder.glob("coursekit-*.whl"))


def make_venv(path: Path, requirement: str) -> Path:
    """A new virtual environment at ``path`` with ``requirement`` installed, its dependencies pinned to the
    versions this repository tests (requirements.txt as constraints); returns its bin folder."""
    run_checked(sys.executable, "-m", "venv", path)
    run_checked(path / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
                "-c", ROOT / "requirements.txt", requirement)
    return path / "bin"
