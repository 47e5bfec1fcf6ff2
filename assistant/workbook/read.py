"""Read the workbooks of ``nianbao template`` (unit shape or wide 汇总 shape) into Reports, by the positions of
:mod:`assistant.workbook.layout`.

Errors name the file, sheet and cell ("竹亭镇.xlsx 表三 D7：应为非负整数，实为“一”"). Empty value cells are left out of
the input, like omitted cells of an input file: a count becomes 0, a total is computed. A blank marker ("/", "—")
makes a cell deliberately blank. Totals that are given are kept, and the figure rules check them.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from assistant.errors import InputError, describe_validation_error
from assistant.formats import current_format, known_versions, versions_text
from assistant.model import AmountInput, Report, with_field_label
from assistant.patterns import lazy_compile
from assistant.readers.archive import check_package
from assistant.readers.files import check_path
from assistant.workbook.layout import (
    BLANK_MARKERS,
    SHEET_META,
    SHEET_WIDE,
    UNIT_SHEETS,
    WIDE_DATA_ROW,
    LabelSpec,
    Shape,
    shape_of,
    unit_layout,
    wide_layout,
)

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
_OMIT = object()  # an empty cell: left out of the input data
_INT_RE = lazy_compile(r"^[+-]?\d+$")
_CN_DATE_RE = lazy_compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")
_AMOUNT = TypeAdapter(AmountInput)
_MAX_DATE_SERIAL = 2958466  # Excel's serial of 10000-01-01


@dataclass
class SheetUnit:
    """One unit read from a workbook: its Report, or the InputError that stopped reading it."""

    name: str
    source: str
    shape: str  # "unit" or "wide"
    version: int | None = None
    row: int | None = None  # the 汇总 row (wide shape)
    report: Report | None = None
    error: InputError | None = field(default=None, repr=False)

    def cell_ref(self, key: str) -> str | None:
        """Where a cell path or field key sits in this unit's workbook: "表三 J28" or "汇总 AB7"."""
        if self.version is None:
            return None
        if self.shape == "wide" and self.row is not None:
            return wide_layout(self.version).ref(key, self.row)
        return unit_layout(self.version).ref(key)


class _CellError(Exception):
    pass


class _Formula(str):
    """A formula cell with no computed result (a workbook saved by a program, never by Excel or WPS)."""


# --------------------------------------------------------------------------------------------------------------
# Cell values


