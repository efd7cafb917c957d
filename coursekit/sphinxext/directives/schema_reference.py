"""``{schema-reference}``: every model of coursekit.schema as tables, generated from the code so the
instructors' reference cannot go out of date."""
from __future__ import annotations

import html
from pathlib import Path

from sphinx.util.docutils import SphinxDirective

from ...schema.reference import model_docs
from ...strings import t
from .. import assets
from .bank_pages import section_node
from .common import raw

COLUMNS = ("field", "type", "required", "default", "constraints", "description")


class SchemaReference(SphinxDirective):
    def run(self):
        assets.need(self.env, "print")  # the tables print cleanly too
        package = Path(__file__).resolve().parents[2]
        for module in (*sorted((package / "schema").glob("*.py")), *sorted((package / "questions").glob("*.py"))):
            self.env.note_dependency(str(module))   # the page is generated from the models: re-read when they change
        e = html.escape
        head = "".join(f'<th scope="col">{e(t("schema.col." + c))}</th>' for c in COLUMNS)
        result = []
        for doc in model_docs():
            rows = "".join(
                f'<tr id="schema-{doc.name.lower()}-{e(f.name)}"><td><code>{e(f.name)}</code></td>'
                f'<td>{e(f.type)}</td><td>{e(t("schema.required" if f.required else "schema.optional"))}</td>'
                f'<td>{"<code>" + e(f.default) + "</code>" if f.default is not None else "–"}</td>'
                f'<td>{e(f.constraints) or "–"}</td><td>{e(f.description) or "–"}</td></tr>'
                for f in doc.fields)
            body = (f"<p>{e(doc.description)}</p>" if doc.description else "") + (
                f'<p class="ck-schema-used">{e(doc.used_in)}</p>' if doc.used_in else "") + (
                f'<div class="pst-scrollable-table-container"><table class="table ck-schema-table" '
                f'data-model="{e(doc.name)}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>')
            node = section_node(f"schema-{doc.name.lower()}", doc.title)
            node += raw(body)
            result.append(node)
        return result
