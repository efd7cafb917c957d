"""Headless Chromium for tests and benchmarks: Debian's chromium driven by Playwright, never a downloaded browser.

The flags live here once, so a test and a benchmark run the same browser the same way; so does the
reader's scroll past every widget of a page, which both need to find the widgets rendered.
"""
from __future__ import annotations

import shutil

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# host.js renders a widget when it comes within a screen of the viewport: scroll to each in turn, a frame
# apart, as a reader scrolling down the page does, then back to where the page was
REACH_WIDGETS = """async () => {
  const start = window.scrollY;
  for (const mount of document.querySelectorAll('.ck-widget-mount')) {
    mount.scrollIntoView({ block: 'center' });
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
  }
  window.scrollTo(0, start);
}"""
ALL_MOUNTED = "() => [...document.querySelectorAll('.ck-widget-mount')].every((m) => m.classList.contains('ck-mounted'))"
MISSING = "Debian's chromium is not installed (./test installs it with apt-get; never `playwright install`)"


def chromium_path() -> str | None:
    """The system chromium, or None when it is not installed."""
    return shutil.which("chromium")


def launch(playwright, extra_flags: list[str] | None = None):
    """Launch Debian's chromium from a started Playwright; raise RuntimeError(MISSING) without it."""
    executable = chromium_path()
    if not executable:
        raise RuntimeError(MISSING)
    return playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_FLAGS, *(extra_flags or [])])
