"""What a batch came to: 汇总.xlsx and 汇总.html (one row per unit, 内容雷同 pairs), and the summary text that
``nianbao batch`` prints and the UI's 批量 tab shows."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from assistant.atomic import atomic_write_text
from assistant.model import CATEGORY_LABELS

if TYPE_CHECKING:
    from assistant.batch.work import UnitResult

SUMMARY_XLSX = "汇总.xlsx"
SUMMARY_HTML = "汇总.html"

STATUS_LABELS = {
    "ok": "已生成定稿",
    "review": "因错误未生成定稿",
    "input_error": "输入无法读取",
    "failed": "处理出错",
}


@dataclass
class SimilarUnits:
    """Two units of a batch whose drafts read alike (内容雷同)."""

    first: str  # the units' organs (with the input file when two units are one organ)
    second: str
    similarity: float


@dataclass
class BatchSummary:
    results: list[UnitResult]
    processed: int
    skipped: int
    seconds: float
    files: list[Path]
    similar: list[SimilarUnits] = field(default_factory=list)
    similar_unchecked: int = 0  # pairs the shingles found possibly alike beyond those compared (see similar_units)

    @property
    def ok(self) -> bool:
        return all(r.done for r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def unit_name(result: UnitResult) -> str:
    """How the summaries name a unit to a user: its organ's name; the input file when it could not be read."""
    return result.organ or result.source


def similar_units(results: list[UnitResult]) -> tuple[list[SimilarUnits], int]:
    """Every pair of drafted units whose texts (names and numbers masked) are alike beyond the threshold, by difflib's
    ratio, the most alike first (at most LISTED_PAIRS are compared: see :func:`assistant.similarity.alike_pairs`); and
    how many more pairs the shingles found possibly alike without comparing them."""
    from assistant.similarity import alike_pairs

    drafted = [r for r in results if r.masked_text and r.signature]
    pairs, unchecked = alike_pairs([r.masked_text for r in drafted], [r.signature for r in drafted], LISTED_PAIRS)
    organs = Counter(r.organ for r in drafted)
    names = [r.organ if organs[r.organ] == 1 else f"{r.organ}（{r.source}）" for r in drafted]  # one organ twice
    return [SimilarUnits(names[p.first], names[p.second], p.similarity) for p in pairs], unchecked


# --------------------------------------------------------------------------------------------------------------
# 汇总.xlsx and 汇总.html


def _categories(results: list[UnitResult]) -> list[str]:
    """Categories with any count, in the model's order (input errors first)."""
    seen = {c for r in results for c in r.counts}
    return [c for c in ("input", *CATEGORY_LABELS) if c in seen]


def _category_label(cat: str) -> str:
    return "输入" if cat == "input" else CATEGORY_LABELS[cat]


SUMMARY_HEADERS = ("序号", "单位", "来源", "状态", "本次", "错误", "警告")


