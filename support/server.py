"""Loopback static servers for built sites: plain (as ``python -m http.server``) or like a static host (gzip).

Tests only need files served on 127.0.0.1; the benchmarks also need what a real host such as GitHub
Pages sends (gzip for text, Last-Modified, Cache-Control, 304s), so that page weights and repeat visits
are measured as a reader would get them.
"""
from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import threading
from pathlib import Path

TEXT_TYPES = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".ipynb", ".md"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """``http.server``'s handler without a log line per request."""

    def log_message(self, *args):
        pass


class StaticHost(QuietHandler):
    """What a static host (GitHub Pages, say) sends: gzip for text files, Last-Modified, and
    ``Cache-Control: max-age=600``; 304 on If-Modified-Since. HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    use_gzip = True
    cache_control = "max-age=600"
    _compressed: dict = {}

    def end_headers(self):
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (self.use_gzip and path.is_file() and path.suffix in TEXT_TYPES
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        stat = path.stat()
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        key = (str(path), stat.st_mtime_ns)
        body = self._compressed.get(key)
        if body is None:
            body = self._compressed[key] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        self.wfile.write(body)
        return None


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` as plain http.server does, on 127.0.0.1; returns (base URL, server to shut down)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def serve_static(folder: Path, use_gzip: bool = True) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` like a static host (gzip unless ``use_gzip`` is False); returns (base URL, server)."""
    handler = functools.partial(type("Host", (StaticHost,), {"use_gzip": use_gzip}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a browser closing a connection early is not news
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server
