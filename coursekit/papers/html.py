"""The paper and the answer key as self-contained HTML pages, ready for Chromium to print.

Everything from the exercise files is escaped: prompts go through the course's Markdown renderer (raw HTML
is refused and escaped), plain fields through ``html.escape``. The pages carry their own stylesheet and a
Content Security Policy that allows no script and nothing from another host except images the questions
show over https. Free-response exercises of the section follow the quiz items, with ruled lines to write
on and, under them, the exercise's "A good answer…" checklist to tick against the draft.
"""
from __future__ import annotations

import base64
import html
import random
from pathlib import Path

from ..questions import TYPES
from ..questions.essay import criteria_html
from ..questions.paper_parts import write_space
from ..schema.markdown import to_html
from ..arabic_font import find_package, font_faces
from ..formats import direction
from ..strings import language, t

e = html.escape

CSS = """
@page { size: A4; margin: 16mm 16mm 18mm; }
body { font: 11pt/1.45 "Noto Naskh Arabic", "DejaVu Sans", "Noto Sans", sans-serif; color: #000; background: #fff; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; margin: 1.2rem 0 .5rem; break-after: avoid; }
.ck-paper-meta { margin: 0 0 .75rem; }
.ck-paper-header p { display: flex; gap: .5rem; align-items: baseline; }
.ck-paper-fill { display: inline-block; flex: 1 1 auto; min-width: 12rem; border-bottom: 1px solid #000; height: 1.2em; }
.ck-paper-fill-short { min-width: 3rem; width: 3rem; flex: none; }
.ck-paper-questions > li { margin: 0 0 1rem; break-inside: avoid; }
.ck-paper-how { font-style: italic; margin: .25rem 0; }
.ck-paper-choices, .ck-paper-letters, .ck-paper-lefts { margin: .25rem 0; }
.ck-paper-choices { list-style-position: inside; padding-inline-start: 0; }
.ck-paper-box { display: inline-block; width: .9em; height: .9em; border: 1.5px solid #000; vertical-align: -.1em; }
.ck-paper-line { display: flex; gap: .5rem; align-items: baseline; }
.ck-write-line { height: 2.1rem; border-bottom: 1px solid #777; }
.ck-paper-key > li { margin: 0 0 .8rem; break-inside: avoid; }
.ck-paper-objectives { font-size: 10pt; }
.ck-criteria-title { margin: .5rem 0 .2rem; }
.ck-criteria-list { list-style: none; padding-inline-start: 0; margin: 0; }
.ck-criteria-list li { position: relative; padding-inline-start: 1.5em; }
.ck-criteria-list li::before { content: ""; position: absolute; inset-inline-start: 0; top: .3em; width: .8em;
  height: .8em; border: 1.5px solid #000; }
img { max-width: 100%; }
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; font-src data:"


def _arabic_font() -> str:
    """The Arabic font's @font-face rules with the files inside (a paper is one self-contained page), when
    npm installed it (coursekit/arabic_font.py says why it matters in print); else none (DejaVu Sans draws)."""
    package = find_package(Path.cwd())
    if package is None:
        return ""
    def inline(name: str) -> str:
        return "data:font/woff2;base64," + base64.b64encode((package / "files" / name).read_bytes()).decode("ascii")
    return font_faces(package, inline)


# The page number in the outer corner at the foot: the right in a left-to-right paper, the left in a
# right-to-left one (Chromium draws CSS page-margin boxes; --no-pdf-header-footer drops only its own header).
PAGE_NUMBER = {"ltr": "bottom-right", "rtl": "bottom-left"}


def _page(title: str, body: str) -> str:
    """The printable page in the language in use, with its direction: a right-to-left paper mirrors whole
    (flex rows and logical properties in CSS), and its text stays in logical order in the PDF."""
    lang = language()
    writing = direction(lang)
    corner = PAGE_NUMBER[writing]
    numbers = f'@page {{ @{corner} {{ content: counter(page) " / " counter(pages); font: 9pt sans-serif; }} }}'
    return (f'<!DOCTYPE html><html lang="{e(lang)}" dir="{writing}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{e(title)}</title><style>{_arabic_font()}{CSS}{numbers}</style></head><body>{body}</body></html>")


def _header(course: str, section_title: str, version: str) -> str:
    return (f'<header class="ck-paper-header"><p class="ck-paper-meta">{e(course)}</p>'
            f"<h1>{e(section_title)}</h1>"
            f'<p class="ck-paper-meta"><strong>{e(t("paper.version", version=version))}</strong></p>'
            f'<p>{e(t("handout.name"))} <span class="ck-paper-fill"></span> {e(t("handout.date"))} '
            f'<span class="ck-paper-fill ck-paper-fill-short" style="width:9rem"></span></p></header>')


def paper(course: str, section_title: str, version, writing: list) -> str:
    questions = "".join(
        f"<li>{to_html(item.prompt)}{TYPES[item.type].paper(item, random.Random(f'{version.seed}:{item.id}'))}</li>"
        for item in version.items)
    body = _header(course, section_title, version.name) + f'<ol class="ck-paper-questions">{questions}</ol>'
    if writing:
        start = len(version.items) + 1
        body += (f'<h2>{e(t("paper.freeResponse"))}</h2><ol class="ck-paper-questions" start="{start}">'
                 + "".join(f"<li>{to_html(ex.prompt)}{write_space(12)}{criteria_html(ex)}</li>" for ex in writing)
                 + "</ol>")
    return _page(f"{section_title}: {t('paper.version', version=version.name)}", body)


def _objectives(ids: list[str], texts: dict[str, str]) -> str:
    named = "; ".join(f"{e(texts.get(o, o))} ({e(o)})" for o in ids)
    return f'<p class="ck-paper-objectives"><strong>{e(t("paper.objectives"))}</strong> {named}</p>' if ids else ""


def key(course: str, section_title: str, versions: list, writing: list,
        objectives: dict[str, str]) -> str:
    body = (f'<header><p class="ck-paper-meta">{e(course)}</p><h1>{e(section_title)}</h1>'
            f'<p class="ck-paper-meta"><strong>{e(t("paper.key"))}</strong></p></header>'
            f'<h2>{e(t("paper.keyObjectives"))}</h2><ul>'
            + "".join(f"<li><strong>{e(o)}</strong>: {e(text)}</li>" for o, text in objectives.items()) + "</ul>")
    for version in versions:
        entries = "".join(
            f"<li>{to_html(item.prompt)}{TYPES[item.type].answer(item)}{to_html(item.explanation)}"
            f"{_objectives(item.objectives, objectives)}</li>" for item in version.items)
        answers = "".join(
            f'<li>{to_html(ex.prompt)}{criteria_html(ex)}<p><strong>{e(t("paper.modelAnswer"))}:</strong></p>'
            f'{to_html(ex.model_answer)}'
            f"{_objectives(ex.objectives, objectives)}</li>" for ex in writing)
        start = len(version.items) + 1
        body += (f'<h2>{e(t("paper.version", version=version.name))}</h2><ol class="ck-paper-key">{entries}</ol>'
                 + (f'<ol class="ck-paper-key" start="{start}">{answers}</ol>' if writing else ""))
    return _page(f"{section_title}: {t('paper.key')}", body)
