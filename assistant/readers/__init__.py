"""Readers: input files and existing reports -> Report / Document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.errors import InputError
from assistant.model import Document


def _input_file(path: Path) -> Document:
    from assistant.readers.inputfile import load_report

    return Document(report=load_report(path), source=str(path))


def _existing_report(path: Path) -> Document:
    from assistant.readers.existing import load_existing

    return load_existing(path)


INPUT_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")  # input files (YAML/JSON) and workbooks of nianbao template
REPORT_SUFFIXES = (".docx", ".html", ".htm", ".txt")  # existing reports

# Suffix -> reader.
READERS: dict[str, Callable[[Path], Document]] = {**dict.fromkeys(INPUT_SUFFIXES, _input_file),
                                                  **dict.fromkeys(REPORT_SUFFIXES, _existing_report)}


def load_document(path: str | Path) -> Document:
    """Read a file into a Document, choosing the reader by the file's suffix; InputError when it can't."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = "、".join(sorted(READERS))
        raise InputError(f"{path}：不支持的文件类型“{path.suffix or '（无后缀）'}”（可读取：{known}）")
    return reader(path)
