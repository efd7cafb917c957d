"""5. A 1,000-question bank: validation, widget construction and a 20-item draw in the browser."""
from __future__ import annotations

import time

from benchmarks.benchbook import BANK_DRAW, bench_book
from benchmarks.browse import READY, chromium, visit
from benchmarks.common import VENV_BIN, BenchmarkError, Context, Row, kb, med, ms, run, secs
from benchmarks.quiz import COUNT_QUIZZES
from support.server import serve_static

def measure_bank(ctx: Context) -> list[Row]:
    from coursekit.bank import Bank
    from coursekit.widgets.quiz import Quiz, attempt_size

    book = bench_book(ctx)
    src = book["src"]
    bank_file = src / "exercises" / "bench" / "draw" / "quiz.yml"
    repeats = 3 if ctx.quick else 5
    loads = []
    for _ in range(repeats):
        start = time.perf_counter()
        bank = Bank.load(src, [bank_file])
        loads.append(time.perf_counter() - start)
    if bank.errors:
        raise BenchmarkError(f"the synthetic bank is invalid: {bank.errors[0]}")
    spec = next(iter(bank.files.values()))
    checks = []
    for _ in range(1 if ctx.quick else 3):
        seconds, result = run([VENV_BIN / "coursekit", "check", "--root", src, bank_file], cwd=src)
        if result.returncode != 0:
            raise BenchmarkError(f"coursekit check failed on the synthetic bank: {(result.stdout + result.stderr)[-500:]}")
        checks.append(seconds)
    check_line = (result.stdout.strip().splitlines() or [""])[-1]
    whole, result = run([VENV_BIN / "coursekit", "check", "--root", src], cwd=src)
    construct, fallback, state = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        quiz = Quiz(spec, source=bank_file.relative_to(src))
        construct.append(time.perf_counter() - start)
        start = time.perf_counter()
        html_text = quiz.fallback_html()
        fallback.append(time.perf_counter() - start)
        start = time.perf_counter()
        quiz.get_state()
        state.append(time.perf_counter() - start)
    drawn = attempt_size(spec)  # the page ships every item; each learner's browser draws this many
    base, server = serve_static(book["site"])
    runs = []
    try:
        with chromium() as browser:
            visit(browser, base + "book/bank-draw.html", ready=READY, probe=True)
            for _ in range(ctx.runs):
                runs.append(visit(browser, base + "book/bank-draw.html", ready=READY, probe=True, after=COUNT_QUIZZES))
    finally:
        server.shutdown()
    renders = [next((r["end"] - r["start"] for r in v["render"] if r["module"] == "quiz"), None) for v in runs]
    items_shown = {v["after"]["questions"] for v in runs}
    if items_shown != {BANK_DRAW} or drawn != BANK_DRAW:
        raise BenchmarkError(f"the bank page shows {items_shown} items, the draw has {drawn}; expected {BANK_DRAW}")
    ctx.data["bank"] = {"items": len(spec.items), "types": sorted({i.type for i in spec.items}),
                        "file_bytes": bank_file.stat().st_size, "bank_load_s": loads, "check_s": checks,
                        "check_output": check_line, "check_whole_bench_exercises_s": whole,
                        "quiz_construct_s": construct, "fallback_html_s": fallback, "get_state_s": state,
                        "fallback_bytes": len(html_text.encode()), "render_ms": renders,
                        "ready_ms": [v["ready_ms"] for v in runs], "dcl_ms": [v["dcl_ms"] for v in runs]}
    return [
        Row("Bank (1,000 questions)", "Validation: Bank.load", f"{secs(med(loads))} (min {secs(min(loads))})",
            note=f"in-process, median of {repeats}; one {kb(bank_file.stat().st_size)} YAML file, {len(spec.items):,} items "
                 f"of all 7 types, line-aware reading + pydantic + cross-checks; 0 errors"),
        Row("Bank (1,000 questions)", "Validation: `coursekit check FILE`", f"{secs(med(checks))} (min {secs(min(checks))})",
            note=f"a new process each time (interpreter start and imports included); median of {len(checks)}; says: {check_line}"),
        Row("Bank (1,000 questions)", f"Quiz construction, {BANK_DRAW}-item draw", f"{med(construct) * 1000:,.1f} ms",
            note=f"Quiz(spec) from the loaded bank: the draw, Markdown to HTML, the answer key, the widget; median of "
                 f"{repeats}; get_state() {med(state) * 1000:,.1f} ms"),
        Row("Bank (1,000 questions)", f"Fallback HTML, {BANK_DRAW}-item draw", f"{med(fallback) * 1000:,.1f} ms",
            note=f"the escaped no-JavaScript version ({kb(len(html_text.encode()))})"),
        Row("Bank (1,000 questions)", "Browser: quiz render() start to end", f"{med(renders):,.1f} ms (min {min(r for r in renders if r is not None):,.1f} ms)",
            note=f"{BANK_DRAW} items mounted by the static host, measured by wrapping the module's render(); median of {ctx.runs}"),
        Row("Bank (1,000 questions)", "Browser: time to interactive, draw page", f"{ms(med(v['ready_ms'] for v in runs))}",
            note=f"navigation start to the first input usable; DOMContentLoaded {ms(med(v['dcl_ms'] for v in runs))}"),
    ]
