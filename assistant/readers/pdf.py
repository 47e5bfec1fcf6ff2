"""PDF reports (with a text layer) -> lines, read in a child process bounded in pages, time and memory.

The layout work (``assistant.readers.pdf_layout``, pdfplumber on pdfminer.six, both MIT) runs in a child Python so
that a pathological file (a page with millions of drawing operations, a compression bomb) can neither hang nor
exhaust the caller (the web UI serves other users meanwhile): the child has an address-space limit, each page a time
limit, and the whole read a time limit after which the child is killed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.model import ReadingNote
from assistant.readers import limits
from assistant.readers.existing import row_line
from assistant.readers.files import NotedLines, check_path
from assistant.readers.rendered import join_rendered_breaks

SCANNED = "PDF 没有文字层（是扫描件或图片），无法读取其中的文字。请提供 Word 原稿（.docx）或网页，或先用 OCR 软件识别为文字后再读取"
ENCRYPTED = "PDF 已加密，需要密码才能打开，无法读取。请提供未加密的文件（在 PDF 阅读器中输入密码后另存为不加密的 PDF）"
PROTECTED = "PDF 已加密（受密码或权限保护），无法读取其中的文字。请提供未加密的文件（在 PDF 阅读器中另存为不加密的 PDF）"
TEXTLESS = "第{pages}页没有文字层（扫描件），其中的内容未能读取"
BROKEN = "PDF 文件已损坏或不完整，无法读取（{detail}）。请重新下载或重新导出 PDF"
NOT_PDF = "不是 PDF 文件（文件开头没有 %PDF 标记）{kind}"
EMPTY = "PDF 中没有文字，也没有图片（共 {pages} 页），无法读取"
TOO_MANY_PAGES = "PDF 共 {pages} 页，超过可读取的上限 {limit} 页；年度报告一般只有十几页，请只提供年度报告本身"
PAGE_TOO_SLOW = "PDF 第 {page} 页过于复杂，读取超过 {seconds:.0f} 秒，已停止。请提供 Word 原稿（.docx）或网页"
TOO_SLOW = "读取 PDF 超过 {seconds:.0f} 秒，已停止。请提供 Word 原稿（.docx）或网页"
TOO_BIG_IN_MEMORY = "读取 PDF 所需内存超过 {mb}，已停止。请提供 Word 原稿（.docx）或网页"


def pdf_lines(path: Path) -> NotedLines:
    """The lines of a PDF report (InputError, in Chinese, for a scanned, encrypted, broken or oversized PDF), with a
    note naming the pages that have no text layer (scanned pages in a PDF that otherwise has text)."""
    result = read_pdf(path)
    lines = NotedLines(part for line in result["lines"]
                       for part in ([row_line(line)] if isinstance(line, list) else join_rendered_breaks(line).split("\n")))
    note_textless_pages(lines, result.get("textless") or [])
    return lines


def note_textless_pages(lines: NotedLines, pages: list[int]) -> None:
    """Note on ``lines`` the pages without a text layer (a warning, and the reason parts of the report are absent)."""
    if pages:
        lines.notes.append(ReadingNote(kind="textless", message=TEXTLESS.format(pages=page_ranges(pages))))
        lines.unread_because = f"PDF 第{page_ranges(pages)}页没有文字层（扫描件）"


def page_ranges(pages: list[int]) -> str:
    """Page numbers as a reader writes them: [3, 4, 5, 8] -> "3–5、8"."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def read_pdf(path: Path, name: str | None = None) -> dict[str, Any]:
    """The child's result for a PDF: ``lines`` (a table row as its list of cells), ``pages``, ``seconds`` per page."""
    name = str(path) if name is None else name
    check_path(path, limits.MAX_PDF_BYTES, "PDF 文件", name)
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        from assistant.readers.docx import _sniff

        raise InputError(f"{name}：" + NOT_PDF.format(kind=_sniff(head)))
    result = _run_child(path, name)
    error = result.get("error")
    if error is None:
        return result
    messages = {
        "scanned": SCANNED,
        "encrypted": ENCRYPTED,
        "protected": PROTECTED,
        "broken": BROKEN.format(detail=result.get("detail", "")),
        "empty": EMPTY.format(pages=result.get("pages", 0)),
        "pages": TOO_MANY_PAGES.format(pages=result.get("pages", 0), limit=limits.MAX_PDF_PAGES),
        "page_time": PAGE_TOO_SLOW.format(page=result.get("page", 0), seconds=limits.PDF_PAGE_SECONDS),
        "memory": TOO_BIG_IN_MEMORY.format(mb=limits.mb(limits.PDF_MEMORY_BYTES)),
    }
    raise InputError(f"{name}：" + messages.get(error, BROKEN.format(detail=error)))


def _limit_memory() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limits.PDF_MEMORY_BYTES, limits.PDF_MEMORY_BYTES))


def _run_child(path: Path, name: str) -> dict[str, Any]:
    # the layout module run as a script in isolated mode (-I: the script's folder, whose html.py would shadow the
    # standard library's, is not on sys.path): it needs pdfplumber only, not the package and its models
    command = [sys.executable, "-I", str(Path(__file__).with_name("pdf_layout.py")), str(path),
               str(limits.MAX_PDF_PAGES), str(limits.PDF_PAGE_SECONDS)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=limits.PDF_TOTAL_SECONDS, check=False,
                              preexec_fn=_limit_memory if os.name == "posix" else None,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    except subprocess.TimeoutExpired as exc:
        raise InputError(f"{name}：" + TOO_SLOW.format(seconds=limits.PDF_TOTAL_SECONDS)) from exc
    if done.returncode != 0 or not done.stdout.strip():
        stderr = done.stderr.decode("utf-8", "replace")
        if "MemoryError" in stderr or done.returncode in (-9, 137):
            raise InputError(f"{name}：" + TOO_BIG_IN_MEMORY.format(mb=limits.mb(limits.PDF_MEMORY_BYTES)))
        last = stderr.strip().splitlines()[-1:] or [f"退出码 {done.returncode}"]
        raise InputError(f"{name}：读取 PDF 时出错（{last[0][:200]}）")
    result: dict[str, Any] = json.loads(done.stdout.decode("utf-8"))
    return result
