"""Text from data shown in Markdown components: as text, never as HTML or Markdown, and without server paths.

An organ name, a file name or a message quoting either is the user's data: ``<a>``, ``<img>``, ``<form>``, ``[链接](…)``
or ``![](…)`` in it must reach the browser as the characters typed, not as a link, an outside image or a form.
"""

from __future__ import annotations

import html
import re

from assistant.patterns import lazy_compile

_MARKDOWN_SPECIALS = lazy_compile(r"([\\`*_{}\[\]()#+\-!|~>:])")  # ":" too: no bare link is made of "http://…"
_NUMBERED = lazy_compile(r"^(\d+)\.", re.MULTILINE)  # "1." at a line's start would start a list
# An absolute path: a "/" not preceded by a name character, then folders. Only the last part (the file name) stays.
_SERVER_PATH = lazy_compile(r"(?<![\w.\-/])/(?:[^/\s：:，,（）()“”\"'<>]+/)+")


def without_paths(text: str) -> str:
    """``/srv/ws/tmp/ab12/竹亭镇.yaml：…`` -> ``竹亭镇.yaml：…`` (users see their file's name, not the server's)."""
    return _SERVER_PATH.sub("", text)


def markdown_text(text: object) -> str:
    """``text`` escaped so that Markdown shows it literally: no HTML, links, images or emphasis; no server paths."""
    escaped = html.escape(without_paths(str(text)), quote=False)
    escaped = _NUMBERED.sub(r"\1\\.", _MARKDOWN_SPECIALS.sub(r"\\\1", escaped))
    return escaped.replace("\n", "  \n")


def status_line(prefix: str, text: object) -> str:
    """A status message: our own (Markdown) ``prefix`` and the escaped data after it."""
    return f"{prefix}{markdown_text(text)}"


def error_status(prefix: str, exc: BaseException) -> str:
    """The status line for a failed action: a user's error (InputError) as its Chinese message; anything else as a
    Chinese line without Python's words (the traceback goes to the server's log)."""
    from assistant.errors import InputError

    if isinstance(exc, InputError):
        return status_line(prefix, exc)
    import logging

    from assistant.errors import internal_error

    logging.getLogger("assistant.ui").error("unexpected error in a UI action", exc_info=exc)
    return status_line(prefix, internal_error(exc).replace("已跳过此单位", "操作未完成"))
