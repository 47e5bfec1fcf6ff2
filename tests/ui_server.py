"""Start the real UI server (``nianbao ui``) in a subprocess for client and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_ui(workspace: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``nianbao ui`` on a free loopback port until the block ends; yields its URL."""
    with running_ui_process(workspace, env) as (url, _proc):
        yield url


@contextmanager
def running_ui_process(workspace: Path, env: dict[str, str] | None = None
                       ) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`running_ui`, also yielding the server's process (to read its memory in /proc)."""
    port = free_port()
    full_env = {**os.environ, "NIANBAO_WORKSPACE": str(workspace), **(env or {})}
    full_env.pop("NIANBAO_LLM_BASE_URL", None) if env is None else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ui", "--port", str(port), "--workspace", str(workspace)],
        env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                output = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                raise RuntimeError(f"UI server exited: {output}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def download_links(box: str) -> tuple[str, list[tuple[str, str]]]:
    """A download box of the page (its HTML): its label and (file name, address) per file."""
    import html
    import re

    label = re.search(r"class='nb-downloads-label'>(.*?)</p>", box or "")
    rows = re.findall(r"<td class='nb-file-name'>(.*?)</td><td><a href='([^']+)'", box or "")
    return (html.unescape(label.group(1)) if label else ""), [(html.unescape(n), a) for n, a in rows]


def fetch_downloads(url: str, box: str, folder: Path) -> list[Path]:
    """Fetch every file of a download box from a server without login (the box's addresses are neutral)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, address in download_links(box)[1]:
        target = folder / name
        with urllib.request.urlopen(url.rstrip("/") + address, timeout=30) as response:
            target.write_bytes(response.read())
        paths.append(target)
    return paths
