"""Notebooks: every section page offers its own .ipynb for download, and while ``repository.url`` is
empty in _config.yml the built book has no launch (Binder, JupyterHub, Colab), thebe or repository link.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, course_bank
from tests.site.helpers import html_pages

BANK = course_bank()
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
HREF = re.compile(r"""\bhref=["']([^"']+)["']""")
LAUNCH = re.compile(
    r"mybinder|binder-examples|/v2/(?:gh|gl|git)/|hub/user-redirect|colab\.research\.google|deepnote\.com"
    r"|jupyterlite|text/x-thebe-config|thebe-launch-button|class=\"[^\"]*\b(?:dropdown-launch-buttons|btn-launch"
    r"|btn-source-repository-button|btn-source-edit-button|btn-source-issues-button)\b", re.I)


def notebook_pages(site: Path) -> list[str]:
    """Docnames of the built pages whose source is a notebook."""
    return sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "book").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts and (site / p.relative_to(ROOT).with_suffix(".html")).exists())


def test_every_section_page_links_its_notebook(site):
    docnames = notebook_pages(site)
    assert len(docnames) >= 8, docnames
    missing = []
    for docname in docnames:
        page = site / f"{docname}.html"
        wanted = f"_sources/{docname}.ipynb"
        links = [h for h in HREF.findall(page.read_text(encoding="utf-8")) if h.endswith(".ipynb")]
        resolved = [(page.parent / h).resolve() for h in links]
        target = (site / wanted).resolve()
        if target not in resolved:
            missing.append(f"{docname}.html does not link {wanted} (links: {links})")
        elif "cells" not in json.loads(target.read_text(encoding="utf-8")):
            missing.append(f"{wanted} is not a notebook")
    assert missing == [], "\n".join(missing)


def test_no_launch_or_repository_link_while_the_repository_url_is_empty(site):
    if (CONFIG.get("repository") or {}).get("url"):
        pytest.skip("repository.url is set: launch buttons are on by design")
    assert not (CONFIG.get("launch_buttons") or {}).get("thebe")
    found = {}
    for rel in html_pages(site):
        hits = LAUNCH.findall((site / rel).read_text(encoding="utf-8"))
        if hits:
            found[rel] = sorted(set(hits))[:5]
    assert found == {}


# ---------------------------------------------------------------- the download is generated, not the source

MYST = re.compile(
    r"\{[A-Za-z][\w:.+-]*\}<code>"        # a role, rendered as {name} then its content as code
    r"|language-\{"                       # a ```{directive} fence, rendered as a code block
    r"|<p>:{3,}"                          # a :::{directive} colon fence, rendered as text
    r"|<p>\([^()\s]+\)=")                 # a (target)= line


def downloads(site: Path) -> dict[str, dict]:
    return {doc: json.loads((site / "_sources" / f"{doc}.ipynb").read_text(encoding="utf-8"))
            for doc in notebook_pages(site)}


def markdown_html(notebook: dict) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    return "\n".join(md.render(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


def test_downloads_render_in_plain_commonmark_with_no_myst_syntax(site):
    found = {}
    for doc, notebook in downloads(site).items():
        rendered = markdown_html(notebook)
        hits = MYST.findall(rendered) + re.findall(r"\{(?:cite|term|doc|ref)[^}]*\}", rendered)
        if hits:
            found[doc] = hits[:5]
    assert found == {}


def test_downloads_turn_citations_terms_and_directives_into_markdown(site):
    source = json.loads((ROOT / "book/part1/water.ipynb").read_text(encoding="utf-8"))
    water = downloads(site)["book/part1/water"]
    rendered = markdown_html(water)
    assert sum("".join(c["source"]).count("{cite:p}") for c in source["cells"]) >= 40
    # citations: the page's own "(Author, year)" labels, linked to the cited document
    assert '<a href="https://doi.org/10.1016/j.scitotenv.2018.12.076" title="The state of desalination and ' \
           'brine production: A global outlook">Jones et al., 2019</a>' in rendered
    # glossary terms: links to their definitions, which the notebook carries
    assert '<a href="#term-reification">reification</a>' in rendered
    assert re.search(r'<a id="term-reification"></a><strong>reification</strong>: Treating an abstraction', rendered)
    # objectives and prompts from exercises/, the review date
    quiz = BANK.select("quiz", "part1/water")[0][1]
    assert "<strong>Learning objectives</strong>" in rendered
    assert all(objective.text.replace("'", "&#x27;") in rendered or objective.text in rendered
               for objective in quiz.objectives)
    prompts = BANK.select("prompts", "part1/water")[0][1].prompts
    assert rendered.count("<li>") >= len(prompts) and "Last reviewed: 21 November 2026." in rendered


def test_downloads_carry_their_widget_data_and_no_instructor_material(site):
    import nbformat

    for doc, notebook in downloads(site).items():
        nbformat.validate(nbformat.from_dict(notebook))  # a valid notebook for every Jupyter front end
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert notebook["metadata"]["coursekit"] == {"page": doc, "edition": "student"}
        setup = [c for c in code if "coursekit-data" in c["metadata"].get("tags", [])]
        assert len(setup) == 1 and code[0] is setup[0], doc  # runs before any widget cell
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
        text = json.dumps(notebook)
        assert "prompts.yml" not in text and "free-response.yml" not in text
        assert "facilitator_notes" not in text and "model_answer" not in text
        for _, prompts in BANK.select("prompts"):
            for prompt in prompts.prompts:
                assert prompt.facilitator_notes.good_discussion.strip()[:60] not in text
