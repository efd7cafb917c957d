"""1. Builds of the real book (a copy under .work): clean, no-change rebuilds (profiled when over target),
and an incremental rebuild after one quiz-file edit."""
from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

from benchmarks.common import (
    BOOK_SOURCES, MINIBOOK, ROOT, VENV_BIN, WORK, BenchmarkError, Context, Row,
    copy_sources, failure_reason, jb_build, met, run, secs)
from support.book import JUPYTER_BOOK

TARGET_NO_CHANGE_S = 3.0
TARGET_WEIGHT_RATIO = 1.2
TARGET_FIRST_VISIT = 1024 * 1024
PROFILE_PROBES = [  # (label, file suffix, function): cumulative time under cProfile
    ("imports, all modules", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("  of which jsonschema -> rfc3987_syntax (compiles a lark grammar at import)", "rfc3987_syntax/__init__.py", "<module>"),
    ("  of which jupyter_book.sphinx and its imports", "jupyter_book/sphinx.py", "<module>"),
    ("Sphinx() set-up: config, extensions, saved environment", "sphinx/application.py", "__init__"),
    ("  load_extension (setup() of every extension)", "sphinx/registry.py", "load_extension"),
    ("  reading the pickled environment", "sphinx/application.py", "_load_existing_env"),
    ("Sphinx.build", "sphinx/application.py", "build"),
    ("  read phase (what is outdated, env-updated)", "sphinx/builders/__init__.py", "read"),
    ("    sphinxcontrib-bibtex env_updated (formats every reference again)", "sphinxcontrib/bibtex/domain.py", "env_updated"),
    ("    coursekit env-get-outdated (exercise look-ups)", "coursekit/sphinxext/dependencies.py", None),
    ("  write phase", "sphinx/builders/__init__.py", "write"),
    ("  finish: static files, search index, build-finished hooks", "sphinx/builders/html/__init__.py", "finish"),
    ("    copy_static_files", "sphinx/builders/html/__init__.py", "copy_static_files"),
    ("    coursekit write_assets", "coursekit/sphinxext/assets.py", "write_assets"),
]


def real_book(ctx: Context) -> dict:
    """The real book's clean build (a copy under .work/book), once per run; the minibook if it fails."""
    if "real_book" in ctx.cache:
        return ctx.cache["real_book"]
    work = WORK / "book"
    src, out = copy_sources(ROOT, work / "src", BOOK_SOURCES), work / "out"
    shutil.rmtree(out, ignore_errors=True)
    clean, result = jb_build(src, out)
    info = {"src": src, "out": out, "clean_s": clean, "subject": "real book", "fallback": False,
            "note": f"{len(list((src / 'book').rglob('*.ipynb')))} notebooks"}
    if result.returncode != 0:
        reason = failure_reason(result)
        ctx.data["real_book_failure"] = {"reason": reason, "log_tail": (result.stdout + result.stderr)[-4000:]}
        src, out = copy_sources(MINIBOOK, work / "minibook-src"), work / "minibook-out"
        shutil.rmtree(out, ignore_errors=True)
        clean, result = jb_build(src, out)
        if result.returncode != 0:
            raise BenchmarkError(f"even the fixture minibook does not build: {failure_reason(result)}")
        info.update(src=src, out=out, clean_s=clean, subject="fixture minibook (FALLBACK)", fallback=True,
                    note=f"the real book does not build yet: {reason}")
    info["site"] = out / "_build" / "html"
    ctx.cache["real_book"] = info
    return info


def profile_rebuild(src: Path, out: Path) -> dict:
    """Where a no-change rebuild's time goes: the same command under cProfile, cumulative times."""
    import pstats

    prof = WORK / "no-change-rebuild.prof"
    flags = ["--warningiserror", "--nitpick", "--keep-going", "-q"]
    wall, result = run([VENV_BIN / "python", "-m", "cProfile", "-o", prof, JUPYTER_BOOK, "build", src,
                        "--path-output", out, *flags], cwd=src, env={"COURSEKIT_EDITION": "student"})
    if result.returncode != 0 or not prof.exists():
        return {"error": failure_reason(result)}
    stats = pstats.Stats(str(prof)).stats
    total = max(v[3] for k, v in stats.items() if k[2] == "<module>" and k[0].endswith("jupyter-book")) \
        if any(k[0].endswith("jupyter-book") for k in stats) else sum(v[2] for v in stats.values())
    probes = []
    for label, suffix, name in PROFILE_PROBES:
        found = [v[3] for k, v in stats.items() if k[0].endswith(suffix) and (name is None or k[2] == name)]
        probes.append({"label": label, "s": max(found) if found else None})
    top = sorted(((v[3], f"{Path(k[0]).parent.name}/{Path(k[0]).name}:{k[2]}") for k, v in stats.items()
                  if "site-packages" in k[0] or "coursekit" in k[0]), reverse=True)[:25]
    return {"wall_profiled_s": wall, "profiled_total_s": total, "probes": probes, "top_cumulative": top}


def measure_book_builds(ctx: Context) -> list[Row]:
    """Clean build, no-change rebuilds (profiled if over target), incremental rebuild after one edit."""
    book = real_book(ctx)
    src, out, clean, subject, note = book["src"], book["out"], book["clean_s"], book["subject"], book["note"]
    rebuilds = []
    for _ in range(1 if ctx.quick else 3):
        seconds, again = jb_build(src, out)
        if again.returncode != 0:
            raise BenchmarkError(f"no-change rebuild failed: {failure_reason(again)}")
        rebuilds.append(seconds)
    rebuild = statistics.median(rebuilds)
    pages = len(list((out / "_build" / "html").rglob("*.html")))
    rows = [
        Row("Build", f"Clean build, {subject}", secs(clean), note=f"{note}; {pages} HTML files; anchor: prototype 2.0 s for 1 notebook, 2.6 s for 2"),
        Row("Build", f"No-change rebuild, {subject}", f"{secs(rebuild)} (min {secs(min(rebuilds))})",
            target=f"<= {TARGET_NO_CHANGE_S:.0f} s", met=met(rebuild <= TARGET_NO_CHANGE_S),
            note=f"same command again, median of {len(rebuilds)}; anchor: prototype 0.9 s"),
    ]
    profile = None
    if rebuild > TARGET_NO_CHANGE_S:
        profile = profile_rebuild(src, out)
        if "error" not in profile:
            total = profile["profiled_total_s"]
            parts = "; ".join(f"{p['label'].strip()} {p['s']:.2f} s ({p['s'] / total:.0%})"
                              for p in profile["probes"] if p["s"] is not None and p["s"] >= 0.05)
            rows.append(Row("Build", "No-change rebuild: where the time goes (cProfile)", f"{secs(total)} profiled",
                            note=f"cumulative times, overlapping (indented = part of the line above; profiling slows "
                                 f"Python ~1.5-2x, so read the shares): {parts}. Full list in results.json "
                                 f"(builds.profile)"))
    # incremental: edit one quiz file of the copy, rebuild, count the notebooks executed again
    execute_dir = out / "_build" / "jupyter_execute"
    before = {p: p.stat().st_mtime_ns for p in execute_dir.rglob("*.ipynb")}
    quizzes = sorted((src / "exercises").rglob("quiz.yml"))
    incremental = None
    if quizzes:
        edited = quizzes[len(quizzes) // 2]
        text = edited.read_text(encoding="utf-8")
        new = re.sub(r'^title: "', 'title: "Edited: ', text, count=1, flags=re.M)
        edited.write_text(new if new != text else text + "\n# edited by benchmarks/run.py\n", encoding="utf-8")
        seconds, again = jb_build(src, out)
        if again.returncode != 0:
            raise BenchmarkError(f"incremental rebuild failed: {failure_reason(again)}")
        executed = sorted(str(p.relative_to(execute_dir)) for p in execute_dir.rglob("*.ipynb")
                          if before.get(p) != p.stat().st_mtime_ns)
        incremental = {"edited": str(edited.relative_to(src)), "s": seconds, "executed": executed}
        rows.append(Row("Build", "Incremental rebuild after one quiz-file edit", secs(seconds),
                        note=f"edited {incremental['edited']} (its title) in the benchmark copy; notebooks executed "
                             f"again: {len(executed)} ({', '.join(executed) or 'none'})"))
    ctx.data["builds"] = {"subject": subject, "clean_s": clean, "no_change_rebuild_s": rebuilds, "html_files": pages,
                          "note": note, "profile": profile, "incremental": incremental}
    return rows
