"""Widget assets in the static book: smaller saved state, per-page scripts, offline module files.

myst-nb saves each widget's full state into its page, including anywidget's ``_esm`` and ``_css``
source for every instance. We drop those from coursekit widgets' state (the module is served once, as
a file the browser caches across pages) and add the host, the module and its CSS only to pages that
show a coursekit widget. Modules are wrapped as classic scripts so the site also works from file://,
where browsers refuse to load ES module files. Everything loads ``async`` and announces itself, so
widgets mount as soon as the page is parsed instead of waiting behind the theme's deferred scripts.
The user-interface strings, which live widgets carry in their state, likewise travel once per
module file (``module.strings``, only that module's keys) instead of in every widget's saved state.
Served files are minified (``minify.py``); the sources in ``widgets/`` and ``static/`` stay readable and
are what anywidget loads live.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.errors import ExtensionError

from ..strings import section
from ..widgets.base import is_widget, module_css, module_source
from .minify import javascript, stylesheet

STATIC = Path(__file__).parent.parent / "static"
STATE_KEY = "ipywidgets_state"
SUBDIR = "coursekit/"  # under _static/


def classic_script(name: str) -> str:
    """Wrap the ES module ``<name>.js`` so that a plain <script> registers it."""
    source = module_source(name)
    exports = re.findall(r"^export\b.*$", source, flags=re.M)
    if len(exports) != 1 or not exports[0].startswith("export default {") or re.search(r"^import\b", source, re.M):
        raise ExtensionError(f"{name}.js must end with one `export default {{ ... }}` and import nothing")
    body = re.sub(r"^export default ", "return ", source, flags=re.M)
    strings = json.dumps(section(name), ensure_ascii=False)
    return (f"(window.coursekitModules = window.coursekitModules || {{}})[{json.dumps(name)}] = Object.assign((function () {{\n"
            f"{body}\n}})(), {{ strings: {strings} }});\n"
            f"document.dispatchEvent(new CustomEvent(\"coursekit:module\", {{ detail: {json.dumps(name)} }}));\n")


def shrink_state(app: Sphinx, doctree) -> None:
    """Drop module source from the saved state of coursekit widgets; note the modules the page needs."""
    from myst_nb.sphinx_ import NbMetadataCollector

    env = app.env
    js_files = NbMetadataCollector.get_js_files(env, env.docname)
    if STATE_KEY not in js_files:
        return
    uri, kwargs = js_files[STATE_KEY]
    bundle = json.loads(kwargs["body"].replace("<\\/script>", "</script>"))
    models = bundle.get("state", {})
    modules, layouts = set(), set()
    for model in models.values():
        state = model.get("state", {})
        if state.get("_module") and str(state.get("_anywidget_id", "")).startswith("coursekit."):
            modules.add(state["_module"])
            for key in ("_esm", "_css", "strings", "layout"):
                value = state.pop(key, None)
                if key == "layout" and isinstance(value, str):
                    layouts.add(value.removeprefix("IPY_MODEL_"))
    for model_id in layouts:  # the layout models only coursekit widgets used; the host never reads them
        models.pop(model_id, None)
    share_parts(doctree, models)
    inline_states(doctree, models)
    if models:
        js_files[STATE_KEY] = (uri, {**kwargs, "body": script_json(bundle)})
    else:
        del js_files[STATE_KEY]
    need(env, *modules)


MOUNT_ID = re.compile(r'<div class="ck-widget-mount" data-model-id="([^"]+)"')
PART = re.compile(r'<div data-ck-part="([\w.]+)">')


def share_parts(doctree, models: dict) -> None:
    """Keep one copy of the text a widget's fallback already shows: each state value whose exact HTML
    sits in the page as ``<div data-ck-part="path">`` becomes ``{"$part": path}``, which host.js reads
    back from the fallback before the module renders (a 20-question quiz shipped its prompts and
    explanations twice: in the fallback, which no-JS readers and print need, and in the state)."""
    from docutils import nodes

    for raw in doctree.findall(nodes.raw):
        text = raw.astext()
        mount = MOUNT_ID.search(text)
        model = models.get(mount.group(1), {}) if mount else {}
        for path in PART.findall(text):
            *parents, last = path.split(".")
            holder = model.get("state", {})
            for key in parents:
                holder = _child(holder, key)
            value = holder.get(last) if isinstance(holder, dict) else None
            if isinstance(value, str) and value and f'<div data-ck-part="{path}">{value}</div>' in text:
                holder[last] = {"$part": path}


OWN_STATE = '<script type="application/json" class="ck-state">{}</script>'


def inline_states(doctree, models: dict) -> None:
    """Move each coursekit widget's saved state out of the page's head, into its own mount (host.js reads
    it there). myst-nb writes the state of every widget of a page as one script in the head, before the
    body: 138 KB on the course timeline, which a phone on slow 4G had to fetch before it could paint the
    first line of text (largest contentful paint 2.6 s there, 1.9 s on a page without a widget). In its
    mount, a widget's state still arrives before the widget is parsed, so it mounts as early as before.
    Models no mount shows, or more than one does (a widget displayed twice), stay in the head's script
    (removed when none is left)."""
    from docutils import nodes

    raws = [(raw, MOUNT_ID.search(raw.astext())) for raw in doctree.findall(nodes.raw)]
    shown = Counter(mount.group(1) for _, mount in raws if mount)
    for raw, mount in raws:
        if not mount or mount.group(1) not in models or shown[mount.group(1)] > 1:
            continue
        text = raw.astext()
        opening = text.index(">", mount.end()) + 1
        own = OWN_STATE.format(script_json(models.pop(mount.group(1))))
        raw.replace_self(nodes.raw(text=text[:opening] + own + text[opening:], format=raw.get("format", "html"),
                                   classes=raw.get("classes", [])))


def _child(holder, key: str):
    """``holder[key]`` for a dict key or a list index, None when there is no such child."""
    if isinstance(holder, dict):
        return holder.get(key)
    if isinstance(holder, list) and key.isdigit() and int(key) < len(holder):
        return holder[int(key)]
    return None


def script_json(data) -> str:
    """JSON that no text inside it can end or hide the <script> element it sits in.

    Escaping only ``</`` is not enough: ``<!--`` followed by ``<script`` inside a script element puts
    the HTML parser into its "double escaped" state, where the real ``</script>`` no longer ends the
    element and the rest of the page disappears into it. ``<``, ``>`` and ``&`` only ever occur inside
    JSON strings, where ``\\u003c`` and friends mean the same characters to JSON.parse.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def pages(env) -> dict[str, set[str]]:
    """docname -> the coursekit assets the page needs: widget modules and page scripts."""
    if not hasattr(env, "coursekit_modules"):
        env.coursekit_modules = {}
    return env.coursekit_modules


