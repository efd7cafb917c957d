"""The sidebar's part captions in a translated edition ("Reference", "For instructors").

Jupyter Book's table of contents (sphinx-external-toc) puts its toctrees into the root page with a
transform that runs after Sphinx's own translation of that page (``Locale``, priority 20, against 100), so
the captions stayed in the source language although the root page's catalog translates them (the gettext
builder sees the inserted toctrees and extracts them). This transform runs just after the insertion and
translates each caption from the same catalog, the way ``Locale`` reads it.
"""
from __future__ import annotations

from os import path

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain


class TranslateTocCaptions(SphinxTransform):
    default_priority = 101   # after sphinx_external_toc.events.InsertToctrees (100)

    def apply(self, **kwargs) -> None:
        if not self.config.language:
            return
        toctrees = [node for node in self.document.findall(addnodes.toctree) if node.get("caption")]
        if not toctrees:
            return
        dirs = [path.join(self.env.srcdir, directory) for directory in self.config.locale_dirs]
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalog, found = init_locale(dirs, self.config.language, domain)
        if found:
            for node in toctrees:
                node["caption"] = catalog.gettext(node["caption"])


def setup(app: Sphinx) -> None:
    app.add_transform(TranslateTocCaptions)
