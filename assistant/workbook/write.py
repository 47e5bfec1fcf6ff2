"""Write the workbooks staff fill in Excel or WPS (``nianbao template``), empty or filled from Reports, in the
positions of :mod:`assistant.workbook.layout`: styles, input hints, data validation, print set-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assistant.atomic import atomic_path
from assistant.errors import InputError, os_reason
from assistant.formats import GridCell, current_format, known_versions, load_format, versions_text
from assistant.model import ORGAN_KINDS, Amount, Report
from assistant.names import safe_file_name
from assistant.sheet_text import set_text
from assistant.workbook.layout import (
    BLANK_MARKER,
    GRID_TOP,
    META_COLUMN_HEADERS,
    NOTE_COLUMN_HEADERS,
    SHEET_META,
    SHEET_NOTES,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    SHEET_WIDE,
    TABLE_SHEETS,
    WIDE_DATA_ROW,
    column_unit,
    meta_fields,
    note_fields,
    unit_layout,
    wide_layout,
)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


# --------------------------------------------------------------------------------------------------------------
# Values: model -> cell


def cell_value(report: Report, key: str, kind: str) -> Any:
    """The value a cell holds for ``key`` in a filled-in workbook (the blank marker for a blank table cell)."""
    if key.startswith("notes."):
        items = getattr(report.notes, key.split(".", 1)[1])
        return "\n".join(items) or None
    if key[:3] in ("t2.", "t3.", "t4."):
        value = report.tables.get(key)
        if value is None:
            return BLANK_MARKER
        if isinstance(value, Amount):
            fmt_unit = column_unit(report.table_format, key)
            if value.unit == fmt_unit or (kind == "amount" and value.unit is None):
                return _number(value.value)
            return str(value)
        return value
    obj: Any = report
    for part in key.split("."):
        obj = getattr(obj, part)
    if isinstance(obj, Decimal):
        return _number(obj)
    return obj


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --------------------------------------------------------------------------------------------------------------
# Data validation


def _validations() -> dict[str, DataValidation]:
    blank_hint = f"无则填 0；确需留空请填“{BLANK_MARKER}”"

    def dv(kind: str, error: str, **kw: Any) -> DataValidation:
        v = DataValidation(allow_blank=True, showErrorMessage=True, errorStyle="warning", errorTitle="填写有误",
                           error=error, **kw)
        v.promptTitle = kind
        return v

    return {
        "count": dv("count", f"应填写非负整数（{blank_hint}）", type="whole", operator="greaterThanOrEqual",
                    formula1="0"),
        "signed": dv("signed", f"应填写整数，减少填负数（{blank_hint}）", type="whole", operator="between",
                     formula1="-999999999", formula2="999999999"),
        "amount_unit": dv("amount_unit", f"应填写不小于 0 的数字（{blank_hint}）", type="decimal",
                          operator="greaterThanOrEqual", formula1="0"),
        "decimal": dv("decimal", "应填写不小于 0 的数字", type="decimal", operator="greaterThanOrEqual",
                      formula1="0"),
        "year": dv("year", "应填写年度，如 2024", type="whole", operator="between", formula1="2019",
                   formula2="2100"),
        "kind": dv("kind", "请从下拉列表中选择", type="list", formula1='"' + ",".join(ORGAN_KINDS) + '"'),
        "format": dv("format", f"应为 {versions_text()}", type="list",
                     formula1='"' + ",".join(str(v) for v in known_versions()) + '"'),
        "date": dv("date", "应填写日期，如 2025-01-20", type="date", operator="greaterThan", formula1="36526"),
    }


def _attach(ws: Worksheet, dvs: dict[str, DataValidation]) -> None:
    for v in dvs.values():
        if v.sqref:
            ws.add_data_validation(v)


_NUMBER_FORMATS = {"count": "0", "signed": "0", "year": "0", "date": "yyyy-mm-dd", "code": "@", "text": "@",
                   "kind": "@", "notes": "@"}


def _style_input(cell: Any, kind: str) -> None:
    cell.border = _BORDER
    cell.fill = _INPUT_FILL
    cell.alignment = _LEFT if kind in ("text", "code", "notes", "kind") else _CENTER
    if kind in _NUMBER_FORMATS:
        cell.number_format = _NUMBER_FORMATS[kind]


def _put(cell: Any, value: Any) -> None:
    if isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        set_text(cell, value)  # staff's text (organ names, notes) never becomes a formula


# --------------------------------------------------------------------------------------------------------------
# Writing workbooks


def unit_workbook(version: int, report: Report | None = None, organ_name: str | None = None,
                  year: int | None = None) -> Workbook:
    """A unit-shape workbook of one format, empty or filled from ``report`` (organ name/year pre-filled if given)."""
    layout = unit_layout(version)
    fmt = load_format(version)
    wb = Workbook()
    wb.remove(wb.active)
    titles = {s.table: s.title for s in fmt.sections if s.table}
    prefill: dict[str, Any] = {"meta.format_version": version}
    if organ_name:
        prefill["meta.organ_name"] = organ_name
        guessed = guess_organ_kind(organ_name)
        if guessed:
            prefill["meta.organ_kind"] = guessed
    if year:
        prefill["meta.year"] = year

    # 基本信息
    ws = wb.create_sheet(SHEET_META)
    dvs = _validations()
    for i, text in enumerate(META_COLUMN_HEADERS):
        c = ws.cell(1, i + 1, text)
        c.font, c.alignment, c.border, c.fill = _BOLD, _CENTER, _BORDER, _HEADER_FILL
    for i, spec in enumerate(meta_fields()):
        row = i + 2
        label = ws.cell(row, 1, spec.label)
        label.border, label.alignment = _BORDER, _LEFT
        value_cell = ws.cell(row, 2)
        _style_input(value_cell, spec.kind)
        _put(value_cell, cell_value(report, spec.key, spec.kind) if report else prefill.get(spec.key))
        if spec.kind in dvs:
            dvs[spec.kind].add(value_cell.coordinate)
        hint = ws.cell(row, 3, spec.hint or None)
        hint.border, hint.alignment = _BORDER, _LEFT
    _attach(ws, dvs)
    _widths(ws, {1: 24, 2: 44, 3: 60})
    ws.freeze_panes = "B2"

    # 表二, 表三, 表四
    widths = {SHEET_T2: {1: 30, 2: 18, 3: 18, 4: 18},
              SHEET_T3: {1: 6, 2: 12, 3: 46} | {c: 10 for c in range(4, 11)},
              SHEET_T4: dict.fromkeys(range(1, 16), 9)}
    for table, sheet in TABLE_SHEETS.items():
        ws = wb.create_sheet(sheet)
        dvs = _validations()
        grid = layout.grids[sheet]
        width = max(c.col + c.colspan for c in grid)
        ws.cell(1, 1, titles[table]).font = _TITLE
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        for cell in grid:
            row, col = cell.row + GRID_TOP, cell.col + 1
            target = ws.cell(row, col)
            if cell.kind == "value" and cell.path:
                kind = layout.values[cell.path].kind
                _style_input(target, kind)
                if report is not None:
                    _put(target, cell_value(report, cell.path, kind))
                if kind in dvs:
                    dvs[kind].add(target.coordinate)
            else:
                target.value = cell.text
                target.alignment = _LEFT if cell.kind == "label" and cell.colspan > 1 else _CENTER
                if cell.kind in ("header", "caption", "note"):
                    target.font = _BOLD
                if cell.fill:
                    target.fill = PatternFill("solid", fgColor=cell.fill)
                elif cell.kind == "header":
                    target.fill = _HEADER_FILL
            for r in range(row, row + cell.rowspan):
                for c in range(col, col + cell.colspan):
                    ws.cell(r, c).border = _BORDER
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                               end_column=col + cell.colspan - 1)
        _attach(ws, dvs)
        _widths(ws, widths[sheet])
        _fit_rows(ws, grid, widths[sheet])
        _print_setup(ws)
        header_rows = {SHEET_T2: 1, SHEET_T3: 3, SHEET_T4: 3}[sheet]
        first_value_col = {SHEET_T2: 2, SHEET_T3: 4, SHEET_T4: 1}[sheet]
        ws.freeze_panes = f"{get_column_letter(first_value_col)}{GRID_TOP + header_rows}"
        if sheet == SHEET_T3:
            ws.row_dimensions[GRID_TOP].height = 24
            ws.row_dimensions[GRID_TOP + 2].height = 36

    # 情况说明
    ws = wb.create_sheet(SHEET_NOTES)
    for i, text in enumerate(NOTE_COLUMN_HEADERS):
        c = ws.cell(1, i + 1, text)
        c.font, c.alignment, c.border, c.fill = _BOLD, _CENTER, _BORDER, _HEADER_FILL
    for i, spec in enumerate(note_fields()):
        label = ws.cell(i + 2, 1, spec.label)
        label.border, label.alignment = _BORDER, _LEFT
        target = ws.cell(i + 2, 2, cell_value(report, spec.key, "notes") if report else None)
        _style_input(target, "notes")
        ws.row_dimensions[i + 2].height = 60
    _widths(ws, {1: 18, 2: 100})
    ws.freeze_panes = "B2"
    wb.properties.subject = f"nianbao unit {version}"
    return wb


def wide_workbook(version: int, units: Sequence[str] = (), reports: Sequence[Report] = (),
                  year: int | None = None, spare_rows: int = 200) -> Workbook:
    """A wide workbook: the 汇总 sheet with one row per unit (names from ``units``, or filled from ``reports``)."""
    layout = wide_layout(version)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_WIDE
    for label in layout.labels:
        c = ws.cell(label.row, label.col, label.text)
        c.font, c.alignment, c.fill = _BOLD, _CENTER, _HEADER_FILL
    for r in (1, 2, 3):
        for col in layout.columns:
            ws.cell(r, col.col).border = _BORDER
    for r1, c1, r2, c2 in layout.merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    n = max(len(units), len(reports))
    last = WIDE_DATA_ROW + n - 1 + spare_rows
    dvs = _validations()
    for col in layout.columns:
        letter = get_column_letter(col.col)
        if col.kind in dvs:
            dvs[col.kind].add(f"{letter}{WIDE_DATA_ROW}:{letter}{last}")
        width = 30 if col.kind in ("text", "notes") else 14 if col.kind in ("code", "date", "kind") else 10
        if col.key == "meta.organ_name":
            width = 26
        ws.column_dimensions[letter].width = width
        if col.kind in _NUMBER_FORMATS:
            ws.column_dimensions[letter].number_format = _NUMBER_FORMATS[col.kind]
    for i in range(n):
        row = WIDE_DATA_ROW + i
        report = reports[i] if i < len(reports) else None
        prefill: dict[str, Any] = {"meta.format_version": version}
        if report is None and i < len(units):
            prefill["meta.organ_name"] = units[i]
            kind = guess_organ_kind(units[i])
            if kind:
                prefill["meta.organ_kind"] = kind
            if year:
                prefill["meta.year"] = year
        for col in layout.columns:
            value = cell_value(report, col.key, col.kind) if report else prefill.get(col.key)
            if value is not None:
                target = ws.cell(row, col.col)
                _put(target, value)
                if col.kind in ("code", "text"):
                    target.number_format = "@"
    _attach(ws, dvs)
    ws.row_dimensions[2].height = 60
    ws.row_dimensions[3].height = 30
    ws.freeze_panes = f"B{WIDE_DATA_ROW}"
    wb.properties.subject = f"nianbao wide {version}"
    return wb


def _fit_rows(ws: Worksheet, grid: Sequence[GridCell], widths: Mapping[int, float]) -> None:
    """Taller rows where a wrapped label needs more than one line (Excel does not grow merged rows itself)."""
    lines: dict[int, int] = {}
    for cell in grid:
        if not cell.text or cell.rowspan > 1:
            continue
        width = sum(widths.get(c + 1, 9) for c in range(cell.col, cell.col + cell.colspan))
        need = -(-len(cell.text) * 2 // max(1, int(width) - 1))  # a CJK character is about 2 width units
        lines[cell.row] = max(lines.get(cell.row, 1), need)
    for row, n in lines.items():
        if n > 1:
            ws.row_dimensions[row + GRID_TOP].height = 15 * n + 3


def _print_setup(ws: Worksheet) -> None:
    """Landscape, all columns on one page width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _widths(ws: Worksheet, widths: Mapping[int, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def guess_organ_kind(name: str) -> str | None:
    """The organ kind a name plainly states (乡镇 or 街道), else None."""
    core = name.removesuffix("人民政府").removesuffix("办事处")
    if core.endswith("街道"):
        return "街道"
    if core.endswith(("镇", "乡")):
        return "乡镇"
    return None


def read_units_list(path: Path) -> list[str]:
    """One unit name per line (blank lines and lines starting with # skipped)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}：无法读取（{os_reason(exc)}）") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}：不是 UTF-8 编码的文本文件") from exc
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    if not names:
        raise InputError(f"{path}：没有单位名称（每行一个）")
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise InputError(f"{path}：单位名称“{n}”重复")
        seen.add(n)
    return names


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Save atomically (temp file in the same folder, then rename)."""
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def template_paths(out: Path, units: Sequence[str] = (), shape: str | None = None) -> list[Path]:
    """The workbooks ``nianbao template`` writes for ``out``: one (unit or wide), or one per unit in a folder."""
    if (shape or ("wide" if units else "unit")) == "wide" or not units:
        return [_xlsx(out)]
    folder = out.with_suffix("") if out.suffix.lower() == ".xlsx" else out
    return [folder / f"{safe_file_name(name)}.xlsx" for name in units]


def write_templates(out: Path, version: int | None = None, units: Sequence[str] = (), shape: str | None = None,
                    year: int | None = None) -> list[Path]:
    """``nianbao template``: one workbook (unit or wide), or with units in the unit shape, one per unit in ``out``."""
    version = version or current_format().version
    shape = shape or ("wide" if units else "unit")
    targets = template_paths(out, units, shape)
    if shape == "wide":
        return [save_workbook(wide_workbook(version, units, year=year), targets[0])]
    if not units:
        return [save_workbook(unit_workbook(version, year=year), targets[0])]
    targets[0].parent.mkdir(parents=True, exist_ok=True)
    return [save_workbook(unit_workbook(version, organ_name=name, year=year), path)
            for name, path in zip(units, targets, strict=True)]


def _xlsx(path: Path) -> Path:
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
