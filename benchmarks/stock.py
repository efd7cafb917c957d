"""The stock route: the minibook built without coursekit, on myst-nb's html-manager made offline.

Its front-end packages come from npm into benchmarks/.work (pinned in common.NPM_PACKAGES, which also
holds the timeline anchors) and are served with the built site, so nothing reaches a CDN.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from benchmarks.common import (
    MINIBOOK, NPM_PACKAGES, STOCK_CDN, STOCK_DIR, STOCK_PATHS_CONFIG, WORK, BenchmarkError, Context,
    copy_sources, failure_reason, jb_build, run, version)

def ensure_npm_packages() -> dict[str, str]:
    """Install the stock route's npm packages into benchmarks/.work (once); return exact versions."""
    def installed(name: str) -> str | None:
        manifest = WORK / "node_modules" / name / "package.json"
        return json.loads(manifest.read_text())["version"] if manifest.exists() else None

    if any(installed(name) != wanted for name, wanted in NPM_PACKAGES.items()):
        if not shutil.which("npm"):
            raise BenchmarkError("npm is needed to fetch the stock route's require.js and html-manager")
        specs = [f"{name}@{wanted}" for name, wanted in NPM_PACKAGES.items()]
        _, result = run(["npm", "install", "--prefix", WORK, "--no-audit", "--no-fund", "--ignore-scripts",
                         "--loglevel=error", *specs])
        if result.returncode != 0:
            raise BenchmarkError(f"npm install failed:\n{result.stderr[-2000:]}")
    return {name: installed(name) for name in NPM_PACKAGES}


def stock_config(config_text: str) -> str:
    """The minibook's _config.yml without coursekit.sphinxext, with a local html-manager route."""
    import yaml

    config = yaml.safe_load(config_text)
    sphinx = config.setdefault("sphinx", {})
    sphinx["extra_extensions"] = [e for e in sphinx.get("extra_extensions", []) if e != "coursekit.sphinxext"]
    sphinx.setdefault("config", {})["nb_ipywidgets_js"] = {
        # myst-nb adds these, in order, to pages with saved widget state; relative names land in _static/.
        "stock/require.js": {},
        "": {"body": STOCK_PATHS_CONFIG},  # an inline script (Sphinx writes no src for an empty name)
        "stock/embed-amd.js": {"data-jupyter-widgets-cdn": STOCK_CDN},
    }
    return yaml.safe_dump(config, sort_keys=False)


def install_stock_assets(site: Path) -> dict[str, str]:
    """Copy require.js, html-manager's dist (embed-amd.js and the fonts it loads) and anywidget's AMD
    module into the built site's _static/stock/; returns {served file: origin}."""
    import anywidget

    stock = site / STOCK_DIR
    shutil.rmtree(stock, ignore_errors=True)
    (stock / "cdn").mkdir(parents=True)
    (stock / "cdn" / "README.txt").write_text("Empty on purpose: data-jupyter-widgets-cdn points here so that "
                                             "html-manager never falls back to a real CDN.\n")
    dist = WORK / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    copied = {"require.js": "npm requirejs/require.js"}
    shutil.copy2(WORK / "node_modules" / "requirejs" / "require.js", stock / "require.js")
    for path in dist.iterdir():  # embed-amd.js finds its fonts next to itself
        if path.name == "embed-amd.js" or path.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
            shutil.copy2(path, stock / path.name)
    copied["embed-amd.js"] = "npm @jupyter-widgets/html-manager/dist/embed-amd.js (+ its font files)"
    shutil.copy2(Path(anywidget.__file__).parent / "nbextension" / "index.js", stock / "anywidget.js")
    copied["anywidget.js"] = f"PyPI anywidget {version('anywidget')}: anywidget/nbextension/index.js"
    return copied


def build_slice_sites(ctx: Context) -> dict[str, Path]:
    """Build the minibook twice: our route (as the tests build it) and the stock route."""
    sites, builds = {}, {}
    for route in ("ours", "stock"):
        src = copy_sources(MINIBOOK, WORK / f"slice-{route}" / "src")
        out = WORK / f"slice-{route}" / "out"
        shutil.rmtree(out, ignore_errors=True)
        if route == "stock":
            (src / "_config.yml").write_text(stock_config((MINIBOOK / "_config.yml").read_text()))
        seconds, result = jb_build(src, out, strict=(route == "ours"))
        if result.returncode != 0:
            raise BenchmarkError(f"{route} route: the slice book does not build: {failure_reason(result)}")
        site = out / "_build" / "html"
        if route == "stock":
            ctx.data["stock_assets"] = install_stock_assets(site)
        sites[route], builds[route] = site, seconds
    ctx.data["slice_builds_s"] = builds
    return sites
