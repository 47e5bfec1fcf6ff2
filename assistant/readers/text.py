"""Text exports of reports -> lines: Word exports with one cell per line, PDF text, archived web pages.

- Word exported to text (``000``): table cells are tab-indented lines, rows end with an empty line; such rows become
  gridded lines (cells joined by ``\\t``) so blank cells keep their place.
- PDF text (``009``–``011``) and archived pages (``001``–``007``) stay plain lines; the table reader finds labels
  across line breaks and splits runs of digits.
Leading ``# `` lines (provenance notes of the corpus) and an archive's header block (标题:/发布时间: … ===正文===) are
dropped; the title is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import InputError
from assistant.patterns import lazy_compile
from assistant.readers.existing import check_file, row_line
from assistant.readers.rendered import join_broken_lines

_ARCHIVE_KEY = lazy_compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|来源|索引号)\s*[:：]")


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (which covers GBK/GB2312); InputError for binary data."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(f"{source}：实为 Word（.docx）或压缩文件，不是文本；如是 Word 文件，请把后缀改为 .docx")
    if raw.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff")):
        raise InputError(f"{source}：实为 PDF 或图片文件，不是文本；请提供 Word 文件、网页或从 PDF 复制出的文字")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}：不是文本文件（含二进制内容），请另存为 .txt 或直接读取 .docx")
    for encoding in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}：无法识别文字编码（既不是 UTF-8 也不是 GBK/GB18030，第 {exc.start} 字节）") from exc


def text_lines(path: Path) -> list[str]:
    """The lines of a text report, table rows of a Word export gridded."""
    text = decode(check_file(path), str(path))
    if re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):  # a saved web page named .txt
        from assistant.readers.html import lines_of_html

        return lines_of_html(text, str(path))
    return lines_of_text(text)


def lines_of_text(text: str) -> list[str]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while raw and raw[0].startswith("# "):
        raw.pop(0)
    raw = _drop_archive_header(raw)
    raw = join_broken_lines([re.sub(r"\[bookmark: [^\]]*\]", "", ln) for ln in raw])
    if sum(1 for ln in raw if ln.startswith("\t")) >= 6:
        return _grid_rows(raw)
    return [_pipe_row(ln) if ln.count("|") >= 2 else ln.replace("\t", " ").rstrip() for ln in raw]


def _pipe_row(line: str) -> str:
    """A table row saved as "规章 | 0 | 0 | 0 | |": cells joined by tabs (trailing empty cells dropped: a page's
    table often ends its rows in an empty column). A label whose cells are all empty ("行政许可 | ||||") keeps them:
    blank cells, written so, stay blank."""
    cells = [c.strip() for c in line.replace("\t", " ").split("|")]
    if len(cells) > 2 and cells[0] and not any(cells[1:]):
        return "\t".join(cells)
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells) if len(cells) > 1 else (cells[0] if cells else "")


def _drop_archive_header(lines: list[str]) -> list[str]:
    """An archive's "标题: …" block up to the "=== 正文 ===" line: keep only the title."""
    for i, ln in enumerate(lines[:20]):
        if re.fullmatch(r"=+\s*正文\s*=+", ln.strip()):
            head = [h for h in lines[:i] if h.strip()]
            if head and all(_ARCHIVE_KEY.match(h) for h in head):
                title = [h for h in head if h.startswith("标题")]
                return title[:1] + lines[i + 1:]
    return lines


def _grid_rows(lines: list[str]) -> list[str]:
    """Tab-indented cell lines, rows separated by empty lines -> one line per row, cells joined by tabs."""
    out: list[str] = []
    row: list[str] = []
    for ln in lines:
        if ln.startswith("\t"):
            row.append(ln[1:].strip())
            continue
        if row:
            out.append(row_line(row))
            row = []
        if ln.strip():
            out.append(ln.rstrip())
    if row:
        out.append(row_line(row))
    return out
