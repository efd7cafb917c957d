"""results.md (a table, machine first) and results.json (every raw number).

Only a full run writes those two files, the ones the repository keeps; a partial run (``--only``) writes
results-<groups>.md and .json (git-ignored) beside them, so measuring one group while working never
overwrites the last full comparison with a table that lacks most of its rows.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from benchmarks.common import BENCH, Context, Row, version


def results_stem(groups: list[str], all_groups: list[str]) -> str:
    """The file name (without suffix) a run of ``groups`` writes: "results" only when every group ran.

    "tests" runs only on request, so a run without it still counts as full.
    """
    if set(all_groups) - {"tests"} <= set(groups):
        return "results"
    return "results-" + "-".join(g for g in all_groups if g in groups)


def write_results(ctx: Context, machine: dict, rows: list[Row], error: str | None, stem: str = "results") -> Path:
    """Write <stem>.md and <stem>.json under benchmarks/ and return the .md's path."""
    m = machine
    npm = ctx.data.get("npm_packages", {})
    lines = [
        "# Benchmark results",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM",
        f"- OS: {m['os']}; Python {m['python']}; {m['chromium']}; Node {m['node']}",
        f"- Date: {m['date']}; mode: {'--quick ' if ctx.quick else ''}N={ctx.runs} browser runs per page"
        f"{'; with tests' if ctx.with_tests else ''}; groups: {', '.join(ctx.data.get('groups', []))}; wall time "
        f"{ctx.data.get('benchmark_wall_s', 0) / 60:.1f} min ("
        + ", ".join(f"{g} {s:.0f} s" for g, s in ctx.data.get("group_wall_s", {}).items()) + ")",
        f"- Load average (1/5/15 min) at start: {' / '.join(map(str, m['load_average_at_start']))}; before the "
        f"browser runs: {' / '.join(map(str, ctx.data.get('load_average', {}).get('measure_slice_routes', ['n/a'])))}"
        + (" (**busy machine: other processes competed for the 2 cores; timings are noisy**)"
           if max(m["load_average_at_start"][0], ctx.data.get("load_average", {}).get("measure_slice_routes", [0])[0])
           > (m["cores"] or 1) else ""),
        "- Python packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        "- Anchors (npm, served locally): "
        + (", ".join(f"{k} {v}" for k, v in npm.items()) + f"; the stock route's anywidget AMD module from anywidget "
           f"{version('anywidget')}" if npm else "not measured")
        + (f"; jupyterquiz {ctx.data['quiz_vs_jupyterquiz']['jupyterquiz']} (PyPI, own venv under benchmarks/.work)"
           if "quiz_vs_jupyterquiz" in ctx.data else ""),
        "",
    ]
    if error:
        lines += [f"**BENCHMARK FAILED: {error}**", ""]
    lines += ["| Section | Measurement | Ours | Anchor (stock route, jupyterquiz, TimelineJS, vis-timeline) | Ours/anchor | Target | Met | Notes |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        cells = [r.section, r.metric, r.ours, r.stock, r.ratio, r.target, r.met, r.note]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "Ours = coursekit's static host; stock = myst-nb's html-manager route made offline; jupyterquiz, "
              "TimelineJS and vis-timeline as named in each row (see benchmarks/README.md). Times are medians (min in "
              "brackets) over fresh browser contexts.", ""]
    (BENCH / f"{stem}.md").write_text("\n".join(lines), encoding="utf-8")
    payload = {"machine": machine, "quick": ctx.quick, "runs_per_route": ctx.runs, "error": error,
               "rows": [asdict(r) for r in rows], **ctx.data}
    (BENCH / f"{stem}.json").write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    return BENCH / f"{stem}.md"
