"""HTML to PDF with Debian's Chromium (``chromium --headless --print-to-pdf``), nothing downloaded.

Chromium prints what the browser shows, so the paper looks as the book's pages do, with no second layout
engine to install. Each run has its own throw-away profile folder (several instructors or tests may print at
once), and the flags match the tests' browser (``support/browser.py``, which is not shipped in the wheel).
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw"]


class PrintError(Exception):
    """Chromium is missing or failed; the message says what to do."""


def chromium() -> str:
    found = shutil.which("chromium")
    if not found:
        raise PrintError("Debian's chromium is not installed; install it with `apt-get install chromium`")
    return found


def print_pdf(pages: dict[str, str], timeout: float = 180) -> dict[str, bytes]:
    """Each named HTML page printed to PDF bytes."""
    executable = chromium()
    found: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="coursekit-paper-") as work:
        folder = Path(work)
        for name, page in pages.items():
            source, target = folder / f"{name}.html", folder / f"{name}.pdf"
            source.write_text(page, encoding="utf-8")
            command = [executable, *FLAGS, f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={target}",
                       source.as_uri()]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise PrintError(f"chromium did not finish printing {name} within {timeout:g} s") from None
            if not target.is_file() or target.stat().st_size == 0:
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                raise PrintError(f"chromium could not print {name} (exit {done.returncode}: {last[:200]})")
            found[name] = target.read_bytes()
    return found
