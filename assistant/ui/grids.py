"""The three official tables as editable grids (lists of rows) and back: labels from the format YAML.

Table 二 is shown long (栏目, 信息内容, 指标, 数值), table 三 as its 25 (23) rows × 7 columns, table 四 as its 3 groups × 5.
Totals (总计 column, （七）总计 row, table 四 总计) are recomputed from their parts on every change.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError, describe_validation_error
from assistant.formats import TableFormat, format_for_year, load_format, report_sections
from assistant.model import Amount, Report, with_field_label
from assistant.patterns import lazy_compile


def table_label(table: str) -> str:
    """A table's caption from its section title in the format YAML: "t3" -> "表三 收到和处理政府信息公开申请情况"."""
    title = next(s.title for s in report_sections() if s.table == table)
    number, _, name = title.partition("、")
    return f"表{number} {name}"


def t2_headers() -> list[str]:
    return ["栏目", "信息内容", "指标", "数值"]


def t3_headers(fmt: TableFormat) -> list[str]:
    return ["项目"] + [c.label for c in fmt.t3_columns]


def t4_headers(fmt: TableFormat) -> list[str]:
    return ["类别"] + [c.label for c in fmt.t4_columns]


def empty_headers() -> tuple[list[str], list[str], list[str]]:
    """The three grids' column labels before a unit is open: those of the format a new unit gets (the year's)."""
    from assistant.ui.handlers import default_report_year

    fmt = load_format(format_for_year(default_report_year()))
    return t2_headers(), t3_headers(fmt), t4_headers(fmt)


def t3_row_title(fmt: TableFormat, key: str) -> str:
    row = next(r for r in fmt.t3_rows if r.key == key)
    return " ".join([*row.groups[1:], row.label])


def _shown(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Amount):
        return str(value.value.normalize()) if value.value != value.value.to_integral() else int(value.value)
    return value


def report_grids(report: Report) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    """Rows of the three grids for a report, in the official order."""
    fmt, tables = report.fmt, report.tables
    t2 = [[block.caption, row.label, col.label, _shown(tables.get(f"t2.{row.key}.{col.key}"))]
          for block, row, col in fmt.t2_cells()]
    t3 = [[t3_row_title(fmt, r.key)] + [_shown(tables.get(f"t3.{r.key}.{c.key}")) for c in fmt.t3_columns]
          for r in fmt.t3_rows]
    t4 = [[TableFormat.t4_group_name(g)] + [_shown(tables.get(f"t4.{g['key']}.{c.key}")) for c in fmt.t4_columns]
          for g in fmt.t4_groups]
    return t2, t3, t4


CARRIED_STYLE = "background-color: #fff3cd"  # a cell carried over from last year (as in the preview)


def styled_grids(report: Report, carried: list[str]) -> tuple[Any, Any, Any]:
    """:func:`report_grids`, the cells in ``carried`` shaded (Gradio's Dataframe value with its styling)."""
    fmt = report.fmt
    grids = report_grids(report)
    if not carried:
        return grids
    positions = {f"t2.{row.key}.{col.key}": ("t2", i, 3) for i, (_b, row, col) in enumerate(fmt.t2_cells())}
    positions |= {f"t3.{r.key}.{c.key}": ("t3", i, j + 1) for i, r in enumerate(fmt.t3_rows)
                  for j, c in enumerate(fmt.t3_columns)}
    out: list[Any] = []
    for name, rows in zip(("t2", "t3", "t4"), grids, strict=True):
        styling = [["" for _ in row] for row in rows]
        for path in carried:
            table, i, j = positions.get(path, ("", 0, 0))
            if table == name:
                styling[i][j] = CARRIED_STYLE
        out.append({"data": rows, "metadata": {"styling": styling, "display_value": None}}
                   if any(any(r) for r in styling) else rows)
    return out[0], out[1], out[2]


_WHOLE = {"count": lazy_compile(r"[0-9]+(?:\.0*)?"), "signed": lazy_compile(r"[+-]?[0-9]+(?:\.0*)?")}


def typed_text(value: str) -> str:
    """A figure as typed: the full-width digits, commas, signs and spaces of a Chinese input method made plain (NFKC:
    １，２３４ -> 1,234), thousands separators dropped, trimmed."""
    return unicodedata.normalize("NFKC", value).strip().replace(",", "")


