"""A glossary term's definition on every link to it, for the in-place pop-up (``static/tips.js``).

sphinxcontrib-bibtex already gives each citation link a ``title`` with its formatted reference. A
``{term}`` link has none, so a reader had to leave the page to read one line. At write time each term
link gets its definition, as plain text, as its title (``reftitle``); the page then carries
everything its pop-ups show, which is why they work offline and from ``file://`` with no request.

The definitions are read from the glossary's doctree when a page is written, so a page whose text did
not change still shows a changed definition: when a glossary page is re-read, every page is written
again (``env-get-updated``), which costs a write, not a re-execution.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def _term_pages(env) -> set[str]:
    """The documents that define glossary terms (from the std domain, as of the last read)."""
    std = env.get_domain("std")
    return {docname for (kind, _), (docname, _) in std.objects.items() if kind == "term"}


def definitions(env, docname: str) -> dict[str, str]:
    """Term anchor id -> its definition as one line of plain text, for a glossary document."""
    found = {}
    for term in env.get_doctree(docname).findall(nodes.term):
        item = term.parent
        definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
        if definition is None:
            continue
        text = " ".join(definition.astext().split())
        for anchor in term["ids"]:
            found[anchor] = text
    return found


def add_definitions(app: Sphinx, doctree, docname: str) -> None:
    """Give every resolved link to a glossary term its definition as its title."""
    links = [ref for ref in doctree.findall(nodes.reference)
             if ref.get("internal") and "reftitle" not in ref
             and any("std-term" in child.get("classes", []) for child in ref.findall(nodes.inline))]
    if not links:
        return
    cache = getattr(app, "_coursekit_definitions", None)
    if cache is None:
        cache = app._coursekit_definitions = {}
    glossaries = sorted(_term_pages(app.env))
    for glossary in glossaries:
        if glossary not in cache:
            cache[glossary] = definitions(app.env, glossary)
    for ref in links:
        anchor = ref.get("refuri", "").rpartition("#")[2]
        found = next((cache[g][anchor] for g in glossaries if anchor in cache[g]), None)
        if found:
            ref["reftitle"] = found


def note_glossary_read(app: Sphinx, env, docnames: list[str]) -> None:
    app._coursekit_glossary_changed = bool(set(docnames) & _term_pages(env))
    app._coursekit_definitions = {}


def rewrite_all_if_glossary_changed(app: Sphinx, env) -> list[str]:
    return sorted(env.found_docs) if getattr(app, "_coursekit_glossary_changed", False) else []


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", note_glossary_read)
    app.connect("env-get-updated", rewrite_all_if_glossary_changed)
    app.connect("doctree-resolved", add_definitions)
