"""2. The test suite's wall time (whole, and without the slow tests) and the ``coursekit`` command's start-up.

The suite is run as a subprocess exactly as ./test runs it (pytest with SUITE_ARGS: two xdist workers,
each module kept in one), only with --with-tests: it takes minutes. Each run also records a per-worker
timeline (benchmarks/worker_timeline.py): when each worker finished and how long it was busy, and the summed
time of each part of the suite, so a run whose last worker finishes long after the first shows it. The machine is shared, so each run
notes the load average before and after it and the CPU time its processes used: compare runs by those,
not by wall time alone. Start-up is timed against two floors, a bare interpreter and one that imports
pydantic (which coursekit needs), as the median of repeated runs (hyperfine is not installed).
"""
from __future__ import annotations

import os
import re
import resource
import statistics
import tempfile
from pathlib import Path

from benchmarks.common import VENV_BIN, Context, Row, met, ms, run, secs
from benchmarks.worker_timeline import summarise
from support.durations import save as save_durations

TARGET_SUITE_S = 180.0          # the whole suite on this 2-core machine
TARGET_NOT_SLOW_S = 60.0        # ./test -m "not slow"
STARTUP_RUNS = 10
SUITE_ARGS = ["-n", "2", "--dist", "loadfile"]   # what ./test passes to pytest (keep the two the same)
SLOWEST = 20                    # pytest's --durations, kept in results.json: where the next profile starts
FILES_KEPT = 25                 # the longest test files kept in results.json (tests/durations.json has them all)
DURATION = re.compile(r"^\s*([\d.]+)s (setup|call|teardown)\s+(\S+)", re.M)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _pytest(*args: str) -> dict:
    before, cpu_before = _load(), resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="suite-timeline-") as folder:
        timeline = Path(folder) / "timeline.jsonl"
        wall, result = run([VENV_BIN / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "-p", "benchmarks.worker_timeline", f"--durations={SLOWEST}", *SUITE_ARGS, *args],
                           env={"COURSEKIT_TIMELINE": str(timeline)})
        spread = summarise(timeline) if timeline.exists() else {"workers": {}, "groups": {}, "files": {}}
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else f"exit code {result.returncode}"
    print(f"[benchmarks] pytest {' '.join(args)}: {wall:.0f} s wall, {summary}", flush=True)  # in case a later run is cut
    return {"wall_s": wall, "cpu_s": cpu, "exit_code": result.returncode, "summary": summary,
            "args": [*SUITE_ARGS, *args], "load_before": before, "load_after": _load(), "cores": os.cpu_count(),
            "slowest": [{"seconds": float(t), "phase": phase, "test": test}
                        for t, phase, test in DURATION.findall(result.stdout)],
            "failed": re.findall(r"^(?:FAILED|ERROR) (\S+)", result.stdout, re.M), **spread}


def _note(run_: dict) -> str:
    workers = "; ".join(f"{name} busy {w['busy_s']:.0f} s, done at {w['last_s']:.0f} s"
                        for name, w in run_["workers"].items())
    return (f"reported, not asserted: {run_['summary']}; CPU {run_['cpu_s']:.0f} s over {run_['cores']} cores; "
            f"load average {run_['load_before'][0]} before, {run_['load_after'][0]} after (1 min)"
            + (f"; {workers}" if workers else ""))


def measure_test_suite(ctx: Context) -> list[Row]:
    if not ctx.with_tests:
        return [Row("Tests", "Test suite wall time", "not run", note="pass --with-tests to measure it")]
    fast = _pytest("-m", "not slow")   # the quick run first: on a busy machine it is the one that finishes
    whole = _pytest()
    if whole["exit_code"] == 0 and whole["files"]:
        save_durations(whole["files"])   # the order the next run sends its files in (support/durations.py)
    for run_ in (fast, whole):
        run_["files"] = dict(list(run_["files"].items())[:FILES_KEPT])
    ctx.data["tests"] = {**whole, "not_slow": fast}
    return [
        Row("Tests", "Test suite wall time (pytest as ./test runs it)", secs(whole["wall_s"]),
            target=f"<= {TARGET_SUITE_S:.0f} s", met=met(whole["wall_s"] <= TARGET_SUITE_S), note=_note(whole)),
        Row("Tests", 'Test suite without slow tests (./test -m "not slow")', secs(fast["wall_s"]),
            target=f"<= {TARGET_NOT_SLOW_S:.0f} s", met=met(fast["wall_s"] <= TARGET_NOT_SLOW_S), note=_note(fast)),
    ]


def _median_run(command: list) -> tuple[float, list[float]]:
    """Median wall time of STARTUP_RUNS runs of ``command`` (after one discarded warm-up), in seconds."""
    run(command)
    times = []
    for _ in range(STARTUP_RUNS):
        seconds, result = run(command)
        if result.returncode != 0:
            raise RuntimeError(f"{command} failed: {(result.stdout + result.stderr)[-300:]}")
        times.append(seconds)
    return statistics.median(times), times


def measure_startup(ctx: Context) -> list[Row]:
    python = VENV_BIN / "python"
    commands = {"python -c pass": [python, "-c", "pass"],
                "python -c \"import pydantic\"": [python, "-c", "import pydantic"],
                "coursekit --help": [VENV_BIN / "coursekit", "--help"]}
    timed = {label: _median_run(command) for label, command in commands.items()}
    ctx.data["startup"] = {label: {"median_s": m, "runs_s": times} for label, (m, times) in timed.items()}
    bare, pydantic, ours = (timed[label][0] for label in commands)
    return [
        Row("Start-up", label, ms(m * 1000), note=f"median of {STARTUP_RUNS} runs (min {ms(min(times) * 1000)}), "
                                                 "a new process each time, after one warm-up")
        for label, (m, times) in timed.items()
    ] + [Row("Start-up", "coursekit --help over its floors", f"+{ms((ours - bare) * 1000)} over bare Python",
             note=f"+{ms((ours - pydantic) * 1000)} over importing pydantic alone")]
