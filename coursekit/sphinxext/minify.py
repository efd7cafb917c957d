"""The JavaScript and CSS the built site serves, minified: scripts with terser, stylesheets with csso, where
npm installed them, else with rjsmin and rcssmin.

Why the npm tools: terser renames local names and folds expressions, which no maintained Python minifier
does for modern JavaScript (rjsmin only strips comments and spaces). Measured on 2026-12-03, gzip -9: the
quiz module is 8.6 KB with terser against 10.2 KB with rjsmin, the timeline 9.5 KB against 11.5 KB. csso
also drops leading zeros and merges rules; on 2026-12-04 it saved 114 bytes of the timeline's 6,613 and 26
of the host's 556 over rcssmin, which kept the timeline page's JavaScript and CSS under a tenth of
TimelineJS's (lightningcss saved 70 and 30, clean-css 48 and 2). ./build's ``npm ci`` installs both
(package.json); a book built where npm has not run gets the Python minifiers' output, which behaves the
same, and says so once in its log. Each edition builds in its own process, so results are also cached on
disk by content, in ``node_modules/.cache/`` (where Node tools keep their caches; never committed).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..node_packages import find_node_package

TERSER = ["bin/terser", "--compress", "--mangle", "--ecma", "2020"]
# csso has no command line of its own (that is the csso-cli package); its API reads stdin here
CSSO = ["-e", "process.stdout.write(require(process.argv[1]).minify(require('fs').readFileSync(0, 'utf8')).css)"]
logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _tool(name: str) -> tuple[str, Path] | None:
    """``node`` and the npm package's folder, or None when either is missing."""
    node, package = shutil.which("node"), find_node_package(name, Path.cwd())
    return (node, package) if node and package else None


def _run(name: str, text: str, what: str) -> str | None:
    """``text`` through npm package ``name`` (terser or csso), from the disk cache when it ran on the same
    text before; None when the package is not installed."""
    found = _tool(name)
    if found is None:
        return None
    node, package = found
    args = [str(package / TERSER[0]), *TERSER[1:]] if name == "terser" else [*CSSO, str(package)]
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    key = hashlib.sha256("\0".join([name, version, *args[1:], text]).encode("utf-8")).hexdigest()[:32]
    cached = package.parent / ".cache" / "coursekit-minify" / f"{key}.{'js' if name == 'terser' else 'css'}"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    done = subprocess.run([node, *args], input=text, capture_output=True, encoding="utf-8")
    if done.returncode:
        raise ExtensionError(f"{name} could not minify a coursekit {what}: {done.stderr.strip()[:500]}")
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")   # editions build side by side: never a half-written file
    partial.write_text(done.stdout, encoding="utf-8")
    partial.replace(cached)
    return done.stdout


def _not_installed(name: str, fallback: str) -> None:
    logger.info(f"coursekit: {name} is not installed (run `npm ci`; package.json names it): the site's files are "
                f"minified with {fallback}, so they are larger", once=True)


@lru_cache(maxsize=64)
def javascript(text: str) -> str:
    minified = _run("terser", text, "script")
    if minified is None:
        _not_installed("terser", "rjsmin, which keeps local names")
        return rjsmin.jsmin(text)
    return minified


@lru_cache(maxsize=64)
def stylesheet(text: str) -> str:
    minified = _run("csso", text, "stylesheet")
    if minified is None:
        _not_installed("csso", "rcssmin")
        return rcssmin.cssmin(text)
    return minified
