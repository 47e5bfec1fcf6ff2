"""A loopback OpenAI-compatible server for tests: stdlib only, 127.0.0.1, port 0, scripted per request.

The reply function receives the parsed request body and returns one of
``{"content": str}`` (a chat completion; ``"usage": False`` leaves usage out; ``"finish_reason"`` (default "stop")
and ``"reasoning_content"`` go into the reply as real providers put them; ``"dribble": seconds`` sends the body a
few bytes at a time with that pause between them),
``{"status": int, "headers": {...}}`` (an error, e.g. 429 with Retry-After or 500),
``{"raw": bytes}`` (a 200 whose body is not JSON), ``{"sleep": seconds, ...}`` (wait first, then the rest).
``loopback_settings(url)`` are the Settings the tests point at it.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from assistant.config import Settings, load_settings

Reply = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class ServerLog:
    """What the server saw: one entry per request (path, body, Authorization header)."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    max_in_flight: int = 0

    @property
    def chat_calls(self) -> int:
        return sum(1 for r in self.requests if r["path"].endswith("/chat/completions"))


class _Handler(BaseHTTPRequestHandler):
    reply: Reply
    log: ServerLog
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are written separately: no 40 ms delayed-ACK stall

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence the stdlib access log
        pass

    def _send(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        log = self.log
        with log.lock:
            log.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
            log.in_flight += 1
            log.max_in_flight = max(log.max_in_flight, log.in_flight)
        try:
            r = self.reply(body)
            if r.get("sleep"):
                time.sleep(r["sleep"])
            try:
                self._respond(body, r)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout)
        finally:
            with log.lock:
                log.in_flight -= 1

    def _respond(self, body: dict[str, Any], r: dict[str, Any]) -> None:
        if "status" in r:
            error = {"error": {"message": r.get("message", "fake error"), "type": "fake"}}
            self._send(r["status"], json.dumps(error).encode(), r.get("headers"))
            return
        if "raw" in r:
            self._send(200, r["raw"])
            return
        content = r.get("content")
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if "reasoning_content" in r:
            message["reasoning_content"] = r["reasoning_content"]
        reply: dict[str, Any] = {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": message, "finish_reason": r.get("finish_reason", "stop")}],
        }
        if r.get("usage", True):
            reply["usage"] = {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30}
        data = json.dumps(reply, ensure_ascii=False).encode()
        if r.get("dribble"):
            self._dribble(data, float(r["dribble"]))
            return
        self._send(200, data)

    def _dribble(self, data: bytes, pause: float) -> None:
        """Headers at once, then the body 4 bytes at a time: a server that never stalls long enough to time out."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.flush()
        for i in range(0, len(data), 4):
            self.wfile.write(data[i:i + 4])
            self.wfile.flush()
            time.sleep(pause)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return  # the client gave up on a slow or huge reply: expected in these tests
        super().handle_error(request, client_address)


@contextmanager
def fake_llm_server(reply: Reply) -> Iterator[tuple[str, ServerLog]]:
    """Serve ``reply`` on 127.0.0.1 (a free port); yield the base_url (…/v1) and the request log."""
    log = ServerLog()
    handler = type("Handler", (_Handler,), {"reply": staticmethod(reply), "log": log})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1", log
    finally:
        server.shutdown()
        server.server_close()


def dead_endpoint() -> str:
    """A base_url on a loopback port nobody listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def loopback_settings(url: str, **overrides: Any) -> Settings:
    """Settings for a server at ``url``: model fake-model, key sk-test, no retries, 5 s timeout (``overrides`` win)."""
    values: dict[str, Any] = {"base_url": url, "model": "fake-model", "api_key": "sk-test", "retries": 0,
                              "timeout": 5}
    return load_settings(**(values | overrides))
