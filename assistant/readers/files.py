"""Checks every reader makes before reading a file's bytes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assistant.errors import InputError
from assistant.model import ReadingNote


class NotedLines(list[str]):
    """A reader's lines with what the reader noticed on the way (e.g. PDF pages without a text layer): ``notes`` are
    reported by the RD rules, ``unread_because`` says why parts of the report may be absent."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        super().__init__(lines)
        self.notes: list[ReadingNote] = []
        self.unread_because: str | None = None


def check_path(path: Path, max_bytes: int, kind: str, name: str | None = None) -> None:
    """A Chinese InputError for a missing, directory, empty or oversized file.

    ``kind`` names the file in the size message (``输入文件``, ``年度报告文件``); ``name`` is how messages name the
    file (the path when not given).
    """
    name = str(path) if name is None else name
    if not path.exists():
        raise InputError(f"{name}：文件不存在")
    if path.is_dir():
        raise InputError(f"{name}：是目录，不是文件")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}：文件为空")
    if size > max_bytes:
        raise InputError(f"{name}：文件过大（{size / 1024 / 1024:.0f} MB），{kind}不应超过 "
                         f"{max_bytes // 1024 // 1024} MB")


def read_checked(path: Path, max_bytes: int, kind: str, name: str | None = None) -> bytes:
    """The bytes of ``path`` after :func:`check_path`."""
    check_path(path, max_bytes, kind, name)
    return path.read_bytes()
