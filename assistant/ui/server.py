"""Start the web UI with the house's security settings (login beyond loopback, private temp dir, limits)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from starlette.middleware import Middleware

from assistant.config import is_loopback_host
from assistant.errors import InputError
from assistant.ui.downloads import DownloadRoute
from assistant.ui.locale import ChinesePages
from assistant.ui.login import ThrottledLogin
from assistant.ui.sessions import KeepSessions
from assistant.ui.tempfiles import purge, start_stub_sweeper

MAX_UPLOAD = "20mb"
CONCURRENCY = 4
CACHE_SWEEP = (600, 3600)  # every 10 minutes, files older than an hour


def users_from_env() -> list[tuple[str, str]]:
    """Logins from ``NIANBAO_USERS`` = "用户:密码,用户2:密码2"."""
    pairs = []
    for item in os.environ.get("NIANBAO_USERS", "").split(","):
        if item.strip():
            name, sep, password = item.strip().partition(":")
            if not sep or not name or not password:
                raise InputError("NIANBAO_USERS 格式应为“用户:密码,用户2:密码2”")
            pairs.append((name, password))
    return pairs


TRUSTED_PROXY_ENV = "NIANBAO_TRUSTED_PROXY"


def trust_forwarded_only_from_proxy() -> None:
    """Client addresses (the login throttle counts per address) come from the socket; ``X-Forwarded-For`` is believed
    only from the proxies named in ``NIANBAO_TRUSTED_PROXY`` (comma-separated addresses), never by default — not even
    from loopback, where anyone on the machine can set the header. Uvicorn reads ``FORWARDED_ALLOW_IPS``."""
    os.environ["FORWARDED_ALLOW_IPS"] = os.environ.get(TRUSTED_PROXY_ENV, "").strip()


def prepare_environment(workspace: Path) -> None:
    """Private temp dir (emptied: what a previous run left is purged), no analytics, forwarded addresses only from a
    trusted proxy: must run before gradio is imported."""
    trust_forwarded_only_from_proxy()
    workspace.mkdir(parents=True, exist_ok=True)
    workspace.chmod(0o700)
    temp = workspace / "tmp"
    purge(temp)
    temp.mkdir(parents=True, exist_ok=True)
    temp.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(temp)
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"


def effective_host(host: str | None) -> str:
    """The address Gradio will really listen on: an empty ``--host`` lets GRADIO_SERVER_NAME choose."""
    return (host or "").strip() or os.environ.get("GRADIO_SERVER_NAME", "").strip() or "127.0.0.1"


def launch_kwargs(host: str, port: int | None) -> dict:
    users = users_from_env()
    host = effective_host(host)
    if not is_loopback_host(host) and not users:
        raise InputError(f"在 {host} 上监听需要登录：请设置 NIANBAO_USERS=“用户:密码”（可设多个，用逗号分隔）")
    # Gradio's own strings in Chinese whatever the browser's language; downloads under a neutral address
    middleware = [Middleware(ChinesePages), Middleware(DownloadRoute)]
    kwargs: dict = {"server_name": host, "server_port": port, "max_file_size": MAX_UPLOAD,
                    "enable_monitoring": False, "show_error": True, "app_kwargs": {"middleware": middleware}}
    if users:
        kwargs["auth"] = users
        kwargs["auth_message"] = "年报助手：请登录"
        middleware.append(Middleware(ThrottledLogin))  # login failures throttled
    return kwargs


def serve(host: str = "127.0.0.1", port: int | None = None, workspace: str | Path | None = None,
          block: bool = True):  # noqa: ANN201 - returns the gradio Blocks
    """Build and launch the app; with ``block=False`` it returns at once (tests)."""
    from assistant.ui.workspace import Workspace, default_workspace

    directory = Path(workspace) if workspace else default_workspace()
    prepare_environment(directory)
    kwargs = launch_kwargs(host, port)
    from assistant.ui.app import build_app, launch_settings

    app = build_app(Workspace(directory))
    app.delete_cache = CACHE_SWEEP  # uploads and downloads leave the private temp dir after an hour
    start_stub_sweeper()  # the empty file Gradio leaves per upload goes within a minute
    app.queue(default_concurrency_limit=CONCURRENCY, max_size=64)
    # quiet: Gradio's own console lines are English ("Running on local URL", a hint to share it publicly)
    if kwargs.get("auth"):  # sign-ins outlive a restart
        users = [user for user, _password in kwargs["auth"]]
        kwargs["app_kwargs"]["middleware"].append(Middleware(KeepSessions, workspace=directory, users=users))
    app.launch(prevent_thread_lock=True, quiet=True, **kwargs, **launch_settings())
    if block:
        sys.stdout.write(f"年报助手网页界面已启动：{app.local_url}（按 Ctrl+C 停止）\n")
        sys.stdout.flush()
        app.block_thread()
    return app
