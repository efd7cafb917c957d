"""The offline parts of the build (coursekit/sphinxext/offline.py, icons.py): the worker's file list and
version, the manifest and its icons, the head tags, and what the built book holds of them."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from coursekit.course import Course
from coursekit.sphinxext.icons import DISC, MARK, icon_png
from coursekit.sphinxext.offline import (MANIFEST, WORKER, build_version, head_tags, manifest, precache_files,
                                         worker_source, write_worker)
from tests.conftest import ROOT
from tests.site.helpers import html_pages


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, RGBA rows) of an 8-bit RGBA PNG written with filter 0, as icons.png writes it."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind, body = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        assert zlib.crc32(kind + body) == int.from_bytes(data[position + 8 + length:position + 12 + length], "big")
        header, idat = (body, idat) if kind == b"IHDR" else (header, idat + body if kind == b"IDAT" else idat)
        position += 12 + length
    width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:8], "big")
    assert header[8:10] == bytes((8, 6))   # 8 bits, RGBA
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    return width, height, [raw[row * stride + 1:(row + 1) * stride] for row in range(height)]


def pixel(rows, x: int, y: int) -> tuple[int, ...]:
    return tuple(rows[y][4 * x:4 * x + 4])


@pytest.mark.parametrize("size", [192, 512])
def test_the_icon_is_the_favicon_drawn_at_its_size(size):
    width, height, rows = decode_png(icon_png(size))
    assert (width, height) == (size, size)
    assert pixel(rows, size // 2, size // 2) == (*MARK, 255)             # the plus, in the middle
    assert pixel(rows, size // 2, size // 10) == (*DISC, 255)            # the disc, above the plus
    assert pixel(rows, 0, 0)[3] == 0 and pixel(rows, size - 1, size - 1)[3] == 0   # transparent corners
    edge = [pixel(rows, x, size // 4)[3] for x in range(size // 2)]   # a row crossing the disc's curved edge
    assert any(0 < alpha < 255 for alpha in edge), "the disc's edge is anti-aliased"


def test_the_maskable_icon_fills_its_square_and_keeps_the_plus_in_the_safe_zone():
    _, _, rows = decode_png(icon_png(512, maskable=True))
    assert pixel(rows, 0, 0) == (*DISC, 255) and pixel(rows, 511, 511) == (*DISC, 255)
    white = [(x, y) for y in range(0, 512, 4) for x in range(0, 512, 4) if pixel(rows, x, y)[:3] == MARK]
    assert white and all((x - 256) ** 2 + (y - 256) ** 2 < (0.4 * 512) ** 2 for x, y in white)


def site_folder(tmp_path: Path) -> Path:
    root = tmp_path / "html"
    for name, text in {"index.html": "<p>root</p>", "book/intro.html": "<h1>Intro</h1>", "_static/a.css": "a{}",
                       ".buildinfo": "x", "course-offline.zip": "zip", "course-offline.zip.partial": "zip",
                       "sw.js": "old worker", "_static/coursekit/icon-192.png": "png"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_worker_keeps_every_file_but_the_zip_dotfiles_and_itself(tmp_path):
    root = site_folder(tmp_path)
    assert precache_files(root) == ["_static/a.css", "_static/coursekit/icon-192.png", "book/intro.html", "index.html"]


def test_the_root_editions_worker_leaves_the_other_editions_to_their_own(tmp_path):
    root = site_folder(tmp_path)
    for name in ("ar/book/intro.html", "ar/sw.js", "fr/index.html", "book/ar/x.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    assert precache_files(root, frozenset({"ar", "fr"})) == [
        "_static/a.css", "_static/coursekit/icon-192.png", "book/ar/x.html", "book/intro.html", "index.html"]
    assert precache_files(root / "ar") == ["book/intro.html"]


def test_the_version_changes_with_any_name_or_content_and_only_then(tmp_path):
    root = site_folder(tmp_path)
    files = precache_files(root)
    first = build_version(root, files)
    assert build_version(root, files) == first
    (root / "sw.js").write_text("another worker", encoding="utf-8")
    (root / "course-offline.zip").write_text("another zip", encoding="utf-8")
    assert build_version(root, precache_files(root)) == first   # what the worker does not keep is not the build
    (root / "book" / "intro.html").write_text("<h1>Intro, changed</h1>", encoding="utf-8")
    assert build_version(root, files) != first
    (root / "book" / "intro.html").write_text("<h1>Intro</h1>", encoding="utf-8")
    (root / "_static" / "b.css").write_text("", encoding="utf-8")
    assert build_version(root, precache_files(root)) != first


def worker_files(source: str) -> list[str]:
    """The precache list written into a worker's source, however the minifier joined the declarations."""
    return json.loads(re.search(r"FILES=(\[.*?\])[,;]", source).group(1))


