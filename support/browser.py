"""Headless Chromium for tests and benchmarks: Debian's chromium driven by Playwright, never a downloaded browser.

The flags live here once, so a test and a benchmark run the same browser the same way.
"""
from __future__ import annotations

import shutil

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
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
