"""Word (.docx) reports -> lines: paragraphs as they are, table rows as cells joined by tabs.

A merged cell is read once: a horizontal span is one ``<w:tc>``, and the continuation rows of a vertical span are
left out (their content is the cell above); a truly empty cell stays an empty (blank) cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.readers.archive import check_package
from assistant.readers.existing import ZERO_WIDTH, check_file, row_line
from assistant.readers.rendered import join_rendered_breaks
from assistant.readers.tables import norm


def docx_lines(path: Path) -> list[str]:
    """The lines of a Word report (InputError when the file is not a readable .docx or has no table)."""
    raw = check_file(path)
    if not raw.startswith(b"PK"):
        kind = _sniff(raw)
        raise InputError(f"{path}：不是有效的 Word（.docx）文件{kind}；请用 Word 或 WPS 另存为 .docx 后再试")
    check_package(path, str(path), "Word 文件")
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{path}：Word 文件已损坏或不是 .docx 格式") from None
    except Exception:  # lxml and python-docx raise many kinds on damaged packages
        raise InputError(f"{path}：无法打开 Word 文件（文件已损坏或内容不符合 .docx 格式）") from None
    lines: list[str] = []
    tables = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            tables += 1
            lines.extend(table_lines(block))
        else:
            lines.extend(_paragraph_text(block).split("\n"))
    lines = [line.translate(ZERO_WIDTH) for line in lines]
    if tables == 0:
        raise InputError(f"{path}：Word 文件中没有表格。年度报告应含主动公开、收到和处理申请、行政复议诉讼三张统计表；"
                         "如表格是图片，请提供含原始表格的文件")
    return lines


def table_lines(table: Any) -> list[str]:
    """One line per row, each merged cell once; nested tables follow their row.

    A row's cells are its own ``<w:tc>`` elements: a horizontal span is one element, and the continuation of a
    vertical span (``vMerge`` continue) is left out, as its content is the cell above, read already. (python-docx's
    ``row.cells`` finds each continuation's cell above by walking up the rows: time quadratic in a table's height.)
    """
    from docx.table import _Cell

    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        nested: list[str] = []
        own = [tc for tc in row._tr.tc_lst if tc.vMerge != "continue" or _xml_text(tc).strip()]
        unique = [_Cell(tc, table) for tc in own]
        if len(unique) == 1 and (len(unique[0].paragraphs) > 3 or unique[0].tables):
            # a layout cell holding text and tables (a report pasted into a one-cell frame)
            for block in unique[0].iter_inner_content():
                if hasattr(block, "rows"):
                    lines.extend(table_lines(block))
                else:
                    lines.extend(block.text.split("\n"))
            continue
        for cell in unique:
            cells.append(_cell_text(cell.text))
            for inner in cell.tables:
                nested.extend(table_lines(inner))
        if line := row_line(cells):
            lines.append(line)
        lines.extend(nested)
    return lines


_CN = "一二三四五六"


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text; a section title numbered by Word's automatic numbering gets its "一、" back. The line
    breaks the renderer made (keeping an address whole on a line) do not split the paragraph; anyone else's do."""
    text = join_rendered_breaks(paragraph.text)
    bare = text.strip()
    if not bare or len(bare) > 40 or re.match(r"^[一二三四五六七八九十—]、", bare):
        return text
    number = _titles().get(norm(bare))
    if number and _auto_numbered(paragraph):
        return f"{_CN[number - 1]}、{bare}"
    return text


def _titles() -> dict[str, int]:
    """Section titles (official and known variants) without their numbering -> section number."""
    from assistant.readers.sections import title_variants

    return {norm(title[2:]): _CN.index(title[0]) + 1 for title in title_variants()}


def _auto_numbered(paragraph: Any) -> bool:
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return True
    style = paragraph.style
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.find(qn("w:numPr")) is not None:
            return True
        style = style.base_style
    return False


def _xml_text(tc: Any) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def _cell_text(text: str) -> str:
    # labels broken per character or per line in narrow cells: join the pieces
    text = text.replace("\t", " ").strip()
    return re.sub(r"\s*\n\s*", "", text)


def _sniff(raw: bytes) -> str:
    if raw.startswith(b"\x89PNG"):
        return "（实为 PNG 图片）"
    if raw.startswith(b"\xff\xd8"):
        return "（实为 JPEG 图片）"
    if raw.startswith(b"%PDF"):
        return "（实为 PDF 文件）"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "（实为旧版 .doc 文件）"
    if raw.lstrip()[:1] == b"<":
        return "（实为网页或 XML 文本）"
    return ""
