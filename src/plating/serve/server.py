"""The preview's HTTP server (the standard library's): routes, safety headers, events.

What is served, and nothing else: the pages of the site (at ``/`` and ``/docs/<docs path
without extension>``), the preview's own assets from the package, and the event stream.
No URL is ever turned into a file path: pages are looked up in the site by exact URL and
assets by exact name, so ``..``, encoded or not, reaches nothing; such requests are refused
outright. Responses carry a Content-Security-Policy that runs only the preview's own
script, a second wall behind the sanitiser. On a loopback address, requests naming another
host are refused (a web page elsewhere cannot read the preview through DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import json
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, unquote

from plating.pages import PAGE_SUFFIXES

if TYPE_CHECKING:
    from plating.serve.app import Preview
    from plating.serve.views import Views

ASSET_TYPES = {
    "preview.css": "text/css; charset=utf-8",
    "preview.js": "text/javascript; charset=utf-8",
    "highlight.css": "text/css; charset=utf-8",
}
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: Seconds between keep-alive comments on an idle event stream.
KEEPALIVE_SECONDS = 15.0
#: Endings of a link to a page that the page answers: its file's (``.md``, legacy ones) and
#: the legacy website's ``.html``, which ``validate``'s link check also resolves.
LINK_SUFFIXES = (*PAGE_SUFFIXES, ".html")


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one preview."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview, views: Views) -> None:
        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)
        self.preview = preview
        self.views = views
        self.loopback = is_loopback(host)

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PreviewHandler(BaseHTTPRequestHandler):
    """One request: see the module docstring for what is served."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "plating-serve"
    sys_version = ""
    _asset_cache: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows what changed, not every request."""

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def _dispatch(self, *, head: bool) -> None:
        if self.server.loopback and not self._host_allowed():
            self._send_text(HTTPStatus.MISDIRECTED_REQUEST, "unknown host", head)
            return
        # Not urlsplit: "//host/x" would lose its first segment as a network location.
        raw_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = unquote(raw_path)
        if not path.startswith("/") or _unsafe(path) or _unsafe(raw_path):
            self._send_text(HTTPStatus.BAD_REQUEST, "refused: not a preview path", head)
            return
        if path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon", head=True)
            return
        if path == "/_plating/events":
            self._events()
            return
        if path.startswith("/_plating/assets/"):
            self._asset(path.removeprefix("/_plating/assets/"), head)
            return
        if path == "/_plating/status.json":
            preview = self.server.preview
            status = {"version": preview.version, "validating": preview.validating}
            self._send(HTTPStatus.OK, json.dumps(status).encode(), "application/json", head)
            return
        self._page(path, head)

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]")
        return is_loopback(name)

    def _page(self, path: str, head: bool) -> None:
        views = self.server.views
        if path in ("/docs", "/docs/", "/index"):
            self._redirect("/", head)
            return
        urls = views.url_index()
        relpath = urls.get(path.rstrip("/") or "/")
        if relpath is None and path.endswith(LINK_SUFFIXES):
            # A link written to the file (`../resources/recipe.md`), or to the page of the
            # legacy website (`./recipe.html`), reaches the page, as `validate` resolves it.
            for suffix in LINK_SUFFIXES:
                if path.endswith(suffix):
                    target = path[: -len(suffix)]
                    target = "/" if target == "/docs/index" else target
                    if target in urls:
                        self._redirect(target, head)
                        return
        if relpath is None:
            note = (
                f"Nothing in the docs is served at {path}: a link here would be broken on "
                "the Registry too."
            )
            body = views.page(None, note).encode("utf-8")
            self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", head)
            return
        known_nav = parse_qs(self.path.partition("?")[2]).get("nav", [""])[0]
        body = views.page(relpath, known_nav=known_nav).encode("utf-8")
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", head)
        self.server.preview.page_served()

    def _asset(self, name: str, head: bool) -> None:
        content_type = ASSET_TYPES.get(name)
        if content_type is None:
            self._send_text(HTTPStatus.NOT_FOUND, "no such asset", head)
            return
        data = self._asset_cache.get(name)
        if data is None:
            if name == "highlight.css":
                from plating.serve.markdown import highlight_css

                data = highlight_css().encode("utf-8")
            else:
                from plating.serve.views import asset

                data = asset(name)
            self._asset_cache[name] = data
        self._send(HTTPStatus.OK, data, content_type, head)

    def _events(self) -> None:
        """Server-sent events: an ``update`` with the current version on connect, then one
        per change; a comment line keeps idle connections open."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self._safety_headers()
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not preview.closed:
                version = preview.wait_for_change(seen, KEEPALIVE_SECONDS)
                if version != seen:
                    seen = version
                    message = f"event: update\ndata: {preview.event_data()}\n\n"
                else:
                    message = ": keep-alive\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return

    def _redirect(self, location: str, head: bool) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self._safety_headers()
        self.end_headers()

    def _send_text(self, status: HTTPStatus, text: str, head: bool) -> None:
        self._send(status, (text + "\n").encode("utf-8"), "text/plain; charset=utf-8", head)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self._safety_headers()
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _safety_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")


def _unsafe(path: str) -> bool:
    """A path that tries to climb, hide or smuggle: refused before any lookup."""
    segments = path.split("/")
    return (
        "\\" in path
        or "\x00" in path
        or any(s in ("..", ".") for s in segments)
        or "//" in path
        or any(s.startswith(".") for s in segments if s)
    )
