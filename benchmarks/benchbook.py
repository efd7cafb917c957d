"""The benchmark book: one small Jupyter Book under .work with the pages the quiz, bank and timeline
groups measure (our widgets and jupyterquiz side by side, same theme, same build, same server)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.common import MINIBOOK, ROOT, WORK, BenchmarkError, Context, failure_reason, jb_build, run

def write_notebook(path: Path, title: str, code: str, kernel: dict | None = None) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nBenchmark page."),
                nbformat.v4.new_code_cell(code, metadata={"tags": ["remove-input"]})]
    nb.metadata["kernelspec"] = kernel or {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


JQ_VERSION = "2.9.6.4"               # jupyterquiz from PyPI, in its own venv (never the project's)
JQ_VENV = WORK / "jupyterquiz-venv"
JQ_KERNEL = "jupyterquiz-bench"
JUPYTER_DIR = WORK / "jupyter"       # JUPYTER_PATH for the build: holds the jupyterquiz kernel spec
BENCH_BOOK = WORK / "bench-book"
QUIZ_MIX = {"single_choice": 10, "multiple_select": 5, "numeric": 5}   # the 20 questions, from exercises/
BANK_SIZE, BANK_DRAW = 1000, 20
TIMELINE_EVENTS = 2000
TARGET_TL_RENDER_MS, TARGET_TL_STEP_MS = 100, 16


def ensure_jupyterquiz() -> str:
    """jupyterquiz + ipykernel in benchmarks/.work/jupyterquiz-venv, and a kernel spec for it."""
    python = JQ_VENV / "bin" / "python"
    check = [python, "-c", "import importlib.metadata as m; print(m.version('jupyterquiz'))"]
    installed = subprocess.run(check, capture_output=True, text=True).stdout.strip() if python.exists() else ""
    if installed != JQ_VERSION:
        if not python.exists():
            _, made = run([sys.executable, "-m", "venv", JQ_VENV])
            if made.returncode != 0:
                raise BenchmarkError(f"could not create the jupyterquiz venv: {made.stderr[-500:]}")
        _, result = run([JQ_VENV / "bin" / "pip", "install", "-q", f"jupyterquiz=={JQ_VERSION}", "ipykernel"])
        if result.returncode != 0:
            raise BenchmarkError(f"pip install jupyterquiz failed: {result.stderr[-1000:]}")
        installed = subprocess.run(check, capture_output=True, text=True).stdout.strip()
    spec = JUPYTER_DIR / "kernels" / JQ_KERNEL / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                "display_name": "jupyterquiz benchmark", "language": "python"}))
    return installed


def real_items() -> list:
    """The 20 questions: the first single-choice, multiple-select and numeric items of the course."""
    from coursekit.bank import Bank

    bank = Bank.load(ROOT)
    picked, counts = [], dict.fromkeys(QUIZ_MIX, 0)
    for _, spec in bank.of_kind("quiz"):
        for item in spec.items:
            if item.type in QUIZ_MIX and counts[item.type] < QUIZ_MIX[item.type]:
                picked.append(item)
                counts[item.type] += 1
    if counts != QUIZ_MIX:
        raise BenchmarkError(f"exercises/ lacks the questions the quiz benchmark needs: {counts} of {QUIZ_MIX}")
    return picked


def item_yaml(item) -> dict:
    """An item for the benchmark book's quiz files: objectives and source dropped (the book has neither the
    objectives nor the bibliography they point to; jupyterquiz has no place for either)."""
    return item.model_dump(mode="json", exclude_none=True, exclude={"objectives", "source"})


def quiz_file(quiz_id: str, section: str, title: str, items: list[dict], **settings) -> dict:
    data = {"kind": "quiz", "id": quiz_id, "section": section, "title": title, "items": items}
    if settings:
        data["settings"] = settings
    return data


def jupyterquiz_question(item) -> dict:
    """Our item as jupyterquiz JSON. What does not map is listed in JQ_GAPS."""
    from coursekit.schema.markdown import to_html

    def with_explanation(text):
        return "".join(to_html(t) for t in (text, item.explanation) if t)

    if item.type in ("single_choice", "multiple_select"):
        return {"question": to_html(item.prompt), "type": "multiple_choice" if item.type == "single_choice" else "many_choice",
                "answers": [{"answer": to_html(c.text, inline=True), "correct": c.correct,
                             "feedback": with_explanation(c.feedback) if c.correct else to_html(c.feedback)}
                            for c in item.choices]}
    if item.type == "numeric":
        fb = item.feedback
        prompt = to_html(item.prompt) + (f"<p>({item.unit})</p>" if item.unit else "")
        answers = [{"type": "value", "value": item.answer, "correct": True,
                    "feedback": with_explanation(fb.correct if fb else "Correct")}]
        if item.tolerance:
            answers.append({"type": "range", "range": [item.answer - item.tolerance, item.answer + item.tolerance + 1e-9],
                            "correct": True, "feedback": with_explanation(fb.correct if fb else "Correct")})
        answers.append({"type": "default", "feedback": to_html(fb.incorrect) if fb and fb.incorrect else "Try again."})
        return {"question": prompt, "type": "numeric", "answers": answers}
    raise ValueError(item.type)


JQ_GAPS = {  # each of our item types: how jupyterquiz 2.9.6 can (or cannot) express it
    "single_choice": "yes (multiple_choice)",
    "multiple_select": "partly (many_choice: all-or-nothing only; our default partial credit cannot be expressed)",
    "numeric": "partly (numeric with value/range answers; no unit field, so the unit goes into the question text)",
    "true_false": "only as a two-answer multiple_choice (no true/false type)",
    "short_text": "partly (string type: exact or case-insensitive match; no folding of diacritics, punctuation, "
                  "spacing as our normalise() does)",
    "ordering": "NO (no ordering type)",
    "matching": "NO (no matching type)",
    "(every type)": "no separate explanation or hint (folded into the correct answer's feedback here), no "
                    "source/citation (dropped on both sides), no 'show answer after N tries', no overall score",
}


def synthetic_item(n: int) -> dict:
    """One valid item of the 1,000-question bank; the seven types in turn."""
    from coursekit.questions import ITEM_TYPES

    kind = ITEM_TYPES[n % len(ITEM_TYPES)]
    item = {"id": f"bank-q{n:04d}", "type": kind,
            "prompt": f"Synthetic question {n} on topic {n % 37}: which statement about *case {n}* holds?",
            "explanation": f"Case {n} is explained in section {n % 8 + 1} of the reading.",
            "difficulty": ("easy", "medium", "hard")[n % 3], "tags": [f"topic-{n % 37}"]}
    if kind in ("single_choice", "multiple_select"):
        right = {0} if kind == "single_choice" else {0, 2}
        item["choices"] = [{"text": f"Statement {k} about case {n}", "correct": k in right,
                            "feedback": f"Statement {k} is {'right' if k in right else 'wrong'} for case {n}."}
                           for k in range(4)]
    elif kind == "true_false":
        item.update(answer=n % 2 == 0, feedback={"correct": "Right.", "incorrect": f"See case {n}."})
    elif kind == "numeric":
        item.update(answer=1900 + n % 120, tolerance=n % 3, unit="year",
                    feedback={"correct": "Right.", "incorrect": f"It was {1900 + n % 120}."})
    elif kind == "ordering":
        item["order"] = [f"Step {k} of process {n}" for k in range(4)]
    elif kind == "matching":
        item["pairs"] = [{"left": f"Body {k} of case {n}", "right": f"City {k} of case {n}"} for k in range(3)]
    else:
        item["accepted"] = [f"answer {n}", f"answer number {n}"]
    return item


def synthetic_timeline(real: dict, count: int) -> dict:
    """``count`` valid events over 1900-2020 with the real file's themes, sections and eras."""
    import random

    rng = random.Random(7)
    themes = list(real["themes"])
    sections = {theme: next((s for s, ts in real["sections"].items() if theme in ts), "part1/actors") for theme in themes}
    actors = [f"Actor {k}" for k in range(60)]
    events = []
    for n in range(count):
        year = rng.randint(1900, 2020)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        shape = n % 10
        if shape < 6:
            date = f"{year}-{month:02d}-{day:02d}"
        elif shape < 8:
            date = f"{year}-{month:02d}"
        elif shape == 8:
            date = str(year)
        else:
            date = {"start": f"{year}-{month:02d}-{day:02d}", "end": f"{year}-{month:02d}-{min(day + 3, 28):02d}"}
        theme = themes[n % len(themes)]
        events.append({
            "id": f"ev-{n:04d}", "date": date, "title": f"Synthetic event {n}: a meeting on topic {n % 50}",
            "summary": f"Delegations met to discuss topic {n % 50}. This is synthetic text for event {n}, long enough "
                       f"to look like a real summary of a few sentences about cooperation.",
            "themes": [theme], "actors": rng.sample(actors, 2), "section": sections[theme],
            "sources": [{"title": f"Source for event {n}", "url": f"https://example.org/events/{n}"}],
        })
    return {"kind": "timeline", "themes": real["themes"], "sections": real["sections"], "eras": real["eras"],
            "events": events}


