"""Start the web UI with the house's security settings (login beyond loopback, private temp dir, limits)."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.config import is_loopback_host
from assistant.errors import InputError

MAX_UPLOAD = "20mb"
CONCURRENCY = 4


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


def prepare_environment(workspace: Path) -> None:
    """Private temp dir and no analytics: must run before gradio is imported."""
    temp = workspace / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    temp.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(temp)
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"


def launch_kwargs(host: str, port: int | None) -> dict:
    users = users_from_env()
    if not is_loopback_host(host) and not users:
        raise InputError(f"在 {host} 上监听需要登录：请设置 NIANBAO_USERS=“用户:密码”（可设多个，用逗号分隔）")
    kwargs: dict = {"server_name": host, "server_port": port, "max_file_size": MAX_UPLOAD,
                    "enable_monitoring": False, "show_error": True}
    if users:
        kwargs["auth"] = users
        kwargs["auth_message"] = "年报助手：请登录"
    return kwargs


def serve(host: str = "127.0.0.1", port: int | None = None, workspace: str | Path | None = None,
          block: bool = True):  # noqa: ANN201 - returns the gradio Blocks
    """Build and launch the app; with ``block=False`` it returns at once (tests)."""
    from assistant.ui.workspace import Workspace, default_workspace

    directory = Path(workspace) if workspace else default_workspace()
    prepare_environment(directory)
    kwargs = launch_kwargs(host, port)
    from assistant.ui.app import build_app

    app = build_app(Workspace(directory))
    app.queue(default_concurrency_limit=CONCURRENCY, max_size=64)
    app.launch(prevent_thread_lock=not block, **kwargs)
    return app
