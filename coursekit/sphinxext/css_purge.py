"""Drop the CSS rules no page of the built site can match: the theme ships Bootstrap and styles for every
feature it has (version switchers, announcement banners, dozens of icon classes), and a phone on a slow
connection must download and parse all of it before it paints anything.

A rule is kept when one of its selectors could match: every class and id the selector requires occurs
as a word somewhere in the site's HTML or JavaScript (so classes that scripts add later, such as the
theme's ``bd-sidebar-primary`` toggles or Bootstrap's ``show``, stay). Tag names, attributes and
pseudo-classes are never grounds to drop a rule, nor is anything inside ``:not()``/``:is()``/``:where()``/
``:has()``; a selector with an escaped character is kept as it is. At-rules that hold rules (``@media``,
``@supports``, ``@layer``, ``@container``) are trimmed inside and dropped when empty; every other at-rule
(``@font-face``, ``@keyframes``, ``@property``, ``@import``) is kept. The parser knows only what CSS
needs to be split into rules: comments, strings and nested braces.
"""
from __future__ import annotations

import re

NESTING = ("@media", "@supports", "@layer", "@container", "@document")
CLASS_OR_ID = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
WORD = re.compile(r"[A-Za-z0-9_-]+")


def words(text: str) -> set[str]:
    """Every word a class or id could be, in HTML or JavaScript text."""
    return set(WORD.findall(text))


def _blocks(css: str):
    """Yield (prelude, body or None) at the top level of ``css``; comments are dropped."""
    i, n, start = 0, len(css), 0
    prelude = ""
    depth, body_start = 0, None
    out = []
    while i < n:
        c = css[i]
        if c == "/" and css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            if depth == 0:
                prelude += css[start:i]
                start = end
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            if depth == 0:
                prelude += css[start:i]
                body_start = i + 1
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((prelude.strip(), css[body_start:i]))
                prelude, start = "", i + 1
        elif c == ";" and depth == 0:
            prelude += css[start:i]
            if prelude.strip():
                out.append((prelude.strip(), None))
            prelude, start = "", i + 1
        i += 1
    return out


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for c in prelude:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    return [*parts, current]


def _required(selector: str) -> set[str] | None:
    """The classes and ids ``selector`` requires; None when it is kept whatever the site holds."""
    if "\\" in selector:
        return None
    selector = re.sub(r"\[[^\]]*\]", "", selector)   # attribute selectors (values may contain dots)
    while (found := FUNCTIONAL.search(selector)) is not None:   # drop :not(...) etc. with their argument
        depth, j = 1, found.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        selector = selector[:found.start()] + selector[j:]
    selector = re.sub(r"::?[\w-]+(\([^)]*\))?", "", selector)  # the remaining pseudo-classes and elements
    return set(CLASS_OR_ID.findall(selector))


def _keep_rule(prelude: str, used: set[str]) -> str | None:
    kept = []
    for selector in _split_selectors(prelude):
        need = _required(selector)
        if need is None or need <= used:
            kept.append(selector.strip())
    return ",".join(kept) if kept else None


def purge(css: str, used: set[str]) -> str:
    """``css`` without the rules whose every selector requires a class or id not in ``used``."""
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith("@"):
            if prelude.split(None, 1)[0].lower() in NESTING:
                inner = purge(body, used)
                if inner.strip():
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{body.strip()}}}")
        else:
            selectors = _keep_rule(prelude, used)
            if selectors:
                out.append(f"{selectors}{{{body.strip()}}}")
    return "\n".join(out)
