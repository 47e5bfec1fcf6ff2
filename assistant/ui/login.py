"""Who may log in, who is an administrator, and how fast one may guess passwords.

Gradio checks the password; :class:`ThrottledLogin` (ASGI middleware in front of Gradio's ``/login``) counts the
failures per user name and per client address, and after :data:`MAX_FAILURES` failures within :data:`WINDOW` seconds
refuses every login of that name or from that address for :data:`LOCKOUT` seconds, the right password included.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

LOCAL_USER = "本机用户"  # the user of a server without logins (loopback only)
MAX_FAILURES = 5
WINDOW = 15 * 60
LOCKOUT = 5 * 60
MAX_LOGIN_BODY = 64 * 1024


def logins_configured() -> bool:
    return bool(os.environ.get("NIANBAO_USERS", "").strip())


def is_admin(user: str) -> bool:
    """Administrators see every unit: the users named in ``NIANBAO_ADMINS``; on a server without logins (which only
    listens on loopback) the one local user is the administrator."""
    admins = {u.strip() for u in os.environ.get("NIANBAO_ADMINS", "").split(",") if u.strip()}
    if user in admins:
        return True
    return user == LOCAL_USER and not logins_configured()


class LoginThrottle:
    """Failure counts per key ("user:…", "addr:…"); thread-safe."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW, lockout: float = LOCKOUT,
                 clock: Callable[[], float] = time.monotonic):
        self.max_failures, self.window, self.lockout, self.clock = max_failures, window, lockout, clock
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> float:
        """Seconds until a login for these keys is allowed again (0: allowed now)."""
        now = self.clock()
        with self._lock:
            return max([self._locked_until.get(k, 0) - now for k in keys] + [0])

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                recent = [t for t in self._failures.get(key, []) if now - t < self.window] + [now]
                self._failures[key] = recent
                if len(recent) >= self.max_failures:
                    self._locked_until[key] = now + self.lockout
                    self._failures[key] = []

    def succeeded(self, user_key: str) -> None:
        """A good login clears the user's failures (not the address's: one address may try many names)."""
        with self._lock:
            self._failures.pop(user_key, None)


def locked_message(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return f"登录失败次数过多，已暂时锁定，请约 {minutes} 分钟后再试"


class ThrottledLogin:
    """ASGI middleware: refuse ``POST …/login`` while the user name or the client address is locked out."""

    def __init__(self, app: Any, throttle: LoginThrottle | None = None):
        self.app = app
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].rstrip("/").endswith("/login"):
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more and len(body) <= MAX_LOGIN_BODY:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if more:
            await _answer(send, 413, "登录请求过大")
            return
        fields = parse_qs(body.decode("utf-8", "replace"))
        user = (fields.get("username") or [""])[0].strip()
        address = (scope.get("client") or ("?", 0))[0]
        keys = (f"user:{user}", f"addr:{address}")
        wait = self.throttle.wait(*keys)
        if wait > 0:
            await _answer(send, 429, locked_message(wait))
            return
        status: dict[str, int] = {}

        async def replay() -> dict:
            return {"type": "http.request", "body": body, "more_body": False}

        async def watch(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                if message["status"] == 400:  # Gradio's "Incorrect credentials.": answer in Chinese
                    self.throttle.failed(*keys)
                    await _answer(send, 400, "用户名或密码不正确")
                    status["replaced"] = 1
                    return
            if status.get("replaced"):
                return
            await send(message)

        await self.app(scope, replay, watch)
        if status.get("code") == 200:
            self.throttle.succeeded(keys[0])


async def _answer(send: Callable, code: int, detail: str) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": code,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