def _shown(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else str(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    text = str(value).strip()
    return text or None


def _cell_text(value: str, drop: str = "") -> Any:
    """A text cell's text (NFKC, without ``drop``): _OMIT when empty, None for a blank marker."""
    text = unicodedata.normalize("NFKC", value).strip()
    if drop:
        text = text.replace(drop, "")
    if not text:
        return _OMIT
    return None if value.strip() in BLANK_MARKERS or text in BLANK_MARKERS else text


def parse_int(value: Any, signed: bool = False) -> Any:
    """A count (or signed change) from a cell: int, None for a blank marker, _OMIT for an empty cell."""
    what = "整数" if signed else "非负整数"
    if value is None:
        return _OMIT
    if isinstance(value, bool) or isinstance(value, datetime | date):
        raise _CellError(f"应为{what}，实为{_shown(_text(value))}")
    if isinstance(value, float):
        if not value.is_integer():
            raise _CellError(f"应为{what}，实为{value:g}")
        value = int(value)
    if isinstance(value, str):
        text = _cell_text(value, drop=",")
        if text is _OMIT or text is None:
            return text
        if not _INT_RE.match(text):
            raise _CellError(f"应为{what}，实为{_shown(value.strip())}")
        value = int(text)
    if isinstance(value, int):
        if value < 0 and not signed:
            raise _CellError(f"应为{what}，实为{value}")
        return value
    raise _CellError(f"应为{what}，实为{_shown(str(value))}")


def parse_amount(value: Any) -> Any:
    """An amount: a number (in the column's unit) or text such as "12.5万元"; None for a blank marker."""
    if value is None:
        return _OMIT
    if isinstance(value, str):
        value = _cell_text(value)
        if value is _OMIT or value is None:
            return value
    elif isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _CellError(f"应为金额（如 12.5），实为{_shown(str(value))}")
    try:
        amount = _AMOUNT.validate_python(value)
    except ValidationError as exc:
        raise _CellError(f"应为不小于 0 的金额（如 12.5 或 1400000元），实为{_shown(value)}") from exc
    if amount.unit is None:
        return str(amount.value) if isinstance(value, str) else amount.value
    return str(amount)


def _parse_decimal(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return _OMIT
    if isinstance(value, bool):
        raise _CellError(f"应为数字，实为{_shown(str(value))}")
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").removesuffix("元")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise _CellError(f"应为数字，实为{_shown(str(value))}") from exc
    if not number.is_finite():  # "nan", "inf"
        raise _CellError(f"应为数字，实为{_shown(str(value))}")
    if number < 0:
        raise _CellError(f"应为不小于 0 的数字，实为{value}")
    return number


def _parse_field(value: Any, kind: str) -> Any:
    if kind in ("year", "format"):
        shown = value
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().removesuffix("年版").removesuffix("年")
        try:
            return parse_int(value)
        except _CellError as exc:
            what = "年度（如 2024）" if kind == "year" else f"表格格式 {versions_text()}"
            raise _CellError(f"应为{what}，实为{_shown(shown)}") from exc
    if kind == "date":
        if value is None:
            return _OMIT
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):  # a date serial in a cell not formatted as date
            from openpyxl.utils.datetime import from_excel

            if not 1 <= value < _MAX_DATE_SERIAL:
                raise _CellError(f"应为日期（如 2025-01-20），实为{value}")
            return from_excel(value).date()
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if not text:
            return _OMIT
        m = _CN_DATE_RE.match(text)
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else date.fromisoformat(text)
        except ValueError as exc:
            raise _CellError(f"应为日期（如 2025-01-20），实为{_shown(text)}") from exc
    if kind == "decimal":
        return _parse_decimal(value)
    shown = _text(value)
    return _OMIT if shown is None else shown


def parse_cell(value: Any, kind: str) -> Any:
    if isinstance(value, _Formula):
        raise _CellError(f"是公式{_shown(str(value))}，但没有计算结果（请在 Excel 或 WPS 中打开并保存后再读取，或直接填写数值）")
    if kind == "count":
        return parse_int(value)
    if kind == "signed":
        return parse_int(value, signed=True)
    if kind in ("amount", "amount_unit"):
        return parse_amount(value)
    return _parse_field(value, kind)


@cache
def _key_parts(key: str) -> tuple[str, ...]:
    parts = key.split(".")
    return ("tables", *parts) if parts[0] in ("t2", "t3", "t4") else tuple(parts)


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    """Put ``value`` at a dotted key: ``t3.granted.total`` goes under ``tables``."""
    *parents, last = _key_parts(key)
    node = data
    for p in parents:
        node = node.setdefault(p, {})
    node[last] = value


def _key_of_path(path: str) -> str:
    """A pydantic error path ("tables.t3.x.y", "meta.year") -> our key ("t3.x.y", "meta.year")."""
    return path.removeprefix("tables.")


# --------------------------------------------------------------------------------------------------------------
# Workbooks


class _Sheet:
    """A sheet's values as a list of row tuples (read once; read-only worksheets are slow to index)."""

    def __init__(self, ws: Any):
        self.rows = [tuple(r) for r in ws.iter_rows(values_only=True)]

    def mark_uncomputed(self, formulas: Any) -> None:
        """Put a _Formula where the same sheet read with formulas (``formulas``) has one and the values have none."""
        for i, frow in enumerate(formulas.iter_rows(values_only=True)):
            if i >= len(self.rows):
                break
            row = self.rows[i]
            marked = tuple(_Formula(f) if v is None and isinstance(f, str) and f.startswith("=") else v
                           for v, f in zip(row, frow, strict=False))
            self.rows[i] = marked + row[len(marked):]

    def get(self, row: int, col: int) -> Any:
        if row - 1 < len(self.rows):
            r = self.rows[row - 1]
            if col - 1 < len(r):
                return r[col - 1]
        return None


def _norm(text: Any) -> str:
    return re.sub(r"\s+", "", str(text or ""))


def _label_problems(sheets: dict[str, _Sheet], labels: tuple[LabelSpec, ...]) -> list[tuple[LabelSpec, Any]]:
    return [(lab, sheets[lab.sheet].get(lab.row, lab.col)) for lab in labels
            if lab.sheet in sheets and _norm(sheets[lab.sheet].get(lab.row, lab.col)) != _norm(lab.text)]


def _open(path: Path, data_only: bool = True) -> Any:
    from openpyxl import load_workbook

    check_path(path, MAX_WORKBOOK_BYTES, "工作簿", path.name)
    if path.suffix.lower() == ".xls":
        raise InputError(f"{path.name}：是旧版 .xls 工作簿，请在 Excel 或 WPS 中另存为 .xlsx")
    if data_only:  # the first opening of this file (the formulas are read after it)
        check_package(path, path.name, "工作簿")
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(f"{path.name}：无法作为 Excel 工作簿（.xlsx）打开（文件已损坏或不是 .xlsx 格式）") from None


_FORMULA_RE = lazy_compile(rb"<(?:\w+:)?f[ >]")


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return any(_FORMULA_RE.search(zf.read(n)) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def _read_sheets(path: Path, wb: Any, names: Sequence[str]) -> dict[str, _Sheet]:
    """The named sheets' values; a formula Excel or WPS never computed is read as a _Formula, not as empty."""
    sheets = {n: _Sheet(wb[n]) for n in names}
    if sheets and _has_formulas(path):
        formulas = _open(path, data_only=False)
        try:
            for n, sheet in sheets.items():
                sheet.mark_uncomputed(formulas[n])
        finally:
            formulas.close()
    return sheets


_SHEET_NAME_RE = lazy_compile(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')


def workbook_shape(path: Path) -> Shape:
    """A workbook's shape ("unit" or "wide") from its sheet list only, without loading it; "unit" when the sheet
    list can't be read (reading the workbook then names the problem)."""
    try:
        with zipfile.ZipFile(path) as zf:
            text = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return "unit"
    return shape_of(set(_SHEET_NAME_RE.findall(text)))


def read_xlsx(path: str | Path) -> list[SheetUnit]:
    """Read a workbook of either shape; every unit comes back, with its Report or its error."""
    path = Path(path)
    try:
        wb = _open(path)
    except InputError as exc:
        return [SheetUnit(path.stem, path.name, "unit", error=exc)]
    try:
        names = wb.sheetnames
        wide = shape_of(names) == "wide"
        sheets = _read_sheets(path, wb, [SHEET_WIDE] if wide else [n for n in UNIT_SHEETS if n in names])
    finally:
        wb.close()
    if wide:
        return _read_wide(path, sheets[SHEET_WIDE])
    unit = SheetUnit(path.stem, path.name, "unit")
    try:
        unit.version, unit.report = _read_unit(path, sheets)
    except InputError as exc:
        unit.error = exc
        unit.version = getattr(exc, "layout_version", None)
    return [unit]


def load_xlsx_report(path: str | Path) -> Report:
    """The Report of a unit-shape workbook (or a wide workbook holding one unit); InputError otherwise."""
    units = read_xlsx(path)
    if len(units) != 1:
        raise InputError(f"{Path(path).name}：汇总表中有 {len(units)} 个单位，请用 nianbao batch 处理")
    if units[0].error is not None:
        raise units[0].error
    assert units[0].report is not None
    return units[0].report


def load_workbook_reports(path: str | Path) -> list[Report]:
    """The Reports of a workbook of either shape; InputError (the first unit's error) when any unit can't be read."""
    units = read_xlsx(path)
    for unit in units:
        if unit.error is not None:
            raise unit.error
    return [u.report for u in units if u.report is not None]


def _fail(problems: list[str], file: str, version: int | None) -> InputError:
    if len(problems) == 1:
        err = InputError(problems[0])
    else:
        err = InputError(f"{file}：有 {len(problems)} 处填写错误", problems)
    err.layout_version = version  # type: ignore[attr-defined]
    return err


def _pick_version(sheets: dict[str, _Sheet], labels_of: Any, declared: Any) -> tuple[int, list[tuple[LabelSpec, Any]]]:
    """The layout whose labels the workbook has (fewest mismatches; the declared format breaks a tie)."""
    scored = []
    for v in known_versions():
        bad = _label_problems(sheets, labels_of(v))
        scored.append((len(bad), 0 if declared == v else 1, v, bad))
    scored.sort(key=lambda s: (s[0], s[1]))
    return scored[0][2], scored[0][3]


def _label_lines(file: str, bad: list[tuple[LabelSpec, Any]]) -> list[str]:
    lines = [f"{file} {lab.sheet} {lab.coord}：应为“{lab.text}”，实为{_shown(found) if found is not None else '空白'}"
             "（请勿改动表头、行标签或增删行列）" for lab, found in bad[:5]]
    if len(bad) > 5:
        lines.append(f"{file}：另有 {len(bad) - 5} 处表头或行标签与模板不符")
    return lines


def _collect(file: str, fields: Sequence[tuple[str, str]], values: Sequence[Any],
             where: Callable[[int], str | None]) -> tuple[dict[str, Any], list[str], set[str]]:
    """Parse each (key, kind) field's value into input data; problems name the cell (``where(i)``); the keys of the
    cells that could not be read."""
    data: dict[str, Any] = {}
    problems: list[str] = []
    unread: set[str] = set()
    for i, (key, kind) in enumerate(fields):
        try:
            value = parse_cell(values[i], kind)
        except _CellError as exc:
            problems.append(f"{file} {where(i)}：{exc}")
            unread.add(key)
            continue
        if value is not _OMIT:
            _set(data, key, value)
    return data, problems, unread


def _validated(file: str, data: dict[str, Any], ref: Any, problems: list[str], unread: set[str],
               version: int | None) -> Report:
    """The Report of the cells read; else one InputError with all of the unit's problems at once: the cells that
    could not be read (``problems``, their keys ``unread``) and whatever the model refuses of the rest (a wrong
    机关类型 with them, not on the next run), but not a cell already reported as missing."""
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        for line in describe_validation_error(exc):
            path, _, text = line.partition("：")
            key = _key_of_path(path)
            if key in unread:
                continue
            where = ref(key)
            problems = [*problems, f"{file} {where}：{text}" if where else f"{file}：{with_field_label(line)}"]
    else:
        if not problems:
            return report
    raise _fail(problems, file, version)


def _read_unit(path: Path, sheets: dict[str, _Sheet]) -> tuple[int, Report]:
    file = path.name
    missing = [n for n in UNIT_SHEETS if n not in sheets]
    if missing:
        raise _fail([f"{file}：缺少工作表{'、'.join(f'“{n}”' for n in missing)}"
                     f"（应有：{'、'.join(UNIT_SHEETS)}）"], file, None)
    declared = sheets[SHEET_META].get(unit_layout(current_format().version).values["meta.format_version"].row, 2)
    version, bad = _pick_version(sheets, lambda v: unit_layout(v).labels, _maybe_int(declared))
    if bad:
        raise _fail(_label_lines(file, bad), file, version)
    layout = unit_layout(version)
    specs = list(layout.values.values())
    data, problems, unread = _collect(file, [(c.key, c.kind) for c in specs],
                                      [sheets[c.sheet].get(c.row, c.col) for c in specs],
                                      lambda i: layout.named_ref(specs[i].key))
    return version, _validated(file, data, layout.named_ref, problems, unread, version)


def _maybe_int(value: Any) -> int | None:
    try:
        return int(str(value).strip()[:4])
    except (TypeError, ValueError):
        return None


@dataclass
class WideRows:
    """The filled rows of a wide workbook, read but not yet parsed (parsing can happen in another process)."""

    file: str
    stem: str
    version: int | None
    rows: list[tuple[int, str, tuple[Any, ...]]]  # (row number, unit name, raw cell values)
    error: InputError | None = None


def wide_rows(path: Path, sheet: Any = None) -> WideRows:
    """Check a wide workbook's header and collect its filled rows with each unit's name."""
    file = path.name
    if sheet is None:
        wb = _open(path)
        try:
            sheet = _read_sheets(path, wb, [SHEET_WIDE])[SHEET_WIDE]
        finally:
            wb.close()
    version, bad = _pick_version({SHEET_WIDE: sheet}, lambda v: wide_layout(v).labels, None)
    if bad:
        return WideRows(file, path.stem, version, [], _fail(_label_lines(file, bad), file, version))
    layout = wide_layout(version)
    name_col = layout.column("meta.organ_name")
    short_col = layout.column("meta.short_name")
    assert name_col is not None and short_col is not None
    rows = []
    for row in range(WIDE_DATA_ROW, len(sheet.rows) + 1):
        values = sheet.rows[row - 1]
        if all(_text(v) is None for v in values):
            continue
        name = _text(sheet.get(row, short_col.col)) or _text(sheet.get(row, name_col.col)) or f"{path.stem}第{row}行"
        rows.append((row, name, values))
    if not rows:
        return WideRows(file, path.stem, version, [],
                        InputError(f"{file} {SHEET_WIDE}：第 {WIDE_DATA_ROW} 行起没有填写任何单位"))
    return WideRows(file, path.stem, version, rows)


def read_wide_row(file: str, version: int, row: int, name: str, values: Sequence[Any]) -> SheetUnit:
    """One unit of a wide workbook from its row's raw values."""
    layout = wide_layout(version)
    unit = SheetUnit(name, f"{file} 第{row}行", "wide", version=version, row=row)
    columns = layout.columns
    padded = [values[c.col - 1] if c.col - 1 < len(values) else None for c in columns]
    data, problems, unread = _collect(file, [(c.key, c.kind) for c in columns], padded,
                                      lambda i: layout.named_ref(columns[i].key, row))
    try:
        unit.report = _validated(file, data, lambda key: layout.named_ref(key, row), problems, unread, version)
    except InputError as exc:
        unit.error = exc
    return unit


def _read_wide(path: Path, sheet: _Sheet) -> list[SheetUnit]:
    rows = wide_rows(path, sheet)
    if rows.error is not None or rows.version is None:
        return [SheetUnit(path.stem, path.name, "wide", version=rows.version, error=rows.error)]
    return [read_wide_row(rows.file, rows.version, row, name, values) for row, name, values in rows.rows]
