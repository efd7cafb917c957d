"""Where the Arabic font is and what it covers: Noto Naskh Arabic from npm (``@fontsource/noto-naskh-arabic``).

Why Naskh and not Noto Sans Arabic: Naskh is the style Arabic books and newspapers are set in, and the
course is long prose; its joined, varied letter forms read better at length than the geometric sans,
which suits short interface labels. Printed, it also keeps Arabic text in logical order when the PDF is
read back (pdftotext): with DejaVu Sans, the Debian default, each lam-alef ligature comes back reversed.
Why a font at all: phones and Linux desktops often have no Arabic font, or one without the ligatures and
marks the course's words need.

The package is installed by ``npm ci`` (package.json; ./build and ./test run it) and never committed. The
site serves it (``sphinxext/fonts.py``) and the printed papers embed it (``papers/html.py``).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .node_packages import find_node_package

PACKAGE = "@fontsource/noto-naskh-arabic"
FAMILY = "Noto Naskh Arabic"
WEIGHTS = (400, 700)
PUNCTUATION = (0x2000, 0x2E7F)   # General and Supplemental Punctuation: in pages of every language


def font_file(weight: int) -> str:
    """The woff2 file of the Arabic subset in ``weight``, inside the package's ``files/``."""
    return f"noto-naskh-arabic-arabic-{weight}-normal.woff2"


def find_package(start: Path, configured: str = "") -> Path | None:
    """The font package's folder: ``configured`` if given, else where npm installed it (node_packages)."""
    if configured:
        path = Path(configured)
        return path if (path / "package.json").is_file() else None
    return find_node_package(PACKAGE, start)


def _ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        a, _, b = part.strip().removeprefix("U+").partition("-")
        out.append((int(a, 16), int(b or a, 16)))
    return out


@lru_cache(maxsize=4)
def unicode_range(package: Path) -> str:
    """The package's unicode-range of its Arabic subset without the punctuation blocks (hyphens, joiners,
    direction marks), which English and French pages also hold: a page with no Arabic letter never needs it."""
    data = json.loads((package / "unicode.json").read_text(encoding="utf-8"))
    low, high = PUNCTUATION
    kept = [(a, b) for a, b in _ranges(data["arabic"]) if b < low or a > high]
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in kept)


def font_faces(package: Path, url) -> str:
    """The @font-face rules of every weight; ``url(name)`` gives the address of the woff2 file ``name``."""
    span = unicode_range(package)
    return "".join(
        f'@font-face{{font-family:"{FAMILY}";font-style:normal;font-weight:{weight};font-display:swap;'
        f'src:url("{url(font_file(weight))}") format("woff2");unicode-range:{span}}}' for weight in WEIGHTS)
