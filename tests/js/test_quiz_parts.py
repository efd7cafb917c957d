"""The quiz's pure parts (scoring, seeded order and draw, saved-progress checks and merging) and those of
My progress built on them (checks of own answers and sections read, the import's plan) under
Node's built-in test runner: tests/js/*.test.mjs import one ES module made of common.js and those
parts, with every top-level function and constant exported (the parts themselves export nothing)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit.widgets.base import HERE

NODE = shutil.which("node")
PARTS = ["common.js", "quiz/10-score.js", "quiz/20-shuffle.js", "quiz/30-storage.js",
         "../static/answer-store.js", "../static/read-store.js", "../static/progress-merge.js"]
TESTS = sorted(Path(__file__).parent.glob("*.test.mjs"))


def parts_module() -> str:
    source = "\n".join((HERE / part).read_text(encoding="utf-8") for part in PARTS)
    names = re.findall(r"^(?:function|const|let)\s+([A-Za-z_$][\w$]*)", source, flags=re.M)
    return f"{source}\nexport {{ {', '.join(names)} }};\n"


@pytest.mark.parametrize("test_file", TESTS, ids=[t.name for t in TESTS])
def test_node_suite(test_file, tmp_path):
    if NODE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node (Node.js 20) is not on the PATH")
        pytest.skip("node (Node.js 20) is not on the PATH")
    module = tmp_path / "parts.mjs"
    module.write_text(parts_module(), encoding="utf-8")
    result = subprocess.run([NODE, "--test", "--test-reporter=spec", str(test_file)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "COURSEKIT_PARTS": module.as_uri()})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert re.search(r"\bpass [1-9]", result.stdout), result.stdout[-2000:]  # tests ran, none silently skipped
    assert re.search(r"\bfail 0\b", result.stdout), result.stdout[-2000:]


def test_the_suite_exists():
    assert {t.name for t in TESTS} >= {"score.test.mjs", "shuffle.test.mjs", "storage.test.mjs", "merge.test.mjs"}
