"""Notebooks: every section page offers its own .ipynb for download, and while ``repository.url`` is
empty in _config.yml the built book has no launch (Binder, JupyterHub, Colab), thebe or repository link.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.site.helpers import html_pages

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