def summary_rows(results: list[UnitResult]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of 汇总: one row per unit, error/warning counts per category, the first error, the files.

    单位 is the organ's name (blank when the input could not be read); 来源 the input file (and row) it came from, for
    the clerk who must open and fix it; 文件 links the unit's outputs."""
    cats = _categories(results)
    header = [*SUMMARY_HEADERS]
    for cat in cats:
        header += [f"{_category_label(cat)}·错误", f"{_category_label(cat)}·警告"]
    header += ["首个错误", "文件"]
    rows = []
    for i, r in enumerate(results, 1):
        row: list[Any] = [i, r.organ, r.source, STATUS_LABELS[r.status], "跳过（未变）" if r.skipped else "处理",
                          r.errors, r.warnings]
        for cat in cats:
            c = r.counts.get(cat, {})
            row += [c.get("error", 0), c.get("warning", 0)]
        row += [r.first_error, r.files]
        rows.append(row)
    return header, rows


SIMILAR_SHEET = "内容雷同"
SIMILAR_HEADERS = ("序号", "单位", "相似的单位", "相似度")


# At most this many pairs are compared by difflib and listed in 汇总 (the most alike first); how many more the shingles
# found possibly alike is given. Units that share their notes pair with nearly every other unit: 1,000 such units gave
# 84,016 pairs, a sheet nobody reads and 760 MB to write it.
LISTED_PAIRS = 1000


def similar_note(pairs: int = 0, unchecked: int = 0) -> str:
    from assistant.similarity import THRESHOLD

    listed = f"共{pairs}对，下表列出相似度最高的{LISTED_PAIRS}对；" if pairs > LISTED_PAIRS else ""
    more = (f"另有{unchecked}对单位按4字片段估计也可能相似，未逐一比较（只比较了估计最相似的{LISTED_PAIRS}对）；"
            if unchecked else "")
    return (f"以下各对单位的正文（遮去机关名称和数字后）相似度超过{THRESHOLD:.2f}，"
            f"可能相互照搬（内容雷同）；{listed}{more}请核对并按各自实际情况修改。")


def write_summary(results: list[UnitResult], outdir: Path, similar: list[SimilarUnits] | None = None,
                  unchecked: int = 0) -> list[Path]:
    """``similar`` and ``unchecked``: from :func:`similar_units`."""
    header, rows = summary_rows(results)
    note = similar_note(len(similar or []), unchecked)
    return [_summary_xlsx(header, rows, results, outdir / SUMMARY_XLSX, similar or [], note),
            _summary_html(header, rows, results, outdir / SUMMARY_HTML, similar or [], note)]


def file_headers(name: str, columns: int) -> list[str]:
    """The headers of 汇总.xlsx's file columns (a link per cell): "文件" for one, "文件1" "文件2" … for several."""
    return [name] if columns <= 1 else [f"{name}{i}" for i in range(1, columns + 1)]


def _summary_xlsx(header: list[str], rows: list[list[Any]], results: list[UnitResult], path: Path,
                  similar: list[SimilarUnits], note: str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from assistant.sheet_text import as_text_cells, set_text
    from assistant.workbook.write import save_workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    links = max((len(row[-1]) for row in rows), default=1)  # one link per cell: as many file columns as the most files
    ws.append([*header[:-1], *file_headers(header[-1], links)])
    bold = Font(bold=True)
    for c in ws[1]:
        c.font, c.alignment = bold, Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.fill = PatternFill("solid", fgColor="F2F2F2")
    fills = {"ok": "E2EFDA", "review": "FCE4D6", "input_error": "F8CBAD", "failed": "F8CBAD"}
    link_font = Font(color="0563C1", underline="single")
    files_col = len(header)
    for row, r in zip(rows, results, strict=True):
        files = row[-1]
        ws.append([*row[:-1], None])
        n = ws.max_row
        as_text_cells(ws[n])  # names and messages come from the inputs: text, never formulas
        ws.cell(n, 4).fill = PatternFill("solid", fgColor=fills[r.status])
        for j, rel in enumerate(files):  # one link per cell: the files, then further columns
            cell = ws.cell(n, files_col + j)
            set_text(cell, Path(rel).name)
            cell.hyperlink = rel
            cell.font = link_font
    first_error_col = files_col - 1
    for col in range(1, files_col + 4):
        if col <= len(SUMMARY_HEADERS):
            width = (6, 18, 24, 20, 12, 7, 7)[col - 1]
        else:
            width = 60 if col == first_error_col else 28 if col >= files_col else 9
        ws.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in ws.iter_rows(min_row=2, min_col=first_error_col, max_col=first_error_col):
        row_cells[0].alignment = wrap
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(files_col - 1)}{max(1, ws.max_row)}"
    pairs = wb.create_sheet(SIMILAR_SHEET)
    pairs.append([note])
    pairs.append(list(SIMILAR_HEADERS))
    for c in pairs[2]:
        c.font, c.fill = bold, PatternFill("solid", fgColor="F2F2F2")
    for i, pair in enumerate(similar[:LISTED_PAIRS], 1):
        pairs.append([i, pair.first, pair.second, pair.similarity])
    if not similar:
        pairs.append(["", "没有相似度超过阈值的单位"])
    for letter, width in zip("ABCD", (6, 28, 28, 9), strict=True):
        pairs.column_dimensions[letter].width = width
    return save_workbook(wb, path)


def _summary_html(header: list[str], rows: list[list[Any]], results: list[UnitResult], path: Path,
                  similar: list[SimilarUnits], note: str) -> Path:
    esc = html.escape
    done = sum(1 for r in results if r.done)
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = []
    for row, r in zip(rows, results, strict=True):
        cells = [f"<td>{esc(str(v))}</td>" for v in row[:-1]]
        links = "<br>".join(f'<a href="{quote(rel)}">{esc(Path(rel).name)}</a>' for rel in row[-1])
        body.append(f'<tr class="{r.status}">{"".join(cells)}<td>{links}</td></tr>')
    pair_rows = "".join(f"<tr><td>{i}</td><td>{esc(p.first)}</td><td>{esc(p.second)}</td><td>{p.similarity:.2f}</td></tr>"
                        for i, p in enumerate(similar[:LISTED_PAIRS], 1))
    pair_head = "".join(f"<th>{esc(h)}</th>" for h in SIMILAR_HEADERS)
    similar_html = (f'<h2 id="similar">{SIMILAR_SHEET}（{len(similar)} 对）</h2><p>{esc(note)}</p>'
                    + (f"<table><thead><tr>{pair_head}</tr></thead><tbody>{pair_rows}</tbody></table>" if similar
                       else "<p>没有相似度超过阈值的单位。</p>"))
    text = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>批量起草汇总</title>
<style>
body{{font-family:"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em}}
table{{border-collapse:collapse;font-size:13px}}
th,td{{border:1px solid #999;padding:3px 6px;vertical-align:top}}
th{{background:#f2f2f2;position:sticky;top:0}}
tr.ok td:nth-child(4){{background:#e2efda}} tr.review td:nth-child(4){{background:#fce4d6}}
tr.input_error td:nth-child(4),tr.failed td:nth-child(4){{background:#f8cbad}}
</style></head><body>
<h1>批量起草汇总</h1>
<p>共 {len(results)} 个单位，已生成定稿 {done} 个，未生成定稿 {len(results) - done} 个。</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table>
{similar_html}
</body></html>
"""
    return atomic_write_text(path, text)


NAMED_AT_MOST = 10  # units named in the UI's one line


def _not_final(summary: BatchSummary) -> str:
    """The units without a final document, each named with why (the UI's one line would otherwise only count them)."""
    missed = [f"{unit_name(r)}（{STATUS_LABELS[r.status]}：{r.first_error}）" for r in summary.results if not r.done]
    more = f"等 {len(missed)} 个（全部见汇总）" if len(missed) > NAMED_AT_MOST else ""
    return "未生成定稿：" + "、".join(missed[:NAMED_AT_MOST]) + more if missed else ""


def summary_text(summary: BatchSummary, where: str | None = None, short: bool = False) -> str:
    """What a batch came to, in Chinese: ``nianbao batch`` prints it whole, the UI's 批量 tab shows it ``short`` (one
    line: the units by status, 内容雷同, where 汇总 is). ``where`` says where 汇总 is (its paths when not given)."""
    where = "、".join(str(p) for p in summary.files) if where is None else where
    counts = "，".join(f"{label} {summary.count(status)} 个" for status, label in STATUS_LABELS.items()
                      if summary.count(status))
    headline = f"共 {len(summary.results)} 个单位：{counts}"
    similar = ""
    if summary.similar:
        top = summary.similar[0]
        similar = (f"内容雷同：{len(summary.similar)} 对单位的正文相似度超过阈值（见汇总的“内容雷同”表），最高："
                   f"{top.first} 与 {top.second}（{top.similarity:.2f}）")
    if short:
        return "；".join(part for part in (headline, _not_final(summary), similar, f"汇总：{where}") if part)
    lines = [headline, f"本次处理 {summary.processed} 个，跳过 {summary.skipped} 个（输入与输出均未变）；"
                       f"用时 {summary.seconds:.1f} 秒"]
    lines += [f"  ✗ {unit_name(r)}（{STATUS_LABELS[r.status]}）：{r.first_error}" for r in summary.results if not r.done]
    if similar:
        lines.append(similar)
    lines.append(f"汇总：{where}")
    return "\n".join(lines)
