"""The machine a run measured: CPU, cores, load, OS, browser and package versions (the head of results.md)."""
from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

from benchmarks.common import version

def machine_info() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    os_release = Path("/etc/os-release").read_text() if Path("/etc/os-release").exists() else ""
    pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release, re.M)
    chromium = shutil.which("chromium")
    chromium_version = (subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
                        if chromium else "not installed")
    node = shutil.which("node")
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "ram_gib": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "os": f"{pretty.group(1) if pretty else platform.system()} (kernel {platform.release()})",
        "python": platform.python_version(),
        "chromium": chromium_version,
        "node": subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "none",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "packages": {name: version(name) for name in (
            "jupyter-book", "myst-nb", "sphinx", "sphinx-book-theme", "ipywidgets", "anywidget", "nbclient",
            "playwright", "pytest", "coursekit")},
    }
