"""A local HTTP server that answers like the AI providers do.

`fake_ai` runs http.server on a thread; each test says, per path, what it
answers: a JSON body with a status, a malformed body, or a delay past the
client's timeout. Requests are kept so tests can look at what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from learning.tests.factories import AIProviderFactory, TutorPolicyAcceptanceFactory

OPENAI_OK = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "What is 1 + 2 parts?"},
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49},
}
GEMINI_OK = {
    "candidates": [
        {
            "content": {"role": "model", "parts": [{"text": "Think of halves."}]},
            "finishReason": "STOP",
        }
    ],
    "usageMetadata": {"promptTokenCount": 30, "candidatesTokenCount": 4},
}
ANTHROPIC_OK = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "content": [{"type": "text", "text": "Which part do you share first?"}],
    "stop_reason": "end_turn",
    "usage": {"input_tokens": 25, "output_tokens": 8},
}


class FakeAI:
    def __init__(self):
        self.routes: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(
        self, path, *, json_body=None, status=200, raw=None, delay=0.0, echo=False
    ):
        """Say what `path` answers; `echo`: an OpenAI-shaped reply repeating
        every message it was sent, system prompt included."""
        self.routes[path] = {
            "json": json_body,
            "status": status,
            "raw": raw,
            "delay": delay,
            "echo": echo,
        }

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                fake.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": json.loads(body or b"{}"),
                    }
                )
                route = fake.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if route["delay"]:
                    time.sleep(route["delay"])
                if route["echo"]:
                    sent = fake.requests[-1]["json"].get("messages", [])
                    text = "\n".join(m.get("content", "") for m in sent)
                    payload = json.dumps(
                        {
                            "choices": [
                                {"message": {"role": "assistant", "content": text}}
                            ]
                        }
                    ).encode()
                elif route["raw"] is not None:
                    payload = route["raw"]
                else:
                    payload = json.dumps(route["json"]).encode()
                try:
                    self.send_response(route["status"])
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        return Handler


@pytest.fixture
def fake_ai():
    server = FakeAI()
    yield server
    server.close()


SECRET = "sk-live-TOPSECRET-0123456789abcdef"


@pytest.fixture
def provider_on(fake_ai):
    """Make a provider pointed at the fake server: api, prefix, **fields."""

    def make(api="openai", prefix="", timeout=2, **fields):
        config = {"api": api, "model": "test-model", "timeout": timeout}
        config.update(fields.pop("configuration", {}))
        return AIProviderFactory(
            api_endpoint=fake_ai.base + prefix,
            api_key_encrypted=fields.pop("key", SECRET),
            configuration=config,
            **fields,
        )

    return make


@pytest.fixture
def accepted(db):
    """Accept the AI-use policy for a student."""

    def accept(student):
        return TutorPolicyAcceptanceFactory(student=student)

    return accept