def need(env, *names: str) -> None:
    """Note that the page being read needs these assets (widget modules or static page scripts)."""
    if names:
        pages(env).setdefault(env.docname, set()).update(names)


class PageAssets(EnvironmentCollector):
    """Sphinx's collector for the assets each page needs: found when the page is read (its widget
    state), kept per page, merged from parallel readers, dropped when the page goes."""

    def clear_doc(self, app, env, docname) -> None:
        pages(env).pop(docname, None)

    def merge_other(self, app, env, docnames, other) -> None:
        for docname in docnames:
            if docname in pages(other):
                pages(env)[docname] = pages(other)[docname]

    def process_doc(self, app, doctree) -> None:
        shrink_state(app, doctree)


def add_page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The page's scripts and stylesheets. Widget modules and the host are fetched at high priority: a
    page names some twenty scripts, every one low priority, and on the quiz benchmark page the quiz's two
    arrived among the last, 110 ms after the page (45 ms with ``fetchpriority="high"``)."""
    names = sorted(pages(app.env).get(pagename, ()))
    for name in names:
        if is_widget(name) or (STATIC / f"{name}.css").exists():   # some page scripts have no CSS (continue)
            app.add_css_file(SUBDIR + f"{name}.css")
        if is_widget(name):
            app.add_js_file(SUBDIR + f"{name}.js", loading_method="async", fetchpriority="high")
        elif (STATIC / f"{name}.js").exists():   # some page assets are CSS only (print)
            app.add_js_file(SUBDIR + f"{name}.js", loading_method="async")
    if any(map(is_widget, names)):
        app.add_css_file(SUBDIR + "host.css")
        app.add_js_file(SUBDIR + "host.js", loading_method="async", fetchpriority="high")


def write_assets(app: Sphinx, exception) -> None:
    """Write the host and every widget module into the built site."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static" / SUBDIR
    out.mkdir(parents=True, exist_ok=True)
    for name in ("host", *sorted({n for names in pages(app.env).values() for n in names})):
        for suffix in (".js", ".css"):
            text = served(name, suffix)
            if text is not None:
                write_if_changed(out / f"{name}{suffix}", text)


# Page scripts built on widget parts: served as those parts + static/<name>.js in one function scope, so
# that, e.g., the My progress page reads saved answers with the quiz's own storage code.
_STORAGE = ["widgets/common.js", "widgets/quiz/10-score.js", "widgets/quiz/30-storage.js", "static/answer-store.js",
            "static/read-store.js"]
PAGE_SCRIPT_PARTS = {"progress": [*_STORAGE, "static/progress-merge.js"], "answers": _STORAGE, "continue": _STORAGE,
                     "reading": _STORAGE}   # paths in the package


def page_script(name: str) -> str:
    """The source of the page script ``static/<name>.js``, with the widget parts it is built on."""
    parts = [STATIC.parent / part for part in PAGE_SCRIPT_PARTS.get(name, [])] + [STATIC / f"{name}.js"]
    body = "\n".join(part.read_text(encoding="utf-8") for part in parts)
    return f'(function () {{\n"use strict";\n{body}\n}})();\n' if name in PAGE_SCRIPT_PARTS else body


def served(name: str, suffix: str) -> str | None:
    """The exact text the built site serves as ``_static/coursekit/<name><suffix>`` (None: no such file)."""
    if is_widget(name):
        return javascript(classic_script(name)) if suffix == ".js" else stylesheet(module_css(name, live=False))
    source = STATIC / f"{name}{suffix}"
    if not source.exists():
        return None
    if suffix == ".js":
        return javascript(page_script(name))
    return stylesheet(source.read_text(encoding="utf-8"))


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
