"""Build small existing-report inputs (.docx, HTML) in tests: the official grids of assistant.formats with merges."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.formats import GridCell, load_format
from assistant.model import Amount, Report

NARRATIVE = {
    "overview": ["2024年，我镇认真贯彻落实《条例》，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序推进。"],
    "problems": ["一是政策解读形式单一。下一步，我镇将丰富解读形式。"],
    "other": ["本年度未收取信息处理费。"],
}


def cell_text(report: Report, cell: GridCell, blank: set[str]) -> str:
    if cell.path is None:
        return cell.text
    if cell.path in blank:
        return ""
    value = report.tables.get(cell.path)
    if isinstance(value, Amount):
        return format(value.value.normalize(), "f")
    return "" if value is None else str(value)


def grids(report: Report) -> dict[str, list[GridCell]]:
    fmt = load_format(report.table_format)
    return {"t2": fmt.t2_grid(), "t3": fmt.t3_grid(), "t4": fmt.t4_grid()}


def sections(report: Report) -> list[tuple[str, str, str | None]]:
    """(key, title, table) of the six sections."""
    return [(s.key, s.title, s.table) for s in load_format(report.table_format).sections]


def build_docx(report: Report, path: Path, blank: set[str] = frozenset(),  # type: ignore[assignment]
               split_header: bool = False) -> Path:
    """A Word report of ``report``'s figures: title, opening, six sections, merged-cell tables."""
    import docx

    document = docx.Document()
    meta = report.meta
    document.add_paragraph(f"{meta.organ_name}{meta.year}年政府信息公开工作年度报告")
    document.add_paragraph(f"本报告由{meta.organ_name}编制。统计期限自{meta.year}年1月1日至{meta.year}年12月31日。")
    for key, title, table in sections(report):
        document.add_paragraph(title)
        for text in NARRATIVE.get(key, []):
            document.add_paragraph(text)
        if table:
            cells = grids(report)[table]
            rows = max(c.row + c.rowspan for c in cells)
            cols = max(c.col + c.colspan for c in cells)
            t = document.add_table(rows=rows, cols=cols)
            for c in cells:
                target = t.cell(c.row, c.col)
                if c.rowspan > 1 or c.colspan > 1:
                    target = target.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                text = cell_text(report, c, blank)
                if split_header and c.kind == "header" and len(text) == 4:
                    text = "\n".join(text)  # 结\n果\n维\n持: a label broken per character
                target.text = text
    document.save(str(path))
    return path


def html_table(report: Report, table: str, blank: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    cells = grids(report)[table]
    rows: dict[int, list[GridCell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    out = ['<table border="1" class="data">']
    for r in sorted(rows):
        out.append("<tr>")
        for c in sorted(rows[r], key=lambda x: x.col):
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1
                                                                            else "")
            text = cell_text(report, c, blank) or "&nbsp;"
            out.append(f"<td{span}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def build_html(report: Report, blank: set[str] = frozenset(),  # type: ignore[assignment]
               wrap: Callable[[str], str] | None = None) -> str:
    """A government page: navigation chrome, then the article in a layout table (tables nested in tables)."""
    meta = report.meta
    body = [f"<h1>{meta.organ_name}{meta.year}年政府信息公开工作年度报告</h1>",
            f"<p>本报告由{meta.organ_name}编制。统计期限自{meta.year}年1月1日至{meta.year}年12月31日。</p>"]
    for key, title, table in sections(report):
        body.append(f"<p><strong>{title}</strong></p>")
        body.extend(f"<p>{text}</p>" for text in NARRATIVE.get(key, []))
        if table:
            body.append(html_table(report, table, blank))
    article = "\n".join(body)
    if wrap is not None:
        article = wrap(article)
    chrome: Any = (
        "<div class='nav'><a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a> &gt; 政府信息公开年报</div>"
        "<div class='side'><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>法定主动公开内容</li></ul></div>"
    )
    return (f"<html><head><meta charset='utf-8'><title>{meta.year}年报_示范县人民政府</title>"
            f"<script>var x = '一、总体情况';</script></head><body>{chrome}"
            f"<table class='layout'><tr><td class='left'>栏目导航</td><td class='main'><div class='article'>{article}"
            f"</div></td></tr></table><div class='footer'>主办：示范县人民政府办公室 联系电话：0795-0000000</div>"
            f"</body></html>")