def bench_book(ctx: Context) -> dict:
    """Write and build the benchmark book once per run, with the pages of the groups asked for."""
    if "bench_book" in ctx.cache:
        if isinstance(ctx.cache["bench_book"], BenchmarkError):
            raise ctx.cache["bench_book"]
        return ctx.cache["bench_book"]
    try:
        info = _build_bench_book(ctx)
    except BenchmarkError as exc:
        ctx.cache["bench_book"] = exc
        raise
    ctx.cache["bench_book"] = info
    return info


def _build_bench_book(ctx: Context) -> dict:
    import yaml

    groups = ctx.only & {"quiz", "bank", "timeline"}
    src, out = BENCH_BOOK / "src", BENCH_BOOK / "out"
    shutil.rmtree(BENCH_BOOK, ignore_errors=True)
    (src / "book").mkdir(parents=True)
    (src / "exercises").mkdir()
    config = yaml.safe_load((MINIBOOK / "_config.yml").read_text())
    config["title"] = "Benchmark book"
    config["exclude_patterns"] = ["_build/*", "exercises/*", "data/*"]
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (src / "book" / "intro.md").write_text("# Benchmark book\n\nPages measured by benchmarks/run.py.\n")
    pages: list[str] = []
    info: dict = {"pages": {}}

    def dump(path: Path, data) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")

    show = "from coursekit import show_quizzes\nshow_quizzes({!r})"
    if "quiz" in groups:
        info["jupyterquiz"] = ensure_jupyterquiz()
        items = real_items()
        dumped = [item_yaml(i) for i in items]
        dump(src / "exercises/bench/one/quiz.yml", quiz_file("bench-one", "bench/one", "Check your understanding", dumped))
        for k in range(5):
            dump(src / f"exercises/bench/five/quiz-{k + 1}.yml",
                 quiz_file(f"bench-five-{k + 1}", "bench/five", f"Check your understanding ({k + 1} of 5)",
                           [{**d, "id": d["id"] + "-b"} for d in dumped[k::5]]))  # ids are unique course-wide
        questions = [jupyterquiz_question(i) for i in items]
        (src / "data").mkdir()
        (src / "data" / "jq-one.json").write_text(json.dumps(questions, ensure_ascii=False))
        for k in range(5):
            (src / "data" / f"jq-five-{k + 1}.json").write_text(json.dumps(questions[k::5], ensure_ascii=False))
        kernel = {"name": JQ_KERNEL, "display_name": "jupyterquiz benchmark", "language": "python"}
        load = "import json, pathlib\nfrom jupyterquiz import display_quiz\ndata = pathlib.Path({!r})\n"
        write_notebook(src / "book/ours-one.ipynb", "Ours: one quiz, 20 questions", show.format("bench/one"))
        write_notebook(src / "book/ours-five.ipynb", "Ours: five quizzes, 4 questions each", show.format("bench/five"))
        write_notebook(src / "book/jq-one.ipynb", "jupyterquiz: one quiz, 20 questions",
                       load.format(str(src / "data")) + "display_quiz(json.loads((data / 'jq-one.json').read_text()))",
                       kernel)
        write_notebook(src / "book/jq-five.ipynb", "jupyterquiz: five quizzes, 4 questions each",
                       load.format(str(src / "data")) + "".join(
                           f"display_quiz(json.loads((data / 'jq-five-{k + 1}.json').read_text()))\n" for k in range(5)),
                       kernel)
        pages += ["ours-one", "ours-five", "jq-one", "jq-five"]
        info["questions"] = {t: sum(i.type == t for i in items) for t in QUIZ_MIX}
        info["question_ids"] = [i.id for i in items]
    if "bank" in groups:
        dump(src / "exercises/bench/draw/quiz.yml",
             quiz_file("bench-bank", "bench/draw", "A draw from the 1,000-question bank",
                       [synthetic_item(n) for n in range(BANK_SIZE)], draw=BANK_DRAW, seed=0))
        write_notebook(src / "book/bank-draw.ipynb", f"A {BANK_DRAW}-item draw from {BANK_SIZE:,} questions",
                       show.format("bench/draw"))
        pages.append("bank-draw")
    if "timeline" in groups:
        real = yaml.safe_load((ROOT / "exercises" / "timeline.yml").read_text(encoding="utf-8"))
        dump(src / "exercises/timeline.yml", synthetic_timeline(real, TIMELINE_EVENTS))
        write_notebook(src / "book/timeline-2000.ipynb", f"{TIMELINE_EVENTS:,} synthetic events",
                       "from coursekit import Timeline\nTimeline.all()")
        pages.append("timeline-2000")
    toc = {"format": "jb-book", "root": "book/intro", "chapters": [{"file": f"book/{p}"} for p in pages]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    seconds, result = jb_build(src, out, strict=False, env={"JUPYTER_PATH": str(JUPYTER_DIR)})
    if result.returncode != 0:
        raise BenchmarkError(f"the benchmark book does not build: {failure_reason(result)}")
    info.update(src=src, out=out, site=out / "_build" / "html", build_s=seconds,
                warnings=[line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line][:20])
    ctx.data["bench_book"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in info.items()}
    return info
