"""Costly setup done once per test run, even when pytest-xdist splits the run over several processes.

Each worker has its own session fixtures, so a book or a virtual environment built by a session
fixture would be built once per worker. Instead the fixture asks ``once`` for a folder shared by the
whole run: the first worker to get there holds a file lock while it builds; the others wait on the lock
and then find the folder finished (a marker file written last says so), and use it as it is.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

DONE = ".done"


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the ``with`` block; others block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_root(basetemp: Path) -> Path:
    """The folder every process of this run shares: pytest's basetemp, or its parent under xdist
    (where each worker's basetemp is ``<basetemp>/popen-gwN``)."""
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def once(folder: Path, make: Callable[[Path], object]) -> Path:
    """``make(folder)`` unless this run already did it; returns ``folder``, finished.

    A folder left half-made (its maker failed) is emptied and made again, so a failure is reported by
    every test that needs the folder rather than hidden behind a broken copy.
    """
    with file_lock(folder.parent / f"{folder.name}.lock"):
        if not (folder / DONE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / DONE).touch()
    return folder
