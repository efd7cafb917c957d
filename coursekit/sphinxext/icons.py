"""The course's app icons as PNG, drawn at build from the same shapes as ``static/favicon.svg``.

A phone that installs the course to its home screen needs raster icons (192 and 512 px; Chromium does
not install from an SVG icon alone). Rendering the SVG would need a rasteriser the build does not
otherwise have, and downloaded art is not allowed, so the favicon's two shapes (a disc and a plus) are
drawn here directly: exact per-pixel coverage for the plus (two axis-aligned bars) and a one-pixel ramp
at the disc's edge give the same anti-aliased look. PNG is written with zlib, no imaging library.
"""
from __future__ import annotations

import math
import struct
import zlib

DISC = (0x0A, 0x58, 0xCA)   # the favicon's fill
MARK = (0xFF, 0xFF, 0xFF)   # its plus
# In the favicon's 32-unit box: the disc (centre 16, radius 15) and the plus (bars from 9 to 23, 3 wide).
RADIUS, BAR_FROM, BAR_TO, BAR_HALF = 15 / 32, 9 / 32, 23 / 32, 1.5 / 32
SAFE_ZONE = 0.8   # a maskable icon's launcher may crop it to a circle of 80% of its width


def _overlap(start: float, end: float, pixel: int) -> float:
    """How much of the pixel [pixel, pixel + 1] lies in [start, end]."""
    return max(0.0, min(end, pixel + 1) - max(start, pixel))


def _bar_coverage(size: int, scale: float) -> tuple[list[float], list[float]]:
    """Per pixel index: coverage along a bar's length and across its width (both bars share them)."""
    centre = size / 2
    along = [_overlap(centre + (BAR_FROM - 0.5) * scale, centre + (BAR_TO - 0.5) * scale, i) for i in range(size)]
    across = [_overlap(centre - BAR_HALF * scale, centre + BAR_HALF * scale, i) for i in range(size)]
    return along, across


def icon_pixels(size: int, maskable: bool = False) -> list[bytes]:
    """The icon's RGBA rows. Plain: the favicon filling the square, transparent outside the disc.
    Maskable: a full-bleed square of the disc's colour with the plus inside the safe zone."""
    scale = size * (SAFE_ZONE if maskable else 1.0)
    along, across = _bar_coverage(size, scale)
    centre, radius = size / 2, RADIUS * scale
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            horizontal, vertical = along[x] * across[y], across[x] * along[y]
            plus = horizontal + vertical - horizontal * vertical   # the union of the two bars
            alpha = 1.0 if maskable else min(1.0, max(0.0, radius - math.hypot(x + 0.5 - centre, y + 0.5 - centre) + 0.5))
            row += bytes(round(d + (m - d) * plus) for d, m in zip(DISC, MARK)) + bytes((round(alpha * 255),))
        rows.append(bytes(row))
    return rows


def png(rows: list[bytes]) -> bytes:
    """An 8-bit RGBA PNG of ``rows`` (each row ``4 * width`` bytes)."""
    width, height = len(rows[0]) // 4, len(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)   # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def icon_png(size: int, maskable: bool = False) -> bytes:
    return png(icon_pixels(size, maskable))
