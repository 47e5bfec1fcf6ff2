"""Readers: input files, existing reports and web addresses -> Report / Document.

``FILE_KINDS`` is the one table of what can be read: each kind's suffixes, its Chinese name and the function that
reads it. The CLI's help and dispatch, the batch, and the UI's upload fields all take their suffixes from here.
This module stays light (no pydantic models at import): the CLI builds its help from it at every start.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.model import Document


@dataclass(frozen=True)
class FileKind:
    """One kind of file: ``role`` is "input" (figures staff fill in) or "report" (a published report);
    ``lines`` names the function that turns a report file into lines (``module:function``)."""

    suffixes: tuple[str, ...]
    name: str
    role: Literal["input", "report"]
    lines: str = ""

    def lines_function(self) -> Callable[[Path], list[str]]:
        module, function = self.lines.split(":")
        reader: Callable[[Path], list[str]] = getattr(importlib.import_module(module), function)
        return reader


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind((".yaml", ".yml"), "输入文件（YAML）", "input"),
    FileKind((".json",), "输入文件（JSON）", "input"),
    FileKind((".xlsx",), "工作簿（nianbao template 生成）", "input"),
    FileKind((".docx",), "Word 文档", "report", "assistant.readers.docx:docx_lines"),
    FileKind((".doc", ".wps"), "旧版 Word 或 WPS 文档（需 LibreOffice）", "report", "assistant.readers.office:office_lines"),
    FileKind((".pdf",), "PDF（含文字层）", "report", "assistant.readers.pdf:pdf_lines"),
    FileKind((".html", ".htm"), "网页", "report", "assistant.readers.html:html_lines"),
    FileKind((".txt",), "文本", "report", "assistant.readers.text:text_lines"),
)

INPUT_SUFFIXES = tuple(s for k in FILE_KINDS if k.role == "input" for s in k.suffixes)
REPORT_SUFFIXES = tuple(s for k in FILE_KINDS if k.role == "report" for s in k.suffixes)
WEB_ADDRESS = "网址（http:// 或 https://）"


def kind_of(suffix: str) -> FileKind | None:
    """The kind of file with this suffix (any case), or None."""
    suffix = suffix.lower()
    return next((k for k in FILE_KINDS if suffix in k.suffixes), None)


def suffix_list(role: str | None = None) -> str:
    """The readable suffixes as users see them, e.g. ".docx、.doc/.wps、.pdf"."""
    return "、".join("/".join(k.suffixes) for k in FILE_KINDS if role in (None, k.role))


def kinds_help(role: str | None = None) -> str:
    """The readable kinds with their names, e.g. "Word 文档（.docx）、PDF（含文字层）（.pdf）"."""
    return "、".join(f"{k.name}（{'/'.join(k.suffixes)}）" for k in FILE_KINDS if role in (None, k.role))


def is_web_address(source: str | Path) -> bool:
    return isinstance(source, str) and source.strip().lower().startswith(("http://", "https://"))


def load_document(source: str | Path) -> Document:
    """Read a file or a web address into a Document, choosing the reader by the file's suffix; InputError when it
    can't."""
    if is_web_address(source):
        from assistant.readers.web import load_web_report

        return load_web_report(str(source).strip())
    if isinstance(source, str) and re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", source.strip()):
        raise InputError(f"{source}：只能读取 http:// 或 https:// 网址")
    path = Path(source)
    kind = kind_of(path.suffix)
    if kind is None:
        raise InputError(f"{path}：不支持的文件类型“{path.suffix or '（无后缀）'}”（可读取：{suffix_list()}，或{WEB_ADDRESS}）")
    if kind.role == "input":
        from assistant.model import Document
        from assistant.readers.inputfile import load_report

        return Document(report=load_report(path), source=str(path))
    from assistant.readers.existing import load_existing

    return load_existing(path)
