"""Names typed by users (organ names, contacts) and the file names made from them.

A name is one line of visible text: no line breaks, and no invisible formatting characters — bidirectional overrides
(U+202E shows "cod.exe" as "exe.doc"), zero-width spaces, byte-order marks — that make two names look alike or a
name look like something else. Text fields that hold sentences may not hold direction controls either.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from assistant.patterns import lazy_compile

# Direction controls: embeddings, overrides, isolates, marks
BIDI_CONTROLS = lazy_compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_RE = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = "\n\r\t\v\f\x85\u2028\u2029"


def single_line_problem(value: str) -> str | None:
    """Why ``value`` is not a one-line visible name (Chinese), or None."""
    for ch in value:
        if ch in _LINE_BREAKS:
            return "不能含换行或制表符，应为一行文字"
        if unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp"):
            return f"不能含不可见的格式字符 U+{ord(ch):04X}（文字方向控制符、零宽字符等）"
    return None


def visible_single_line(value: str) -> str:
    """``value`` with invisible formatting characters dropped and line breaks made spaces (for names we guess from a
    document's text, which may carry such characters without anyone having typed them)."""
    kept = "".join(" " if ch in _LINE_BREAKS else ch for ch in value
                   if unicodedata.category(ch) not in ("Cf", "Cc") or ch in _LINE_BREAKS)
    return " ".join(kept.split())


_UNSAFE_IN_FILE_NAME = lazy_compile(r'[\\/:*?"<>|\s]+')


def safe_file_name(name: str, fallback: str = "未命名") -> str:
    """A file or folder name from a unit name: characters Windows forbids, whitespace and invisible formatting
    characters replaced or dropped, no leading/trailing dots."""
    cleaned = _UNSAFE_IN_FILE_NAME.sub("_", visible_single_line(name)).strip("._")
    return cleaned or fallback


def control_characters(data: Any, path: str = "") -> str | None:
    """The path (``meta.organ_name``) of the first string holding a control character (NUL, \\x01 …) or a direction
    control (U+202E …), if any."""
    stack: list[tuple[Any, str]] = [(data, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if _CONTROL_RE.search(item) or BIDI_CONTROLS.search(item):
                return where or "（根）"
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}" if where else str(k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}.{i}" if where else str(i)) for i, v in enumerate(item))
    return None
