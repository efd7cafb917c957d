"""Site-wide quality: theme fixes on every page, a valid root redirect, and the offline bundle.

- ``coursekit/static/theme-fixes.css`` holds CSS overrides for accessibility problems that come from
  the theme (missing focus rings); it is added to every page with ``app.add_css_file`` and written
  into ``_static/coursekit/`` at build-finished, like the widget assets (never via html_static_path,
  which Jupyter Book adds to every page wholesale). So are the site's own files: ``nav.js`` (the
  sidebar buttons, which the themes bind to hidden copies), ``tips.js`` (term and citation pop-ups)
  and ``site.css`` (their styles, the home page's start panel, the jump links), ``tables.js`` (wide
  tables that say they scroll sideways) and ``pill.js`` (the "Back to top" pill kept off controls).
- Every table of a page is in a scroll container marked ``ck-table-scroll`` with its hint and name in
  the page's language, for ``tables.js``: the theme's own container, or one we add round a bare table.
- A page with a timeline or a quiz gets jump links under its title to the sections that hold them,
  so a reader (on a phone above all) reaches the exercises without scrolling through the text.
- The theme's navigation puts an empty ``<summary>`` (an icon only) beside each part that has sections:
  screen readers announce an unnamed control. We name it after its part ("Sections of ...").
- docutils marks bibliography entries ``role="doc-biblioentry"``, deprecated in DPUB-ARIA 1.1 and
  invalid inside their ``role="list"`` container: we use ``listitem``, which DPUB-ARIA recommends.
- The root ``index.html`` that sphinx-external-toc writes is a bare ``<meta>`` with no doctype or
  title (invalid HTML) and no icon (so browsers ask for a missing /favicon.ico); we write a complete
  redirect page before it runs (it only writes one when none exists).
- ``course-offline.zip``: the whole built site (except the zip itself) in one folder, to download and
  open from disk (file://) or from any static server with no network. Written deterministically (fixed
  timestamps, sorted names) and replaced only when its content changes. Its copy of the first page
  (root_doc) says, under the title, that this copy works without a connection and starts at index.html:
  a reader who unzipped it once must know how to come back to it. A site of several language editions
  has one zip, of every edition, written by the root edition's build (built last, by ./build); each other
  edition's folder gets the same file (a hard link), so its own page's link to the zip works too.
"""
from __future__ import annotations

import html
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

from markupsafe import Markup
from sphinx.application import Sphinx

from ..multilingual import nested
from ..formats import direction
from ..strings import t
from .assets import STATIC, SUBDIR, served, write_if_changed

THEME_FIXES = "theme-fixes.css"
EVERY_PAGE = ("site.css", "nav.js", "tips.js", "offline.js", "tables.js", "pill.js")
SITE_FILES = (*EVERY_PAGE, "search-offline.js")  # written minified, like the widget assets; the last on the search page only (search.py)
JUMPS = (("timeline", "site.jumpTimeline"), ("quiz", "site.jumpQuiz"))  # widget module, its link's string
BUNDLE = "course-offline.zip"
BUNDLE_FOLDER = "course-offline"  # the single top folder inside the zip
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
REDIRECT = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<title>{title}</title>{icon}
<link rel="manifest" href="manifest.webmanifest">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def add_theme_fixes(app: Sphinx) -> None:
    app.add_css_file(SUBDIR + THEME_FIXES, priority=900)
    for name in EVERY_PAGE:
        if name.endswith(".css"):
            app.add_css_file(SUBDIR + name, priority=900)
        else:
            app.add_js_file(SUBDIR + name, loading_method="defer", priority=900)


SECTION_TAG = re.compile(r'<section\b[^>]*\bid="([^"]+)"|</section>')
MOUNT = re.compile(r'<div class="ck-widget-mount"[^>]*data-module="([^"]+)"')
FIRST_H1 = re.compile(r"</h1>")
BODY = re.compile(r"<body\b[^>]*>")


def enclosing_section(body: str, position: int) -> str | None:
    """The id of the innermost <section> open at ``position`` of ``body``."""
    stack: list[str] = []
    for match in SECTION_TAG.finditer(body, 0, position):
        if match.group(1):
            stack.append(match.group(1))
        elif stack:
            stack.pop()
    return stack[-1] if stack else None


def jump_links(body: str) -> str:
    """``body`` with links to the sections holding its first timeline and first quiz, after the h1."""
    found = {}
    for match in MOUNT.finditer(body):
        module = match.group(1)
        if module not in found:
            found[module] = enclosing_section(body, match.start())
    links = [(found[module], t(key)) for module, key in JUMPS if found.get(module)]
    heading = FIRST_H1.search(body)
    if not links or not heading:
        return body
    items = "".join(f'<li><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>' for anchor, text in links)
    nav = f'<nav class="ck-jump" aria-label="{html.escape(t("site.jumpLabel"))}"><ul>{items}</ul></nav>'
    return body[:heading.end()] + nav + body[heading.end():]


TABLE = re.compile(r"<table\b.*?</table>", re.S)
TABLE_BOX = '<div class="pst-scrollable-table-container">'


