"""A local HTTP server that answers like a payment gateway (no network).

Tests register answers per (method, path): a (status, body) pair, where
body is a dict (sent as JSON), bytes (sent as is), or a callable taking the
recorded request and returning (status, body). A `delay` makes it slow.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class FakeGateway:
    routes: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    delay: float = 0.0
    url: str = ""

    def answer(self, method: str, path: str, status: int, body) -> None:
        self.routes[(method, path)] = (status, body)

    def calls(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]


def _handler(fake: FakeGateway):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _serve(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            recorded = Recorded(
                self.command,
                parts.path,
                parts.query,
                dict(self.headers.items()),
                self.rfile.read(length),
            )
            fake.requests.append(recorded)
            if fake.delay:
                time.sleep(fake.delay)
            status, body = fake.routes.get(
                (self.command, parts.path), (404, {"error": "no route"})
            )
            if callable(body):
                status, body = body(recorded)
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        do_GET = do_POST = _serve

    return Handler


def start() -> tuple[FakeGateway, ThreadingHTTPServer]:
    fake = FakeGateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server