def test_the_written_worker_is_valid_javascript_with_its_list_and_version(tmp_path):
    root = site_folder(tmp_path)
    version = write_worker(root)
    text = (root / WORKER).read_text(encoding="utf-8")
    assert f'"{version}"' in text and json.dumps(precache_files(root)) in text
    assert "__VERSION__" not in text and "__FILES__" not in text
    if shutil.which("node"):
        check = subprocess.run(["node", "--check", str(root / WORKER)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_file_names_reach_the_worker_as_urls(tmp_path):
    source = worker_source(['a"b</script>.html', "ü.html", "part 1/a#b?.html"], "v1")
    assert worker_files(source) == ["a%22b%3C/script%3E.html", "%C3%BC.html", "part%201/a%23b%3F.html"]


def test_the_manifest_names_the_course_and_lists_installable_icons():
    course = Course(ROOT)
    data = manifest(course.title, "book/intro.html", "en")
    assert data["name"] == course.title == "International Cooperation and the Islamic Ummah"
    assert data["dir"] == "ltr" and manifest("التعاون الدولي والأمة الإسلامية", "book/intro.html", "ar")["dir"] == "rtl"
    assert data["short_name"] == "ICIU" and len(data["short_name"]) <= 12
    assert (data["start_url"], data["scope"], data["display"]) == ("book/intro.html", "./", "standalone")
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"] if icon["type"] == "image/png"}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"]) and re.fullmatch(r"#[0-9a-f]{6}", data["background_color"])


@pytest.mark.parametrize("title, short", [("Short title", "Short title"), ("Water and the Environment Today", "WET"),
                                          ("a very long title in lower case", "Very long"),
                                          ("التعاون الدولي والأمة الإسلامية", "التعاون"),  # no capitals: whole words
                                          ("La coopération internationale et l’Oumma islamique", "Coopération"),
                                          ("Extraordinarilylongword", "Extraordinar")])
def test_the_short_name_is_the_title_or_its_initials(tmp_path, title, short):
    (tmp_path / "_config.yml").write_text(f"title: {title}\n", encoding="utf-8")
    assert Course(tmp_path).short_title == short


def test_head_tags_point_at_the_site_root_from_any_page():
    tags = head_tags(lambda name, resource: "../../" + name)
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in tags
    assert '<link rel="apple-touch-icon" href="../../_static/coursekit/icon-192.png">' in tags
    assert '<meta name="theme-color" content="#ffffff" data-light="#ffffff" data-dark="#14181e">' in tags


# The built book


def test_the_built_worker_lists_exactly_the_built_site(site):
    text = (site / WORKER).read_text(encoding="utf-8")
    files = worker_files(text)
    assert files == precache_files(site, frozenset({"ar", "fr"}))
    assert {"index.html", "book/intro.html", "search.html", "searchindex.js", MANIFEST,
            "_static/coursekit/offline.js", "_static/coursekit/icon-512.png"} <= set(files)
    assert f'"{build_version(site, files)}"' in text


def test_every_page_links_the_manifest_and_registers_the_worker(site):
    missing = {}
    for rel in html_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        depth = "../" * rel.count("/")
        wanted = [f'<link rel="manifest" href="{depth}manifest.webmanifest">']
        if rel != "index.html":   # the root redirect leaves at once; its target registers the worker
            wanted.append(f'src="{depth}_static/coursekit/offline.js')
        lacking = [w for w in wanted if w not in text]
        if lacking:
            missing[rel] = lacking
    assert missing == {}


def test_the_built_manifest_and_its_icons(site):
    data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert data["name"] == Course(ROOT).title
    assert (site / data["start_url"]).is_file()
    for icon in data["icons"]:
        width, height, _ = decode_png((site / icon["src"]).read_bytes())
        assert f"{width}x{height}" == icon["sizes"]


@pytest.mark.parametrize(("language", "name", "short", "direction"), [
    ("ar", "التعاون الدولي والأمة الإسلامية", "التعاون", "rtl"),
    ("fr", "La coopération internationale et l’Oumma islamique", "Coopération", "ltr")])
def test_each_edition_installs_under_its_own_name(site, language, name, short, direction):
    """A phone that installs the Arabic edition shows its Arabic name (it showed the English one)."""
    data = json.loads((site / language / MANIFEST).read_text(encoding="utf-8"))
    assert (data["name"], data["short_name"], data["lang"], data["dir"]) == (name, short, language, direction)
    assert (site / language / data["start_url"]).is_file()


def test_the_zip_says_on_its_first_page_that_it_works_offline(site):
    with zipfile.ZipFile(site / "course-offline.zip") as bundle:
        first = bundle.read("course-offline/book/intro.html").decode("utf-8")
        names = bundle.namelist()
    note = "This copy works without a connection"
    assert note in first and "open <code>index.html</code>" in first
    assert first.index(note) > first.index("</h1>")   # under the title
    assert note not in (site / "book" / "intro.html").read_text(encoding="utf-8")   # the site is not the copy
    assert "course-offline/sw.js" in names and "course-offline/manifest.webmanifest" in names