def wide_tables(body: str) -> str:
    """``body`` with every table in a scroll container that ``tables.js`` makes say it scrolls."""
    def boxed(match: re.Match) -> str:
        inside = body[:match.start()].rstrip().endswith(TABLE_BOX)
        return match.group(0) if inside else f"{TABLE_BOX}{match.group(0)}</div>"
    body = TABLE.sub(boxed, body)
    marked = (f'<div class="pst-scrollable-table-container ck-table-scroll" data-ck-hint="{html.escape(t("table.hint"))}" '
              f'data-ck-label="{html.escape(t("table.label"))}">')
    return body.replace(TABLE_BOX, marked)


TOC_SUMMARY = re.compile(r"(<a\b[^>]*>)((?:(?!</a>).)*)</a>(\s*<details\b[^>]*>\s*)<summary>", re.S)


def label_summaries(markup: str) -> str:
    """Give each icon-only ``<summary>`` in the theme's navigation the name of the entry it expands."""
    def name(match: re.Match) -> str:
        title = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
        return (f"{match.group(1)}{match.group(2)}</a>{match.group(3)}"
                f'<summary aria-label="{html.escape(t("site.sectionsOf", title=title))}">')
    return TOC_SUMMARY.sub(name, markup)


def fix_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Accessibility fixes to the theme's navigation and to docutils' bibliography markup."""
    generate = context.get("generate_toctree_html")
    if callable(generate) and not getattr(generate, "coursekit_labelled", False):
        def labelled(*args, **kwargs):
            return Markup(label_summaries(str(generate(*args, **kwargs))))  # the theme returns soup or str
        labelled.coursekit_labelled = True
        context["generate_toctree_html"] = labelled
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        body = context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if isinstance(body, str) and "<table" in body:
        body = context["body"] = wide_tables(body)
    if isinstance(body, str) and "ck-widget-mount" in body:
        context["body"] = jump_links(body)


def write_theme_fixes(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static" / SUBDIR
    out.mkdir(parents=True, exist_ok=True)
    write_if_changed(out / THEME_FIXES, (STATIC / THEME_FIXES).read_text(encoding="utf-8"))
    for name in SITE_FILES:
        stem, _, suffix = name.rpartition(".")
        write_if_changed(out / name, served(stem, "." + suffix))


def write_root_redirect(app: Sphinx, exception) -> None:
    """A valid index.html at the root that sends the reader to the first page (root_doc)."""
    if exception or app.builder.format != "html":
        return
    index = Path(app.outdir) / "index.html"
    if "index" in app.env.found_docs:  # a real page of that name: leave it alone
        return
    url = app.builder.get_target_uri(app.config.root_doc)
    favicon = app.config.html_favicon or ""
    icon = "" if not favicon or "://" in favicon else f'\n<link rel="icon" href="_static/{html.escape(Path(favicon).name)}">'
    text = REDIRECT.format(lang=app.config.language or "en", dir=direction(app.config.language), title=html.escape(app.config.html_title or app.config.project),
                           url=url, icon=icon)
    write_if_changed(index, text)



OFFLINE_NOTE = ('<div class="admonition note ck-offline-note" role="note"><p class="admonition-title">Offline copy</p>'
                '<p>This copy works without a connection: every page, quiz and timeline is in this folder. '
                f'To come back to it, open <code>index.html</code> in the <code>{BUNDLE_FOLDER}</code> folder.</p></div>')


def with_offline_note(page: bytes) -> bytes:
    """The first page as the zip holds it: OFFLINE_NOTE after its title (a page without one: at the top)."""
    text = page.decode("utf-8")
    place = FIRST_H1.search(text) or BODY.search(text)
    end = place.end() if place else 0
    return (text[:end] + OFFLINE_NOTE + text[end:]).encode("utf-8")


def bundle_bytes(root: Path, first_page: str | None = None) -> bytes:
    """The site under ``root`` (minus the bundle itself) as a deterministic zip; ``first_page`` (a path
    relative to ``root``) gets the offline note."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath) / name
                rel = path.relative_to(root).as_posix()
                if name == BUNDLE or name.startswith(BUNDLE + "."):   # the root's, and each edition's link to it
                    continue
                info = zipfile.ZipInfo(f"{BUNDLE_FOLDER}/{rel}", date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                data = path.read_bytes()
                archive.writestr(info, with_offline_note(data) if rel == first_page else data, compresslevel=6)
    return buffer.getvalue()


def write_bundle(app: Sphinx, exception) -> None:
    languages = list(app.config.coursekit_languages or [])
    if exception or app.builder.name != "html" or (languages and (app.config.language or "en") != languages[0]):
        return   # another language's edition: the root edition's build writes the zip of the whole site
    root = Path(app.outdir)
    data = bundle_bytes(root, app.builder.get_target_uri(app.config.root_doc))
    target = root / BUNDLE
    if not target.exists() or target.read_bytes() != data:
        partial = root / (BUNDLE + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
    for language in nested(languages, app.config.language or "en"):
        if (root / language).is_dir():
            _link(target, root / language / BUNDLE)


def _link(source: Path, link: Path) -> None:
    """``link`` becomes the same file as ``source`` (a hard link; a copy where links are refused)."""
    if link.exists() and os.path.samefile(source, link):
        return
    partial = link.with_name(BUNDLE + ".partial")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copyfile(source, partial)
    partial.replace(link)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_theme_fixes)
    app.connect("html-page-context", fix_page, priority=950)  # after the theme adds its functions
    app.connect("build-finished", write_theme_fixes)
    app.connect("build-finished", write_root_redirect, priority=100)  # before sphinx-external-toc's
    app.connect("build-finished", write_bundle, priority=990)  # last: after every other file is written
