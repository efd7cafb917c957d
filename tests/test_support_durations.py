"""support/durations.py: test files sent to xdist's workers longest first, from the last measured run."""
from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

from support.durations import GUESS_SLOW_S, load, longest_first, save
from tests.conftest import ROOT

CONFTEST = "from tests.conftest import pytest_collection_modifyitems, pytest_configure  # noqa: F401\n"


def items(*nodeids: str) -> list:
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def test_files_go_longest_first_and_each_keeps_its_own_order():
    order = longest_first(items("a.py::1", "a.py::2", "b.py::1", "c.ipynb::Cell 0", "c.ipynb::Cell 1", "b.py::2"),
                          {"a.py": 2.0, "b.py": 30.0, "c.ipynb": 9.0})
    assert [i.nodeid for i in order] == ["b.py::1", "b.py::2", "c.ipynb::Cell 0", "c.ipynb::Cell 1", "a.py::1", "a.py::2"]


def test_an_unrecorded_file_is_guessed_from_its_slow_marks():
    order = longest_first(items("fast.py::t", "known.py::t", "new_slow.py::t"), {"known.py": GUESS_SLOW_S - 1},
                          slow={"new_slow.py"})
    assert [i.nodeid for i in order] == ["new_slow.py::t", "known.py::t", "fast.py::t"]


def test_the_record_round_trips_and_a_broken_one_is_no_record(tmp_path):
    record = tmp_path / "durations.json"
    save({"b.py": 1.04, "a.py": 20.0}, record)
    assert list(load(record).items()) == [("a.py", 20.0), ("b.py", 1.0)]
    record.write_text("[not a mapping]", encoding="utf-8")
    assert load(record) == {} and load(tmp_path / "missing.json") == {}


def test_xdist_sends_the_long_file_first_not_the_one_with_most_tests(tmp_path):
    """The suite's own hooks on a tiny tree, one worker: its one slow test runs before the five quick ones
    (xdist's default order, most tests first, would run them last)."""
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_many.py").write_text("".join(f"def test_{n}():\n    pass\n" for n in range(5)), encoding="utf-8")
    (tmp_path / "test_one.py").write_text("import pytest\n\n@pytest.mark.slow\ndef test_long():\n    pass\n",
                                          encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "1", "--dist", "loadfile",
                           "-v", "-c", "/dev/null", "--rootdir", str(tmp_path), str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    passed = [line for line in done.stdout.splitlines() if "PASSED" in line]
    assert len(passed) == 6, done.stdout
    assert "test_one.py::test_long" in passed[0], "\n".join(passed)
