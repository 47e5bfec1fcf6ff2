"""Sign-ins that survive a restart of the server, and end after :data:`SESSION_DAYS` days.

Gradio keeps its sign-ins in memory (``App.tokens``: cookie token → user name) and names its cookie after a random
``cookie_id`` drawn at each start, so restarting the server signed every clerk out. :func:`keep_sessions` puts a
:class:`StoredSessions` in its place: the same mapping, written to ``sessions.json`` in the (private) workspace on
every sign-in and sign-out, together with the cookie name. On the next start the sessions come back, except those of
users no longer in ``NIANBAO_USERS`` and those older than :data:`SESSION_DAYS` days (also refused while running).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

SESSIONS_FILE = "sessions.json"
SESSION_DAYS = 14


class StoredSessions(dict):
    """Token → user name, as Gradio reads and writes it (``[]=``, ``del``, ``get``, ``in``), saved on each change."""

    def __init__(self, path: Path, cookie_id: str, users: Iterable[str], clock: Callable[[], float] = time.time):
        super().__init__()
        self.path, self.cookie_id, self.clock = path, cookie_id, clock
        self._signed_in_at: dict[str, float] = {}
        self._lock = threading.Lock()
        self._load(set(users))

    def _expired(self, token: str) -> bool:
        return self.clock() - self._signed_in_at.get(token, 0) > SESSION_DAYS * 86400

    def _load(self, users: set[str]) -> None:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            sessions = stored["sessions"]
            cookie_id = stored["cookie_id"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # none yet, or unreadable: everyone signs in again, as before
        if not isinstance(cookie_id, str) or not isinstance(sessions, dict):
            return
        self.cookie_id = cookie_id
        for token, session in sessions.items():
            if isinstance(session, dict) and session.get("user") in users:
                super().__setitem__(token, session["user"])
                self._signed_in_at[token] = float(session.get("since", 0))
        for token in [t for t in self if self._expired(t)]:
            super().__delitem__(token)

    def _save(self) -> None:
        sessions = {t: {"user": u, "since": self._signed_in_at.get(t, 0)} for t, u in self.items()}
        text = json.dumps({"cookie_id": self.cookie_id, "sessions": sessions}, ensure_ascii=False)
        partial = self.path.with_suffix(".tmp")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(partial, self.path)

    def __setitem__(self, token: str, user: str) -> None:
        with self._lock:
            super().__setitem__(token, user)
            self._signed_in_at[token] = self.clock()
            self._save()

    def __delitem__(self, token: str) -> None:
        with self._lock:
            super().__delitem__(token)
            self._signed_in_at.pop(token, None)
            self._save()

    def get(self, token: Any, default: Any = None) -> Any:
        return default if token not in self else super().get(token)

    def __contains__(self, token: object) -> bool:
        return super().__contains__(token) and not self._expired(str(token))


def keep_sessions(server_app: Any, workspace: Path, users: Iterable[str]) -> None:
    """Give a Gradio app sign-ins that outlive it (see the module's text)."""
    sessions = StoredSessions(workspace / SESSIONS_FILE, server_app.cookie_id, users)
    server_app.cookie_id = sessions.cookie_id
    server_app.tokens = sessions


class KeepSessions:
    """ASGI middleware: puts the stored sign-ins into Gradio's app (Starlette's ``scope["app"]``) before the first
    request reaches it. Done after ``launch()`` instead, a sign-in or a "who is signed in" that came in between went
    to Gradio's own map (seen once in CI: signed out after a restart)."""

    def __init__(self, app: Any, workspace: Path, users: list[str]):
        self.app, self.workspace, self.users = app, workspace, users
        self._installed = False
        self._lock = threading.Lock()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if not self._installed and scope["type"] in ("http", "websocket"):
            with self._lock:
                if not self._installed:
                    keep_sessions(scope["app"], self.workspace, self.users)
                    self._installed = True
        await self.app(scope, receive, send)
