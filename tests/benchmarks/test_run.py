"""benchmarks/run.py: a partial run (--only) writes its own results-<groups> files, never results.md/json.

The lead keeps results.md from one full run on a quiet machine; a helper measuring one group must not
replace it with a table of a few rows. The groups here are stand-ins (the real ones take minutes), run
through the real ``main`` with its argument parsing and report writer.
"""
from __future__ import annotations

import json

import pytest

from benchmarks import report, run
from benchmarks.common import Row


@pytest.fixture
def bench(tmp_path, monkeypatch):
    """The runner with two quick stand-in groups, writing into tmp_path instead of benchmarks/."""
    def measure_alpha(ctx):
        return [Row("Alpha", "one", "1")]

    def measure_beta(ctx):
        return [Row("Beta", "two", "2")]

    def measure_gamma(ctx):
        return [Row("Gamma", "three", "3")]

    def measure_tests(ctx):  # like benchmarks/suite.py: times the suite only when asked to
        return [Row("Tests", "suite", "4")] if ctx.with_tests else []

    monkeypatch.setattr(run, "MEASUREMENTS", [("alpha", measure_alpha), ("tests", measure_tests), ("beta", measure_beta),
                                                 ("gamma", measure_gamma)])
    monkeypatch.setattr(run, "GROUPS", ["alpha", "tests", "beta", "gamma"])
    monkeypatch.setattr(run, "WORK", tmp_path / ".work")
    monkeypatch.setattr(report, "BENCH", tmp_path)
    monkeypatch.setattr(run, "machine_info", lambda: {
        "cpu": "test", "cores": 2, "load_average_at_start": [0.0, 0.0, 0.0], "ram_gib": 1, "os": "test",
        "python": "3", "chromium": "none", "node": "none", "date": "today", "packages": {}})
    return tmp_path


def test_partial_run_writes_its_own_files_and_leaves_the_full_results(bench):
    (bench / "results.md").write_text("full run", encoding="utf-8")
    (bench / "results.json").write_text("{}", encoding="utf-8")
    assert run.main(["--only", "beta"]) == 0
    assert (bench / "results.md").read_text(encoding="utf-8") == "full run"
    assert (bench / "results.json").read_text(encoding="utf-8") == "{}"
    table = (bench / "results-beta.md").read_text(encoding="utf-8")
    assert "| Beta | two | 2 |" in table and "Alpha" not in table and "Gamma" not in table
    assert json.loads((bench / "results-beta.json").read_text(encoding="utf-8"))["groups"] == ["beta"]


def test_groups_are_named_in_running_order(bench):
    assert run.main(["--only", "beta,alpha"]) == 0
    assert (bench / "results-alpha-beta.md").exists()
    assert not (bench / "results.md").exists()


def test_full_run_writes_results_md_and_json(bench):
    assert run.main([]) == 0
    table = (bench / "results.md").read_text(encoding="utf-8")
    assert all(row in table for row in ("| Alpha | one | 1 |", "| Beta | two | 2 |", "| Gamma | three | 3 |"))
    assert "Tests" not in table
    assert json.loads((bench / "results.json").read_text(encoding="utf-8"))["error"] is None
    assert not list(bench.glob("results-*"))


def test_naming_every_group_is_a_full_run(bench):
    assert run.main(["--only", "gamma,alpha,beta,tests"]) == 0
    assert "| Tests | suite | 4 |" in (bench / "results.md").read_text(encoding="utf-8")
