"""Spreadsheet workbooks staff fill in Excel or WPS, and the layout the xlsx reader reads them by.

Two shapes:
- **unit**: one workbook per unit, laid out like the official tables (sheets 基本信息, 表二, 表三, 表四, 情况说明);
- **wide**: one workbook whose 汇总 sheet holds one row per unit (3 merged header rows, then the units).

Every table label comes from ``assistant.formats`` and every field name from the model's field titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assistant.formats import FORMAT_VERSIONS, TABLE_NAMES, GridCell, TableFormat, load_format
from assistant.model import ORGAN_KINDS, Amount, Contact, Meta, Notes, OtherFigures, Report
from assistant.sheet_text import set_text

SHEET_META = "基本信息"
SHEET_T2, SHEET_T3, SHEET_T4 = TABLE_NAMES["t2"], TABLE_NAMES["t3"], TABLE_NAMES["t4"]
SHEET_NOTES = "情况说明"
SHEET_WIDE = "汇总"
UNIT_SHEETS = (SHEET_META, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_NOTES)
TABLE_SHEETS = {"t2": SHEET_T2, "t3": SHEET_T3, "t4": SHEET_T4}

# What staff may write for a cell that is deliberately blank (blank is not 0: rule A5.blank reports it).
BLANK_MARKER = "/"
BLANK_MARKERS = frozenset({"/", "／", "—", "——", "－", "-", "空白"})

GRID_TOP = 2  # table grids start on row 2, under a title row
WIDE_DATA_ROW = 4  # the wide sheet: 3 header rows, then one row per unit
NOTE_COLUMN_HEADERS = ("方面", "情况说明（每条一行，可在单元格内按 Alt+Enter 换行）")
META_COLUMN_HEADERS = ("项目", "填写内容", "说明")

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


# --------------------------------------------------------------------------------------------------------------
# Fields outside the tables (基本信息 and 情况说明), named by the model's own titles


@dataclass(frozen=True)
class FieldSpec:
    """A non-table input: its dotted key in the input data (``meta.contact.phone``), label, value kind and hint."""

    key: str
    label: str
    kind: str  # text | code | kind | year | format | date | decimal
    hint: str = ""


_META_KINDS = {"organ_kind": "kind", "year": "year", "format_version": "format", "sign_date": "date",
               "postcode": "code", "phone": "code"}
_REQUIRED = ("organ_name", "organ_kind", "year")


@cache
def meta_fields() -> tuple[FieldSpec, ...]:
    """基本信息 rows: the Meta fields (contact flattened), then the figures outside the tables."""
    out: list[FieldSpec] = []
    for name, info in Meta.model_fields.items():
        if name == "contact":
            for cname, cinfo in Contact.model_fields.items():
                out.append(FieldSpec(f"meta.contact.{cname}", f"{info.title}·{cinfo.title}",
                                     _META_KINDS.get(cname, "text"), cinfo.description or ""))
            continue
        hint = info.description or ""
        if name in _REQUIRED:
            hint = "必填" + (f"；{hint}" if hint else "")
        if name == "organ_kind":
            hint += "；可选：" + "、".join(ORGAN_KINDS)
        if name == "sign_date":
            hint = "如 2025-01-20"
        out.append(FieldSpec(f"meta.{name}", str(info.title), _META_KINDS.get(name, "text"), hint))
    for name, info in OtherFigures.model_fields.items():
        out.append(FieldSpec(f"other_figures.{name}", str(info.title), "decimal", info.description or ""))
    return tuple(out)


@cache
def note_fields() -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(f"notes.{name}", str(info.title), "notes") for name, info in Notes.model_fields.items())


# --------------------------------------------------------------------------------------------------------------
# Layouts


@dataclass(frozen=True)
class CellSpec:
    """Where one value lives: sheet, 1-based row and column, and what it holds."""

    key: str  # table path (t3.granted.natural_person) or field key (meta.year, notes.proactive)
    sheet: str
    row: int
    col: int
    kind: str  # count | signed | amount | amount_unit (an amount in the column's unit) | a FieldSpec kind

    @property
    def coord(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"


@dataclass(frozen=True)
class LabelSpec:
    sheet: str
    row: int
    col: int
    text: str

    @property
    def coord(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"


@dataclass(frozen=True)
class UnitLayout:
    """The unit-shape workbook of one format: every value cell and every label cell."""

    version: int
    values: dict[str, CellSpec]  # key -> cell, in sheet order (基本信息, 表二, 表三, 表四, 情况说明)
    labels: tuple[LabelSpec, ...]
    grids: dict[str, tuple[GridCell, ...]]

    def ref(self, key: str) -> str | None:
        """"表三 D7" for a cell path or field key; None when the key has no cell."""
        spec = self.values.get(key)
        return f"{spec.sheet} {spec.coord}" if spec else None

    def named_ref(self, key: str) -> str | None:
        """The cell and what it holds, for messages: "基本信息 B6（报告年度）", "表三 D7（（一）予以公开「自然人」）"."""
        ref = self.ref(key)
        return f"{ref}（{field_label(self.version, key)}）" if ref else None


def _value_kind(fmt: TableFormat, path: str) -> str:
    table, row, col = path.split(".")
    if table != "t2":
        return "count"
    column = next(c for b in fmt.t2_blocks for c in b.columns if c.key == col and any(r.key == row for r in b.rows))
    if column.type == "amount":
        return "amount_unit" if column.unit else "amount"
    return column.type


@cache
def unit_layout(version: int) -> UnitLayout:
    fmt = load_format(version)
    values: dict[str, CellSpec] = {}
    labels: list[LabelSpec] = []
    grids = {SHEET_T2: tuple(fmt.t2_grid()), SHEET_T3: tuple(fmt.t3_grid()), SHEET_T4: tuple(fmt.t4_grid())}
    for i, text in enumerate(META_COLUMN_HEADERS):
        labels.append(LabelSpec(SHEET_META, 1, i + 1, text))
    for i, spec in enumerate(meta_fields()):
        labels.append(LabelSpec(SHEET_META, i + 2, 1, spec.label))
        values[spec.key] = CellSpec(spec.key, SHEET_META, i + 2, 2, spec.kind)
    for sheet, grid in grids.items():
        for cell in grid:
            row, col = cell.row + GRID_TOP, cell.col + 1
            if cell.kind == "value" and cell.path:
                values[cell.path] = CellSpec(cell.path, sheet, row, col, _value_kind(fmt, cell.path))
            elif cell.text:
                labels.append(LabelSpec(sheet, row, col, cell.text))
    for i, text in enumerate(NOTE_COLUMN_HEADERS[:1]):
        labels.append(LabelSpec(SHEET_NOTES, 1, i + 1, text))
    for i, spec in enumerate(note_fields()):
        labels.append(LabelSpec(SHEET_NOTES, i + 2, 1, spec.label))
        values[spec.key] = CellSpec(spec.key, SHEET_NOTES, i + 2, 2, spec.kind)
    return UnitLayout(version, values, tuple(labels), grids)


@dataclass(frozen=True)
class WideColumn:
    key: str
    col: int
    kind: str
    heads: tuple[str, str, str]  # header rows 1–3 ("" in row 2: row 3's label spans rows 2–3)


@dataclass(frozen=True)
class WideLayout:
    version: int
    columns: tuple[WideColumn, ...]
    labels: tuple[LabelSpec, ...]  # the top-left text of every header merge
    merges: tuple[tuple[int, int, int, int], ...]  # (row1, col1, row2, col2)

    def column(self, key: str) -> WideColumn | None:
        return next((c for c in self.columns if c.key == key), None)

    def ref(self, key: str, row: int) -> str | None:
        col = self.column(key)
        return f"{SHEET_WIDE} {get_column_letter(col.col)}{row}" if col else None

    def named_ref(self, key: str, row: int) -> str | None:
        """The cell and what it holds, for messages: "汇总 F7（报告年度）"."""
        ref = self.ref(key, row)
        return f"{ref}（{field_label(self.version, key)}）" if ref else None


def field_label(version: int, key: str) -> str:
    """What the workbook calls a value: a field's label ("报告年度") or a table cell's row and column labels
    ("（一）予以公开「自然人」"; the sheet already names the table)."""
    if key.split(".")[0] in TABLE_NAMES:
        return load_format(version).label(key).removeprefix(TABLE_NAMES[key.split(".")[0]]).strip()
    return next((f.label for f in (*meta_fields(), *note_fields()) if f.key == key), key)


@cache
def wide_layout(version: int) -> WideLayout:
    fmt = load_format(version)
    titles = {s.table: s.title for s in fmt.sections if s.table}
    heads: list[tuple[str, str, str, str]] = []  # key, kind, h1, h2, h3
    kinds: list[str] = []
    for spec in meta_fields():
        heads.append((spec.key, SHEET_META, "", spec.label))
        kinds.append(spec.kind)
    for block, row, col in fmt.t2_cells():
        path = f"t2.{row.key}.{col.key}"
        heads.append((path, titles["t2"], f"{block.caption} {row.label}", col.label))
        kinds.append(_value_kind(fmt, path))
    for t3_row in fmt.t3_rows:
        group = t3_row.groups[-1] if len(t3_row.groups) > 1 else ""
        for c in fmt.t3_columns:
            heads.append((f"t3.{t3_row.key}.{c.key}", titles["t3"], group + t3_row.label, c.label))
            kinds.append("count")
    for g in fmt.t4_groups:
        name = fmt.t4_group_name(g)
        for c in fmt.t4_columns:
            heads.append((f"t4.{g['key']}.{c.key}", titles["t4"], name, c.label))
            kinds.append("count")
    for spec in note_fields():
        heads.append((spec.key, SHEET_NOTES, "", spec.label))
        kinds.append("notes")
    columns = tuple(WideColumn(key, i + 1, kind, (h1, h2, h3)) for i, ((key, h1, h2, h3), kind)
                    in enumerate(zip(heads, kinds, strict=True)))
    labels: list[LabelSpec] = []
    merges: list[tuple[int, int, int, int]] = []

    def runs(level: int) -> Iterable[tuple[int, int]]:
        start = 0
        for i in range(1, len(columns) + 1):
            if i == len(columns) or columns[i].heads[: level + 1] != columns[start].heads[: level + 1]:
                yield start, i - 1
                start = i

    for level in (0, 1):
        for a, b in runs(level):
            text = columns[a].heads[level]
            if not text:
                continue
            labels.append(LabelSpec(SHEET_WIDE, level + 1, a + 1, text))
            if b > a:
                merges.append((level + 1, a + 1, level + 1, b + 1))
    for wc in columns:
        top = 3 if wc.heads[1] else 2
        labels.append(LabelSpec(SHEET_WIDE, top, wc.col, wc.heads[2]))
        if top == 2:
            merges.append((2, wc.col, 3, wc.col))
    return WideLayout(version, columns, tuple(labels), tuple(merges))


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
            fmt_unit = _column_unit(report.table_format, key)
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


def _column_unit(version: int, path: str) -> str | None:
    _t, row, col = path.split(".")
    fmt = load_format(version)
    return next(c.unit for b in fmt.t2_blocks for c in b.columns if c.key == col and any(r.key == row for r in b.rows))


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
        "format": dv("format", "应为 2019 或 2021", type="list",
                     formula1='"' + ",".join(str(v) for v in FORMAT_VERSIONS) + '"'),
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
        value = cell_value(report, spec.key, spec.kind) if report else prefill.get(spec.key)
        if spec.key == "meta.format_version" and report is not None and value is None:
            value = None  # leave the format to the tables' labels
        _put(value_cell, value)
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
    from assistant.errors import InputError

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}：无法读取（{exc.strerror}）") from exc
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
    from assistant.atomic import atomic_path

    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_templates(out: Path, version: int = 2021, units: Sequence[str] = (), shape: str | None = None,
                    year: int | None = None) -> list[Path]:
    """``nianbao template``: one workbook (unit or wide), or with units in the unit shape, one per unit in ``out``."""
    shape = shape or ("wide" if units else "unit")
    if shape == "wide":
        return [save_workbook(wide_workbook(version, units, year=year), _xlsx(out))]
    if not units:
        return [save_workbook(unit_workbook(version, year=year), _xlsx(out))]
    folder = out.with_suffix("") if out.suffix.lower() == ".xlsx" else out
    folder.mkdir(parents=True, exist_ok=True)
    return [save_workbook(unit_workbook(version, organ_name=name, year=year), folder / f"{safe_name(name)}.xlsx")
            for name in units]


def _xlsx(path: Path) -> Path:
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def safe_name(name: str) -> str:
    """A file/folder name from a unit name (see :func:`assistant.names.safe_file_name`)."""
    from assistant.names import safe_file_name

    return safe_file_name(name)