def _cell(value: Any, where: str, kind: str = "count") -> Any:
    """A grid cell as typed by a user: '' -> blank (None); digits (full-width too) -> a whole number; anything else
    (1.5, -2, 1e3, 12件) -> InputError naming the cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        text = typed_text(value)
        if text == "":
            return None
        if kind == "amount":
            return text
        if not _WHOLE.get(kind, _WHOLE["count"]).fullmatch(text):
            raise InputError(f"{where}：应为{'整数' if kind == 'signed' else '非负整数'}，实为“{value.strip()}”")
        value = int(text.split(".")[0])
    if kind == "amount":
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise InputError(f"{where}：应为整数，实为 {value}")
        value = int(value)
    if kind == "count" and value < 0:
        raise InputError(f"{where}：应为非负整数，实为 {value}")
    return value


def _rows(rows: Any) -> list[list[Any]]:
    """Accept a pandas DataFrame, a {'data': ...} payload or a list of rows."""
    if rows is None:
        return []
    if hasattr(rows, "values") and hasattr(rows, "columns"):
        return [list(r) for r in rows.values.tolist()]
    if isinstance(rows, dict):
        return [list(r) for r in rows.get("data", [])]
    return [list(r) for r in rows]


def _check_shape(fmt: TableFormat, t2_rows: list[list[Any]], t3_rows: list[list[Any]], t4_rows: list[list[Any]]) -> None:
    """The grids are fixed: a row or column added or deleted would shift figures into other categories."""
    expected = {"t2": (len(fmt.t2_cells()), len(t2_headers())), "t3": (len(fmt.t3_rows), len(fmt.t3_columns) + 1),
                "t4": (len(fmt.t4_groups), len(fmt.t4_columns) + 1)}
    for table, rows in (("t2", t2_rows), ("t3", t3_rows), ("t4", t4_rows)):
        n_rows, n_cols = expected[table]
        if len(rows) != n_rows or any(len(r) != n_cols for r in rows):
            raise InputError(f"{table_label(table)}：行或列的数目被改变了（应为 {n_rows} 行 {n_cols} 列），"
                             "未保存；表格的行和列是固定的，请刷新页面后重新填写")


def tables_from_grids(fmt: TableFormat, t2_rows: Any, t3_rows: Any, t4_rows: Any) -> dict[str, Any]:
    """The ``tables`` mapping of an input file from edited grids; totals left out so the model recomputes them.
    Every bad cell is named at once (one InputError listing them all)."""
    t2_rows, t3_rows, t4_rows = _rows(t2_rows), _rows(t3_rows), _rows(t4_rows)
    _check_shape(fmt, t2_rows, t3_rows, t4_rows)
    problems: list[str] = []

    def cell(value: Any, path: str, kind: str = "count") -> Any:
        try:
            return _cell(value, fmt.label(path), kind)
        except InputError as exc:
            problems.append(exc.message)
            return None

    t2: dict[str, dict[str, Any]] = {}
    for (_block, row, col), values in zip(fmt.t2_cells(), t2_rows, strict=False):
        t2.setdefault(row.key, {})[col.key] = cell(values[-1], f"t2.{row.key}.{col.key}", col.type)
    t3: dict[str, dict[str, Any]] = {}
    for row, values in zip(fmt.t3_rows, t3_rows, strict=False):
        if row.is_total:
            continue  # （七）总计 is computed
        t3[row.key] = {col.key: cell(value, f"t3.{row.key}.{col.key}")
                       for col, value in zip(fmt.t3_columns, values[1:], strict=False) if not col.is_total}
    t4: dict[str, dict[str, Any]] = {}
    for group, values in zip(fmt.t4_groups, t4_rows, strict=False):
        t4[group["key"]] = {col.key: cell(value, f"t4.{group['key']}.{col.key}")
                            for col, value in zip(fmt.t4_columns, values[1:], strict=False) if not col.is_total}
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(f"有{len(problems)}个单元格填写有误，未保存：", problems)
    return {"t2": t2, "t3": t3, "t4": t4}


def labelled_problems(fmt: TableFormat, problems: list[str]) -> list[str]:
    """Validation lines with a table cell's path (``tables.t2.admin_license.decisions：…``) named by its labels
    (``表二 第二十条第（五）项 行政许可「本年处理决定数量」：…``), as the clerk sees the cell."""
    out = []
    for line in problems:
        path, sep, rest = line.partition("：")
        cell = path.removeprefix("tables.")
        out.append(f"{fmt.label(cell)}{sep}{rest}" if path.startswith("tables.") and cell in fmt.labels
                   else with_field_label(line))
    return out


def report_with_grids(report: Report, t2_rows: Any, t3_rows: Any, t4_rows: Any,
                      meta: dict[str, Any] | None = None, notes: dict[str, Any] | None = None) -> Report:
    """A new Report: the old one with edited meta, notes and grids (validated; totals recomputed)."""
    data = report.model_dump(mode="json")
    if meta:
        data["meta"].update({k: v for k, v in meta.items() if k != "contact"})
        data["meta"]["contact"].update(meta.get("contact", {}))
    if notes is not None:
        data["notes"] = notes
    data["tables"] = tables_from_grids(report.fmt, t2_rows, t3_rows, t4_rows)
    year, fmt = data["meta"].get("year"), report.fmt
    if isinstance(year, int) and format_for_year(year) != report.table_format:
        fmt = load_format(format_for_year(year))
        data["tables"] = _convert_tables(data["tables"], report.fmt, fmt)
        data["meta"]["format_version"] = None
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise InputError("填写有误", labelled_problems(fmt, describe_validation_error(exc))) from exc


def _convert_tables(tables: dict[str, Any], source: TableFormat, fmt: TableFormat) -> dict[str, Any]:
    """The tables of ``source`` in format ``fmt`` (the year moved into another format's years): rows both formats
    share are kept, table 二 starts empty (its columns differ), table 四 is the same. Counts in a row the other
    format lacks (2019's single （六）其他处理 row) are not guessed into another row: the user is asked to move them."""
    for key, cells in tables["t3"].items():
        if key not in fmt.t3_row_keys and any(cells.values()):
            label = next((r.label for r in source.t3_rows if r.key == key), key)
            raise InputError(f"表三“{label}”有数字，{fmt.version}年版表格没有这一行：请先清空或改填到对应的行，再修改年度")
    return {"t2": {}, "t3": {k: v for k, v in tables["t3"].items() if k in fmt.t3_row_keys}, "t4": tables["t4"]}


def _loose_number(value: Any) -> int | None:
    try:
        number = float(str(value).strip().replace(",", ""))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def with_totals(fmt: TableFormat, table: str, rows: Any) -> list[list[Any]]:
    """A table 三 or 四 grid with its 总计 column (and table 三's （七）总计 row) recomputed as the user types;
    a cell that is not a number counts as blank here (saving names it)."""
    grid = _rows(rows)
    columns = fmt.t3_columns if table == "t3" else fmt.t4_columns
    total_col = next((j + 1 for j, c in enumerate(columns) if c.is_total), None)
    parts = [j + 1 for j, c in enumerate(columns) if not c.is_total]
    if total_col is None:
        return grid
    for row in grid:
        if len(row) > total_col:
            row[total_col] = sum(_loose_number(row[j]) or 0 for j in parts if j < len(row))
    if table == "t3":
        total_row = next((i for i, r in enumerate(fmt.t3_rows) if r.is_total), None)
        results = [i for i, r in enumerate(fmt.t3_rows) if r.key in fmt.result_keys]
        if total_row is not None and total_row < len(grid):
            for j in range(1, len(grid[total_row])):
                grid[total_row][j] = sum(_loose_number(grid[i][j]) or 0 for i in results if i < len(grid))
    return grid


def apply_cell_changes(report: Report, changes: dict[str, Any]) -> Report:
    """A new Report with the given cells (paths such as ``t3.new_received.natural_person``) set; totals recomputed.

    Totals are recomputed from their parts, so a change may name parts only.
    """
    fmt = report.fmt
    known = set(fmt.labels)
    for path in changes:
        if path not in known:
            raise InputError(f"{path}：不是{fmt.version}年版表格中的单元格")
    t2, t3, t4 = report_grids(report)
    data = report.model_dump(mode="json")
    data["tables"] = tables_from_grids(fmt, t2, t3, t4)
    for path, value in changes.items():
        table, row, col = path.split(".")
        if col == "total" or row == "result_total":
            continue
        data["tables"][table].setdefault(row, {})[col] = value
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise InputError("修改后的表格有误", labelled_problems(fmt, describe_validation_error(exc))) from exc
