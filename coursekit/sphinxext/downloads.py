"""The notebook a page offers for download: generated from its source, readable and runnable anywhere.

Sphinx copies each page's source into ``_sources/`` and the theme's "download .ipynb" button links that
copy. A source notebook is MyST (citations, glossary roles, the course's directives) and its widget cells
read the repository's ``exercises/``; opened in plain Jupyter it shows raw syntax and does not run. So,
as QuantEcon does for its lectures, the download is generated at build time and written over that copy:

- Markdown cells go through :mod:`coursekit.mystmd`: citations become "(Author, year)" linked to the
  reference on the published site (``html.baseurl``) or else to the source itself; glossary terms become
  links to the site's glossary, or else to the definitions the notebook carries in its last cell; the
  course's directives become plain Markdown (objectives and exercises as blockquotes, prompts as a list).
- Code cells are kept as written, without outputs; one setup cell before the first of them carries the
  data the widgets read (:mod:`coursekit.portable`), so only ``pip install coursekit`` is needed.
- The student edition's download has no instructor material: ``{instructor-only}`` blocks, facilitator
  notes and model answers are left out, and no instructor file is bundled.

The source notebooks stay the single source of truth; nothing here writes outside the build output.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import docname_join, logging

from ..bank import course_bank
from ..bibliography import entries
from ..course import EXERCISES, Course, find_root
from ..mystmd import Converter, Directive, blockquote, escape_text, split_explicit
from ..portable import SETUP_TAG, WIDGET_KINDS, bundle, setup_source
from ..strings import t
from .directives.common import instructor_edition

logger = logging.getLogger(__name__)


class Page:
    """What one page's conversion needs from the built book: citations, glossary, links, the bank."""

    def __init__(self, app, docname: str):
        self.app, self.env, self.docname = app, app.env, docname
        self.root = find_root(Path(app.srcdir))
        self.course = Course(self.root)
        self.site = self.course.base_url.rstrip("/") + "/" if self.course.base_url.startswith("https://") else ""
        self.teacher = instructor_edition(self.env)
        self.terms_used: dict[str, tuple[str, str]] = {}  # anchor -> (term as in the glossary, definition)
        self.converter = Converter(
            roles={"cite": self.cite, "cite:p": self.cite, "cite:ps": self.cite, "cite:t": self.cite,
                   "cite:ts": self.cite, "cite:year": self.cite, "cite:author": self.cite,
                   "term": self.term, "doc": self.doc, "ref": self.ref},
            directives={"learning-objectives": self.objectives, "discussion-prompts": self.prompts,
                        "free-response": self.free_response, "last-reviewed": self.last_reviewed,
                        "instructor-only": self.instructor_only},
            on_unknown=lambda message: logger.warning(message, location=docname, type="coursekit",
                                                      subtype="download"))

    # ---- roles -----------------------------------------------------------------------------------

    def cite(self, role: str, content: str) -> str:
        found = entries(self.root)
        parts = []
        for key in (k.strip() for k in content.split(",") if k.strip()):
            entry = found.get(key.lower())
            if entry is None:
                parts.append(escape_text(key))
                continue
            names, year = _authors(entry), entry.fields.get("year", "n.d.")
            label = {"cite:t": f"{names} ({year})", "cite:ts": f"{names} ({year})", "cite:year": year,
                     "cite:author": names}.get(role, f"{names}, {year}")
            url = entry.fields.get("url", "")
            title = " ".join(entry.fields.get("title", key).replace("{", "").replace("}", "").split())
            tooltip = title.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'[{escape_text(label)}]({_url(url)} "{tooltip}")' if url.startswith("https://")
                         else escape_text(label))
        joined = "; ".join(parts)
        return f"({joined})" if role in ("cite", "cite:p", "cite:ps") else joined

    def term(self, role: str, content: str) -> str:
        text, target = split_explicit(content)
        std = self.env.get_domain("std")
        # terms match case-insensitively, as Sphinx's own {term} does (its index of lower-cased terms)
        found = getattr(std, "_terms", {}).get(target.lower()) or std.objects.get(("term", target))
        if found is None:
            logger.warning(f"no glossary term {target!r}", location=self.docname, type="coursekit", subtype="download")
            return escape_text(text)
        docname, anchor = found[0], found[1]
        if anchor not in self.terms_used:
            self.terms_used[anchor] = _definition(self.env.get_doctree(docname), anchor)
        href = f"{self.site}{self.app.builder.get_target_uri(docname)}#{anchor}" if self.site else f"#{anchor}"
        return f"[{escape_text(text)}]({_url(href)})"

    def doc(self, role: str, content: str) -> str:
        text, target = split_explicit(content)
        docname = re.sub(r"\.(md|ipynb|rst)$", "", target.lstrip("/") if target.startswith("/")
                         else docname_join(self.docname, target))
        if text == target and docname in self.env.titles:
            text = self.env.titles[docname].astext()
        return self._site_link(text, docname, "")

    def ref(self, role: str, content: str) -> str:
        text, target = split_explicit(content)
        docname, anchor, title = self.env.get_domain("std").labels.get(target.lower(), ("", "", ""))
        return self._site_link(title if text == target and title else text, docname, anchor)

    def _site_link(self, text: str, docname: str, anchor: str) -> str:
        if not (self.site and docname):
            return escape_text(text)
        href = self.site + self.app.builder.get_target_uri(docname) + (f"#{anchor}" if anchor else "")
        return f"[{escape_text(text)}]({_url(href)})"

    # ---- the course's directives ----------------------------------------------------------------

    def _files(self, kind: str, section: str):
        return course_bank(self.root).select(kind, section)

    def objectives(self, directive: Directive, converter: Converter) -> str:
        items = [o.text for _, quiz in self._files("quiz", directive.argument) for o in quiz.objectives]
        listing = "\n".join(f"- {escape_text(text)}" for text in items)
        return blockquote(f"**{t('book.objectives')}**\n\n{escape_text(t('book.objectivesLead'))}\n\n{listing}")

    def prompts(self, directive: Directive, converter: Converter) -> str:
        out = []
        prompts = [p for _, f in self._files("prompts", directive.argument) for p in f.prompts]
        for number, prompt in enumerate(prompts, 1):
            text = f"*{escape_text(t('level.' + prompt.level))}.* {prompt.prompt.strip()}"
            if self.teacher:
                notes = prompt.facilitator_notes
                text += "\n\n" + blockquote(
                    f"**{t('book.facilitatorNotes')}**\n\n**{t('book.goodDiscussion')}**\n\n{notes.good_discussion.strip()}"
                    f"\n\n**{t('book.misconceptions')}**\n\n{notes.misconceptions.strip()}"
                    f"\n\n**{t('book.followUp')}**\n\n{notes.follow_up.strip()}")
            out.append(_list_item(f"{number}.", text))
        return "\n\n".join(out) + "\n"

    def free_response(self, directive: Directive, converter: Converter) -> str:
        out = []
        for _, file in self._files("free_response", directive.argument):
            for exercise in file.exercises:
                points = "".join(f"\n- {point.strip()}" for point in exercise.criteria)
                criteria = f"\n\n**{t('book.criteria')}**\n{points}" if points else ""
                out.append(blockquote(f"**{t('book.exercise')}**\n\n{exercise.prompt.strip()}{criteria}"))
                if self.teacher:
                    out.append(blockquote(f"**{t('book.modelAnswer')}**\n\n{exercise.model_answer.strip()}"))
        return "\n".join(out)

    def last_reviewed(self, directive: Directive, converter: Converter) -> str:
        when = dt.date.fromisoformat(directive.argument)
        return f"*{escape_text(t('book.lastReviewed', date=f'{when.day} {when:%B %Y}'))}*\n"

    def instructor_only(self, directive: Directive, converter: Converter) -> str:
        if not self.teacher:
            return ""
        title = converter.inline(directive.argument) if directive.argument else t("book.forInstructors")
        return blockquote(f"**{title}**\n\n{converter.convert(directive.body)}")

    # ---- the notebook ---------------------------------------------------------------------------

    def widget_files(self) -> list[Path]:
        """The exercise files this page's widgets read (Sphinx noted each as a dependency of the page)."""
        exercises = (self.root / EXERCISES).resolve()
        found = []
        for dependency in sorted(self.env.dependencies.get(self.docname, ())):
            path = (Path(self.app.srcdir) / dependency).resolve()
            if exercises in path.parents:
                found.append(path)
        bank = course_bank(self.root)
        return [p for p in found if getattr(bank.files.get(p), "kind", None) in WIDGET_KINDS]

    def notebook(self, source: dict) -> dict:
        cells = []
        for cell in source.get("cells", []):
            text = "".join(cell.get("source", ""))
            if cell.get("cell_type") == "markdown":
                converted = self.converter.convert(text)
                if converted.strip():
                    cells.append({"cell_type": "markdown", "metadata": {}, "source": converted})
            elif cell.get("cell_type") == "code":
                tags = [tag for tag in cell.get("metadata", {}).get("tags", []) if not tag.startswith(("remove-", "hide-"))]
                cells.append({"cell_type": "code", "execution_count": None, "outputs": [], "source": text,
                              "metadata": {"tags": tags} if tags else {}})
            else:
                cells.append({key: value for key, value in cell.items() if key != "id"})
        files = self.widget_files()
        if files:
            first_code = next((n for n, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
            cells.insert(first_code, {"cell_type": "code", "execution_count": None, "outputs": [],
                                      "metadata": {"tags": [SETUP_TAG], "jupyter": {"source_hidden": True}},
                                      "source": setup_source(bundle(self.root, files))})
        if self.terms_used:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": self.terms_cell()})
        for number, cell in enumerate(cells):
            cell["id"] = f"cell-{number}"  # nbformat 4.5 requires ids; the source's are not kept
        metadata = {key: value for key, value in source.get("metadata", {}).items()
                    if key in ("kernelspec", "language_info")}
        metadata["coursekit"] = {"page": self.docname, "edition": "instructor" if self.teacher else "student"}
        return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}

    def terms_cell(self) -> str:
        """The definitions of the glossary terms the page links, so the notebook explains them itself."""
        entries_ = sorted(self.terms_used.items(), key=lambda kv: kv[1][0].lower())
        lines = [f'<a id="{anchor}"></a>**{escape_text(term)}**: {escape_text(definition)}'
                 for anchor, (term, definition) in entries_]
        return f"## {t('book.termsUsed')}\n\n" + "\n\n".join(lines) + "\n"


def _authors(entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    last = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in people]
    if not last:
        return entry.fields.get("organization", "Anon.")
    if len(last) == 1:
        return last[0]
    return f"{last[0]} and {last[1]}" if len(last) == 2 else f"{last[0]} et al."


def _url(url: str) -> str:
    """A link destination CommonMark accepts whatever the URL holds (parentheses, spaces)."""
    return "<" + re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url) + ">"


def _definition(doctree, anchor: str) -> tuple[str, str]:
    """A glossary entry's term as the glossary spells it, and its definition as plain text."""
    for term in doctree.findall(nodes.term):
        if anchor in term["ids"]:
            item = term.parent if isinstance(term.parent, nodes.definition_list_item) else term.parent.parent
            definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
            return term.astext(), " ".join(definition.astext().split()) if definition is not None else ""
    return anchor, ""


def _list_item(marker: str, markdown: str) -> str:
    indent = " " * (len(marker) + 1)
    lines = markdown.strip("\n").splitlines()
    return "\n".join([f"{marker} {lines[0]}", *[f"{indent}{line}" if line.strip() else "" for line in lines[1:]]])


def write_downloads(app, exception) -> None:
    """Write each notebook page's generated download over its ``_sources/`` copy (HTML builds)."""
    if exception or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        if not str(app.env.doc2path(docname)).endswith(".ipynb"):
            continue
        target = sources / f"{docname}.ipynb"
        if not target.exists():
            continue
        source = json.loads(Path(app.env.doc2path(docname)).read_text(encoding="utf-8"))
        notebook = Page(app, docname).notebook(source)
        target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

