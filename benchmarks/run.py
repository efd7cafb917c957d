"""Benchmarks: build times, test suite, start-up, quiz/timeline/page weights and timings against their anchors.

    .venv/bin/python benchmarks/run.py [--quick] [--with-tests] [--only build,tests,startup,slice,quiz,bank,hostile,timeline,pages,lighthouse]
    .venv/bin/python -m benchmarks ...   (the same)

Writes benchmarks/results.md (a table, machine first) and benchmarks/results.json; a partial run (--only)
writes benchmarks/results-<groups>.md and .json instead (git-ignored). Work files go in
benchmarks/.work/ (git-ignored): book copies, their builds, npm packages for the stock route.
See benchmarks/README.md for what every number means.

Each measurement is one function in its own module returning ``Row``s (and raw data for the JSON);
``MEASUREMENTS`` lists them in running order. To add a comparison, write ``measure_x(ctx) -> list[Row]``
in a new module and append it there.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bank import measure_bank  # noqa: E402
from benchmarks.builds import measure_book_builds  # noqa: E402
from benchmarks.common import WORK, BenchmarkError, Context, Row  # noqa: E402
from benchmarks.hostile import measure_hostile  # noqa: E402
from benchmarks.lighthouse import measure_lighthouse  # noqa: E402
from benchmarks.machine import machine_info  # noqa: E402
from benchmarks.pages import measure_pages  # noqa: E402
from benchmarks.quiz import measure_quiz_vs_jupyterquiz  # noqa: E402
from benchmarks.report import results_stem, write_results  # noqa: E402
from benchmarks.slice import measure_slice_routes  # noqa: E402
from benchmarks.suite import measure_startup, measure_test_suite  # noqa: E402
from benchmarks.timeline import measure_timeline  # noqa: E402

# (group, measurement), in running order; --only picks groups. "tests" runs only with --with-tests.
MEASUREMENTS = [
    ("build", measure_book_builds),
    ("tests", measure_test_suite),
    ("startup", measure_startup),
    ("slice", measure_slice_routes),
    ("quiz", measure_quiz_vs_jupyterquiz),
    ("bank", measure_bank),
    ("hostile", measure_hostile),
    ("timeline", measure_timeline),
    ("pages", measure_pages),
    ("lighthouse", measure_lighthouse),
]
GROUPS = [g for g, _ in MEASUREMENTS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 browser runs per page instead of 7, 1 rebuild instead of 3")
    parser.add_argument("--with-tests", action="store_true", help="also time the whole test suite")
    parser.add_argument("--only", default="", metavar="GROUPS",
                        help=f"comma-separated groups to run, from: {', '.join(GROUPS)} (default: all; "
                             "'tests' also needs --with-tests unless named here)")
    args = parser.parse_args(argv)
    only = {g.strip() for g in args.only.split(",") if g.strip()} or set(GROUPS)
    unknown = only - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
    with_tests = args.with_tests or (bool(args.only) and "tests" in only)
    ctx = Context(quick=args.quick, with_tests=with_tests, runs=3 if args.quick else 7, only=only)
    WORK.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    rows: list[Row] = []
    errors = []
    started = time.perf_counter()
    ctx.data["groups"] = [g for g in GROUPS if g in only]
    for group, measure in MEASUREMENTS:
        if group not in only:
            continue
        step = time.perf_counter()
        print(f"[benchmarks] {group}: {measure.__name__} ...", flush=True)
        ctx.data.setdefault("load_average", {})[measure.__name__] = [round(x, 2) for x in os.getloadavg()]
        try:
            rows += measure(ctx)
        except BenchmarkError as exc:
            errors.append(f"{measure.__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a broken group must not hide the others' numbers
            import traceback

            ctx.data.setdefault("tracebacks", {})[measure.__name__] = traceback.format_exc()
            errors.append(f"{measure.__name__}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        if errors and errors[-1].startswith(measure.__name__ + ":"):
            print(f"[benchmarks] FAILED {errors[-1]}", file=sys.stderr, flush=True)
        seconds = time.perf_counter() - step
        ctx.data.setdefault("group_wall_s", {})[group] = seconds
        print(f"[benchmarks] {group} done in {seconds:.1f} s", flush=True)
    ctx.data["benchmark_wall_s"] = time.perf_counter() - started
    written = write_results(ctx, machine, rows, "; ".join(errors) or None, results_stem(ctx.data["groups"], GROUPS))
    print(written.read_text(encoding="utf-8"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
