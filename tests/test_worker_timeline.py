"""benchmarks/worker_timeline.py, the suite benchmark's per-worker timeline, on a real two-worker pytest run."""
from __future__ import annotations

import subprocess
import sys

from benchmarks.worker_timeline import group, summarise
from tests.conftest import ROOT

SLOW_FILE = "import time\n\ndef test_a():\n    time.sleep(0.6)\n\ndef test_b():\n    time.sleep(0.6)\n"
FAST_FILE = "def test_c():\n    pass\n"


def test_a_two_worker_run_shows_each_worker_its_files_and_its_busy_time(tmp_path):
    (tmp_path / "test_slow.py").write_text(SLOW_FILE, encoding="utf-8")
    (tmp_path / "test_fast.py").write_text(FAST_FILE, encoding="utf-8")
    timeline = tmp_path / "timeline.jsonl"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "benchmarks.worker_timeline",
                           "-n", "2", "--dist", "loadfile", "-c", "/dev/null", "--rootdir", str(tmp_path),
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          env={"COURSEKIT_TIMELINE": str(timeline), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    summary = summarise(timeline)
    assert set(summary["workers"]) == {"gw0", "gw1"}
    busy = sorted((w["tests"], w["busy_s"]) for w in summary["workers"].values())
    assert busy[0][0] == 1 and busy[0][1] < 0.5          # the fast file, alone in one worker
    assert busy[1][0] == 2 and busy[1][1] >= 1.2         # both slow tests, kept together in the other
    assert list(summary["files"])[0].endswith("test_slow.py")


def test_groups_are_the_folders_under_tests_and_the_book():
    assert group("tests/browser/test_quiz_slice.py::test_x") == "tests/browser"
    assert group("tests/test_scoring.py::test_y") == "tests (top level)"
    assert group("book/part1/science.ipynb::Cell 0") == "book"
