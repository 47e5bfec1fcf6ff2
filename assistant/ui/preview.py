"""The whole document as HTML for the 全文预览 tab: title, preamble, sections with the official tables where the
Word document puts them, and the closing. Same order and merges as render/docx.py (both follow the format YAML)."""

from __future__ import annotations

import html
from itertools import groupby

from assistant.formats import GridCell, TableFormat
from assistant.model import Document, Tables

CARRIED_MARK = "【上年】"  # a sentence taken from last year's report, for the clerk to confirm or rewrite


def _paragraph(text: str, tag: str = "p") -> str:
    body = html.escape(text)
    cls = " class='nb-carried'" if CARRIED_MARK in text else ""
    return f"<{tag}{cls}>{body}</{tag}>"


def _cell_text(tables: Tables, cell: GridCell) -> str:
    if cell.path is None:
        return cell.text
    value = tables.get(cell.path)
    return "" if value is None else str(value)


def table_html(fmt: TableFormat, key: str, tables: Tables) -> str:
    """One official table with its merged header cells (from the format's grid)."""
    grid = {"t2": fmt.t2_grid, "t3": fmt.t3_grid, "t4": fmt.t4_grid}[key]()
    rows = []
    for _row, cells in groupby(sorted(grid, key=lambda c: (c.row, c.col)), key=lambda c: c.row):
        tds = []
        for cell in cells:
            tag = "th" if cell.kind in ("header", "caption", "note") else "td"
            span = (f" rowspan='{cell.rowspan}'" if cell.rowspan > 1 else "") + (
                f" colspan='{cell.colspan}'" if cell.colspan > 1 else "")
            tds.append(f"<{tag}{span}>{html.escape(_cell_text(tables, cell))}</{tag}>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f"<table class='nb-table nb-{key}'>{''.join(rows)}</table>"


def document_html(doc: Document) -> str:
    """The draft with its tables, as the Word document will read (before the typography)."""
    draft = doc.narrative
    if draft is None:
        return "<p>还没有草稿：在“起草”页点“起草”后，这里显示全文。</p>"
    fmt = doc.report.fmt
    table_of = {s.key: s.table for s in fmt.sections if s.table}
    parts = [f"<h2 style='text-align:center'>{html.escape(draft.title)}</h2>"]
    parts += [_paragraph(text) for text in draft.preamble]
    done: set[str] = set()
    for section in draft.sections:
        parts.append(f"<h3>{html.escape(section.heading)}</h3>")
        parts += [_paragraph(text) for text in section.paragraphs]
        table = table_of.get(section.key or "")
        if table and table not in done:
            parts.append(table_html(fmt, table, doc.report.tables))
            done.add(table)
    parts += [f"<p style='text-align:right'>{html.escape(line)}</p>" for line in draft.closing if line.strip()]
    return "<div class='nb-document'>" + "".join(parts) + "</div>"
