"""support/once.py: what two pytest-xdist workers do when both need the same book: it is made once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.once import DONE, once, run_root
from tests.conftest import ROOT

# One "worker": ask once() for the shared folder; the maker appends a line to a log and takes a while,
# so that the other worker arrives while it is still making.
WORKER = """
import sys, time
from pathlib import Path
from support.once import once
log = Path(sys.argv[2])
def make(folder):
    with log.open("a") as f:
        f.write("made\\n")
    time.sleep(1.0)
    (folder / "book.html").write_text("built", encoding="utf-8")
folder = once(Path(sys.argv[1]), make)
print((folder / "book.html").read_text(encoding="utf-8"))
"""


def test_two_processes_asking_at_once_make_the_folder_once_and_both_use_it(tmp_path):
    folder, log = tmp_path / "shared" / "book", tmp_path / "makes.log"
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(folder), str(log)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["built", "built"]
    assert log.read_text(encoding="utf-8") == "made\n"


def test_a_failed_make_is_not_taken_for_finished(tmp_path):
    folder = tmp_path / "book"

    def broken(target: Path) -> None:
        (target / "half.html").write_text("half", encoding="utf-8")
        raise AssertionError("book build failed")

    with pytest.raises(AssertionError, match="book build failed"):
        once(folder, broken)
    assert not (folder / DONE).exists()
    once(folder, lambda target: (target / "book.html").write_text("built", encoding="utf-8"))
    assert sorted(p.name for p in folder.iterdir()) == [DONE, "book.html"]   # made again from empty


def test_the_shared_folder_is_the_basetemp_or_above_the_workers_own(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert run_root(tmp_path) == tmp_path
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert run_root(tmp_path / "popen-gw1") == tmp_path
