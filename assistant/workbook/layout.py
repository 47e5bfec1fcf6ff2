"""Where everything sits in the workbooks of ``nianbao template``: sheet names, the value cell (or wide column) of
every table path and field key, and every label cell the reader checks.

Two shapes:
- **unit**: one workbook per unit, laid out like the official tables (sheets 基本信息, 表二, 表三, 表四, 情况说明);
- **wide**: one workbook whose 汇总 sheet holds one row per unit (3 merged header rows, then the units).

Every table label comes from ``assistant.formats`` and every field name from the model's field titles.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from openpyxl.utils import get_column_letter

from assistant.formats import TABLE_NAMES, Column, GridCell, TableFormat, load_format
from assistant.model import ORGAN_KINDS, Contact, Meta, Notes, OtherFigures

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


Shape = Literal["unit", "wide"]


def shape_of(sheet_names: Collection[str]) -> Shape:
    """A workbook's shape from its sheet names: "wide" with a 汇总 sheet and no 基本信息, else "unit"."""
    return "wide" if SHEET_WIDE in sheet_names and SHEET_META not in sheet_names else "unit"


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


class _Placed:
    """A cell of a sheet, at a 1-based row and column."""

    sheet: str
    row: int
    col: int

    @property
    def coord(self) -> str:
        """The cell as Excel names it ("D7")."""
        return f"{get_column_letter(self.col)}{self.row}"


@dataclass(frozen=True)
class CellSpec(_Placed):
    """Where one value lives: sheet, 1-based row and column, and what it holds."""

    key: str  # table path (t3.granted.natural_person) or field key (meta.year, notes.proactive)
    sheet: str
    row: int
    col: int
    kind: str  # count | signed | amount | amount_unit (an amount in the column's unit) | a FieldSpec kind


@dataclass(frozen=True)
class LabelSpec(_Placed):
    """A label the workbook must hold unchanged (a header, a row label): where, and its text."""

    sheet: str
    row: int
    col: int
    text: str


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


def _t2_column(fmt: TableFormat, path: str) -> Column:
    """The table 二 column of a cell path ("t2.fees.amount")."""
    _table, row, col = path.split(".")
    return next(c for b in fmt.t2_blocks for c in b.columns if c.key == col and any(r.key == row for r in b.rows))


def column_unit(version: int, path: str) -> str | None:
    """The unit a table 二 column states in its header ("万元"), or None."""
    return _t2_column(load_format(version), path).unit


def _value_kind(fmt: TableFormat, path: str) -> str:
    if not path.startswith("t2."):
        return "count"
    column = _t2_column(fmt, path)
    if column.type == "amount":
        return "amount_unit" if column.unit else "amount"
    return column.type


@cache
def unit_layout(version: int) -> UnitLayout:
    fmt = load_format(version)
    values: dict[str, CellSpec] = {}
    labels: list[LabelSpec] = []
    grids = {SHEET_T2: tuple(fmt.t2_grid()), SHEET_T3: tuple(fmt.t3_grid()), SHEET_T4: tuple(fmt.t4_grid())}

    def field_rows(sheet: str, headers: Sequence[str], fields: Sequence[FieldSpec]) -> None:
        """A sheet of fields: the column headers on row 1, then one field a row (its label, then its value)."""
        for i, text in enumerate(headers):
            labels.append(LabelSpec(sheet, 1, i + 1, text))
        for row, spec in enumerate(fields, start=2):
            labels.append(LabelSpec(sheet, row, 1, spec.label))
            values[spec.key] = CellSpec(spec.key, sheet, row, 2, spec.kind)

    field_rows(SHEET_META, META_COLUMN_HEADERS, meta_fields())
    for sheet, grid in grids.items():
        for cell in grid:
            row, col = cell.row + GRID_TOP, cell.col + 1
            if cell.kind == "value" and cell.path:
                values[cell.path] = CellSpec(cell.path, sheet, row, col, _value_kind(fmt, cell.path))
            elif cell.text:
                labels.append(LabelSpec(sheet, row, col, cell.text))
    field_rows(SHEET_NOTES, NOTE_COLUMN_HEADERS[:1], note_fields())  # of its headers only the first is checked
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
