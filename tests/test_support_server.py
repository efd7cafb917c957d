"""support/server.py as ``./build --serve`` runs it: a static host on 127.0.0.1 that gzips text by
Accept-Encoding, marks both variants ``Vary: Accept-Encoding``, validates with ETag and Last-Modified, and
keeps the service worker's script ``no-cache``. Requests are raw http.client calls, headers as sent."""
from __future__ import annotations

import gzip
import http.client
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.server import accepts_gzip, serve_static
from tests.conftest import ROOT

PAGE = "<!DOCTYPE html><title>t</title>" + "<p>The same paragraph, many times over.</p>" * 200
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("served")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "sw.js").write_text("self.addEventListener('fetch', () => {});" * 20, encoding="utf-8")
    (root / "manifest.webmanifest").write_text('{"name": "A course", "display": "standalone"}' * 10, encoding="utf-8")
    (root / "_static").mkdir()
    (root / "_static" / "icon.png").write_bytes(PNG)
    return root


@pytest.fixture(scope="module")
def served(folder):
    """``python -m support.server FOLDER --port 0``, as ./build --serve starts it: (host, port)."""
    process = subprocess.Popen([sys.executable, "-m", "support.server", str(folder), "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert match, line
    yield "127.0.0.1", int(match.group(1))
    process.terminate()
    process.wait(timeout=10)


def get(address, path: str, method: str = "GET", **headers) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name.replace("_", "-"), value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_a_page_comes_gzipped_to_a_browser_that_accepts_it(served, folder):
    response, body = get(served, "/", Accept_Encoding="gzip, deflate, br")
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert response.getheader("Content-Type").startswith("text/html")
    assert int(response.getheader("Content-Length")) == len(body) < len(PAGE) / 10
    assert gzip.decompress(body).decode("utf-8") == PAGE
    assert response.getheader("Cache-Control") == "no-cache"   # ./build --serve: a rebuilt page shows at once
    assert response.getheader("Last-Modified") and response.getheader("ETag")


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0", "br", "*;q=0"])
def test_without_gzip_in_accept_encoding_the_file_comes_as_it_is(served, accept):
    response, body = get(served, "/index.html", **({"Accept_Encoding": accept} if accept else {}))
    assert response.getheader("Content-Encoding") is None
    assert body.decode("utf-8") == PAGE
    assert response.getheader("Vary") == "Accept-Encoding"   # a shared cache must not hand this to a gzip client


def test_the_app_manifest_is_served_as_one_and_gzipped(served, folder):
    response, body = get(served, "/manifest.webmanifest", Accept_Encoding="gzip")
    assert response.getheader("Content-Type") == "application/manifest+json"
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (folder / "manifest.webmanifest").read_bytes()


def test_binary_files_are_never_gzipped(served):
    response, body = get(served, "/_static/icon.png", Accept_Encoding="gzip")
    assert body == PNG and response.getheader("Content-Encoding") is None and response.getheader("Vary") is None
    assert response.getheader("Content-Type") == "image/png"


def test_a_revalidation_gets_304_for_its_own_variant_only(served):
    first, _ = get(served, "/index.html", Accept_Encoding="gzip")
    again, body = get(served, "/index.html", Accept_Encoding="gzip", If_None_Match=first.getheader("ETag"))
    assert again.status == 304 and body == b""
    other, body = get(served, "/index.html", If_None_Match=first.getheader("ETag"))   # identity: another variant
    assert other.status == 200 and body.decode("utf-8") == PAGE
    dated, _ = get(served, "/index.html", If_Modified_Since=first.getheader("Last-Modified"))
    assert dated.status == 304


def test_head_sends_the_headers_of_get_without_a_body(served):
    full, body = get(served, "/index.html", Accept_Encoding="gzip")
    head, nothing = get(served, "/index.html", method="HEAD", Accept_Encoding="gzip")
    assert nothing == b"" and head.status == 200
    for name in ("Content-Encoding", "Content-Length", "Vary", "ETag", "Content-Type"):
        assert head.getheader(name) == full.getheader(name), name


def test_missing_files_and_bare_folders_behave_as_on_any_host(served):
    missing, _ = get(served, "/nothing.html")
    assert missing.status == 404
    folder, _ = get(served, "/_static")
    assert folder.status == 301 and folder.getheader("Location") == "/_static/"


def test_the_worker_script_is_no_cache_even_where_assets_are_cached(folder):
    base, server = serve_static(folder)   # the benchmarks' GitHub Pages stand-in: max-age=600
    try:
        address = ("127.0.0.1", server.server_port)
        assert get(address, "/sw.js")[0].getheader("Cache-Control") == "no-cache"
        assert get(address, "/index.html")[0].getheader("Cache-Control") == "max-age=600"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("header, accepted", [("gzip", True), ("GZIP;q=0.5", True), ("deflate, gzip;q=0.001", True),
                                              ("*", True), ("x-gzip", True), ("gzip;q=0", False),
                                              ("*;q=0.5, gzip;q=0", False), ("", False), ("br;q=1", False)])
def test_accept_encoding_is_read_with_its_q_values(header, accepted):
    assert accepts_gzip(header) is accepted


def test_a_folder_that_is_no_built_site_is_one_clear_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "support.server", str(tmp_path), "--port", "0"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"{tmp_path}: no built site here (no index.html); run ./build first"]


def test_build_serve_runs_this_host():
    script = (ROOT / "build").read_text(encoding="utf-8")
    assert 'exec .venv/bin/python -m support.server "$html" --port 8000' in script
    assert "http.server" not in script
