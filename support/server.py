"""Loopback static servers for built sites: plain (as ``python -m http.server``) or like a static host (gzip).

Tests only need files served on 127.0.0.1; the benchmarks also need what a real host such as GitHub
Pages sends (gzip for text, Last-Modified, Cache-Control, 304s), so that page weights and repeat visits
are measured as a reader would get them. ``./build --serve`` runs the same host (``main``), so what you
try locally is what a reader downloads.
"""
from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import http.server
import threading
from pathlib import Path

TEXT_TYPES = {".html", ".js", ".css", ".json", ".webmanifest", ".svg", ".txt", ".xml", ".map", ".ipynb", ".md"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """``http.server``'s handler without a log line per request."""

    def log_message(self, *args):
        pass


class StaticHost(QuietHandler):
    """What a static host (GitHub Pages, say) sends: text files gzipped when the request accepts gzip
    (``Content-Encoding: gzip``; ``Vary: Accept-Encoding`` on both variants, so no cache hands one to a
    client that asked for the other), Last-Modified and an ETag per variant with 304s for either validator,
    and ``Cache-Control``: ``max-age=600`` as GitHub Pages sends, except the service worker's script, which
    hosts are told to keep ``no-cache``. HTTP/1.1 keep-alive; HEAD sends GET's headers."""

    protocol_version = "HTTP/1.1"
    use_gzip = True
    cache_control = "max-age=600"
    _compressed: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.send_file(with_body=True)

    def do_HEAD(self):  # noqa: N802
        self.send_file(with_body=False)

    def send_file(self, with_body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file():   # a folder without its slash (a redirect) or a missing file (404): as http.server does
            return super().do_GET() if with_body else super().do_HEAD()
        text = path.suffix in TEXT_TYPES
        gzipped = self.use_gzip and text and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        stat = path.stat()
        tag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gzip" if gzipped else ""}"'
        headers = {"Content-Type": self.guess_type(str(path)), "Last-Modified": self.date_time_string(int(stat.st_mtime)),
                   "ETag": tag, "Cache-Control": "no-cache" if path.name == "sw.js" else self.cache_control}
        if text:
            headers["Vary"] = "Accept-Encoding"
        if self.not_modified(stat, tag):
            self.send_response(304)
            self.send_headers({**headers, "Content-Length": "0"})
            return
        body = self.compressed(path, stat) if gzipped else path.read_bytes()
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        self.send_response(200)
        self.send_headers({**headers, "Content-Length": str(len(body))})
        if with_body:
            self.wfile.write(body)

    def not_modified(self, stat, tag: str) -> bool:
        """RFC 9110: If-None-Match when sent (it wins), else If-Modified-Since."""
        match = self.headers.get("If-None-Match")
        if match is not None:
            return tag in [t.strip() for t in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        try:
            return bool(since) and int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False

    def compressed(self, path: Path, stat) -> bytes:
        key = (str(path), stat.st_mtime_ns)
        if key not in self._compressed:
            self._compressed[key] = gzip.compress(path.read_bytes(), 6)
        return self._compressed[key]

    def send_headers(self, headers: dict) -> None:
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header accepts gzip: named (or ``*``) with a q-value above 0."""
    quality = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        quality[name.strip().lower()] = q
    return quality.get("gzip", quality.get("x-gzip", quality.get("*", 0.0))) > 0


def _hang_up(request, address) -> None:
    """A browser closing a connection early (a page left mid-download) is not news: say nothing."""


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` as plain http.server does, on 127.0.0.1; returns (base URL, server to shut down)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = _hang_up   # printed from a server thread, it lands in whichever test runs then
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def serve_static(folder: Path, use_gzip: bool = True) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` like a static host (gzip unless ``use_gzip`` is False); returns (base URL, server)."""
    handler = functools.partial(type("Host", (StaticHost,), {"use_gzip": use_gzip}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = _hang_up
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def main(argv: list[str] | None = None) -> None:
    """``python -m support.server FOLDER [--port N]``: ./build --serve. Serves like a static host (gzip,
    validators), with ``Cache-Control: no-cache`` so that a page rebuilt a moment ago is the page you get."""
    parser = argparse.ArgumentParser(prog="python -m support.server", description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").is_file():
        parser.exit(2, f"{args.folder}: no built site here (no index.html); run ./build first\n")
    handler = functools.partial(type("Host", (StaticHost,), {"cache_control": "no-cache"}), directory=str(args.folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    print(f"Serving {args.folder} on http://127.0.0.1:{server.server_port}/ (gzip; Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
