"""Downloads under a neutral address: ``/nb-download/<token>``, never the server's path.

Gradio serves a file component's value as ``/gradio_api/file=/srv/…/tmp/…/name.docx``: the link (and the page) would
show where the server keeps its files. An export or a batch result is instead offered under an opaque token mapped to
the file (:func:`offer`); :class:`DownloadRoute`, mounted on the same app Gradio runs, sends it only to the user it was
made for (the Gradio login's cookie), and only while the file exists (the temp dir's sweep removes it after an hour).
"""

from __future__ import annotations

import html
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

PREFIX = "/nb-download/"
TTL = 3600  # seconds a token stays valid (as long as the file is kept)


@dataclass(frozen=True)
class Offered:
    path: Path
    user: str
    created: float


_offered: dict[str, Offered] = {}
_lock = threading.Lock()


def offer(path: Path, user: str) -> str:
    """A new address for ``path`` that only ``user`` may fetch (expired tokens are forgotten on the way)."""
    token = secrets.token_urlsafe(24)
    now = time.time()
    with _lock:
        for old in [t for t, o in _offered.items() if now - o.created > TTL]:
            del _offered[old]
        _offered[token] = Offered(Path(path), user, now)
    return PREFIX + token


def offered(token: str, user: str | None, anyone: bool) -> Path | None:
    """The file behind ``token`` for ``user`` (``anyone``: the server has no login), None otherwise."""
    with _lock:
        item = _offered.get(token)
    if item is None or time.time() - item.created > TTL or not (anyone or item.user == user):
        return None
    return item.path if item.path.is_file() else None


def download_name(path: Path) -> str:
    """The name a clerk sees and saves a file under: the findings for other programs (``….findings.json``) as
    ``…-问题清单（机读格式）.json``; every other file as it is named."""
    from assistant.pipeline import FINDINGS_SUFFIX

    if path.name.endswith(FINDINGS_SUFFIX):
        return path.name.removesuffix(FINDINGS_SUFFIX) + "-问题清单（机读格式）.json"
    return path.name


def links_html(files: list[Path], user: str, label: str) -> str:
    """The download box: its label and one row per file (its :func:`download_name`, a 下载 link to its neutral
    address)."""
    if not files:
        return ""
    rows = "".join(
        f"<tr><td class='nb-file-name'>{html.escape(download_name(p))}</td><td><a href='{offer(p, user)}' "
        f"download='{html.escape(download_name(p), quote=True)}'>下载</a></td></tr>" for p in files)
    return f"<div class='nb-downloads'><p class='nb-downloads-label'>{html.escape(label)}</p><table>{rows}</table></div>"


def _current_user(app: Any, headers: dict[bytes, bytes]) -> str | None:
    """The signed-in user of a request, as Gradio's login knows it (its access-token cookie)."""
    cookies: dict[str, str] = {}
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        name, _sep, value = part.strip().partition("=")
        cookies[name] = value
    cookie_id = getattr(app, "cookie_id", "")
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    return getattr(app, "tokens", {}).get(token) if token else None


class DownloadRoute:
    """ASGI middleware: ``GET /nb-download/<token>`` sends the offered file as an attachment (404 when the token is
    unknown, expired, or made for another user); every other request passes through untouched."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        from starlette.responses import FileResponse, PlainTextResponse

        from assistant.ui.login import LOCAL_USER

        gradio_app = scope.get("app")
        anyone = getattr(gradio_app, "auth", None) is None and getattr(gradio_app, "auth_dependency", None) is None
        user = LOCAL_USER if anyone else _current_user(gradio_app, dict(scope.get("headers") or []))
        file = offered(path[len(PREFIX):], user, anyone)
        if file is None:
            response: Any = PlainTextResponse("文件不存在或已过期，请重新导出。", status_code=404)
        else:
            response = FileResponse(file, headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(file.name)}",
                "Cache-Control": "no-store"})
        await response(scope, receive, send)
